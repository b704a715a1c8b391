"""Issue 8, profiles that ask the right questions: who adopts police policy and whether
the body may direct, defaults that are not facts, --policing that cannot contradict the
registry, one agency serving two municipalities, the policing question in words, output
names that follow the governing body, and ``towns new --force``."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from tests.conftest import REPO, run

from draftkit.data.library import load_library
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft
from draftkit.naming import body_word
from draftkit.word.inspection import text_lines

LIBRARY = load_library(REPO)
OPTIONS = DraftOptions(date=dt.date(2026, 11, 27))


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for folder in ("towns", "clauses", "resolutions"):
        shutil.copytree(REPO / folder, root / folder)
    return root


# ------------------------------------------------------------- output names follow the body


@pytest.mark.parametrize(
    ("town", "policing", "name"),
    [
        ("Hinesburg", None, "2026-11-27-hinesburg-selectboard-resolution.docx"),
        ("Burlington", None, "2026-11-27-burlington-council-resolution.docx"),
        ("Rutland City", None, "2026-11-27-rutland-city-aldermen-resolution.docx"),
        ("Bridport", "sheriff", "2026-11-27-bridport-selectboard-resolution.docx"),
        ("Albany village", "state-police", "2026-11-27-albany-village-trustees-resolution.docx"),
    ],
)
def test_a_resolution_file_is_named_for_the_body_that_adopts_it(
    tmp_path: Path, town: str, policing: str | None, name: str
) -> None:
    out = tmp_path / "out"
    extra = ["--policing", policing] if policing else []
    result = run(
        REPO,
        "draft",
        town,
        "--doc",
        "resolution",
        "--date",
        "2026-11-27",
        "--out",
        str(out),
        *extra,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"wrote {out / name}"
    assert (out / name.replace(".docx", ".manifest.json")).exists()


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ("Selectboard", "selectboard"),
        ("Board of Selectmen", "selectboard"),
        ("City Council", "council"),
        ("Board of Trustees", "trustees"),
        ("Board of Aldermen", "aldermen"),
        ("Prudential Committee", "prudential-committee"),
        ("Board of Civil Authority", "civil-authority"),
    ],
)
def test_body_words(body: str, word: str) -> None:
    assert body_word(body) == word


# ---------------------------------------------------- --policing never contradicts the registry

HINESBURG_REFUSAL = (
    "error: the registry lists Hinesburg (town, Chittenden County) as policed by the "
    "Hinesburg Police Department; --policing sheriff contradicts it\n"
    "  hint: draft without --policing; to draft for another arrangement on purpose, write a "
    "profile that says so: `draftkit towns new hinesburg --policing sheriff`\n"
)


def test_draft_policing_that_contradicts_the_registry_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(REPO, "draft", "Hinesburg", "--policing", "sheriff", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == HINESBURG_REFUSAL
    assert not out.exists()


def test_packet_policing_that_contradicts_the_registry_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(REPO, "packet", "Hinesburg", "--policing", "sheriff", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == HINESBURG_REFUSAL
    assert not out.exists()


def test_a_village_served_by_its_towns_department_is_not_redrafted_for_state_police(
    tmp_path: Path,
) -> None:
    result = run(REPO, "draft", "Woodstock village", "--policing", "state-police")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the registry lists Woodstock (village, in Woodstock, Windsor County) as policed "
        "by the Woodstock Police Department; --policing state-police contradicts it\n"
        "  hint: draft without --policing; to draft for another arrangement on purpose, write a "
        "profile that says so: `draftkit towns new woodstock-village --policing state-police`\n"
    )


def test_a_profile_departs_from_the_registry_on_purpose(tmp_path: Path) -> None:
    root = _project(tmp_path)
    made = run(root, "towns", "new", "Hinesburg", "--policing", "sheriff", "--yes")
    assert made.exit_code == 0, made.output
    out = tmp_path / "out"
    drafted = run(root, "draft", "Hinesburg", "--date", "2026-11-27", "--out", str(out))
    assert drafted.exit_code == 0, drafted.output
    assert (out / "2026-11-27-hinesburg-contract-addendum.docx").exists()


def test_batch_policing_applies_only_where_policing_is_unknown(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        REPO, "batch", "Hinesburg", "Bridport", "--policing", "sheriff",
        "--date", "2026-11-27", "--out", str(out), "--workers", "1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "2026-11-27-bridport-contract-addendum.docx",
        "2026-11-27-bridport-manifest.json",
        "2026-11-27-bridport-selectboard-resolution.docx",
        "2026-11-27-hinesburg-manifest.json",
        "2026-11-27-hinesburg-police-directive.docx",
        "2026-11-27-hinesburg-selectboard-resolution.docx",
    ]


# ------------------------------------------------------- one agency, two municipalities


def _resolution(town: str) -> str:
    draft = prepare_draft(LIBRARY, town, "resolution", OPTIONS)
    [lines] = draft.texts.values()
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("owner", "owner_words", "other", "other_body", "department"),
    [
        ("Woodstock village", "Board of Trustees of the Village of Woodstock",
         "Woodstock town", "Selectboard", "Woodstock Police Department"),
        ("Ludlow town", "Selectboard of the Town of Ludlow",
         "Ludlow village", "Board of Trustees", "Ludlow Police Department"),
        ("Swanton town", "Selectboard of the Town of Swanton",
         "Swanton village", "Board of Trustees", "Swanton Police Department"),
    ],
)  # fmt: skip
def test_one_department_two_municipalities(
    owner: str, owner_words: str, other: str, other_body: str, department: str
) -> None:
    mine = _resolution(owner)
    assert f"requests the Chief of Police to amend the {department}'s" in mine
    assert "is a department of the" not in mine
    asking = _resolution(other)
    owner_legal = owner_words.split(" of the ", 1)[1]
    assert (
        f"Recital | WHEREAS, the {department} is a department of the {owner_legal}, whose "
        f"officials adopt its policies, and it serves the "
    ) in asking
    # Both resolutions name the one official who adopts the policy the same way (third
    # counsel review 2026-12-01, S2); the owner's body is not asked to amend it.
    assert (
        f"List Number | The {other_body} requests the Chief of Police "
        f"to amend the {department}'s Fair and Impartial Policing Policy"
    ) in asking
    assert f"requests the {owner_words}" not in asking
    assert " directs " not in asking
    profile = LIBRARY.resolve_town(other).loaded.value
    assert profile.police.run_by is not None and not profile.police.body_may_direct


SHARED_PAIRS = [
    ("Woodstock village", "Woodstock town"),
    ("Ludlow town", "Ludlow village"),
    ("Swanton town", "Swanton village"),
    ("Manchester town", "Manchester village"),
    ("Essex town", "Essex Junction city"),
]
"""Every department in towns/defaults.yaml's shared_agencies: (adopting, requesting)."""


