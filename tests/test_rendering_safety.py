"""Values are text: escaped for Word, never evaluated, never blank."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from draftkit.data.library import load_library
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft
from draftkit.drafting.sandbox import make_environment
from draftkit.errors import DraftkitError, ProblemList
from draftkit.word.inspection import inspect_document, text_lines

OPTIONS = DraftOptions(date=dt.date(2026, 11, 27))


def _rename_town(root: Path, **changes: str) -> None:
    path = root / "towns" / "testville.yaml"
    data = yaml.safe_load(path.read_text())
    for dotted, value in changes.items():
        target = data
        *parents, leaf = dotted.split("__")
        for key in parents:
            target = target[key]
        target[leaf] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def _all_text(root: Path) -> str:
    draft = prepare_draft(load_library(root), "testville", "all", OPTIONS)
    return "\n".join(
        line
        for name, data in draft.files.items()
        if name.endswith(".docx")
        for line in text_lines(data)
    )


def test_markup_characters_appear_literally(make_project) -> None:
    root = make_project()
    _rename_town(root, police__name='Smith & Sons <Ltd> "X" Police')
    text = _all_text(root)
    assert 'Smith & Sons <Ltd> "X" Police' in text
    assert "&amp;" not in text and "&lt;" not in text


def test_template_syntax_in_a_value_is_never_evaluated(make_project) -> None:
    root = make_project()
    # The legal name must be "Town of" and the name (the profile model), so the syntax
    # goes into the name and the legal name alike, and into the body's name.
    _rename_town(
        root,
        legal_name="Town of {% if 1 %}Testville{% endif %}",
        name="{% if 1 %}Testville{% endif %}",
        governing_body__name="Board {{ 7*7 }}",
    )
    text = _all_text(root)
    assert "Town of {% if 1 %}Testville{% endif %}" in text
    assert "Board {{ 7*7 }}" in text
    assert "49" not in text


def test_sandbox_refuses_python_internals() -> None:
    env = make_environment(autoescape=False)
    with pytest.raises(Exception, match="unsafe"):
        env.from_string("{{ town.__class__.__mro__ }}").render(town="x")


def test_empty_value_is_an_error_not_a_blank() -> None:
    env = make_environment(autoescape=False)
    with pytest.raises(Exception, match="empty"):
        env.from_string("Chief {{ name }}").render(name="")
    with pytest.raises(Exception, match="empty"):
        env.from_string("Chief {{ name }}").render(name=None)


def test_inspection_finds_leftover_tags_and_none(make_project) -> None:
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("WHEREAS, the {{ body.name }} finds; and")
    document.add_paragraph("Approved by None")
    buffer = io.BytesIO()
    document.save(buffer)
    problems = inspect_document(buffer.getvalue(), name="x.docx", context={})
    assert [p.message for p in problems] == [
        "leftover '{{' in: Normal | WHEREAS, the {{ body.name }} finds; and",
        "leftover 'None' in: Normal | Approved by None",
    ]


def test_inspection_masks_values_the_user_gave() -> None:
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("The Town of None adopts this.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert inspect_document(buffer.getvalue(), name="x.docx", context={"t": "Town of None"}) == []


def test_unreadable_document_is_reported() -> None:
    problems = inspect_document(b"not a zip", name="x.docx", context={})
    assert len(problems) == 1 and "does not re-open" in problems[0].message


def test_body_that_acts_by_motion_is_refused(make_project) -> None:
    root = make_project()
    path = root / "towns" / "testville.yaml"
    path.write_text(
        path.read_text().replace(
            "  clerk_title: Town Clerk", "  clerk_title: Town Clerk\n  acts_by_resolution: false"
        )
    )
    with pytest.raises(DraftkitError) as caught:
        prepare_draft(load_library(root), "testville", "resolution", OPTIONS)
    assert str(caught.value) == (
        "towns/testville.yaml:10: governing_body.acts_by_resolution: the Selectboard does not "
        "act by resolution\n"
        "  hint: draftkit drafts resolutions; confirm with the clerk how the body adopts policy"
    )


def test_clause_for_another_arrangement_is_refused(make_project) -> None:
    root = make_project()
    clause = root / "clauses" / "custody-rule.yaml"
    clause.write_text(
        clause.read_text().replace(
            "applies_to: [municipal, sheriff, state_police, constables]", "applies_to: [sheriff]"
        )
    )
    with pytest.raises(ProblemList) as caught:
        prepare_draft(
            load_library(root),
            "testville",
            "resolution",
            DraftOptions(date=dt.date(2026, 11, 27), clause_ids=("custody-rule",)),
        )
    assert [str(p) for p in caught.value.problems] == [
        "clause 'custody-rule' does not apply to a town policed by its own police department\n"
        "  hint: it applies to: a county sheriff under contract"
    ]
