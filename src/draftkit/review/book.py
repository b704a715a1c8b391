"""The clause book: one Word document in which a lawyer can review the whole library."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Inches, Pt

from draftkit import __version__
from draftkit.data.clause_models import ClauseModule
from draftkit.data.library import Library, load_library
from draftkit.data.loading import Loaded
from draftkit.drafting.composing import in_catalog_order
from draftkit.drafting.provenance import canonical_json, clause_text_hash, sha256_bytes
from draftkit.drafting.writing import check_targets, write_files
from draftkit.naming import long_date
from draftkit.word.document_properties import (
    DEFAULT_AUTHOR,
    SUBJECT,
    DocumentProperties,
    made_by,
    on_day,
    set_core_properties,
)
from draftkit.word.house_style import (
    STYLE_TEMPLATE,
    add_field,
    add_paragraph,
    add_table,
    blank_document,
    footer_with_pages,
)
from draftkit.word.marked_text import marked
from draftkit.word.redlining import add_clause_text


def library_hash(library: Library) -> str:
    """One SHA-256 over every clause's id, version and text hash: the library version."""
    return sha256_bytes(
        canonical_json(
            [
                (cid, c.value.version, clause_text_hash(c.value))
                for cid, c in sorted(library.clauses.items())
            ]
        )
    )


def write_book(
    root: Path, out: Path, *, date: dt.date, force: bool, author: str = DEFAULT_AUTHOR
) -> Path:
    """``draftkit clauses book``: build the clause book and write it atomically."""
    library = load_library(root)
    check_targets(out.parent, [out.name], force=force)
    data = build_book(library, date, author=author)
    write_files(out.parent, {out.name: data}, force=force)
    return out


def build_book(library: Library, date: dt.date, *, author: str = DEFAULT_AUTHOR) -> bytes:
    """The clause book as .docx bytes, in the templates' styles.

    Raises:
        DraftkitError: the style template (resolutions/police-directive.docx) is missing.
    """
    document = blank_document(library.template_path(STYLE_TEMPLATE))
    footer_with_pages(document, "Clause Book")
    set_core_properties(
        document,
        DocumentProperties(
            title="Clause Book",
            subject=SUBJECT,
            author=author,
            created=on_day(date),
            comments=made_by(f"from clause library {library_hash(library)[:12]}"),
            keywords="clause library; review; 20 V.S.A. \u00a7 2366",
        ),
    )
    _cover(document, library, date)
    _contents(document, library)
    _coverage(document, library)
    for number, loaded in enumerate(_ordered(library), start=1):
        _clause(document, library, number, loaded.value.id)
    _glossary(document, library)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _ordered(library: Library) -> list[Loaded[ClauseModule]]:
    return in_catalog_order(library, list(library.clauses.values()))