def _directive_lines(town: str) -> list[str]:
    draft = prepare_draft(LIBRARY, town, "directive", OPTIONS)
    [lines] = draft.texts.values()
    # The header carries only the draft date, the same on both sides; it is left out so
    # that the comparison is of the directive's own text.
    return [line for line in lines if not line.startswith("header:")]


def test_every_shared_department_is_tested() -> None:
    assert LIBRARY.defaults is not None
    listed = {
        (shared.adopted_by, other)
        for shared in LIBRARY.defaults.value.shared_agencies.values()
        for other in shared.also_serves
    }
    assert listed == set(SHARED_PAIRS)


@pytest.mark.parametrize(("owner", "other"), SHARED_PAIRS)
def test_a_shared_department_has_one_directive(owner: str, other: str) -> None:
    """Second counsel review 2026-12-01, M1: both municipalities attach the same text,
    drafted for the adopting one and covering the whole area the department serves."""
    adopting, requesting = _directive_lines(owner), _directive_lines(other)
    assert adopting == requesting
    owner_profile = LIBRARY.resolve_town(owner).loaded.value
    other_profile = LIBRARY.resolve_town(other).loaded.value
    body, legal = owner_profile.governing_body.name, owner_profile.legal_name
    other_body, other_legal = other_profile.governing_body.name, other_profile.legal_name
    # Fourth counsel review 2026-12-01, item 1: the one directive names both resolutions.
    authority = (
        f"cell 4.2 Normal | 20 V.S.A. \u00a7 2366; resolutions of the {body} of the {legal} "
        f"and of the {other_body} of the {other_legal}"
    )
    assert authority in adopting
    text = "\n".join(line for line in adopting if line != authority)
    assert (
        f"a written report on the Agency's work in the {legal} and the "
        f"{other_profile.legal_name} for the year"
    ) in text
    assert f"the person the {body} designates in writing to receive such complaints" in text
    assert other_profile.governing_body.name not in text.replace(body, "")
    asking = _resolution(other)
    assert (
        f"List Number | Exhibit A is the directive drafted for the {body} of the {legal}, "
        "attached word for word"
    ) in asking
    assert (
        f"The {body} of the {legal} acts on Exhibit A by its own resolution, and the "
        f"{owner_profile.police.policy_adopted_by} adopts it. This resolution is the "
        f"{other_body}{_possessive(other_body)} parallel request for the same directive: it "
        "does not itself adopt "
        f"Exhibit A, and it takes effect on adoption whether or not the {body} of the {legal} "
        "has acted."
    ) in asking
    assert " directs " not in asking and "requests the" in asking


