"""``draftkit verify``: read a draft back (perhaps edited by a town) and compare it with
what it was built from and with the library today."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from draftkit.data.library import load_library
from draftkit.data.loading import format_loc
from draftkit.drafting.provenance import clause_text_hash
from draftkit.errors import DraftkitError, NotFoundError
from draftkit.word.embedding import read_manifest
from draftkit.word.inspection import document_lines, open_document
from draftkit.word.tracked_changes import (
    locate,
    paragraph_label,
    reject_tracked_changes,
    tracked_changes,
)


@dataclass
class ClauseFinding:
    """What verify found for one clause of the draft."""

    clause_id: str
    version: str
    library: str
    """``unchanged``, ``changed (now X)`` or ``removed from the library``."""
    review: str
    edits: list[str] = field(default_factory=list)
    tracked: list[str] = field(default_factory=list)
    """Pending tracked changes (Word's Track Changes) in the clause's paragraphs."""
    in_document: bool = True
    """Whether this document holds any of the clause's text (a resolution may hold
    none of a clause whose text is all in the directive)."""


@dataclass
class VerifyReport:
    """Everything verify found; ``clean`` when the draft matches its sources."""

    path: str
    town: str
    date: str
    clauses: list[ClauseFinding]
    other_edits: list[str]
    other_tracked: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """No hand edits, no pending tracked changes and no library changes since the
        draft was made."""
        return (
            not self.other_edits
            and not self.other_tracked
            and all(
                not c.edits and not c.tracked and c.library == "unchanged" for c in self.clauses
            )
        )

    def render(self) -> str:
        """The report as the terminal shows it."""
        out = [f"{self.path}: drafted for {self.town} on {self.date}"]
        for c in self.clauses:
            out.append(
                f"  {c.clause_id} {c.version}: library text {c.library}; review now: "
                f"{c.review}; in this document: {_state(c)}"
            )
            out.extend(f"      {edit}" for edit in c.edits)
            out.extend(f"      {change}" for change in c.tracked)
        if self.other_edits:
            out.append("  edits outside the clauses:")
            out.extend(f"      {edit}" for edit in self.other_edits)
        if self.other_tracked:
            out.append("  tracked changes outside the clauses:")
            out.extend(f"      {change}" for change in self.other_tracked)
        out.append(
            "Matches the library it was built from, with no hand edits."
            if self.clean
            else "Differs from what draftkit drafted: see above."
        )
        return "\n".join(out)


_VERIFIED = "verify checks resolutions, directives and contract addenda"


def _not_a_draft(shown: str, comments: str) -> DraftkitError:
    """Why a document without a draft manifest cannot be verified, by what it is."""
    made = re.match(r"Made by draftkit \S+ from companions/", comments)
    if made is not None:
        return DraftkitError(
            "a packet document (a companion to a draft, such as a cover letter, explainer, "
            "petition or checklist): it has no draft manifest, so verify cannot check it",
            path=shown,
            hint=f"{_VERIFIED}; verify those of the same packet",
        )
    if comments.startswith("Made by draftkit"):
        return DraftkitError(
            "draftkit made this document, but it is not a draft: it has no draft manifest",
            path=shown,
            hint=_VERIFIED,
        )
    return DraftkitError(
        "this document carries no draftkit manifest",
        path=shown,
        hint=f"{_VERIFIED} that draftkit drafted, as it wrote them or as a town sent them back",
    )


def verify(root: Path, draft_path: Path) -> VerifyReport:
    """Compare a draft with its embedded manifest and with the library today.

    Raises:
        NotFoundError: the file does not exist.
        DraftkitError: the file is not a Word document or carries no draftkit manifest.
    """
    shown = str(draft_path)
    try:
        data = draft_path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError("file not found", path=shown) from None
    except OSError as exc:
        raise DraftkitError(
            f"cannot be read: {exc.strerror or exc}", path=shown, hint="give the path of a .docx"
        ) from None
    try:
        raw = read_manifest(data)
        opened = open_document(data)
    except ValueError as exc:  # json.JSONDecodeError
        raise DraftkitError(
            f"the draftkit manifest inside is damaged ({exc})", path=shown, hint=_FORGED
        ) from None
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds
        raise DraftkitError(
            f"not a Word document ({type(exc).__name__}: {exc})",
            path=shown,
            hint="give the .docx file draftkit wrote, or the copy a town sent back",
        ) from None
    if raw is None or "document" not in raw:
        raise _not_a_draft(shown, str(opened.core_properties.comments or ""))
    try:
        manifest = _Manifest.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise DraftkitError(
            "the draftkit manifest inside is damaged: "
            f"{format_loc(tuple(first['loc']))}: {first['msg']}",
            path=shown,
            hint=_FORGED,
        ) from None
    document = manifest.document
    drafted = document.lines
    # A clause of the draft need not have text in every document of it (a resolution
    # holds recitals, not every directive section); one whose recorded lines are not in
    # the drafted text means a damaged or altered manifest.
    lacking = [
        entry.id
        for entry in manifest.clauses
        if (indexes := document.clause_lines.get(entry.id))
        and not any(0 <= i < len(drafted) for i in indexes)
    ]
    if lacking:
        raise DraftkitError(
            "the document lacks the text of clause"
            f"{'s' if len(lacking) > 1 else ''} {', '.join(lacking)}, which its manifest "
            "says it holds",
            path=shown,
            hint="the file is incomplete or its manifest was altered: draft it again and "
            "compare by hand",
        )
    library = load_library(root)
    owner = {index: cid for cid, indexes in document.clause_lines.items() for index in indexes}
    # Pending tracked changes are reported on their own; the text compared with the draft
    # is the document with them rejected, so each edit is reported once.
    changes = tracked_changes(opened)
    reject_tracked_changes(opened)
    lines = document_lines(opened)
    tracked_by_clause: dict[str, list[str]] = {}
    other_tracked: list[str] = []
    for index, change in locate(changes, drafted, lines):
        text = f"{paragraph_label(drafted, index, whole=not change.original)}: {change.describe()}"
        tracked_clause = owner.get(index) if index is not None else None
        if tracked_clause is not None:
            tracked_by_clause.setdefault(tracked_clause, []).append(text)
        else:
            other_tracked.append(text)
    edits_by_clause: dict[str, list[str]] = {}
    other: list[str] = []
    # Word and LibreOffice refill page-number fields when they open a document; a new
    # page count is not a hand edit.
    matcher = difflib.SequenceMatcher(
        a=[_PAGE_FIELD.sub("Page # of #", line) for line in drafted],
        b=[_PAGE_FIELD.sub("Page # of #", line) for line in lines],
        autojunk=False,
    )
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for offset in range(max(a2 - a1, b2 - b1)):
            old = drafted[a1 + offset] if a1 + offset < a2 else None
            new = lines[b1 + offset] if b1 + offset < b2 else None
            text = _describe(old, new)
            clause_id = owner.get(a1 + offset) if old is not None else owner.get(a1 - 1)
            if clause_id is not None:
                edits_by_clause.setdefault(clause_id, []).append(text)
            else:
                other.append(text)
    findings = []
    for entry in manifest.clauses:
        clause_id = entry.id
        if clause_id not in library.clauses:
            state, review = "removed from the library", "unknown"
        else:
            clause = library.clauses[clause_id].value
            same = clause_text_hash(clause) == entry.text_sha256
            state = "unchanged" if same else f"changed since (library now {clause.version})"
            review = library.status(clause_id).state
        findings.append(
            ClauseFinding(
                clause_id=clause_id,
                version=entry.version,
                library=state,
                review=review,
                edits=edits_by_clause.get(clause_id, []),
                tracked=tracked_by_clause.get(clause_id, []),
                in_document=bool(document.clause_lines.get(clause_id)),
            )
        )
    return VerifyReport(
        path=shown,
        town=manifest.town.name,
        date=manifest.date,
        clauses=findings,
        other_edits=other,
        other_tracked=other_tracked,
    )


def _state(finding: ClauseFinding) -> str:
    if not finding.in_document and not finding.edits and not finding.tracked:
        return "none of its text"
    parts = ["edited by hand"] if finding.edits else []
    count = len(finding.tracked)
    if count:
        parts.append(f"{count} tracked change{'s' if count != 1 else ''} pending")
    return "; ".join(parts) or "as drafted"


_PAGE_FIELD = re.compile(r"Page \d+ of \d+")
_FORGED = (
    "draft the document again with `draftkit draft`; a manifest edited by hand cannot be trusted"
)


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _ManifestTown(_Part):
    name: str


class _ManifestClause(_Part):
    id: str
    version: str
    text_sha256: str


class _ManifestDocument(_Part):
    lines: list[str]
    clause_lines: dict[str, list[int]]


class _Manifest(_Part):
    """What verify reads from the embedded manifest; anything else is ignored."""

    date: str
    town: _ManifestTown
    clauses: list[_ManifestClause]
    document: _ManifestDocument


def _describe(old: str | None, new: str | None) -> str:
    if old is None:
        return f"added: {_body(new)[:100]}"
    if new is None:
        return f"removed: {_body(old)[:100]}"
    return f"changed: {_word_diff(_body(old), _body(new))}"


def _body(line: str | None) -> str:
    return (line or "").split(" | ", 1)[-1]


def _word_diff(old: str, new: str) -> str:
    """The changed words in plain English, with the words before them for context:
    ``after "A Member", "shall not" became "may"``."""
    a, b = old.split(), new.split()
    parts: list[str] = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(a[max(a1 - 3, 0) : a1])
        removed = " ".join(a[a1:a2])
        added = " ".join(b[b1:b2])
        where = f'after "{before}", ' if before else "at the start, "
        if removed and added:
            parts.append(f'{where}"{removed}" became "{added}"')
        elif removed:
            parts.append(f'{where}"{removed}" was deleted')
        else:
            parts.append(f'{where}"{added}" was added')
    return "; ".join(parts)[:240]
