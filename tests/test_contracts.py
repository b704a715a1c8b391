"""Contracts over the real data folders and the CLI itself."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from tests.conftest import REPO

from draftkit.cli import cli, command_paths
from draftkit.data.library import load_library
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft
from draftkit.review.checking import check
from draftkit.word.inspection import text_lines

DOCUMENT_KINDS = ("resolution", "directive")

LIBRARY = load_library(REPO)


def test_the_real_library_checks_clean() -> None:
    report = check(REPO)
    assert report.towns == len(LIBRARY.towns) >= 2
    assert report.clauses >= 5


@pytest.mark.parametrize("town", sorted(LIBRARY.towns))
@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_every_template_renders_for_every_town(town: str, kind: str) -> None:
    draft = prepare_draft(LIBRARY, town, kind, DraftOptions(date=dt.date(2026, 11, 27)))
    [data] = [d for name, d in draft.files.items() if name.endswith(".docx")]
    text = "\n".join(text_lines(data))
    profile = LIBRARY.towns[town].value
    assert profile.legal_name in text
    if kind == "resolution":
        assert profile.governing_body.presiding_officer_title in text
        assert profile.governing_body.clerk_title in text
    else:
        assert profile.police.name in text


@pytest.mark.parametrize("town", sorted(LIBRARY.towns))
def test_every_clause_a_town_asks_for_exists(town: str) -> None:
    asked = LIBRARY.towns[town].value.clauses or ()
    assert set(asked) <= set(LIBRARY.clauses)


@pytest.mark.parametrize(
    ("clauses", "wording"),
    [
        (
            ("information-sharing", "request-documentation-and-reporting", "surveillance-data"),
            "in the record that section 4.2 (Records of requests from Federal immigration "
            "authorities) requires; the yearly report",
        ),
        (
            ("surveillance-data",),
            "in a written log showing the date, the requesting office, what was asked and the "
            "answer; the yearly report",
        ),
    ],
    ids=["records clause in", "records clause left out"],
)
def test_surveillance_requests_go_to_the_record_the_document_has(
    clauses: tuple[str, ...], wording: str
) -> None:
    """Fourth counsel review 2026-12-01, item 6: one record named, never a conditional
    about whether the records section is part of the document."""
    options = DraftOptions(date=dt.date(2026, 11, 27), clause_ids=clauses)
    draft = prepare_draft(LIBRARY, "burlington", "directive", options)
    [data] = [d for name, d in draft.files.items() if name.endswith(".docx")]
    text = "\n".join(text_lines(data))
    assert (
        "The Agency shall record every request from a Federal immigration authority for "
        f"surveillance data, or for a search of it, {wording}"
    ) in text
    assert "is not part of this" not in text


COMMANDS = command_paths()


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_every_command_has_help_and_a_readme_entry(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], obj={}, terminal_width=88)
    assert result.exit_code == 0
    command = cli
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    assert command.help, f"draftkit {' '.join(path)} has no help text"
    readme = (REPO / "README.md").read_text()
    block = f"$ draftkit {' '.join(path)} --help\n{result.output}"
    assert block in readme, (
        f"README.md must show the current `draftkit {' '.join(path)} --help`:\n{block}"
    )


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text()
    first_block = readme.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make draft", "make test"]


def test_help_needs_none_of_the_heavy_modules() -> None:
    # `draftkit --help` must answer at once: the core loads on first use, not on import.
    import subprocess
    import sys

    code = (
        "import sys, contextlib, io\n"
        "from draftkit.cli import cli, command_paths\n"
        "for path in [(), *command_paths(cli)]:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        cli.main([*path, '--help'], prog_name='draftkit', standalone_mode=False)\n"
        "heavy = ('pydantic', 'docx', 'docxtpl', 'jinja2', 'lxml')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_option_choices_match_their_core_definitions() -> None:
    from draftkit import choices
    from draftkit.review import reports

    assert tuple(reports.SCHEMAS) == choices.SCHEMA_CHOICES
