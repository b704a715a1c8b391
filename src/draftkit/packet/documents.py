"""Companion texts rendered for one town and written as Word documents that look like
the project's instruments (same page, fonts and styles as ``resolutions/``)."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph

from draftkit.data.loading import Loaded
from draftkit.data.plain_errors import Loc
from draftkit.data.town_models import TownProfile
from draftkit.drafting import rendering
from draftkit.errors import DraftkitError, RenderError
from draftkit.packet.models import CompanionText, Language, Section
from draftkit.packet.values import BLANK_END, BLANK_START, PacketFacts
from draftkit.word.document_properties import (
    DEFAULT_AUTHOR,
    SUBJECT,
    DocumentProperties,
    made_by,
    on_day,
    set_core_properties,
)
from draftkit.word.inspection import LEFTOVER, document_lines, open_document

BASE_TEMPLATE = "council-resolution.docx"
"""The instrument whose page setup and styles every companion document borrows."""

_BLANK = re.compile(f"{BLANK_START}([^{BLANK_END}]*){BLANK_END}")
_PAGE_WORDS: dict[Language, tuple[str, str]] = {"en": ("Page", "of"), "es": ("Página", "de")}
_WORD_LANGUAGE: dict[Language, str] = {"en": "en-US", "es": "es-US"}


@dataclass(frozen=True)
class Block:
    """One printed unit: a heading, a paragraph in a style, a step, or a table."""

    kind: str
    """heading, body, lines (lines-end for the last of them), article, small, bullet,
    step or table."""
    text: str = ""
    rows: int = 0


@dataclass(frozen=True)
class RenderedText:
    """A companion text rendered for one town, ready to be written as Word."""

    document: str
    language: Language
    title: str
    show_title: bool
    font_size: float | None
    header: str | None
    columns: tuple[str, ...]
    blocks: tuple[Block, ...]


def applies(
    section: Section, *, town: TownProfile, facts: PacketFacts, town_flags: set[str]
) -> bool:
    """Whether ``section`` is printed for this town and packet (``town_flags``: what
    :func:`draftkit.packet.values.town_flags` says of the town)."""
    return section.prints(
        route=facts.route,
        policing=town.police.arrangement,
        kind=town.kind,
        flags=facts.flags() | town_flags,
    )


def render_text(
    loaded: Loaded[CompanionText],
    document: str,
    language: Language,
    context: dict[str, Any],
    *,
    town: TownProfile,
    facts: PacketFacts,
    town_flags: set[str],
) -> RenderedText:
    """Render every section of a companion text that applies to this town and packet.

    Raises:
        DataError: a text uses a value that does not exist or is empty, or is not valid
            template syntax; the error names the file, line and field.
    """
    text = loaded.value

    def render(source: str, loc: Loc) -> str:
        return _render(source, context, loaded, loc)

    blocks: list[Block] = []
    for index, section in enumerate(text.sections):
        if not applies(section, town=town, facts=facts, town_flags=town_flags):
            continue
        at: tuple[str | int, ...] = ("sections", index)
        if section.heading:
            blocks.append(Block("heading", render(section.heading, (*at, "heading"))))
        for number, paragraph in enumerate(section.paragraphs):
            last = number == len(section.paragraphs) - 1
            kind = "lines-end" if section.style == "lines" and last else section.style
            blocks.append(Block(kind, render(paragraph, (*at, "paragraphs", number))))
        for number, bullet in enumerate(section.bullets):
            blocks.append(Block("bullet", render(bullet, (*at, "bullets", number))))
        for number, step in enumerate(section.steps):
            blocks.append(Block("step", render(step, (*at, "steps", number))))
        if section.signature_lines:
            blocks.append(Block("table", rows=section.signature_lines))
    return RenderedText(
        document=document,
        language=language,
        title=render(text.title, ("title",)),
        show_title=text.show_title,
        font_size=text.font_size,
        header=render(text.header, ("header",)) if text.header else None,
        columns=text.table_columns,
        blocks=tuple(blocks),
    )


def _render(source: str, context: dict[str, Any], owner: Loaded[Any], loc: Loc) -> str:
    # The same bounded sandbox and error wording as clause texts.
    return rendering.render_text(source, context, owner, loc)


def build_docx(
    rendered: RenderedText, *, base: Path, legal_name: str, date: dt.date | None = None
) -> bytes:
    """Write a rendered companion text as a Word document on the instruments' page and
    styles, with page numbers in the footer, and real document properties."""
    document = Document(str(base))
    _clear(document)
    _language(document, rendered.language)
    if rendered.font_size is not None:
        document.styles["Normal"].font.size = Pt(rendered.font_size)
    set_core_properties(
        document,
        DocumentProperties(
            title=rendered.title,
            subject=f"{legal_name}: {SUBJECT}",
            author=DEFAULT_AUTHOR,
            created=on_day(date or dt.date.today()),
            comments=made_by(f"from companions/{rendered.language}/{rendered.document}.yaml"),
        ),
    )
    section = document.sections[0]
    if rendered.header:
        header = section.header.paragraphs[0]
        header.style = document.styles["Page Footer"]
        _bottom_border(header)
        # Left-aligned: justified, the short line before each line break of the article
        # would be spread across the page ("Sheriff's          Office:").
        header.alignment = WD_ALIGN_PARAGRAPH.LEFT
        header.paragraph_format.space_after = Pt(6)
        _add_text(header, rendered.header)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Page Footer"]
    page, of = _PAGE_WORDS[rendered.language]
    _add_text(footer, f"{legal_name} \u2014 {rendered.title} \u2014 {page} ")
    _field(footer, "PAGE")
    footer.add_run(f" {of} ")
    _field(footer, "NUMPAGES")
    if rendered.show_title:
        _paragraph(document, "Caption Line").add_run(legal_name.upper())
        _add_text(_paragraph(document, "Title"), rendered.title)
    for block in rendered.blocks:
        _add_block(document, block, rendered.columns)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _clear(document: DocumentObject) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for part in (document.sections[0].header, document.sections[0].footer):
        for child in list(part._element):
            part._element.remove(child)
        part._element.append(OxmlElement("w:p"))


def _language(document: DocumentObject, language: Language) -> None:
    # So that Word and LibreOffice check the spelling in the document's own language.
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{_WORD_LANGUAGE[language]}"/>'))


def _add_block(document: DocumentObject, block: Block, columns: tuple[str, ...]) -> None:
    if block.kind == "heading":
        _add_text(_paragraph(document, "Heading 1"), block.text)
    elif block.kind == "body":
        _add_text(_paragraph(document, "Body Text Justified"), block.text)
    elif block.kind in ("lines", "lines-end"):
        paragraph = _paragraph(document, "Signature Line")
        if block.kind == "lines-end":
            paragraph.paragraph_format.space_after = Pt(12)
        _add_text(paragraph, block.text)
    elif block.kind == "article":
        # One justified paragraph per line of the article: a line break inside a justified
        # paragraph would spread the short line before it across the page.
        for line in block.text.split("\n"):
            paragraph = _paragraph(document, "Body Text Justified")
            paragraph.paragraph_format.left_indent = Inches(0.5)
            paragraph.paragraph_format.right_indent = Inches(0.5)
            _add_text(paragraph, line)
    elif block.kind == "small":
        paragraph = _paragraph(document, "Body Text Justified")
        _add_text(paragraph, block.text, size=Pt(10))
    elif block.kind == "bullet":
        _add_text(_paragraph(document, "List Bullet"), block.text)
    elif block.kind == "step":
        paragraph = _paragraph(document, "Body Text Justified")
        paragraph.paragraph_format.left_indent = Inches(0.35)
        paragraph.paragraph_format.first_line_indent = Inches(-0.35)
        paragraph.add_run("\u2610\t")
        _add_text(paragraph, block.text)
    elif block.kind == "table":
        _signature_table(document, columns, block.rows)
    else:  # pragma: no cover - the model allows no other kind
        raise AssertionError(block.kind)


def _signature_table(document: DocumentObject, columns: tuple[str, ...], rows: int) -> None:
    table = document.add_table(rows=rows + 1, cols=len(columns) + 1)
    table.style = document.styles["Table Grid"]
    table.autofit = False
    widths = [Inches(0.4)] + [Inches(6.1 / len(columns))] * len(columns)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row_index, row in enumerate(table.rows):
        row.height = Inches(0.3 if row_index == 0 else 0.42)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        if row_index == 0:
            # Repeat the column headings on every page of the petition.
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
        label = ["", *list(columns)] if row_index == 0 else [str(row_index)] + [""] * len(columns)
        for cell, text in zip(row.cells, label, strict=True):
            paragraph = cell.paragraphs[0]
            # Not "Signature Line": it keeps with the next paragraph, which would push the
            # whole table onto a page of its own.
            paragraph.paragraph_format.space_after = Pt(0)
            if text:
                run = paragraph.add_run(text)
                run.bold = row_index == 0
                run.font.size = Pt(10)


def _add_text(paragraph: Paragraph, text: str, *, size: Pt | None = None) -> None:
    """Add ``text`` as runs: line breaks for newlines, highlighted runs for blanks."""
    position = 0
    for match in _BLANK.finditer(text):
        _plain_runs(paragraph, text[position : match.start()], size)
        run = paragraph.add_run(f"[{match.group(1)}]")
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        run.bold = True
        if size is not None:
            run.font.size = size
        position = match.end()
    _plain_runs(paragraph, text[position:], size)


def _plain_runs(paragraph: Paragraph, text: str, size: Pt | None) -> None:
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph.add_run().add_break()
        if line:
            run = paragraph.add_run(line)
            if size is not None:
                run.font.size = size


def _paragraph(document: DocumentObject, style: str) -> Paragraph:
    """A new paragraph in the named style.

    python-docx looks a style up by name by scanning every style each time; the style
    ids of the instruments' template are looked up once per process instead.
    """
    paragraph = document.add_paragraph()
    paragraph._p.style = _style_ids(document)[style]
    return paragraph


_STYLE_IDS: dict[str, str] = {}


def _style_ids(document: DocumentObject) -> dict[str, str]:
    if not _STYLE_IDS:
        _STYLE_IDS.update({style.name: style.style_id for style in document.styles if style.name})
    return _STYLE_IDS


def _bottom_border(paragraph: Paragraph) -> None:
    borders = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="4" '
        'w:color="000000"/></w:pBdr>'
    )
    paragraph._p.get_or_add_pPr().append(borders)


def _field(paragraph: Paragraph, instruction: str) -> None:
    for xml in (
        f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>',
        f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>',
        f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>',
    ):
        paragraph.add_run()._r.append(parse_xml(xml))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


_BRACKETED = re.compile(r"\[[^\]]*\]|\[|\]")


def inspect_companion(
    data: bytes, *, name: str, blanks: set[str], given: list[str]
) -> list[DraftkitError]:
    """Every problem in a written companion document: it must re-open, print no template
    syntax or None, and hold no bracket but a declared blank (``[sender's name]``).

    ``given`` holds the values the organizer typed, which may hold anything printable.
    """
    try:
        lines = document_lines(open_document(data))
    except RenderError as exc:
        return [RenderError(exc.message, path=name)]
    problems: list[DraftkitError] = []
    for line in lines:
        scanned = line
        for value in sorted(given, key=len, reverse=True):
            scanned = scanned.replace(" ".join(value.split()), " ")
        leftover = LEFTOVER.search(scanned)
        odd = next(
            (m.group(0) for m in _BRACKETED.finditer(scanned) if m.group(0)[1:-1] not in blanks),
            None,
        )
        marker = BLANK_START in scanned or BLANK_END in scanned
        if leftover or odd or marker:
            found = leftover.group(0) if leftover else odd or "a blank marker"
            problems.append(
                RenderError(
                    f"leftover {found!r} in: {line[:120]}",
                    path=name,
                    hint="a companion text printed template syntax or an unmarked blank; "
                    "fix the text in companions/",
                )
            )
    return problems


__all__ = [
    "BASE_TEMPLATE",
    "Block",
    "RenderedText",
    "applies",
    "build_docx",
    "inspect_companion",
    "render_text",
]
