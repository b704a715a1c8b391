"""What free text may go into a document: no format characters anywhere, and names
printed as a Vermont body's or officer's written in English letters."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from tests.adversarial.helpers import DRAFT, PROFILE, edit, new_project
from tests.conftest import run, tree

from draftkit.text_rules import TEXT_HINT, text_problem, text_problem_code

FORMAT_CHARACTERS = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]

# Text with no control, format or surrogate character, and at least one visible one.
ordinary = st.text(
    st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn")), min_size=1, max_size=30
).filter(lambda t: t.strip() and any(unicodedata.category(c)[0] in "LNPS" for c in t))


@given(before=ordinary, char=st.sampled_from(FORMAT_CHARACTERS), after=ordinary)
def test_a_format_character_anywhere_is_refused_and_named(
    before: str, char: str, after: str
) -> None:
    for name in (False, True):
        found = text_problem_code(before + char + after, name=name)
        assert found is not None and found[0] == "format_character"
        assert found[1]["character"] == f"U+{ord(char):04X}"
        problem = text_problem(before + char + after, name=name)
        assert problem is not None
        assert problem.startswith(f"holds an invisible formatting character (U+{ord(char):04X}, ")


@given(
    latin=st.sampled_from("AbzZéÉüÑçÅ"),
    rest=st.text(st.characters(categories=("Lu", "Ll", "Zs", "Pd", "Po", "Nd")), max_size=20),
)
def test_a_name_with_a_latin_letter_and_two_characters_passes(latin: str, rest: str) -> None:
    value = f"{latin}x{rest}"
    assert text_problem(value, name=True) is None


@given(st.text(st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zs"))))
def test_a_name_passes_only_with_a_latin_letter(value: str) -> None:
    problem = text_problem_code(value, name=True)
    folded = unicodedata.normalize("NFD", value)
    if problem is None:
        assert any(c.isascii() and c.isalpha() for c in folded) and len(value) >= 2
    if not any(c.isascii() and c.isalpha() for c in folded) and value:
        assert problem is not None


def test_plain_text_is_not_held_to_the_name_rule() -> None:
    # A sponsor is a person, whose name may be written in any script.
    assert text_problem("委员会") is None
    assert text_problem("委员会", name=True) is not None


def test_a_body_name_in_another_script_is_refused_in_a_draft(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    edit(root, PROFILE, lambda text: text.replace("  name: Selectboard", "  name: 委员会", 1))
    before = tree(root)
    result = run(root, *DRAFT)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{PROFILE}:7: governing_body.name: the value has no letter from A to Z; names "
        "and titles in the documents are written in English letters (accented letters such "
        f"as é are fine)\n  hint: {TEXT_HINT}\nerror: 1 problem in 1 file\n"
    )
    assert tree(root) == before


def test_an_override_in_a_sponsor_is_refused_with_its_plain_name(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    result = run(root, *DRAFT, "--sponsor", "Ann \u202eLee")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--sponsor': the value holds an invisible formatting "
        f"character (U+202E, right-to-left override)\n  hint: {TEXT_HINT}\n"
    )


def test_the_format_character_pattern_is_unicodes_whole_category_cf() -> None:
    import sys
    import unicodedata

    from draftkit.text_rules import _FORMAT

    every = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    matched = {chr(c) for c in range(sys.maxunicode + 1) if _FORMAT.fullmatch(chr(c))}
    assert matched == every
