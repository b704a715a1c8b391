"""The draft pipeline: load, choose clauses, render, inspect, and only then write."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draftkit import __version__
from draftkit.checking import check_clauses, check_glossary, check_profiles_against_registry
from draftkit.completeness import missing_pieces
from draftkit.composing import (
    DraftOptions,
    RenderedClause,
    build_contexts,
    render_clauses,
    select_clauses,
)
from draftkit.defaults import Policing
from draftkit.embedding import embed_manifest
from draftkit.errors import DraftkitError, RenderError, raise_if_any
from draftkit.inspection import document_lines, inspect_lines, open_document
from draftkit.instruments import ARRANGEMENT_WORDS, INSTRUMENTS, documents_for
from draftkit.library import Library, load_library
from draftkit.naming import output_name
from draftkit.provenance import clause_text_hash, file_hash, profile_hash
from draftkit.rendering import render_docx
from draftkit.reviews import UnapprovedError, describe_unapproved, unapproved_ids
from draftkit.templates import template_problems
from draftkit.text_rules import TEXT_HINT, text_problem
from draftkit.writing import write_files


@dataclass(frozen=True)
class Draft:
    """A finished draft in memory: file name -> bytes, manifest included."""

    town: str
    files: dict[str, bytes]
    manifest: dict[str, Any]


def prepare_draft(
    library: Library,
    town_name: str,
    doc: str,
    options: DraftOptions,
    policing: Policing | None = None,
) -> Draft:
    """Build the town's documents (``doc``: resolution, directive, addendum or all) in
    memory and inspect them.

    Raises:
        DraftkitError: unknown town or clause, a document the town's policing does not
            call for, a clause that does not apply, a template value the profile lacks,
            or a rendered document that fails inspection.
    """
    refused = [
        DraftkitError(f"sponsor {sponsor!r} (--sponsor): the value {problem}", hint=TEXT_HINT)
        for sponsor in options.sponsors
        if (problem := text_problem(sponsor)) is not None
    ]
    raise_if_any(refused)
    resolved = library.resolve_town(town_name, policing)
    town = resolved.loaded
    profile = town.value
    arrangement = profile.police.arrangement
    documents = documents_for(arrangement, doc)
    if documents is None:
        offered = ", ".join(d.kind for d in INSTRUMENTS[arrangement])
        raise DraftkitError(
            f"a town policed by {ARRANGEMENT_WORDS[arrangement]} gets no {doc}",
            hint=f"its documents are: {offered} (or --doc all)",
        )
    if not profile.governing_body.acts_by_resolution:
        raise town.error(
            ("governing_body", "acts_by_resolution"),
            f"the {profile.governing_body.name} does not act by resolution",
            hint="draftkit drafts resolutions; confirm with the clerk how the body adopts policy",
        )
    if options.final and resolved.from_defaults:
        raise DraftkitError(
            f"a final draft needs a confirmed profile; {profile.name} has only registry defaults",
            hint=f"write one with `draftkit towns new {resolved.slug}` and check it with the clerk",
        )
    clauses = select_clauses(library, town, options.clause_ids)
    statuses = {c.value.id: library.status(c.value.id) for c in clauses}
    unapproved = unapproved_ids(statuses, [c.value.id for c in clauses])
    if options.final and unapproved:
        raise UnapprovedError(
            "a final draft may contain only clauses approved at their current text; not "
            f"approved: {describe_unapproved(unapproved, statuses)}",
            hint="have a lawyer review them (`draftkit clauses review`), or draft without --final",
        )
    rendered = render_clauses(profile, clauses)
    notice = (
        f"Prepared from registry defaults, not a confirmed profile: confirm the "
        f"{profile.governing_body.name}, the officers' titles and the police agency "
        f"before filing."
        if resolved.from_defaults
        else ""
    )
    review_notice = (
        "Not yet approved by a reviewing lawyer at their current text: "
        + describe_unapproved(unapproved, statuses)
        + "."
        if unapproved
        else ""
    )
    contexts = build_contexts(
        library, town, rendered, options, notice=notice, review_notice=review_notice
    )
    manifest = {
        "draftkit_version": __version__,
        "date": options.date.isoformat(),
        "final": options.final,
        "town": {
            "name": profile.name,
            "profile": str(town.path.relative_to(library.root)),
            "from_defaults": resolved.from_defaults,
            "policing": arrangement,
            "profile_sha256": profile_hash(profile),
        },
        "clauses": [
            {
                "id": item.clause.value.id,
                "version": item.clause.value.version,
                "text_sha256": clause_text_hash(item.clause.value),
                "review": statuses[item.clause.value.id].state,
            }
            for item in rendered
        ],
        "templates": {
            document.kind: {
                "file": f"resolutions/{document.template}",
                "sha256": _template_hash(library, document.template),
            }
            for document in documents
        },
        "documents": {
            document.kind: output_name(options.date, resolved.slug, document.output)
            for document in documents
        },
    }
    files: dict[str, bytes] = {}
    problems: list[DraftkitError] = []
    for document in documents:
        name = output_name(options.date, resolved.slug, document.output)
        template = library.template_path(document.template)
        shown = str(template.relative_to(library.root))
        broken = template_problems(template, shown=shown)
        if broken:
            problems.extend(broken)
            continue
        try:
            data = render_docx(template, contexts[document.kind], shown=shown)
        except DraftkitError as problem:
            problems.append(problem)
            continue
        try:
            reopened = open_document(data)
        except RenderError as problem:
            problems.append(RenderError(problem.message, path=name))
            continue
        lines = document_lines(reopened)
        found = inspect_lines(lines, name=name, context=contexts[document.kind])
        found += missing_pieces(lines, template, contexts[document.kind], name=name)
        problems.extend(found)
        if not found:
            files[name] = embed_manifest(
                reopened,
                {
                    **manifest,
                    "document": {
                        "kind": document.kind,
                        "lines": lines,
                        "clause_lines": clause_lines(rendered, lines),
                    },
                },
            )
    raise_if_any(problems)
    manifest_bytes = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    # A draft of one document keeps its own record, so drafting the others later into the
    # same folder neither collides with it nor loses it.
    suffix = (
        "manifest.json"
        if doc == "all"
        else f"{documents[0].output.removesuffix('.docx')}.manifest.json"
    )
    files[output_name(options.date, resolved.slug, suffix)] = manifest_bytes
    return Draft(town=profile.name, files=files, manifest=manifest)


def _template_hash(library: Library, template: str) -> str:
    path = library.template_path(template)
    return file_hash(path) if path.is_file() else ""


def clause_lines(rendered: list[RenderedClause], lines: list[str]) -> dict[str, list[int]]:
    """Which lines of a document (by index) carry each clause's text."""
    found: dict[str, list[int]] = {}
    for item in rendered:
        fragments = [_plain(text) for text in _texts(item)]
        found[item.clause.value.id] = [
            index
            for index, line in enumerate(lines)
            if any(fragment and fragment in _plain(line) for fragment in fragments)
        ]
    return found


