"""The shapes of the packet's data files (``companions/``) and of the packet config file,
as pydantic models. No I/O here.

Companion texts are the documents that travel with a town's instruments: the cover
letter, the explainer and talking points for residents, the next-steps checklist and the
Town Meeting article, petition and letter. Each lives in ``companions/en/`` (and, when
residents get it in Spanish too, in ``companions/es/`` under the same file name).
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from draftkit import choices
from draftkit.data.fields import Arrangement, Identifier, MunicipalityKind, Name, Text

Route = Literal["resolution", "town-meeting"]
"""How the town adopts the protections: its governing body's resolution, or an advisory
article voted at Town Meeting."""

ROUTES: tuple[Route, ...] = choices.ROUTE_CHOICES  # type: ignore[assignment]

Language = Literal["en", "es"]
LANGUAGES: tuple[Language, ...] = ("en", "es")

Flag = Literal[
    "voters_given", "meeting_date_given", "deadline_passed", "adopted_here", "article_here"
]
"""Facts about this packet and its town a section may depend on: the organizer gave the
checklist count (--voters), the meeting date (--meeting-date), the petition deadline is
already past, and the town itself is among those that adopted protections of this kind, or
passed a Town Meeting article for them (``companions/precedents.yaml``)."""

FLAGS: tuple[Flag, ...] = get_args(Flag)

Style = Literal["body", "lines", "article", "small"]

TitleValue = Literal[
    "body.name",
    "body.presiding_officer_title",
    "body.clerk_title",
    "agency.name",
    "agency.head_title",
    "agency.policy_adopted_by",
]
"""The values that print an English name of an office or body (Selectboard, Town Clerk,
Chief of Police, Vermont State Police ...)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Section(_Strict):
    """One part of a companion document: an optional heading, then its paragraphs,
    bullets, checklist steps and signature lines, in that order."""

    key: Identifier = Field(
        description="Stable name of the section; the Spanish file has a section with the "
        "same key for each English one."
    )
    heading: Text | None = Field(default=None, description="Heading printed above it.")
    style: Style = Field(
        default="body",
        description="body: justified paragraphs; lines: one line each, no space between "
        "(addresses, signatures); article: the Town Meeting article, indented; small: "
        "small print.",
    )
    routes: tuple[Route, ...] | None = Field(
        default=None, description="Print only in these routes' packets (default: every one)."
    )
    policing: tuple[Arrangement, ...] | None = Field(
        default=None,
        description="Print only for towns policed this way: municipal, sheriff, state_police "
        "(default: every town).",
    )
    kinds: tuple[MunicipalityKind, ...] | None = Field(
        default=None, description="Print only for these kinds of municipality: city, town, village."
    )
    when: tuple[Flag, ...] = Field(
        default=(),
        description="Print only if each of these is true: voters_given, meeting_date_given, "
        "deadline_passed, adopted_here, article_here.",
    )
    unless: tuple[Flag, ...] = Field(default=(), description="Print only if none of these is true.")
    paragraphs: tuple[Text, ...] = Field(default=(), description="Paragraphs, in order.")
    bullets: tuple[Text, ...] = Field(default=(), description="A bulleted list after them.")
    steps: tuple[Text, ...] = Field(
        default=(), description="Checklist steps, each printed with a box to tick."
    )
    signature_lines: int = Field(
        default=0,
        ge=0,
        le=60,
        description="Rows of a signature table (printed name, signature, street address).",
    )

    def prints(
        self,
        *,
        route: Route,
        policing: Arrangement,
        kind: MunicipalityKind,
        flags: frozenset[str] | set[str],
    ) -> bool:
        """Whether this section is printed in such a packet, for such a town."""
        return (
            (self.routes is None or route in self.routes)
            and (self.policing is None or policing in self.policing)
            and (self.kinds is None or kind in self.kinds)
            and all(flag in flags for flag in self.when)
            and not any(flag in flags for flag in self.unless)
        )


class CompanionText(_Strict):
    """One companion document in one language (``companions/en/<id>.yaml``)."""

    title: Text = Field(description="The document's title, printed at the top and in the footer.")
    translated: bool = Field(
        description="true if residents get it in Spanish too; then companions/es/ holds a "
        "file of the same name with the same sections and placeholders."
    )
    routes: tuple[Route, ...] = Field(
        description="The packets it goes into: resolution, town-meeting (at least one)."
    )
    unless: tuple[Flag, ...] = Field(
        default=(),
        description="Leave the document out of a packet where any of these is true: the "
        "petition once its filing deadline has passed (deadline_passed).",
    )
    show_title: bool = Field(
        default=True,
        description="false for letters: the title then appears only in the footer.",
    )
    font_size: float | None = Field(
        default=None,
        ge=9,
        le=12,
        description="Body text size in points, to fit a one-page text on its page "
        "(default: the instruments' 12).",
    )
    header: Text | None = Field(
        default=None,
        description="Text printed at the top of every page (the petition's article).",
    )
    table_columns: tuple[Name, ...] = Field(
        default=(), description="Column headings of the signature table, if it has one."
    )
    sections: tuple[Section, ...] = Field(min_length=1, description="The document, in order.")

    @field_validator("routes")
    @classmethod
    def _some_route(cls, routes: tuple[Route, ...]) -> tuple[Route, ...]:
        if not routes:
            raise ValueError("name at least one route: resolution, town-meeting")
        return routes

    @field_validator("sections")
    @classmethod
    def _keys_unique(cls, sections: tuple[Section, ...]) -> tuple[Section, ...]:
        seen: set[str] = set()
        for section in sections:
            if section.key in seen:
                raise ValueError(f"two sections have the key {section.key!r}")
            seen.add(section.key)
        return sections


