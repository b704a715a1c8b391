"""Every error a person can meet on the pages carries a stable code, and each code has
words in English and in Spanish: a Spanish page never falls back to the core's English."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from tests.web.conftest import REPO, form_to, post

from draftkit.data.loading import PYDANTIC_CODES, validate
from draftkit.data.town_models import TownProfile
from draftkit.data.yaml_reading import parse_yaml
from draftkit.web.i18n import LANGS, messages

SOURCE = REPO / "src" / "draftkit"
ENGLISH_LABEL = "el mensaje viene en inglés"


def _codes_in(path: Path) -> set[str]:
    """Codes a module gives: ``code="..."`` arguments, ``Problem("...")`` in the web,
    and the codes ``text_problem_code`` returns."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                    found.add(keyword.value.value)
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            if name == "Problem" and node.args and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
        if isinstance(node, ast.FunctionDef) and node.name == "text_problem_code":
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Return)
                    and isinstance(inner.value, ast.Tuple)
                    and isinstance(inner.value.elts[0], ast.Constant)
                ):
                    found.add(inner.value.elts[0].value)
    return found


def all_codes() -> set[str]:
    """Every code the core and the web use."""
    codes = set(PYDANTIC_CODES.values())
    for path in sorted(SOURCE.rglob("*.py")):
        codes |= _codes_in(path)
    return {c for c in codes if isinstance(c, str)}


def test_the_walk_finds_codes_from_each_source() -> None:
    # The walk itself must be able to fail: codes from the core, the web, the text
    # rules and the profile model are each found.
    codes = all_codes()
    assert {
        "legal_name_not_this_town",  # the profile model, through PYDANTIC_CODES
        "town_not_found",  # registry.py, code=
        "format_character",  # text_rules.text_problem_code
        "no_clauses",  # web/routes.py, Problem(...)
        "bad_character",  # text_rules.text_problem_code
        "body_may_not_direct",  # the profile model, through PYDANTIC_CODES
    } <= codes


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_has_words_in_both_languages(lang: str) -> None:
    missing = sorted(c for c in all_codes() if f"problem.{c}" not in messages(lang))
    assert missing == [], f"add these under problem: in messages/{lang}.yaml"


@pytest.mark.parametrize("lang", LANGS)
def test_no_wording_names_a_cli_flag(lang: str) -> None:
    flagged = {k: v for k, v in messages(lang).items() if re.search(r"(^|\s)--[a-z]", v)}
    assert flagged == {}


def test_a_profile_model_error_carries_its_code_and_field(tmp_path: Path) -> None:
    text = (REPO / "towns" / "burlington.yaml").read_text(encoding="utf-8")
    text = text.replace("  body_may_direct: false\n", "  body_may_direct: true\n").replace(
        "police:\n",
        "police:\n  run_by:\n    legal_name: Town of Essex\n    body: Selectboard\n",
        1,
    )
    document = parse_yaml(text, path=tmp_path / "burlington.yaml", shown="towns/burlington.yaml")
    with pytest.raises(Exception) as raised:
        validate(TownProfile, document, schema_name="town")
    (problem,) = raised.value.problems  # type: ignore[attr-defined]
    assert (problem.code, problem.field) == ("body_may_not_direct", "police")
    assert problem.message == (
        "police: body_may_direct must be false: the Burlington Police Department belongs "
        "to the Town of Essex, whose officials adopt its policies"
    )


def facts_pairs(client: TestClient, lang: str, town: str, **changes: str):
    page = client.get(f"/{lang}/facts", params={"town": town}).text
    return form_to(page, f"/{lang}/protections").pairs(**changes)


@pytest.mark.parametrize("lang", LANGS)
def test_a_department_another_municipality_runs_can_only_be_asked(
    client: TestClient, lang: str
) -> None:
    # Woodstock town is policed by the Village of Woodstock's department.
    pairs = facts_pairs(client, lang, "woodstock-town", may_direct="direct")
    response = post(client, f"/{lang}/protections", pairs)
    assert response.status_code == 422
    wording = str(escape(messages(lang)["problem.body_may_not_direct"]))
    assert f'<p class="error" id="may_direct-error">{wording}</p>' in response.text
    assert "body_may_direct" not in response.text
    assert ENGLISH_LABEL not in response.text


@pytest.mark.parametrize(
    ("town", "field", "value"),
    [
        ("woodstock-town", "may_direct", "direct"),
        ("brattleboro", "legal_name", "City of Somewhere"),
        ("brattleboro", "legal_name", "Town of"),
        ("brattleboro", "police__name", ""),
        ("brattleboro", "police__head_title", "x" * 201),
        ("brattleboro", "governing_body__name", "\u202e"),
        ("brattleboro", "sponsors", "A\x00B"),
        ("brattleboro", "date", "2026-02-30"),
        ("brattleboro", "may_direct", "maybe"),
        ("burlington", "governing_body__clerk_title", "   "),
    ],
)
def test_a_spanish_page_never_shows_the_cores_english(
    client: TestClient, town: str, field: str, value: str
) -> None:
    response = post(client, "/es/protections", facts_pairs(client, "es", town, **{field: value}))
    assert response.status_code == 422
    errors = re.findall(r'<p class="error"[^>]*>(.*?)</p>', response.text)
    assert errors
    assert not [e for e in errors if ENGLISH_LABEL in e or "No se acepta" in e]
