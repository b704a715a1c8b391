"""Any Vermont municipality: names as people type them, defaults, and a draft for every
municipality the registry knows how to draft for."""

from __future__ import annotations

import datetime as dt
import functools
import json
import multiprocessing
import os

import pytest
from tests.conftest import REPO, run

from draftkit.data.defaults import Policing
from draftkit.data.library import load_library
from draftkit.data.registry import AmbiguousNameError
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft
from draftkit.errors import DraftkitError
from draftkit.word.inspection import text_lines

DOCUMENT_KINDS = ("resolution", "directive")

LIBRARY = load_library(REPO)
REGISTRY = LIBRARY.registry
assert REGISTRY is not None
OPTIONS = DraftOptions(date=dt.date(2026, 11, 27))


def test_registry_has_every_municipality() -> None:
    kinds = [m.kind for m in REGISTRY.rows]
    assert len(REGISTRY.rows) == 288
    assert (kinds.count("town"), kinds.count("city"), kinds.count("village")) == (237, 10, 32)
    assert len({REGISTRY.slug(m) for m in REGISTRY.rows}) == 288


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Saint Albans City", "St. Albans City"),
        ("st. albans town", "St. Albans Town"),
        ("City of Barre", "Barre City"),
        ("barre town", "Barre Town"),
        ("Warren Gore", "Warren's Gore"),
        ("WARRENS GORE", "Warren's Gore"),
        ("Village of Woodstock", "Woodstock"),
        ("woodstock-village", "Woodstock"),
        ("bellows falls", "Bellows Falls"),
        ("Enosburg", "Enosburgh"),
    ],
)
def test_names_as_people_type_them(typed: str, found: str) -> None:
    assert REGISTRY.find(typed).name == found


@pytest.mark.parametrize("typed", ["Barre", "St. Albans", "Rutland", "Newport", "Woodstock"])
def test_ambiguous_names_ask_which(typed: str) -> None:
    with pytest.raises(AmbiguousNameError):
        REGISTRY.find(typed)


def test_cli_ambiguous_name() -> None:
    result = run(REPO, "draft", "Barre", "--out", "unused")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: 'Barre' could mean 2 municipalities\n"
        "  hint: say which one: Barre City (city, Washington County): type barre-city; "
        "Barre Town (town, Washington County): type barre-town\n"
    )


def test_cli_misspelled_name() -> None:
    result = run(REPO, "draft", "Burlingon", "--out", "unused")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no Vermont municipality named 'Burlingon'\n"
        "  hint: did you mean Burlington (city, Chittenden County) or Arlington (town, "
        "Bennington County)?\n"
    )


def test_cli_unorganized_place() -> None:
    result = run(REPO, "draft", "Warren Gore", "--out", "unused")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: Warren's Gore (gore, Essex County) has no selectboard or council that could "
        "adopt a resolution: a state-appointed supervisor manages its affairs\n"
        "  hint: people there can ask the county sheriff or the Vermont State Police directly; "
        "the coalition can help\n"
    )


def test_cli_unknown_policing_names_the_option() -> None:
    result = run(REPO, "draft", "Addison", "--out", "unused")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the registry does not say who polices Addison (town, Addison County)\n"
        "  hint: add --policing municipal (with --agency NAME), --policing sheriff, "
        "--policing state-police or --policing constables\n"
    )


def test_policing_option_with_a_profile_is_refused() -> None:
    result = run(REPO, "draft", "burlington", "--policing", "sheriff", "--out", "unused")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: towns/burlington.yaml already says who polices Burlington\n"
        "  hint: edit the profile instead of passing --policing or --agency\n"
    )


def test_town_with_agency_given_on_the_command_line() -> None:
    policing = Policing(arrangement="municipal", agency="Addison Town Police")
    draft = prepare_draft(LIBRARY, "Addison", "directive", OPTIONS, policing)
    [data] = [d for n, d in draft.files.items() if n.endswith(".docx")]
    assert "Addison Town Police" in "\n".join(text_lines(data))
    assert draft.manifest["town"]["from_defaults"] is True


