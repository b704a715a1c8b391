"""Benchmark: how much draftkit costs over bare docxtpl, and how long one CLI run takes.

Not a test: run it with `make bench`. It measures, in one run on this machine:
1. wall time of one `draftkit draft burlington` process (median of several runs);
2. in-process time per document through draftkit (load, check, render, inspect);
3. a bare docxtpl script rendering the same two templates with the same context;
and prints the ratio of 2 to 3.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docxtpl import DocxTemplate

from draftkit.composing import DraftOptions, build_contexts, render_clauses, select_clauses
from draftkit.drafting import prepare_draft
from draftkit.instruments import INSTRUMENTS
from draftkit.library import load_library

ROOT = Path(__file__).resolve().parents[1]
TOWN = "burlington"
OPTIONS = DraftOptions(date=dt.date(2026, 11, 27))
KINDS = ("resolution", "directive")
TEMPLATES = {d.kind: d.template for d in INSTRUMENTS["municipal"]}


def timed(action, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Median seconds of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    draftkit = Path(sys.executable).with_name("draftkit")
    with tempfile.TemporaryDirectory() as out:
        command = [
            str(draftkit),
            "--root",
            str(ROOT),
            "draft",
            TOWN,
            "--date",
            "2026-11-27",
            "--out",
            out,
            "--force",
        ]
        subprocess.run(command, check=True, capture_output=True)  # warm the file cache
        wall = timed(lambda: subprocess.run(command, check=True, capture_output=True), 5)

    library = load_library(ROOT)
    town = library.town(TOWN)
    rendered = render_clauses(town.value, select_clauses(library, town, ()))
    contexts = build_contexts(library, town, rendered, OPTIONS)

    print(f"draftkit draft {TOWN} (one process, median of 5): {wall * 1000:.0f} ms")
    print(f"{'document':<12}{'draftkit':>12}{'bare docxtpl':>16}{'ratio':>8}")
    for kind in KINDS:
        ours = timed(lambda kind=kind: prepare_draft(library, TOWN, kind, OPTIONS), 10)

        def bare(kind: str = kind) -> None:
            template = DocxTemplate(library.template_path(TEMPLATES[kind]))
            template.render(contexts[kind], autoescape=True)
            template.save(io.BytesIO())

        theirs = timed(bare, 10)
        print(f"{kind:<12}{ours * 1000:>10.1f}ms{theirs * 1000:>14.1f}ms{ours / theirs:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