def test_shared_agencies_must_name_registry_municipalities(tmp_path: Path) -> None:
    root = _project(tmp_path)
    defaults = root / "towns" / "defaults.yaml"
    defaults.write_text(
        defaults.read_text().replace(
            "also_serves: [Ludlow village]", "also_serves: [Ludlo village]"
        )
    )
    result = run(root, "check")
    assert result.exit_code == 1
    line = next(
        i for i, text in enumerate(defaults.read_text().splitlines(), 1) if "Ludlo village" in text
    )
    assert result.stderr == (
        f"towns/defaults.yaml:{line}: shared_agencies.Ludlow Police Department.also_serves[0]: "
        "no municipality 'Ludlo village' in the registry\n"
        "  hint: write the name as towns/registry.csv spells it, then its kind, e.g. "
        "'Woodstock village'\n"
        "error: 1 problem in 1 file\n"
    )


def test_a_department_of_another_municipality_cannot_be_directed(tmp_path: Path) -> None:
    root = _project(tmp_path)
    profile = root / "towns" / "burlington.yaml"
    profile.write_text(
        profile.read_text().replace(
            "  body_may_direct: false\n",
            "  body_may_direct: true\n  run_by:\n    legal_name: Town of Essex\n"
            "    body: Selectboard\n",
        )
    )
    result = run(root, "check")
    assert result.exit_code == 1
    assert (
        "body_may_direct must be false: the Burlington Police Department belongs to the "
        "Town of Essex, whose officials adopt its policies" in result.stderr
    )


# ------------------------------------------ who adopts police policy, and may the body direct

MUNICIPAL_ENTERS = 13
"""Questions asked of a town with its own police department."""


