"""Documents draftkit builds itself (the clause book, clause redlines) in the look of the
Word templates: the police directive's page, fonts and paragraph styles, not
python-docx's blue defaults."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph

from draftkit.errors import DraftkitError

STYLE_TEMPLATE = "police-directive.docx"
"""The template (in resolutions/) whose page setup and styles these documents borrow."""

FONT = "Times New Roman"


def blank_document(template: Path) -> DocumentObject:
    """An empty document with ``template``'s page, styles, and an empty header and footer.

    Raises:
        DraftkitError: the template is missing or not a Word document.
    """
    try:
        document = Document(str(template))
    except (OSError, ValueError, KeyError) as exc:
        raise DraftkitError(
            f"cannot read the style template: {exc}",
            path=str(template),
            hint="these documents take their styles from this template; restore it",
        ) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for section in document.sections:
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs[1:]:
                paragraph._p.getparent().remove(paragraph._p)
            for run in list(part.paragraphs[0].runs):
                run._r.getparent().remove(run._r)
    # The template's lower headings keep Word's theme look (blue, sans serif); in our
    # documents every heading is black Times New Roman.
    for name, italic in (("Heading 3", False), ("Heading 4", True)):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(12)
        style.font.bold = True
        style.font.italic = italic
        style.font.color.rgb = RGBColor(0, 0, 0)
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if rfonts is not None and rfonts.get(qn(theme)) is not None:
                del rfonts.attrib[qn(theme)]
    return document


_STYLE_IDS: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()


def add_paragraph(document: DocumentObject, text: str = "", style: str | None = None) -> Paragraph:
    """``document.add_paragraph(text, style)``, with the style's id looked up once per
    document: python-docx looks a style name up among all styles on every call, which
    made the clause book take seconds."""
    paragraph = document.add_paragraph(text)
    if style is not None:
        paragraph._p.style = _style_id(document, style)
    return paragraph


def _style_id(document: DocumentObject, name: str) -> str:
    ids = _STYLE_IDS.get(document.part)
    if ids is None:
        ids = {style.name: style.style_id for style in document.styles if style.name}
        _STYLE_IDS[document.part] = ids
    return ids[name]


def footer_with_pages(document: DocumentObject, label: str) -> None:
    """``label — Page N of M`` in the footer, with live page fields."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.style = document.styles["Page Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{label} \u2014 Page ")
    add_field(footer, "PAGE")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES")


def add_field(paragraph: Paragraph, instruction: str, shown: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES, PAGEREF ...) that Word and LibreOffice fill in."""
    for xml in (
        f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>',
        f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>',
        f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>',
    ):
        paragraph.add_run()._r.append(parse_xml(xml))
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def add_table(
    document: DocumentObject,
    header: tuple[str, ...] | None,
    rows: Sequence[tuple[str, ...]],
    widths: Sequence[float],
    *,
    size: float = 10.5,
) -> None:
    """A grid table with fixed column widths (inches), in a slightly smaller type, its
    header row bold and repeated on each page."""
    table = document.add_table(rows=1 if header else 0, cols=len(widths))
    table._tbl.tblPr.style = _style_id(document, "Table Grid")
    table.autofit = False
    if header:
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        table.rows[0]._tr.get_or_add_trPr().append(
            parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>')
        )
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.paragraphs[0].add_run(text)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Inches(width)
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_before = Pt(2)
                paragraph.paragraph_format.space_after = Pt(2)
                for run in paragraph.runs:
                    run.font.size = Pt(size)


__all__ = [
    "FONT",
    "STYLE_TEMPLATE",
    "add_field",
    "add_paragraph",
    "add_table",
    "blank_document",
    "footer_with_pages",
]
