"""A village's or a city's packet speaks of it as a village or a city: never "town" for
the municipality itself, in English or Spanish (counsel review 2026-12-01, fifth,
finding 2). Other places' legal names ("Town of Shelburne") and Town Meeting, the
institution, are not about the place."""

from __future__ import annotations

import datetime as dt
import functools
import re

import pytest
from tests.conftest import REPO

from draftkit.data.defaults import Policing
from draftkit.data.library import load_library
from draftkit.packet import PacketFacts, load_companions
from draftkit.packet.building import build_companions
from draftkit.packet.documents import BASE_TEMPLATE
from draftkit.word.inspection import text_lines

LIBRARY = load_library(REPO)
COMPANIONS = load_companions(REPO)
FACTS = PacketFacts(date=dt.date(2026, 12, 1))

_NOT_ABOUT_THE_PLACE = re.compile(r"\bTown of [A-Z][\w-]*|\bTown Meeting\b")
_TOWN = re.compile(r"\b[Tt]owns?\b.{0,40}")
# "la asamblea (anual) del pueblo" is Town Meeting; "otros pueblos" are other places.
_PUEBLO = re.compile(r"(?<!asamblea del )(?<!asamblea anual del )\bpueblo\b.{0,40}")


@functools.cache
def _texts(town: str, policing: str | None) -> dict[str, list[str]]:
    said = Policing(arrangement=policing) if policing else None  # type: ignore[arg-type]
    profile = LIBRARY.resolve_town(town, said).loaded.value
    made = build_companions(
        COMPANIONS, profile, FACTS, base=LIBRARY.template_path(BASE_TEMPLATE), prefix="x-"
    )
    return {name.removeprefix("x-"): text_lines(data) for name, data in made.files.items()}


CASES = [
    ("Albany", "village", "state_police"),
    ("Albany", "village", "sheriff"),
    ("Albany", "village", "constables"),
    ("Woodstock", "village", None),
    ("Burlington", "city", None),
    ("Winooski", "city", None),
]


def _town(name: str, kind: str) -> str:
    return f"{name.lower()}-{kind}" if kind == "village" else name


@pytest.mark.parametrize(("name", "kind", "policing"), CASES)
def test_the_place_is_never_called_a_town(name: str, kind: str, policing: str | None) -> None:
    found = []
    for document, lines in _texts(_town(name, kind), policing).items():
        for line in lines:
            text = line.split(" | ", 1)[-1]
            if document.endswith("-es.docx"):
                found += [f"{document}: {m.group(0)}" for m in _PUEBLO.finditer(text)]
            else:
                cleaned = _NOT_ABOUT_THE_PLACE.sub("", text)
                found += [f"{document}: {m.group(0)}" for m in _TOWN.finditer(cleaned)]
    assert found == []


def test_a_village_is_named_by_its_legal_name_and_its_own_words() -> None:
    texts = _texts("albany-village", "sheriff")
    letter = " ".join(texts["cover-letter.docx"])
    assert (
        "make them conditions of the Village of Albany's law enforcement contract with the "
        "Sheriff through the enclosed addendum, and adopt a policy of its own for the "
        "village's officials and employees."
    ) in letter
    explainer = " ".join(texts["explainer-en.docx"])
    assert "The Board of Trustees of the Village of Albany is being asked" in explainer
    checklist = " ".join(texts["checklist-en.docx"])
    assert (
        "The village's own policy for its officials and employees takes effect when the "
        "Board of Trustees adopts it."
    ) in checklist
    points = " ".join(texts["talking-points-es.docx"])
    assert "¿Esto nos convierte en una villa santuario?" in points


@pytest.mark.parametrize("town", ["St. Johnsbury", "Brattleboro", "Burlington"])
def test_an_own_police_packet_promises_only_what_the_police_set_does(town: str) -> None:
    # The own-police set has no staff policy: its texts speak of the police only
    # (counsel review 2026-12-01, fifth, finding 3).
    texts = _texts(town, None)
    said = "\n".join(
        line
        for name in ("cover-letter.docx", "explainer-en.docx", "explainer-es.docx")
        for line in texts[name]
    )
    for promise in ("resources", "office without fear", "services without fear", "recursos"):
        assert promise not in said
    assert "oficina municipal sin miedo" not in said
    letter = " ".join(texts["cover-letter.docx"])
    assert "It does not cover the " in letter and "may adopt a separate policy for them" in letter


def test_a_set_with_a_staff_policy_keeps_the_staff_wording() -> None:
    texts = _texts("albany-village", "sheriff")
    letter = " ".join(texts["cover-letter.docx"])
    assert (
        "The resolution limits how police and village resources in the Village of Albany take "
        "part in federal civil immigration enforcement, so that everyone who lives in, works "
        "in or visits the village can call for help, report a crime and use village services"
    ) in letter
    explainer = " ".join(texts["explainer-en.docx"])
    assert "go to the village office without fear" in explainer
