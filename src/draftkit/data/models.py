"""The shapes of draftkit's data files, as pydantic models. No I/O here.

Every field has a description so that ``draftkit schema town|clause`` documents the
YAML for the people who edit it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

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

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: str) -> str:
        problem = text_problem(value, max_length=self.limit)
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

FreeText = Annotated[str, AfterValidator(_Fit(MAX_TEXT_LENGTH))]
"""A note or source (URL, citation): anything a document can hold."""

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=60),
]
"""A lowercase, hyphenated id such as ``victim-witness-status``."""

Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --------------------------------------------------------------------------- towns


class GoverningBody(_Strict):
    """The legislative body that adopts the resolution."""

    name: Name = Field(
        description='The body\'s name as it appears on its agendas, e.g. "City Council", '
        '"Selectboard", "Board of Aldermen", "Board of Trustees".'
    )
    presiding_officer_title: Name = Field(
        description='Title of the officer who signs adopted resolutions, e.g. "Mayor", '
        '"Chair", "President".'
    )
    clerk_title: Name = Field(
        description='Title of the officer who attests adopted resolutions, e.g. "City Clerk", '
        '"Town Clerk".'
    )
    manager_title: Name | None = Field(
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


class RunBy(_Strict):
    """The other municipality whose officials adopt a shared department's policies."""

    legal_name: Name = Field(description='Its legal style, e.g. "Village of Woodstock".')
    body: Name = Field(description='Its governing body, e.g. "Board of Trustees".')


class PoliceAgency(_Strict):
    """Who polices the municipality and who adopts the agency's policy."""

    arrangement: Arrangement = Field(
        description="municipal: the municipality's own police department; sheriff: a "
        "contract with the county sheriff; state_police: the Vermont State Police alone; "
        "constables: the town's constables, exercising law enforcement authority under "
        "24 V.S.A. § 1936a, are its only local law enforcement."
    )
    name: Name = Field(description='The agency\'s full name, e.g. "Burlington Police Department".')
    head_title: Name = Field(description='Title of the agency head, e.g. "Chief of Police".')
    policy_adopted_by: Name = Field(
        description="Title of the official who adopts or amends the agency's policies: "
        "usually the head, or the manager where 24 V.S.A. § 1931 gives the decision to a "
        'town or city manager, e.g. "Chief of Police", "City Manager".'
    )
    body_may_direct: bool = Field(
        description="true if the governing body may direct that official to adopt the "
        "directive; false if it may only request it. The resolution says 'directs' or "
        "'requests' accordingly."
    )
    approving_body: Name | None = Field(
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
    directive_series: Name = Field(
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
    # The pattern lets 2024-02-30 through; the calendar does not.
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "date_not_real", "{value} is not a date", {"value": value}
            ) from None
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_date_as_text),
    StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    AfterValidator(_real_date),
]
"""A date as precise as the source: ``2018``, ``2020-03`` or ``2020-03-09``."""


class LocalAmendment(_Strict):
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


