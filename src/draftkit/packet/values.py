"""The values companion texts may print, for one town, one packet and one language.

A value nobody gave (the sender, the voter count, the meeting date) is a *marked
blank*: its label between two private-use characters, which the Word writer prints as
a highlighted "[label]". No other blank may appear in a packet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from draftkit.data.town_models import TownProfile
from draftkit.drafting.rendering import town_values
from draftkit.naming import long_date
from draftkit.packet.models import Blanks, Language, Precedent, Precedents, Route

BLANK_START = "\ue000"
BLANK_END = "\ue001"
"""Private-use characters around a blank's label; refused in anything a user types."""

FILING_DAYS = 47
"""Days before the annual meeting by which a petition for an article must be filed: the
Secretary of State's guidance on 17 V.S.A. § 2642(a)(3)(A). The town clerk confirms it."""

PETITION_PERCENT = 5
"""Share of the town's voters who must sign: 17 V.S.A. § 2642(a)(3)(A)."""

_SPANISH_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


@dataclass(frozen=True)
class PacketFacts:
    """What the organizer told draftkit about this packet."""

    date: dt.date
    route: Route = "resolution"
    sender: str | None = None
    contact: str | None = None
    voters: int | None = None
    meeting_date: dt.date | None = None

    @property
    def filing_deadline(self) -> dt.date | None:
        """The last day to file the petition, when the meeting date is known."""
        if self.meeting_date is None:
            return None
        return self.meeting_date - dt.timedelta(days=FILING_DAYS)

    @property
    def signatures_needed(self) -> int | None:
        """5% of the voters on the checklist, rounded up, when the count is known."""
        if self.voters is None:
            return None
        return -(-self.voters * PETITION_PERCENT // 100)

    def flags(self) -> set[str]:
        """The facts sections may depend on (see ``Section.when``)."""
        found = set()
        if self.voters is not None:
            found.add("voters_given")
        if self.meeting_date is not None:
            found.add("meeting_date_given")
        deadline = self.filing_deadline
        if deadline is not None and deadline < self.date:
            found.add("deadline_passed")
        return found


def deadline_warning(facts: PacketFacts, body_name: str) -> str | None:
    """What to tell the organizer when a Town Meeting packet's petition deadline is
    already past on the packet's date (the checklist then starts with the same news)."""
    deadline = facts.filing_deadline
    if facts.route != "town-meeting" or facts.meeting_date is None or deadline is None:
        return None
    if deadline >= facts.date:
        return None
    return (
        f"the deadline to file a petition for the annual meeting on "
        f"{long_date(facts.meeting_date)} was {long_date(deadline)} under the Secretary of "
        f"State's guidance (the clerk confirms it), before this packet's "
        f"date ({long_date(facts.date)}): a petition filed now cannot put the article on "
        "that meeting's warning, so the packet holds no petition. Ask the clerk whether "
        f"that warning has been posted. Residents can ask the {body_name} to adopt the "
        "resolution, petition for a special meeting, or prepare the article for next "
        "year's annual meeting; the checklist gives the steps."
    )


def town_flags(town: TownProfile, precedents: Precedents) -> set[str]:
    """The facts about the town itself that sections may depend on (see ``Section.when``):
    it adopted protections of this kind, or passed a Town Meeting article for them."""
    found = set()
    if any(_is(town, p) for p in precedents.adopted):
        found.add("adopted_here")
    if any(_is(town, p) for p in precedents.articles):
        found.add("article_here")
    return found


def _is(town: TownProfile, precedent: Precedent) -> bool:
    return town.name == precedent.town and town.kind == precedent.kind


_AND: dict[Language, str] = {"en": "and", "es": "y"}


def _listed(town: TownProfile, precedents: tuple[Precedent, ...], language: Language) -> str:
    """``Burlington, Winooski and Richmond``: every precedent but ``town`` itself, which
    a text never names among the others."""
    names = [p.shown(language) for p in precedents if not _is(town, p)]
    return ", ".join(names[:-1]) + f" {_AND[language]} " + names[-1]


def spanish_date(date: dt.date) -> str:
    """``1 de diciembre de 2026``."""
    return f"{date.day} de {_SPANISH_MONTHS[date.month - 1]} de {date.year}"


def show_date(date: dt.date, language: Language) -> str:
    """A date as a reader of ``language`` writes it."""
    return long_date(date) if language == "en" else spanish_date(date)


def blank(label: str) -> str:
    """A marked blank with this label."""
    return f"{BLANK_START}{label}{BLANK_END}"


def companion_context(
    town: TownProfile,
    facts: PacketFacts,
    language: Language,
    blanks: Blanks,
    *,
    precedents: Precedents,
    article: str | None = None,
) -> dict[str, Any]:
    """The values a companion text in ``language`` may print for this town and packet."""

    def label(name: str) -> str:
        return blank(getattr(getattr(blanks, name), language))

    def number(value: int | None, name: str) -> str:
        return f"{value:,}" if value is not None else label(name)

    def date_or_blank(value: dt.date | None, name: str) -> str:
        return show_date(value, language) if value is not None else label(name)

    context: dict[str, Any] = {
        **town_values(town),
        "agency": {
            "name": town.police.name,
            "head_title": town.police.head_title,
            "policy_adopted_by": town.police.policy_adopted_by,
        },
        "sender": {
            "name": facts.sender or label("sender_name"),
            "contact": facts.contact or label("sender_contact"),
        },
        "date": show_date(facts.date, language),
        "meeting": {
            "date": date_or_blank(facts.meeting_date, "meeting_date"),
            "deadline": date_or_blank(facts.filing_deadline, "filing_deadline"),
        },
        "petition": {
            "voters": number(facts.voters, "voters"),
            "signatures_needed": number(facts.signatures_needed, "signatures_needed"),
        },
        "precedents": {
            "adopted": _listed(town, precedents.adopted, language),
            "articles": _listed(town, precedents.articles, language),
            # What this municipality itself did, printed only where it adopted protections
            # (sections with ``when: [adopted_here]``).
            "here": next(
                (
                    getattr(p, f"here_{language}")
                    for p in precedents.adopted
                    if _is(town, p) and getattr(p, f"here_{language}")
                ),
                "",
            ),
        },
    }
    if article is not None:
        context["article"] = {"text": article}
    return context


__all__ = [
    "BLANK_END",
    "BLANK_START",
    "FILING_DAYS",
    "PETITION_PERCENT",
    "PacketFacts",
    "blank",
    "companion_context",
    "deadline_warning",
    "show_date",
    "spanish_date",
    "town_flags",
]
