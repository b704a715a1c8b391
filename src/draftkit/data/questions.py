"""The questions a town profile asks, in a resident's words: what each one means, the
answers it takes, and how each default follows from the answers before it.

``draftkit towns new`` asks them at a terminal; the web form asks the same ones. A
question's default is never a fact: only an answer a person gives (typed, or named with
``--confirm``) is recorded as confirmed, and drafts say which facts are not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from draftkit.data.fields import Arrangement
from draftkit.data.town_models import FactField, TownProfile
from draftkit.dates import DateProblem, read_date
from draftkit.errors import DataError
from draftkit.text_rules import TEXT_HINT, text_problem

Kind = Literal["text", "date", "optional", "direct"]
"""text: a name or title; date: YYYY-MM-DD; optional: a name or title, or "no" for none;
direct: "direct" or "request"."""

NONE_WORDS = frozenset({"no", "none", "n", "-"})
"""Answers that mean "there is none" to an optional question."""


@dataclass(frozen=True)
class Question:
    """One fact a profile records."""

    field: str
    """Dotted path in the profile, e.g. ``governing_body.clerk_title``."""
    prompt: str
    """The question, with ``{names}`` filled in from the answers so far."""
    label: str
    """A short name for the fact, for notes that list what is left to confirm."""
    kind: Kind = "text"
    arrangements: tuple[Arrangement, ...] | None = None
    """Asked (and printed in the documents) only for these arrangements; ``None``: all."""
    printed: bool = True
    """Whether the documents print it, so a final draft needs it confirmed."""


_MUNICIPAL: tuple[Arrangement, ...] = ("municipal",)

QUESTIONS: tuple[Question, ...] = (
    Question("legal_name", "Legal name of the municipality", "legal name"),
    Question("governing_body.name", "Name of the governing body", "governing body's name"),
    Question(
        "governing_body.presiding_officer_title",
        "Title of the officer who signs the {governing_body.name}'s resolutions",
        "title of the officer who signs",
    ),
    Question(
        "governing_body.clerk_title",
        "Title of the clerk who attests them",
        "title of the clerk who attests",
    ),
    Question(
        "governing_body.manager_title",
        "Does the {legal_name} have a town or city manager? Type the manager's title "
        "(e.g. Town Manager), or no",
        "town or city manager",
        kind="optional",
        printed=False,
    ),
    Question("police.name", "Name of the police agency", "police agency's name"),
    Question("police.head_title", "Title of the agency's head", "title of the agency's head"),
    Question(
        "police.policy_adopted_by",
        "Who adopts the {police.name}'s policies? (a town or city manager does under "
        "24 V.S.A. § 1931; otherwise the {police.head_title})",
        "official who adopts police policy",
        arrangements=_MUNICIPAL,
    ),
    Question(
        "police.body_may_direct",
        "May the {governing_body.name} direct the {police.policy_adopted_by} to adopt the "
        "policy, or only request it? (direct or request)",
        "whether the body may direct or only request",
        kind="direct",
        arrangements=("municipal", "constables"),
    ),
    Question(
        "police.approving_body",
        "Must a police commission or another body approve changes to the {police.name}'s "
        "policies? Type its name (e.g. Police Commission), or no",
        "body that approves policy changes",
        kind="optional",
        arrangements=_MUNICIPAL,
    ),
    Question(
        "police.directive_series",
        "What does the {police.name} call its written orders? (e.g. General Order, Directive)",
        "name of the agency's written orders",
        arrangements=_MUNICIPAL,
    ),
    Question(
        "fipp.policy_title",
        "Title of the {police.name}'s fair and impartial policing policy",
        "title of the agency's policy",
        arrangements=_MUNICIPAL,
    ),
    Question(
        "fipp.model_version",
        "Effective date of the statewide model that policy follows (YYYY-MM-DD)",
        "date of the statewide model the policy follows",
        kind="date",
        arrangements=_MUNICIPAL,
    ),
)

FIELDS = tuple(q.field for q in QUESTIONS)
BY_FIELD = {q.field: q for q in QUESTIONS}
assert get_args(FactField) == FIELDS, "models.FactField lists the questions' fields in order"


@dataclass(frozen=True)
class PolicingOption:
    """One answer to "who polices the town?", in a resident's words."""

    arrangement: Arrangement
    words: str
    documents: str
    """One line on what documents follow."""
    keys: tuple[str, ...]
    """Words accepted besides the option's number."""


POLICING_OPTIONS: tuple[PolicingOption, ...] = (
    PolicingOption(
        "municipal",
        "its own police department",
        "a resolution and a police directive for the department to adopt",
        ("municipal", "police", "own", "department"),
    ),
    PolicingOption(
        "sheriff",
        "a county sheriff under contract",
        "a resolution asking the sheriff, and an addendum to the contract",
        ("sheriff", "county"),
    ),
    PolicingOption(
        "state_police",
        "only the Vermont State Police",
        "a resolution adopting the town's own policy and asking the State Police",
        ("state-police", "state_police", "state", "vsp"),
    ),
    PolicingOption(
        "constables",
        "town constables",
        "a resolution adopting a policy the constables follow",
        ("constables", "constable"),
    ),
)


def policing_menu() -> list[str]:
    """The policing question's lines: each arrangement by number, in words, with what
    documents follow."""
    lines = ["Who polices the town?"]
    for number, option in enumerate(POLICING_OPTIONS, start=1):
        lines.append(f"  {number}. {option.words}: {option.documents}")
    return lines


