"""The shape of a town profile (``towns/*.yaml``), as pydantic models. No I/O here.

Every field has a description so that ``draftkit schema town`` documents the YAML for the
people who edit it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from draftkit.data.fields import (
    Arrangement,
    Day,
    FreeText,
    Identifier,
    MunicipalityKind,
    OfficialName,
    Strict,
    Text,
)
from draftkit.data.registry import base_name, key
from draftkit.dates import EARLIEST, RANGE_HINT, DateProblem, latest, read_date


class GoverningBody(Strict):
    """The legislative body that adopts the resolution."""

    name: OfficialName = Field(
        description='The body\'s name as it appears on its agendas, e.g. "City Council", '
        '"Selectboard", "Board of Aldermen", "Board of Trustees".'
    )
    presiding_officer_title: OfficialName = Field(
        description='Title of the officer who signs adopted resolutions, e.g. "Mayor", '
        '"Chair", "President".'
    )
    clerk_title: OfficialName = Field(
        description='Title of the officer who attests adopted resolutions, e.g. "City Clerk", '
        '"Town Clerk".'
    )
    manager_title: OfficialName | None = Field(
        default=None,
        description='Title of the town or city manager the body has appointed, e.g. "Town '
        "Manager\". Under 24 V.S.A. § 1931 a manager acts in the body's stead on the police "
        "department, so `towns new` offers the manager as the official who adopts police "
        "policy. Leave out where there is none.",
    )
    acts_by_resolution: bool = Field(
        default=True,
        description="Whether the body adopts written resolutions. draftkit drafts "
        "resolutions only; a body that acts by motion alone is refused with a hint.",
    )
    source: FreeText | None = Field(
        default=None, description="Where these facts come from (URL, charter section)."
    )


class RunBy(Strict):
    """The other municipality whose officials adopt a shared department's policies."""

    legal_name: OfficialName = Field(description='Its legal style, e.g. "Village of Woodstock".')
    body: OfficialName = Field(description='Its governing body, e.g. "Board of Trustees".')


class PoliceAgency(Strict):
    """Who polices the municipality and who adopts the agency's policy."""

    arrangement: Arrangement = Field(
        description="municipal: the municipality's own police department; sheriff: a "
        "contract with the county sheriff; state_police: the Vermont State Police alone; "
        "constables: the town's constables, exercising law enforcement authority under "
        "24 V.S.A. § 1936a, are its only local law enforcement."
    )
    name: OfficialName = Field(
        description='The agency\'s full name, e.g. "Burlington Police Department".'
    )
    head_title: OfficialName = Field(
        description='Title of the agency head, e.g. "Chief of Police".'
    )
    policy_adopted_by: OfficialName = Field(
        description="Title of the official who adopts or amends the agency's policies: "
        "usually the head, or the manager where 24 V.S.A. § 1931 gives the decision to a "
        'town or city manager, e.g. "Chief of Police", "City Manager".'
    )
    body_may_direct: bool = Field(
        description="true if the governing body may direct that official to adopt the "
        "directive; false if it may only request it. The resolution says 'directs' or "
        "'requests' accordingly."
    )
    approving_body: OfficialName | None = Field(
        default=None,
        description="A body that must approve the agency's policy changes before they "
        'take effect, e.g. "Police Commission" (Burlington\'s charter). The resolution '
        "addresses it beside the adopting official and the directive gets its approval "
        "line. Leave out where there is none.",
    )
    run_by: RunBy | None = Field(
        default=None,
        description="Where the department belongs to another municipality that it also "
        "serves (a town and the village inside it, a city that contracts for a town's "
        "department): that municipality, whose officials adopt its policies. The "
        "resolution then requests that municipality's body and the adopting official; "
        "it never directs. Leave out where the department is the municipality's own.",
    )
    directive_series: OfficialName = Field(
        default="Directive",
        description='What the agency calls its written orders, e.g. "Department Directive", '
        '"General Order".',
    )
    source: FreeText | None = Field(
        default=None, description="Where these facts come from (URL, dataset, ORI)."
    )

    @model_validator(mode="after")
    def _another_municipality_is_asked(self) -> PoliceAgency:
        if self.run_by is not None and self.body_may_direct:
            raise PydanticCustomError(
                "body_may_not_direct",
                "body_may_direct must be false: the {agency} belongs to the {owner}, "
                "whose officials adopt its policies",
                {"agency": self.name, "owner": self.run_by.legal_name},
            )
        return self


def _date_as_text(value: object) -> object:
    # YAML reads an unquoted 2020-03-09 as a date; the field keeps its text form.
    return value.isoformat() if isinstance(value, dt.date) else value


def _real_date(value: str) -> str:
    # The pattern lets 2024-02-30 through; the calendar does not. A year must be one
    # draftkit accepts for any date (draftkit.dates).
    if len(value) == 10:
        try:
            read_date(value)
        except DateProblem as problem:
            if problem.code == "not_a_date":
                raise PydanticCustomError(
                    "date_not_real", "{value} is not a date", {"value": value}
                ) from None
            raise PydanticCustomError(
                "out_of_range_date", "{message}", {"message": problem.message, "hint": problem.hint}
            ) from None
    elif not EARLIEST.year <= int(value[:4]) <= latest().year:
        raise PydanticCustomError(
            "out_of_range_date",
            "{message}",
            {
                "message": f"{value!r} is outside the years draftkit accepts "
                f"({EARLIEST.year} to {latest().year})",
                "hint": RANGE_HINT,
            },
        )
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_date_as_text),
    StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    AfterValidator(_real_date),
]
"""A date as precise as the source: ``2018``, ``2020-03`` or ``2020-03-09``."""


