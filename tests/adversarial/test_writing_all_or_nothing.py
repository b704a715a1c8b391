"""All or nothing: every target is checked before the first rename, and any failure
(an error, a folder in the way, Ctrl-C) leaves the output folder exactly as it was."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.adversarial._edges import (
    DATE,
    DOCUMENTS,
    invoke,
    patch_renames,
    plain,
    small_project,
    snapshot,
)

from draftkit.data import disk_cache
from draftkit.drafting.writing import write_files
from draftkit.errors import DraftkitError, OutputExistsError, ProblemList

DRAFT = ("draft", "testville", *DATE)


def _drafted(tmp_path: Path, cache: str = "warm") -> tuple[Path, Path]:
    """A project drafted once into ``out``; a "cold" cache is emptied afterwards, so the
    next run stores cache entries while it writes (the state CI met, see issue 10)."""
    root = small_project(tmp_path)
    out = tmp_path / "out"
    assert invoke(root, *DRAFT, "--out", str(out)).exit_code == 0
    folder = disk_cache.cache_dir()
    if cache == "cold" and folder is not None:
        for entry in folder.glob("*.pickle"):
            entry.unlink()
    return root, out


BOTH_CACHES = pytest.mark.parametrize("cache", ["warm", "cold"])


def _failing_replace(
    monkeypatch: pytest.MonkeyPatch, on_call: int, error: BaseException
) -> list[str]:
    """Make the ``on_call``-th rename of output raise ``error``; the others work."""
    real = os.replace

    def replace(src: str, dst: str) -> None:
        if len(calls) == on_call:
            raise error
        real(src, dst)

    calls = patch_renames(monkeypatch, replace)
    return calls


def test_force_onto_a_folder_named_like_the_manifest_replaces_nothing(tmp_path: Path) -> None:
    root, out = _drafted(tmp_path)
    (out / DOCUMENTS[2]).unlink()
    (out / DOCUMENTS[2]).mkdir()
    before = snapshot(tmp_path)
    result = invoke(root, *DRAFT, "--out", str(out), "--force", "--sponsor", "New Name")
    assert result.exit_code == 1
    assert plain(result) == (
        f"error: {out / DOCUMENTS[2]} is a folder, so a file cannot be written in its place\n"
        "  hint: move or rename that folder, or choose another --out\n"
    )
    assert snapshot(tmp_path) == before


def test_every_problem_is_listed_before_anything_is_written(tmp_path: Path) -> None:
    root, out = _drafted(tmp_path)
    (out / DOCUMENTS[2]).unlink()
    (out / DOCUMENTS[2]).mkdir()
    before = snapshot(tmp_path)
    result = invoke(root, *DRAFT, "--out", str(out))
    assert result.exit_code == 1
    stderr = plain(result)
    assert f"{out / DOCUMENTS[2]} is a folder" in stderr
    assert f"these files exist: {out / DOCUMENTS[0]}, {out / DOCUMENTS[1]}" in stderr
    assert stderr.endswith("error: 2 problems found\n")
    assert snapshot(tmp_path) == before


@BOTH_CACHES
def test_ctrl_c_between_renames_restores_the_replaced_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    root, out = _drafted(tmp_path, cache)
    before = snapshot(tmp_path)
    calls = _failing_replace(monkeypatch, 2, KeyboardInterrupt())
    result = invoke(root, *DRAFT, "--out", str(out), "--force", "--sponsor", "Someone Else")
    assert result.exit_code == 130
    assert plain(result) == "Stopped\n"
    assert calls[0].endswith(DOCUMENTS[0])
    assert snapshot(tmp_path) == before


def test_ctrl_c_between_renames_into_a_new_folder_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    _failing_replace(monkeypatch, 3, KeyboardInterrupt())
    result = invoke(root, *DRAFT, "--out", str(tmp_path / "new" / "drafts"))
    assert result.exit_code == 130
    assert plain(result) == "Stopped\n"
    assert snapshot(tmp_path) == before


@BOTH_CACHES
def test_a_real_ctrl_c_during_the_renames_is_held_then_undoes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    root, out = _drafted(tmp_path, cache)
    before = snapshot(tmp_path)
    real = os.replace

    def replace(src: str, dst: str) -> None:
        real(src, dst)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # arrives while the renames go on

    calls = patch_renames(monkeypatch, replace)
    result = invoke(root, *DRAFT, "--out", str(out), "--force", "--sponsor", "Someone Else")
    assert result.exit_code == 130
    assert plain(result) == "Stopped\n"
    # All three renames ran (the signal was held), then all three were undone.
    assert [Path(c).name for c in calls[:3]] == list(DOCUMENTS)
    assert snapshot(tmp_path) == before


@BOTH_CACHES
def test_a_failed_rename_restores_the_replaced_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    root, out = _drafted(tmp_path, cache)
    before = snapshot(tmp_path)
    _failing_replace(monkeypatch, 3, OSError(28, "No space left on device"))
    result = invoke(root, *DRAFT, "--out", str(out), "--force", "--sponsor", "Someone Else")
    assert result.exit_code == 1
    assert plain(result) == (
        f"error: cannot write into {out}: No space left on device\n  hint: nothing was changed\n"
    )
    assert snapshot(tmp_path) == before


def test_out_inside_a_file_is_refused(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    (tmp_path / "notes.txt").write_text("a file")
    before = snapshot(tmp_path)
    result = invoke(root, *DRAFT, "--out", str(tmp_path / "notes.txt" / "drafts"))
    assert result.exit_code == 1
    assert plain(result) == (
        f"error: {tmp_path / 'notes.txt'} is a file, not a folder, so the folder "
        f"{tmp_path / 'notes.txt' / 'drafts'} cannot be made in it\n"
        "  hint: choose a folder (--out) that is not an existing file\n"
    )
    assert snapshot(tmp_path) == before


def test_out_folder_name_too_long_is_refused(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    result = invoke(root, *DRAFT, "--out", str(tmp_path / ("d" * 300)))
    assert result.exit_code == 1
    assert plain(result) == (
        f"error: the folder name {'d' * 40!r}... is 300 bytes long; the file system allows 255\n"
        "  hint: choose a shorter name (--out)\n"
    )
    assert snapshot(tmp_path) == before


def test_out_path_too_long_is_refused(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    # The folder's path fits (4,090 characters); the files' paths inside it do not.
    deep = tmp_path.joinpath(*["f" * 250] * 20)
    deep = Path(str(deep)[:4090].rstrip("/"))
    result = invoke(root, *DRAFT, "--out", str(deep))
    assert result.exit_code == 1
    assert "is too long for the file system" in plain(result)
    assert "hint: choose a folder (--out) nearer the top of the disk" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_folder_that_cannot_be_written_is_refused_up_front(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = _drafted(tmp_path)
    before = snapshot(tmp_path)
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode: False if Path(p) == out and mode & os.W_OK else real_access(p, mode),
    )
    result = invoke(root, *DRAFT, "--out", str(out), "--force")
    assert result.exit_code == 1
    assert plain(result) == (
        f"error: cannot write into {out}: permission denied\n"
        "  hint: choose a folder you may write to (--out)\n"
    )
    assert snapshot(tmp_path) == before


WRITERS: dict[str, Callable[[Path, Path], tuple[str, ...]]] = {
    "clauses book": lambda root, out: ("clauses", "book", "--out", str(out), *DATE),
    "clauses review": lambda root, out: (
        "clauses",
        "review",
        "custody-rule",
        "--reviewer",
        "Pat Lawyer",
        "--role",
        "Town attorney",
        "--verdict",
        "approved",
    ),
    "draft --doc resolution": lambda root, out: (
        "draft",
        "testville",
        "--doc",
        "resolution",
        "--out",
        str(out.parent),
        *DATE,
    ),
}


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_ctrl_c_while_any_command_writes_changes_nothing(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_project(tmp_path)
    out = tmp_path / "out" / "file.docx"
    before = snapshot(tmp_path)
    _failing_replace(monkeypatch, 1, KeyboardInterrupt())
    result = invoke(root, *WRITERS[command](root, out))
    assert result.exit_code == 130
    assert plain(result) == "Stopped\n"
    assert snapshot(tmp_path) == before


def test_write_files_lists_a_folder_in_the_way_and_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"old")
    (tmp_path / "b.json").mkdir()
    with pytest.raises(ProblemList) as caught:
        write_files(tmp_path, {"a.docx": b"new", "b.json": b"{}"}, force=False)
    assert [type(p) for p in caught.value.problems] == [DraftkitError, OutputExistsError]
    assert (tmp_path / "a.docx").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.json"]


def test_write_files_refuses_a_file_name_too_long(tmp_path: Path) -> None:
    with pytest.raises(DraftkitError, match="is 260 bytes long; the file system allows 255"):
        write_files(tmp_path, {"x" * 255 + ".docx": b"x"}, force=False)
    assert list(tmp_path.iterdir()) == []


def test_write_files_leaves_no_temporary_files(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"old")
    write_files(tmp_path, {"a.docx": b"new", "b.json": b"{}"}, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.json"]
    assert (tmp_path / "a.docx").read_bytes() == b"new"
