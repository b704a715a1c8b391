"""verify and Word's tracked changes: how counsel return their edits.

Each test takes a real draft (built in memory), puts tracked changes into a clause's
paragraph as Word writes them (w:ins, w:del with w:delText, w:moveFrom/w:moveTo, a whole
inserted paragraph), and runs ``draftkit verify`` on it.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from tests.conftest import REPO, run

from draftkit.data.library import load_library
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft

DATE = dt.date(2026, 11, 27)
WHO = 'w:author="J. Doe" w:date="2026-12-03T10:15:00Z"'
WARRANT = "Members may also honor an administrative warrant."


def _draft(root: Path, town: str, name: str) -> bytes:
    draft = prepare_draft(load_library(root), town, "all", DraftOptions(date=DATE))
    return draft.files[name]


def _edit(data: bytes, containing: str, edit) -> bytes:  # type: ignore[no-untyped-def]
    """Apply ``edit(paragraph element)`` to the body paragraph holding ``containing``."""
    document = Document(io.BytesIO(data))
    paragraph = next(p for p in document.paragraphs if containing in p.text)
    edit(paragraph._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _insert_at_end(text: str):  # type: ignore[no-untyped-def]
    def edit(p) -> None:  # type: ignore[no-untyped-def]
        p.append(
            parse_xml(
                f'<w:ins {nsdecls("w")} w:id="901" {WHO}><w:r><w:t xml:space="preserve"> {text}'
                "</w:t></w:r></w:ins>"
            )
        )

    return edit


def _delete_words(words: str):  # type: ignore[no-untyped-def]
    """Split the run holding ``words`` (in its last w:t) and wrap them in w:del, as Word
    does."""

    def edit(p) -> None:  # type: ignore[no-untyped-def]
        for t in p.iter(f"{{{p.nsmap['w']}}}t"):
            if words not in (t.text or ""):
                continue
            r = t.getparent()
            before, after = t.text.split(words, 1)
            t.text = before
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            deleted = parse_xml(
                f'<w:del {nsdecls("w")} w:id="902" {WHO}><w:r><w:delText xml:space="preserve">'
                f"{words}</w:delText></w:r></w:del>"
            )
            rest = parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{after}</w:t></w:r>')
            r.addnext(deleted)
            deleted.addnext(rest)
            return
        raise AssertionError(f"no run holds {words!r}")

    return edit


def _cli(root: Path, path: Path) -> tuple[int, str]:
    result = run(root, "verify", str(path))
    return result.exit_code, result.stdout


def test_a_tracked_insertion_in_a_clause_is_reported_with_author_date_and_text(
    tmp_path: Path,
) -> None:
    data = _draft(REPO, "burlington", "2026-11-27-burlington-police-directive.docx")
    path = tmp_path / "returned.docx"
    path.write_bytes(
        _edit(data, "allow a Federal immigration authority to see", _insert_at_end(WARRANT))
    )
    code, out = _cli(REPO, path)
    assert code == 1
    lines = out.splitlines()
    assert (
        "      4.4 Access to persons in Custody (a): tracked insertion by J. Doe, 2026-12-03: "
        f"{WARRANT!r}"
    ) in lines
    custody = next(line for line in lines if line.startswith("  custody-access "))
    assert custody.endswith("in this document: 1 tracked change pending")
    assert lines[-1] == "Differs from what draftkit drafted: see above."


def _fixture_draft(root: Path) -> bytes:
    return _draft(root, "testville", "2026-11-27-testville-police-directive.docx")


HEAD = "  custody-rule 1.0.0: library text unchanged; review now: unreviewed; in this document: "


def test_a_tracked_deletion_is_reported_once_not_as_a_hand_edit(make_project, tmp_path) -> None:
    root = make_project()
    path = tmp_path / "returned.docx"
    path.write_bytes(
        _edit(_fixture_draft(root), "give access", _delete_words(" without a court order"))
    )
    code, out = _cli(root, path)
    assert code == 1
    assert out == (
        f"{path}: drafted for Testville on 2026-11-27\n"
        f"{HEAD}1 tracked change pending\n"
        "      4.1 Access to people in custody (a): tracked deletion by J. Doe, 2026-12-03: "
        "'without a court order'\n"
        "Differs from what draftkit drafted: see above.\n"
    )


def test_a_tracked_move_is_reported_at_both_ends(make_project, tmp_path) -> None:
    root = make_project()

    def move(p) -> None:  # type: ignore[no-untyped-def]
        _delete_words("without a court order")(p)
        moved = p.find(f"{{{p.nsmap['w']}}}del")
        moved.tag = moved.tag.replace("del", "moveFrom")
        moved.set(moved.tag.replace("moveFrom", "id"), "903")
        for text in moved.iter(f"{{{p.nsmap['w']}}}delText"):
            text.tag = text.tag.replace("delText", "t")  # moved text is w:t, not w:delText
        first = p.find(f"{{{p.nsmap['w']}}}r")
        first.addprevious(
            parse_xml(
                f'<w:moveTo {nsdecls("w")} w:id="904" {WHO}><w:r><w:t xml:space="preserve">'
                "Without a court order, </w:t></w:r></w:moveTo>"
            )
        )

    path = tmp_path / "returned.docx"
    path.write_bytes(_edit(_fixture_draft(root), "give access", move))
    code, out = _cli(root, path)
    assert code == 1
    assert out.splitlines()[1:4] == [
        f"{HEAD}2 tracked changes pending",
        "      4.1 Access to people in custody (a): tracked move (text moved here) by J. Doe, "
        "2026-12-03: 'Without a court order,'",
        "      4.1 Access to people in custody (a): tracked move (text moved away from here) by "
        "J. Doe, 2026-12-03: 'without a court order'",
    ]


def test_a_whole_inserted_paragraph_belongs_to_the_clause_before_it(make_project, tmp_path) -> None:
    root = make_project()

    def add_paragraph(p) -> None:  # type: ignore[no-untyped-def]
        p.addnext(
            parse_xml(
                f'<w:p {nsdecls("w")}><w:pPr><w:rPr><w:ins w:id="905" {WHO}/></w:rPr></w:pPr>'
                f'<w:ins w:id="906" {WHO}><w:r><w:t>{WARRANT}</w:t></w:r></w:ins></w:p>'
            )
        )

    path = tmp_path / "returned.docx"
    path.write_bytes(_edit(_fixture_draft(root), "give access", add_paragraph))
    code, out = _cli(root, path)
    assert code == 1
    assert out.splitlines()[1:3] == [
        f"{HEAD}1 tracked change pending",
        f"      after 4.1 Access to people in custody (a): tracked insertion by J. Doe, 2026-12-03: "
        f"{WARRANT!r}",
    ]


def test_tracked_and_untracked_edits_are_told_apart(make_project, tmp_path) -> None:
    root = make_project()

    def both(p) -> None:  # type: ignore[no-untyped-def]
        for t in p.iter(f"{{{p.nsmap['w']}}}t"):
            t.text = t.text.replace("shall not give", "may give")
        _insert_at_end(WARRANT)(p)

    path = tmp_path / "returned.docx"
    path.write_bytes(_edit(_fixture_draft(root), "give access", both))
    code, out = _cli(root, path)
    assert code == 1
    assert out.splitlines()[1:4] == [
        f"{HEAD}edited by hand; 1 tracked change pending",
        '      changed: after "(a) A Member", "shall not" became "may"',
        "      4.1 Access to people in custody (a): tracked insertion by J. Doe, 2026-12-03: "
        f"{WARRANT!r}",
    ]