class LocalAmendment(Strict):
    """A local change to the FIPP already adopted."""

    date: PartialDate = Field(
        description="When it was adopted, as precisely as known: YYYY, YYYY-MM or YYYY-MM-DD. "
        "Quote it in YAML, e.g. '2018'."
    )
    description: Text = Field(
        description="What was adopted, written to complete the recital "
        "'WHEREAS, on <date>, ...', e.g. 'the City Council voted 11-1 to ...'."
    )
    source: FreeText | None = Field(default=None, description="Where this is recorded.")


class FippInForce(Strict):
    """The Fair and Impartial Policing Policy the agency follows today."""

    model_version: Day = Field(
        description="Which statewide model the policy follows, by the Criminal Justice "
        "Council's effective date (YYYY-MM-DD), e.g. 2024-04-23."
    )
    policy_title: OfficialName = Field(
        default="Fair and Impartial Policing Policy",
        description="The title of the agency's policy as the agency names it.",
    )
    local_amendments: tuple[LocalAmendment, ...] = Field(
        default=(), description="Local amendments already adopted, oldest first."
    )


FactField = Literal[
    "legal_name",
    "governing_body.name",
    "governing_body.presiding_officer_title",
    "governing_body.clerk_title",
    "governing_body.manager_title",
    "police.name",
    "police.head_title",
    "police.policy_adopted_by",
    "police.body_may_direct",
    "police.approving_body",
    "police.directive_series",
    "fipp.policy_title",
    "fipp.model_version",
]
"""The facts a person confirms (``draftkit.data.questions`` asks them in this order)."""


def _lowered(written: str, place: str) -> bool:
    """Whether ``written`` lower-cases a word that ``place`` capitalizes."""
    capitalized = {word.casefold() for word in place.split() if word[:1].isupper()}
    return any(w[:1].islower() and w.casefold() in capitalized for w in written.split())


def legal_prefix(kind: str) -> str:
    """How a municipality's legal name begins: ``Town of``, ``City of``, ``Village of``."""
    return f"{kind.capitalize()} of"


def _without_county(value: str) -> str:
    # People write "Chittenden County"; documents add "County" themselves.
    return value.removesuffix(" County").strip() or value


class TownProfile(Strict):
    """A Vermont municipality: the facts a resolution and a directive need."""

    name: OfficialName = Field(description='The name people use, e.g. "Burlington".')
    legal_name: OfficialName = Field(
        description='The municipality\'s legal style, e.g. "City of Burlington", "Town of Barre".'
    )
    kind: MunicipalityKind = Field(description="city, town or village.")
    county: Annotated[OfficialName, AfterValidator(_without_county)] = Field(
        description='The county, without the word "County", e.g. "Chittenden".'
    )
    governing_body: GoverningBody = Field(description="Who adopts the resolution.")
    police: PoliceAgency = Field(description="Who polices the municipality.")
    fipp: FippInForce = Field(description="The FIPP in force today.")
    clauses: tuple[Identifier, ...] | None = Field(
        default=None,
        description="Clause ids to draft by default. Leave out to draft every clause "
        "that applies to the policing arrangement.",
    )
    sources: tuple[FreeText, ...] = Field(
        default=(), description="Sources for the facts in this profile."
    )
    confirmed: tuple[FactField, ...] = Field(
        default=(),
        description="The facts a person has checked (against the charter, with the clerk "
        "or the agency), by field, e.g. governing_body.clerk_title. A fact not listed is "
        "still a default: drafts keep a red note naming it, and --final is refused, until "
        "every fact the documents print is listed.",
    )

    @model_validator(mode="after")
    def _legal_name_fits(self) -> TownProfile:
        # The legal name heads the resolution and styles the municipality throughout it
        # ("the Town of Brattleboro"), so it must be its kind's legal style and name it:
        # "Town of Barre" for Barre Town, "City of St. Albans" for St. Albans City. A
        # Spanish "Ciudad de Brattleboro" or the wrong kind ("City of Brattleboro")
        # would head an English resolution with a municipality that does not exist.
        prefix = legal_prefix(self.kind)
        place = base_name(self.name)
        rest = self.legal_name.removeprefix(prefix + " ")
        # Spelling may differ in accents, periods and Saint/St. (registry.key), and a
        # trailing ", Vermont" is the State's style; "City of South Burlington" does not
        # name Burlington, and "Town of brattleboro" would print in lower case.
        if (
            rest == self.legal_name
            or key(rest) not in (key(place), key(place) + " vermont")
            or _lowered(rest, place)
        ):
            raise PydanticCustomError(
                "legal_name_not_this_town",
                "{legal_name} is not the legal name of the {kind} of {place}, which is "
                "written '{prefix} {place}'",
                {
                    "legal_name": repr(self.legal_name),
                    "kind": self.kind,
                    "place": place,
                    "prefix": prefix,
                    "field": "legal_name",
                    "hint": "write it in English as the charter does: a town's legal name "
                    "begins 'Town of', a city's 'City of', a village's 'Village of'",
                },
            )
        return self


__all__ = [
    "FactField",
    "FippInForce",
    "GoverningBody",
    "LocalAmendment",
    "PartialDate",
    "PoliceAgency",
    "RunBy",
    "TownProfile",
    "legal_prefix",
]
