"""Benchmark: draftkit against bare docxtpl, side by side, with the same values.

Not a test: run it with `make bench` (add `--tests` to time the test suite too). Every
figure is measured in this one run, in paired, alternating runs, and printed with its
target (issue 10):

1. one town: `draftkit draft TOWN` as a whole process, against a bare docxtpl script
   process rendering the same templates with exactly the same values; target <= 1.2x.
   draftkit runs as a user's second draft does, with its disk cache (draftkit.data.disk_cache)
   filled by the first; the same draft with no cache is printed for reference;
2. every municipality: `draftkit batch` against a naive one-process docxtpl loop over the
   same documents, in documents per second; target >= 5x, with peak memory (all of the
   batch's processes together) under 200 MB;
3. help: `draftkit --help` and every subcommand's --help; target < 150 ms each;
4. tests (with --tests): `pytest` over the whole suite; target < 90 s.

Both sides' outputs are compared by text (`style | text` lines): a faster draftkit that
wrote something else would not count.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from draftkit.cli import cli, command_paths
from draftkit.data.defaults import Policing, PolicingUnknownError
from draftkit.data.library import Library, load_library
from draftkit.drafting.batch import UNKNOWN_POLICING_SETS, every_municipality
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.instruments import INSTRUMENTS
from draftkit.drafting.pipeline import prepare_draft
from draftkit.word.inspection import text_lines

ROOT = Path(__file__).resolve().parents[1]
DATE = dt.date(2026, 11, 27)
OPTIONS = DraftOptions(date=DATE)
BIN = Path(sys.executable).parent
BARE = [sys.executable, str(ROOT / "bench" / "bare_docxtpl.py")]


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _seconds(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def _paired(
    ours: Callable[[], float], theirs: Callable[[], float], pairs: int
) -> tuple[float, float]:
    """Medians of ``pairs`` alternating runs (who goes first alternates too)."""
    a: list[float] = []
    b: list[float] = []
    for index in range(pairs):
        if index % 2:
            b.append(theirs())
            a.append(ours())
        else:
            a.append(ours())
            b.append(theirs())
    return statistics.median(a), statistics.median(b)


def _jobs(
    library: Library, town: str, policing: Policing | None, out: Path, label: str | None
) -> tuple[list[dict[str, object]], dict[str, bytes]]:
    draft = prepare_draft(library, town, "all", OPTIONS, policing, label=label)
    arrangement = draft.manifest["town"]["policing"]
    jobs = []
    for document in INSTRUMENTS[arrangement]:
        name = draft.manifest["documents"][document.kind]
        jobs.append(
            {
                "template": str(library.template_path(document.template)),
                "context": draft.contexts[document.kind],
                "out": str(out / name),
            }
        )
    return jobs, {n: d for n, d in draft.files.items() if n.endswith(".docx")}


def _same_text(ours: dict[str, bytes], bare_dir: Path) -> bool:
    return all(
        text_lines(data) == text_lines((bare_dir / name).read_bytes())
        for name, data in ours.items()
    )


def one_town(library: Library, town: str, pairs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        jobs, ours = _jobs(library, town, None, work / "bare", None)
        (work / "bare").mkdir()
        (work / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
        command = [
            str(BIN / "draftkit"),
            "--root",
            str(ROOT),
            "draft",
            town,
            "--date",
            DATE.isoformat(),
            "--out",
            str(work / "ours"),
            "--force",
        ]
        bare = [*BARE, str(work / "jobs.json")]
        # A cache of this run's own: the first draft fills it, as a user's first draft
        # does; the same draft without any cache is timed too, for reference.
        cached = {**os.environ, "DRAFTKIT_CACHE_DIR": str(work / "cache")}
        uncached = {**os.environ, "DRAFTKIT_NO_CACHE": "1"}
        _seconds(command, cached)  # fills the cache and warms the file cache
        _seconds(bare)
        mine, theirs = _paired(lambda: _seconds(command, cached), lambda: _seconds(bare), pairs)
        cold, theirs_again = _paired(
            lambda: _seconds(command, uncached), lambda: _seconds(bare), max(pairs // 2, 1)
        )
        same = _same_text(ours, work / "bare") and _same_text(
            {p.name: p.read_bytes() for p in (work / "ours").glob("*.docx")}, work / "bare"
        )
    ratio = mine / theirs
    print(f"1. one town ({town}, whole process, median of {pairs} pairs)")
    print(
        f"   draftkit {mine * 1000:.0f} ms   bare docxtpl {theirs * 1000:.0f} ms   "
        f"ratio {ratio:.2f}x   target <= 1.20x   {_met(ratio <= 1.2)}   same text: {same}"
    )
    print(
        f"   (for reference, with no disk cache: draftkit {cold * 1000:.0f} ms, "
        f"{cold / theirs_again:.2f}x)"
    )


class _PeakMemory:
    """Samples the resident memory of a process and all its children, summed."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        found, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            try:
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                continue
            todo.extend(int(c) for c in children)
        return found

    def _rss(self, pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree()))
            self._stop.wait(0.02)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def every_town(library: Library) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "bare").mkdir()
        jobs: list[dict[str, object]] = []
        sample: dict[str, bytes] = {}
        for index, town in enumerate(every_municipality(library)):
            try:
                library.resolve_town(town)
                sets: list[Policing | None] = [None]
            except PolicingUnknownError:
                sets = [Policing(arrangement=a) for a in UNKNOWN_POLICING_SETS]
            for policing in sets:
                label = None
                if len(sets) > 1 and policing is not None:
                    label = "sheriff" if policing.arrangement == "sheriff" else "state-police"
                town_jobs, files = _jobs(library, town, policing, work / "bare", label)
                jobs.extend(town_jobs)
                if index % 25 == 0:
                    sample.update(files)
        (work / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
        command = [
            str(BIN / "draftkit"),
            "--root",
            str(ROOT),
            "batch",
            "--date",
            DATE.isoformat(),
            "--out",
            str(work / "ours"),
            "--force",
        ]
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        memory = _PeakMemory(process.pid)
        process.wait()
        ours = time.perf_counter() - start
        peak = memory.stop()
        theirs = _seconds([*BARE, str(work / "jobs.json")])
        same = _same_text(sample, work / "bare") and _same_text(
            {n: (work / "ours" / n).read_bytes() for n in sample}, work / "bare"
        )
    count = len(jobs)
    speedup = (count / ours) / (count / theirs)
    print(f"2. every municipality ({count} documents, whole processes)")
    print(
        f"   draftkit batch {count / ours:.1f} docs/s ({ours:.1f} s)   "
        f"naive docxtpl loop {count / theirs:.1f} docs/s ({theirs:.1f} s)   "
        f"speed-up {speedup:.1f}x   target >= 5x   {_met(speedup >= 5)}"
    )
    print(
        f"   peak memory of the batch (all processes) {peak / 2**20:.0f} MB   "
        f"target < 200 MB   {_met(peak < 200 * 2**20)}   "
        f"same text (sample of {len(sample)}): {same}"
    )


def help_times(repeat: int) -> None:
    worst = ("", 0.0)
    paths = [(), *command_paths(cli)]
    for path in paths:
        command = [str(BIN / "draftkit"), *path, "--help"]
        seconds = statistics.median(_seconds(command) for _ in range(repeat))
        if seconds > worst[1]:
            worst = (" ".join(("draftkit", *path, "--help")), seconds)
    print(f"3. help ({len(paths)} commands, median of {repeat} each)")
    print(
        f"   slowest: {worst[0]} {worst[1] * 1000:.0f} ms   "
        f"target < 150 ms   {_met(worst[1] < 0.15)}"
    )


def test_suite() -> None:
    seconds = _seconds(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "auto",
            "--dist",
            "loadfile",
            "-p",
            "no:cacheprovider",
        ],
        env={**os.environ, "CI": ""},
    )
    print("4. tests (pytest, whole suite, as make test runs it)")
    print(f"   {seconds:.0f} s   target < 90 s   {_met(seconds < 90)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--town", default="burlington")
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--tests", action="store_true", help="time the test suite too")
    parser.add_argument(
        "--only",
        choices=["town", "batch", "help", "tests"],
        action="append",
        help="measure only this figure (repeat for several); the machine is shared, so a "
        "figure measured alone is less noisy",
    )
    args = parser.parse_args()
    # As `pip install` does for an installed package: with PYTHONDONTWRITEBYTECODE set (as
    # on this machine) an editable install would otherwise compile draftkit's source in
    # every process, which the bare side's installed docxtpl never does.
    compileall.compile_dir(ROOT / "src" / "draftkit", quiet=1)
    only = set(args.only or ["town", "batch", "help", *(["tests"] if args.tests else [])])
    library = load_library(ROOT)
    print(f"draftkit benchmark, {dt.date.today()}, {os.cpu_count()} cores")
    if "town" in only:
        one_town(library, args.town, args.pairs)
    if "batch" in only:
        every_town(library)
    if "help" in only:
        help_times(5)
    if "tests" in only:
        test_suite()
    return 0


if __name__ == "__main__":
    sys.exit(main())
