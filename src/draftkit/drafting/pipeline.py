"""The draft pipeline: load, choose clauses, render, inspect, and only then write."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from draftkit import __version__
from draftkit.data.defaults import Policing
from draftkit.data.library import Library, ResolvedTown, load_library
from draftkit.data.loading import Loaded
from draftkit.data.questions import BY_FIELD, unconfirmed
from draftkit.data.reviews import UnapprovedError, describe_unapproved, unapproved_ids
from draftkit.data.town_models import TownProfile
from draftkit.drafting.clause_lines import ClauseMatcher
from draftkit.drafting.composing import (
    DraftOptions,
    RenderedClause,
    clause_text_problems,
    render_clauses,
    select_clauses,
)
from draftkit.drafting.contexts import build_contexts
from draftkit.drafting.instruments import ARRANGEMENT_WORDS, INSTRUMENTS, documents_for, output_of
from draftkit.drafting.provenance import clause_text_hash, profile_hash
from draftkit.drafting.rendering import compiled_template, render_document, save_compiled_texts
from draftkit.drafting.sharing import shared_department
from draftkit.drafting.writing import write_files
from draftkit.errors import DraftkitError, ProblemList, each_problem, raise_if_any
from draftkit.naming import output_name
from draftkit.review.checking import check_profiles_against_registry, problems_for_drafts
from draftkit.text_rules import TEXT_HINT, text_problem
from draftkit.word.compiled_template import CompiledTemplate
from draftkit.word.completeness import missing_pieces
from draftkit.word.document_properties import SUBJECT, DocumentProperties, made_by, on_day
from draftkit.word.embedding import manifest_xml
from draftkit.word.inspection import inspect_lines


@dataclass(frozen=True)
class Draft:
    """A finished draft in memory: file name -> bytes, manifest included."""

    town: str
    files: dict[str, bytes]
    manifest: dict[str, Any]
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The values each document kind was rendered with (for previews and benchmarks)."""
    texts: dict[str, list[str]] = field(default_factory=dict)
    """Each Word document's text as ``style | text`` lines, by file name (for previews)."""


