"""`draftkit templates check`: what a template editor gets wrong, said in Word's terms."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from tests.conftest import run

TEMPLATE = "resolutions/council-resolution.docx"


def _edit(root: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = root / TEMPLATE
    document = Document(str(path))
    change(document)
    document.save(str(path))


def test_clean_templates_pass(make_project) -> None:
    result = run(make_project(), "templates", "check")
    assert result.exit_code == 0
    assert result.stdout == "All good: 6 templates\n"


def test_tag_split_across_runs(make_project) -> None:
    root = make_project()

    def split(document) -> None:  # type: ignore[no-untyped-def]
        paragraph = document.add_paragraph()
        paragraph.add_run("Clerk: {{ body.")
        paragraph.add_run("clerk_title }}").bold = True

    _edit(root, split)
    result = run(root, "templates", "check")
    assert result.exit_code == 1
    assert "the tag {{ body.clerk_title }} is split across 2 runs" in result.stderr
    assert (
        "hint: select the whole tag, clear its formatting and type it again in one go"
        in result.stderr
    )


def test_unbalanced_block(make_project) -> None:
    root = make_project()
    _edit(root, lambda d: d.add_paragraph("{%p if draft.final %}"))
    result = run(root, "templates", "check")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "resolutions/council-resolution.docx: body: Unexpected end of template."
    )
    assert "every {%p if %} needs an {%p endif %}" in result.stderr


def test_tracked_changes_left_in(make_project) -> None:
    root = make_project()

    def track(document) -> None:  # type: ignore[no-untyped-def]
        paragraph = document.add_paragraph("Reviewed text")
        paragraph._p.append(
            parse_xml(
                f'<w:ins {nsdecls("w")} w:id="1" w:author="Clerk" w:date="2026-11-27T00:00:00Z">'
                "<w:r><w:t>added words</w:t></w:r></w:ins>"
            )
        )

    _edit(root, track)
    result = run(root, "templates", "check")
    assert result.exit_code == 1
    assert result.stderr == (
        "resolutions/council-resolution.docx: body: 1 tracked change left in the template\n"
        "  hint: in Word, Review > Accept All Changes (or reject them), then save\n"
        "error: 1 problem in 1 file\n"
    )


def test_values_lists_what_templates_may_use(make_project) -> None:
    result = run(make_project(), "templates", "check", "--values")
    assert result.exit_code == 0
    names = result.stdout.splitlines()
    assert "town.legal_name" in names
    assert "sections[].paragraphs[].text" in names
