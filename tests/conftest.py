"""Shared test helpers: project folders built from fixtures, CLI runs, snapshots."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from draftkit.cli import cli

# `make test` runs a quick profile; `make test-thorough` (HYPOTHESIS_PROFILE=thorough)
# tries many more examples of every property, for nightly-style runs.
settings.register_profile("quick", max_examples=15, deadline=None)
settings.register_profile("thorough", max_examples=400, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"

# The disk cache (draftkit.data.disk_cache) of this test process: never the user's own, and
# emptied at the end. Tests of the cache itself use folders of their own.
_CACHE = tempfile.mkdtemp(prefix="draftkit-test-cache-")
os.environ["DRAFTKIT_CACHE_DIR"] = _CACHE
os.environ.pop("DRAFTKIT_NO_CACHE", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="Rewrite the golden text snapshots in tests/snapshots/ (review the diff).",
    )


@pytest.fixture
def update_snapshots(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-snapshots"))


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A project folder: the minimal valid fixture, the real templates, and then the
    files of one bad-input fixture folder laid over it."""

    def build(*overlays: str) -> Path:
        root = tmp_path / "project"
        shutil.copytree(FIXTURES / "valid", root)
        shutil.copytree(REPO / "resolutions", root / "resolutions")
        for overlay in overlays:
            shutil.copytree(FIXTURES / overlay, root, dirs_exist_ok=True)
        return root

    return build


def run(root: Path, *args: str, input: str | None = None) -> Result:
    """Run the CLI against ``root`` as a user would, capturing stdout and stderr."""
    return CliRunner().invoke(
        cli, ["--root", str(root), *args], obj={}, input=input, catch_exceptions=False
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
