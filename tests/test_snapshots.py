"""Golden text snapshots of the real towns' documents: one `style | text` line per
paragraph or table cell. Update with `make snapshots` (pytest --update-snapshots)
and review the diff like any other change to legal text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.conftest import REPO, run

from draftkit.data.defaults import Policing
from draftkit.data.library import load_library
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft
from draftkit.word.inspection import text_lines

SNAPSHOTS = Path(__file__).parent / "snapshots"
LIBRARY = load_library(REPO)
OPTIONS = DraftOptions(date=dt.date(2026, 11, 27), sponsors=("Councilor A. Example",))


CASES = [
    ("burlington", "resolution", None),
    ("burlington", "directive", None),
    ("winooski", "resolution", None),
    ("winooski", "directive", None),
    ("addison", "resolution", "sheriff"),
    ("addison", "addendum", "sheriff"),
    ("bridport", "resolution", "state_police"),
    ("cornwall", "resolution", "constables"),
]


@pytest.mark.parametrize(("town", "kind", "policing"), CASES)
def test_document_matches_its_snapshot(
    town: str, kind: str, policing: str | None, update_snapshots: bool
) -> None:
    said = Policing(arrangement=policing) if policing else None  # type: ignore[arg-type]
    draft = prepare_draft(LIBRARY, town, kind, OPTIONS, said)
    [data] = [d for name, d in draft.files.items() if name.endswith(".docx")]
    text = "\n".join(text_lines(data)) + "\n"
    golden = SNAPSHOTS / f"{town}-{kind}.txt"
    if update_snapshots:
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no snapshot yet: run `make snapshots` and review {golden}"
    assert text == golden.read_text(encoding="utf-8")


def test_final_drafts_have_no_draft_header(make_project) -> None:
    root = make_project()
    run(
        root,
        "clauses",
        "review",
        "custody-rule",
        "--reviewer",
        "A",
        "--role",
        "B",
        "--verdict",
        "approved",
    )
    options = DraftOptions(date=dt.date(2026, 11, 27), final=True)
    draft = prepare_draft(load_library(root), "testville", "all", options)
    for name, data in draft.files.items():
        if name.endswith(".docx"):
            lines = text_lines(data)
            assert not any("DRAFT" in line or line.startswith("Notice") for line in lines), name


@pytest.mark.parametrize(("town", "kind", "policing"), CASES)
def test_exhibit_sections_follow_their_definitions_heading(
    town: str, kind: str, policing: str | None
) -> None:
    """An exhibit that opens with "B.0 Definitions" numbers its sections B.1, B.2 ... with
    no gap (the 2026-12-01 review found Bridport's "B.0" followed by "1.2")."""
    said = Policing(arrangement=policing) if policing else None  # type: ignore[arg-type]
    draft = prepare_draft(LIBRARY, town, kind, OPTIONS, said)
    [data] = [d for name, d in draft.files.items() if name.endswith(".docx")]
    headings = [
        line.removeprefix("Heading 2 | ")
        for line in text_lines(data)
        if line.startswith("Heading 2 | ")
    ]
    prefix, expected = None, 0
    for heading in headings:
        number = heading.split(" ", 1)[0]
        if number.endswith(".0") and heading.endswith("Definitions"):
            prefix, expected = number[:-1], 1
        elif prefix is not None and number[:1].isalnum() and "." in number:
            assert number == f"{prefix}{expected}", (heading, headings)
            expected += 1
        else:
            prefix = None
