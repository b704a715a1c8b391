"""A live server and one headless Chromium for the whole session.

The browser is Debian's ``chromium`` (Playwright cannot download its own here). Where it
or the ``playwright`` package is missing, these tests are skipped with a one-line reason,
except when ``DRAFTKIT_REQUIRE_BROWSER=1`` (CI), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from draftkit.web import create_app

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("DRAFTKIT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here (DRAFTKIT_REQUIRE_BROWSER=1): {reason}")
    pytest.skip(reason)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_url() -> Iterator[str]:
    """The service on a free port of 127.0.0.1, in a thread of this process."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(REPO, pdf=False), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    started = threading.Event()
    while not started.wait(0.05):
        if server.started:
            started.set()
        elif not thread.is_alive():
            pytest.fail("the live server did not start")
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for every browser test."""
    executable = os.environ.get("DRAFTKIT_CHROMIUM") or shutil.which("chromium")
    if not executable:
        _unavailable("no chromium on this machine (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    except Exception as exc:
        playwright.stop()
        _unavailable(f"chromium did not start: {str(exc).splitlines()[0]}")
    yield launched
    launched.close()
    playwright.stop()


@pytest.fixture
def page(browser: Any, live_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page; its language follows the test's ``locale`` marker (default en-US),
    and the ``no_javascript`` marker turns JavaScript off."""
    marker = request.node.get_closest_marker("locale")
    locale = marker.args[0] if marker else "en-US"
    context = browser.new_context(
        base_url=live_url,
        java_script_enabled=request.node.get_closest_marker("no_javascript") is None,
        locale=locale,
        extra_http_headers={"Accept-Language": f"{locale},{locale.split('-')[0]};q=0.9"},
        accept_downloads=True,
        viewport={"width": 1100, "height": 900},
    )
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()
