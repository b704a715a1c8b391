"""Wording of the drafted instruments that the fifth counsel review (2026-12-01) asked
to change: the town policy's savings provision names the defined term whole (6), a
mayor is the mayor of the city, not "of the City Council" (7), the sheriff set's title
says all the resolution does (8), and the addendum uses the names it defines (9)."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import docx
import pytest
from tests.conftest import REPO, run

_DATE = "2026-12-01"


def _texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + cells


@functools.cache
def _drafted(args: tuple[str, ...], folder: Path, root: Path = REPO) -> dict[str, list[str]]:
    """Each drafted document's texts, by the end of its file name ("addendum", ...)."""
    result = run(root, "draft", *args, "--date", _DATE, "--out", str(folder))
    assert result.exit_code == 0, result.output
    return {p.stem.rsplit("-", 1)[-1]: _texts(p) for p in sorted(folder.glob("*.docx"))}


@pytest.fixture(scope="module")
def albany_sheriff(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("albany-sheriff")
    return _drafted(("albany-village", "--policing", "sheriff"), folder)


@pytest.fixture(scope="module")
def sheriff_city(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """A city served by its county sheriff, as a profile written on purpose."""
    root = tmp_path_factory.mktemp("project")
    for folder in ("clauses", "towns", "resolutions", "companions"):
        shutil.copytree(REPO / folder, root / folder)
    made = run(root, "towns", "new", "vergennes", "--policing", "sheriff", "--yes")
    assert made.exit_code == 0, made.output
    return _drafted(("vergennes",), tmp_path_factory.mktemp("vergennes"), root)


# ------------------------------------------------------------------ 6: savings provision


def test_the_town_policy_savings_provision_keeps_the_defined_term_whole(
    albany_sheriff: dict[str, list[str]],
) -> None:
    resolution = albany_sheriff["resolution"]
    assert not [t for t in resolution if "official's or employee's" in t]
    assert (
        "(a)\tSavings for federal law. Nothing in this policy limits the sending, receiving, "
        "requesting, maintaining or exchanging of information regarding citizenship or "
        "immigration status, by the Village of Albany or by any Municipal official or "
        "employee, to the extent 8\u00a0U.S.C.\u00a0§\u00a01373 or §\u00a01644 protects it. No one "
        "shall be required to record, report or obtain review of, or be disciplined for, an "
        "exchange this provision protects, except that its date and the requesting office may "
        "be recorded."
    ) in resolution


# ------------------------------------------------------------ 7: the presiding officer


@pytest.mark.parametrize(
    ("town", "officer", "wrong"),
    [
        ("barre-city", "the Mayor of the City of Barre", "Mayor of the City Council"),
        ("winooski", "the Mayor of the City of Winooski", "Mayor of the City Council"),
        # Its title names its office already.
        (
            "rutland-city",
            "the President of the Board of Aldermen",
            "of the Board of Aldermen of the Board of Aldermen",
        ),
    ],
)
def test_a_city_presiding_officer_is_named_as_an_office(
    tmp_path: Path, town: str, officer: str, wrong: str
) -> None:
    drafted = _drafted((town,), tmp_path)
    both = " ".join(drafted["resolution"] + drafted["directive"])
    assert wrong not in both
    assert (
        f"to the person the {_body(town)} designates in writing to receive such complaints, "
        f"who shall not be a Member, or, until it designates one, to {officer};"
    ) in " ".join(drafted["directive"])
    assert f"of the Agency, {officer} receives the complaints" in both


def _body(town: str) -> str:
    return "Board of Aldermen" if town == "rutland-city" else "City Council"


def test_a_sheriff_city_names_its_mayor_in_every_document(
    sheriff_city: dict[str, list[str]],
) -> None:
    everything = " ".join(sheriff_city["resolution"] + sheriff_city["addendum"])
    assert "Mayor of the City Council" not in everything
    assert "the Mayor of the City of Vergennes shall do so" in everything


def test_towns_and_villages_keep_the_officer_of_their_body(
    tmp_path: Path, albany_sheriff: dict[str, list[str]]
) -> None:
    addison = _drafted(("addison", "--policing", "sheriff"), tmp_path)
    assert "until it designates one, to the Chair of the Selectboard" in " ".join(
        addison["resolution"]
    )
    assert "until it designates one, to the President of the Board of Trustees" in " ".join(
        albany_sheriff["resolution"]
    )


# --------------------------------------------------------------------- 8: sheriff title


def test_the_sheriff_resolution_title_says_what_the_resolution_does(
    albany_sheriff: dict[str, list[str]],
) -> None:
    assert (
        "Requesting the Orleans County Sheriff's Office to Adopt Limits on Participation in "
        "Federal Civil Immigration Enforcement in the Village of Albany, Approving an Addendum "
        "to the Law Enforcement Services Contract, and Adopting a Policy for the Officials and "
        "Employees of the Village of Albany"
    ) in albany_sheriff["resolution"]


def test_a_sheriff_resolution_without_a_town_policy_does_not_title_one(tmp_path: Path) -> None:
    drafted = _drafted(("addison", "--policing", "sheriff", "--clause", "civil-stops"), tmp_path)
    assert (
        "Requesting the Addison County Sheriff's Office to Adopt Limits on Participation in "
        "Federal Civil Immigration Enforcement in the Town of Addison and Approving an "
        "Addendum to the Law Enforcement Services Contract"
    ) in drafted["resolution"]


# ------------------------------------------------------ 9: the addendum's defined terms


def test_the_addendum_uses_the_names_it_defines(albany_sheriff: dict[str, list[str]]) -> None:
    addendum = albany_sheriff["addendum"]
    opening = next(t for t in addendum if t.startswith("This Addendum is made between"))
    assert opening.endswith(
        "which the Board of Trustees of the Village (the \u201cBoard of Trustees\u201d) "
        "approved by resolution."
    )
    after = addendum[addendum.index(opening) + 1 :]
    # Only the parties' own signature line gives the legal name again.
    assert [t for t in after if "Village of Albany" in t] == ["For the Village of Albany:"]
    text = " ".join(after)
    assert "a written report on the Agency's work in the Village for the year" in text
    assert "as the Village's records custodian" in text
    assert "that what is sent to the Village may be a public record" in text


def test_the_addendum_names_the_mayor_of_the_city_it_defines(
    sheriff_city: dict[str, list[str]],
) -> None:
    addendum = " ".join(sheriff_city["addendum"])
    assert "which the City Council of the City (the \u201cCity Council\u201d) approved" in addendum
    assert "until it designates one, to the Mayor of the City;" in addendum
    assert "City of Vergennes'" not in addendum


def test_documents_that_define_no_name_keep_the_legal_name(
    albany_sheriff: dict[str, list[str]],
) -> None:
    exhibit = " ".join(albany_sheriff["resolution"])
    assert "a written report on the Agency's work in the Village of Albany for the year" in exhibit
    assert "as the Village of Albany's records custodian" in exhibit