class GlossaryEntry(_Strict):
    """One term and how every Spanish text translates it."""

    en: Name = Field(description="The English term, as English texts write it.")
    es: Name = Field(description="The Spanish term every Spanish text uses for it.")
    es_forms: tuple[Name, ...] = Field(
        default=(),
        description="Other grammatical forms of the Spanish term (plural, with an article) "
        "that count as using it.",
    )
    note: str | None = Field(default=None, description="Why it is translated this way.")


class GlossaryTitle(_Strict):
    """A value that prints an English name (Town Clerk, Selectboard), and the Spanish
    words that say who that is."""

    value: TitleValue = Field(
        description="The value, as texts write it between {{ }}: body.name, "
        "body.presiding_officer_title, body.clerk_title, agency.name, agency.head_title, "
        "agency.policy_adopted_by."
    )
    es: Name = Field(
        description="The Spanish that explains it; the first sentence of a Spanish text "
        "that prints the value says it too."
    )
    es_forms: tuple[Name, ...] = Field(
        default=(), description="Other Spanish words that count as explaining it."
    )
    note: str | None = Field(default=None, description="Which English names it prints.")


class CompanionGlossary(_Strict):
    """companions/glossary.yaml: one translation per term, used everywhere."""

    terms: tuple[GlossaryEntry, ...] = Field(description="Every term, in any order.")
    titles: tuple[GlossaryTitle, ...] = Field(
        default=(),
        description="English names of offices and bodies that the town's values print, "
        "each explained in Spanish the first time a Spanish text prints it.",
    )


class BlankLabel(_Strict):
    """How a blank to fill in by hand is labelled, in each language."""

    en: Name = Field(description='English label, printed as "[label]" and highlighted.')
    es: Name = Field(description="Spanish label.")


class Blanks(_Strict):
    """companions/blanks.yaml: the only blanks a packet may leave, each clearly marked."""

    sender_name: BlankLabel = Field(description="The person who signs the letters.")
    sender_contact: BlankLabel = Field(description="How the town can reach that person.")
    signatures_needed: BlankLabel = Field(description="Signatures the petition needs.")
    voters: BlankLabel = Field(description="Voters on the town's checklist.")
    meeting_date: BlankLabel = Field(description="Date of the annual meeting.")
    filing_deadline: BlankLabel = Field(description="Last day to file the petition.")


class Precedent(_Strict):
    """A Vermont municipality that has already acted, and the source of that fact."""

    town: Name = Field(description="The municipality's name, as towns/registry.csv spells it.")
    kind: MunicipalityKind = Field(description="city, town or village.")
    en: Name | None = Field(
        default=None,
        description='How English texts list it, if not by its name alone: "Dummerston '
        '(345 to 61)".',
    )
    es: Name | None = Field(default=None, description="How Spanish texts list it, likewise.")
    here_en: Text | None = Field(
        default=None,
        description="For a municipality that adopted protections: what it did, said to it "
        'in its own packet, only as far as the source supports ("In 2020 the City Council '
        'voted to add ..."), as one or more English sentences.',
    )
    here_es: Text | None = Field(default=None, description="The same, in Spanish.")
    source: str = Field(
        min_length=1, description="Where the fact comes from (the project's facts file)."
    )

    def shown(self, language: Language) -> str:
        """How a text in ``language`` lists this municipality."""
        return getattr(self, language) or self.town


class Precedents(_Strict):
    """companions/precedents.yaml: the Vermont municipalities that have already acted,
    which the texts name as examples (never the town a packet is sent to)."""

    adopted: tuple[Precedent, ...] = Field(
        min_length=3,
        description="Municipalities that adopted protections of this kind (at least three, "
        "so that two remain when the packet goes to one of them).",
    )
    articles: tuple[Precedent, ...] = Field(
        min_length=3,
        description="Towns whose voters passed a Town Meeting article calling for them in "
        "2022 (at least three).",
    )

    @field_validator("adopted")
    @classmethod
    def _adopted_say_what_they_did(cls, adopted: tuple[Precedent, ...]) -> tuple[Precedent, ...]:
        missing = [p.town for p in adopted if not (p.here_en and p.here_es)]
        if missing:
            raise ValueError(
                "say what each municipality did, in here_en and here_es: " + ", ".join(missing)
            )
        return adopted


class PacketConfig(_Strict):
    """A packet config file (--config): who sends the packet and how to reach them."""

    sender: Name = Field(description="Name of the person or group sending the packet.")
    contact: str = Field(
        description="How the town can reach the sender: email, telephone or address "
        "(one line each).",
        min_length=1,
        max_length=1000,
    )


__all__ = [
    "FLAGS",
    "LANGUAGES",
    "ROUTES",
    "BlankLabel",
    "Blanks",
    "CompanionGlossary",
    "CompanionText",
    "Flag",
    "GlossaryEntry",
    "GlossaryTitle",
    "Language",
    "PacketConfig",
    "Precedent",
    "Precedents",
    "Route",
    "Section",
    "TitleValue",
]
