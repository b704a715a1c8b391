"""Every .docx draftkit writes says what it is (title, subject, author, dates, draftkit's
version); redlines say what was compared with what, and when; clause versions name the
text to compare."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from tests.conftest import run

from draftkit import __version__
from draftkit.cli import cli
from draftkit.naming import long_date

GIT = ("-c", "user.name=t", "-c", "user.email=t@example.org")


def _props(path: Path):  # type: ignore[no-untyped-def]
    return Document(str(path)).core_properties


def test_a_draft_carries_its_title_subject_author_dates_and_draftkit_version(
    make_project,
) -> None:
    root = make_project()
    result = run(
        root, "draft", "testville", "--date", "2026-12-01", "--author", "Vermont Coalition"
    )
    assert result.exit_code == 0, result.output
    props = _props(root / "drafts/2026-12-01-testville-police-directive.docx")
    assert props.title == "Police directive \u2014 Town of Testville"
    assert props.subject == (
        "Limits on police participation in federal civil immigration enforcement "
        "(20 V.S.A. \u00a7 2366)"
    )
    assert props.author == props.last_modified_by == "Vermont Coalition"
    assert props.created == props.modified == dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    assert props.comments == f"Made by draftkit {__version__} for Testville, draft of 2026-12-01."
    resolution = _props(root / "drafts/2026-12-01-testville-selectboard-resolution.docx")
    assert resolution.title == "Resolution \u2014 Town of Testville"


def test_the_author_comes_from_draftkit_author_or_defaults_to_draftkit(make_project) -> None:
    root = make_project()
    runner = CliRunner()
    args = ["--root", str(root), "draft", "testville", "--date", "2026-12-01", "--doc"]
    runner.invoke(cli, [*args, "directive"], obj={}, env={"DRAFTKIT_AUTHOR": "A. Organizer"})
    assert _props(root / "drafts/2026-12-01-testville-police-directive.docx").author == (
        "A. Organizer"
    )
    runner.invoke(cli, [*args, "resolution"], obj={}, env={"DRAFTKIT_AUTHOR": None})
    assert _props(root / "drafts/2026-12-01-testville-selectboard-resolution.docx").author == (
        "draftkit"
    )


def test_an_author_a_document_cannot_hold_is_refused(make_project) -> None:
    result = run(make_project(), "draft", "testville", "--author", "A\x07B")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--author': the value holds U+0007 (a control character), "
        "which a Word document cannot hold\n"
        "  hint: retype it with ordinary letters; if it came from another program, check "
        "that the file or terminal uses UTF-8\n"
    )


def test_the_clause_book_carries_its_properties(make_project) -> None:
    root = make_project()
    out = root / "book.docx"
    result = run(
        root, "clauses", "book", "--out", str(out), "--date", "2026-11-27", "--author", "Counsel"
    )
    assert result.exit_code == 0, result.output
    props = _props(out)
    assert (props.title, props.author) == ("Clause Book", "Counsel")
    assert props.created == dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
    assert props.comments.startswith(f"Made by draftkit {__version__} from clause library ")


def _dates(path: Path) -> set[str]:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    return set(re.findall(r'w:date="([^"]*)"', xml))


def _lines(path: Path) -> list[str]:
    document = Document(str(path))
    return [p.text for p in document.paragraphs[:2]] + [
        document.sections[0].header.paragraphs[0].text
    ]


def test_a_redline_says_what_it_compares_and_dates_its_changes_today(
    make_project, tmp_path: Path
) -> None:
    root = make_project()
    run(root, "draft", "testville", "--date", "2026-11-27", "--doc", "directive")
    old = root / "drafts/2026-11-27-testville-police-directive.docx"
    new = tmp_path / "returned.docx"
    document = Document(str(old))
    document.add_paragraph("A Member shall report every request in writing.")
    document.save(str(new))
    out = tmp_path / "redline.docx"
    before = dt.datetime.now(dt.UTC).date()
    result = run(root, "redline", str(old), str(new), "--out", str(out), "--author", "Counsel")
    after = dt.datetime.now(dt.UTC).date()
    assert result.exit_code == 0, result.output
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    insertions, deletions = xml.count("<w:ins "), xml.count("<w:del ")
    assert insertions >= 1
    assert result.stdout == f"wrote {out} ({insertions} insertions, {deletions} deletions)\n"
    first, second, header = _lines(out)
    assert first == header == f"Redline: returned.docx compared with {old.name}"
    day = next(d for d in (before, after) if long_date(d) in second)
    assert second == (
        f"The text of returned.docx, with its changes from {old.name} tracked. Insertions "
        "and deletions are Word tracked changes: accept or reject each one under Review. "
        f"Compared by Counsel with draftkit {__version__} on {long_date(day)}."
    )
    dates = _dates(out)
    assert dates and {d[:10] for d in dates} <= {before.isoformat(), after.isoformat()}
    props = _props(out)
    assert props.author == "Counsel"
    assert props.title == first
    assert props.created.date() in (before, after)


def _git_project(make_project) -> Path:  # type: ignore[no-untyped-def]
    root = make_project()
    git = ["git", "-C", str(root), *GIT]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "1.0.0"], check=True)
    clause = root / "clauses/custody-rule.yaml"
    clause.write_text(
        clause.read_text()
        .replace("version: 1.0.0", "version: 1.1.0")
        .replace("shall not give access", "shall never give access")
        .replace(
            "history:\n",
            "history:\n  - version: 1.1.0\n    date: 2026-12-01\n    summary: Never.\n",
        )
    )
    subprocess.run([*git, "commit", "-qam", "1.1.0"], check=True)
    clause.write_text(clause.read_text().replace("version: 1.1.0", "version: 1.2.0", 1))
    return root


def test_clauses_diff_takes_clause_versions_from_the_history(
    make_project, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _git_project(make_project)
    out = tmp_path / "diff.docx"
    result = run(
        root,
        "clauses",
        "diff",
        "custody-rule",
        "--from",
        "1.0.0",
        "--to",
        "1.1.0",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    insertions, deletions = xml.count("<w:ins "), xml.count("<w:del ")
    assert insertions >= 1 and deletions >= 1
    assert result.stdout == f"wrote {out} ({insertions} insertions, {deletions} deletions)\n"
    first, second, _header = _lines(out)
    assert first == "Redline of clause custody-rule: 1.0.0 to 1.1.0"
    assert re.match(
        r"Custody access: the text of version 1\.1\.0 \(commit [0-9a-f]{7}\) "
        r"compared with version 1\.0\.0 \(commit [0-9a-f]{7}\)\. ",
        second,
    ), second
    # Only the versions matter from here on: skip the engine's seconds.
    monkeypatch.setattr("draftkit.word.redlining.compare", lambda old, new, author="": new)
    working = run(
        root, "clauses", "diff", "custody-rule", "--from", "1.1.0", "--out", str(out), "--force"
    )
    assert working.exit_code == 0, working.output
    assert _lines(out)[0] == "Redline of clause custody-rule: 1.1.0 to 1.2.0"


def test_a_version_the_clause_never_had_is_refused_with_the_versions_it_had(
    make_project, tmp_path
) -> None:
    root = _git_project(make_project)
    result = run(
        root,
        "clauses",
        "diff",
        "custody-rule",
        "--from",
        "0.9.0",
        "--out",
        str(tmp_path / "d.docx"),
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "error: --from: custody-rule never had version 0.9.0; its history has 1.0.0, 1.1.0, 1.2.0\n"
        "  hint: `draftkit clauses show ID` lists the versions in the clause's history\n"
    )
    assert not (tmp_path / "d.docx").exists()


def test_outside_git_only_the_current_version_is_known(make_project, tmp_path) -> None:
    root = make_project()
    out = tmp_path / "d.docx"
    same = run(root, "clauses", "diff", "custody-rule", "--from", "1.0.0", "--out", str(out))
    assert same.exit_code == 0, same.output
    assert same.stdout == f"wrote {out} (0 insertions, 0 deletions)\n"
    older = run(
        root, "clauses", "diff", "custody-rule", "--from", "0.9.0", "--out", str(out), "--force"
    )
    assert older.exit_code == 1
    assert older.stderr == (
        "error: --from: version 0.9.0 of custody-rule is not in this folder (it holds "
        "1.0.0); earlier versions need the project's git history, and this folder is not a "
        "git checkout\n"
        "  hint: run draftkit in a git clone of the project (git clone, not a downloaded "
        "zip), or compare two .docx files with `draftkit redline`\n"
    )


@pytest.mark.parametrize("rev", ["--output=evil", "-1.0.0"])
def test_a_version_like_option_is_still_refused(make_project, tmp_path, rev: str) -> None:
    root = _git_project(make_project)
    result = run(
        root, "clauses", "diff", "custody-rule", f"--from={rev}", "--out", str(tmp_path / "d.docx")
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: --from: {rev!r} is not a git revision\n")
