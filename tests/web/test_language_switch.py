"""The language switch on a page with a form is a button of that form: it carries what
the person typed but has not sent, shows the same step in the other language, and never
checks the answers (a person switching language has not asked for "Next")."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from tests.web.conftest import form_to, post

from draftkit.web.i18n import LANGS, messages

OTHER = {"en": "es", "es": "en"}


def _switch_button(page: str) -> str:
    found = re.findall(r'<button type="submit" class="switch"[^>]*>[^<]*</button>', page)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("lang", LANGS)
def test_the_switch_is_a_button_of_the_facts_form_labelled_in_the_other_language(
    client: TestClient, lang: str
) -> None:
    page = client.get(f"/{lang}/facts?town=brattleboro").text
    other = OTHER[lang]
    label = escape(messages(other)["lang.switch"])
    assert _switch_button(page) == (
        f'<button type="submit" class="switch" form="facts-form" '
        f'formaction="/{other}/protections" formmethod="post" formnovalidate name="switch" '
        f'value="facts" lang="{other}" aria-label="{label}">'
        f"{messages(other)['lang.name']}</button>"
    )
    # Enter in a text box still means "Next": the form's first button in the document.
    assert page.index('form="facts-form" class="visually-hidden"') < page.index('class="switch"')
    assert 'id="facts-form"' in page


@pytest.mark.parametrize("lang", LANGS)
def test_switching_on_the_facts_page_keeps_unsent_answers_and_checks_nothing(
    client: TestClient, lang: str
) -> None:
    page = client.get(f"/{lang}/facts?town=brattleboro").text
    other = OTHER[lang]
    typed = form_to(page, f"/{lang}/protections").pairs(
        governing_body__name="Selectboard Y",
        governing_body__presiding_officer_title="",  # blank: "Next" would refuse it
        sponsors="Ana Pérez\nBo Li",
        date="01/12/2026",  # not YYYY-MM-DD: "Next" would refuse it
        may_direct="request",
    )
    response = post(client, f"/{other}/protections", [*typed, ("switch", "facts")])
    assert response.status_code == 200, response.text
    again = response.text
    assert f'<html lang="{other}">' in again
    assert 'value="Selectboard Y"' in again
    assert (
        'id="governing_body-presiding_officer_title" name="governing_body.presiding_officer_title" value=""'
        in again
    )
    assert "Ana Pérez\nBo Li</textarea>" in again
    assert 'value="01/12/2026"' in again
    assert 'value="request" checked' in again
    assert messages(other)["facts.errors_title"] not in again
    assert messages(other)["problem.blank"] not in again
    assert messages(other)["problem.not_a_date"] not in again


def test_switching_on_the_protections_page_keeps_the_boxes_as_ticked(client: TestClient) -> None:
    facts = client.get("/es/facts?town=brattleboro").text
    chosen = post(client, "/es/protections", form_to(facts, "/es/protections").pairs())
    assert chosen.status_code == 200, chosen.text
    assert _switch_button(chosen.text).startswith(
        '<button type="submit" class="switch" form="protections-form" '
        'formaction="/en/protections" formmethod="post" formnovalidate name="switch" '
        'value="protections" lang="en"'
    )
    pairs = form_to(chosen.text, "/es/preview").pairs()
    assert ("clause", "language-access") in pairs
    unticked = [p for p in pairs if p != ("clause", "language-access")]
    response = post(client, "/en/protections", [*unticked, ("switch", "protections")])
    assert response.status_code == 200, response.text
    assert '<html lang="en">' in response.text
    boxes = dict(re.findall(r'<input type="checkbox" id="clause-([a-z-]+)"([^>]*)>', response.text))
    assert " checked" not in boxes["language-access"]
    assert " checked" in boxes["custody-access"]
    # None ticked stays none ticked, with no error until "Next".
    nothing = [p for p in pairs if p[0] != "clause"]
    response = post(client, "/en/protections", [*nothing, ("switch", "protections")])
    assert response.status_code == 200, response.text
    assert " checked" not in response.text
    assert messages("en")["problem.no_clauses"] not in response.text


def test_switching_on_the_policing_question_keeps_the_choice_and_asks_again(
    client: TestClient,
) -> None:
    page = client.get("/en/facts?town=albany-village").text
    assert 'id="policing-form"' in page
    assert (
        'formaction="/es/facts" formmethod="get" formnovalidate name="switch" value="policing"'
        in page
    )
    pairs = form_to(page, "/en/facts").pairs(policing="municipal", agency="")
    response = client.get("/es/facts", params=[*pairs, ("switch", "policing")])
    assert response.status_code == 200, response.text
    assert '<html lang="es">' in response.text
    assert 'value="municipal" required checked' in response.text
    assert messages("es")["problem.agency_missing"] not in response.text


def test_switching_on_the_home_page_keeps_the_name_typed(client: TestClient) -> None:
    page = client.get("/en/").text
    assert 'form="town-form" formaction="/es/" formmethod="get"' in page
    response = client.get("/es/", params={"name": "Bratt", "switch": "home"})
    assert response.status_code == 200
    assert 'id="name" name="name" value="Bratt"' in response.text


def test_a_page_without_a_form_keeps_the_plain_link(client: TestClient) -> None:
    page = client.get("/es/town", params={"name": "Warren Gore"}).text
    assert '<a class="switch" href="/en/town?name=Warren+Gore" lang="en" hreflang="en"' in page
