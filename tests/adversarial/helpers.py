"""Shared helpers for the adversarial corpus: a project from the valid fixture, a run
that proves nothing was written, and small file edits."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from tests.conftest import FIXTURES, REPO, run, tree

DRAFT = ("draft", "testville", "--date", "2026-11-27")
PROFILE = "towns/testville.yaml"
CLAUSE = "clauses/custody-rule.yaml"


def new_project(tmp_path: Path, *, registry: bool = False) -> Path:
    """The valid fixture with the real templates (and, if asked, the real registry)."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid", root)
    shutil.copytree(REPO / "resolutions", root / "resolutions")
    if registry:
        for name in ("registry.csv", "police-agencies.csv", "defaults.yaml"):
            shutil.copy(REPO / "towns" / name, root / "towns" / name)
    return root


def edit(root: Path, relative: str, change: Callable[[str], str]) -> None:
    path = root / relative
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def refused(root: Path, *args: str, expect: tuple[str, ...]) -> Result:
    """Run a command that must fail plainly: exit 1, every expected piece in the message,
    a hint, and not one file written or changed anywhere in the project."""
    before = tree(root)
    result = run(root, *args)
    assert result.exit_code == 1, result.output
    for piece in expect:
        assert piece in result.stderr, (piece, result.stderr)
    assert "hint:" in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert tree(root) == before
    return result