def _bookmark(paragraph, name: str, number: int) -> None:  # type: ignore[no-untyped-def]
    """Mark a heading so the contents can show its page (PAGEREF)."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>')
    paragraph._p.insert(1, start)
    paragraph._p.append(end)


def _heading(document: DocumentObject, text: str, number: int) -> None:
    paragraph = add_paragraph(document, text, style="Heading 1")
    # A page break before the heading, not a break paragraph after the last table: a
    # table that fills its page would otherwise leave a blank page behind it.
    paragraph.paragraph_format.page_break_before = True
    _bookmark(paragraph, f"_DraftkitToc{number}", number)


def _cover(document: DocumentObject, library: Library, date: dt.date) -> None:
    add_paragraph(document).paragraph_format.space_before = Pt(120)
    add_paragraph(document, "CLAUSE BOOK", style="Title")
    for line in (
        "Limits on police participation in federal civil immigration enforcement",
        "for Vermont municipalities",
    ):
        add_paragraph(document, line, style="Caption Line")
    add_paragraph(document).paragraph_format.space_before = Pt(24)
    for line in (
        f"Library version {library_hash(library)[:12]} (draftkit {__version__})",
        f"Prepared {long_date(date)}",
    ):
        paragraph = add_paragraph(document, line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    approved = sum(1 for cid in library.clauses if library.status(cid).approved)
    summary = add_paragraph(
        document,
        f"{len(library.clauses)} clauses, {approved} approved at their current text; "
        f"{len(library.loophole_list())} loopholes; {len(library.terms())} defined terms.",
    )
    summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note = add_paragraph(
        document,
        "Template values appear as \u00abname\u00bb: each draft fills them in from the town's "
        "profile; \u00ablead\u00bb reads \u201cThe directive shall provide\u201d or \u201cThe "
        "<governing body> asks that the directive provide\u201d, as the body may direct or only "
        "request. A condition reads [if \u2026: one text | otherwise: another]; each draft "
        "prints the text that fits the town. A review counts only while the text it covered "
        "is unchanged.",
    )
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.paragraph_format.space_before = Pt(24)
    note.runs[0].italic = True


def _contents(document: DocumentObject, library: Library) -> None:
    contents = add_paragraph(document, "Contents", style="Heading 1")
    contents.paragraph_format.page_break_before = True
    entries = ["Coverage"]
    entries += [f"{n}. {c.value.title}" for n, c in enumerate(_ordered(library), start=1)]
    entries.append("Glossary")
    for number, entry in enumerate(entries, start=1):
        paragraph = add_paragraph(document)
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Inches(6.5), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        paragraph.add_run(f"{entry}\t")
        # PAGEREF fields are filled in by Word and LibreOffice when the pages are laid out.
        add_field(paragraph, f"PAGEREF _DraftkitToc{number} \\h", shown="")


def _coverage(document: DocumentObject, library: Library) -> None:
    _heading(document, "Coverage", 1)
    add_paragraph(
        document,
        "Each loophole in the catalog, and the clauses that close it. A loophole with no "
        "clause is a gap in the library.",
    )
    rows = []
    for loophole in library.loophole_list():
        closing = [c.value.title for c in library.clauses.values() if loophole.id in c.value.closes]
        rows.append((loophole.name, "; ".join(closing) or "GAP: no clause"))
    add_table(document, ("Loophole", "Closed by"), rows, (3.1, 3.4))


def _clause(document: DocumentObject, library: Library, number: int, clause_id: str) -> None:
    loaded = library.clauses[clause_id]
    clause = loaded.value
    status = library.status(clause_id)
    names = {loophole.id: loophole.name for loophole in library.loophole_list()}
    _heading(document, f"{number}. {clause.title}", number + 1)
    facts = [
        ("Id and version", f"{clause.id} {clause.version}"),
        ("File", loaded.source.shown),
        ("Text SHA-256", clause_text_hash(clause)),
        (
            "Review",
            status.state
            + (f" ({status.last.reviewer}, {status.last.date})" if status.last else ""),
        ),
        ("Closes", "; ".join(names.get(i, i) for i in clause.closes)),
        ("Applies to", ", ".join(clause.applies_to)),
        ("Requires", ", ".join(clause.requires) or "none"),
        ("Conflicts with", ", ".join(clause.conflicts) or "none"),
    ]
    add_table(document, None, facts, (1.4, 5.1))
    _sub(document, "Summary")
    add_paragraph(document, clause.summary, style="Body Text Justified")
    _sub(document, "Text")
    add_clause_text(document, clause)
    _sub(document, "Defined terms")
    terms = library.terms()
    for term in clause.defined_terms:
        entry = terms.get(term.lower())
        paragraph = add_paragraph(document)
        paragraph.add_run(f"\u201c{term}\u201d").bold = True
        paragraph.add_run(
            f" means {marked(entry.definition)}" if entry else " (not in the glossary)"
        )
    if not clause.defined_terms:
        add_paragraph(document, "None.")
    _sub(document, "Citations")
    add_table(
        document,
        ("Citation", "Role", "What it says here"),
        [(c.cite, c.role, c.point + (f" <{c.url}>" if c.url else "")) for c in clause.citations],
        (1.7, 0.9, 3.9),
    )
    _sub(document, "8 U.S.C. §§ 1373 and 1644 and Vermont law")
    add_paragraph(document, clause.federal_state_note, style="Body Text Justified")
    _sub(document, "Version history")
    add_table(
        document,
        ("Version", "Date", "What changed"),
        [(h.version, h.date.isoformat(), h.summary) for h in clause.history],
        (0.8, 1.0, 4.7),
    )
    _sub(document, "Review history")
    log = library.reviews.get(clause_id)
    reviews = log.value.reviews if log else ()
    if reviews:
        current = clause_text_hash(clause)
        add_table(
            document,
            ("Date", "Reviewer", "Verdict", "Text reviewed", "Notes"),
            [
                (
                    r.date.isoformat(),
                    f"{r.reviewer} ({r.role})",
                    r.verdict.replace("_", " "),
                    f"{r.version}"
                    + (" (current text)" if r.text_sha256 == current else " (earlier text)"),
                    r.notes or "",
                )
                for r in reviews
            ],
            (1.0, 1.6, 0.9, 1.2, 1.8),
        )
    else:
        add_paragraph(document, "Not yet reviewed.")


def _sub(document: DocumentObject, text: str) -> None:
    add_paragraph(document, text, style="Heading 2")


def _glossary(document: DocumentObject, library: Library) -> None:
    _heading(document, "Glossary", len(library.clauses) + 2)
    for key, entry in sorted(library.terms().items()):
        users = [
            c.value.id
            for c in library.clauses.values()
            if any(t.lower() == key for t in c.value.defined_terms)
        ]
        paragraph = add_paragraph(document)
        paragraph.add_run(f"\u201c{entry.term}\u201d").bold = True
        paragraph.add_run(f" means {marked(entry.definition)}")
        used = add_paragraph(
            document,
            "Used by: "
            + (", ".join(users) if users else "no clause")
            + (f". Source: {entry.source}" if entry.source else ""),
        )
        used.runs[0].italic = True