class FippInForce(_Strict):
    """The Fair and Impartial Policing Policy the agency follows today."""

    model_version: dt.date = Field(
        description="Which statewide model the policy follows, by the Criminal Justice "
        "Council's effective date (YYYY-MM-DD), e.g. 2024-04-23."
    )
    policy_title: Name = Field(
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


def _without_county(value: str) -> str:
    # People write "Chittenden County"; documents add "County" themselves.
    return value.removesuffix(" County").strip() or value


class TownProfile(_Strict):
    """A Vermont municipality: the facts a resolution and a directive need."""

    name: Name = Field(description='The name people use, e.g. "Burlington".')
    legal_name: Name = Field(
        description='The municipality\'s legal style, e.g. "City of Burlington", "Town of Barre".'
    )
    kind: MunicipalityKind = Field(description="city, town or village.")
    county: Annotated[Name, AfterValidator(_without_county)] = Field(
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


# ------------------------------------------------------------------------- clauses


class Loophole(_Strict):
    """A gap in the statewide model that a local policy can close."""

    id: Identifier = Field(description="Stable id, e.g. victim-witness-reporting.")
    name: Name = Field(description="Short name for tables and headings.")
    description: Text = Field(description="The loophole in plain language.")
    source: Text = Field(description="Who names this loophole, with a citation or URL.")


class LoopholeCatalog(_Strict):
    """clauses/loopholes.yaml."""

    loopholes: tuple[Loophole, ...] = Field(description="Every loophole, in catalog order.")


Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")]
"""Eight hex digits naming an English text (:func:`draftkit.data.spanish.english_fingerprint`)."""


class ClauseInSpanish(_Strict):
    """A clause's title and plain summary in Spanish, for the web's Spanish pages."""

    english_fingerprint: Fingerprint = Field(
        description="The fingerprint of the English title and summary this Spanish says. "
        "`draftkit check` reports the entry when the English changes; update the Spanish, "
        "then set the fingerprint check gives."
    )
    title: Name = Field(description="The clause's title, as a Spanish-speaking organizer reads it.")
    summary: Text = Field(
        description="What the clause does, in plain Spanish (not word for word); the "
        "documents stay in English."
    )


class LoopholeInSpanish(_Strict):
    """A loophole's short name in Spanish, for the web's Spanish pages."""

    english_fingerprint: Fingerprint = Field(
        description="The fingerprint of the English name this Spanish says."
    )
    name: Name = Field(description="The loophole's short name in Spanish.")


class LibraryInSpanish(_Strict):
    """clauses/es/summaries.yaml: the clause library's words the web shows, in Spanish."""

    clauses: dict[Identifier, ClauseInSpanish] = Field(
        description="One entry per clause, keyed by the clause's id."
    )
    loopholes: dict[Identifier, LoopholeInSpanish] = Field(
        description="One entry per loophole, keyed by the loophole's id."
    )


class GlossaryTerm(_Strict):
    """One defined term, written once and used by any clause that needs it."""

    term: Name = Field(
        description='The term as it appears in clause text, e.g. "Judicial warrant".'
    )
    definition: Text = Field(
        description="The definition, completing the sentence '<term> means ...'. May use "
        "template values such as {{ agency.name }}."
    )
    source: FreeText | None = Field(default=None, description="Citation the definition relies on.")


class Glossary(_Strict):
    """clauses/glossary.yaml."""

    terms: tuple[GlossaryTerm, ...] = Field(description="Every defined term.")


class Citation(_Strict):
    """A legal authority a clause relies on."""

    cite: Name = Field(description='The citation, e.g. "20 V.S.A. § 2366(a)(1)".')
    role: Literal["authority", "related", "background"] = Field(
        default="authority",
        description="authority: Vermont law the directive rests on, listed under Legal "
        "Authority; related: federal law the directive is written to be consistent with, "
        "listed under Related Law; background: a case, report or event, for reviewing "
        "lawyers only.",
    )
    point: Text = Field(
        description="What the source says that matters to this clause (for reviewing lawyers)."
    )
    arrangements: tuple[Arrangement, ...] | None = Field(
        default=None,
        description="Print it only in documents for these policing arrangements, e.g. "
        "[municipal] for a statute on municipal police departments. Leave out for all.",
    )
    url: FreeText | None = Field(default=None, description="Where the text can be read.")


class ResolutionText(_Strict):
    """What a clause adds to the council resolution."""

    whereas: tuple[Text, ...] = Field(
        default=(),
        description='Recitals, each completing "WHEREAS, ...". May use template values.',
    )
    resolved: tuple[Text, ...] = Field(
        default=(),
        description="Operative paragraphs of a council resolution for a town with its own "
        "police, each a numbered RESOLVED paragraph. Begin with {{ lead }}, which reads "
        "'The directive shall provide' or 'The <body> asks that the directive provide' as "
        "the body may direct or only request. Required for clauses that apply to "
        "municipal policing. May use template values.",
    )


class DirectiveSection(_Strict):
    """One numbered section of a policy: a police directive's procedures, the protections
    asked of a sheriff or the State Police, or a town's own policy for its staff."""

    heading: Name = Field(description="Section heading in the directive.")
    paragraphs: tuple[Text, ...] = Field(
        min_length=1, description="Numbered paragraphs of the section. May use template values."
    )


class Change(_Strict):
    """One entry of a clause's version history."""

    version: Version = Field(description="The version this entry describes.")
    date: dt.date = Field(description="When the version was made (YYYY-MM-DD).")
    summary: Text = Field(description="What changed, for a reviewing lawyer.")


class ClauseModule(_Strict):
    """A reusable, loophole-closing clause: its text for each document and its provenance."""

    id: Identifier = Field(description="Stable id; also the file name without .yaml.")
    title: Name = Field(description="Short title for lists and headings.")
    version: Version = Field(description="Semantic version: MAJOR.MINOR.PATCH.")
    closes: tuple[Identifier, ...] = Field(
        min_length=1, description="Ids of the loopholes (clauses/loopholes.yaml) this closes."
    )
    summary: Text = Field(description="What the clause does, in plain language.")
    applies_to: tuple[Arrangement, ...] = Field(
        min_length=1, description="Policing arrangements the clause applies to."
    )
    defined_terms: tuple[Name, ...] = Field(
        default=(), description="Glossary terms the clause text uses."
    )
    resolution: ResolutionText = Field(description="Text added to the council resolution.")
    directive: DirectiveSection | None = Field(
        default=None,
        description="Protections for a police agency: a section of the police directive, "
        "and the same text in the protections asked of a county sheriff (and written into "
        "the contract addendum) or of the State Police. Required for clauses that apply to "
        "municipal or sheriff policing.",
    )
    town_policy: DirectiveSection | None = Field(
        default=None,
        description="A section of the town's own policy for its officials and employees, "
        "adopted in the resolution of a town policed by the State Police alone.",
    )
    citations: tuple[Citation, ...] = Field(min_length=1, description="Authorities relied on.")
    federal_state_note: Text = Field(
        description="How the clause stays consistent with 8 U.S.C. §§ 1373 and 1644 and "
        "Vermont law (for reviewing lawyers; not printed in drafts)."
    )
    requires: tuple[Identifier, ...] = Field(
        default=(), description="Clause ids that must be drafted with this one."
    )
    conflicts: tuple[Identifier, ...] = Field(
        default=(), description="Clause ids that must not be drafted with this one."
    )
    history: tuple[Change, ...] = Field(
        min_length=1, description="Version history, newest first; the first entry is this version."
    )

    def template_texts(self) -> list[tuple[str, str]]:
        """Every text a draft can contain, as (field path, template source) pairs."""
        texts = [(f"resolution.whereas.{i}", t) for i, t in enumerate(self.resolution.whereas)]
        texts += [(f"resolution.resolved.{i}", t) for i, t in enumerate(self.resolution.resolved)]
        for name in ("directive", "town_policy"):
            section = getattr(self, name)
            if section is not None:
                texts.append((f"{name}.heading", section.heading))
                texts += [(f"{name}.paragraphs.{i}", t) for i, t in enumerate(section.paragraphs)]
        return texts
