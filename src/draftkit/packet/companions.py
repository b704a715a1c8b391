"""Loading the companion texts (``companions/``) and checking that every Spanish text
matches its English original: same sections, same placeholders (the glossary is checked
in ``draftkit.packet.glossary``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from draftkit.data.loading import Loaded, ModelT, load
from draftkit.errors import DataError, DraftkitError, ProblemList, raise_if_any
from draftkit.packet.models import (
    LANGUAGES,
    Blanks,
    CompanionGlossary,
    CompanionText,
    Language,
    Precedents,
    Section,
)

COMPANIONS_DIR = "companions"
GLOSSARY_FILE = "glossary.yaml"
BLANKS_FILE = "blanks.yaml"
PRECEDENTS_FILE = "precedents.yaml"

KIND_WORDS = frozenset({"town.kind", "town.word"})
"""Values that say what kind of municipality it is ("the village's officials"). The
Spanish texts say "municipio" for every kind (companions/glossary.yaml), so a Spanish
section need not print them where its English original does."""

_PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}|\{%-?\s*(.*?)\s*-?%\}")


@dataclass(frozen=True)
class Companions:
    """Every companion text, validated: ``texts[language][document id]``."""

    root: Path
    texts: dict[Language, dict[str, Loaded[CompanionText]]] = field(default_factory=dict)
    glossary: Loaded[CompanionGlossary] | None = None
    blanks: Loaded[Blanks] | None = None
    precedents: Loaded[Precedents] | None = None

    def text(self, document: str, language: Language) -> Loaded[CompanionText]:
        """One document in one language (it exists: loading checked the pairs)."""
        return self.texts[language][document]

    def documents(self) -> list[str]:
        """Every document id, in file-name order."""
        return sorted(self.texts.get("en", {}))


def load_companions(root: Path) -> Companions:
    """Read and check ``companions/`` under ``root``, every problem at once.

    Raises:
        ProblemList: an invalid file or field (with file and line), a translated text
            without its Spanish counterpart, or a counterpart whose sections or
            placeholders differ from the English.
    """
    folder = root / COMPANIONS_DIR
    problems: list[DraftkitError] = []
    if not folder.is_dir():
        raise_if_any(
            [
                DataError(
                    "folder not found",
                    path=COMPANIONS_DIR,
                    hint="run draftkit from the project folder, or pass --root",
                )
            ]
        )
    texts: dict[Language, dict[str, Loaded[CompanionText]]] = {}
    for language in LANGUAGES:
        texts[language] = {}
        for path in sorted((folder / language).glob("*.yaml")):
            loaded = _collect(problems, CompanionText, path, root)
            if loaded is not None:
                texts[language][path.stem] = loaded
    glossary = _collect(problems, CompanionGlossary, folder / GLOSSARY_FILE, root)
    blanks = _collect(problems, Blanks, folder / BLANKS_FILE, root)
    precedents = _collect(problems, Precedents, folder / PRECEDENTS_FILE, root)
    companions = Companions(
        root=root, texts=texts, glossary=glossary, blanks=blanks, precedents=precedents
    )
    problems.extend(counterpart_problems(companions))
    raise_if_any(problems)
    return companions


def _collect(
    problems: list[DraftkitError], model: type[ModelT], path: Path, root: Path
) -> Loaded[ModelT] | None:
    try:
        return load(model, path, schema_name="companion", display=str(path.relative_to(root)))
    except ProblemList as many:
        problems.extend(many.problems)
    except DraftkitError as one:
        problems.append(one)
    return None


def placeholders(text: str) -> list[str]:
    """The template expressions in ``text``, whitespace folded: ``town.name`` ..."""
    return [" ".join((a or b).split()) for a, b in _PLACEHOLDER.findall(text)]


def section_texts(section: Section) -> Iterator[str]:
    """Every text of a section, heading first."""
    if section.heading:
        yield section.heading
    yield from section.paragraphs
    yield from section.bullets
    yield from section.steps


def counterpart_problems(companions: Companions) -> list[DraftkitError]:
    """Where a Spanish text does not match its English original.

    A translated English text must have a Spanish file of the same name; a Spanish file
    must translate an English text marked ``translated: true``; the two must have the
    same sections (same keys, conditions and numbers of paragraphs, bullets and steps)
    and each section the same placeholders (except ``KIND_WORDS``).
    """
    problems: list[DraftkitError] = []
    english = companions.texts.get("en", {})
    spanish = companions.texts.get("es", {})
    for name, loaded in english.items():
        if loaded.value.translated and name not in spanish:
            problems.append(
                loaded.error(
                    ("translated",),
                    f"no Spanish text: companions/es/{name}.yaml is missing",
                    hint="translate it, or set translated: false",
                )
            )
    for name, es in spanish.items():
        en = english.get(name)
        if en is None or not en.value.translated:
            problems.append(
                DataError(
                    "a Spanish text without a translated English original",
                    path=es.source.shown,
                    line=1,
                    hint=f"add companions/en/{name}.yaml with translated: true, or remove it",
                )
            )
            continue
        problems.extend(_compare(en, es))
    return problems


def _shape(section: Section) -> tuple[object, ...]:
    return (
        section.style,
        section.routes,
        section.policing,
        section.kinds,
        section.when,
        section.unless,
        section.heading is None,
        len(section.paragraphs),
        len(section.bullets),
        len(section.steps),
        section.signature_lines,
    )


def _compare(en: Loaded[CompanionText], es: Loaded[CompanionText]) -> list[DraftkitError]:
    problems: list[DraftkitError] = []
    for attribute in ("routes", "unless", "translated", "show_title"):
        if getattr(en.value, attribute) != getattr(es.value, attribute):
            problems.append(
                es.error((attribute,), f"differs from {en.source.shown}", hint="make them agree")
            )
    if len(en.value.table_columns) != len(es.value.table_columns):
        problems.append(
            es.error(
                ("table_columns",), f"has a different number of columns from {en.source.shown}"
            )
        )
    if placeholders(en.value.title) != placeholders(es.value.title):
        problems.append(es.error(("title",), _placeholder_message(en.value.title, es.value.title)))
    if (en.value.header is None) != (es.value.header is None) or placeholders(
        en.value.header or ""
    ) != placeholders(es.value.header or ""):
        problems.append(es.error(("header",), f"does not match the header of {en.source.shown}"))
    en_keys = [s.key for s in en.value.sections]
    es_keys = [s.key for s in es.value.sections]
    if en_keys != es_keys:
        problems.append(
            es.error(
                ("sections",),
                f"section keys {es_keys} differ from {en.source.shown}: {en_keys}",
                hint="give the Spanish text the same sections, in the same order",
            )
        )
        return problems
    for index, (a, b) in enumerate(zip(en.value.sections, es.value.sections, strict=True)):
        if _shape(a) != _shape(b):
            problems.append(
                es.error(
                    ("sections", index),
                    f"section {b.key!r} is not shaped like its English original (style, "
                    "conditions, heading, or numbers of paragraphs, bullets and steps)",
                    hint=f"compare it with {en.source.shown}",
                )
            )
            continue
        en_found = sorted(
            p for text in section_texts(a) for p in set(placeholders(text)) - KIND_WORDS
        )
        es_found = sorted(
            p for text in section_texts(b) for p in set(placeholders(text)) - KIND_WORDS
        )
        if sorted(set(en_found)) != sorted(set(es_found)):
            problems.append(
                es.error(
                    ("sections", index),
                    f"section {b.key!r}: placeholders {sorted(set(es_found))} differ from the "
                    f"English {sorted(set(en_found))}",
                    hint="every value the English prints, the Spanish prints too",
                )
            )
    return problems


def _placeholder_message(en: str, es: str) -> str:
    return f"placeholders {placeholders(es)} differ from the English {placeholders(en)}"


__all__ = [
    "KIND_WORDS",
    "Companions",
    "counterpart_problems",
    "load_companions",
    "placeholders",
    "section_texts",
]
