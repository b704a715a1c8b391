"""Arguments are not options, and files given as arguments are checked: revisions only
ever reach git as revisions; missing, empty, non-Word and folder arguments get a plain
message naming the file and a hint; nothing is written."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from tests.adversarial._edges import DATE, invoke, plain, small_project, snapshot

from draftkit.dates import RANGE_HINT, latest

REV_HINT = "  hint: give a commit, tag or branch, e.g. HEAD~1 or main; `git log` lists commits\n"


def _git_project(tmp_path: Path) -> Path:
    root = small_project(tmp_path)
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], check=True)
    return root


@pytest.mark.parametrize(
    ("option", "rev"),
    [
        ("--from", "--output=evil"),
        ("--from", "-oevil"),
        ("--to", "--output=evil"),
        ("--from", "--end-of-options"),
    ],
)
def test_a_revision_that_looks_like_an_option_is_refused(
    option: str, rev: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _git_project(tmp_path)
    monkeypatch.chdir(root)
    before = snapshot(tmp_path)
    out = tmp_path / "diff.docx"
    result = invoke(root, "clauses", "diff", "custody-rule", f"{option}={rev}", "--out", str(out))
    assert result.exit_code == 1
    assert plain(result) == f"error: {option}: {rev!r} is not a git revision\n{REV_HINT}"
    assert snapshot(tmp_path) == before
    assert not list(tmp_path.rglob("evil*"))


@pytest.mark.parametrize("rev", ["nosuchrev", "HEAD:clauses", "HEAD^{tree}", "HEAD~99"])
def test_a_revision_that_names_no_commit_is_refused(
    rev: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _git_project(tmp_path)
    monkeypatch.chdir(root)
    before = snapshot(tmp_path)
    result = invoke(root, "clauses", "diff", "custody-rule", "--from", rev)
    assert result.exit_code == 1
    assert plain(result) == (
        f"error: --from: {rev!r} is not a commit, tag or branch here\n{REV_HINT}"
    )
    assert snapshot(tmp_path) == before


def test_a_project_outside_git_has_no_revisions(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    result = invoke(root, "clauses", "diff", "custody-rule", "--out", str(tmp_path / "d.docx"))
    assert result.exit_code == 1
    assert plain(result) == (
        "error: --from: the project folder is not a git checkout, so it has no revisions\n"
        "  hint: run draftkit in a clone of the project, or pass --root\n"
    )
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("clause_id", ["../towns/testville", "custody-rule/../x", "Custody-Rule"])
def test_a_clause_id_is_never_a_path(clause_id: str, tmp_path: Path) -> None:
    root = _git_project(tmp_path)
    before = snapshot(tmp_path)
    result = invoke(root, "clauses", "diff", clause_id, "--out", str(tmp_path / "d.docx"))
    assert result.exit_code == 1
    assert plain(result) == (
        f"error: no clause with id {clause_id!r}\n"
        "  hint: clause ids are lowercase words joined by hyphens; "
        "`draftkit clauses list` shows every clause id\n"
    )
    assert snapshot(tmp_path) == before


def _bad_documents(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    files = {
        "text": folder / "text.docx",
        "empty": folder / "empty.docx",
        "zip-not-word": folder / "zip.docx",
        "malformed-xml": folder / "xml.docx",
    }
    files["text"].write_text("Dear clerk, this is not a Word document.")
    files["empty"].write_bytes(b"")
    with zipfile.ZipFile(files["zip-not-word"], "w") as archive:
        archive.writestr("notes.txt", "hello")
    with zipfile.ZipFile(files["malformed-xml"], "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
    return files


@pytest.mark.parametrize("kind", ["text", "empty", "zip-not-word", "malformed-xml"])
def test_redline_refuses_a_file_that_is_not_a_word_document(kind: str, tmp_path: Path) -> None:
    root = small_project(tmp_path)
    bad = _bad_documents(tmp_path / "in")[kind]
    before = snapshot(tmp_path)
    result = invoke(root, "redline", str(bad), str(bad), "--out", str(tmp_path / "r.docx"))
    assert result.exit_code == 1
    assert plain(result) == f"error: {bad}: not a Word document\n  hint: give two .docx files\n"
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", ["text", "empty", "zip-not-word"])
def test_verify_refuses_a_file_that_is_not_a_word_document(kind: str, tmp_path: Path) -> None:
    root = small_project(tmp_path)
    bad = _bad_documents(tmp_path / "in")[kind]
    before = snapshot(tmp_path)
    result = invoke(root, "verify", str(bad))
    assert result.exit_code == 1
    assert plain(result).startswith(f"error: {bad}: not a Word document")
    assert snapshot(tmp_path) == before


def test_verify_a_missing_file(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    result = invoke(root, "verify", str(tmp_path / "nope.docx"))
    assert result.exit_code == 1
    assert plain(result) == f"error: {tmp_path / 'nope.docx'}: file not found\n"
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("verify", "FOLDER"), "DRAFT.docx"),
        (("redline", "FOLDER", "x.docx", "--out", "y.docx"), "OLD.docx"),
        (("redline", "x.docx", "FOLDER", "--out", "y.docx"), "NEW.docx"),
        (("redline", "x.docx", "x.docx", "--out", "FOLDER"), "--out"),
        (("clauses", "book", "--out", "FOLDER"), "--out"),
        (("clauses", "diff", "custody-rule", "--out", "FOLDER"), "--out"),
    ],
)
def test_a_folder_given_as_a_file_is_a_usage_error(
    args: tuple[str, ...], shown: str, tmp_path: Path
) -> None:
    root = small_project(tmp_path)
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    before = snapshot(tmp_path)
    result = invoke(root, *[str(folder) if a == "FOLDER" else a for a in args])
    assert result.exit_code == 2
    assert plain(result).endswith(
        f"Error: Invalid value for '{shown}': File '{folder}' is a directory.\n"
    )
    assert snapshot(tmp_path) == before


def test_draft_out_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    before = snapshot(tmp_path)
    result = invoke(root, "draft", "testville", *DATE, "--out", str(tmp_path / "notes.txt"))
    assert result.exit_code == 2
    assert plain(result).endswith(
        f"Error: Invalid value for '--out': Directory '{tmp_path / 'notes.txt'}' is a file.\n"
    )
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "args",
    [
        ("clauses", "book", "--out", "INSIDE"),
        ("redline", "A", "A", "--out", "INSIDE"),
    ],
    ids=["book", "redline"],
)
def test_an_out_file_inside_a_file_is_refused(args: tuple[str, ...], tmp_path: Path) -> None:
    root = small_project(tmp_path)
    document = tmp_path / "policy.docx"
    Document().save(str(document))
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    before = snapshot(tmp_path)
    inside = blocker / "out.docx"
    mapping = {"INSIDE": str(inside), "A": str(document)}
    result = invoke(root, *[mapping.get(a, a) for a in args])
    assert result.exit_code == 1
    assert plain(result) == (
        f"error: {blocker} is a file, not a folder\n"
        "  hint: choose a folder (--out) that is not an existing file\n"
    )
    assert snapshot(tmp_path) == before


def test_book_out_name_too_long(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    out = tmp_path / ("b" * 251 + ".docx")
    result = invoke(root, "clauses", "book", "--out", str(out), *DATE)
    assert result.exit_code == 1
    assert plain(result) == (
        f"error: the file name {'b' * 40!r}... is 256 bytes long; the file system allows 255\n"
        "  hint: choose a shorter name (--out)\n"
    )
    assert snapshot(tmp_path) == before


def test_book_does_not_replace_a_file_without_force(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    out = tmp_path / "book.docx"
    out.write_text("the clerk's own notes")
    before = snapshot(tmp_path)
    result = invoke(root, "clauses", "book", "--out", str(out), *DATE)
    assert result.exit_code == 1
    assert plain(result) == (
        f"error: this file exists: {out}\n"
        "  hint: pass --force to replace it, or choose another --out\n"
    )
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2026-02-30", "'2026-02-30' is not a date; write it as YYYY-MM-DD"),
        ("tomorrow", "'tomorrow' is not a date; write it as YYYY-MM-DD"),
        ("2026\udce9", "'2026\\udce9' is not a date; write it as YYYY-MM-DD"),
        # Python 3.11 reads ISO week dates and compact forms; a person never means them.
        ("2026-W01-1", "'2026-W01-1' is not a date; write it as YYYY-MM-DD"),
        ("20260302", "'20260302' is not a date; write it as YYYY-MM-DD"),
        ("2026-3-2", "'2026-3-2' is not a date; write it as YYYY-MM-DD"),
        *(
            (
                day,
                f"{day} is outside the dates draftkit accepts (2000-01-01 to "
                f"{latest().isoformat()})\n  hint: {RANGE_HINT}",
            )
            for day in ("0001-01-01", "1776-07-04", "1999-12-31", "9999-12-31")
        ),
    ],
)
def test_impossible_dates_are_usage_errors(date: str, message: str, tmp_path: Path) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    result = invoke(root, "draft", "testville", "--date", date, "--out", str(tmp_path / "d"))
    assert result.exit_code == 2
    assert plain(result).endswith(f"Error: Invalid value for '--date': {message}\n")
    assert snapshot(tmp_path) == before


def test_clause_ids_that_are_paths_are_unknown_clauses(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    result = invoke(root, "clauses", "show", "../../towns/testville")
    assert result.exit_code == 1
    assert plain(result) == (
        "error: no clause with id '../../towns/testville'\n"
        "  hint: `draftkit clauses list` shows every clause id\n"
    )
    assert snapshot(tmp_path) == before


def test_redline_checks_its_output_before_comparing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_project(tmp_path)
    document = tmp_path / "policy.docx"
    Document().save(str(document))
    out = tmp_path / "exists.docx"
    out.write_text("keep me")
    before = snapshot(tmp_path)

    def never(old: bytes, new: bytes) -> bytes:
        raise AssertionError("compared although the output was refused")

    monkeypatch.setattr("draftkit.word.redlining.compare", never)
    result = invoke(root, "redline", str(document), str(document), "--out", str(out))
    assert result.exit_code == 1
    assert plain(result) == (
        f"error: this file exists: {out}\n"
        "  hint: pass --force to replace it, or choose another --out\n"
    )
    assert snapshot(tmp_path) == before
