"""The protections in Spanish: every clause's title and summary and every loophole's
name have Spanish words (clauses/es/summaries.yaml) that say the English as it stands;
the Spanish pages show them; ``draftkit check`` names a missing or stale one."""

from __future__ import annotations

import re

import pytest
import yaml
from fastapi.testclient import TestClient
from markupsafe import escape
from tests.conftest import run
from tests.web.conftest import REPO, walk_to_preview

from draftkit.data.library import Library, load_library
from draftkit.data.spanish import (
    SPANISH_FILE,
    check_spanish,
    clause_fingerprint,
    library_words,
    load_spanish,
)
from draftkit.web.i18n import messages


def shown(text: str) -> str:
    return str(escape(text))


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(REPO)


def test_every_clause_and_loophole_has_spanish_for_its_english(library: Library) -> None:
    spanish = load_spanish(library)
    assert spanish is not None, f"clauses/{SPANISH_FILE} is missing"
    assert set(spanish.value.clauses) == set(library.clauses)
    assert set(spanish.value.loopholes) == {lh.id for lh in library.loophole_list()}
    assert check_spanish(library) == []


def test_the_spanish_says_each_glossary_term_the_glossary_way(library: Library) -> None:
    # companions/glossary.yaml: one Spanish for each term, in every Spanish text.
    terms = yaml.safe_load((REPO / "companions" / "glossary.yaml").read_text("utf-8"))["terms"]
    spanish = load_spanish(library)
    assert spanish is not None
    pairs = [
        (f"clauses.{i}", f"{c.value.title} {c.value.summary}", spanish.value.clauses[i])
        for i, c in library.clauses.items()
    ]
    off = []
    for where, english, entry in pairs:
        said = f"{entry.title} {entry.summary}".casefold()
        for term in terms:
            if re.search(r"\b" + re.escape(term["en"].casefold()) + r"s?\b", english.casefold()):
                forms = [term["es"], *term.get("es_forms", [])]
                if not any(form.casefold() in said for form in forms):
                    off.append(f"{where}: says {term['en']!r} but not {term['es']!r}")
    assert off == []


def _protections(client: TestClient, lang: str, facts_url: str) -> str:
    chosen, _ = walk_to_preview(client, lang, facts_url)
    return chosen.text


@pytest.mark.parametrize(
    "facts_url", ["/es/facts?town=brattleboro", "/es/facts?town=guildhall&policing=sheriff"]
)
def test_the_spanish_protections_page_shows_the_spanish(
    client: TestClient, library: Library, facts_url: str
) -> None:
    page = _protections(client, "es", facts_url)
    spanish = load_spanish(library)
    assert spanish is not None
    offered = re.findall(r'name="clause" value="([a-z0-9-]+)"', page)
    assert len(offered) > 5
    for clause_id in offered:
        entry = spanish.value.clauses[clause_id]
        english = library.clauses[clause_id].value
        assert f'lang="es">{shown(entry.summary)}</p>' in page
        assert f'lang="es">{shown(entry.title)}</label>' in page
        assert shown(english.summary) not in page
        for loophole in english.closes:
            assert f'<span lang="es">{shown(spanish.value.loopholes[loophole].name)}</span>' in page
    assert 'lang="en"' not in page.split("<main", 1)[1]
    assert shown(messages("es")["protections.english_note"]) not in page


def test_the_english_page_shows_the_english(client: TestClient, library: Library) -> None:
    page = _protections(client, "en", "/en/facts?town=brattleboro")
    spanish = load_spanish(library)
    assert spanish is not None
    civil = library.clauses["civil-stops"].value
    assert f'lang="en">{shown(civil.summary)}</p>' in page
    assert shown(spanish.value.clauses["civil-stops"].summary) not in page


def test_a_stale_spanish_summary_gives_way_to_the_labelled_english(
    client: TestClient, library: Library
) -> None:
    spanish = load_spanish(library)
    assert spanish is not None
    entry = spanish.value.clauses["civil-stops"]
    stale = spanish.value.model_copy(
        update={
            "clauses": {
                **spanish.value.clauses,
                "civil-stops": entry.model_copy(update={"english_fingerprint": "00000000"}),
            }
        }
    )
    # Set and restored by hand: monkeypatch would delete the value on undo, since
    # Starlette's State keeps its values outside the instance's __dict__.
    state = client.app.state  # type: ignore[attr-defined]
    state.spanish = type(spanish)(stale, spanish.source)
    try:
        page = _protections(client, "es", "/es/facts?town=brattleboro")
    finally:
        state.spanish = spanish
    civil = library.clauses["civil-stops"].value
    assert f'lang="en">{shown(civil.summary)}</p>' in page
    assert shown(entry.summary) not in page
    assert shown(messages("es")["protections.english_note"]) in page
    words = library_words(library, type(spanish)(stale, spanish.source), "es")
    assert words.clause_summaries["civil-stops"].lang == "en"
    assert words.clause_summaries["custody-access"].lang == "es"


def test_check_names_a_missing_spanish_summary(make_project) -> None:
    result = run(make_project("spanish-summary-missing"), "check")
    assert result.exit_code == 1
    assert result.stderr == (
        "clauses/es/summaries.yaml:2: clauses.custody-rule: no Spanish for the clause "
        "custody-rule\n"
        '  hint: add `custody-rule:` under `clauses:` with english_fingerprint: "b85b23ce" '
        "and title: and summary: in plain Spanish; a Spanish speaker should read it as an "
        "organizer would before it is merged\n"
        "error: 1 problem in 1 file\n"
    )


def test_check_names_a_stale_and_an_unknown_entry(make_project) -> None:
    root = make_project("spanish-summary-stale")
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stderr == (
        "clauses/es/summaries.yaml:5: clauses.custody-rule.english_fingerprint: the English "
        "of the clause custody-rule changed since this Spanish was written\n"
        "  hint: make the Spanish say what the English now says, then write "
        'english_fingerprint: "b85b23ce"; a Spanish speaker should read it as an organizer '
        "would before it is merged\n"
        "clauses/es/summaries.yaml:12: loopholes.custody-acess: there is no loophole "
        "custody-acess\n"
        "  hint: remove the entry, or correct its id to one of the ids in "
        "clauses/loopholes.yaml\n"
        "error: 2 problems in 1 file\n"
    )


def test_the_fingerprint_check_gives_is_the_clauses_english(make_project) -> None:
    root = make_project("spanish-summary-stale")
    library = load_library(root)
    assert clause_fingerprint(library.clauses["custody-rule"].value) == "b85b23ce"
    fixed = (root / "clauses" / SPANISH_FILE).read_text("utf-8")
    fixed = fixed.replace('"00000000"', '"b85b23ce"').split("  custody-acess:")[0]
    (root / "clauses" / SPANISH_FILE).write_text(fixed, "utf-8")
    assert run(root, "check").exit_code == 0
