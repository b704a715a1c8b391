"""The audit as terminal text: a table of verdicts, then the quoted passages."""

from __future__ import annotations

import textwrap

from draftkit.audit.judging import AuditReport, Finding, Verdict

WIDTH = 100


def audit_table(report: AuditReport) -> str:
    """The report as it prints in a terminal (``draftkit audit FILE``)."""
    lines = [f"Audit of {report.source} ({report.kind}, {report.words} words)", ""]
    if not report.judged:
        lines += _wrap(f"Cannot judge this text. {report.document_reason}", "")
        lines.append("")
    rows = [(f.loophole, f.verdict.value.upper(), _where(f)) for f in report.findings]
    header = ("LOOPHOLE", "FINDING", "WHERE")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(2)]
    for row in [header, *rows]:
        lines.append(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}".rstrip())
    lines.append("")
    lines.append(", ".join(f"{v.value}: {report.count(v)}" for v in Verdict).capitalize())
    if report.judged:
        for finding in report.findings:
            lines += ["", *_details(finding)]
    if report.judged and report.lacking:
        lines += ["", "Protections the policy lacks (clauses that close the open loopholes):"]
        lines += [f"  {c.id}: {c.title}" for c in report.lacking]
    if report.judged and report.unconfirmed:
        lines += ["", "Protections not found, which a person should look for elsewhere:"]
        lines += [f"  {c.id}: {c.title}" for c in report.unconfirmed]
    lines += ["", f"Wording problems (federal-law lint): {len(report.lint) or 'none'}"]
    for lint in report.lint:
        lines += _wrap(f'{lint.where}: {lint.name}: "{lint.text}"', "  ")
        lines += _wrap(f"fix: {lint.fix}", "    ")
    for note in report.notes:
        lines += ["", *_wrap(f"Note: {note}", "")]
    return "\n".join(lines)


def _where(finding: Finding) -> str:
    places = list(dict.fromkeys(q.where for q in finding.quotes))
    if not places:
        return "-"
    return "; ".join(places[:2]) + (f" (+{len(places) - 2})" if len(places) > 2 else "")


def _details(finding: Finding) -> list[str]:
    lines = [f"{finding.loophole}: {finding.verdict.value.upper()}  ({finding.name})"]
    lines += _wrap(finding.reason, "  ")
    for quote in finding.quotes:
        lines += _wrap(f'{quote.points}, {quote.where}: "{quote.text}"', "  ")
    if finding.verdict is not Verdict.CLOSED and finding.closed_by:
        titles = ", ".join(f"{c.id} ({c.title})" for c in finding.closed_by)
        lines += _wrap(f"closed by: {titles}", "  ")
    return lines


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ") or [
        indent
    ]
