"""Every answer to "who polices the town" leads somewhere a person can go on from: the
facts page, or the question again with its reason by the field; never "page not found"."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
import yaml
from fastapi.testclient import TestClient
from markupsafe import escape
from tests.web.conftest import form_to, post

from draftkit.data.fields import ARRANGEMENTS
from draftkit.web.i18n import messages

STARTS = {
    "brattleboro": {},  # the registry names its own department
    "addison-sheriff": {"policing": "sheriff"},
    "addison-state-police": {"policing": "state_police"},
    "addison-constables": {"policing": "constables"},
}
"""A municipal town (from the registry), and a town the person said is policed by the
sheriff, the State Police and its constables (the registry does not know Addison's)."""


def _facts_url(lang: str, town: str, **given: str) -> str:
    return f"/{lang}/facts?" + urlencode({"town": town, **given})


@pytest.mark.parametrize("start", list(STARTS))
@pytest.mark.parametrize("choice", ARRANGEMENTS)
def test_every_policing_choice_leads_on_to_the_preview(
    client: TestClient, start: str, choice: str
) -> None:
    town = start.split("-")[0]
    first = client.get(_facts_url("en", town, **STARTS[start]))
    assert first.status_code == 200, first.text
    given = {"policing": choice}
    if choice == "municipal" and town == "addison":
        given["agency"] = "Addison Police Department"
    facts = client.get(_facts_url("en", town, **given))
    assert facts.status_code == 200, facts.text
    chosen = post(client, "/en/protections", form_to(facts.text, "/en/protections").pairs())
    assert chosen.status_code == 200, chosen.text
    preview = post(client, "/en/preview", form_to(chosen.text, "/en/preview").pairs())
    assert preview.status_code == 200, preview.text


def test_a_municipal_answer_without_the_department_asks_for_its_name(client: TestClient) -> None:
    page = client.get(_facts_url("en", "addison", policing="municipal"))
    assert page.status_code == 422
    assert 'name="agency"' in page.text
    assert escape(messages("en")["problem.agency_missing"].format(kind="town")) in page.text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_departing_from_the_registry_is_said_by_the_field(client: TestClient, lang: str) -> None:
    page = client.get(_facts_url(lang, "brattleboro", policing="sheriff"))
    assert page.status_code == 200, page.text
    said = messages(lang)["facts.policing_departs"].format(
        agency="Brattleboro Police Department", kind=messages(lang)["place.kinds.town"]
    )
    assert str(escape(said)) in page.text


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("choice", ["sheriff", "state_police", "constables"])
def test_a_town_with_a_profile_keeps_its_policing_and_says_why(
    client: TestClient, lang: str, choice: str
) -> None:
    page = client.get(_facts_url(lang, "burlington", policing=choice))
    assert page.status_code == 422, page.text
    said = messages(lang)["problem.policing_in_profile"].format(
        kind=messages(lang)["place.kinds.city"]
    )
    assert f'<p class="error" id="policing-error">{escape(said)}</p>' in page.text
    assert "Burlington Police Department" in page.text


def test_the_same_answer_as_the_registry_is_no_departure(client: TestClient) -> None:
    page = client.get(_facts_url("en", "brattleboro", policing="municipal"))
    assert page.status_code == 200
    assert 'id="policing-departs"' not in page.text


def test_the_downloaded_profile_records_the_departure(client: TestClient) -> None:
    facts = client.get(_facts_url("en", "brattleboro", policing="sheriff"))
    chosen = post(client, "/en/protections", form_to(facts.text, "/en/protections").pairs())
    preview = post(client, "/en/preview", form_to(chosen.text, "/en/preview").pairs())
    pairs = [*form_to(preview.text, "/en/download").pairs(), ("file", "profile")]
    profile = post(client, "/en/download", pairs).text
    police = yaml.safe_load(profile)["police"]
    assert police["source"] == (
        "given to draftkit, departing from towns/registry.csv, which lists the "
        "Brattleboro Police Department"
    )
