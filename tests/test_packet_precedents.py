"""The towns a packet names as examples (companions/precedents.yaml): never the town it
is sent to; that town's own act is said to it in the second person."""

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
DATE = dt.date(2026, 12, 1)
TOWN_MEETING = PacketFacts(
    date=DATE, route="town-meeting", voters=1000, meeting_date=dt.date(2027, 3, 2)
)


@functools.cache
def _texts(town: str, facts: PacketFacts, policing: str | None = None) -> dict[str, list[str]]:
    """Each companion document's lines, by the end of its file name."""
    said = Policing(arrangement=policing) if policing else None  # type: ignore[arg-type]
    profile = LIBRARY.resolve_town(town, said).loaded.value
    made = build_companions(
        COMPANIONS, profile, facts, base=LIBRARY.template_path(BASE_TEMPLATE), prefix="x-"
    )
    return {name.removeprefix("x-"): text_lines(data) for name, data in made.files.items()}


def test_the_cover_letter_leaves_the_town_out_and_says_what_it_did() -> None:
    letter = _texts("Brattleboro", PacketFacts(date=DATE))["cover-letter.docx"]
    assert (
        "Body Text Justified | In 2021 the Brattleboro Police Department adopted protections "
        "of this kind, which the Attorney General's Office approved in June 2021. Other "
        "Vermont communities, among them Burlington, Winooski and Richmond, have also adopted "
        "protections of this kind. Some of these protections may already be in the policy of "
        "the Brattleboro Police Department; the enclosed drafts can be compared with that "
        "policy, to see what they would add or restore."
    ) in letter
    assert not any(line.startswith("Body Text Justified | Other Vermont") for line in letter)


@pytest.mark.parametrize("language", ["en", "es"])
def test_talking_points_name_only_other_communities(language: str) -> None:
    points = _texts("Burlington", PacketFacts(date=DATE))[f"talking-points-{language}.docx"]
    expected = {
        "en": "List Bullet | Other Vermont communities, among them Winooski, Brattleboro and "
        "Richmond, have adopted protections like these.",
        "es": "List Bullet | Otras comunidades de Vermont, entre ellas Winooski, Brattleboro y "
        "Richmond, han adoptado protecciones como estas.",
    }
    assert expected[language] in points


def test_putney_is_told_of_its_own_article_in_the_second_person() -> None:
    texts = _texts("Putney", TOWN_MEETING, policing="sheriff")
    said = {
        "explainer-en.docx": "Your town passed such an article in 2022, as did the voters of "
        "Dummerston (345 to 61) and Marlboro.",
        "explainer-es.docx": "Los votantes de su municipio aprobaron un artículo así en 2022, "
        "igual que los votantes de Dummerston (345 votos a favor y 61 en contra) y Marlboro.",
        "selectboard-letter.docx": "As you know, your town's voters passed a similar article "
        "in 2022, as did the voters of Dummerston (345 to 61) and Marlboro.",
        "town-meeting-article-en.docx": "On Town Meeting Day 2022, your town's voters passed a "
        "similar advisory article calling on the Windham County Sheriff to change the Sheriff's "
        "policy, as did the voters of Dummerston (345 to 61) and Marlboro.",
        "town-meeting-article-es.docx": "En la asamblea del pueblo de 2022, los votantes de su "
        "municipio aprobaron un artículo consultivo parecido, igual que los votantes de "
        "Dummerston (345 votos a favor y 61 en contra) y Marlboro. Esos artículos le pedían "
        "al sheriff del condado de Windham que cambiara la política de su oficina.",
        "talking-points-en.docx": "In 2022 the voters of Putney passed an article like this "
        "one, as did the voters of Dummerston (345 to 61) and Marlboro. I ask my neighbors to "
        "vote yes again.",
        "talking-points-es.docx": "En 2022, los votantes de Putney aprobaron un artículo como "
        "este, igual que los votantes de Dummerston (345 votos a favor y 61 en contra) y "
        "Marlboro. Les pido a mis vecinos que vuelvan a votar que sí.",
    }
    for name, sentence in said.items():
        assert any(sentence in line for line in texts[name]), name
    for name, lines in texts.items():
        listed = [line for line in lines if re.search(r", Putney|Putney (and|y) Marlboro", line)]
        assert listed == [], name


def test_every_precedent_is_a_municipality_of_the_registry() -> None:
    precedents = COMPANIONS.precedents
    assert precedents is not None and LIBRARY.registry is not None
    known = {(m.name, m.kind) for m in LIBRARY.registry.rows}
    for precedent in (*precedents.value.adopted, *precedents.value.articles):
        assert (precedent.town, precedent.kind) in known, precedent.town


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("town", "did"),
    [
        (
            "Burlington",
            {
                "en": "In 2020 the City Council voted to add protections of this kind to the "
                "police department's policy.",
                "es": "En 2020, el City Council votó a favor de agregar protecciones de este tipo "
                "a la política del departamento de policía de la ciudad.",
            },
        ),
        (
            "Winooski",
            {
                "en": "In 2018 Winooski passed a resolution to close loopholes of this kind.",
                "es": "En 2018, Winooski aprobó una resolución para cerrar vacíos de este tipo.",
            },
        ),
    ],
)
def test_a_place_that_acted_is_told_what_it_did_no_further_than_the_facts(
    language: str, town: str, did: dict[str, str]
) -> None:
    # Burlington's 2020 protections may not all be in force (a 2025 proposal to restore
    # them was tabled) and Winooski's record is "date only": neither is told it "has"
    # protections or that they are "the policy now in force" (counsel review 2026-12-01,
    # fifth, finding 4).
    texts = _texts(town, PacketFacts(date=DATE))
    explainer = " ".join(texts[f"explainer-{language}.docx"])
    points = " ".join(texts[f"talking-points-{language}.docx"])
    assert did[language] in explainer
    assert did[language] in points
    if language == "en":
        assert did["en"] in " ".join(texts["cover-letter.docx"])
    for said in (explainer, points, " ".join(texts["cover-letter.docx"])):
        for claim in ("already has", "already adopted", "now in force", "ya tiene", "actual"):
            assert claim not in said


@pytest.mark.parametrize("language", ["en", "es"])
def test_what_a_town_with_protections_is_told_the_rules_provide(language: str) -> None:
    explainer = _texts("Brattleboro", PacketFacts(date=DATE))[f"explainer-{language}.docx"]
    heading, lead, first = {
        "en": (
            "Heading 1 | What these rules provide",
            "Body Text Justified | Some of these rules may already be in the policy of the "
            "Brattleboro Police Department; ask it which.",
            "List Bullet | Victims and witnesses are not asked about immigration status.",
        ),
        "es": (
            "Heading 1 | Lo que establecen estas reglas",
            "Body Text Justified | Puede que algunas ya estén en la política del "
            "Brattleboro Police Department; pregunte a la policía cuáles.",
            "List Bullet | No se les pregunta a víctimas ni a testigos por su estatus migratorio.",
        ),
    }[language]
    at = explainer.index(heading)
    assert explainer[at + 1 : at + 3] == [lead, first]
    assert not any("What would change" in line or "Lo que cambiaría" in line for line in explainer)
    # A town that has not acted is told what would change, and nothing of its own past.
    other = _texts("Barre Town", PacketFacts(date=DATE))[f"explainer-{language}.docx"]
    assert any("What would change" in line or "Lo que cambiaría" in line for line in other)
