"""Word's tracked changes in a returned draft: read each one, then set them aside.

Counsel return their edits as tracked changes: insertions (``w:ins``), deletions
(``w:del``, whose text is in ``w:delText``) and moves (``w:moveFrom`` where the text left,
``w:moveTo`` where it arrived). python-docx reads none of them: a paragraph's text skips
inserted runs and deleted ones alike. Here each change is read with its author, date and
text, and then the changes are rejected in memory, so what is left is the document as it
stood before anyone tracked an edit; ``verify`` compares that with the draft (untracked
hand edits) and reports the pending changes on their own, paragraph by paragraph.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocumentObject

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_KINDS = {
    f"{_W}ins": "tracked insertion",
    f"{_W}del": "tracked deletion",
    f"{_W}moveFrom": "tracked move (text moved away from here)",
    f"{_W}moveTo": "tracked move (text moved here)",
}
_ADDS = {f"{_W}ins", f"{_W}moveTo"}
_PROPERTY_PARENTS = {f"{_W}rPr", f"{_W}trPr", f"{_W}tcPr", f"{_W}pPr"}
"""A change element inside these only marks a paragraph mark or row as changed."""
_LETTER = re.compile(r"^\(([a-z]{1,3}|\d{1,3})\)")
_HEADING = re.compile(r"^(?:Heading \d|Title)$")


@dataclass(frozen=True)
class TrackedChange:
    """One pending tracked change in a paragraph of the document's body."""

    kind: str
    """In words: ``tracked insertion``, ``tracked deletion`` or a tracked move."""
    author: str
    date: str
    """``YYYY-MM-DD``, or empty when Word recorded no date."""
    text: str
    original: str
    """The paragraph's text with every tracked change rejected (whitespace collapsed)."""
    before: str = ""
    """For a paragraph inserted whole (``original`` empty): the text of the paragraph
    before it, rejected likewise."""

    def describe(self) -> str:
        """``tracked insertion by J. Doe, 2026-12-03: 'Members may ...'``."""
        who = f" by {self.author}" if self.author else ""
        when = f", {self.date}" if self.date else ""
        text = self.text if len(self.text) <= 200 else self.text[:199] + "\u2026"
        return f"{self.kind}{who}{when}: {text!r}"


def tracked_changes(document: DocumentObject) -> list[TrackedChange]:
    """Every pending tracked change with text in the body, in reading order.

    Word splits one edit into several elements (one per run of formatting); neighbouring
    pieces of the same kind, author and date are joined into one change.
    """
    changes: list[TrackedChange] = []
    previous = ""
    for paragraph in document.element.body.iter(f"{_W}p"):
        pieces: list[tuple[str, str, str, str]] = []
        original: list[str] = []
        for run in paragraph.iter(f"{_W}r"):
            if _paragraph_of(run) is not paragraph:
                continue  # a paragraph nested in this one (a text box) is read on its own
            text = _run_text(run)
            change = _change_of(run, paragraph)
            if change is None:
                original.append(text)
                if text.strip():
                    pieces.append(("", "", "", text))
                continue
            kinds = {element.tag for element in change}
            if kinds & _ADDS and not kinds - _ADDS:
                pass  # added text is not in the original
            elif not kinds & _ADDS:
                original.append(text)
            else:
                continue  # inserted and then deleted: no change to the original at all
            outer = change[-1]
            pieces.append(
                (
                    _KINDS[outer.tag],
                    outer.get(f"{_W}author", ""),
                    outer.get(f"{_W}date", "")[:10],
                    text,
                )
            )
        plain = _clean("".join(original))
        merged: list[list[str]] = []
        for kind, author, date, text in pieces:
            if merged and merged[-1][:3] == [kind, author, date]:
                merged[-1][3] += text
            else:
                merged.append([kind, author, date, text])
        changes.extend(
            TrackedChange(kind, author, date, _clean(text), plain, "" if plain else previous)
            for kind, author, date, text in merged
            if kind and text.strip()
        )
        previous = plain or previous
    return changes