def test_defaults_draft_carries_a_visible_note() -> None:
    draft = prepare_draft(LIBRARY, "Rutland City", "all", OPTIONS)
    for name, data in draft.files.items():
        if name.endswith(".docx"):
            lines = text_lines(data)
            assert any(
                line.startswith("Notice | Prepared from registry defaults") for line in lines
            )
    assert draft.manifest["town"]["from_defaults"] is True


def test_towns_list_filters_and_json() -> None:
    result = run(REPO, "towns", "list", "--county", "Rutland", "--kind", "city", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "town": "rutland-city",
            "name": "Rutland City",
            "kind": "city",
            "county": "Rutland",
            "policing": "municipal",
            "profile": "no",
        }
    ]


def _draftable() -> list[str]:
    names = []
    for m in REGISTRY.rows:
        if m.organized and (
            m.police_status == "own" or m.police_status.startswith(("shared:", "see_parent_town"))
        ):
            names.append(REGISTRY.slug(m))
    return names


def _draft_texts(job: tuple[str, str | None]) -> dict[str, list[str]]:
    """The text lines of each Word document drafted for (slug, arrangement), by kind."""
    slug, arrangement = job
    said = Policing(arrangement=arrangement) if arrangement else None  # type: ignore[arg-type]
    draft = prepare_draft(LIBRARY, slug, "all", OPTIONS, said)
    return {kind: draft.texts[name] for kind, name in draft.manifest["documents"].items()}


@functools.cache
def _every_draft() -> dict[tuple[str, str | None], dict[str, list[str]]]:
    """Every municipality drafted once per arrangement, on every core: the checks below
    then only read the results (the suite's largest job, shared like `draftkit batch`)."""
    jobs = [(slug, None) for slug in _draftable()] + [
        (slug, arrangement)
        for slug in _unknown_policing()
        for arrangement in ("sheriff", "state_police", "constables")
    ]
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        return dict(zip(jobs, pool.map(_draft_texts, jobs, chunksize=8), strict=True))


@pytest.mark.parametrize("slug", _draftable())
def test_every_municipality_with_its_own_police_drafts(slug: str) -> None:
    resolved = LIBRARY.resolve_town(slug)
    profile = resolved.loaded.value
    texts = _every_draft()[(slug, None)]
    resolution, directive = ("\n".join(texts[kind]) for kind in ("resolution", "directive"))
    assert profile.governing_body.name in resolution
    assert f"| {profile.governing_body.presiding_officer_title}" in resolution
    assert f"| {profile.governing_body.clerk_title}" in resolution
    assert profile.police.name in directive


@pytest.mark.parametrize("slug", [REGISTRY.slug(m) for m in REGISTRY.rows if not m.organized])
def test_every_unorganized_place_is_refused_plainly(slug: str) -> None:
    with pytest.raises(DraftkitError, match="has no selectboard or council"):
        prepare_draft(LIBRARY, slug, "all", OPTIONS)


