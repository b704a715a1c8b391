"""Step 5: the files a person takes away, and what the service leaves behind (nothing)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
import yaml
from fastapi.testclient import TestClient
from tests.conftest import tree
from tests.web.conftest import REPO, form_to, post, walk_to_preview

from draftkit.data.town_models import TownProfile
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft
from draftkit.web import create_app, steps
from draftkit.web.forms import Answers
from draftkit.web.pdf import PdfUnavailable, soffice, to_pdf
from draftkit.word.embedding import read_manifest
from draftkit.word.inspection import text_lines


@pytest.fixture(scope="module")
def downloads(client: TestClient) -> tuple[list[tuple[str, str]], str]:
    _, preview = walk_to_preview(
        client, "en", "/en/facts?town=brattleboro", date="2026-03-02", sponsors="Ana Pérez\nBo Li"
    )
    return form_to(preview.text, "/en/download").pairs(), preview.text


def fetch(client: TestClient, pairs: list[tuple[str, str]], wanted: str):
    return post(client, "/en/download", [*pairs, ("file", wanted)])


def test_each_word_document_is_the_cli_draft(client: TestClient, downloads) -> None:
    pairs, _ = downloads
    name = "2026-03-02-brattleboro-police-directive.docx"
    response = fetch(client, pairs, name)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert response.headers["connection"] == "close"  # the next download: any free worker
    library = client.app.state.library  # type: ignore[attr-defined]
    expected = prepare_draft(
        library,
        "brattleboro",
        "all",
        DraftOptions(date=__import__("datetime").date(2026, 3, 2), sponsors=("Ana Pérez", "Bo Li")),
    )
    assert text_lines(response.content) == text_lines(expected.files[name])


def test_the_zip_holds_every_file_and_the_profile(client: TestClient, downloads) -> None:
    pairs, _ = downloads
    response = fetch(client, pairs, "zip")
    assert response.status_code == 200
    assert 'filename="2026-03-02-brattleboro-draft.zip"' in response.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "2026-03-02-brattleboro-manifest.json",
        "2026-03-02-brattleboro-police-directive.docx",
        "2026-03-02-brattleboro-profile.yaml",
        "2026-03-02-brattleboro-selectboard-resolution.docx",
    ]
    resolution = text_lines(archive.read("2026-03-02-brattleboro-selectboard-resolution.docx"))
    assert any("Ana Pérez" in line for line in resolution)
    manifest = json.loads(archive.read("2026-03-02-brattleboro-manifest.json"))
    assert manifest["town"]["from_defaults"] is True


def test_the_profile_is_a_valid_town_profile(client: TestClient, downloads) -> None:
    pairs, _ = downloads
    changed = [
        (k, "Town Clerk and Treasurer" if k == "governing_body.clerk_title" else v)
        for k, v in pairs
    ]
    response = fetch(client, changed, "profile")
    assert response.status_code == 200
    profile = TownProfile.model_validate(yaml.safe_load(response.text))
    assert profile.governing_body.clerk_title == "Town Clerk and Treasurer"
    assert "answers given to the draftkit web service" in profile.sources
    assert response.text.startswith("# Profile of Town of Brattleboro, written by the draftkit web")


def test_the_manifest_downloads(client: TestClient, downloads) -> None:
    pairs, _ = downloads
    response = fetch(client, pairs, "2026-03-02-brattleboro-manifest.json")
    assert response.json()["documents"]["directive"].endswith("police-directive.docx")


@pytest.mark.parametrize("wanted", ["../pyproject.toml", "/etc/passwd", "pdf:../x.docx", ""])
def test_no_request_names_a_file(client: TestClient, downloads, wanted: str) -> None:
    pairs, _ = downloads
    response = fetch(client, pairs, wanted)
    assert response.status_code == 404


def test_without_libreoffice_a_pdf_is_a_plain_note(client: TestClient, downloads) -> None:
    pairs, page = downloads
    assert "PDF files are not available on this server" in page
    response = fetch(client, pairs, "pdf:2026-03-02-brattleboro-police-directive.docx")
    assert response.status_code == 503
    assert "The PDF could not be made" in response.text


def test_a_failing_converter_is_reported(tmp_path) -> None:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\nexit 3\n")
    program.chmod(0o755)
    with pytest.raises(PdfUnavailable, match=r"conversion of x\.docx failed"):
        to_pdf("x.docx", b"not a document", program=str(program))


def test_the_service_writes_nothing_into_the_project(downloads) -> None:
    before = {folder: tree(REPO / folder) for folder in ("towns", "clauses", "resolutions")}
    with TestClient(create_app(REPO, pdf=False)) as client:
        pairs, _ = downloads
        for wanted in ("zip", "profile"):
            assert fetch(client, pairs, wanted).status_code == 200
    after = {folder: tree(REPO / folder) for folder in ("towns", "clauses", "resolutions")}
    assert before == after


def test_a_worker_reuses_a_draft_only_for_the_same_answers(client: TestClient) -> None:
    library = client.app.state.library  # type: ignore[attr-defined]
    same = Answers(town="brattleboro", date="2026-03-02", sponsors=("Ana Pérez",))
    first, _ = steps.make_draft(library, same)
    again, _ = steps.make_draft(
        library, Answers(town="brattleboro", date="2026-03-02", sponsors=("Ana Pérez",))
    )
    other, _ = steps.make_draft(
        library, Answers(town="brattleboro", date="2026-03-02", sponsors=("Bo Li",))
    )
    assert again is first
    assert other is not first
    assert any(
        "Bo Li" in line
        for line in text_lines(other.files["2026-03-02-brattleboro-selectboard-resolution.docx"])
    )


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_a_pdf_is_made_when_libreoffice_is_there(downloads) -> None:
    pairs, _ = downloads
    with TestClient(create_app(REPO, pdf=True)) as client:
        response = fetch(client, pairs, "pdf:2026-03-02-brattleboro-selectboard-resolution.docx")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert (
        'filename="2026-03-02-brattleboro-selectboard-resolution.pdf"'
        in (response.headers["content-disposition"])
    )


@pytest.mark.parametrize(
    "town", ["brattleboro", "burlington", "woodstock-town", "woodstock-village"]
)
def test_one_document_alone_is_the_whole_drafts_document(client: TestClient, town: str) -> None:
    # A download of one .docx renders only that document; it must be the document the
    # whole draft holds, byte for byte (text, properties and the embedded manifest,
    # which names every document of the draft).
    library = client.app.state.library  # type: ignore[attr-defined]
    answers = Answers(town=town, date="2026-03-05", sponsors=("Cy Alone",))
    whole, _ = steps._make_draft(library, answers)
    documents = [n for n in whole.files if n.endswith(".docx")]
    assert len(documents) == 2
    for name in documents:
        alone, _ = steps._make_draft(library, answers, only=name)
        assert sorted(alone.files) == sorted([name, f"2026-03-05-{town}-manifest.json"])
        assert text_lines(alone.files[name]) == text_lines(whole.files[name])
        assert read_manifest(alone.files[name]) == read_manifest(whole.files[name])
        assert alone.files[name] == whole.files[name]


def test_a_single_download_and_the_zip_agree(client: TestClient) -> None:
    _, preview = walk_to_preview(
        client, "en", "/en/facts?town=burlington", date="2026-03-06", sponsors="Di Zip"
    )
    pairs = form_to(preview.text, "/en/download").pairs()
    name = "2026-03-06-burlington-police-directive.docx"
    # Fresh answers (a new sponsor): nothing this worker drafted before is reused, so the
    # single file is rendered alone and the .zip after it is the whole draft.
    fresh = [(k, "Di Single" if k == "sponsors" else v) for k, v in pairs]
    single = fetch(client, fresh, name)
    assert single.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(fetch(client, fresh, "zip").content))
    assert text_lines(single.content) == text_lines(archive.read(name))
    assert read_manifest(single.content) == read_manifest(archive.read(name))
    manifest = fetch(client, fresh, "2026-03-06-burlington-manifest.json")
    assert manifest.content == archive.read("2026-03-06-burlington-manifest.json")
    assert manifest.json()["documents"]["directive"] == name
