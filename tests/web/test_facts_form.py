"""The facts page is one form: changing who polices the town keeps every other answer;
each source is named once, in plain words; only the questions that apply are asked."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from tests.web.conftest import form_to, forms, post

from draftkit.web.i18n import LANGS, messages

KEPT = {
    "governing_body.name": "Trustees Y",
    "sponsors": "Ana Pérez\nBo Li",
    "date": "2027-01-15",
}


def _facts(client: TestClient, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, page.text
    return page.text


def _update_policing(client: TestClient, lang: str, page: str, choice: str, press: str):
    pairs = form_to(page, f"/{lang}/protections").pairs(press=press, policing=choice)
    pairs = [(n, v) for n, v in pairs if n not in KEPT] + list(KEPT.items())
    return post(client, f"/{lang}/protections", pairs)


@pytest.mark.parametrize("lang", LANGS)
def test_updating_the_policing_keeps_every_other_answer(client: TestClient, lang: str) -> None:
    page = _facts(client, f"/{lang}/facts?town=albany-village&policing=state_police")
    assert len(forms(page)) == 1  # one form (the language switch is a link here)
    response = _update_policing(client, lang, page, "sheriff", press="update")
    assert response.status_code == 200, response.text
    again = response.text
    assert 'value="Trustees Y"' in again
    assert "Ana Pérez\nBo Li</textarea>" in again
    assert 'value="2027-01-15"' in again
    assert 'value="sheriff" checked' in again
    assert 'value="Orleans County Sheriff' in again
    assert 'value="Vermont State Police"' not in again
    assert 'name="agency"' not in again  # one name field: the police agency's
    label = messages(lang)["facts.policing_update"]
    assert 'name="update" value="policing"' in again and str(escape(label)) in again


def test_a_changed_policing_with_next_shows_the_new_police_facts_first(
    client: TestClient,
) -> None:
    page = _facts(client, "/en/facts?town=albany-village&policing=state_police")
    response = _update_policing(client, "en", page, "constables", press="")
    assert response.status_code == 200
    assert "Check the facts about Albany" in response.text
    assert 'value="Trustees Y"' in response.text
    assert 'value="First Constable"' in response.text


def test_an_own_department_answer_asks_its_name_and_keeps_the_answers(
    client: TestClient,
) -> None:
    page = _facts(client, "/en/facts?town=albany-village&policing=state_police")
    response = _update_policing(client, "en", page, "municipal", press="update")
    assert response.status_code == 422
    asked = form_to(response.text, "/en/facts")
    sent = dict(asked.pairs(agency="Albany Village Police"))
    assert sent["governing_body.name"] == "Trustees Y"
    assert sent["date"] == "2027-01-15"
    facts = client.get("/en/facts", params=list(asked.pairs(agency="Albany Village Police")))
    assert facts.status_code == 200
    assert 'value="Trustees Y"' in facts.text
    assert 'value="Albany Village Police"' in facts.text


@pytest.mark.parametrize(
    ("policing", "asked"),
    [("municipal", True), ("constables", True), ("sheriff", False), ("state_police", False)],
)
def test_may_direct_is_asked_only_where_the_body_could_direct(
    client: TestClient, policing: str, asked: bool
) -> None:
    given = "&agency=Addison+Police" if policing == "municipal" else ""
    page = _facts(client, f"/en/facts?town=addison&policing={policing}{given}")
    assert ('name="may_direct"' in page) is asked
    assert ('name="police.policy_adopted_by"' in page) is (policing == "municipal")


def test_may_direct_sent_for_a_sheriff_town_is_not_recorded(client: TestClient) -> None:
    page = _facts(client, "/en/facts?town=addison&policing=sheriff")
    pairs = [*form_to(page, "/en/protections").pairs(), ("may_direct", "direct")]
    chosen = post(client, "/en/protections", pairs)
    assert chosen.status_code == 200, chosen.text
    preview = post(client, "/en/preview", form_to(chosen.text, "/en/preview").pairs())
    download = post(
        client,
        "/en/download",
        [*form_to(preview.text, "/en/download").pairs(), ("file", "profile")],
    )
    assert "body_may_direct: false" in download.text


@pytest.mark.parametrize("lang", LANGS)
def test_a_policing_answer_is_called_the_persons_own(client: TestClient, lang: str) -> None:
    page = _facts(client, f"/{lang}/facts?town=addison&policing=sheriff")
    assert str(escape(messages(lang)["facts.source_yours"].format(clerk="Town Clerk"))) in page
    assert "given to draftkit" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_each_source_is_named_once_in_plain_words(client: TestClient, lang: str) -> None:
    page = _facts(client, f"/{lang}/facts?town=brattleboro")
    detail = messages(lang)["facts.source_detail"].format(
        source="general Vermont practice, not checked town by town"
    )
    assert f"{escape(detail)}</p>" in page
    assert "general Vermont town government" not in page
    village = _facts(client, f"/{lang}/facts?town=albany-village&policing=sheriff")
    assert "familypedia" not in village
    assert "not verified" not in village


@pytest.mark.parametrize("lang", LANGS)
def test_every_problem_shows_by_its_field_at_once(client: TestClient, lang: str) -> None:
    page = _facts(client, f"/{lang}/facts?town=brattleboro")
    pairs = form_to(page, f"/{lang}/protections").pairs(
        legal_name="Town of Bratleboro", governing_body__name="", date="01/12/2026"
    )
    response = post(client, f"/{lang}/protections", pairs)
    assert response.status_code == 422
    said = messages(lang)
    for field, code in [
        ("legal_name", "legal_name_not_this_town"),
        ("governing_body-name", "blank"),
        ("date", "not_a_date"),
    ]:
        shown = f'<p class="error" id="{field}-error">{escape(said["problem." + code])}</p>'
        assert shown in response.text
