"""The web service under test: one app over the real project, built once per session,
and a reader for the forms its pages hold (the way a browser would submit them)."""

from __future__ import annotations

import html.parser
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from fastapi.testclient import TestClient

from draftkit.web import create_app

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(REPO, pdf=False), follow_redirects=False) as test_client:
        yield test_client


class Form:
    """One <form>: where it goes and what it would send as the page stands."""

    def __init__(self, action: str, method: str) -> None:
        self.action = action
        self.method = method
        self.inputs: list[dict[str, str]] = []

    def pairs(self, press: str = "", **changes: str) -> list[tuple[str, str]]:
        """The name/value pairs a browser sends: checked boxes and radios only,
        with ``changes`` (field name -> new value) applied; ``press`` names the submit
        button pressed (its name and value are sent; other buttons' are not)."""
        sent: list[tuple[str, str]] = []
        for field in self.inputs:
            name = field.get("name")
            if field.get("type") == "submit" or "button" in field:
                if name and press and name == press:
                    sent.append((name, field.get("value", "")))
                continue
            if not name:
                continue
            if field.get("type") in ("checkbox", "radio") and "checked" not in field:
                continue
            sent.append((name, field.get("value", "")))
        for name, value in changes.items():
            name = name.replace("__", ".")
            sent = [(n, v) for n, v in sent if n != name]
            sent.append((name, value))
        return sent


class _Forms(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._textarea: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(found.get("action", ""), found.get("method", "get")))
        elif tag == "input" and self.forms:
            self.forms[-1].inputs.append(found)
        elif tag == "button" and self.forms:
            self.forms[-1].inputs.append({**found, "button": ""})
        elif tag == "textarea" and self.forms:
            self._textarea = {**found, "value": ""}
            self.forms[-1].inputs.append(self._textarea)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def forms(page: str) -> list[Form]:
    """Every form on the page."""
    parser = _Forms()
    parser.feed(page)
    return parser.forms


def form_to(page: str, action: str) -> Form:
    """The form on the page that goes to ``action``."""
    found = [f for f in forms(page) if f.action == action]
    assert found, f"no form to {action}"
    return found[0]


def post(client: TestClient, action: str, pairs: list[tuple[str, str]]) -> httpx.Response:
    """Submit pairs as a browser submits a form (repeated names kept)."""
    return client.post(
        action,
        content=urlencode(pairs),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )


def walk_to_preview(
    client: TestClient, lang: str, facts_url: str, **changes: str
) -> tuple[httpx.Response, httpx.Response]:
    """Facts page -> protections -> preview, changing facts on the way."""
    facts = client.get(facts_url)
    assert facts.status_code == 200, facts.text
    chosen = post(
        client,
        f"/{lang}/protections",
        form_to(facts.text, f"/{lang}/protections").pairs(**changes),
    )
    assert chosen.status_code == 200, chosen.text
    preview = post(client, f"/{lang}/preview", form_to(chosen.text, f"/{lang}/preview").pairs())
    return chosen, preview