def _texts(item: RenderedClause) -> list[str]:
    texts = [*item.whereas, *item.resolved]
    for section in (item.directive, item.town_policy):
        if section is not None:
            texts += [section.heading, *section.paragraphs]
    # A recital is printed as "WHEREAS, <text>; and": match its body, not its ending.
    return [text.rstrip(" .;,") for text in texts]


def _plain(text: str) -> str:
    return " ".join(text.split())


def draft(
    root: Path,
    town_name: str,
    *,
    doc: str = "all",
    options: DraftOptions,
    out_dir: Path,
    force: bool = False,
    policing: Policing | None = None,
) -> list[Path]:
    """Draft a town's documents into ``out_dir``: the core of ``draftkit draft``.

    Everything is loaded, checked, rendered and inspected in memory before the first
    byte is written; then all files are written atomically, or none.

    Returns:
        The paths written, documents first and the manifest last.

    Raises:
        DraftkitError: any problem with the data, the templates or the output folder.
    """
    # Only the town drafted needs a sound profile: another town's broken file does not
    # stop this draft (`draftkit check` reports it).
    library = load_library(root, lenient_towns=True)
    raise_if_any(check_clauses(library) + check_glossary(library))
    resolved = library.resolve_town(town_name, policing)
    if not resolved.from_defaults:
        raise_if_any(check_profiles_against_registry(library, only=resolved.loaded))
    result = prepare_draft(library, town_name, doc, options, policing)
    return write_files(out_dir, result.files, force=force)


__all__ = ["Draft", "draft", "prepare_draft"]
