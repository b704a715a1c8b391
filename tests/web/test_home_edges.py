"""The home page's list of names, the echo of a typed name, and HTTP edges."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from draftkit.web.i18n import LANGS


@pytest.mark.parametrize("lang", LANGS)
def test_the_name_list_has_no_two_entries_alike(client: TestClient, lang: str) -> None:
    page = client.get(f"/{lang}/").text
    values = re.findall(r'<option value="([^"]*)"', page)
    assert len(values) > 200
    assert [v for v, n in Counter(values).items() if n > 1] == []
    assert "Albany (town)" in values and "Albany (village)" in values


def test_a_name_from_the_list_leads_to_its_facts(client: TestClient) -> None:
    response = client.get("/en/town", params={"name": "Albany (village)"})
    assert response.status_code == 303
    assert response.headers["location"] == "/en/facts?town=albany-village"


def test_the_list_labels_each_of_two_places_alike_in_the_pages_language(
    client: TestClient,
) -> None:
    page = client.get("/es/").text
    found = re.search(r'<option value="Albany \(village\)" label="([^"]*)"', page)
    assert found is not None
    assert found.group(1) == client.get("/es/suggest", params={"q": "Albany"}).json()[1]["label"]


@pytest.mark.parametrize(
    ("typed", "echoed"),
    [("Bratt\x07leboro", "Brattleboro"), ("\u202eoroboelttarB", "oroboelttarB")],
)
def test_a_typed_name_is_echoed_without_hidden_characters(
    client: TestClient, typed: str, echoed: str
) -> None:
    response = client.get("/en/town", params={"name": typed})
    assert response.status_code == 422
    assert f"We found no Vermont municipality called “{echoed}”." in response.text
    assert "\x07" not in response.text
    assert "\u202e" not in response.text


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/es/", "/en/facts?town=brattleboro", "/es/town?name=Stowe"]
)
def test_head_is_served_wherever_get_is(client: TestClient, path: str) -> None:
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code
    assert head.headers.get("content-type") == got.headers.get("content-type")


def test_the_root_honours_lang_in_the_address(client: TestClient) -> None:
    response = client.get("/?lang=es", headers={"accept-language": "en"})
    assert response.status_code == 303
    assert response.headers["location"] == "/es/"


def test_an_unknown_language_gets_its_404_in_the_browsers_language(client: TestClient) -> None:
    response = client.get("/fr/", headers={"accept-language": "es-ES,es;q=0.9"})
    assert response.status_code == 404
    assert '<html lang="es">' in response.text
    assert "No encontramos la página" in response.text


def test_a_json_body_to_a_form_route_is_a_plain_400(client: TestClient) -> None:
    response = client.post("/en/protections", json={"town": "brattleboro"})
    assert response.status_code == 400
    assert "This request could not be read" in response.text
