"""Every page of the web service, in English and Spanish, through its HTTP interface."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from tests.web.conftest import form_to, post, walk_to_preview

from draftkit.web.i18n import messages, pick_language

LANGS = ("en", "es")


def shown(text: str) -> str:
    """``text`` as the page shows it, HTML-escaped."""
    return str(escape(text))


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("es-ES,es;q=0.9,en;q=0.8", "es"),
        ("en-US,en;q=0.9,es;q=0.8", "en"),
        ("fr-FR, es;q=0.5", "es"),
        ("es;q=0.2, en;q=0.7", "en"),
        ("de", "en"),
        (None, "en"),
        ("es;q=abc", "en"),
    ],
)
def test_root_sends_the_browser_to_its_language(
    client: TestClient, header: str | None, lang: str
) -> None:
    headers = {"accept-language": header} if header else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 303
    assert response.headers["location"] == f"/{lang}/"
    assert pick_language(header) == lang


@pytest.mark.parametrize("lang", LANGS)
def test_home_says_what_the_measure_does_in_each_language(client: TestClient, lang: str) -> None:
    page = client.get(f"/{lang}/").text
    assert f'<html lang="{lang}">' in page
    assert shown(messages(lang)["home.title"]) in page
    assert "20 V.S.A. § 2366" in page
    assert "1373" in page
    other = "es" if lang == "en" else "en"
    assert f'form="town-form" formaction="/{other}/" formmethod="get"' in page
    assert '<option value="Brattleboro">' in page
    assert ("los documentos se redactan en inglés" in page) == (lang == "es")


def test_a_town_found_goes_to_its_facts(client: TestClient) -> None:
    response = client.get("/en/town", params={"name": "brattleboro"})
    assert response.status_code == 303
    assert response.headers["location"] == "/en/facts?town=brattleboro"


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "Did you mean:"), ("es", "¿Quiso decir alguno de estos lugares?")]
)
def test_a_misspelled_town_gets_did_you_mean(client: TestClient, lang: str, words: str) -> None:
    response = client.get(f"/{lang}/town", params={"name": "Bratleboro"})
    assert response.status_code == 422
    assert words in response.text
    assert f'href="/{lang}/facts?town=brattleboro"' in response.text


def test_an_ambiguous_name_offers_each_choice(client: TestClient) -> None:
    response = client.get("/es/town", params={"name": "Barre"})
    assert response.status_code == 200
    assert "“Barre” puede ser más de un lugar" in response.text
    assert 'href="/es/facts?town=barre-city"' in response.text
    assert 'href="/es/facts?town=barre-town"' in response.text


@pytest.mark.parametrize("lang", LANGS)
def test_an_unorganized_place_explains_why_and_what_to_do(client: TestClient, lang: str) -> None:
    response = client.get(f"/{lang}/town", params={"name": "Averill"})
    assert response.status_code == 200
    assert shown(messages(lang)["unorganized.title"]) in response.text
    label = {
        "en": "Averill (unorganized town, Essex County)",
        "es": "Averill (territorio no organizado, condado de Essex)",
    }[lang]
    assert label in response.text
    assert shown(messages(lang)["unorganized.what_1"]) in response.text


def test_suggestions_as_a_person_types(client: TestClient) -> None:
    found = client.get("/en/suggest", params={"q": "bratt"}).json()
    assert found[0] == {"slug": "brattleboro", "label": "Brattleboro (town, Windham County)"}
    spanish = client.get("/es/suggest", params={"q": "bratt"}).json()
    assert spanish[0]["label"] == "Brattleboro (pueblo, condado de Windham)"
    misspelled = client.get("/en/suggest", params={"q": "Bratleboro"}).json()
    assert [s["slug"] for s in misspelled] == ["brattleboro"]
    assert client.get("/en/suggest", params={"q": ""}).json() == []


def test_facts_from_the_registry_are_marked_unconfirmed(client: TestClient) -> None:
    page = client.get("/en/facts", params={"town": "brattleboro"}).text
    assert "Check the facts about Brattleboro" in page
    assert 'value="Brattleboro Police Department"' in page
    assert shown(messages("en")["facts.source_registry"]) in page
    assert "FBI Crime Data Explorer agency list" in page


def test_facts_from_a_profile_are_marked_confirmed(client: TestClient) -> None:
    page = client.get("/es/facts", params={"town": "burlington"}).text
    assert "Confirmado: viene del perfil del municipio (towns/burlington.yaml)." in page
    assert 'value="City Council"' in page
    assert 'name="policing"' not in page


@pytest.mark.parametrize("lang", LANGS)
def test_policing_is_asked_when_nobody_knows(client: TestClient, lang: str) -> None:
    response = client.get(f"/{lang}/facts", params={"town": "guildhall"})
    assert response.status_code == 200
    page = response.text
    assert shown(messages(lang)["policing.title"].format(town="Guildhall")) in page
    for arrangement in ("municipal", "sheriff", "state_police"):
        explained = messages(lang)[f"policing.explain.{arrangement}"]
        assert shown(explained.format(kind=messages(lang)["place.kinds.town"])) in page
    assert 'name="legal_name"' not in page


def test_the_policing_answer_fills_the_facts(client: TestClient) -> None:
    page = client.get("/en/facts", params={"town": "guildhall", "policing": "sheriff"}).text
    assert "Essex County Sheriff" in page
    assert 'value="Sheriff"' in page


def test_an_own_department_needs_its_name(client: TestClient) -> None:
    response = client.get("/es/facts", params={"town": "guildhall", "policing": "municipal"})
    assert response.status_code == 422
    assert 'id="agency-error"' in response.text
    assert shown(messages("es")["problem.agency_missing"]) in response.text


@pytest.mark.parametrize("lang", LANGS)
def test_every_protection_is_chosen_by_default(client: TestClient, lang: str) -> None:
    chosen, preview = walk_to_preview(client, lang, f"/{lang}/facts?town=brattleboro")
    boxes = re.findall(r'<input type="checkbox"[^>]*>', chosen.text)
    assert len(boxes) > 5
    assert all("checked" in box for box in boxes)
    assert 'data-requires="information-sharing"' in chosen.text
    assert shown(messages(lang)["protections.status.unreviewed"]) in chosen.text
    assert preview.status_code == 200


@pytest.mark.parametrize("lang", LANGS)
def test_the_preview_shows_the_text_with_draft_and_review_notes(
    client: TestClient, lang: str
) -> None:
    _, preview = walk_to_preview(client, lang, f"/{lang}/facts?town=brattleboro")
    page = preview.text
    assert f'<html lang="{lang}">' in page
    assert "DRAFT —" in page
    assert "await a reviewing lawyer&#39;s approval of their current text" in page
    assert "Brattleboro Police Department" in page
    assert "-brattleboro-selectboard-resolution.docx" in page
    assert "-brattleboro-police-directive.docx" in page
    assert shown(messages(lang)["preview.no_pdf"]) in page
    assert ("en inglés" in page) == (lang == "es")
    # Each download button names its document, not just "Word".
    for kind in ("resolution", "directive"):
        assert shown(messages(lang)[f"preview.kinds.{kind}"]) in page


def test_a_state_police_town_gets_one_resolution(client: TestClient) -> None:
    _, preview = walk_to_preview(client, "en", "/en/facts?town=guildhall&policing=state_police")
    assert "-guildhall-selectboard-resolution.docx" in preview.text
    assert "directive.docx" not in preview.text
    assert "Vermont State Police" in preview.text


def test_the_language_switch_carries_the_answers(client: TestClient) -> None:
    _, preview = walk_to_preview(
        client, "en", "/en/facts?town=brattleboro", governing_body__clerk_title="Town Clerk B"
    )
    switch = form_to(preview.text, "/es/preview")
    again = post(client, "/es/preview", switch.pairs())
    assert again.status_code == 200
    assert '<html lang="es">' in again.text
    assert "Town Clerk B" in again.text


def test_every_message_exists_in_both_languages() -> None:
    assert set(messages("en")) == set(messages("es"))
    spanish = messages("es")
    untranslated = [
        k for k, v in messages("en").items() if v and v == spanish[k] and k not in {"preview.pdf"}
    ]
    assert untranslated == []


def test_every_message_a_template_names_exists() -> None:
    folder = resources.files("draftkit.web").joinpath("templates")
    used: set[str] = set()
    for template in folder.iterdir():
        used |= set(
            re.findall(r"""\bt\(["'"]([a-z_.]+)["'"]\s*[,)]""", template.read_text("utf-8"))
        )
    assert used
    assert used - set(messages("en")) == set()


def test_static_files_ship_in_the_package(client: TestClient) -> None:
    css = client.get("/static/app.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert client.get("/static/suggest.js").status_code == 200
