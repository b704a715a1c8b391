"""A village's documents call it a village: never "Town" for the municipality itself (a
tester's review, 2026-12-01), and a body named with a plural takes the apostrophe alone."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from tests.conftest import REPO, run

_OTHER_TOWN = re.compile(r"\bTown of [A-Z][\w-]*")
# Clause ids ("town-records") are the library's names, not words of the document.
_TOWN = re.compile(r"\b[Tt]owns?\b(?!-[a-z]).{0,40}")


def _texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + cells


@pytest.mark.parametrize(
    "args",
    [
        ("albany-village", "--policing", "state-police"),
        ("albany-village", "--policing", "sheriff"),
        ("albany-village", "--policing", "constables"),
        ("woodstock-village",),
    ],
    ids=["state-police", "sheriff", "constables", "own-police"],
)
def test_a_village_is_never_called_a_town(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run(REPO, "draft", *args, "--date", "2026-12-01", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    found = []
    for path in sorted(tmp_path.glob("*.docx")):
        for text in _texts(path):
            # Other municipalities are named by their legal names ("Town of Shelburne").
            found += [
                f"{path.name}: {m.group(0)}" for m in _TOWN.finditer(_OTHER_TOWN.sub("", text))
            ]
            assert "Trustees's" not in text, text
    assert found == []


def test_village_words_where_a_town_said_town(tmp_path: Path) -> None:
    args = ("albany-village", "--policing", "sheriff", "--date", "2026-12-01")
    assert run(REPO, "draft", *args, "--out", str(tmp_path)).exit_code == 0
    addendum = " ".join(_texts(next(tmp_path.glob("*addendum.docx"))))
    assert "between the Village of Albany (the \u201cVillage\u201d) and the" in addendum
    resolution = " ".join(_texts(next(tmp_path.glob("*resolution.docx"))))
    assert "Exhibit C \u2014 Village policy" in resolution
    assert "the Board of Trustees' request to that officer" in resolution
    assert "\u201cMunicipal official or employee\u201d means" in resolution