def test_draft_asks_who_polices_when_a_person_is_at_the_keyboard(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr("draftkit.cli.common.interactive", lambda: True)
    out = tmp_path / "d"
    result = run(
        REPO,
        "draft",
        "Addison",
        "--date",
        "2026-11-27",
        "--out",
        str(out),
        input="municipal\nAddison Town Police\n",
    )
    assert result.exit_code == 0, result.output
    assert "Who polices the town?" in result.output
    assert (out / "2026-11-27-addison-police-directive.docx").exists()


def _unknown_policing() -> list[str]:
    return [
        REGISTRY.slug(m) for m in REGISTRY.rows if m.organized and m.police_status == "none_listed"
    ]


@pytest.mark.parametrize("slug", _unknown_policing())
def test_every_municipality_without_its_own_police_drafts_for_every_other_arrangement(
    slug: str,
) -> None:
    for arrangement, expected in (("sheriff", 2), ("state_police", 1), ("constables", 1)):
        texts = _every_draft()[(slug, arrangement)]
        assert len(texts) == expected
        profile = LIBRARY.resolve_town(slug, Policing(arrangement=arrangement)).loaded.value  # type: ignore[arg-type]
        resolution = "\n".join(texts["resolution"])
        assert f"| {profile.governing_body.name.upper()}" in resolution
        assert f"| {profile.governing_body.presiding_officer_title}" in resolution
        assert f"| {profile.governing_body.clerk_title}" in resolution
        assert profile.police.name in resolution


def test_final_draft_from_defaults_is_refused() -> None:
    result = run(REPO, "draft", "Rutland City", "--final", "--out", "unused")
    assert result.exit_code == 1
    # With the other refusal --final would give next (the library's clauses await review).
    assert result.stderr.startswith(
        "a final draft needs a confirmed profile; Rutland City has only registry defaults\n"
        "  hint: write one with `draftkit towns new rutland-city` and check it with the clerk\n"
        "a final draft may contain only clauses approved at their current text; not approved: "
        "victim-witness-status (unreviewed), "
    )
    assert result.stderr.endswith(
        "  hint: have a lawyer review them (`draftkit clauses review`), or draft without "
        "--final\nerror: 2 problems found\n"
    )


def test_profile_must_agree_with_the_registry(tmp_path) -> None:
    import shutil

    root = tmp_path / "project"
    for folder in ("towns", "clauses", "resolutions"):
        shutil.copytree(REPO / folder, root / folder)
    profile = root / "towns/burlington.yaml"
    original = profile.read_text()
    profile.write_text(original.replace("county: Chittenden", "county: Chitenden"))
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stderr == (
        "towns/burlington.yaml:6: county: Burlington is in Chittenden County, not 'Chitenden'\n"
        "  hint: write county: Chittenden\n"
        "error: 1 problem in 1 file\n"
    )


@pytest.mark.parametrize(
    "legal_name",
    [
        "Town of Hinesburg",
        "Town of Burlington",
        "Ciudad de Burlington",
        "City of South Burlington",
        "City of burlington",
    ],
)
def test_a_legal_name_must_be_the_kinds_style_and_name_the_place(tmp_path, legal_name) -> None:
    import shutil

    root = tmp_path / "project"
    for folder in ("towns", "clauses", "resolutions"):
        shutil.copytree(REPO / folder, root / folder)
    profile = root / "towns/burlington.yaml"
    profile.write_text(
        profile.read_text().replace("legal_name: City of Burlington", f"legal_name: {legal_name}")
    )
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stderr == (
        f"towns/burlington.yaml:4: legal_name: {legal_name!r} is not the legal name of the city "
        "of Burlington, which is written 'City of Burlington'\n"
        "  hint: write it in English as the charter does: a town's legal name begins 'Town of', "
        "a city's 'City of', a village's 'Village of'\n"
        "error: 1 problem in 1 file\n"
    )


def test_every_organized_municipality_gets_a_legal_name_of_its_kind() -> None:
    # The registry's defaults pass the profile model's legal-name rule, unusual names too.
    for slug, expected in {
        "barre-town": "Town of Barre",
        "barre-city": "City of Barre",
        "st-albans-city": "City of St. Albans",
        "essex-junction": "City of Essex Junction",
        "south-burlington": "City of South Burlington",
        "albany-village": "Village of Albany",
    }.items():
        said = Policing(arrangement="state_police", on_purpose=True)
        assert LIBRARY.resolve_town(slug, said).loaded.value.legal_name == expected
    for m in REGISTRY.rows:
        if m.organized and REGISTRY.slug(m) not in LIBRARY.towns:
            said = Policing(arrangement="state_police", on_purpose=True)
            profile = LIBRARY.resolve_town(REGISTRY.slug(m), said).loaded.value
            assert profile.legal_name.startswith(f"{m.kind.capitalize()} of ")