def reject_tracked_changes(document: DocumentObject) -> None:
    """Reject every tracked change in the body, in memory: inserted and moved-in text goes,
    deleted and moved-out text comes back, change marks on paragraphs and rows go."""
    body = document.element.body
    for tag in _KINDS:
        for element in list(body.iter(tag)):
            parent = element.getparent()
            if parent is None:
                continue
            if element.tag in _ADDS or parent.tag in _PROPERTY_PARENTS:
                parent.remove(element)
                continue
            index = parent.index(element)
            for offset, child in enumerate(list(element)):
                parent.insert(index + offset, child)
            parent.remove(element)
    for tag, plain in (("delText", "t"), ("delInstrText", "instrText")):
        for element in list(body.iter(f"{_W}{tag}")):
            element.tag = f"{_W}{plain}"


def locate(
    changes: Sequence[TrackedChange], drafted: Sequence[str], lines: Sequence[str]
) -> list[tuple[int | None, TrackedChange]]:
    """Pair each change with the index of the drafted line it belongs to.

    ``lines`` is the document's text view with the changes rejected, ``drafted`` the
    text view as drafted. A paragraph inserted whole belongs after the paragraph before
    it; a change in a paragraph that is not in the draft at all gets ``None``.
    """
    matcher = difflib.SequenceMatcher(a=list(drafted), b=list(lines), autojunk=False)
    to_drafted: dict[int, int] = {}
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for offset in range(b2 - b1):
                to_drafted[b1 + offset] = a1 + min(offset, max(a2 - a1 - 1, 0))
    bodies = [_body(line) if _in_body(line) else None for line in lines]
    placed: list[tuple[int | None, TrackedChange]] = []
    cursor = 0
    for change in changes:
        text = change.original or change.before
        found = _find(bodies, text, cursor) if text else None
        if found is None and text:
            found = _find(bodies, text, 0)
        if found is not None:
            cursor = found
        placed.append((None if found is None else to_drafted.get(found), change))
    return placed


def paragraph_label(drafted: Sequence[str], index: int | None, *, whole: bool = False) -> str:
    """Where a drafted line is, as a reader finds it: ``4.4 Access to persons in Custody
    (a)`` under a heading, otherwise the paragraph's first words. ``whole`` (a paragraph
    inserted whole) reads ``after ...``."""
    if index is None or not 0 <= index < len(drafted):
        return "a paragraph not in the draft"
    style, body = _style(drafted[index]), _body(drafted[index])
    letter = _LETTER.match(body)
    heading = next(
        (_body(drafted[i]) for i in range(index - 1, -1, -1) if _HEADING.match(_style(drafted[i]))),
        None,
    )
    if _HEADING.match(style):
        label = body
    elif letter and heading:
        label = f"{heading} {letter.group(0)}"
    else:
        words = body.split()
        label = (
            "paragraph \u201c"
            + " ".join(words[:8])
            + (" \u2026\u201d" if len(words) > 8 else "\u201d")
        )
    return f"after {label}" if whole else label


def _paragraph_of(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != f"{_W}p":
        parent = parent.getparent()
    return parent


def _change_of(run: Any, paragraph: Any) -> list[Any] | None:
    """The change elements around ``run`` inside ``paragraph``, innermost first."""
    found = []
    parent = run.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _KINDS:
            found.append(parent)
        parent = parent.getparent()
    return found or None


def _run_text(run: Any) -> str:
    parts = []
    for element in run:
        tag = element.tag
        if tag in (f"{_W}t", f"{_W}delText"):
            parts.append(element.text or "")
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append(" ")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _find(bodies: Sequence[str | None], text: str, start: int) -> int | None:
    for index in range(start, len(bodies)):
        if bodies[index] == text:
            return index
    return None


def _in_body(line: str) -> bool:
    return not line.startswith(("header: ", "footer: "))


def _style(line: str) -> str:
    head = line.partition(" | ")[0]
    return head.split(" ", 2)[-1] if head.startswith("cell ") else head


def _body(line: str) -> str:
    return line.partition(" | ")[2]


def _clean(text: str) -> str:
    return " ".join(text.split())


__all__ = [
    "TrackedChange",
    "locate",
    "paragraph_label",
    "reject_tracked_changes",
    "tracked_changes",
]
