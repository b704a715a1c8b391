"""Shared helpers for the output and argument cases: project folders, runs, snapshots."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tests.conftest import FIXTURES, REPO

from draftkit.cli import cli
from draftkit.data import disk_cache

DATE = ("--date", "2026-11-27")
PREFIX = "2026-11-27-testville-"
DOCUMENTS = (
    f"{PREFIX}selectboard-resolution.docx",
    f"{PREFIX}police-directive.docx",
    f"{PREFIX}manifest.json",
)


def small_project(tmp_path: Path) -> Path:
    """The minimal valid fixture with the real templates (one town: Testville)."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid", root)
    shutil.copytree(REPO / "resolutions", root / "resolutions")
    return root


def real_project(tmp_path: Path) -> Path:
    """The real towns (with the registry), clauses and templates."""
    root = tmp_path / "project"
    for folder in ("towns", "clauses", "resolutions"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def invoke(root: Path, *args: str, input: str | bytes | None = None) -> Result:
    """Run the CLI in-process; a traceback is a failure of the test, never swallowed."""
    result = CliRunner().invoke(cli, ["--root", str(root), *args], obj={}, input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder (None) under ``folder``."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def plain(result: Result) -> str:
    """What the user saw on stderr, one line per line, no traceback allowed."""
    assert "Traceback" not in result.output
    return result.stderr


def patch_renames(
    monkeypatch: pytest.MonkeyPatch, replace: Callable[[str, str], None]
) -> list[str]:
    """Send draftkit's renames of its output through ``replace`` and list their targets.

    The disk cache's own renames go straight through, uncounted: whether a run stores a
    cache entry depends on what earlier tests left in the cache, and a test of how output
    is written must not hinge on that.
    """
    real = os.replace
    cache = disk_cache.cache_dir()
    calls: list[str] = []

    def routed(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if cache is not None and Path(dst).parent == cache:
            real(src, dst)
            return
        calls.append(str(dst))
        replace(str(src), str(dst))

    monkeypatch.setattr(os, "replace", routed)
    return calls
