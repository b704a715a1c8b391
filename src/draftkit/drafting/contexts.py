"""The values each Word template prints for one town: from the town's profile and its
rendered clauses to the context of each document (recitals, sections, definitions,
citations, notes)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

from draftkit.data.library import Library
from draftkit.data.loading import Loaded
from draftkit.data.town_models import TownProfile
from draftkit.drafting.composing import (
    DIRECTIVE_TITLE,
    DraftOptions,
    RenderedClause,
    RenderedSection,
    letter_label,
    recital,
    typeset,
)
from draftkit.drafting.instruments import INSTRUMENTS
from draftkit.drafting.rendering import TextRenderer, clause_context
from draftkit.naming import long_date, when
from draftkit.terms import uses_defined_term, with_terms_they_use


def build_contexts(
    library: Library,
    town: Loaded[TownProfile],
    rendered: list[RenderedClause],
    options: DraftOptions,
    *,
    notice: str = "",
    unapproved: Sequence[tuple[str, str]] = (),
    area: str | None = None,
    bodies: str | None = None,
    kinds: Collection[str] | None = None,
    called: str | None = None,
) -> dict[str, dict[str, Any]]:
    """The values each of the town's documents prints, by document kind (only the
    ``kinds`` asked for, when given: a download of one document needs its values alone).

    ``area`` and ``bodies`` name every municipality a shared department serves and their
    governing bodies (:class:`draftkit.drafting.sharing.SharedDepartment`); None otherwise.

    ``unapproved`` lists the (clause id, review state) of every clause not approved at
    its current text: page 1 says how many there are in one line, and a drafting note at
    the end of the document names them.

    ``called`` is the term the documents define for the municipality, if they define one
    (``town.called``): ``rendered`` must then be rendered with the same term.
    """
    profile = town.value
    documents = [
        d for d in INSTRUMENTS[profile.police.arrangement] if kinds is None or d.kind in kinds
    ]
    base = clause_context(profile, area, called=called)
    renderer = TextRenderer(profile, area, called=called)
    titles = {item.clause.value.id: item.clause.value.title for item in rendered}
    draft = {
        "final": options.final,
        "date": long_date(options.date),
        "year": str(options.date.year),
        "label": f"DRAFT \u2014 {long_date(options.date)}",
        "notice": notice,
    }
    agency = dict(base["agency"])
    agency["directs_or_requests"] = "directs" if profile.police.body_may_direct else "requests"
    agency["approving_body"] = profile.police.approving_body or ""
    run_by = profile.police.run_by
    # A department another municipality runs: its resolution asks that municipality's
    # body beside the official who adopts the policy.
    agency["run_by"] = run_by.legal_name if run_by else ""
    agency["run_by_body"] = f"{run_by.body} of the {run_by.legal_name}" if run_by else ""
    # A department that serves more than one municipality: the words for all of them,
    # empty where the department serves only this one.
    agency["shared_area"] = area or ""
    # Their governing bodies, whose resolutions the one directive names as its authority.
    agency["shared_bodies"] = bodies or ""
    # The official who adopts the policy, named the same way in both municipalities'
    # resolutions; the owner's body is not asked to amend what its official adopts (third
    # counsel review 2026-12-01, S2).
    agency["addressee"] = profile.police.policy_adopted_by
    fipp = {
        "model_version": long_date(profile.fipp.model_version),
        "policy_title": profile.fipp.policy_title,
        "local_amendments": [
            {"when": when(a.date), "description": a.description.rstrip(".;")}
            for a in profile.fipp.local_amendments
        ],
    }
    shared: dict[str, Any] = {
        **base,
        "agency": agency,
        "fipp": fipp,
        "draft": draft,
        "sponsors": list(options.sponsors),
        "sponsor_line": _sponsor_line(options.sponsors),
        # Two clauses may rest on the same finding; a resolution states it once.
        "recitals": list(
            dict.fromkeys(typeset(recital(text)) for item in rendered for text in item.whereas)
        ),
        "clause_titles": [item.clause.value.title for item in rendered],
        "outside_redress": any(item.clause.value.id == "outside-redress" for item in rendered),
        "subjects": _subjects([r.directive for r in rendered if r.directive is not None]),
        "policy_subjects": _subjects([r.town_policy for r in rendered if r.town_policy]),
        "directive": {"title": DIRECTIVE_TITLE, "number": f"FIPP-{options.date.year}"},
        "authorities": _cites(rendered, "authority", profile.police.arrangement),
        "related_law": _cites(rendered, "related", profile.police.arrangement),
    }
    protections = [r.directive for r in rendered if r.directive is not None]
    policies = [r.town_policy for r in rendered if r.town_policy is not None]
    contexts: dict[str, dict[str, Any]] = {}
    for document in documents:
        own_words, _, policy_words = library.template_text(document.template).partition(
            _POLICY_MARK
        )
        protection_terms = _terms_in(library, protections, own_words)
        policy_terms = _terms_in(library, policies, policy_words)
        closing = f"{document.section_prefix}{len(protections) + 1}"
        policy_closing = f"{document.policy_prefix}{len(policies) + document.policy_start}"
        sections = _sections(
            protections,
            document.section_prefix,
            provisions=_PROVISIONS.get(document.kind, (f"{closing}(a)", f"{closing}(c)")),
            itself=_ITSELF.get(document.kind, _ITSELF["exhibit"]),
        )
        policy_sections = _sections(
            policies,
            document.policy_prefix,
            start=document.policy_start,
            provisions=(f"{policy_closing}(a)", f"{policy_closing}(b)"),
        )
        # A directive or an addendum holds the protections alone: its review note counts
        # and names only the clauses it holds, not the town's own policy.
        held = {
            item.clause.value.id
            for item in rendered
            if item.directive is not None or not document.protections_only
        }
        waiting = [(clause_id, state) for clause_id, state in unapproved if clause_id in held]
        contexts[document.kind] = {
            **shared,
            "draft": {
                **draft,
                "review_notice": _review_line(len(waiting), len(held)),
                "unapproved": [
                    f"{titles.get(clause_id, clause_id)} ({clause_id}): {state}"
                    for clause_id, state in waiting
                ],
            },
            "definitions": _definitions(library, renderer, protection_terms),
            "policy_definitions": _definitions(library, renderer, policy_terms) if policies else [],
            "sections": sections,
            "policy_sections": policy_sections,
            "closing_number": closing,
            "policy_closing_number": policy_closing,
        }
    return contexts


_PROVISIONS = {"directive": ("6.1", "6.3"), "addendum": ("5.1", "5.3")}
"""Where the savings and the emergency provisions stand in documents whose closing
sections are fixed; in an exhibit they are (a) and (c) of its last section."""

_ITSELF = {
    "directive": ("this directive", "this directive takes effect"),
    "addendum": ("this Addendum", "this Addendum takes effect"),
    "exhibit": ("this Exhibit", "this Exhibit takes effect"),
}
"""How clause texts' "this document" reads in each document, and when its clocks start.
An exhibit is only requested of the agency (or adopted by each constable), so it states
its own effective date, 30 days after the Agency adopts it: a duty due "before this
Exhibit takes effect" then falls after adoption, when it binds (counsel review
2026-12-01, X1; second counsel review 2026-12-01, S3)."""

_POLICY_MARK = "Policy of the"
"""Where a resolution's town-policy exhibit begins: the protections' defined terms are
those its own text uses before this heading."""


def _review_line(count: int, total: int) -> str:
    if not count:
        return ""
    clauses = "clause" if count == 1 else "clauses"
    return (
        f"{count} of the {total} {clauses} in this draft await a reviewing lawyer's approval "
        "of their current text; the drafting note at the end names them."
    )


def _subjects(sections: list[RenderedSection]) -> str:
    """'victims and witnesses; sharing information ...': what an exhibit covers."""
    headings = [typeset(section.heading) for section in sections]
    return "; ".join(h[:1].lower() + h[1:] if not h[:2].isupper() else h for h in headings)


def _terms_in(library: Library, sections: list[RenderedSection], extra_text: str) -> list[str]:
    """Glossary keys the sections (or the template's own words) use as defined terms,
    with the terms their definitions use in turn: a document defines what it uses and
    nothing else."""
    text = " ".join([extra_text, *(t for s in sections for t in (s.heading, *s.paragraphs))])
    glossary = library.terms()
    wanted = {key for key, entry in glossary.items() if uses_defined_term(text, entry.term)}
    return sorted(with_terms_they_use(wanted, glossary))


def _sections(
    sections: list[RenderedSection],
    prefix: str,
    *,
    start: int = 1,
    provisions: tuple[str, str] | None = None,
    itself: tuple[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Numbered sections, with each cross-reference by title ("the section on Access to
    persons in Custody") turned into one by number ("section 4.4 (Access to persons in
    Custody)"), the savings and emergency provisions cited by number when
    ``provisions`` gives theirs, and "this document" named as ``itself`` gives it."""
    numbers = {
        section.heading: f"{prefix}{number}" for number, section in enumerate(sections, start)
    }
    # Most paragraphs read the same in every town: each distinct text is worked out once
    # per process for each numbering (a batch of every municipality asks thousands of
    # times).
    done = _CROSS_REFS.setdefault((tuple(numbers.items()), provisions, itself), {})
    if len(done) > _CROSS_REFS_KEPT:
        done.clear()

    def cross_refs(text: str) -> str:
        found = done.get(text)
        if found is None:
            found = done[text] = _cross_refs(text, numbers, provisions, itself)
        return found

    return [
        {
            "number": f"{prefix}{number}",
            "heading": typeset(section.heading),
            "paragraphs": [
                {"label": letter_label(index), "text": cross_refs(text)}
                for index, text in enumerate(section.paragraphs)
            ],
        }
        for number, section in enumerate(sections, start=start)
    ]


_CROSS_REFS: dict[
    tuple[tuple[tuple[str, str], ...], tuple[str, str] | None, tuple[str, str] | None],
    dict[str, str],
] = {}
_CROSS_REFS_KEPT = 4096


def _cross_refs(
    text: str,
    numbers: dict[str, str],
    provisions: tuple[str, str] | None,
    itself: tuple[str, str] | None,
) -> str:
    if itself is not None and "this document" in text:
        name, taking_effect = itself
        text = text.replace("this document takes effect", taking_effect)
        text = text.replace("this document", name)
    if "he section on " in text:
        for heading, number in numbers.items():
            text = text.replace(f"the section on {heading}", f"section {number} ({heading})")
            text = text.replace(f"The section on {heading}", f"Section {number} ({heading})")
    if provisions is not None and " provision" in text:
        savings, emergency = provisions
        text = _SAVINGS_REF.sub(
            lambda m: f"{m.group(1)}he savings provision for federal law (section {savings})",
            text,
        )
        text = _EMERGENCY_REF.sub(
            lambda m: f"{m.group(1)}he emergency provision (section {emergency})", text
        )
    return typeset(text)


_SAVINGS_REF = re.compile(r"\b([Tt])he savings provision(?: for federal law)?")
_EMERGENCY_REF = re.compile(r"\b([Tt])he emergency provision")


def _cites(rendered: list[RenderedClause], role: str, arrangement: str) -> list[str]:
    cites = {
        c.cite
        for item in rendered
        for c in item.clause.value.citations
        if c.role == role and (c.arrangements is None or arrangement in c.arrangements)
    }
    return [typeset(cite) for cite in sorted(cites, key=_citation_order)]


def _citation_order(cite: str) -> tuple[int, str]:
    # Vermont law first, then federal statutes and regulations, then anything else;
    # numerically within each, so "8 U.S.C. § 1373" sorts before "8 U.S.C. § 1644".
    rank = 0 if "V.S.A." in cite else 1 if ("U.S.C." in cite or "C.F.R." in cite) else 2
    return rank, re.sub(r"\d+", lambda m: m.group(0).zfill(6), cite)


def _definitions(library: Library, renderer: TextRenderer, keys: list[str]) -> list[dict[str, str]]:
    """The glossary entries for ``keys``, rendered for the town, alphabetical."""
    if library.glossary is None:
        return []
    entries = list(enumerate(library.glossary.value.terms))
    out = [
        {
            "term": term.term,
            "definition": typeset(
                renderer.render(term.definition, library.glossary, ("terms", index, "definition"))
            ),
        }
        for index, term in entries
        if term.term.lower() in keys
    ]
    return sorted(out, key=lambda d: d["term"].lower())


def _sponsor_line(sponsors: tuple[str, ...]) -> str:
    if not sponsors:
        return ""
    names = list(sponsors)
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Sponsor{'s' if len(names) > 1 else ''}: {joined}"
