"""``draftkit batch``: drafts for many municipalities in one run, on every core.

A statewide push (every town meeting warning in March) needs every municipality's
documents at once. The library is loaded and checked, and each template compiled,
once; worker processes forked from there draft town after town. Every town's files are
checked in memory and written all together or not at all; a town that fails is
reported with its reason and does not stop the others.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import queue
import signal
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draftkit.data.defaults import Policing, PolicingUnknownError
from draftkit.data.fields import Arrangement
from draftkit.data.library import Library, load_library
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.instruments import INSTRUMENTS
from draftkit.drafting.pipeline import prepare_draft, sound_town
from draftkit.drafting.rendering import compiled_template, save_compiled_texts
from draftkit.drafting.writing import write_files
from draftkit.errors import DraftkitError, ProblemList, raise_if_any
from draftkit.review.checking import problems_for_drafts

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
    hint: str | None = None
    """What to do about ``problem`` ("did you mean …"), as ``draft`` would say it."""

    @property
    def documents(self) -> int:
        """How many Word documents were written."""
        return sum(1 for path in self.paths if path.suffix == ".docx")


def every_municipality(library: Library) -> list[str]:
    """Every organized municipality in the registry, by slug, in registry order."""
    if library.registry is None:
        return sorted({*library.towns, *library.broken_towns})
    return [library.registry.slug(m) for m in library.registry.rows if m.organized]


def draft_town(library: Library, town: str, settings: BatchSettings) -> TownOutcome:
    """Draft one town's documents (both sets where policing is unknown) and write them
    all or none. Never raises for a problem with the town: the outcome says it."""
    drafted = _drafted(library, town, settings)
    return drafted if isinstance(drafted, TownOutcome) else _written(town, drafted, settings)


_Drafted = tuple[dict[str, bytes], tuple[str, ...]]
"""A town's files in memory and the policing arrangement of each set, before writing."""


def _drafted(library: Library, town: str, settings: BatchSettings) -> _Drafted | TownOutcome:
    try:
        try:
            sound_town(library, town)
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
        return files, tuple(arrangements)
    except DraftkitError as problem:
        return _failed(town, problem)


def _written(town: str, drafted: _Drafted, settings: BatchSettings) -> TownOutcome:
    files, arrangements = drafted
    try:
        paths = write_files(settings.out_dir, files, force=settings.force)
    except DraftkitError as problem:
        return _failed(town, problem)
    return TownOutcome(town, arrangements, tuple(paths))


def _failed(town: str, problem: DraftkitError) -> TownOutcome:
    if isinstance(problem, ProblemList):
        first = problem.problems[0]
        more = f" (and {len(problem.problems) - 1} more)" if len(problem.problems) > 1 else ""
        return TownOutcome(town, (), (), _one_line(first) + more, _hint(first))
    return TownOutcome(town, (), (), _one_line(problem), _hint(problem))


def _hint(problem: DraftkitError) -> str | None:
    return problem.hint.replace("\n", " ") if problem.hint else None


