"""The bare side of the benchmark: docxtpl alone, no draftkit.

Reads a JSON list of jobs ``{"template": PATH, "context": {...}, "out": PATH}`` and
renders each with a plain docxtpl loop (autoescape on, as draftkit renders), saving
each document to its ``out`` path. This is what a person would write without draftkit:
it imports nothing but docxtpl and the standard library.

    python bench/bare_docxtpl.py JOBS.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from docxtpl import DocxTemplate


def main(jobs_file: str) -> int:
    jobs = json.loads(Path(jobs_file).read_text(encoding="utf-8"))
    for job in jobs:
        template = DocxTemplate(job["template"])
        template.render(job["context"], autoescape=True)
        template.save(job["out"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
