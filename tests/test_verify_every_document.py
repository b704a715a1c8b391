"""verify on every kind of document draftkit writes, straight from the draft: each one
matches, whatever part of the draft's clauses it holds, and a hand edit in any of them is
reported against its clause."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from tests.conftest import REPO, run

DATE = ("--date", "2026-12-01")
SETS = {
    "own police": ("brattleboro",),
    "sheriff": ("addison", "--policing", "sheriff"),
    "State Police": ("bridport", "--policing", "state-police"),
    "constables": ("cornwall", "--policing", "constables"),
    "shared department": ("woodstock-village",),
}


def _drafted(tmp_path: Path, args: tuple[str, ...]) -> list[Path]:
    out = tmp_path / "out"
    result = run(REPO, "draft", *args, *DATE, "--out", str(out))
    assert result.exit_code == 0, result.output
    return sorted(out.glob("*.docx"))


@pytest.mark.parametrize("args", SETS.values(), ids=SETS.keys())
def test_every_document_verifies_as_drafted(tmp_path: Path, args: tuple[str, ...]) -> None:
    for path in _drafted(tmp_path, args):
        result = run(REPO, "verify", str(path))
        assert result.exit_code == 0, result.output
        assert result.output.rstrip().endswith(
            "Matches the library it was built from, with no hand edits."
        ), result.output


def test_a_resolution_names_the_clauses_it_holds_no_text_of(tmp_path: Path) -> None:
    resolution = next(p for p in _drafted(tmp_path, SETS["own police"]) if "resolution" in p.name)
    output = run(REPO, "verify", str(resolution)).output
    assert "custody-access" in output and "in this document: none of its text" in output
    assert "victim-witness-status" in output and "in this document: as drafted" in output


def test_an_edit_in_a_resolution_is_reported_against_its_clause(tmp_path: Path) -> None:
    resolution = next(p for p in _drafted(tmp_path, SETS["own police"]) if "resolution" in p.name)
    document = docx.Document(str(resolution))
    edited = next(p for p in document.paragraphs if "border" in p.text and "WHEREAS" in p.text)
    for run_ in edited.runs:
        run_.text = run_.text.replace("border", "frontier")
    document.save(str(resolution))
    result = run(REPO, "verify", str(resolution))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  border-crossing-pretext "))
    assert lines[at].endswith("in this document: edited by hand")
    assert '"border" became "frontier"' in lines[at + 1]


def test_a_packet_document_is_named_as_such(tmp_path: Path) -> None:
    made = run(REPO, "packet", "St. Johnsbury", *DATE, "--out", str(tmp_path))
    assert made.exit_code == 0, made.output
    letter = next(tmp_path.glob("*-packet/*-cover-letter.docx"))
    result = run(REPO, "verify", str(letter))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {letter}: a packet document (a companion to a draft, such as a cover "
        "letter, explainer, petition or checklist): it has no draft manifest, so verify "
        "cannot check it\n"
        "  hint: verify checks resolutions, directives and contract addenda; verify those "
        "of the same packet\n"
    )
