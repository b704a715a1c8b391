"""Redlines lawyers can read in Word: real tracked changes (``w:ins``/``w:del``).

The comparison is done by python-redlines' Docxodus engine, a maintained Open XML
comparer shipped as a binary inside its PyPI package: it understands runs, styles and
tables, which a text diff we wrote ourselves would not.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import warnings
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import LxmlError

from draftkit import __version__
from draftkit.data.clause_history import clause_text
from draftkit.data.clause_models import ClauseModule
from draftkit.drafting.writing import check_targets, write_files
from draftkit.errors import DraftkitError, NotFoundError
from draftkit.naming import long_date
from draftkit.word.document_properties import (
    DEFAULT_AUTHOR,
    DocumentProperties,
    made_by,
    set_core_properties,
)
from draftkit.word.house_style import STYLE_TEMPLATE, add_paragraph, blank_document
from draftkit.word.marked_text import marked


def add_clause_text(document: DocumentObject, clause: ClauseModule) -> None:
    """The clause's texts as they appear in each document, placeholders marked, in the
    house styles (see :mod:`draftkit.word.house_style`)."""

    def add(text: str, style: str) -> None:
        add_paragraph(document, text, style)

    if clause.resolution.whereas or clause.resolution.resolved:
        add("In a resolution", "Heading 3")
        for text in clause.resolution.whereas:
            add(f"WHEREAS, {marked(text)}", "Body Text Justified")
        for number, text in enumerate(clause.resolution.resolved, start=1):
            add(f"RESOLVED {number}. {marked(text)}", "Body Text Justified")
    for label, section in (
        ("In a police directive, sheriff request or contract addendum", clause.directive),
        ("In a town's own policy", clause.town_policy),
    ):
        if section is None:
            continue
        add(label, "Heading 3")
        add(marked(section.heading), "Heading 4")
        for index, text in enumerate(section.paragraphs):
            add(f"({chr(ord('a') + index)})\t{marked(text)}", "Lettered")


def clause_document(clause: ClauseModule, template: Path) -> bytes:
    """A small Word document holding one clause version's text, for comparison, in the
    style of ``template``."""
    document = blank_document(template)
    add_paragraph(document, f"{clause.title} ({clause.id} {clause.version})", style="Heading 1")
    add_paragraph(document, clause.summary, style="Body Text Justified")
    add_clause_text(document, clause)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def compare(old: bytes, new: bytes, author: str = DEFAULT_AUTHOR) -> bytes:
    """A Word document showing ``new`` with tracked changes against ``old``.

    Raises:
        DraftkitError: the comparison engine is missing or fails.
    """
    try:
        from python_redlines import DocxodusEngine, EngineNotInstalledError
    except ImportError:  # pragma: no cover - installed with draftkit
        raise DraftkitError(
            "the redline engine is not installed", hint="reinstall draftkit: make test"
        ) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            engine = DocxodusEngine()
            result, _stdout, _stderr = engine.run_redline(author, old, new)
    except EngineNotInstalledError:
        raise DraftkitError(
            "the redline engine is not installed", hint="reinstall draftkit: make test"
        ) from None
    except (subprocess.CalledProcessError, OSError) as exc:
        raise DraftkitError(f"the redline engine failed: {exc}") from None
    return bytes(result)


def tracked_change_counts(data: bytes) -> tuple[int, int]:
    """How many insertions and deletions a document's body carries."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return xml.count("<w:ins "), xml.count("<w:del ")


def finish_redline(
    result: bytes, *, heading: str, what: str, author: str, when: dt.datetime
) -> bytes:
    """The comparison engine's document, made honest: a first paragraph and a page header
    saying what was compared with what, every tracked change dated ``when`` (the engine
    dates them all 2000-01-01) and the document's properties filled in."""
    document = Document(io.BytesIO(result))
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = document.element.body
    for element in body.iter():
        if element.get(_DATE) is not None:
            element.set(_DATE, stamp)
    shown = when.astimezone(dt.UTC).date()
    intro = [
        (heading, True),
        (
            f"{what} Insertions and deletions are Word tracked changes: accept or reject "
            f"each one under Review. Compared by {author} with draftkit {__version__} on "
            f"{long_date(shown)}.",
            False,
        ),
    ]
    for index, (text, bold) in enumerate(intro):
        paragraph = add_paragraph(document)
        paragraph.add_run(text).bold = bold
        body.insert(index, paragraph._p)
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = heading
    set_core_properties(
        document,
        DocumentProperties(
            title=heading,
            subject=what,
            author=author,
            created=when,
            comments=made_by("as a redline (python-redlines' Docxodus engine)"),
        ),
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_DATE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}date"


def redline_files(
    old: Path,
    new: Path,
    out: Path,
    *,
    force: bool,
    author: str = DEFAULT_AUTHOR,
    when: dt.datetime | None = None,
) -> tuple[Path, int, int]:
    """``draftkit redline OLD.docx NEW.docx --out FILE``.

    Raises:
        DraftkitError: a file is missing or not a Word document, or the output exists.
    """
    if out.resolve() in (old.resolve(), new.resolve()):
        raise DraftkitError(
            "the redline would overwrite one of the documents it compares",
            path=str(out),
            hint="give --out a new file name",
        )
    datas = []
    for path in (old, new):
        try:
            data = path.read_bytes()
            Document(io.BytesIO(data))
        except FileNotFoundError:
            raise NotFoundError("file not found", path=str(path)) from None
        except (zipfile.BadZipFile, KeyError, ValueError, LxmlError, PackageNotFoundError):
            raise DraftkitError(
                "not a Word document", path=str(path), hint="give two .docx files"
            ) from None
        datas.append(data)
    check_targets(out.parent, [out.name], force=force)
    result = finish_redline(
        compare(datas[0], datas[1], author),
        heading=f"Redline: {new.name} compared with {old.name}",
        what=f"The text of {new.name}, with its changes from {old.name} tracked.",
        author=author,
        when=when or dt.datetime.now(dt.UTC),
    )
    write_files(out.parent, {out.name: result}, force=force)
    insertions, deletions = tracked_change_counts(result)
    return out, insertions, deletions


def clause_diff(
    root: Path,
    clause_id: str,
    from_rev: str,
    to_rev: str | None,
    out: Path,
    *,
    force: bool,
    author: str = DEFAULT_AUTHOR,
    when: dt.datetime | None = None,
) -> tuple[Path, int, int]:
    """``draftkit clauses diff ID``: a redline between two versions of one clause, each
    a clause version (``1.0.0``), a git revision or (``to_rev`` None) the working tree."""
    old = clause_text(root, clause_id, from_rev, "--from")
    new = clause_text(root, clause_id, to_rev, "--to")
    check_targets(out.parent, [out.name], force=force)
    template = root / "resolutions" / STYLE_TEMPLATE
    result = finish_redline(
        compare(
            clause_document(old.clause, template), clause_document(new.clause, template), author
        ),
        heading=(f"Redline of clause {clause_id}: {old.clause.version} to {new.clause.version}"),
        what=(
            f"{new.clause.title}: the text of version {new.clause.version} "
            f"({new.source}) compared with version {old.clause.version} ({old.source})."
        ),
        author=author,
        when=when or dt.datetime.now(dt.UTC),
    )
    write_files(out.parent, {out.name: result}, force=force)
    insertions, deletions = tracked_change_counts(result)
    return out, insertions, deletions
