"""What File > Properties shows for every document draftkit makes: title, subject,
author, dates and draftkit's version, so a clerk's file list and a lawyer's document
management system can tell the documents apart."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from draftkit import __version__, choices
from draftkit.word.compiled_template import DocumentProperties

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

DEFAULT_AUTHOR = choices.DEFAULT_AUTHOR
"""The author when nobody says (``--author`` or ``DRAFTKIT_AUTHOR``)."""

SUBJECT = (
    "Limits on police participation in federal civil immigration enforcement "
    "(20 V.S.A. \u00a7 2366)"
)


def made_by(what: str = "") -> str:
    """The comments field: which draftkit made the document, and from what."""
    return f"Made by draftkit {__version__}" + (f" {what}" if what else "") + "."


def on_day(date: dt.date) -> dt.datetime:
    """A document's date as a timestamp: noon UTC, the same calendar day in Vermont and
    wherever the file is opened in the United States."""
    return dt.datetime.combine(date, dt.time(12), tzinfo=dt.UTC)


def set_core_properties(document: DocumentObject, properties: DocumentProperties) -> None:
    """Write ``properties`` into a python-docx document (book, redline, report)."""
    core = document.core_properties
    core.title = properties.title
    core.subject = properties.subject
    core.author = properties.author
    core.last_modified_by = properties.author
    core.comments = properties.comments
    core.keywords = properties.keywords
    core.category = ""
    core.revision = 1
    # python-docx wants naive UTC datetimes.
    stamp = properties.created.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    core.created = stamp
    core.modified = stamp


__all__ = ["DEFAULT_AUTHOR", "SUBJECT", "made_by", "on_day", "set_core_properties"]
