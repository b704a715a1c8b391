"""The clause library's words in Spanish, for the web's Spanish pages.

The documents stay in English (a Vermont body adopts English text), but a Spanish
reader should know what each protection does. ``clauses/es/summaries.yaml`` holds each
clause's title and plain summary and each loophole's name in Spanish, as data a
reviewer reads in a diff. Each entry names, by a fingerprint, the English it says: when
a lawyer changes the English, ``draftkit check`` reports the Spanish as stale, and the
web shows the English (with its note) until the Spanish is brought up to date.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from draftkit.data.clause_models import (
    ClauseInSpanish,
    ClauseModule,
    LibraryInSpanish,
    Loophole,
    LoopholeInSpanish,
)
from draftkit.data.library import Library
from draftkit.data.loading import Loaded, load
from draftkit.errors import DataError, DraftkitError, ProblemList

SPANISH_FILE = Path("es") / "summaries.yaml"
"""Under ``clauses/``: a folder of its own, so the clause loader never reads it."""

SCHEMA_NAME = "clause-spanish"

_REVIEW_HINT = "a Spanish speaker should read it as an organizer would before it is merged"


def english_fingerprint(*texts: str) -> str:
    """Eight hex digits naming English text, whatever its line wrapping in the YAML."""
    folded = "\n".join(" ".join(text.split()) for text in texts)
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:8]


def clause_fingerprint(clause: ClauseModule) -> str:
    """The fingerprint of a clause's English title and summary."""
    return english_fingerprint(clause.title, clause.summary)


def loophole_fingerprint(loophole: Loophole) -> str:
    """The fingerprint of a loophole's English name."""
    return english_fingerprint(loophole.name)


def spanish_path(library: Library) -> Path:
    """``clauses/es/summaries.yaml`` under the library's root."""
    return library.clauses_dir / SPANISH_FILE


def _shown() -> str:
    return f"clauses/{SPANISH_FILE.as_posix()}"


def load_spanish(library: Library) -> Loaded[LibraryInSpanish] | None:
    """Read and validate the Spanish words, or ``None`` for a project without them.

    Raises:
        ProblemList: the file is not valid YAML or does not fit the schema.
    """
    path = spanish_path(library)
    if not path.exists():
        return None
    return load(LibraryInSpanish, path, schema_name=SCHEMA_NAME, display=_shown())


def check_spanish(library: Library) -> list[DraftkitError]:
    """Every clause and loophole has Spanish words, each saying the English as it stands.

    A project without the file (a test fixture, a library with no web pages) has
    nothing to check; the project's own file is required by a contract test.
    """
    try:
        loaded = load_spanish(library)
    except ProblemList as many:
        return list(many.problems)
    except DraftkitError as one:
        return [one]
    if loaded is None:
        return []
    problems: list[DraftkitError] = []
    entries = loaded.value
    clauses = {clause_id: c.value for clause_id, c in library.clauses.items()}
    problems += _section(
        loaded,
        "clauses",
        {i: clause_fingerprint(c) for i, c in clauses.items()},
        entries.clauses,
        what="the clause",
        fields="title: and summary:",
        ids_in="the clause files in clauses/",
    )
    problems += _section(
        loaded,
        "loopholes",
        {lh.id: loophole_fingerprint(lh) for lh in library.loophole_list()},
        entries.loopholes,
        what="the loophole",
        fields="name:",
        ids_in="clauses/loopholes.yaml",
    )
    return problems


def _section(
    loaded: Loaded[LibraryInSpanish],
    section: str,
    english: dict[str, str],
    spanish: dict[str, ClauseInSpanish] | dict[str, LoopholeInSpanish],
    *,
    what: str,
    fields: str,
    ids_in: str,
) -> list[DraftkitError]:
    problems: list[DraftkitError] = []
    for item_id, fingerprint in english.items():
        entry = spanish.get(item_id)
        if entry is None:
            problems.append(
                DataError(
                    f"{section}.{item_id}: no Spanish for {what} {item_id}",
                    path=loaded.source.shown,
                    line=loaded.source.key_line_of((section,)),
                    hint=f"add `{item_id}:` under `{section}:` with english_fingerprint: "
                    f'"{fingerprint}" and {fields} in plain Spanish; {_REVIEW_HINT}',
                    field=f"{section}.{item_id}",
                )
            )
        elif entry.english_fingerprint != fingerprint:
            problems.append(
                loaded.error(
                    (section, item_id, "english_fingerprint"),
                    f"the English of {what} {item_id} changed since this Spanish was written",
                    hint=f"make the Spanish say what the English now says, then write "
                    f'english_fingerprint: "{fingerprint}"; {_REVIEW_HINT}',
                )
            )
    for item_id in spanish:
        if item_id not in english:
            problems.append(
                DataError(
                    f"{section}.{item_id}: there is no {what.removeprefix('the ')} {item_id}",
                    path=loaded.source.shown,
                    line=loaded.source.key_line_of((section, item_id)),
                    hint=f"remove the entry, or correct its id to one of the ids in {ids_in}",
                    field=f"{section}.{item_id}",
                )
            )
    return problems


@dataclass(frozen=True)
class Shown:
    """A piece of library text as a page shows it, and the language it is in."""

    text: str
    lang: str


@dataclass(frozen=True)
class LibraryWords:
    """The library's words in one language: Spanish where it says the English as it
    stands, else the English (which the page labels as such)."""

    lang: str
    clause_titles: dict[str, Shown] = field(default_factory=dict)
    clause_summaries: dict[str, Shown] = field(default_factory=dict)
    loophole_names: dict[str, Shown] = field(default_factory=dict)

    @property
    def any_english(self) -> bool:
        """Whether a page in another language shows some of the English."""
        shown = [*self.clause_titles.values(), *self.clause_summaries.values()]
        shown += self.loophole_names.values()
        return self.lang != "en" and any(s.lang == "en" for s in shown)


def library_words(
    library: Library, spanish: Loaded[LibraryInSpanish] | None, lang: str
) -> LibraryWords:
    """Clause titles and summaries and loophole names for pages in ``lang``."""
    entries = spanish.value if spanish is not None and lang == "es" else None
    words = LibraryWords(lang=lang)
    for clause_id, loaded in library.clauses.items():
        clause = loaded.value
        found = entries.clauses.get(clause_id) if entries else None
        if found is not None and found.english_fingerprint == clause_fingerprint(clause):
            words.clause_titles[clause_id] = Shown(found.title, "es")
            words.clause_summaries[clause_id] = Shown(found.summary, "es")
        else:
            words.clause_titles[clause_id] = Shown(clause.title, "en")
            words.clause_summaries[clause_id] = Shown(clause.summary, "en")
    for loophole in library.loophole_list():
        name = entries.loopholes.get(loophole.id) if entries else None
        if name is not None and name.english_fingerprint == loophole_fingerprint(loophole):
            words.loophole_names[loophole.id] = Shown(name.name, "es")
        else:
            words.loophole_names[loophole.id] = Shown(loophole.name, "en")
    return words


__all__ = [
    "SPANISH_FILE",
    "LibraryWords",
    "Shown",
    "check_spanish",
    "clause_fingerprint",
    "english_fingerprint",
    "library_words",
    "load_spanish",
    "loophole_fingerprint",
]
