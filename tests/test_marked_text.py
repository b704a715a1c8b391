"""Clause text as lawyers read it in the clause book and redlines: values as «name» and
conditions in words, never template code (a tester's review, 2026-12-01)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from tests.conftest import REPO, run

from draftkit.word.marked_text import marked


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("the {{ agency.name }}", "the \u00abagency.name\u00bb"),
        (
            '{% if agency.arrangement == "constables" %}each constable{% else %}the '
            "{{ agency.head_title }}{% endif %} shall",
            "[if \u00abagency.arrangement\u00bb is \u201cconstables\u201d: each constable | "
            "otherwise: the \u00abagency.head_title\u00bb] shall",
        ),
        (
            '{% if "request-documentation-and-reporting" in clauses %}the record{% endif %}',
            "[if the document includes the clause request-documentation-and-reporting: the record]",
        ),
        (
            "{% if agency.approving_body %}and the {{ agency.approving_body }}{% endif %}",
            "[if \u00abagency.approving_body\u00bb is given: and the "
            "\u00abagency.approving_body\u00bb]",
        ),
        (
            "{% if not\n   agency.approving_body %}x{% endif %}",
            "[if \u00abagency.approving_body\u00bb is empty: x]",
        ),
        ("{% for x in y %}{{ x }}{% endfor %}", "{% for x in y %}\u00abx\u00bb{% endfor %}"),
    ],
)
def test_marked_puts_conditions_in_words(source: str, shown: str) -> None:
    assert marked(source) == shown


def test_the_clause_book_shows_no_template_code(tmp_path: Path) -> None:
    out = tmp_path / "book.docx"
    result = run(REPO, "clauses", "book", "--out", str(out), "--date", "2026-12-01")
    assert result.exit_code == 0, result.output
    document = docx.Document(io.BytesIO(out.read_bytes()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "[if \u00abagency.arrangement\u00bb is \u201cconstables\u201d: " in text
    assert "{%" not in text and "{{" not in text
