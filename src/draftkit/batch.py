"""``draftkit batch``: drafts for many municipalities in one run, on every core.

A statewide push (every town meeting warning in March) needs every municipality's
documents at once. The library is loaded and checked, and each template compiled,
once; worker processes forked from there draft town after town. Every town's files are
checked in memory and written all together or not at all; a town that fails is
reported with its reason and does not stop the others.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from draftkit.checking import check_clauses, check_glossary
from draftkit.composing import DraftOptions
from draftkit.defaults import Policing, PolicingUnknownError
from draftkit.drafting import prepare_draft
from draftkit.errors import DraftkitError, ProblemList, raise_if_any
from draftkit.instruments import INSTRUMENTS
from draftkit.library import Library, load_library
from draftkit.models import Arrangement
from draftkit.rendering import compiled_template
from draftkit.writing import write_files

UNKNOWN_POLICING_SETS: tuple[Arrangement, ...] = ("sheriff", "state_police")
"""What a town gets when nobody knows who polices it: both instruments, to choose from."""

_LABELS: dict[Arrangement, str] = {
    "municipal": "police",
    "sheriff": "sheriff",
    "state_police": "state-police",
}


@dataclass(frozen=True)
class BatchSettings:
    """What applies to every town of a batch."""

    root: Path
    out_dir: Path
    options: DraftOptions
    force: bool = False
    policing_default: Arrangement | None = None
    """For towns whose policing nobody knows: this set instead of both."""


@dataclass(frozen=True)
class TownOutcome:
    """How one town of a batch went."""

    town: str
    arrangements: tuple[str, ...]
    paths: tuple[Path, ...]
    problem: str | None = None

    @property
    def documents(self) -> int:
        """How many Word documents were written."""
        return sum(1 for path in self.paths if path.suffix == ".docx")


def every_municipality(library: Library) -> list[str]:
    """Every organized municipality in the registry, by slug, in registry order."""
    if library.registry is None:
        return sorted(library.towns)
    return [library.registry.slug(m) for m in library.registry.rows if m.organized]


def draft_town(library: Library, town: str, settings: BatchSettings) -> TownOutcome:
    """Draft one town's documents (both sets where policing is unknown) and write them
    all or none. Never raises for a problem with the town: the outcome says it."""
    try:
        try:
            library.resolve_town(town)
            sets: list[Arrangement | None] = [None]
        except PolicingUnknownError:
            default = settings.policing_default
            sets = [default] if default else list(UNKNOWN_POLICING_SETS)
        files: dict[str, bytes] = {}
        arrangements: list[str] = []
        for arrangement in sets:
            policing = Policing(arrangement=arrangement) if arrangement else None
            label = _LABELS[arrangement] if len(sets) > 1 and arrangement else None
            draft = prepare_draft(library, town, "all", settings.options, policing, label=label)
            files.update(draft.files)
            arrangements.append(draft.manifest["town"]["policing"])
        paths = write_files(settings.out_dir, files, force=settings.force)
        return TownOutcome(town, tuple(arrangements), tuple(paths))
    except ProblemList as many:
        first = many.problems[0]
        more = f" (and {len(many.problems) - 1} more)" if len(many.problems) > 1 else ""
        return TownOutcome(town, (), (), _one_line(first) + more)
    except DraftkitError as problem:
        return TownOutcome(town, (), (), _one_line(problem))


def _one_line(problem: DraftkitError) -> str:
    head = f"{problem.location}: {problem.message}" if problem.location else problem.message
    return head.replace("\n", " ")


_WORKER: tuple[Library, BatchSettings] | None = None
"""What a forked worker drafts with: the library the parent loaded and checked."""


def _work(town: str) -> TownOutcome:
    assert _WORKER is not None, "worker not started"
    library, settings = _WORKER
    return draft_town(library, town, settings)


def _warm(library: Library) -> None:
    """Compile every template a draft can use (and read its own text) once, before the
    workers are forked, so each worker starts drafting at once instead of repeating it."""
    for template in sorted({d.template for documents in INSTRUMENTS.values() for d in documents}):
        path = library.template_path(template)
        try:
            compiled_template(path, shown=str(path.relative_to(library.root)))
        except DraftkitError:
            continue  # each town that uses it reports the problem
        library.template_text(template)


def run_batch(
    settings: BatchSettings,
    towns: Sequence[str] | None = None,
    *,
    workers: int | None = None,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[TownOutcome], None] | None = None,
) -> list[TownOutcome]:
    """Draft every town in ``towns`` (default: every organized municipality).

    The library is checked once before any worker starts, so a broken clause stops the
    batch before it writes anything; a problem with one town only stops that town.

    Returns:
        One outcome per town, in the order given.

    Raises:
        DraftkitError: the library itself is broken, or ``towns`` is empty.
    """
    library = load_library(settings.root)
    raise_if_any(check_clauses(library) + check_glossary(library))
    names = list(towns) if towns is not None else every_municipality(library)
    if not names:
        raise DraftkitError("no towns to draft", hint="name towns, or leave them out for all")
    if on_start is not None:
        on_start(len(names))
    count = workers or os.cpu_count() or 1
    outcomes: dict[int, TownOutcome] = {}
    for index, outcome in _outcomes(library, settings, names, count):
        outcomes[index] = outcome
        if on_done is not None:
            on_done(outcome)
    return [outcomes[i] for i in range(len(names))]


def _outcomes(
    library: Library, settings: BatchSettings, names: list[str], workers: int
) -> Iterator[tuple[int, TownOutcome]]:
    if workers <= 1 or len(names) < 4:
        for index, name in enumerate(names):
            yield index, draft_town(library, name, settings)
        return
    global _WORKER
    _warm(library)
    # fork shares the loaded modules, the checked library and the compiled templates:
    # a worker starts drafting at once. Towns go out a few at a time, so both cores
    # stay busy to the end; only names and short outcomes travel between processes.
    _WORKER = (library, settings)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(min(workers, len(names))) as pool:
            chunk = max(1, min(4, len(names) // (workers * 16)))
            yield from pool.imap_unordered(_indexed_work, enumerate(names), chunksize=chunk)
    finally:
        _WORKER = None


def _indexed_work(item: tuple[int, str]) -> tuple[int, TownOutcome]:
    return item[0], _work(item[1])


__all__ = [
    "UNKNOWN_POLICING_SETS",
    "BatchSettings",
    "TownOutcome",
    "draft_town",
    "every_municipality",
    "run_batch",
]
