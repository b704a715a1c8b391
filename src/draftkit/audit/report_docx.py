"""The audit as a Word report that looks like the project's other documents: it is built
on the police directive template (``resolutions/police-directive.docx``), so it has the
same page, fonts and paragraph styles, and goes into the help-request packet as is."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from draftkit import __version__
from draftkit.audit.judging import AuditReport, Finding, Verdict
from draftkit.audit.rules import AUDIT_RULES_FILE, LINT_RULES_FILE
from draftkit.data.library import Library
from draftkit.drafting.writing import write_files
from draftkit.errors import DraftkitError
from draftkit.naming import long_date
from draftkit.text_rules import MAX_TEXT_LENGTH, TEXT_HINT, text_problem
from draftkit.word.document_properties import (
    DEFAULT_AUTHOR,
    SUBJECT,
    DocumentProperties,
    made_by,
    on_day,
    set_core_properties,
)

STYLE_TEMPLATE = "police-directive.docx"
"""The template whose page setup and styles the report borrows."""

_VERDICT_WORDS = {
    Verdict.OPEN: "Left open",
    Verdict.CLOSED: "Closed",
    Verdict.CANNOT_JUDGE: "Cannot judge",
}


def audit_report_docx(
    report: AuditReport, library: Library, *, date: dt.date | None = None
) -> bytes:
    """The audit report as .docx bytes, in memory; nothing is written.

    Raises:
        DraftkitError: the style template is missing, or a quoted passage holds a
            character a Word document cannot hold.
    """
    document = _blank(library.template_path(STYLE_TEMPLATE))
    day = date or dt.date.today()
    set_core_properties(
        document,
        DocumentProperties(
            title=f"Audit of {report.source}",
            subject=SUBJECT,
            author=DEFAULT_AUTHOR,
            created=on_day(day),
            comments=made_by("as an audit of a policy in force (clauses/audit-rules.yaml)"),
        ),
    )
    _footer(document, report.source)
    _front(document, report, day)
    _summary(document, report)
    _findings(document, report)
    _lacking(document, report)
    _lint(document, report)
    _method(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_audit_docx(
    report: AuditReport, library: Library, out: Path, *, force: bool, date: dt.date | None = None
) -> Path:
    """Build the report and write it to ``out`` atomically (``--docx OUT``).

    Raises:
        OutputExistsError: ``out`` exists and ``force`` is false; nothing is written.
    """
    data = audit_report_docx(report, library, date=date)
    write_files(out.parent, {out.name: data}, force=force)
    return out


def _blank(template: Path) -> DocumentObject:
    if not template.exists():
        raise DraftkitError(
            "template not found",
            path=str(template),
            hint="the audit report takes its styles from this template; restore it",
        )
    document = Document(str(template))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            for run in paragraph.runs:
                run.text = ""
    return document


def _footer(document: DocumentObject, source: str) -> None:
    for section in document.sections:
        for paragraph in section.footer.paragraphs:
            runs = paragraph.runs
            if runs and "Page" in runs[0].text:
                runs[0].text = f"Audit of {_checked(source)} \u2014 Page "


def _checked(text: str) -> str:
    problem = text_problem(text, max_length=MAX_TEXT_LENGTH)
    if problem is not None:
        raise DraftkitError(f"a passage for the report {problem}", hint=TEXT_HINT)
    return text


def _para(document: DocumentObject, text: str, style: str = "Body Text Justified") -> None:
    document.add_paragraph(_checked(text), style=style)


def _front(document: DocumentObject, report: AuditReport, date: dt.date) -> None:
    _para(document, "AUDIT OF A POLICY IN FORCE", "Caption Line")
    _para(document, "Loopholes in Police Collaboration with Federal Immigration Agents", "Title")
    _para(
        document,
        f"{report.source} ({report.kind}, {report.words:,} words), read {long_date(date)}",
        "Caption Line",
    )
    notice = document.add_paragraph(style="Body Text")
    notice.alignment = WD_ALIGN_PARAGRAPH.CENTER
    notice.add_run(
        "This is an automated reading, not legal advice. Every finding quotes the words "
        "it rests on and says where they are, so that a reader can check it against the "
        "policy before relying on it."
    ).italic = True


def _summary(document: DocumentObject, report: AuditReport) -> None:
    _para(document, "1. SUMMARY", "Heading 1")
    if not report.judged:
        _para(
            document,
            f"The audit cannot judge this text, so it says nothing about whether the "
            f"policy in force closes any loophole. {report.document_reason}",
        )
        _para(
            document,
            "Audit the town's whole fair and impartial policing policy, or the general "
            "order that governs contact with federal immigration agents.",
        )
    else:
        _para(
            document,
            f"Of the {len(report.findings)} loopholes in the catalog, the policy leaves "
            f"{report.count(Verdict.OPEN)} open and closes {report.count(Verdict.CLOSED)}; "
            f"{report.count(Verdict.CANNOT_JUDGE)} cannot be judged from its text. Section "
            "2 quotes the passages behind each finding.",
        )
    table = document.add_table(rows=1, cols=3)
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, ("Loophole", "Finding", "Where"), strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for finding in report.findings:
        where = "; ".join(dict.fromkeys(q.where for q in finding.quotes)) or "\u2014"
        cells = table.add_row().cells
        for cell, text in zip(
            cells, (finding.name, _VERDICT_WORDS[finding.verdict], where), strict=True
        ):
            cell.text = _checked(text)
    table.autofit = False
    widths = (Inches(3.4), Inches(1.2), Inches(1.9))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_before = Pt(2)
                paragraph.paragraph_format.space_after = Pt(2)


def _findings(document: DocumentObject, report: AuditReport) -> None:
    if not report.judged:
        return
    _para(document, "2. FINDINGS", "Heading 1")
    for number, finding in enumerate(report.findings, start=1):
        _finding(document, number, finding)


def _finding(document: DocumentObject, number: int, finding: Finding) -> None:
    verdict = _VERDICT_WORDS[finding.verdict]
    _para(document, f"2.{number} {finding.name}: {verdict.lower()}", "Heading 2")
    _para(document, finding.reason)
    for quote in finding.quotes:
        side = "Leaves it open" if quote.points == "open" else "Closes it"
        _para(document, f"\u201c{quote.text}\u201d ({quote.where})", "Quote")
        _para(document, f"{side}: {quote.why}")
    _para(document, f"Why it matters: {finding.why_it_matters}")
    if finding.closed_by and finding.verdict is not Verdict.CLOSED:
        titles = "; ".join(f"{c.title} ({c.id})" for c in finding.closed_by)
        _para(document, f"Closed by the clause library: {titles}.")


def _lacking(document: DocumentObject, report: AuditReport) -> None:
    if not report.judged:
        return
    _para(document, "3. PROTECTIONS THE POLICY LACKS", "Heading 1")
    if report.lacking:
        _para(
            document,
            "These clauses of the library close the loopholes the policy leaves open:",
        )
        for clause in report.lacking:
            _para(document, f"{clause.title} ({clause.id})", "List Bullet")
    else:
        _para(document, "The policy leaves none of the catalog's loopholes open.")
    if report.unconfirmed:
        _para(
            document,
            "The audit could not judge the loopholes these clauses close; a person should "
            "look for the protections in the town's other policies:",
        )
        for clause in report.unconfirmed:
            _para(document, f"{clause.title} ({clause.id})", "List Bullet")


def _lint(document: DocumentObject, report: AuditReport) -> None:
    number = 4 if report.judged else 2
    _para(document, f"{number}. WORDING PROBLEMS", "Heading 1")
    if not report.lint:
        _para(
            document,
            "The federal-law lint found no wording that restricts the exchange of "
            "citizenship or immigration status, no weak verbs, no undefined terms and no "
            "references to missing provisions.",
        )
        return
    for index, lint in enumerate(report.lint, start=1):
        _para(document, f"{number}.{index} {lint.name} ({lint.where})", "Heading 2")
        _para(document, f"\u201c{lint.text}\u201d", "Quote")
        _para(document, lint.explanation)
        _para(document, f"What to do: {lint.fix}")


def _method(document: DocumentObject, report: AuditReport) -> None:
    number = 5 if report.judged else 3
    _para(document, f"{number}. HOW THIS AUDIT WAS MADE", "Heading 1")
    _para(
        document,
        f"draftkit {__version__} read the text and matched each sentence against the "
        f"detection rules in clauses/{AUDIT_RULES_FILE} and the wording rules in "
        f"clauses/{LINT_RULES_FILE}, which lawyers review like the clauses. A loophole "
        "is found closed only where a sentence closes it and none leaves it open; where "
        "sentences point both ways, or the text is not a whole police policy on "
        "immigration, the audit says it cannot judge. Wording the rules do not know is "
        "not seen: a person should read the policy before the town relies on this report.",
    )
    for note in report.notes:
        _para(document, note)
