"""The shapes of the clause library's files (``clauses/``): clauses, the loophole catalog,
the glossary and the Spanish words, as pydantic models. No I/O here.

Every field has a description so that ``draftkit schema clause`` documents the YAML for
the people who edit it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
)

from draftkit.data.fields import (
    Arrangement,
    Day,
    FreeText,
    Identifier,
    Name,
    Strict,
    Text,
    Version,
)


class Loophole(Strict):
    """A gap in the statewide model that a local policy can close."""

    id: Identifier = Field(description="Stable id, e.g. victim-witness-reporting.")
    name: Name = Field(description="Short name for tables and headings.")
    description: Text = Field(description="The loophole in plain language.")
    source: Text = Field(description="Who names this loophole, with a citation or URL.")


class LoopholeCatalog(Strict):
    """clauses/loopholes.yaml."""

    loopholes: tuple[Loophole, ...] = Field(description="Every loophole, in catalog order.")


Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")]
"""Eight hex digits naming an English text (:func:`draftkit.data.spanish.english_fingerprint`)."""


class ClauseInSpanish(Strict):
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


class LoopholeInSpanish(Strict):
    """A loophole's short name in Spanish, for the web's Spanish pages."""

    english_fingerprint: Fingerprint = Field(
        description="The fingerprint of the English name this Spanish says."
    )
    name: Name = Field(description="The loophole's short name in Spanish.")


class LibraryInSpanish(Strict):
    """clauses/es/summaries.yaml: the clause library's words the web shows, in Spanish."""

    clauses: dict[Identifier, ClauseInSpanish] = Field(
        description="One entry per clause, keyed by the clause's id."
    )
    loopholes: dict[Identifier, LoopholeInSpanish] = Field(
        description="One entry per loophole, keyed by the loophole's id."
    )


class GlossaryTerm(Strict):
    """One defined term, written once and used by any clause that needs it."""

    term: Name = Field(
        description='The term as it appears in clause text, e.g. "Judicial warrant".'
    )
    definition: Text = Field(
        description="The definition, completing the sentence '<term> means ...'. May use "
        "template values such as {{ agency.name }}."
    )
    source: FreeText | None = Field(default=None, description="Citation the definition relies on.")


class Glossary(Strict):
    """clauses/glossary.yaml."""

    terms: tuple[GlossaryTerm, ...] = Field(description="Every defined term.")


class Citation(Strict):
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


class ResolutionText(Strict):
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


class DirectiveSection(Strict):
    """One numbered section of a policy: a police directive's procedures, the protections
    asked of a sheriff or the State Police, or a town's own policy for its staff."""

    heading: Name = Field(description="Section heading in the directive.")
    paragraphs: tuple[Text, ...] = Field(
        min_length=1, description="Numbered paragraphs of the section. May use template values."
    )


class Change(Strict):
    """One entry of a clause's version history."""

    version: Version = Field(description="The version this entry describes.")
    date: Day = Field(description="When the version was made (YYYY-MM-DD).")
    summary: Text = Field(description="What changed, for a reviewing lawyer.")


class ClauseModule(Strict):
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


__all__ = [
    "Change",
    "Citation",
    "ClauseInSpanish",
    "ClauseModule",
    "DirectiveSection",
    "Fingerprint",
    "Glossary",
    "GlossaryTerm",
    "LibraryInSpanish",
    "Loophole",
    "LoopholeCatalog",
    "LoopholeInSpanish",
    "ResolutionText",
]
