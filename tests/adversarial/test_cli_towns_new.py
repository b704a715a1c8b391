"""`towns new` never writes a profile that `check` would reject: the profile is checked
the way check checks it before it is written; a prompt asks a refused answer again."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.adversarial._edges import invoke, patch_renames, plain, real_project, snapshot

from draftkit.data.profiles import validate_answer
from draftkit.dates import RANGE_HINT, latest
from draftkit.errors import DataError
from draftkit.text_rules import TEXT_HINT

LEGAL_NAME_HINT = (
    "  hint: write it in English as the charter does: a town's legal name begins 'Town of', "
    "a city's 'City of', a village's 'Village of'\n"
)
NOT_HINESBURG = (
    "towns/hinesburg.yaml: legal_name: 'Town of Essex' is not the legal name of the town of "
    "Hinesburg, which is written 'Town of Hinesburg'\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return real_project(tmp_path)


def test_a_legal_name_for_another_town_is_refused_with_yes(project: Path, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    result = invoke(
        project, "towns", "new", "Hinesburg", "--yes", "--set", "legal_name=Town of Essex"
    )
    assert result.exit_code == 1
    assert plain(result) == f"{NOT_HINESBURG}{LEGAL_NAME_HINT}error: 1 problem in 1 file\n"
    assert snapshot(tmp_path) == before
    assert invoke(project, "check").exit_code == 0


def test_a_legal_name_for_another_town_is_asked_again(project: Path) -> None:
    answers = "Town of Essex\n" + "\n" * 12 + "Town of Hinesburg\n"
    result = invoke(project, "towns", "new", "Hinesburg", input=answers)
    assert result.exit_code == 0, result.output
    assert f"{NOT_HINESBURG}{LEGAL_NAME_HINT}" in result.stderr
    assert "wrote towns/hinesburg.yaml\n" in result.stdout
    assert "legal_name: Town of Hinesburg" in (project / "towns/hinesburg.yaml").read_text()
    assert invoke(project, "check").exit_code == 0


def test_a_nul_byte_typed_at_a_prompt_is_asked_again(project: Path) -> None:
    answers = "Town of Hines\x00burg\n" + "\n" * 13
    result = invoke(project, "towns", "new", "Hinesburg", input=answers)
    assert result.exit_code == 0, result.output
    assert (
        "Error: legal_name: the answer holds U+0000 (a control character), which a Word "
        "document cannot hold"
    ) in result.output
    assert "\x00" not in (project / "towns/hinesburg.yaml").read_text()
    assert invoke(project, "check").exit_code == 0


def test_an_undecodable_answer_is_refused_as_given() -> None:
    # What Python makes of a Latin-1 "é" read with surrogateescape (a C-locale terminal).
    with pytest.raises(DataError) as caught:
        validate_answer("police.name", "Hinesburg Polic\udce9 Department")
    assert str(caught.value) == (
        "police.name: the answer holds U+DCE9 (a byte that is not valid UTF-8), which a Word "
        f"document cannot hold\n  hint: {TEXT_HINT}"
    )


def test_bytes_that_are_not_utf8_at_a_prompt_stop_plainly(project: Path, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    answers = b"\n" * 5 + b"Hinesburg Polic\xe9 Department\n" + b"\n" * 8
    result = invoke(project, "towns", "new", "Hinesburg", input=answers)
    assert result.exit_code == 1
    assert plain(result).endswith(
        "error: what was typed is not UTF-8 text (invalid continuation byte)\n"
        f"  hint: {TEXT_HINT}\n"
    )
    assert snapshot(tmp_path) == before


def test_an_impossible_date_with_set_names_the_field(project: Path, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    result = invoke(
        project, "towns", "new", "Hinesburg", "--yes", "--set", "fipp.model_version=2024-02-30"
    )
    assert result.exit_code == 1
    assert plain(result) == (
        "towns/hinesburg.yaml: fipp.model_version: '2024-02-30' is not a date\n"
        "  hint: write it as YYYY-MM-DD, e.g. 2024-04-23\n"
        "error: 1 problem in 1 file\n"
    )
    assert snapshot(tmp_path) == before


def test_every_bad_set_answer_is_listed_at_once(project: Path, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    result = invoke(
        project,
        "towns",
        "new",
        "Hinesburg",
        "--yes",
        "--set",
        "fipp.model_version=someday",
        "--set",
        "legal_name=City of Burlington",
    )
    assert result.exit_code == 1
    stderr = plain(result)
    assert "fipp.model_version: 'someday' is not a date" in stderr
    # The legal name is checked in the same pass: no second round.
    assert (
        "legal_name: 'City of Burlington' is not the legal name of the town of Hinesburg" in stderr
    )
    assert stderr.endswith("error: 2 problems in 1 file\n")
    assert snapshot(tmp_path) == before


def test_a_policing_agency_with_a_control_character_at_the_prompt(
    project: Path, tmp_path: Path
) -> None:
    # A town whose policing the registry does not know: the agency is asked for.
    before = snapshot(tmp_path)
    result = invoke(project, "towns", "new", "Hinesburg", "--agency", "Hines\x07burg PD")
    assert result.exit_code == 2
    assert "Error: Invalid value for '--agency': the value holds U+0007" in plain(result)
    assert snapshot(tmp_path) == before


def test_ctrl_c_while_the_profile_is_written_leaves_no_profile(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(tmp_path)

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    patch_renames(monkeypatch, interrupted)
    result = invoke(project, "towns", "new", "Hinesburg", "--yes")
    assert result.exit_code == 130
    assert plain(result) == "Stopped\n"
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        (
            "2026-W01-1",
            "'2026-W01-1' is not a date",
            "write it as YYYY-MM-DD, e.g. 2024-04-23",
        ),
        (
            "1776-07-04",
            f"1776-07-04 is outside the dates draftkit accepts (2000-01-01 to "
            f"{latest().isoformat()})",
            RANGE_HINT,
        ),
    ],
)
def test_a_model_version_is_a_plain_date_in_range(
    project: Path, tmp_path: Path, value: str, message: str, hint: str
) -> None:
    before = snapshot(tmp_path)
    result = invoke(
        project, "towns", "new", "Hinesburg", "--yes", "--set", f"fipp.model_version={value}"
    )
    assert result.exit_code == 1
    assert plain(result) == (
        f"towns/hinesburg.yaml: fipp.model_version: {message}\n  hint: {hint}\n"
        "error: 1 problem in 1 file\n"
    )
    assert snapshot(tmp_path) == before
