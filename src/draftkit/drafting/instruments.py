"""Which documents a town gets, by who polices it.

- Own police department: a council resolution directing or requesting the adopting
  official to adopt the police directive, and the directive.
- County sheriff under contract: a resolution asking the sheriff to adopt the
  protections (Exhibit A), and a contract addendum making them conditions of service.
  A town cannot amend a sheriff's policy, so there is no directive.
- Vermont State Police alone: a resolution adopting the town's own policy for its
  officials and employees and asking the State Police and the Criminal Justice
  Council to adopt the protections (Exhibit A).
- Constables alone: a resolution adopting the protections (Exhibit A) as the fair and
  impartial policing policy of the town's constables who exercise law enforcement
  authority under 24 V.S.A. § 1936a, directing or requesting each of them to follow it,
  and the town's own policy for its officials and employees (Exhibit B).
"""

from __future__ import annotations

from dataclasses import dataclass

from draftkit import choices
from draftkit.data.fields import Arrangement
from draftkit.naming import body_word


@dataclass(frozen=True)
class Document:
    """One document of an instrument set."""

    kind: str
    """``resolution``, ``directive`` or ``addendum``: what --doc calls it."""
    template: str
    """Template file name in resolutions/."""
    output: str
    """The end of the output file name; ``{body}`` stands for the governing body's word
    (``selectboard-resolution.docx``, ``council-resolution.docx``)."""
    section_prefix: str
    """How its clause sections are numbered: ``4.`` gives 4.1, 4.2 ..."""
    policy_prefix: str = "1."
    """How the town's own policy sections are numbered, where the document has them."""
    policy_start: int = 2
    defines_municipality: bool = False
    """Whether its opening defines a term for the municipality ("the Village of Albany
    (the “Village”)"): its clause texts then name it by that term (``town.called``)."""

    @property
    def protections_only(self) -> bool:
        """Whether the document holds the protections (clauses' directive sections) and
        nothing else: a directive or a contract addendum. A resolution adopts or asks for
        every clause of the draft, the town's own policy included."""
        return self.kind != "resolution"


INSTRUMENTS: dict[Arrangement, tuple[Document, ...]] = {
    "municipal": (
        Document("resolution", "council-resolution.docx", "{body}-resolution.docx", "A."),
        Document("directive", "police-directive.docx", "police-directive.docx", "4."),
    ),
    "sheriff": (
        Document("resolution", "sheriff-resolution.docx", "{body}-resolution.docx", "A.", "C.", 1),
        Document(
            "addendum",
            "contract-addendum.docx",
            "contract-addendum.docx",
            "3.",
            defines_municipality=True,
        ),
    ),
    "state_police": (
        Document(
            "resolution", "state-police-resolution.docx", "{body}-resolution.docx", "A.", "B.", 1
        ),
    ),
    "constables": (
        Document(
            "resolution", "constables-resolution.docx", "{body}-resolution.docx", "A.", "B.", 1
        ),
    ),
}

DOC_CHOICES = choices.DOC_CHOICES

TEMPLATE_FILES = tuple(
    dict.fromkeys(document.template for documents in INSTRUMENTS.values() for document in documents)
)
"""Every template file, each once."""

ARRANGEMENT_WORDS: dict[Arrangement, str] = {
    "municipal": "its own police department",
    "sheriff": "a county sheriff under contract",
    "state_police": "the Vermont State Police",
    "constables": "its own constables",
}


def output_of(document: Document, body_name: str) -> str:
    """The end of the document's file name for a town whose governing body is
    ``body_name``: a selectboard's resolution is ``selectboard-resolution.docx``."""
    return document.output.replace("{body}", body_word(body_name))


def documents_for(arrangement: Arrangement, doc: str) -> tuple[Document, ...] | None:
    """The documents ``--doc`` asks for, or ``None`` if that kind does not exist for the
    arrangement."""
    documents = INSTRUMENTS[arrangement]
    if doc == "all":
        return documents
    chosen = tuple(d for d in documents if d.kind == doc)
    return chosen or None