def _one_line(problem: DraftkitError) -> str:
    head = f"{problem.location}: {problem.message}" if problem.location else problem.message
    return head.replace("\n", " ")


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
    batch before it writes anything; a problem with one town (its own profile broken,
    say) only stops that town.

    Returns:
        One outcome per town, in the order given.

    Raises:
        DraftkitError: the library itself is broken, or ``towns`` is empty.
    """
    library = load_library(settings.root, lenient_towns=True)
    raise_if_any(problems_for_drafts(library))
    names = list(towns) if towns is not None else every_municipality(library)
    if not names:
        raise DraftkitError("no towns to draft", hint="name towns, or leave them out for all")
    if on_start is not None:
        on_start(len(names))
    count = workers or os.cpu_count() or 1
    outcomes: dict[int, TownOutcome] = {}
    found = (
        _in_this_process(library, settings, names)
        if count <= 1 or len(names) < 4
        else _in_workers(library, settings, names, min(count, len(names)))
    )
    for index, outcome in found:
        outcomes[index] = outcome
        if on_done is not None:
            on_done(outcome)
    save_compiled_texts()
    return [outcomes[i] for i in range(len(names))]


def _in_this_process(
    library: Library, settings: BatchSettings, names: list[str]
) -> Iterator[tuple[int, TownOutcome]]:
    # A thread writes one town (its fsyncs wait on the disk, not the processor) while
    # the next is drafted.
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending: deque[tuple[int, TownOutcome | Future[TownOutcome]]] = deque()
        for index, name in enumerate(names):
            drafted = _drafted(library, name, settings)
            pending.append(
                (index, drafted)
                if isinstance(drafted, TownOutcome)
                else (index, writer.submit(_written, name, drafted, settings))
            )
            while pending and _ready(pending[0][1]):
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())


def _ready(outcome: TownOutcome | Future[TownOutcome]) -> bool:
    return isinstance(outcome, TownOutcome) or outcome.done()


def _result(index: int, outcome: TownOutcome | Future[TownOutcome]) -> tuple[int, TownOutcome]:
    return index, outcome if isinstance(outcome, TownOutcome) else outcome.result()


def _in_workers(
    library: Library, settings: BatchSettings, names: list[str], workers: int
) -> Iterator[tuple[int, TownOutcome]]:
    """Outcomes as this process and ``workers - 1`` forked ones finish them.

    The workers are forked after the library was loaded and checked and every template
    compiled, so each starts drafting at once; this process drafts too (one process a
    core, and no idle parent holding a copy of everything). All take towns one at a time
    from a shared queue, so every core stays busy to the end, and send back only short
    outcomes.
    """
    _warm(library)
    # What is loaded now lives as long as the batch: the collector need not walk it
    # again, and a forked worker then does not copy the pages it would touch doing so.
    gc.freeze()
    context = multiprocessing.get_context("fork")
    tasks: Any = context.Queue()
    results: Any = context.Queue()
    stop = context.Event()
    processes = [
        context.Process(
            target=_worker, args=(library, settings, names, tasks, results, stop), daemon=True
        )
        for _ in range(workers - 1)
    ]
    for process in processes:
        process.start()
    # Filled after the fork: the queue's feeder thread starts in this process only.
    for index in range(len(names)):
        tasks.put(index)
    for _ in range(workers):
        tasks.put(None)
    received = 0
    try:
        with ThreadPoolExecutor(max_workers=1) as writer:
            mine: list[Future[None]] = []
            # This process's own outcomes skip the pipe (read back at once, in order).
            own: queue.SimpleQueue[tuple[int, TownOutcome | str]] = queue.SimpleQueue()
            drafting = True
            while received < len(names):
                if drafting:
                    index = tasks.get()
                    drafting = index is not None
                    if index is not None:
                        written = _draft_and_write(library, settings, names, index, writer, own)
                        mine += [written] if written else []
                finished = not drafting and all(f.done() for f in mine)
                finished = finished and not any(p.is_alive() for p in processes)
                arrived = [*_arrived(own, wait=False), *_arrived(results, wait=not drafting)]
                for index, outcome in arrived:
                    if isinstance(outcome, str):
                        raise RuntimeError(f"drafting {names[index]} failed:\n{outcome}")
                    received += 1
                    yield index, outcome
                if finished and received < len(names):
                    # Every process is done and all they sent has been read.
                    raise RuntimeError("the batch's worker processes stopped early")
    finally:
        # Stopped (Ctrl-C) or failed: each worker finishes the town in hand, so no town
        # is left half-written, then ends.
        stop.set()
        for _ in processes:
            tasks.put(None)  # for a worker waiting on an empty queue, if stopped early
        while any(process.is_alive() for process in processes):
            with contextlib.suppress(queue.Empty):
                results.get(timeout=0.1)
        for process in processes:
            process.join()
        gc.unfreeze()


def _arrived(results: Any, *, wait: bool) -> Iterator[tuple[int, TownOutcome | str]]:
    """What has arrived in ``results``; with ``wait``, waits a moment for the first."""
    try:
        yield results.get(timeout=0.2) if wait else results.get_nowait()
        while True:
            yield results.get_nowait()
    except queue.Empty:
        return


def _draft_and_write(
    library: Library,
    settings: BatchSettings,
    names: list[str],
    index: int,
    writer: ThreadPoolExecutor,
    results: Any,
) -> Future[None] | None:
    """Draft one town and hand its writing to ``writer``; the outcome goes to ``results``.

    The writing thread waits on the disk (fsync), not the processor, while the next town
    is drafted.
    """
    drafted = _drafted(library, names[index], settings)
    if isinstance(drafted, TownOutcome):
        results.put((index, drafted))
        return None

    def write() -> None:
        try:
            results.put((index, _written(names[index], drafted, settings)))
        except Exception:
            results.put((index, traceback.format_exc()))

    return writer.submit(write)


def _worker(
    library: Library,
    settings: BatchSettings,
    names: list[str],
    tasks: Any,
    results: Any,
    stop: Any,
) -> None:
    # Ctrl-C reaches every process of the terminal; the parent decides, and a worker
    # finishes the town it is writing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    with ThreadPoolExecutor(max_workers=1) as writer:
        while not stop.is_set():
            index = tasks.get()
            if index is None:
                break
            try:
                _draft_and_write(library, settings, names, index, writer, results)
            except Exception:
                results.put((index, traceback.format_exc()))
                break


__all__ = [
    "UNKNOWN_POLICING_SETS",
    "BatchSettings",
    "TownOutcome",
    "draft_town",
    "every_municipality",
    "run_batch",
]
