"""A Town Meeting packet whose petition deadline has passed on the packet's date: a
warning on the terminal, and a checklist and letter that start from what is still open."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.conftest import REPO, run

from draftkit.packet import PacketFacts
from draftkit.packet.values import deadline_warning
from draftkit.word.inspection import text_lines

LATE = (
    *("packet", "Putney", "--policing", "sheriff", "--route", "town-meeting"),
    *("--voters", "1000", "--meeting-date", "2026-12-10", "--date", "2026-12-01"),
)


def test_a_passed_deadline_is_warned_and_the_checklist_starts_with_it(tmp_path: Path) -> None:
    result = run(REPO, *LATE, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: the deadline to file a petition for the annual meeting on December 10, "
        "2026 was October 24, 2026, before this packet's date (December 1, 2026): a "
        "petition filed now cannot put the article on that meeting's warning. Residents can "
        "still ask the Selectboard to warn it on its own motion, petition for a special "
        "meeting, or ask the Selectboard to adopt the resolution; the checklist gives the "
        "steps.\n"
    )
    folder = tmp_path / "2026-12-01-putney-packet"
    checklist = text_lines((folder / "2026-12-01-putney-checklist-en.docx").read_bytes())
    assert checklist[3:8] == [
        "Heading 1 | The filing deadline has passed",
        "Body Text Justified | ☐ The deadline to file a petition for this year's annual "
        "meeting (December 10, 2026) was October 24, 2026, and it has passed: a petition "
        "filed now cannot put the article on that meeting's warning, so do not circulate "
        "the petition in this packet for it.",
        "Body Text Justified | ☐ Send the letter asking the Selectboard to put the article "
        "on the warning on its own motion, which it may do for an advisory article. Ask the "
        "Town Clerk how long the Selectboard can still add it.",
        "Body Text Justified | ☐ Or, for a vote at a special meeting, gather at least 50 "
        "signatures (5% of the voters) on a petition asking the Selectboard to call one, "
        "under 17 V.S.A. § 2643(a). The petition in this packet is worded for the annual "
        "meeting; ask the coalition for one worded for a special meeting.",
        "Body Text Justified | ☐ Or ask the Selectboard to adopt the resolution in this "
        "packet itself, without waiting for a vote of the town.",
    ]
    spanish = text_lines((folder / "2026-12-01-putney-checklist-es.docx").read_bytes())
    assert spanish[3] == "Heading 1 | Ya pasó la fecha límite"
    for lines in (checklist, spanish):
        said = "\n".join(lines)
        for step in ("Circulate the petition", "File the petition", "juntar firmas para la"):
            assert step not in said
    letter = "\n".join(
        text_lines((folder / "2026-12-01-putney-selectboard-letter.docx").read_bytes())
    )
    assert "Voters are also gathering signatures" not in letter
    assert (
        "The deadline for a petition to place it there, October 24, 2026, has passed, so the "
        "voters can no longer bring it to this year's annual meeting by petition; we ask the "
        "Selectboard to warn it on its own motion."
    ) in letter


@pytest.mark.parametrize(("meeting", "warned"), [("2027-01-17", False), ("2027-01-16", True)])
def test_the_deadline_day_itself_is_not_yet_late(meeting: str, warned: bool) -> None:
    # 47 days before January 17, 2027 is the packet's own date: filing is still open.
    facts = PacketFacts(
        date=dt.date(2026, 12, 1),
        route="town-meeting",
        meeting_date=dt.date.fromisoformat(meeting),
    )
    assert (deadline_warning(facts, "Selectboard") is not None) is warned
