"""``draftkit audit``: read a town's policy in force and say, for each loophole in the
catalog, whether it leaves it open, closes it, or cannot be judged from the text, with
the passages quoted; list the library's protections it lacks; lint its wording.

The public API, for ``draftkit audit`` and for the help-request packet:

- :func:`audit_policy` (path, library) -> :class:`AuditReport`
- :func:`audit_report_docx` (report, library) -> .docx bytes
- :func:`audit_table` (report) -> terminal text; ``report.as_json()`` -> plain data
"""

from __future__ import annotations

from pathlib import Path

from draftkit.audit.judging import (
    AuditReport,
    ClosingClause,
    Finding,
    Quote,
    Verdict,
    document_problem,
    judge,
)
from draftkit.audit.lint import LintFinding, lint_passages
from draftkit.audit.reading import PolicyText, read_policy
from draftkit.audit.report_docx import audit_report_docx, write_audit_docx
from draftkit.audit.report_text import audit_table
from draftkit.audit.rules import AuditRules, LintRules, load_audit_rules, load_lint_rules
from draftkit.data.library import Library, load_library

NUMBERING_NOTE = (
    "The Word file numbers its sections automatically, so the numbers are not in its "
    "text; references to numbered sections were not checked."
)


def audit_policy(path: Path, library: Library) -> AuditReport:
    """Audit the policy in ``path`` against ``library``'s loophole catalog and rules.

    Reads the file and the rule files first; nothing is written.

    Raises:
        DraftkitError: the file cannot be read (missing, empty, too large, damaged,
            password-protected, of a kind the audit does not read), or a rule file is
            invalid (a ProblemList naming each line).
    """
    audit_rules = load_audit_rules(library.clauses_dir).value
    lint_rules = load_lint_rules(library.clauses_dir).value
    policy = read_policy(path)
    return audit_text(policy, library, audit_rules=audit_rules, lint_rules=lint_rules)


def audit_text(
    policy: PolicyText,
    library: Library,
    *,
    audit_rules: AuditRules | None = None,
    lint_rules: LintRules | None = None,
) -> AuditReport:
    """Audit text already read (for callers that hold a policy in memory)."""
    audit = audit_rules or load_audit_rules(library.clauses_dir).value
    lint = lint_rules or load_lint_rules(library.clauses_dir).value
    problem = document_problem(policy, audit)
    findings = judge(policy, audit, library)
    terms = [t.term for t in library.glossary.value.terms] if library.glossary else []
    lint_findings = lint_passages(
        policy.passages, lint, terms, check_references=not policy.auto_numbered
    )
    notes = (NUMBERING_NOTE,) if policy.auto_numbered else ()
    return AuditReport(
        source=Path(policy.source).name,
        kind=policy.kind,
        words=policy.words,
        judged=problem is None,
        document_reason=problem,
        findings=findings,
        lint=tuple(lint_findings),
        notes=notes,
    )


def audit_file(
    root: Path, path: Path, *, docx_out: Path | None = None, force: bool = False
) -> tuple[AuditReport, Path | None]:
    """``draftkit audit``: load the library under ``root``, audit ``path``, and write the
    Word report to ``docx_out`` when asked (atomically; all checks come first).

    Raises:
        DraftkitError: bad input (see :func:`audit_policy`), or ``docx_out`` exists
            and ``force`` is false.
    """
    # The policy first: a mistyped file name is the likeliest mistake, and reading
    # it costs less than loading the library.
    policy = read_policy(path)
    library = load_library(root)
    report = audit_text(policy, library)
    if docx_out is None:
        return report, None
    return report, write_audit_docx(report, library, docx_out, force=force)


__all__ = [
    "AuditReport",
    "ClosingClause",
    "Finding",
    "LintFinding",
    "PolicyText",
    "Quote",
    "Verdict",
    "audit_file",
    "audit_policy",
    "audit_report_docx",
    "audit_table",
    "audit_text",
    "read_policy",
    "write_audit_docx",
]
