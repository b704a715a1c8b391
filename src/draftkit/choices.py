"""The fixed choices command-line options offer, in a module that imports nothing.

`draftkit --help` must answer at once; the modules these values belong to build
pydantic models and templates when imported, so the values live here and those modules
take them from here.
"""

from __future__ import annotations

POLICING_CHOICES = {
    "municipal": "municipal",
    "sheriff": "sheriff",
    "state-police": "state_police",
    "constables": "constables",
}
"""--policing option value -> profile arrangement."""

DOC_CHOICES = ("resolution", "directive", "addendum", "all")
"""--doc option values."""

ROUTE_CHOICES = ("resolution", "town-meeting")
"""--route option values: the governing body's resolution, or a Town Meeting article."""


SCHEMA_CHOICES = (
    "town",
    "clause",
    "clause-spanish",
    "audit-rules",
    "lint-rules",
    "companion",
    "packet-config",
)
"""`draftkit schema KIND` values; :data:`draftkit.review.reports.SCHEMAS` maps each to its model."""

POLICE_FILTERS = ("municipal", "sheriff", "state-police", "unknown")
"""`draftkit towns list --police` values."""

DEFAULT_AUTHOR = "draftkit"
"""The documents' author when nobody says (``--author`` or ``DRAFTKIT_AUTHOR``)."""

__all__ = [
    "DEFAULT_AUTHOR",
    "DOC_CHOICES",
    "POLICE_FILTERS",
    "POLICING_CHOICES",
    "ROUTE_CHOICES",
    "SCHEMA_CHOICES",
]
