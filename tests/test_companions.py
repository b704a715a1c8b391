"""Companion texts as data: every Spanish text matches its English original (sections,
placeholders, glossary terms), and a broken file is reported with its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import REPO

from draftkit.errors import ProblemList
from draftkit.packet import load_companions
from draftkit.packet.companions import glossary_problems, placeholders, section_texts

COMPANIONS = load_companions(REPO)


def test_every_translated_text_has_a_spanish_counterpart() -> None:
    english = COMPANIONS.texts["en"]
    translated = sorted(name for name, text in english.items() if text.value.translated)
    assert translated == ["checklist", "explainer", "talking-points"]
    assert sorted(COMPANIONS.texts["es"]) == translated


@pytest.mark.parametrize("name", ["checklist", "explainer", "talking-points"])
def test_spanish_sections_match_the_english_keys_and_placeholders(name: str) -> None:
    en = COMPANIONS.text(name, "en").value
    es = COMPANIONS.text(name, "es").value
    assert [s.key for s in es.sections] == [s.key for s in en.sections]
    for a, b in zip(en.sections, es.sections, strict=True):
        assert {p for t in section_texts(b) for p in placeholders(t)} == {
            p for t in section_texts(a) for p in placeholders(t)
        }, a.key


def test_every_glossary_term_is_translated_the_glossary_way() -> None:
    assert glossary_problems(COMPANIONS) == []


@pytest.fixture
def companions_copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "companions", tmp_path / "companions")
    return tmp_path


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "companions" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_spanish_term_off_the_glossary_is_found(companions_copy: Path) -> None:
    _edit(
        companions_copy, "es/talking-points.yaml", "como testigos", "como personas que vieron algo"
    )
    problems = glossary_problems(load_companions(companions_copy))
    assert [str(p) for p in problems] == [
        "companions/es/talking-points.yaml: the English uses 'witnesses', but this text never "
        "says 'testigos'\n  hint: use the glossary's translation (companions/glossary.yaml)"
    ]


BROKEN = {
    "missing section": (
        "es/talking-points.yaml",
        "  - key: ask-town-meeting",
        "  - key: ask-town-meting",
        "companions/es/talking-points.yaml:6: sections: section keys ['how-to-use', 'safety', "
        "'law', 'ask-resolution', 'ask-town-meting', 'answers'] differ from "
        "companions/en/talking-points.yaml: ['how-to-use', 'safety', 'law', 'ask-resolution', "
        "'ask-town-meeting', 'answers']\n"
        "  hint: give the Spanish text the same sections, in the same order",
    ),
    "missing placeholder": (
        "es/explainer.yaml",
        "({{ agency.name }}).",
        "(la del municipio).",
        "companions/es/explainer.yaml:52: sections[4]: section 'changes-municipal': "
        "placeholders [] differ from the English ['agency.name']\n"
        "  hint: every value the English prints, the Spanish prints too",
    ),
    "unknown field": (
        "en/cover-letter.yaml",
        "show_title: false",
        "show_title: false\nshow_titel: true",
        "companions/en/cover-letter.yaml:5: show_titel: unknown field\n"
        "  hint: remove it or fix its spelling; allowed here: title, translated, routes, "
        "show_title, font_size, header, table_columns, sections",
    ),
    "unknown route": (
        "en/cover-letter.yaml",
        "routes: [resolution]",
        "routes: [resolutoin]",
        "companions/en/cover-letter.yaml:5: routes[0]: Input should be 'resolution' or "
        "'town-meeting'\n  hint: `draftkit schema companion` describes this field",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_companion_file_is_reported_with_its_line(
    case: str, companions_copy: Path
) -> None:
    name, old, new, message = BROKEN[case]
    _edit(companions_copy, name, old, new)
    with pytest.raises(ProblemList) as caught:
        load_companions(companions_copy)
    assert [str(p) for p in caught.value.problems] == [message]