def test_a_town_with_a_manager_is_asked_about_the_manager(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = run(root, "towns", "new", "Brattleboro", input="\n" * MUNICIPAL_ENTERS)
    assert result.exit_code == 0, result.output
    assert (
        "Does the Town of Brattleboro have a town or city manager? Type the manager's title "
        "(e.g. Town Manager), or no [Town Manager]: "
    ) in result.stdout
    assert (
        "Who adopts the Brattleboro Police Department's policies? (a town or city manager "
        "does under 24 V.S.A. § 1931; otherwise the Chief of Police) [Town Manager]: "
    ) in result.stdout
    assert (
        "May the Selectboard direct the Town Manager to adopt the policy, or only request it? "
        "(direct or request) [request]: "
    ) in result.stdout
    assert (
        "Must a police commission or another body approve changes to the Brattleboro Police "
        "Department's policies? Type its name (e.g. Police Commission), or no [no]: "
    ) in result.stdout
    police = load_library(root).town("brattleboro").value.police
    assert (police.policy_adopted_by, police.body_may_direct) == ("Town Manager", False)


def test_defaults_follow_the_earlier_answers(tmp_path: Path) -> None:
    root = _project(tmp_path)
    # Hinesburg: no manager known. Say it has one: who adopts follows; then say the body
    # may direct, and that a Police Commission approves changes.
    answers = ["", "", "", "", "Town Administrator", "", "", "", "direct", "Police Commission"]
    result = run(
        root, "towns", "new", "Hinesburg", input="\n".join(answers) + "\n" * (14 - len(answers))
    )
    assert result.exit_code == 0, result.output
    assert "town or city manager? Type the manager's title (e.g. Town Manager), or no [no]: " in (
        result.stdout
    )
    assert "otherwise the Chief of Police) [Town Administrator]: " in result.stdout
    assert "May the Selectboard direct the Town Administrator to adopt" in result.stdout
    profile = load_library(root).town("hinesburg").value
    assert profile.governing_body.manager_title == "Town Administrator"
    assert profile.police.policy_adopted_by == "Town Administrator"
    assert profile.police.body_may_direct is True
    assert profile.police.approving_body == "Police Commission"
    # Typed answers are confirmed; Enter kept defaults are not.
    assert profile.confirmed == (
        "governing_body.manager_title",
        "police.body_may_direct",
        "police.approving_body",
    )


def test_core_defaults_follow_answers() -> None:
    from draftkit.data.questions import BY_FIELD, default_answer

    start = {"police": {"policy_adopted_by": "Chief of Police", "head_title": "Chief of Police",
                        "body_may_direct": True, "run_by": None},
             "governing_body": {"manager_title": None}}  # fmt: skip
    adopter, direct = BY_FIELD["police.policy_adopted_by"], BY_FIELD["police.body_may_direct"]
    assert default_answer(adopter, start, {"governing_body.manager_title": "no"}) == (
        "Chief of Police"
    )
    assert default_answer(adopter, start, {"governing_body.manager_title": "City Manager"}) == (
        "City Manager"
    )
    assert default_answer(direct, start, {"police.policy_adopted_by": "Chief of Police"}) == (
        "direct"
    )
    assert default_answer(direct, start, {"police.policy_adopted_by": "City Manager"}) == (
        "request"
    )


# --------------------------------------------------------------- defaults are not facts


def _confirm_all_but(root: Path, slug: str, *left: str) -> None:
    from draftkit.data.questions import FIELDS

    path = root / "towns" / f"{slug}.yaml"
    text = path.read_text().split("confirmed:")[0]
    path.write_text(text + "confirmed:\n" + "".join(f"- {f}\n" for f in FIELDS if f not in left))


def test_yes_confirms_nothing_and_final_is_refused_naming_what_to_confirm(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert run(root, "towns", "new", "Hinesburg", "--yes").exit_code == 0
    _confirm_all_but(root, "hinesburg", "police.name", "police.policy_adopted_by")
    out = tmp_path / "out"
    final = run(root, "draft", "Hinesburg", "--final", "--out", str(out))
    assert final.exit_code == 1
    # Listed with the other refusal --final gives (the library's clauses await review).
    assert final.stderr.startswith(
        "a final draft needs every fact it prints confirmed; towns/hinesburg.yaml does "
        "not confirm police.name, police.policy_adopted_by\n"
        "  hint: answer them with `draftkit towns new hinesburg --force` (type each answer), "
        "or add `--set FIELD=VALUE --confirm FIELD` to it, or list them under confirmed: in "
        "towns/hinesburg.yaml once checked with the clerk\n"
        "a final draft may contain only clauses approved at their current text; "
    )
    assert final.stderr.endswith("error: 2 problems found\n")
    assert not out.exists()
    drafted = run(root, "draft", "Hinesburg", "--doc", "resolution", "--date", "2026-11-27",
                  "--out", str(out))  # fmt: skip
    assert drafted.exit_code == 0, drafted.output
    lines = text_lines((out / "2026-11-27-hinesburg-selectboard-resolution.docx").read_bytes())
    assert (
        "Notice | Not yet confirmed by a person: police agency's name and official who adopts "
        "police policy. Confirm each with the clerk before filing."
    ) in lines


def test_confirm_option_and_force_confirm_the_rest(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert run(root, "towns", "new", "Hinesburg", "--yes").exit_code == 0
    _confirm_all_but(root, "hinesburg", "police.name")
    again = run(root, "towns", "new", "Hinesburg", "--force", "--yes", "--confirm", "police.name")
    assert again.exit_code == 0, again.output
    assert again.stdout == "wrote towns/hinesburg.yaml\n"
    profile = load_library(root).town("hinesburg").value
    assert len(profile.confirmed) == 13
    out = tmp_path / "out"
    drafted = run(root, "draft", "Hinesburg", "--doc", "resolution", "--date", "2026-11-27",
                  "--out", str(out))  # fmt: skip
    lines = text_lines((out / "2026-11-27-hinesburg-selectboard-resolution.docx").read_bytes())
    assert drafted.exit_code == 0 and not any("confirmed" in line for line in lines)


def test_confirmed_lists_only_known_facts(tmp_path: Path) -> None:
    root = _project(tmp_path)
    path = root / "towns" / "burlington.yaml"
    path.write_text(path.read_text().replace("  - police.name\n", "  - police.nmae\n"))
    result = run(root, "check")
    assert result.exit_code == 1
    assert (
        "confirmed[4]: 'police.nmae' is not one of the choices: legal_name, governing_body.name,"
        in result.stderr
    )


def test_burlington_and_winooski_are_confirmed() -> None:
    from draftkit.data.questions import unconfirmed

    for slug in ("burlington", "winooski"):
        assert unconfirmed(LIBRARY.town(slug).value) == []


# ------------------------------------------------------------ towns new --force


def test_force_asks_again_with_the_current_answers(tmp_path: Path) -> None:
    root = _project(tmp_path)
    before = (root / "towns" / "burlington.yaml").read_text()
    answers = "\n" * 5 + "Burlington Police Dept.\n" + "\n" * 8
    result = run(root, "towns", "new", "Burlington", "--force", input=answers)
    assert result.exit_code == 0, result.output
    assert (
        "Must a police commission or another body approve changes to the Burlington Police "
        "Dept.'s policies? Type its name (e.g. Police Commission), or no [Police Commission]: "
    ) in result.stdout
    profile = load_library(root).town("burlington").value
    assert profile.police.name == "Burlington Police Dept."
    assert profile.police.approving_body == "Police Commission"
    assert "police.name" in profile.confirmed and len(profile.confirmed) == 12
    assert profile.fipp.local_amendments and before != (root / "towns/burlington.yaml").read_text()


def test_force_writes_nothing_when_an_answer_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path)
    before = (root / "towns" / "burlington.yaml").read_bytes()
    result = run(root, "towns", "new", "Burlington", "--force", "--yes", "--set",
                 "fipp.model_version=yesterday")  # fmt: skip
    assert result.exit_code == 1
    assert (root / "towns" / "burlington.yaml").read_bytes() == before


# -------------------------------------------------- the policing question in plain words


def test_policing_is_asked_in_a_residents_words(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("draftkit.cli.common.interactive", lambda: True)
    root = _project(tmp_path)
    result = run(root, "towns", "new", "Cornwall", input="state\n" + "\n" * 8)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Who polices the town?\n"
        "  1. its own police department: a resolution and a police directive for the "
        "department to adopt\n"
        "  2. a county sheriff under contract: a resolution asking the sheriff, and an "
        "addendum to the contract\n"
        "  3. only the Vermont State Police: a resolution adopting the town's own policy and "
        "asking the State Police\n"
        "  4. town constables: a resolution adopting a policy the constables follow\n"
        "Answer 1 to 4, or a word: "
    )
    assert load_library(root).town("cornwall").value.police.arrangement == "state_police"


@pytest.mark.parametrize(
    ("typed", "arrangement"),
    [("1", "municipal"), ("police", "municipal"), (" Sheriff ", "sheriff"), ("3", "state_police"),
     ("state", "state_police"), ("4", "constables"), ("town constables", "constables")],
)  # fmt: skip
def test_policing_answers_by_number_or_word(typed: str, arrangement: str) -> None:
    from draftkit.data.questions import parse_policing

    assert parse_policing(typed) == arrangement


def test_a_policing_answer_that_names_nothing_is_asked_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("draftkit.cli.common.interactive", lambda: True)
    root = _project(tmp_path)
    result = run(root, "towns", "new", "Cornwall", input="5\nsheriff\n" + "\n" * 8)
    assert result.exit_code == 0, result.output
    assert (
        "Error: '5' is not one of the answers\n"
        "  hint: type a number from 1 to 4, or police, sheriff, state or constables"
    ) in result.output


def _possessive(name: str) -> str:
    # "the Board of Trustees' request", "the Selectboard's request".
    return "'" if name.endswith("s") else "'s"
