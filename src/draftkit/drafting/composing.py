"""A town's clauses: which apply, in what order, and their texts rendered for the town
(:mod:`draftkit.drafting.contexts` turns them into what each Word template prints).

Everything here is in memory and pure: the same inputs give the same texts.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

from draftkit.data.clause_models import ClauseModule
from draftkit.data.library import Library
from draftkit.data.loading import Loaded
from draftkit.data.town_models import TownProfile
from draftkit.drafting.instruments import ARRANGEMENT_WORDS
from draftkit.drafting.rendering import TextRenderer
from draftkit.errors import DraftkitError, NotFoundError, each_problem, raise_if_any
from draftkit.terms import mentions, uses_defined_term, with_terms_they_use

DIRECTIVE_TITLE = (
    "Fair and Impartial Policing: Limits on Participation in Federal Civil Immigration Enforcement"
)


@dataclass(frozen=True)
class DraftOptions:
    """What the person drafting asked for."""

    date: dt.date
    final: bool = False
    sponsors: tuple[str, ...] = ()
    clause_ids: tuple[str, ...] = ()
    """Clauses asked for by name; empty means the town's list or every applicable clause."""
    author: str = "draftkit"
    """Who the documents' properties name as their author (``--author``)."""


@dataclass(frozen=True)
class RenderedSection:
    """A policy section rendered for one town: heading and paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class RenderedClause:
    """One clause's texts rendered for one town."""

    clause: Loaded[ClauseModule]
    whereas: tuple[str, ...]
    resolved: tuple[str, ...]
    directive: RenderedSection | None
    town_policy: RenderedSection | None


def select_clauses(
    library: Library, town: Loaded[TownProfile], requested: tuple[str, ...]
) -> list[Loaded[ClauseModule]]:
    """The clauses to draft for ``town``, in catalog order, with every problem at once.

    ``requested`` wins; otherwise the profile's ``clauses`` list; otherwise every clause
    that applies to the town's policing arrangement.

    Raises:
        ProblemList: unknown ids, clauses that do not apply to the arrangement, a
            required clause left out, or two clauses that conflict.
    """
    profile = town.value
    arrangement = profile.police.arrangement
    problems: list[DraftkitError] = []
    if requested:
        ids = list(dict.fromkeys(requested))
        for clause_id in ids:
            if clause_id not in library.clauses:
                problems.append(
                    NotFoundError(
                        f"no clause with id {clause_id!r}",
                        hint=library.clause_hint(clause_id),
                        code="clause_not_found",
                        field=clause_id,
                    )
                )
    elif profile.clauses is not None:
        ids = list(profile.clauses)
        for index, clause_id in enumerate(ids):
            if clause_id not in library.clauses:
                problems.append(
                    town.error(
                        ("clauses", index),
                        f"no clause with id {clause_id!r}",
                        hint=library.clause_hint(clause_id),
                    )
                )
    else:
        ids = [cid for cid, c in library.clauses.items() if arrangement in c.value.applies_to]
    raise_if_any(problems)

    chosen = [library.clauses[cid] for cid in ids]
    chosen_ids = set(ids)
    for loaded in chosen:
        clause = loaded.value
        if arrangement not in clause.applies_to:
            problems.append(
                DraftkitError(
                    f"clause {clause.id!r} does not apply to a town policed by "
                    f"{ARRANGEMENT_WORDS[arrangement]}",
                    hint="it applies to: "
                    + ", ".join(ARRANGEMENT_WORDS[a] for a in clause.applies_to),
                )
            )
        for needed in clause.requires:
            if needed not in chosen_ids:
                problems.append(
                    DraftkitError(
                        f"clause {clause.id!r} requires clause {needed!r}",
                        hint=f"add --clause {needed}",
                        code="clause_requires",
                        field=clause.id,
                    )
                )
        for other in clause.conflicts:
            if other in chosen_ids and clause.id < other:
                problems.append(
                    DraftkitError(
                        f"clauses {clause.id!r} and {other!r} conflict",
                        hint="draft only one of them",
                        code="clause_conflict",
                        field=clause.id,
                    )
                )
    if not chosen and not problems:
        problems.append(
            DraftkitError(
                f"no clause applies to a town policed by {ARRANGEMENT_WORDS[arrangement]}",
                hint="choose clauses with --clause ID",
            )
        )
    raise_if_any(problems)
    return in_catalog_order(library, chosen)


def in_catalog_order(
    library: Library, clauses: list[Loaded[ClauseModule]]
) -> list[Loaded[ClauseModule]]:
    """Clauses in the order of the loopholes they close, as drafts and the book show them."""
    order = _catalog_order(library)
    return sorted(
        clauses, key=lambda c: (min(order.get(i, 999) for i in c.value.closes), c.value.id)
    )


def _catalog_order(library: Library) -> dict[str, int]:
    return {loophole.id: index for index, loophole in enumerate(library.loophole_list())}


