"""`draftkit towns new`: a profile without hand-editing YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from tests.conftest import REPO

from draftkit.cli import cli
from draftkit.data.library import load_library


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for folder in ("towns", "clauses", "resolutions"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_non_interactive_profile_is_valid_and_drafts(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = CliRunner().invoke(
        cli,
        [
            "--root",
            str(root),
            "towns",
            "new",
            "Hinesburg",
            "--yes",
            "--set",
            "governing_body.presiding_officer_title=Selectboard Chair",
        ],
        obj={},
    )
    assert result.exit_code == 0, result.output
    # --set answers a question; only --confirm (or typing at a prompt) confirms it.
    assert result.stdout == (
        "wrote towns/hinesburg.yaml\n"
        "not confirmed yet (drafts say so; --final waits for them): legal_name, "
        "governing_body.name, governing_body.presiding_officer_title, "
        "governing_body.clerk_title, police.name, police.head_title, police.policy_adopted_by, "
        "police.body_may_direct, police.approving_body, police.directive_series, "
        "fipp.policy_title, fipp.model_version\n"
    )
    profile = load_library(root).town("hinesburg").value
    assert profile.governing_body.presiding_officer_title == "Selectboard Chair"
    assert profile.police.name == "Hinesburg Police Department"
    drafted = CliRunner().invoke(
        cli, ["--root", str(root), "draft", "hinesburg", "--out", str(tmp_path / "d")], obj={}
    )
    assert drafted.exit_code == 0, drafted.output


def test_interactive_answers_are_validated_as_given(tmp_path: Path) -> None:
    root = _project(tmp_path)
    # An answer of only spaces is refused and asked again; Enter keeps the default.
    answers = "\n\n   \nChair of the Selectboard" + "\n" * 11
    result = CliRunner().invoke(
        cli, ["--root", str(root), "towns", "new", "Barre Town"], input=answers, obj={}
    )
    assert result.exit_code == 0, result.output
    assert "governing_body.presiding_officer_title: an answer is needed" in result.output
    profile = load_library(root).town("barre-town").value
    assert profile.governing_body.presiding_officer_title == "Chair of the Selectboard"


def test_existing_profile_is_not_replaced(tmp_path: Path) -> None:
    root = _project(tmp_path)
    before = (root / "towns" / "burlington.yaml").read_bytes()
    result = CliRunner().invoke(
        cli, ["--root", str(root), "towns", "new", "Burlington", "--yes"], obj={}
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "error: towns/burlington.yaml exists already\n"
        "  hint: `draftkit towns new burlington --force` asks its questions again with its "
        "current answers as defaults and replaces it only if every answer passes; or edit it "
        "in a text editor (`draftkit towns show` prints what it says)\n"
    )
    assert (root / "towns" / "burlington.yaml").read_bytes() == before


def test_unknown_field_is_a_usage_error(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = CliRunner().invoke(
        cli, ["--root", str(root), "towns", "new", "Hinesburg", "--yes", "--set", "mayor=X"], obj={}
    )
    assert result.exit_code == 2
    assert "unknown field 'mayor'" in result.stderr
    assert not (root / "towns" / "hinesburg.yaml").exists()


def test_interactive_profile_asks_who_polices_when_the_registry_cannot(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr("draftkit.cli.common.interactive", lambda: True)
    root = _project(tmp_path)
    answers = "sheriff\n" + "\n" * 8
    result = CliRunner().invoke(
        cli, ["--root", str(root), "towns", "new", "Cornwall"], input=answers, obj={}
    )
    assert result.exit_code == 0, result.output
    assert "Who polices the town?" in result.output
    profile = load_library(root).town("cornwall").value
    assert profile.police.arrangement == "sheriff"
    assert profile.police.name == "Addison County Sheriff's Office"
    assert profile.police.source == "given to draftkit"
