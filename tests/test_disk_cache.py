"""The disk cache (draftkit.data.disk_cache) is only a shortcut: a draft made from it is the
same, byte for byte, as one made without it; a changed file is never read from it; a
damaged entry or an unusable folder means the work is done again, never an error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from tests.conftest import REPO, run
from tests.test_properties import profiles

from draftkit.data import disk_cache
from draftkit.data.library import load_library
from draftkit.drafting.provenance import json_data
from draftkit.review.checking import problems_for_drafts

DRAFT = ("draft", "testville", "--date", "2026-11-27", "--force")


def _draft_process(root: Path, out: Path, cache: Path | None) -> dict[str, bytes]:
    """Draft in a new process, as a user would: only then is the cache read back."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRAFTKIT_")}
    if cache is None:
        env["DRAFTKIT_NO_CACHE"] = "1"
    else:
        env["DRAFTKIT_CACHE_DIR"] = str(cache)
    command = [sys.executable, "-m", "draftkit", "--root", str(root), *DRAFT, "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_a_draft_from_the_cache_is_the_same_byte_for_byte(
    make_project: object, tmp_path: Path
) -> None:
    root = make_project()  # type: ignore[operator]
    cache = tmp_path / "cache"
    cold = _draft_process(root, tmp_path / "cold", cache)
    kinds = {p.name.split("-")[0] for p in cache.iterdir()}
    assert kinds == {"library", "template", "texts", "checked"}
    warm = _draft_process(root, tmp_path / "warm", cache)
    without = _draft_process(root, tmp_path / "without", None)
    assert len(cold) == 3
    assert cold == warm == without


def test_a_changed_clause_is_never_read_from_the_cache(make_project: object) -> None:
    root = make_project()  # type: ignore[operator]
    before = load_library(root)
    clause = root / "clauses" / "custody-rule.yaml"
    clause.write_text(clause.read_text().replace("title: ", "title: Amended ", 1))
    after = load_library(root)
    assert after.clauses["custody-rule"].value.title.startswith("Amended ")
    assert before.clauses["custody-rule"].value.title != after.clauses["custody-rule"].value.title


def test_a_new_problem_after_a_cached_run_is_reported(make_project: object) -> None:
    root = make_project()  # type: ignore[operator]
    assert run(root, *DRAFT, "--out", str(root / "out")).exit_code == 0
    (root / "towns" / "x.yaml").mkdir()
    result = run(root, "check")
    assert result.exit_code == 1
    assert "towns/x.yaml: is a folder, not a file" in result.stderr


def test_a_damaged_entry_is_a_miss(make_project: object, tmp_path: Path) -> None:
    root = make_project()  # type: ignore[operator]
    first = load_library(root)
    cache = Path(os.environ["DRAFTKIT_CACHE_DIR"])
    for entry in cache.glob("library-*.pickle"):
        entry.write_bytes(b"\x80\x05not a pickle")
    again = load_library(root)
    assert again.clauses.keys() == first.clauses.keys()
    assert again.towns["testville"].value == first.towns["testville"].value


def test_an_unsafe_or_missing_folder_is_not_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("DRAFTKIT_CACHE_DIR", str(shared))
    assert disk_cache.cache_dir() is None
    disk_cache.store("library", "k", {"a": 1})
    assert list(shared.iterdir()) == []
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("DRAFTKIT_CACHE_DIR", str(blocked / "cache"))
    assert disk_cache.cache_dir() is None
    monkeypatch.setenv("DRAFTKIT_CACHE_DIR", str(tmp_path / "off"))
    monkeypatch.setenv("DRAFTKIT_NO_CACHE", "1")
    assert disk_cache.cache_dir() is None
    assert not (tmp_path / "off").exists()


def test_entries_round_trip_and_are_trimmed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DRAFTKIT_CACHE_DIR", str(tmp_path / "c"))
    for number in range(disk_cache.MAX_ENTRIES + 5):
        disk_cache.store("x", str(number), number)
    assert len(list((tmp_path / "c").glob("*.pickle"))) == disk_cache.MAX_ENTRIES
    assert disk_cache.load("x", str(disk_cache.MAX_ENTRIES + 4)) == disk_cache.MAX_ENTRIES + 4
    assert disk_cache.load("x", "missing") is None
    assert disk_cache.load("x", None) is None
    assert oct((tmp_path / "c").stat().st_mode & 0o777) == oct(0o700)


def test_an_unreadable_data_folder_gives_no_key(tmp_path: Path) -> None:
    (tmp_path / "towns").mkdir()
    (tmp_path / "towns" / "a.yaml").write_text("x: 1\n")
    key = disk_cache.folder_key(tmp_path, ["towns"])
    assert key is not None and len(key) == 32
    (tmp_path / "towns" / "b.yaml").write_text("x: 2\n")
    assert disk_cache.folder_key(tmp_path, ["towns"]) != key
    shutil.rmtree(tmp_path / "towns")
    (tmp_path / "towns").write_text("a file where a folder should be")
    assert disk_cache.folder_key(tmp_path, ["towns"]) is not None  # loading reports it


@given(profiles())
def test_the_profile_hash_reads_what_pydantic_dumps(profile: object) -> None:
    assert json_data(profile) == profile.model_dump(mode="json")  # type: ignore[attr-defined]


def test_the_real_profiles_hash_as_pydantic_dumps_them() -> None:
    library = load_library(REPO)
    for town in library.towns.values():
        assert json_data(town.value) == town.value.model_dump(mode="json")


def test_only_checks_that_passed_are_remembered(make_project: object) -> None:
    cache = Path(os.environ["DRAFTKIT_CACHE_DIR"])
    root = make_project()  # type: ignore[operator]
    library = load_library(root, lenient_towns=True)
    assert problems_for_drafts(library) == []
    assert (cache / f"checked-{library.cache_key}.pickle").is_file()
    assert problems_for_drafts(library) == []  # read back
    clause = root / "clauses" / "custody-rule.yaml"
    clause.write_text(clause.read_text().replace("closes: [", "closes: [no-such-loophole, ", 1))
    broken = load_library(root, lenient_towns=True)
    assert broken.cache_key != library.cache_key
    assert any("no-such-loophole" in str(p) for p in problems_for_drafts(broken))
    assert not (cache / f"checked-{broken.cache_key}.pickle").exists()
