"""``draftkit serve``: the command, and the CLI staying light without it."""

from __future__ import annotations

import subprocess
import sys

import pytest
import uvicorn
from tests.conftest import REPO, run


def test_help_imports_no_web_framework() -> None:
    code = (
        "import sys; from draftkit.cli import cli; "
        "assert not {'fastapi', 'uvicorn', 'starlette'} & set(sys.modules), sys.modules.keys()"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_serve_starts_uvicorn_with_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    started: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(app=app, **kw))
    monkeypatch.setenv("DRAFTKIT_ROOT", str(REPO))  # restored after the test
    result = run(REPO, "serve", "--port", "8123", "--workers", "2")
    assert result.exit_code == 0, result.output
    assert started["app"] == "draftkit.web.app:app_from_environment"
    assert (started["host"], started["port"], started["workers"]) == ("127.0.0.1", 8123, 2)
    assert f"serving {REPO} at http://127.0.0.1:8123/" in result.stderr


def test_serve_refuses_a_broken_project(tmp_path) -> None:
    result = run(tmp_path, "serve")
    assert result.exit_code == 1
    assert "towns: folder not found" in result.stderr
