"""The value types every data file shares: names, prose, ids, versions and the strict
base model. No I/O here."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from draftkit.dates import DATE_HINT, DateProblem, check_range, read_date
from draftkit.text_rules import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, text_problem

Arrangement = Literal["municipal", "sheriff", "state_police", "constables"]
"""How a municipality gets police services: its own department, a county sheriff
contract, the Vermont State Police alone, or its own constables exercising law
enforcement authority under 24 V.S.A. § 1936a."""

ARRANGEMENTS: tuple[Arrangement, ...] = ("municipal", "sheriff", "state_police", "constables")

MunicipalityKind = Literal["city", "town", "village"]


def _fold_whitespace(text: str) -> str:
    # YAML block scalars keep line breaks and trailing newlines; a clause paragraph is
    # one paragraph of prose, so runs of whitespace mean one space. This also makes the
    # text hash independent of how the YAML was wrapped.
    return " ".join(text.split())


class _Fit:
    """Refuses text a Word document cannot hold (see :mod:`draftkit.text_rules`): the
    error reaches the user as ``file:line: field: the value holds U+0000 ...``."""

    def __init__(self, limit: int, *, name: bool = False) -> None:
        self.limit = limit
        self.name = name

    def __call__(self, value: str) -> str:
        problem = text_problem(value, max_length=self.limit, name=self.name)
        if problem is not None:
            raise PydanticCustomError("text_problem", "the value {problem}", {"problem": problem})
        return value


Text = Annotated[
    str,
    AfterValidator(_Fit(MAX_TEXT_LENGTH)),
    AfterValidator(_fold_whitespace),
    StringConstraints(min_length=1),
]
"""A non-empty paragraph of prose; whitespace is folded to single spaces."""

Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_Fit(MAX_NAME_LENGTH)),
]
"""A name or title: one line, at most 200 characters, nothing a document cannot hold."""

OfficialName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_Fit(MAX_NAME_LENGTH, name=True)),
]
"""A name or title printed as a Vermont municipality's, body's, agency's or officer's:
a :data:`Name` that also holds a letter from A to Z and at least two characters."""

FreeText = Annotated[str, AfterValidator(_Fit(MAX_TEXT_LENGTH))]
"""A note or source (URL, citation): anything a document can hold."""


def _day(value: object) -> object:
    # YAML reads an unquoted 2024-04-23 as a date and a quoted one as text; both go
    # through the one reader (draftkit.dates), which refuses week dates, other forms and
    # implausible years. A time of day, a number or anything else is not a date.
    try:
        if isinstance(value, dt.datetime):
            raise DateProblem(
                f"{value.isoformat()!r} is not a date", code="not_a_date", details={}, hint=""
            )
        if isinstance(value, dt.date):
            return check_range(value)
        if isinstance(value, str):
            return read_date(value)
    except DateProblem as problem:
        kind = "not_a_date" if problem.code == "not_a_date" else "out_of_range_date"
        raise PydanticCustomError(
            kind, "{message}", {"message": problem.message, "hint": problem.hint or DATE_HINT}
        ) from None
    raise PydanticCustomError(
        "not_a_date", "{message}", {"message": f"{value!r} is not a date", "hint": DATE_HINT}
    )


Day = Annotated[dt.date, BeforeValidator(_day)]
"""A calendar day written YYYY-MM-DD, from 2000 to ten years ahead (:mod:`draftkit.dates`)."""

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=60),
]
"""A lowercase, hyphenated id such as ``victim-witness-status``."""

Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]


class Strict(BaseModel):
    """The base of every data-file model: unknown keys are errors, values are frozen,
    and validators are built when first used (``--help`` stays fast)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


__all__ = [
    "ARRANGEMENTS",
    "Arrangement",
    "Day",
    "FreeText",
    "Identifier",
    "MunicipalityKind",
    "Name",
    "OfficialName",
    "Strict",
    "Text",
    "Version",
]