def parse_policing(answer: str) -> Arrangement:
    """The arrangement an answer to the policing question names, by number or word.

    Raises:
        DataError: the answer names none of them.
    """
    typed = " ".join(answer.lower().split())
    for number, option in enumerate(POLICING_OPTIONS, start=1):
        if typed in (str(number), option.words, *option.keys):
            return option.arrangement
    raise DataError(
        f"{answer.strip()!r} is not one of the answers",
        hint=f"type a number from 1 to {len(POLICING_OPTIONS)}, or police, sheriff, state "
        "or constables",
    )


def asked(arrangement: Arrangement) -> list[Question]:
    """The questions for a town policed this way, in the order they are asked."""
    return [q for q in QUESTIONS if q.arrangements is None or arrangement in q.arrangements]


def printed_facts(profile: TownProfile) -> list[str]:
    """The fields whose values the town's documents print: each must be confirmed before
    a final draft."""
    return [q.field for q in asked(profile.police.arrangement) if q.printed]


def unconfirmed(profile: TownProfile) -> list[str]:
    """The printed facts no person has confirmed yet, in question order."""
    done = set(profile.confirmed)
    return [name for name in printed_facts(profile) if name not in done]


def as_text(question: Question, value: Any) -> str:
    """How a profile value is shown as an answer (the default at a prompt)."""
    if question.kind == "direct":
        return "direct" if value else "request"
    if question.kind == "optional" and value in (None, ""):
        return "no"
    return str(value)


def wording(question: Question, answers: Mapping[str, str]) -> str:
    """The question with the names given so far: "May the Selectboard direct the Town
    Manager ...?"."""
    text = question.prompt
    for name, value in answers.items():
        text = text.replace("{" + name + "}", value)
    return text


def default_answer(question: Question, start: Mapping[str, Any], answers: Mapping[str, str]) -> str:
    """The answer offered for ``question``: the profile's own, unless an earlier answer
    changed what it follows from.

    - Who adopts police policy follows the manager and head answers: the manager where
      there is one (24 V.S.A. § 1931 puts a manager in the body's stead on the police
      department), otherwise the agency's head.
    - Whether the body may direct follows who adopts: when that official changed, the
      offer is "request" (§ 1931 vests direction and control of a police force in its
      chief, and a manager acts in the body's stead; only a charter gives the body
      more), and a department another municipality runs is only ever asked.
    """
    own = as_text(question, value_at(start, question.field))
    if question.field == "police.policy_adopted_by":
        changed = _changed(start, answers, ("governing_body.manager_title", "police.head_title"))
        if changed and value_at(start, "police.run_by") is None:
            manager = answers.get("governing_body.manager_title", "no")
            if manager.lower() not in NONE_WORDS:
                return manager
            return answers.get("police.head_title", own)
    if question.field == "police.body_may_direct":
        if value_at(start, "police.run_by") is not None:
            return "request"
        if _changed(start, answers, ("police.policy_adopted_by",)):
            return "request"
    return own


def parse_answer(question: Question, answer: str) -> Any:
    """Check one answer and turn it into the profile's value.

    Raises:
        DataError: blank, too long, characters a document cannot hold, not a date where a
            date is asked, or not direct/request.
    """
    field = question.field
    problem = text_problem(answer)
    if problem == "is blank":
        raise DataError(
            f"{field}: an answer is needed",
            hint="type the value, or press Enter for the default",
            code="blank",
            field=field,
        )
    if problem:
        raise DataError(f"{field}: the answer {problem}", hint=TEXT_HINT, field=field)
    cleaned = " ".join(answer.split())
    if question.kind == "date":
        try:
            read_date(cleaned)
        except DateProblem as wrong:
            hint = "write it as YYYY-MM-DD, e.g. 2024-04-23"
            raise DataError(
                f"{field}: {wrong}",
                hint=hint if wrong.code == "not_a_date" else wrong.hint,
                code=wrong.code,
                field=field,
            ) from None
    if question.kind == "optional":
        if cleaned.lower() in ("yes", "y"):
            raise DataError(
                f"{field}: type the name or title itself", hint="e.g. Town Manager, or no"
            )
        return None if cleaned.lower() in NONE_WORDS else cleaned
    if question.kind == "direct":
        word = cleaned.lower()
        if word in ("direct", "directs", "d"):
            return True
        if word in ("request", "requests", "r", "ask"):
            return False
        raise DataError(
            f"{field}: answer direct or request, not {cleaned!r}",
            hint="direct: the body may order the official to adopt the policy; request: it "
            "may only ask",
        )
    return cleaned


def _changed(start: Mapping[str, Any], answers: Mapping[str, str], fields: tuple[str, ...]) -> bool:
    return any(
        name in answers and answers[name] != as_text(BY_FIELD[name], value_at(start, name))
        for name in fields
    )


def value_at(data: Mapping[str, Any], dotted: str) -> Any:
    """The value at a dotted field (``police.run_by``) of a profile's data, or ``None``."""
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


__all__ = [
    "BY_FIELD",
    "FIELDS",
    "POLICING_OPTIONS",
    "QUESTIONS",
    "PolicingOption",
    "Question",
    "as_text",
    "asked",
    "default_answer",
    "parse_answer",
    "parse_policing",
    "policing_menu",
    "printed_facts",
    "unconfirmed",
    "value_at",
    "wording",
]
