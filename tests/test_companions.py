"""Companion texts as data: every Spanish text matches its English original (sections,
placeholders, glossary terms), and a broken file is reported with its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import REPO

from draftkit.errors import ProblemList
from draftkit.packet import load_companions
from draftkit.packet.companions import KIND_WORDS, placeholders, section_texts
from draftkit.packet.glossary import glossary_problems

COMPANIONS = load_companions(REPO)


def test_every_translated_text_has_a_spanish_counterpart() -> None:
    english = COMPANIONS.texts["en"]
    translated = sorted(name for name, text in english.items() if text.value.translated)
    assert translated == ["checklist", "explainer", "talking-points", "town-meeting-article"]
    assert sorted(COMPANIONS.texts["es"]) == translated


@pytest.mark.parametrize(
    "name", ["checklist", "explainer", "talking-points", "town-meeting-article"]
)
def test_spanish_sections_match_the_english_keys_and_placeholders(name: str) -> None:
    en = COMPANIONS.text(name, "en").value
    es = COMPANIONS.text(name, "es").value
    assert [s.key for s in es.sections] == [s.key for s in en.sections]
    for a, b in zip(en.sections, es.sections, strict=True):
        # The Spanish says "municipio" for every kind of municipality.
        assert {p for t in section_texts(b) for p in placeholders(t)} - KIND_WORDS == {
            p for t in section_texts(a) for p in placeholders(t)
        } - KIND_WORDS, a.key


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


def test_an_english_title_printed_bare_in_spanish_is_found(companions_copy: Path) -> None:
    # The review's M4 case: the Town Clerk printed in English, with no Spanish words
    # saying who that is, the first time the text names the clerk.
    _edit(
        companions_copy,
        "es/checklist.yaml",
        "revise con el secretario municipal ({{ body.clerk_title }}) los datos",
        "revise con el {{ body.clerk_title }} los datos",
    )
    problems = glossary_problems(load_companions(companions_copy))
    assert [str(p) for p in problems] == [
        "companions/es/checklist.yaml:18: sections[1].steps[0]: the first time this text "
        "prints {{ body.clerk_title }}, an English name, it does not say 'secretario "
        "municipal'\n  hint: explain it in the same sentence, e.g. secretario municipal "
        "({{ body.clerk_title }}); see titles in companions/glossary.yaml"
    ]


def test_a_title_explained_only_in_another_route_is_found(companions_copy: Path) -> None:
    # The warning step is the first to print the clerk in the Town Meeting route only;
    # the resolution route's explanation does not count for it.
    _edit(
        companions_copy,
        "es/checklist.yaml",
        "El secretario municipal ({{ body.clerk_title }}) confirma",
        "El {{ body.clerk_title }} confirma",
    )
    problems = glossary_problems(load_companions(companions_copy))
    assert [p.line for p in problems] == [53]
    assert "{{ body.clerk_title }}" in str(problems[0])


def test_a_later_bare_title_is_allowed(companions_copy: Path) -> None:
    _edit(
        companions_copy,
        "es/checklist.yaml",
        "pida al secretario municipal ({{ body.clerk_title }}) una copia",
        "pida al {{ body.clerk_title }} una copia",
    )
    assert glossary_problems(load_companions(companions_copy)) == []


def test_an_english_term_outside_brackets_is_found(companions_copy: Path) -> None:
    _edit(companions_copy, "es/checklist.yaml", "por boleta secreta", "por Australian ballot")
    problems = glossary_problems(load_companions(companions_copy))
    assert [str(p) for p in problems] == [
        "companions/es/checklist.yaml: says the English 'Australian ballot' outside brackets\n"
        "  hint: write 'boleta', and the English after it in brackets if readers will hear "
        "it in English"
    ]


BROKEN = {
    "missing section": (
        "es/talking-points.yaml",
        "  - key: ask-town-meeting",
        "  - key: ask-town-meting",
        "companions/es/talking-points.yaml:6: sections: section keys ['how-to-use', 'safety', "
        "'law', 'ours', 'ask-resolution', 'ask-town-meting', 'ask-town-meeting-again', "
        "'answers', 'answers-sanctuary-town', 'answers-sanctuary-city', "
        "'answers-sanctuary-village'] differ from companions/en/talking-points.yaml: "
        "['how-to-use', 'safety', 'law', 'ours', 'ask-resolution', 'ask-town-meeting', "
        "'ask-town-meeting-again', 'answers', 'answers-sanctuary-town', "
        "'answers-sanctuary-city', 'answers-sanctuary-village']\n"
        "  hint: give the Spanish text the same sections, in the same order",
    ),
    "missing placeholder": (
        "es/explainer.yaml",
        "({{ agency.name }}).",
        "(la del municipio).",
        # {line} and {index}: where the section starts in the file as it is today.
        "companions/es/explainer.yaml:{line}: sections[{index}]: section 'changes-municipal': "
        "placeholders [] differ from the English ['agency.name']\n"
        "  hint: every value the English prints, the Spanish prints too",
    ),
    "unknown field": (
        "en/cover-letter.yaml",
        "show_title: false",
        "show_title: false\nshow_titel: true",
        "companions/en/cover-letter.yaml:5: show_titel: unknown field\n"
        "  hint: remove it or fix its spelling; allowed here: title, translated, routes, "
        "unless, show_title, font_size, header, table_columns, sections",
    ),
    "unknown route": (
        "en/cover-letter.yaml",
        "routes: [resolution]",
        "routes: [resolutoin]",
        "companions/en/cover-letter.yaml:5: routes[0]: 'resolutoin' is not one of the choices: "
        "resolution or town-meeting\n  hint: write one of the choices exactly as shown",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_companion_file_is_reported_with_its_line(
    case: str, companions_copy: Path
) -> None:
    name, old, new, message = BROKEN[case]
    _edit(companions_copy, name, old, new)
    if "{line}" in message:
        lines = (companions_copy / "companions" / name).read_text().splitlines()
        starts = [n for n, line in enumerate(lines, start=1) if line.startswith("  - key: ")]
        line = next(n for n in starts if lines[n - 1] == "  - key: changes-municipal")
        message = message.format(line=line, index=starts.index(line))
    with pytest.raises(ProblemList) as caught:
        load_companions(companions_copy)
    assert [str(p) for p in caught.value.problems] == [message]
