"""Issue 8, profiles that ask the right questions: who adopts police policy and whether
the body may direct, defaults that are not facts, --policing that cannot contradict the
registry, one agency serving two municipalities, the policing question in words, output
names that follow the governing body, and ``towns new --force``."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from tests.conftest import REPO, run

from draftkit.composing import DraftOptions
from draftkit.drafting import prepare_draft
from draftkit.library import load_library
from draftkit.naming import body_word

LIBRARY = load_library(REPO)
OPTIONS = DraftOptions(date=dt.date(2026, 11, 27))


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


# ------------------------------------------------------- one agency, two municipalities


def _resolution(town: str) -> str:
    draft = prepare_draft(LIBRARY, town, "resolution", OPTIONS)
    [lines] = draft.texts.values()
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("owner", "owner_words", "other", "other_body", "department"),
    [
        ("Woodstock village", "Board of Trustees of the Village of Woodstock",
         "Woodstock town", "Selectboard", "Woodstock Police Department"),
        ("Ludlow town", "Selectboard of the Town of Ludlow",
         "Ludlow village", "Board of Trustees", "Ludlow Police Department"),
        ("Swanton town", "Selectboard of the Town of Swanton",
         "Swanton village", "Board of Trustees", "Swanton Police Department"),
    ],
)  # fmt: skip
def test_one_department_two_municipalities(
    owner: str, owner_words: str, other: str, other_body: str, department: str
) -> None:
    mine = _resolution(owner)
    assert f"requests the Chief of Police to amend the {department}'s" in mine
    assert "is a department of the" not in mine
    asking = _resolution(other)
    owner_legal = owner_words.split(" of the ", 1)[1]
    assert (
        f"Recital | WHEREAS, the {department} is a department of the {owner_legal}, whose "
        f"officials adopt its policies, and it serves the "
    ) in asking
    assert (
        f"List Number | The {other_body} requests the {owner_words} and the Chief of Police "
        f"to amend the {department}'s Fair and Impartial Policing Policy"
    ) in asking
    assert " directs " not in asking
    profile = LIBRARY.resolve_town(other).loaded.value
    assert profile.police.run_by is not None and not profile.police.body_may_direct


def test_shared_agencies_must_name_registry_municipalities(tmp_path: Path) -> None:
    root = _project(tmp_path)
    defaults = root / "towns" / "defaults.yaml"
    defaults.write_text(
        defaults.read_text().replace("also_serves: [Ludlow village]", "also_serves: [Ludlo village]")
    )
    result = run(root, "check")
    assert result.exit_code == 1
    line = next(
        i for i, text in enumerate(defaults.read_text().splitlines(), 1) if "Ludlo village" in text
    )
    assert result.stderr == (
        f"towns/defaults.yaml:{line}: shared_agencies.Ludlow Police Department.also_serves[0]: "
        "no municipality 'Ludlo village' in the registry\n"
        "  hint: write the name as towns/registry.csv spells it, then its kind, e.g. "
        "'Woodstock village'\n"
        "error: 1 problem in 1 file\n"
    )


def test_a_department_of_another_municipality_cannot_be_directed(tmp_path: Path) -> None:
    root = _project(tmp_path)
    profile = root / "towns" / "burlington.yaml"
    profile.write_text(
        profile.read_text().replace(
            "  body_may_direct: false\n",
            "  body_may_direct: true\n  run_by:\n    legal_name: Town of Essex\n"
            "    body: Selectboard\n",
        )
    )
    result = run(root, "check")
    assert result.exit_code == 1
    assert "body_may_direct must be false: the Burlington Police Department belongs to the " \
        "Town of Essex, whose officials adopt its policies" in result.stderr
