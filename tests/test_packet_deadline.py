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
        "2026 was October 24, 2026 under the Secretary of State's guidance (the clerk confirms "
        "it), before this packet's date (December 1, 2026): a "
        "petition filed now cannot put the article on that meeting's warning, so the packet "
        "holds no petition. Ask the clerk whether that warning has been posted. Residents "
        "can ask the Selectboard to adopt the resolution, petition for a special meeting, or "
        "prepare the article for next year's annual meeting; the checklist gives the steps.\n"
    )
    folder = tmp_path / "2026-12-01-putney-packet"
    checklist = text_lines((folder / "2026-12-01-putney-checklist-en.docx").read_bytes())
    assert checklist[3:9] == [
        "Heading 1 | The filing deadline has passed",
        "Body Text Justified | ☐ The deadline to file a petition for this year's annual "
        "meeting (December 10, 2026) was October 24, 2026 under the Secretary of State's "
        "guidance (the Town Clerk confirms it), and it has passed: a petition filed now "
        "cannot put the article on that meeting's warning. This packet therefore holds no "
        "petition.",
        "Body Text Justified | ☐ Ask the Town Clerk whether the warning for the annual "
        "meeting on December 10, 2026 has been posted. Once it is posted, do not count on the "
        "article reaching that meeting. If it has not been posted, the letter in this packet "
        "asks the Selectboard to add the article, which it may do for an advisory article.",
        "Body Text Justified | ☐ Ask the Selectboard to adopt the resolution in this packet "
        "itself, without waiting for a vote of the town.",
        "Body Text Justified | ☐ Or gather at least 50 signatures (5% of the voters) on a "
        "petition asking the Selectboard to call a special meeting under 17 V.S.A. § 2643(a) "
        "and warn the article for it. Because the article is advisory, the Selectboard may "
        "decline to warn it; ask the Selectboard first whether it would, and ask the "
        "coalition for a petition worded for a special meeting.",
        "Body Text Justified | ☐ Or prepare the article for next year's annual meeting, and "
        "make a new packet with that meeting's date in time to file the petition.",
    ]
    spanish = text_lines((folder / "2026-12-01-putney-checklist-es.docx").read_bytes())
    assert spanish[3] == "Heading 1 | Ya pasó la fecha límite"
    assert (
        "Como el artículo es consultivo, el Selectboard puede negarse a incluirlo" in (spanish[7])
    )
    for lines in (checklist, spanish):
        said = "\n".join(lines)
        for step in ("Circulate the petition", "File the petition", "juntar firmas para la"):
            assert step not in said
        # No vote at that meeting is promised once the petition deadline has passed.
        assert "At Town Meeting" not in said and "En la asamblea del pueblo" not in said
    # The petition for that meeting is left out: it can do nothing, and a petition is
    # easily separated from the checklist that says so.
    assert not list(folder.glob("*petition*"))
    letter = "\n".join(
        text_lines((folder / "2026-12-01-putney-selectboard-letter.docx").read_bytes())
    )
    assert "Voters are also gathering signatures" not in letter
    assert "on its own motion, in the warning" not in letter
    assert (
        "We ask the Selectboard to adopt the enclosed resolution. We also ask it to put the "
        "following advisory article before the voters of the Town of Putney: in the warning "
        "for the annual meeting on December 10, 2026 if that warning has not yet been posted, "
        "and otherwise at a special meeting or at next year's annual meeting:"
    ) in letter
    assert (
        "The deadline for a petition, which the Secretary of State's guidance puts at October "
        "24, 2026 and the Town Clerk confirms, has passed, so the voters can no longer bring "
        "the article to this year's annual meeting by petition."
    ) in letter
    for language, said in (("en", "can vote on"), ("es", "pueden votar")):
        explainer = "\n".join(
            text_lines((folder / f"2026-12-01-putney-explainer-{language}.docx").read_bytes())
        )
        assert said not in explainer
    explainer = "\n".join(text_lines((folder / "2026-12-01-putney-explainer-en.docx").read_bytes()))
    assert (
        "It is too late to petition for it at this year's Town Meeting; ask the Town Clerk "
        "whether this year's warning has been posted."
    ) in explainer


def test_a_timely_packet_keeps_the_petition_and_the_request(tmp_path: Path) -> None:
    timely = (*LATE[:-1], "2026-10-01")
    assert run(REPO, *timely, "--out", str(tmp_path)).exit_code == 0
    folder = tmp_path / "2026-10-01-putney-packet"
    assert len(list(folder.glob("*petition.docx"))) == 1
    letter = "\n".join(
        text_lines((folder / "2026-10-01-putney-selectboard-letter.docx").read_bytes())
    )
    assert "on its own motion, in the warning for the annual meeting" in letter


@pytest.mark.parametrize(("meeting", "warned"), [("2027-01-17", False), ("2027-01-16", True)])
def test_the_deadline_day_itself_is_not_yet_late(meeting: str, warned: bool) -> None:
    # 47 days before January 17, 2027 is the packet's own date: filing is still open.
    facts = PacketFacts(
        date=dt.date(2026, 12, 1),
        route="town-meeting",
        meeting_date=dt.date.fromisoformat(meeting),
    )
    assert (deadline_warning(facts, "Selectboard") is not None) is warned
