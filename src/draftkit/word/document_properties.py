"""What File > Properties shows for every document draftkit makes: title, subject,
author, dates and draftkit's version, so a clerk's file list and a lawyer's document
management system can tell the documents apart."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from draftkit import __version__, choices

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

DEFAULT_AUTHOR = choices.DEFAULT_AUTHOR
"""The author when nobody says (``--author`` or ``DRAFTKIT_AUTHOR``)."""

SUBJECT = (
    "Limits on police participation in federal civil immigration enforcement "
    "(20 V.S.A. \u00a7 2366)"
)


@dataclass(frozen=True)
class DocumentProperties:
    """What File > Properties shows in Word for a draft."""

    title: str
    subject: str
    author: str
    created: dt.datetime
    comments: str
    keywords: str = ""


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


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities (xml.sax.saxutils.escape, without the
    import of urllib and http it brings)."""
    return html.escape(text, quote=False)


def core_properties_xml(properties: DocumentProperties) -> bytes:
    """``docProps/core.xml`` for a draft."""
    stamp = properties.created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(properties.title)}</dc:title>"
        f"<dc:subject>{escape(properties.subject)}</dc:subject>"
        f"<dc:creator>{escape(properties.author)}</dc:creator>"
        f"<cp:keywords>{escape(properties.keywords)}</cp:keywords>"
        f"<dc:description>{escape(properties.comments)}</dc:description>"
        f"<cp:lastModifiedBy>{escape(properties.author)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


__all__ = [
    "DEFAULT_AUTHOR",
    "SUBJECT",
    "DocumentProperties",
    "core_properties_xml",
    "made_by",
    "on_day",
    "set_core_properties",
]
