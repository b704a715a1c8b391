"""Bad input to the web service: each refused plainly, next to its field, in the page's
language; never a traceback, never a file path from a request."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from tests.web.conftest import REPO, form_to, post

from draftkit.dates import latest
from draftkit.web import create_app, steps
from draftkit.web.i18n import messages

LAST = latest().isoformat()


def shown(text: str) -> str:
    return str(escape(text))


def facts_pairs(client: TestClient, lang: str = "en", town: str = "brattleboro", **changes: str):
    page = client.get(f"/{lang}/facts", params={"town": town}).text
    return form_to(page, f"/{lang}/protections").pairs(**changes)


@pytest.mark.parametrize(
    ("field", "value", "code", "details"),
    [
        ("legal_name", "   ", "blank", {}),
        ("police__name", "Police\x00Department", "bad_character", {"character": "U+0000"}),
        ("governing_body__name", "\u0301\u0301", "invisible", {}),
        ("legal_name", "Ciudad de Brattleboro", "legal_name_not_this_town", {}),
        ("legal_name", "City of Brattleboro", "legal_name_not_this_town", {}),
        ("legal_name", "Village of Brattleboro", "legal_name_not_this_town", {}),
        (
            "governing_body__name",
            "Select\u202eboard",
            "format_character",
            {"character": "U+202E", "name": "right-to-left override"},
        ),
        (
            "legal_name",
            "Town\u200b of Brattleboro",
            "format_character",
            {"character": "U+200B", "name": "zero-width space"},
        ),
        ("governing_body__name", "委员会", "no_latin_letter", {}),
        ("governing_body__name", "🏔️", "no_latin_letter", {}),
        ("governing_body__presiding_officer_title", "-", "no_latin_letter", {}),
        ("governing_body__clerk_title", "a", "too_short", {"limit": 2}),
        ("governing_body__clerk_title", "x" * 201, "too_long", {"limit": 200}),
        ("date", "2026-13-01", "not_a_date", {}),
        ("date", "2026-W01-1", "not_a_date", {}),
        ("date", "0001-01-01", "date_out_of_range", {"first": "2000-01-01", "last": LAST}),
        ("date", "9999-12-31", "date_out_of_range", {"first": "2000-01-01", "last": LAST}),
        ("may_direct", "maybe", "unknown_choice", {}),
        ("policing", "army", "unknown_choice", {}),
    ],
)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_bad_answer_is_shown_next_to_its_field(
    client: TestClient, lang: str, field: str, value: str, code: str, details: dict[str, object]
) -> None:
    response = post(client, f"/{lang}/protections", facts_pairs(client, lang, **{field: value}))
    assert response.status_code == 422
    name = field.replace("__", "-")
    wording = shown(messages(lang)[f"problem.{code}"].format(**details))
    assert re.search(f'<p class="error" id="{name}-error">{re.escape(wording)}</p>', response.text)
    assert shown(messages(lang)["facts.errors_title"]) in response.text


def test_an_invalid_answer_keeps_what_was_typed_and_then_passes(client: TestClient) -> None:
    bad = post(client, "/en/protections", facts_pairs(client, police__name="", date="tomorrow"))
    assert bad.status_code == 422
    assert 'id="police-name-error"' in bad.text and 'id="date-error"' in bad.text
    assert 'value="tomorrow"' in bad.text
    fixed = form_to(bad.text, "/en/protections").pairs(
        police__name="Brattleboro Police Department", date="2026-03-02"
    )
    good = post(client, "/en/protections", fixed)
    assert good.status_code == 200
    assert "Choose the protections" in good.text


def test_template_syntax_and_markup_are_text(client: TestClient) -> None:
    odd = "{{ 7*7 }} <b>Dept</b> & {% if %}"
    chosen = post(client, "/en/protections", facts_pairs(client, police__name=odd))
    assert chosen.status_code == 200
    preview = post(client, "/en/preview", form_to(chosen.text, "/en/preview").pairs())
    assert preview.status_code == 200
    assert shown(odd) in preview.text
    assert "<b>Dept</b>" not in preview.text
    assert "49" not in re.findall(r"\d+", shown(odd))


def test_a_required_protection_is_enforced(client: TestClient) -> None:
    chosen = post(client, "/en/protections", facts_pairs(client))
    pairs = [
        p
        for p in form_to(chosen.text, "/en/preview").pairs()
        if p != ("clause", "information-sharing")
    ]
    response = post(client, "/es/preview", pairs)
    assert response.status_code == 422
    assert 'id="custody-access-error"' in response.text
    assert shown(messages("es")["problem.clause_requires"]) in response.text


def test_no_protection_chosen_is_refused(client: TestClient) -> None:
    chosen = post(client, "/en/protections", facts_pairs(client))
    pairs = [p for p in form_to(chosen.text, "/en/preview").pairs() if p[0] != "clause"]
    response = post(client, "/en/preview", pairs)
    assert response.status_code == 422
    assert shown(messages("en")["problem.no_clauses"]) in response.text


def test_an_unknown_protection_is_refused(client: TestClient) -> None:
    pairs = [*facts_pairs(client), ("clause", "../../etc/passwd")]
    response = post(client, "/en/preview", pairs)
    assert response.status_code == 422
    assert shown(messages("en")["problem.clause_not_found"]) in response.text


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/en/facts?town=nowhere-at-all", 404),
        ("/es/facts?town=barre", 404),
        ("/en/facts", 404),
        ("/fr/", 404),
        ("/en/no-such-page", 404),
        ("/static/../pyproject.toml", 404),
        ("/static/app.py", 404),
        ("/en/preview", 405),
    ],
)
def test_unknown_pages_get_a_plain_page(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert "Traceback" not in response.text
    lang = "es" if url.startswith("/es/") else "en"
    assert f'<html lang="{lang}">' in response.text
    assert shown(messages(lang)[f"error.titles.{status}"]) in response.text


def test_an_unorganized_place_typed_into_the_address(client: TestClient) -> None:
    response = client.get("/es/facts", params={"town": "averill"})
    assert response.status_code == 200
    assert shown(messages("es")["unorganized.title"]) in response.text


@pytest.mark.parametrize(("name", "code"), [("", "blank"), ("x" * 101, "too_long")])
def test_a_bad_town_name_is_refused_on_the_form(client: TestClient, name: str, code: str) -> None:
    response = client.get("/es/town", params={"name": name})
    assert response.status_code == 422
    assert 'id="name-error"' in response.text
    assert shown(messages("es")[f"problem.{code}"].format(limit=100)) in response.text


def test_a_body_over_the_limit_is_refused(client: TestClient) -> None:
    response = post(client, "/en/protections", [("town", "brattleboro"), ("x", "y" * 70_000)])
    assert response.status_code == 413
    assert shown(messages("en")["error.titles.413"]) in response.text


def test_a_body_without_a_length_is_counted(client: TestClient) -> None:
    def chunks():
        yield b"town=brattleboro&x="
        for _ in range(20):
            yield b"y" * 4096

    response = client.post(
        "/es/protections",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413
    assert '<html lang="es">' in response.text


def test_too_many_fields_are_refused(client: TestClient) -> None:
    response = post(client, "/en/protections", [("clause", f"c{i}") for i in range(300)])
    assert response.status_code == 400


def test_a_bug_shows_a_plain_page(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(steps, "look_up", broken)
    with TestClient(create_app(REPO, pdf=False), raise_server_exceptions=False) as client:
        response = client.get("/es/town", params={"name": "Brattleboro"})
    assert response.status_code == 500
    assert shown(messages("es")["error.titles.500"]) in response.text
    assert "bug" not in response.text


def test_answers_are_checked_as_draftkit_check_checks_a_profile(client: TestClient) -> None:
    pairs = facts_pairs(client, "es", legal_name="City of Somewhere")
    response = post(client, "/es/protections", pairs)
    assert response.status_code == 422
    assert (
        '<p class="error" id="legal_name-error">'
        + shown(messages("es")["problem.legal_name_not_this_town"])
        + "</p>"
    ) in response.text
    assert "el mensaje viene en inglés" not in response.text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_problem_without_words_of_its_own_never_shows_empty_brackets(lang: str) -> None:
    from draftkit.web.forms import Problem
    from draftkit.web.i18n import Translator
    from draftkit.web.pages import word_problem

    worded = word_problem(Translator(lang), Problem("no_such_code"))
    assert "()" not in worded and worded.strip()
    with_english = word_problem(Translator(lang), Problem("no_such_code", {"english": "x: bad"}))
    assert with_english.endswith("(x: bad)")