def prepare_draft(
    library: Library,
    town_name: str,
    doc: str,
    options: DraftOptions,
    policing: Policing | None = None,
    *,
    label: str | None = None,
    profile: TownProfile | None = None,
    only: str | None = None,
) -> Draft:
    """Build the town's documents (``doc``: resolution, directive, addendum or all) in
    memory and inspect them. ``label`` goes into the file names after the town's
    (``2026-11-27-addison-sheriff-...``), for a town drafted under two arrangements.

    ``profile`` replaces the facts of the town ``town_name`` names (the web service's
    corrected answers, checked with :func:`draftkit.data.profiles.profile_text`); whether
    they stand on a confirmed profile or on registry defaults stays as resolved.

    ``only`` names one output file (the web service's download of a single document):
    only that document is rendered and inspected, and it is the same document, manifest
    included, as the whole draft's; the manifest names every document of ``doc`` (their
    names and templates need no rendering). The draft then holds that document, if any
    document has that name, and the manifest.

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
    if profile is not None:
        town = Loaded(value=profile, source=town.source)
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
    # Everything --final refuses, listed together rather than one per run.
    not_final: list[DraftkitError] = []
    if options.final and resolved.from_defaults:
        not_final.append(
            DraftkitError(
                f"a final draft needs a confirmed profile; {profile.name} has only "
                "registry defaults",
                hint=f"write one with `draftkit towns new {resolved.slug}` and check it with "
                "the clerk",
            )
        )
    to_confirm = [] if resolved.from_defaults else unconfirmed(profile)
    if options.final and to_confirm:
        shown = town.source.shown
        not_final.append(
            DraftkitError(
                f"a final draft needs every fact it prints confirmed; {shown} does not confirm "
                + ", ".join(to_confirm),
                hint=f"answer them with `draftkit towns new {resolved.slug} --force` (type each "
                f"answer), or add `--set FIELD=VALUE --confirm FIELD` to it, or list them under "
                f"confirmed: in {shown} once checked with the clerk",
            )
        )
    stem = f"{resolved.slug}-{label}" if label else resolved.slug
    outputs = {d.kind: output_of(d, profile.governing_body.name) for d in documents}
    # One department, one directive: where a town and a village share a department, both
    # drafts attach the directive drafted for the municipality whose officials adopt its
    # policies (second counsel review 2026-12-01, M1).
    shared = shared_department(library, profile)
    owner = shared.owner if shared is not None else None
    area = shared.area if shared is not None else None
    bodies = shared.bodies if shared is not None else None
    if (
        owner is not None
        and options.final
        and (owner.from_defaults or unconfirmed(owner.loaded.value))
    ):
        not_final.append(
            DraftkitError(
                f"a final draft attaches the {owner.loaded.value.legal_name}'s directive for the "
                f"{profile.police.name}, and its facts are not all confirmed",
                hint=f"confirm them with `draftkit towns new {owner.slug} --force`, or draft "
                "without --final",
            )
        )
    clauses = select_clauses(library, owner.loaded if owner else town, options.clause_ids)
    statuses = {c.value.id: library.status(c.value.id) for c in clauses}
    unapproved = unapproved_ids(statuses, [c.value.id for c in clauses])
    if options.final and unapproved:
        not_final.append(
            UnapprovedError(
                "a final draft may contain only clauses approved at their current text; not "
                f"approved: {describe_unapproved(unapproved, statuses)}",
                hint="have a lawyer review them (`draftkit clauses review`), or draft "
                "without --final",
            )
        )
    if len(not_final) == 1:
        raise not_final[0]
    raise_if_any(not_final)
    review_states = [(clause_id, statuses[clause_id].state) for clause_id in unapproved]
    rendered = render_clauses(profile, clauses, area=area)
    names = {d.kind: output_name(options.date, stem, outputs[d.kind]) for d in documents}
    wanted = {kind for kind, name in names.items() if only is None or name == only}
    notice = _notice(profile, from_defaults=resolved.from_defaults, to_confirm=to_confirm)
    # A document that defines a term for the municipality (the addendum's "the
    # “Village”") has its clause texts rendered with that term (fifth counsel review
    # 2026-12-01, finding 9); the others name it by its legal name.
    defining = {d.kind for d in documents if d.defines_municipality and d.kind in wanted}

    def contexts_for(
        loaded: Loaded[TownProfile],
        texts: list[RenderedClause],
        kinds: Collection[str],
        notice: str,
        called: str | None = None,
    ) -> dict[str, dict[str, Any]]:
        return build_contexts(
            library,
            loaded,
            texts,
            options,
            notice=notice,
            unapproved=review_states,
            area=area,
            bodies=bodies,
            kinds=kinds,
            called=called,
        )

    contexts = contexts_for(town, rendered, wanted - defining, notice)
    rendered_for = {d.kind: rendered for d in documents}
    if defining:
        called = profile.kind.capitalize()  # the term it defines: "{{ town.word }}"
        defined = render_clauses(profile, clauses, area=area, called=called)
        contexts |= contexts_for(town, defined, defining, notice, called)
        rendered_for |= dict.fromkeys(defining, defined)
    if owner is not None and "directive" in contexts:
        mine = owner.loaded.value
        rendered_for["directive"] = render_clauses(mine, clauses, area=area)
        to_confirm_owner = [] if owner.from_defaults else unconfirmed(mine)
        owner_notice = _notice(mine, from_defaults=owner.from_defaults, to_confirm=to_confirm_owner)
        contexts["directive"] = contexts_for(
            owner.loaded, rendered_for["directive"], ("directive",), owner_notice
        )["directive"]
    problems: list[DraftkitError] = []
    compiled: dict[str, tuple[CompiledTemplate, str]] = {}
    for document in documents:
        template = library.template_path(document.template)
        try:
            compiled[document.kind] = compiled_template(
                template, shown=str(template.relative_to(library.root))
            )
        except ProblemList as many:
            problems.extend(many.problems)
        except DraftkitError as problem:
            problems.append(problem)
    raise_if_any(problems)
    manifest = {
        "draftkit_version": __version__,
        "date": options.date.isoformat(),
        "final": options.final,
        "town": {
            "name": profile.name,
            "profile": str(town.path.relative_to(library.root)),
            "from_defaults": resolved.from_defaults,
            "unconfirmed": to_confirm,
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
                "sha256": compiled[document.kind][1],
            }
            for document in documents
        },
        "documents": names,
    }
    files: dict[str, bytes] = {}
    texts: dict[str, list[str]] = {}
    for document in documents:
        name = names[document.kind]
        if document.kind not in wanted:
            continue
        matcher = ClauseMatcher(rendered_for[document.kind])
        try:
            result = render_document(compiled[document.kind][0], contexts[document.kind], name=name)
        except DraftkitError as problem:
            problems.append(problem)
            continue
        lines = result.lines
        found = inspect_lines(lines, name=name, context=contexts[document.kind])
        found += missing_pieces(
            lines, library.template_path(document.template), contexts[document.kind], name=name
        )
        problems.extend(found)
        if not found:
            result.add_custom_xml(
                manifest_xml(
                    {
                        **manifest,
                        "document": {
                            "kind": document.kind,
                            "lines": lines,
                            "clause_lines": matcher.lines_of(lines),
                        },
                    }
                )
            )
            files[name] = result.package(
                DocumentProperties(
                    title=f"{_TITLES[document.kind]} \u2014 "
                    + contexts[document.kind]["town"]["legal_name"],
                    subject=SUBJECT,
                    author=options.author,
                    created=on_day(options.date),
                    comments=made_by(
                        f"for {profile.name}, "
                        + ("final" if options.final else "draft")
                        + f" of {options.date.isoformat()}"
                    ),
                    keywords=f"{profile.name}; fair and impartial policing; 20 V.S.A. \u00a7 2366",
                )
            )
            texts[name] = lines
    raise_if_any(problems)
    manifest_bytes = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    # A draft of one document keeps its own record, so drafting the others later into the
    # same folder neither collides with it nor loses it.
    suffix = (
        "manifest.json"
        if doc == "all"
        else f"{outputs[documents[0].kind].removesuffix('.docx')}.manifest.json"
    )
    files[output_name(options.date, stem, suffix)] = manifest_bytes
    return Draft(town=profile.name, files=files, manifest=manifest, contexts=contexts, texts=texts)


_TITLES = {
    "resolution": "Resolution",
    "directive": "Police directive",
    "addendum": "Contract addendum",
}


def _notice(profile: TownProfile, *, from_defaults: bool, to_confirm: list[str]) -> str:
    """The red line under a document's header saying which facts are not confirmed."""
    if from_defaults:
        return (
            f"Prepared from registry defaults, not a confirmed profile: confirm the "
            f"{profile.governing_body.name}, the officers' titles and the police agency "
            f"before filing."
        )
    return _unconfirmed_notice(to_confirm)


