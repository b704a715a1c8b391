"""A rendered document's text view (``style | text`` lines), read from its WordprocessingML
directly: what python-docx's ``Paragraph.text``, ``_Row.cells`` and style names give, without
importing python-docx on the drafting path (a tenth of a second of every run).
:func:`draftkit.word.inspection.document_lines` reads the same view through python-docx,
and the tests hold the two equal for every template.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {
    "w": W_NS,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_W = f"{{{W_NS}}}"
# Rendered parts are read with python-docx's own parser settings, so their text (and the
# bytes of a repaired part) are what python-docx would give; python-docx itself is not
# imported to draft (a tenth of a second of every run).
_RENDERED = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def qn(tag: str) -> str:
    """``w:body`` -> ``{namespace}body``, as python-docx's ``qn``."""
    prefix, name = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


def parse_xml(data: bytes) -> Any:
    """A rendered part parsed strictly (a part that is not well-formed XML raises)."""
    return etree.fromstring(data, _RENDERED)


def text_lines(
    trees: Mapping[str, Any],
    *,
    document_part: str,
    relationships: Mapping[str, tuple[str, str]],
    style_names: Mapping[str, str],
) -> list[str]:
    """The ``style | text`` view of a rendered document: the default header of each
    section, the body, then the default footers, as python-docx reads them.

    ``trees`` holds the parsed parts by name, ``relationships`` the main document's
    relationship ids (id -> (type, part name)), ``style_names`` style id -> Word's name.
    """

    def style(style_id: str | None) -> str:
        return style_names.get(style_id, "Normal") if style_id else "Normal"

    def block_lines(container: Any) -> Iterator[str]:
        for element in container.iterchildren(_P, _TBL):
            if element.tag == _P:
                style_id, text = _paragraph(element)
                if text.strip():
                    yield f"{style(style_id)} | {_clean(text)}"
                continue
            for r, row in enumerate(element.iterchildren(f"{_W}tr"), start=1):
                for c, cell in enumerate(row_cells(row), start=1):
                    for p in cell.iterchildren(_P):
                        style_id, text = _paragraph(p)
                        if text.strip():
                            yield f"cell {r}.{c} {style(style_id)} | {_clean(text)}"

    document = trees[document_part]
    body = document.find(qn("w:body"))
    headers: list[str] = []
    footers: list[str] = []
    seen: set[str] = set()
    sections = _SECTIONS(body) if body is not None else []
    for sect in sections:
        for label, tag, out in (
            ("header", "w:headerReference", headers),
            ("footer", "w:footerReference", footers),
        ):
            ref = next((r for r in sect.findall(qn(tag)) if r.get(qn("w:type")) == "default"), None)
            if ref is None:
                continue
            target = relationships.get(ref.get(qn("r:id"), ""), ("", ""))[1]
            if target in seen or target not in trees:
                continue
            seen.add(target)
            out.extend(f"{label}: {line}" for line in block_lines(trees[target]))
    lines = list(block_lines(body)) if body is not None else []
    return headers + lines + footers


def row_cells(row: Any) -> list[Any]:
    """The ``w:tc`` of each layout-grid cell of a row, as python-docx's ``_Row.cells``
    gives them: a cell spanning columns repeats once per column, and a cell continuing a
    vertical merge is the cell where the merge starts."""
    cells: list[Any] = []
    for tc in row.iterchildren(f"{_W}tc"):
        top = tc
        while _property(top, "tcPr", "vMerge", default="continue") == "continue":
            top = _cell_above(top)
        cells.extend([top] * _grid_span(top))
    return cells


def _property(element: Any, group: str, name: str, *, default: str) -> str | None:
    """``./w:<group>/w:<name>/@w:val`` (``default`` if the value is left out), or
    ``None`` when there is no such element."""
    properties = element.find(f"{_W}{group}")
    found = properties.find(f"{_W}{name}") if properties is not None else None
    return None if found is None else str(found.get(f"{_W}val", default))


def _grid_span(tc: Any) -> int:
    return int(_property(tc, "tcPr", "gridSpan", default="1") or 1)


def _cell_above(tc: Any) -> Any:
    """The cell in the row above that starts at the same layout-grid column (python-docx's
    ``CT_Tc._tc_above``, with its errors)."""
    row = tc.getparent()
    above = next(row.itersiblings(f"{_W}tr", preceding=True), None)
    if above is None:
        raise ValueError("no tr above topmost tr in w:tbl")
    offset = int(_property(row, "trPr", "gridBefore", default="0") or 0) + sum(
        _grid_span(before) for before in tc.itersiblings(f"{_W}tc", preceding=True)
    )
    remaining = offset - int(_property(above, "trPr", "gridBefore", default="0") or 0)
    for candidate in above.iterchildren(f"{_W}tc"):
        if remaining < 0:
            break
        if remaining == 0:
            return candidate
        remaining -= _grid_span(candidate)
    raise ValueError(f"no `tc` element at grid_offset={offset}")


def paragraph_text(p: Any) -> str:
    """A paragraph's text as python-docx's ``Paragraph.text`` gives it: runs and
    hyperlinked runs, with tabs, breaks and non-breaking hyphens as characters."""
    return _paragraph(p)[1]


def _paragraph(p: Any) -> tuple[str | None, str]:
    """A paragraph's style id (from its first ``w:pPr``'s first ``w:pStyle``, as
    python-docx finds it) and its :func:`paragraph_text`, in one pass over its children."""
    style_id: str | None = None
    seen_properties = False
    parts: list[str] = []
    for child in p:
        tag = child.tag
        if tag == _R:
            parts.append(_run_text(child))
        elif tag == _HYPERLINK:
            parts.extend(_run_text(r) for r in child.iterchildren(_R))
        elif tag == _PPR and not seen_properties:
            seen_properties = True
            for style in child.iterchildren(_PSTYLE):
                style_id = style.get(_VAL)
                break
    return style_id, "".join(parts)


def _run_text(run: Any) -> str:
    parts: list[str] = []
    for e in run:
        tag = e.tag
        if tag == _T:
            parts.append(e.text or "")
        elif tag in _TABS:
            parts.append("\t")
        elif tag == _BR:
            parts.append("\n" if e.get(_TYPE, "textWrapping") == "textWrapping" else "")
        elif tag == _CR:
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
    return "".join(parts)


_P, _TBL, _R, _HYPERLINK, _PPR, _PSTYLE, _VAL, _T, _BR, _CR, _TYPE, _NO_BREAK_HYPHEN = (
    f"{_W}{tag}"
    for tag in (
        "p",
        "tbl",
        "r",
        "hyperlink",
        "pPr",
        "pStyle",
        "val",
        "t",
        "br",
        "cr",
        "type",
        "noBreakHyphen",
    )
)
_TABS = (f"{_W}tab", f"{_W}ptab")
_SECTIONS = etree.XPath("./w:p/w:pPr/w:sectPr | ./w:sectPr", namespaces=NAMESPACES)


def _clean(text: str) -> str:
    # Already clean (the common case) when its only whitespace is single inner spaces:
    # every other whitespace character is one isprintable() refuses.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.replace("\t", " ").split())


__all__ = ["NAMESPACES", "W_NS", "paragraph_text", "parse_xml", "qn", "row_cells", "text_lines"]