def render_clauses(
    town: TownProfile,
    clauses: list[Loaded[ClauseModule]],
    *,
    area: str | None = None,
    called: str | None = None,
) -> list[RenderedClause]:
    """Render every chosen clause's texts for ``town``, listing every problem at once.

    ``area``: every municipality a shared department serves (:mod:`draftkit.drafting.sharing`).
    ``called``: the term the document defines for the municipality, if it defines one
    (``town.called``; :func:`draftkit.drafting.rendering.town_values`).
    """
    renderer = TextRenderer(town, area, [loaded.value.id for loaded in clauses], called)
    problems: list[DraftkitError] = []
    rendered: list[RenderedClause] = []
    for loaded in clauses:
        texts: dict[str, str] = {}
        for field, source in _template_texts(loaded.value):
            try:
                texts[field] = renderer.render(source, loaded, _loc(field))
            except DraftkitError as problem:
                problems.append(problem)
        if problems:
            continue
        rendered.append(_rendered_clause(loaded, texts))
    raise_if_any(problems)
    return rendered


def clause_text_problems(
    library: Library, town: Loaded[TownProfile], clause_ids: Sequence[str] = ()
) -> list[DraftkitError]:
    """What rendering the town's clauses finds (unknown values, template syntax), listed
    rather than raised: for a command that reports other problems in the same run."""
    try:
        render_clauses(town.value, select_clauses(library, town, tuple(clause_ids)))
    except DraftkitError as problem:
        return each_problem(problem)
    return []


def _template_texts(clause: ClauseModule) -> list[tuple[str, str]]:
    # A loaded clause never changes: a batch lists its texts once, not once a town.
    known = _TEMPLATE_TEXTS.get(id(clause))
    if known is None or known[0] is not clause:
        if len(_TEMPLATE_TEXTS) > 4096:  # a long-running service reloads its library
            _TEMPLATE_TEXTS.clear()
        known = _TEMPLATE_TEXTS[id(clause)] = (clause, clause.template_texts())
    return known[1]


_TEMPLATE_TEXTS: dict[int, tuple[ClauseModule, list[tuple[str, str]]]] = {}


@functools.lru_cache(maxsize=1024)
def _loc(field: str) -> tuple[str | int, ...]:
    """``directive.paragraphs.2`` -> ``("directive", "paragraphs", 2)``, for errors."""
    return tuple(int(p) if p.isdigit() else p for p in field.split("."))


def _rendered_clause(loaded: Loaded[ClauseModule], texts: dict[str, str]) -> RenderedClause:
    clause = loaded.value

    def texts_of(prefix: str, count: int) -> tuple[str, ...]:
        return tuple(texts[f"{prefix}.{i}"] for i in range(count))

    def section_of(name: str) -> RenderedSection | None:
        section = getattr(clause, name)
        if section is None:
            return None
        return RenderedSection(
            heading=texts[f"{name}.heading"],
            paragraphs=texts_of(f"{name}.paragraphs", len(section.paragraphs)),
        )

    return RenderedClause(
        clause=loaded,
        whereas=texts_of("resolution.whereas", len(clause.resolution.whereas)),
        resolved=texts_of("resolution.resolved", len(clause.resolution.resolved)),
        directive=section_of("directive"),
        town_policy=section_of("town_policy"),
    )


def terms_used(
    library: Library, clauses: list[Loaded[ClauseModule]], template_text: str = ""
) -> list[str]:
    """Glossary terms (lowercase keys) the clauses or the template's own text use, with
    the terms their definitions use in turn, so a directive never uses a defined term
    it does not define."""
    glossary = library.terms()
    wanted = {t.lower() for c in clauses for t in c.value.defined_terms if t.lower() in glossary}
    wanted |= {
        key for key, entry in glossary.items() if uses_defined_term(template_text, entry.term)
    }
    return sorted(with_terms_they_use(wanted, glossary, mentions))


def letter_label(index: int) -> str:
    """(a) ... (z), then (aa), (bb) ...: how general orders letter paragraphs."""
    letter = string.ascii_lowercase[index % 26]
    return f"({letter * (index // 26 + 1)})"


_TITLE_NUMBER = re.compile(r"\b(\d+) (V\.S\.A\.|U\.S\.C\.|C\.F\.R\.|App\. V\.S\.A\.)")
"""'20 V.S.A.', '8 U.S.C.': the title number stays with its code."""

_NO_BREAK_AFTER = ("§§ ", "§ ", "V.S.A. ", "U.S.C. ", "C.F.R. ", "App. ")
_NO_BREAK = tuple((mark, mark[:-1] + "\u00a0") for mark in _NO_BREAK_AFTER)


@functools.lru_cache(maxsize=8192, typed=True)
def typeset(text: str) -> str:
    """Keep a citation together on one line: no break after '§' or 'V.S.A.'."""
    # Cached: a batch typesets the same clause texts for every town.
    for mark, kept in _NO_BREAK:
        text = text.replace(mark, kept)
    # Most paragraphs cite no code: the search costs more than the test (a draft
    # typesets several hundred texts per request in the web service).
    if "V.S.A." not in text and "U.S.C." not in text and "C.F.R." not in text:
        return text
    return _TITLE_NUMBER.sub("\\1\u00a0\\2", text)


def recital(text: str) -> str:
    """One recital in a chain: 'WHEREAS, <text>; and'. Clause authors may end a
    recital with or without its own punctuation; the chain's is applied here."""
    body = text.rstrip().rstrip(".;,")
    if body.endswith(" and"):
        body = body[: -len(" and")].rstrip().rstrip(".;,")
    return f"{body}; and"