def _unconfirmed_notice(fields: list[str]) -> str:
    if not fields:
        return ""
    facts = [BY_FIELD[f].label for f in fields]
    listed = facts[0] if len(facts) == 1 else ", ".join(facts[:-1]) + " and " + facts[-1]
    return f"Not yet confirmed by a person: {listed}. Confirm each with the clerk before filing."


def sound_town(library: Library, town_name: str, policing: Policing | None = None) -> ResolvedTown:
    """The town to draft, refused if its own profile is broken or disagrees with the
    registry. Only the town drafted needs a sound profile: another town's broken file
    (kept aside by ``load_library(root, lenient_towns=True)``) stops only its own drafts,
    and ``draftkit check`` reports it.

    Raises:
        DraftkitError: the town cannot be found or drafted, or its profile is broken.
    """
    resolved = library.resolve_town(town_name, policing)
    if not resolved.from_defaults:
        raise_if_any(check_profiles_against_registry(library, only=resolved.loaded))
    return resolved


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
    library = load_library(root, lenient_towns=True)
    problems = problems_for_drafts(library)
    try:
        sound_town(library, town_name, policing)
    except DraftkitError as refused:
        if problems:
            raise ProblemList([*problems, *each_problem(refused)]) from None
        raise
    if problems:  # and what rendering the clauses would find next, in this run
        town = library.resolve_town(town_name, policing).loaded
        problems += clause_text_problems(library, town, options.clause_ids)
    raise_if_any(problems)
    result = prepare_draft(library, town_name, doc, options, policing)
    save_compiled_texts()
    return write_files(out_dir, result.files, force=force)


__all__ = ["Draft", "draft", "prepare_draft", "sound_town"]
