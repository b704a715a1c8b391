"""The pages name the place the person picked ("Albany (village)" where a town and a
village share the name) and speak of it by its kind: town, city or village (pueblo,
ciudad, villa in Spanish)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import walk_to_preview


def _h1(page: str) -> str:
    found = re.search(r"<h1>(.*?)</h1>", page, re.S)
    assert found, page
    return found.group(1)


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        (
            "/en/facts?town=albany-village&policing=state_police",
            "Check the facts about Albany (village)",
        ),
        (
            "/es/facts?town=albany-village&policing=state_police",
            "Revise los datos de Albany (villa)",
        ),
        ("/en/facts?town=albany-town&policing=state_police", "Check the facts about Albany (town)"),
        ("/es/facts?town=albany-town&policing=state_police", "Revise los datos de Albany (pueblo)"),
        ("/en/facts?town=brattleboro", "Check the facts about Brattleboro"),
        ("/en/facts?town=albany-village", "Who polices Albany (village)?"),
        (
            "/es/facts?town=albany-village",
            "¿Quién presta el servicio de policía en Albany (villa)?",
        ),
    ],
)
def test_the_heading_names_the_place_picked(client: TestClient, url: str, heading: str) -> None:
    page = client.get(url)
    assert page.status_code == 200, page.text
    assert _h1(page.text) == heading
    assert f"<title>{heading} ·" in page.text


@pytest.mark.parametrize(
    ("lang", "heading", "profile"),
    [
        (
            "en",
            "Preview of the documents for Albany (village)",
            "Your answers as the village&#39;s profile (.yaml), for the coalition to review",
        ),
        (
            "es",
            "Vista previa de los documentos para Albany (villa)",
            "Sus respuestas como perfil del municipio (.yaml), para que la coalición lo revise",
        ),
    ],
)
def test_the_preview_names_the_place_picked(
    client: TestClient, lang: str, heading: str, profile: str
) -> None:
    _, preview = walk_to_preview(
        client, lang, f"/{lang}/facts?town=albany-village&policing=state_police"
    )
    assert preview.status_code == 200, preview.text
    assert _h1(preview.text) == heading
    assert profile in preview.text


def test_the_policing_question_speaks_of_a_village(client: TestClient) -> None:
    page = client.get("/en/facts?town=albany-village").text
    assert "<legend>Who polices the village</legend>" in page
    assert '<label for="policing-municipal">The village&#39;s own police department</label>' in page
    assert '<label for="policing-constables">The village&#39;s own constables</label>' in page
    assert (
        "You get a resolution with a policy for the village&#39;s own staff, asking the State "
        "Police to adopt the protections." in page
    )
    assert "Name of the police department (if the village has its own)" in page


def test_a_village_s_facts_page_speaks_of_the_village_and_its_clerk(client: TestClient) -> None:
    page = client.get("/en/facts?town=woodstock-village&policing=sheriff").text
    assert (
        "The list of Vermont municipalities says the Woodstock Police Department polices the "
        "village. Your answer departs from it: the documents follow your answer, and the "
        "village&#39;s profile you can download at the end records it for the coalition to "
        "review." in page
    )
    assert "Correct any that are wrong; the Village Clerk can confirm them." in page
    assert "<legend>Who polices the village</legend>" in page
    assert "The village&#39;s own police department" in page
    assert "Please check them; the Village Clerk can confirm them." in page


def test_the_spanish_facts_page_names_the_village_s_clerk(client: TestClient) -> None:
    page = " ".join(client.get("/es/facts?town=woodstock-village").text.split())
    assert (
        "Corrija lo que no esté bien; el secretario municipal (Village Clerk) puede "
        "confirmarlos." in page
    )


def test_a_city_s_fixed_policing_speaks_of_the_city(client: TestClient) -> None:
    page = client.get("/en/facts?town=burlington").text
    assert "<legend>Who polices the city</legend>" in page
    assert "<p>From the city&#39;s profile: the city&#39;s own police department.</p>" in page
    assert "The city&#39;s profile has been reviewed by the coalition" in page
    assert "Confirmed: from the city&#39;s profile (towns/burlington.yaml)." in page
