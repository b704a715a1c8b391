"""Defined-term matching: the fast test agrees with the regular expression it replaced."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from draftkit.terms import uses_defined_term

TERMS = ["Agency", "Member", "Custody", "Federal immigration authority"]


def _by_regex(text: str, term: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(term) + r"(?:s|es)?(?![\w-])", text) is not None


@given(
    st.lists(
        st.sampled_from([*TERMS, "s", "es", "-", "_", " ", "x", "é", "1", ".", "Agencyes"]),
        max_size=12,
    ).map("".join),
    st.sampled_from(TERMS),
)
def test_uses_defined_term_agrees_with_the_regex(text: str, term: str) -> None:
    assert uses_defined_term(text, term) == _by_regex(text, term)


def test_plain_examples() -> None:
    assert uses_defined_term("a Member shall not", "Member")
    assert uses_defined_term("two Members shall not", "Member")
    assert not uses_defined_term("a member shall not", "Member")
    assert not uses_defined_term("Non-Member", "Member")
    assert not uses_defined_term("Memberships", "Member")
