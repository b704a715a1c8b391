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


# ---------------------------------------------------- --policing never contradicts the registry

HINESBURG_REFUSAL = (
    "error: the registry lists Hinesburg (town, Chittenden County) as policed by the "
    "Hinesburg Police Department; --policing sheriff contradicts it\n"
    "  hint: draft without --policing; to draft for another arrangement on purpose, write a "
    "profile that says so: `draftkit towns new hinesburg --policing sheriff`\n"
)


def test_draft_policing_that_contradicts_the_registry_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(REPO, "draft", "Hinesburg", "--policing", "sheriff", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == HINESBURG_REFUSAL
    assert not out.exists()


def test_packet_policing_that_contradicts_the_registry_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(REPO, "packet", "Hinesburg", "--policing", "sheriff", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == HINESBURG_REFUSAL
    assert not out.exists()


def test_a_village_served_by_its_towns_department_is_not_redrafted_for_state_police(
    tmp_path: Path,
) -> None:
    result = run(REPO, "draft", "Woodstock village", "--policing", "state-police")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the registry lists Woodstock (village, in Woodstock, Windsor County) as policed "
        "by the Woodstock Police Department; --policing state-police contradicts it\n"
        "  hint: draft without --policing; to draft for another arrangement on purpose, write a "
        "profile that says so: `draftkit towns new woodstock-village --policing state-police`\n"
    )


def test_a_profile_departs_from_the_registry_on_purpose(tmp_path: Path) -> None:
    root = _project(tmp_path)
    made = run(root, "towns", "new", "Hinesburg", "--policing", "sheriff", "--yes")
    assert made.exit_code == 0, made.output
    out = tmp_path / "out"
    drafted = run(root, "draft", "Hinesburg", "--date", "2026-11-27", "--out", str(out))
    assert drafted.exit_code == 0, drafted.output
    assert (out / "2026-11-27-hinesburg-contract-addendum.docx").exists()


def test_batch_policing_applies_only_where_policing_is_unknown(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        REPO, "batch", "Hinesburg", "Bridport", "--policing", "sheriff",
        "--date", "2026-11-27", "--out", str(out), "--workers", "1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "2026-11-27-bridport-contract-addendum.docx",
        "2026-11-27-bridport-manifest.json",
        "2026-11-27-bridport-selectboard-resolution.docx",
        "2026-11-27-hinesburg-manifest.json",
        "2026-11-27-hinesburg-police-directive.docx",
        "2026-11-27-hinesburg-selectboard-resolution.docx",
    ]
