"""Reading a rendered document back: its text view and the checks it must pass before
it is written.

The text view (one ``style | text`` line per paragraph, in reading order, with table
cells, headers and footers) serves both the checks and the golden snapshots.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from draftkit.errors import DraftkitError, RenderError

LEFTOVER = re.compile(r"[{][{%#]|[}%#][}]|\[\[|\]\]|\b(?:None|Undefined)\b")
"""Template syntax, placeholders and Python's None: none may survive rendering."""

_MARKS = ("{", "}", "[[", "]]", "None", "Undefined")
"""What :data:`LEFTOVER` can match starts with one of these: a cheap test first."""

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import Table
    from docx.text.paragraph import Paragraph


def open_document(data: bytes) -> DocumentObject:
    """Open .docx bytes with python-docx.

    Raises:
        RenderError: the bytes are not a Word document python-docx can open.
    """
    # python-docx is imported when a finished file is read back (verify, tests), not
    # while drafting: a draft's text comes from draftkit.word.compiled_template.
    from docx import Document

    try:
        return Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise RenderError(f"the rendered document does not re-open: {exc}") from None


def text_lines(data: bytes) -> list[str]:
    """The document as ``style | text`` lines: header, body (tables cell by cell), footer."""
    return document_lines(open_document(data))


def document_lines(doc: DocumentObject) -> list[str]:
    """:func:`text_lines` for a document already open."""
    names = {style.style_id: style.name for style in doc.styles}
    lines: list[str] = []
    seen_parts: set[int] = set()
    for section in doc.sections:
        for label, part in (("header", section.header), ("footer", section.footer)):
            if id(part._element) in seen_parts or part.is_linked_to_previous:
                continue
            seen_parts.add(id(part._element))
            lines.extend(
                f"{label}: {line}" for line in _block_lines(part.iter_inner_content(), names)
            )
    body = list(_block_lines(doc.iter_inner_content(), names))
    headers = [line for line in lines if line.startswith("header: ")]
    footers = [line for line in lines if line.startswith("footer: ")]
    return headers + body + footers


def _block_lines(blocks: Iterable[Paragraph | Table], names: Mapping[str, str]) -> Iterator[str]:
    from docx.text.paragraph import Paragraph

    for block in blocks:
        if isinstance(block, Paragraph):
            text = block.text
            if text.strip():
                yield f"{_style(block, names)} | {_clean(text)}"
        else:
            for r, row in enumerate(block.rows, start=1):
                for c, cell in enumerate(row.cells, start=1):
                    for paragraph in cell.paragraphs:
                        text = paragraph.text
                        if text.strip():
                            yield f"cell {r}.{c} {_style(paragraph, names)} | {_clean(text)}"


def _style(paragraph: Paragraph, names: Mapping[str, str]) -> str:
    # Looking a style up through python-docx for every paragraph is slow; the style id
    # in the paragraph's properties and one table of names give the same answer.
    ppr = paragraph._p.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    return names.get(style_id, "Normal") if style_id else "Normal"


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def inspect_document(data: bytes, *, name: str, context: Mapping[str, Any]) -> list[DraftkitError]:
    """Every problem in a rendered document; an empty list means it may be written."""
    try:
        lines = text_lines(data)
    except RenderError as exc:
        return [RenderError(exc.message, path=name)]
    return inspect_lines(lines, name=name, context=context)


def inspect_lines(
    lines: list[str], *, name: str, context: Mapping[str, Any]
) -> list[DraftkitError]:
    """Every problem in a document's text view.

    Values from ``context`` are masked before the scan: a town legitimately named
    ``{{ 7*7 }}`` or ``None`` is text the user gave, not a leftover tag.
    """
    problems: list[DraftkitError] = []
    # Text the user gave or the library holds may legitimately read like a tag ("None of
    # the following ..."): mask those values, then scan what is left in one pass.
    # Templates may print a value through |upper, so its upper-case form is masked too.
    values = sorted(
        {
            _clean(form)
            for v in set(_strings(context))
            if _reads_like_tag(v)
            for form in (v, v.upper())
        },
        key=len,
        reverse=True,
    )
    masked = "\n".join(lines)
    for value in values:
        masked = masked.replace(value, " ")
    if any(mark in masked for mark in _MARKS) and LEFTOVER.search(masked):
        for line, scanned in zip(lines, masked.split("\n"), strict=True):
            match = LEFTOVER.search(scanned)
            if match:
                problems.append(
                    RenderError(
                        f"leftover {match.group(0)!r} in: {line[:120]}",
                        path=name,
                        hint="a template tag or value did not render; "
                        "run `draftkit templates check`",
                    )
                )
    if not any(" | " in line and not line.startswith(("header", "footer")) for line in lines):
        problems.append(RenderError("the rendered document has no text", path=name))
    return problems


@functools.lru_cache(maxsize=8192)
def _reads_like_tag(value: str) -> bool:
    # Cached: a batch's contexts hold the same clause texts for every town.
    return any(mark in value for mark in _MARKS) and LEFTOVER.search(value) is not None


def _strings(value: Any) -> list[str]:
    # Every string in a context, in no particular order; a loop, not nested generators
    # (a document's context holds thousands).
    found: list[str] = []
    todo = [value]
    while todo:
        item = todo.pop()
        kind = type(item)  # exact types first: isinstance against Mapping is slow
        if kind is str:
            found.append(item)
        elif kind is dict:
            todo.extend(item.values())
        elif kind is list or kind is tuple:
            todo.extend(item)
        elif isinstance(item, str):
            found.append(item)
        elif isinstance(item, Mapping):
            todo.extend(item.values())
        elif isinstance(item, (list, tuple)):
            todo.extend(item)
    return found
