"""Lawyers' tools: review stamps, status, coverage, the clause book, verify, redlines."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile
from pathlib import Path

import yaml
from docx import Document
from docx.shared import Inches, RGBColor
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import FIXTURES, run

from draftkit.data.clause_models import ClauseModule
from draftkit.data.library import load_library
from draftkit.data.reviews import Review, ReviewLog, status_of
from draftkit.drafting.provenance import clause_text_hash
from draftkit.review.book import build_book
from draftkit.word.inspection import text_lines

REVIEW = (
    "clauses",
    "review",
    "custody-rule",
    "--reviewer",
    "Pat Lawyer",
    "--role",
    "Town attorney",
    "--verdict",
    "approved",
    "--notes",
    "Reads well.",
    "--date",
    "2026-11-27",
)


def test_review_is_recorded_and_counts_until_the_text_changes(make_project) -> None:
    root = make_project()
    assert run(root, "clauses", "status").stdout == (
        "CLAUSE        VERSION  REVIEW      LAST REVIEWER  DATE\n"
        "custody-rule  1.0.0    unreviewed  -              -\n"
        "0 of 1 clauses approved at their current text\n"
    )
    recorded = run(root, *REVIEW)
    assert recorded.exit_code == 0
    assert recorded.stdout == (
        "recorded approved review of custody-rule in clauses/reviews/custody-rule.yaml\n"
    )
    log = yaml.safe_load((root / "clauses/reviews/custody-rule.yaml").read_text())
    assert log["reviews"][0]["reviewer"] == "Pat Lawyer"
    assert len(log["reviews"][0]["text_sha256"]) == 64
    assert run(root, "clauses", "status").stdout.splitlines()[1].split()[:3] == [
        "custody-rule",
        "1.0.0",
        "approved",
    ]
    clause = root / "clauses/custody-rule.yaml"
    clause.write_text(clause.read_text().replace("court order.", "court order issued by a judge."))
    assert run(root, "clauses", "status").stdout.splitlines()[1].split()[:3] == [
        "custody-rule",
        "1.0.0",
        "stale",
    ]


def test_a_second_review_appends(make_project) -> None:
    root = make_project()
    run(root, *REVIEW)
    first = (root / "clauses/reviews/custody-rule.yaml").read_text()
    run(
        root,
        "clauses",
        "review",
        "custody-rule",
        "--reviewer",
        "Sam Counsel",
        "--role",
        "Counsel",
        "--verdict",
        "changes_requested",
        "--date",
        "2026-11-28",
    )
    second = (root / "clauses/reviews/custody-rule.yaml").read_text()
    assert second.startswith(first.rstrip("\n"))
    assert "changes requested" in run(root, "clauses", "status").stdout


def test_final_draft_refuses_unapproved_clauses(make_project) -> None:
    root = make_project()
    result = run(root, "draft", "testville", "--final", "--out", str(root / "d"))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: a final draft may contain only clauses approved at their current text; not "
        "approved: custody-rule (unreviewed)\n"
        "  hint: have a lawyer review them (`draftkit clauses review`), or draft without --final\n"
    )
    assert not (root / "d").exists()
    run(root, *REVIEW)
    assert run(root, "draft", "testville", "--final", "--out", str(root / "d")).exit_code == 0


def test_non_final_draft_lists_unapproved_clauses(make_project) -> None:
    root = make_project()
    run(root, "draft", "testville", "--date", "2026-11-27", "--out", str(root / "d"))
    data = (root / "d/2026-11-27-testville-selectboard-resolution.docx").read_bytes()
    lines = text_lines(data)
    assert (
        "Notice | 1 of the 1 clause in this draft await a reviewing lawyer's approval of their "
        "current text; the drafting note at the end names them."
    ) in lines
    assert "Heading 2 | Drafting note: clauses awaiting review" in lines
    note = lines.index("Heading 2 | Drafting note: clauses awaiting review")
    assert "List Item | Custody access (custody-rule): unreviewed" in lines[note:]


def test_changing_a_glossary_definition_makes_reviews_of_clauses_using_it_stale(
    make_project,
) -> None:
    root = make_project()
    run(root, *REVIEW)
    assert load_library(root).status("custody-rule").state == "approved"
    glossary = root / "clauses/glossary.yaml"
    # custody-rule uses Member; Member's definition uses Agency: both count.
    for old, new in (
        (
            "every person who works for the Agency.",
            "every person who works for the Agency, paid or not.",
        ),
        ("the {{ agency.name }}.", "the {{ agency.name }} and its units."),
    ):
        glossary.write_text(glossary.read_text().replace(old, new))
        assert load_library(root).status("custody-rule").state == "stale", new
        run(root, *REVIEW)
        assert load_library(root).status("custody-rule").state == "approved"


def test_review_of_unknown_clause(make_project) -> None:
    result = run(
        make_project(),
        "clauses",
        "review",
        "custody",
        "--reviewer",
        "X",
        "--role",
        "Y",
        "--verdict",
        "approved",
    )
    assert result.exit_code == 1
    assert (
        result.stderr == "error: no clause with id 'custody'\n  hint: did you mean custody-rule?\n"
    )


TEXT_FIELDS = st.sampled_from(
    ["resolution.whereas.0", "resolution.resolved.0", "directive.heading", "directive.paragraphs.0"]
)


# Characters a document cannot hold are refused by the model itself (text_rules).
_EDITS = st.text(
    # Not format characters (Cf) either: text_rules refuses them in every text.
    st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Cf")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


@settings(deadline=None)
@given(TEXT_FIELDS, _EDITS)
def test_editing_any_text_field_makes_an_approved_review_stale(field: str, addition: str) -> None:
    data = yaml.safe_load((FIXTURES / "valid/clauses/custody-rule.yaml").read_text())
    clause = ClauseModule.model_validate(data)
    review = Review(
        reviewer="A",
        role="B",
        date=dt.date(2026, 11, 27),
        verdict="approved",
        version=clause.version,
        text_sha256=clause_text_hash(clause),
    )
    log = ReviewLog(reviews=(review,))
    assert status_of(clause, log).state == "approved"
    *parents, leaf = field.split(".")
    target = data
    for part in parents:
        target = target[part]
    if leaf.isdigit():
        target[int(leaf)] = f"{target[int(leaf)]} {addition}"
    else:
        target[leaf] = f"{target[leaf]} {addition}"
    edited = ClauseModule.model_validate(data)
    assert status_of(edited, log).state == "stale"


def test_coverage_shows_gaps(make_project) -> None:
    root = make_project()
    catalog = root / "clauses/loopholes.yaml"
    catalog.write_text(
        catalog.read_text() + "  - id: registry-sharing\n    name: Sharing data for registries\n"
        "    description: Data shared for registration.\n    source: Test fixture.\n"
    )
    result = run(root, "clauses", "coverage")
    assert result.stdout == (
        "LOOPHOLE          NAME                         CLOSED BY\n"
        "custody-access    Access to people in custody  custody-rule\n"
        "registry-sharing  Sharing data for registries  GAP: no clause\n"
        "1 of 2 loopholes closed; 1 gap\n"
    )


def test_clause_book(make_project) -> None:
    root = make_project()
    run(root, *REVIEW)
    data = build_book(load_library(root), dt.date(2026, 11, 27), author="Vermont Coalition")
    lines = text_lines(data)
    assert "Title | CLAUSE BOOK" in lines
    assert "Heading 1 | 1. Custody access" in lines
    assert "Heading 2 | Review history" in lines
    assert any(line.startswith("cell") and "Pat Lawyer (Town attorney)" in line for line in lines)
    assert (
        "Body Text Justified | RESOLVED 1. The directive shall bar access to people in custody "
        "without a court order."
    ) in lines
    assert "Body Text Justified | WHEREAS, the «agency.name» holds people in custody" in lines
    assert (
        "Lettered | (a) A Member shall not give access to a person in custody without a court order."
        in lines
    )
    assert "footer: Page Footer | Clause Book — Page 1 of 1" in lines
    assert any(
        "GAP" in line or "Custody access" in line for line in lines if line.startswith("cell")
    )


def test_clause_book_looks_like_the_documents(make_project) -> None:
    """The templates' fonts and headings (black Times New Roman), not python-docx's blue
    sans-serif defaults; tables with fixed column widths sized for their content."""
    root = make_project()
    run(root, *REVIEW)
    document = Document(io.BytesIO(build_book(load_library(root), dt.date(2026, 11, 27))))
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        style = document.styles[name]
        font = style.font.name or style.base_style.font.name
        assert font == "Times New Roman", name
        assert style.font.color.rgb in (None, RGBColor(0, 0, 0)), name
    _coverage, facts, *_, reviews = document.tables
    assert [c.width for c in facts.columns] == [Inches(1.4), Inches(5.1)]
    assert not facts.autofit
    assert [round(c.width.inches, 1) for c in reviews.columns] == [1.0, 1.6, 0.9, 1.2, 1.8]
    assert sum(c.width for c in reviews.columns) <= Inches(6.5)


def test_book_command_writes_a_file(make_project) -> None:
    root = make_project()
    out = root / "book.docx"
    result = run(root, "clauses", "book", "--out", str(out), "--date", "2026-11-27")
    assert result.exit_code == 0
    assert result.stdout == f"wrote {out}\n"
    Document(str(out))


def _draft(root: Path) -> Path:
    run(root, "draft", "testville", "--date", "2026-11-27", "--out", str(root / "d"))
    return root / "d/2026-11-27-testville-police-directive.docx"


def test_verify_clean_draft(make_project) -> None:
    root = make_project()
    path = _draft(root)
    result = run(root, "verify", str(path))
    assert result.exit_code == 0
    assert result.stdout == (
        f"{path}: drafted for Testville on 2026-11-27\n"
        "  custody-rule 1.0.0: library text unchanged; review now: unreviewed; "
        "in this document: as drafted\n"
        "Matches the library it was built from, with no hand edits.\n"
    )


def test_verify_finds_hand_edits_and_library_changes(make_project) -> None:
    root = make_project()
    path = _draft(root)
    document = Document(str(path))
    for paragraph in document.paragraphs:
        if "give access to a person in custody" in paragraph.text:
            for run_ in paragraph.runs:
                run_.text = run_.text.replace("shall not give", "may give")
    document.save(str(path))
    clause = root / "clauses/custody-rule.yaml"
    clause.write_text(
        clause.read_text()
        .replace("version: 1.0.0", "version: 1.0.1")
        .replace("court order.", "court order issued by a judge.")
    )
    result = run(root, "verify", str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}: drafted for Testville on 2026-11-27\n"
        "  custody-rule 1.0.0: library text changed since (library now 1.0.1); review now: "
        "unreviewed; in this document: edited by hand\n"
        '      changed: after "(a) A Member", "shall not" became "may"\n'
        "Differs from what draftkit drafted: see above.\n"
    )


def test_verify_refuses_a_document_draftkit_did_not_make(make_project, tmp_path: Path) -> None:
    other = tmp_path / "other.docx"
    Document().save(str(other))
    result = run(make_project(), "verify", str(other))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {other}: this document carries no draftkit manifest\n"
        "  hint: verify checks resolutions, directives and contract addenda that draftkit "
        "drafted, as it wrote them or as a town sent them back\n"
    )


def _tracked(path: Path) -> tuple[int, int]:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    return xml.count("<w:ins "), xml.count("<w:del ")


def test_clause_diff_between_git_revisions(make_project, tmp_path: Path) -> None:
    root = make_project()
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], check=True)
    clause = root / "clauses/custody-rule.yaml"
    clause.write_text(
        clause.read_text().replace("shall not give access", "shall never give access")
    )
    out = tmp_path / "diff.docx"
    result = run(root, "clauses", "diff", "custody-rule", "--out", str(out))
    assert result.exit_code == 0, result.output
    insertions, deletions = _tracked(out)
    assert insertions >= 1 and deletions >= 1
    missing = run(root, "clauses", "diff", "custody-rule", "--from", "nosuchrev", "--out", str(out))
    assert missing.exit_code == 1
    assert missing.stderr == (
        "error: --from: 'nosuchrev' is not a commit, tag or branch here\n"
        "  hint: give a commit, tag or branch, e.g. HEAD~1 or main; `git log` lists commits\n"
    )


def test_redline_refuses_missing_files(make_project, tmp_path: Path) -> None:
    result = run(
        make_project(),
        "redline",
        str(tmp_path / "a.docx"),
        str(tmp_path / "b.docx"),
        "--out",
        str(tmp_path / "c.docx"),
    )
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'a.docx'}: file not found\n"


def test_verify_ignores_page_numbers_refilled_by_word(make_project) -> None:
    root = make_project()
    path = _draft(root)
    document = Document(str(path))
    footer = document.sections[0].footer.paragraphs[0]
    footer.runs[-2].text = "7"  # the NUMPAGES field's shown result, as Word would refill it
    document.save(str(path))
    assert footer.text.endswith("Page 1 of 7")
    result = run(root, "verify", str(path))
    assert result.exit_code == 0, result.stdout


def test_redline_refuses_to_overwrite_an_input(make_project) -> None:
    root = make_project()
    old = _draft(root)
    result = run(root, "redline", str(old), str(old), "--out", str(old), "--force")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {old}: the redline would overwrite one of the documents it compares\n"
        "  hint: give --out a new file name\n"
    )
