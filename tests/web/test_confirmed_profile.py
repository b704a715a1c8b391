"""A town with a confirmed profile, drafted through the web: the facts a person leaves
as they are keep their confirmation; a fact the person changes loses it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import yaml
from fastapi.testclient import TestClient
from tests.web.conftest import REPO, form_to, post, walk_to_preview

from draftkit.data.library import load_library
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft
from draftkit.word.inspection import text_lines

NOTE = "Not yet confirmed by a person"
DATE = "2026-12-01"


def _drafted(client: TestClient, **changes: str) -> dict[str, bytes]:
    _, preview = walk_to_preview(client, "en", "/en/facts?town=burlington", date=DATE, **changes)
    assert preview.status_code == 200, preview.text
    pairs = form_to(preview.text, "/en/download").pairs()
    response = post(client, "/en/download", [*pairs, ("file", "zip")])
    assert response.status_code == 200, response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _notes(files: dict[str, bytes]) -> list[str]:
    return [
        line
        for name, data in sorted(files.items())
        if name.endswith(".docx")
        for line in text_lines(data)
        if NOTE in line
    ]


def _confirmed(files: dict[str, bytes]) -> list[str]:
    name = next(n for n in files if n.endswith("profile.yaml"))
    found: list[str] = yaml.safe_load(files[name])["confirmed"]
    return found


def test_an_unchanged_confirmed_profile_drafts_as_the_command_line_does(
    client: TestClient,
) -> None:
    files = _drafted(client)
    library = load_library(REPO)
    cli = prepare_draft(library, "burlington", "all", DraftOptions(date=dt.date(2026, 12, 1)))
    assert _notes(files) == _notes(dict(cli.files)) == []
    on_file = yaml.safe_load((REPO / "towns" / "burlington.yaml").read_text())["confirmed"]
    assert _confirmed(files) == on_file


def test_a_changed_fact_loses_its_confirmation(client: TestClient) -> None:
    files = _drafted(client, governing_body__presiding_officer_title="Council President")
    assert "governing_body.presiding_officer_title" not in _confirmed(files)
    assert "governing_body.name" in _confirmed(files)
    notes = _notes(files)
    assert notes
    assert all("title of the officer who signs" in note for note in notes)
    assert all("governing body's name" not in note for note in notes)
