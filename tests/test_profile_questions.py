"""Issue 8, profiles that ask the right questions: who adopts police policy and whether
the body may direct, defaults that are not facts, --policing that cannot contradict the
registry, one agency serving two municipalities, the policing question in words, output
names that follow the governing body, and ``towns new --force``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import REPO, run

from draftkit.naming import body_word


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for folder in ("towns", "clauses", "resolutions"):
        shutil.copytree(REPO / folder, root / folder)
    return root


# ------------------------------------------------------------- output names follow the body


@pytest.mark.parametrize(
    ("town", "policing", "name"),
    [
        ("Hinesburg", None, "2026-11-27-hinesburg-selectboard-resolution.docx"),
        ("Burlington", None, "2026-11-27-burlington-council-resolution.docx"),
        ("Rutland City", None, "2026-11-27-rutland-city-aldermen-resolution.docx"),
        ("Bridport", "sheriff", "2026-11-27-bridport-selectboard-resolution.docx"),
        ("Albany village", "state-police", "2026-11-27-albany-village-trustees-resolution.docx"),
    ],
)
def test_a_resolution_file_is_named_for_the_body_that_adopts_it(
    tmp_path: Path, town: str, policing: str | None, name: str
) -> None:
    out = tmp_path / "out"
    extra = ["--policing", policing] if policing else []
    result = run(
        REPO, "draft", town, "--doc", "resolution", "--date", "2026-11-27", "--out", str(out), *extra
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"wrote {out / name}"
    assert (out / name.replace(".docx", ".manifest.json")).exists()


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ("Selectboard", "selectboard"),
        ("Board of Selectmen", "selectboard"),
        ("City Council", "council"),
        ("Board of Trustees", "trustees"),
        ("Board of Aldermen", "aldermen"),
        ("Prudential Committee", "prudential-committee"),
        ("Board of Civil Authority", "civil-authority"),
    ],
)
def test_body_words(body: str, word: str) -> None:
    assert body_word(body) == word
