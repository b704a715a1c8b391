"""What the organizer asked for, checked: sender and contact (from options or a config
file), the voter count and the meeting date. Every problem is listed at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from draftkit.data.loading import load
from draftkit.data.town_models import TownProfile
from draftkit.dates import DateProblem, read_date
from draftkit.errors import DataError, DraftkitError, ProblemList, raise_if_any
from draftkit.packet.models import PacketConfig, Route
from draftkit.packet.values import BLANK_END, BLANK_START, PacketFacts
from draftkit.text_rules import MAX_NAME_LENGTH, TEXT_HINT, text_problem

MAX_CONTACT_LENGTH = 1000
"""Longest contact text accepted (characters): a few lines of address, email, phone."""


def _text_problem(value: str, max_length: int) -> str | None:
    problem = text_problem(value, max_length=max_length)
    if problem is None and (BLANK_START in value or BLANK_END in value):
        return "holds a private-use character that draftkit reserves for marked blanks"
    return problem


def packet_facts(
    *,
    date: dt.date,
    route: Route,
    sender: str | None = None,
    contact: str | None = None,
    config: Path | None = None,
    voters: str | None = None,
    meeting_date: str | None = None,
) -> PacketFacts:
    """Check the options of ``draftkit packet`` and turn them into packet facts.

    Raises:
        ProblemList: every problem, each naming its option (or file and line).
    """
    problems: list[DraftkitError] = []
    if config is not None:
        if sender is not None or contact is not None:
            problems.append(
                DraftkitError(
                    "--config cannot be combined with --sender or --contact",
                    hint="put the sender and contact in the config file, or leave it out",
                )
            )
        else:
            sender, contact = _from_config(config, problems)
    for option, value, limit in (
        ("--sender", sender, MAX_NAME_LENGTH),
        ("--contact", contact, MAX_CONTACT_LENGTH),
    ):
        if value is None or config is not None:
            continue
        problem = _text_problem(value, limit)
        if problem:
            problems.append(DraftkitError(f"{option}: the value {problem}", hint=TEXT_HINT))
    count = _voters(voters, problems)
    meeting = _meeting_date(meeting_date, date, problems)
    if route != "town-meeting":
        for option, value in (("--voters", voters), ("--meeting-date", meeting_date)):
            if value is not None:
                problems.append(
                    DraftkitError(
                        f"{option} is for the Town Meeting route",
                        hint=f"add --route town-meeting, or leave {option} out",
                    )
                )
    raise_if_any(problems)
    return PacketFacts(
        date=date,
        route=route,
        sender=sender.strip() if sender else None,
        contact=contact.strip() if contact else None,
        voters=count,
        meeting_date=meeting,
    )


def _from_config(path: Path, problems: list[DraftkitError]) -> tuple[str | None, str | None]:
    if not path.is_file():
        problems.append(DataError("config file not found", path=str(path)))
        return None, None
    try:
        loaded = load(PacketConfig, path, schema_name="packet-config", display=str(path))
    except ProblemList as many:
        problems.extend(many.problems)
        return None, None
    except DraftkitError as one:
        problems.append(one)
        return None, None
    config = loaded.value
    for key, value, limit in (
        ("sender", config.sender, MAX_NAME_LENGTH),
        ("contact", config.contact, MAX_CONTACT_LENGTH),
    ):
        problem = _text_problem(value, limit)
        if problem:
            problems.append(loaded.error((key,), f"the value {problem}", hint=TEXT_HINT))
    return config.sender, config.contact


def _voters(value: str | None, problems: list[DraftkitError]) -> int | None:
    if value is None:
        return None
    text = value.strip().replace(",", "")
    if not text.isdigit() or not text.isascii():
        problems.append(
            DraftkitError(
                f"--voters: {value!r} is not a whole number",
                hint="give the number of voters on the town's checklist, e.g. --voters 4850",
            )
        )
        return None
    count = int(text)
    if not 1 <= count <= 1_000_000:
        problems.append(
            DraftkitError(
                f"--voters: {count:,} voters is not a Vermont town's checklist",
                hint="ask the town clerk how many voters are on the checklist",
            )
        )
        return None
    return count


def _meeting_date(
    value: str | None, today: dt.date, problems: list[DraftkitError]
) -> dt.date | None:
    if value is None:
        return None
    try:
        meeting = read_date(value)
    except DateProblem as problem:
        hint = "write it as YYYY-MM-DD, e.g. 2027-03-02"
        if problem.code != "not_a_date":
            hint = problem.hint
        problems.append(DraftkitError(f"--meeting-date: {problem}", hint=hint))
        return None
    if meeting <= today:
        problems.append(
            DraftkitError(
                f"--meeting-date: {meeting.isoformat()} is not after the packet's date, "
                f"{today.isoformat()}",
                hint="give the date of the next annual meeting",
            )
        )
        return None
    return meeting


_WHY_NOT_TOWN_MEETING = {
    # 17 V.S.A. § 2642 is the law on petitioned articles for a *town* meeting; the facts
    # draftkit's texts rest on (shared/domain, section 4) say nothing of how a city's
    # charter or a village's own rules treat a petitioned article, so the packet must
    # not say it for them.
    "city": "a city's charter governs its annual meeting",
    "village": "a village's annual meeting follows its charter or its own rules",
}


def route_problem(town: TownProfile, route: Route) -> DraftkitError | None:
    """Why ``route`` cannot be drafted for ``town``, or None when it can: the Town
    Meeting route (an article petitioned under 17 V.S.A. § 2642) is for towns only."""
    why = _WHY_NOT_TOWN_MEETING.get(town.kind)
    if route != "town-meeting" or why is None:
        return None
    body = town.governing_body
    return DraftkitError(
        f"--route town-meeting: {town.name} is a {town.kind}, and draftkit drafts a Town "
        f"Meeting article and petition (17 V.S.A. § 2642) only for a town: {why}, and "
        "draftkit does not know its rules",
        hint=f"use --route resolution, which asks the {body.name} to adopt the "
        f"resolution, or ask the {body.clerk_title} or the {town.kind}'s counsel whether "
        f"voters can put an article on the warning of the {town.kind}'s annual meeting",
    )


__all__ = ["MAX_CONTACT_LENGTH", "packet_facts", "route_problem"]
