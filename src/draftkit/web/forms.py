"""Raw form strings in, answers and field problems out: the web's edge.

Every value a browser sends is read here, in one place: length limits, text rules, the
date. Nothing here decides anything about a draft; the core does that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from draftkit.data.fields import ARRANGEMENTS, Arrangement
from draftkit.dates import DateProblem, read_date
from draftkit.text_rules import MAX_NAME_LENGTH, text_problem_code

FACT_FIELDS = (
    "legal_name",
    "governing_body.name",
    "governing_body.presiding_officer_title",
    "governing_body.clerk_title",
    "police.name",
    "police.head_title",
    "police.policy_adopted_by",
)
"""The facts a person may correct, as dotted fields of a town profile."""

MAX_TOWN_LENGTH = 100
MAX_SPONSORS = 10
MAX_CLAUSES = 60
MAX_CLAUSE_ID_LENGTH = 60


@dataclass(frozen=True)
class Problem:
    """What is wrong with one answer, as a message code and its details."""

    code: str
    details: Mapping[str, str | int] = field(default_factory=dict)


@dataclass(frozen=True)
class Answers:
    """Everything a person has answered so far; each page carries it forward."""

    town: str = ""
    policing: Arrangement | None = None
    agency: str = ""
    facts: Mapping[str, str] = field(default_factory=dict)
    may_direct: bool | None = None
    sponsors: tuple[str, ...] = ()
    date: str = ""
    clauses: tuple[str, ...] = ()

    @property
    def draft_date(self) -> dt.date:
        """The date on the documents (today when none was given)."""
        return read_date(self.date) if self.date else dt.date.today()

    def hidden(self, *, facts: bool = True, clauses: bool = True) -> list[tuple[str, str]]:
        """The answers as (name, value) pairs for hidden form fields or a query."""
        pairs = [("town", self.town)]
        if self.policing:
            pairs.append(("policing", self.policing))
        if self.agency:
            pairs.append(("agency", self.agency))
        if facts:
            pairs += list(self.facts.items())
            if self.may_direct is not None:
                pairs.append(("may_direct", "direct" if self.may_direct else "request"))
            pairs.append(("sponsors", "\n".join(self.sponsors)))
            pairs.append(("date", self.date))
        if clauses:
            pairs += [("clause", clause_id) for clause_id in self.clauses]
        return pairs


class FormData:
    """Read-only access to a submitted form or query: ``get`` and ``getlist``."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.pairs = [(k, v) for k, v in pairs if isinstance(v, str)]

    def get(self, name: str) -> str:
        """The last value of ``name``, or an empty string."""
        values = self.getlist(name)
        return values[-1] if values else ""

    def getlist(self, name: str) -> list[str]:
        """Every value of ``name``, in order."""
        return [v for k, v in self.pairs if k == name]

    def has(self, name: str) -> bool:
        """Whether the form sent ``name`` at all (an empty input counts; an absent one not)."""
        return any(k == name for k, _ in self.pairs)


def read_answers(form: FormData) -> tuple[Answers, dict[str, Problem]]:
    """Read every answer the form holds and check each at the edge.

    Returns:
        The answers (bad ones kept as typed, so the page can show them again) and a
        problem per field name that failed.
    """
    problems: dict[str, Problem] = {}
    town = form.get("town").strip()
    if len(town) > MAX_TOWN_LENGTH:
        problems["town"] = Problem("too_long", {"limit": MAX_TOWN_LENGTH})
    said = form.get("policing")
    policing: Arrangement | None = None
    if said:
        if said in ARRANGEMENTS:
            policing = said
        else:
            problems["policing"] = Problem("unknown_choice")
    agency = _text(form, "agency", problems, required=False)
    facts = {name: form.get(name) for name in FACT_FIELDS if form.has(name)}
    for name, value in facts.items():
        _check_text(name, value, problems)
    may_direct = {"direct": True, "request": False}.get(form.get("may_direct"))
    if form.get("may_direct") and may_direct is None:
        problems["may_direct"] = Problem("unknown_choice")
    sponsors = tuple(line.strip() for line in form.get("sponsors").splitlines() if line.strip())
    if len(sponsors) > MAX_SPONSORS:
        problems["sponsors"] = Problem("too_many", {"limit": MAX_SPONSORS})
    for sponsor in sponsors:
        # A sponsor is a person, whose name may be written in any script.
        _check_text("sponsors", sponsor, problems, official=False)
    date = form.get("date").strip()
    if date:
        try:
            read_date(date)
        except DateProblem as problem:
            problems["date"] = Problem(problem.code, problem.details)
    clauses = tuple(dict.fromkeys(c for c in form.getlist("clause") if c))
    if len(clauses) > MAX_CLAUSES or any(len(c) > MAX_CLAUSE_ID_LENGTH for c in clauses):
        problems["clause"] = Problem("too_many", {"limit": MAX_CLAUSES})
        clauses = clauses[:MAX_CLAUSES]
    answers = Answers(
        town=town,
        policing=policing,
        agency=agency,
        facts=facts,
        may_direct=may_direct,
        sponsors=sponsors,
        date=date,
        clauses=clauses,
    )
    return answers, problems


def _text(form: FormData, name: str, problems: dict[str, Problem], *, required: bool) -> str:
    value = form.get(name).strip()
    if value or required:
        _check_text(name, value, problems)
    return value


def _check_text(
    name: str, value: str, problems: dict[str, Problem], *, official: bool = True
) -> None:
    # The facts and the agency are names and titles printed as a Vermont body's or
    # officer's, in English letters (text_rules); the profile model checks them again.
    found = text_problem_code(value, max_length=MAX_NAME_LENGTH, name=official)
    if found is not None and name not in problems:
        problems[name] = Problem(found[0], found[1])
