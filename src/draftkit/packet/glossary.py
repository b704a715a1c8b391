"""Checking the Spanish texts against ``companions/glossary.yaml``: each term said the
glossary's way, English words only as a gloss in brackets, and every English name of an
office (Town Clerk, Selectboard) explained in Spanish the first time a text prints it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import get_args

from draftkit.data.fields import Arrangement, MunicipalityKind
from draftkit.data.loading import Loaded
from draftkit.errors import DataError, DraftkitError
from draftkit.packet.companions import Companions, placeholders, section_texts
from draftkit.packet.models import FLAGS, CompanionText, GlossaryTitle, Section

Loc = tuple[str | int, ...]

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_BRACKETED = re.compile(r"\([^()]*\)")
_GLOSSARY_HINT = "use the glossary's translation (companions/glossary.yaml)"


def glossary_problems(companions: Companions) -> list[DraftkitError]:
    """Where a Spanish text departs from the glossary.

    Three rules, each over every Spanish text and its English original:

    - a term the English uses must appear in the Spanish in the glossary's form (or one
      of its listed forms);
    - an English term may appear in a Spanish text only in brackets, as a gloss after
      the Spanish: ``boleta (Australian ballot)``;
    - the first sentence that prints a value holding an English name of an office or
      body (``titles`` in the glossary) must also say in Spanish who that is, in every
      route and for every kind of town.
    """
    if companions.glossary is None:
        return []
    glossary = companions.glossary.value
    problems: list[DraftkitError] = []
    for name, es in companions.texts.get("es", {}).items():
        en = companions.texts["en"].get(name)
        if en is None:
            continue
        en_text = _plain(_all_text(en.value))
        es_text = _plain(_all_text(es.value))
        unbracketed = _BRACKETED.sub(" ", es_text)
        for entry in glossary.terms:
            if re.search(r"\b" + re.escape(entry.en.casefold()), en_text):
                forms = [entry.es, *entry.es_forms]
                if not any(form.casefold() in es_text for form in forms):
                    problems.append(
                        DataError(
                            f"the English uses {entry.en!r}, but this text never says {entry.es!r}",
                            path=es.source.shown,
                            hint=_GLOSSARY_HINT,
                        )
                    )
            if entry.en.casefold() != entry.es.casefold() and re.search(
                r"\b" + re.escape(entry.en.casefold()) + r"\b", unbracketed
            ):
                problems.append(
                    DataError(
                        f"says the English {entry.en!r} outside brackets",
                        path=es.source.shown,
                        hint=f"write {entry.es!r}, and the English after it in brackets "
                        "if readers will hear it in English",
                    )
                )
        problems.extend(_title_problems(es, glossary.titles))
    return problems


def _title_problems(
    es: Loaded[CompanionText], titles: tuple[GlossaryTitle, ...]
) -> list[DraftkitError]:
    found: dict[tuple[Loc, str], DraftkitError] = {}
    for items in _printings(es.value):
        for title in titles:
            first = next(
                ((loc, text) for loc, text in items if title.value in placeholders(text)), None
            )
            if first is None:
                continue
            loc, text = first
            forms = [title.es, *title.es_forms]
            if any(form.casefold() in _plain(text) for form in forms):
                continue
            found.setdefault(
                (loc, title.value),
                es.error(
                    loc,
                    f"the first time this text prints {{{{ {title.value} }}}}, an English "
                    f"name, it does not say {title.es!r}",
                    hint=f"explain it in the same sentence, e.g. {title.es} "
                    f"({{{{ {title.value} }}}}); see titles in companions/glossary.yaml",
                ),
            )
    return list(found.values())


def _printings(text: CompanionText) -> Iterator[list[tuple[Loc, str]]]:
    """The text items, in order, of every version of ``text`` a packet can print."""
    seen: set[tuple[int, ...]] = set()
    flag_sets = [
        frozenset(chosen)
        for size in range(len(FLAGS) + 1)
        for chosen in itertools.combinations(FLAGS, size)
    ]
    for route, policing, kind, flags in itertools.product(
        text.routes, get_args(Arrangement), get_args(MunicipalityKind), flag_sets
    ):
        printed = tuple(
            index
            for index, section in enumerate(text.sections)
            if section.prints(route=route, policing=policing, kind=kind, flags=flags)
        )
        if printed in seen:
            continue
        seen.add(printed)
        items: list[tuple[Loc, str]] = [(("title",), text.title)]
        if text.header:
            items.append((("header",), text.header))
        for index in printed:
            items.extend(_items(index, text.sections[index]))
        yield items


def _items(index: int, section: Section) -> Iterator[tuple[Loc, str]]:
    at: Loc = ("sections", index)
    if section.heading:
        yield (*at, "heading"), section.heading
    for field in ("paragraphs", "bullets", "steps"):
        for number, item in enumerate(getattr(section, field)):
            yield (*at, field, number), item


def _plain(text: str) -> str:
    """``text`` without its template expressions, folded for comparing."""
    return _PLACEHOLDER.sub(" ", text).casefold()


def _all_text(text: CompanionText) -> str:
    parts = [text.title, text.header or ""]
    for section in text.sections:
        parts.extend(section_texts(section))
    return " ".join(parts)


__all__ = ["glossary_problems"]
