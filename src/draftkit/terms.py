"""Defined terms in text: whether a text uses a term, and which terms a set of terms
brings in through their definitions. One place, so drafting, checking and review
hashes agree on what "uses a term" means."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping

from draftkit.data.clause_models import GlossaryTerm


@functools.lru_cache(maxsize=2048)
def _pattern(term: str, ignore_case: bool) -> re.Pattern[str]:
    # A whole phrase, plural or not, not inside a longer word or hyphenated compound.
    return re.compile(
        r"(?<![\w-])" + re.escape(term) + r"(?:s|es)?(?![\w-])",
        flags=re.IGNORECASE if ignore_case else 0,
    )


def uses_defined_term(text: str, term: str) -> bool:
    """Whether ``text`` uses ``term`` as a defined term, i.e. capitalized as defined.

    Defined terms are capitalized in legal text ("a Member shall not"); the same words
    in lower case are ordinary English and not a use of the definition.
    """
    # The same test as _pattern(term, False), by str.find: drafting asks it thousands
    # of times of long texts, and the regex's look-behind made it the slowest step.
    start = text.find(term)
    while start != -1:
        if start == 0 or not _word_char(text[start - 1]):
            end = start + len(term)
            for suffix in ("s", "es", ""):
                if text.startswith(suffix, end):
                    after = end + len(suffix)
                    if after == len(text) or not _word_char(text[after]):
                        return True
        start = text.find(term, start + 1)
    return False


def _word_char(char: str) -> bool:
    # What the regex calls \w (letters, digits, underscore), and the hyphen that joins
    # a compound.
    return char.isalnum() or char in "_-"


def mentions(text: str, term: str) -> bool:
    """Whether ``text`` uses ``term`` as a whole phrase, any capitalization, plural or not."""
    return _pattern(term, True).search(text) is not None


def with_terms_they_use(
    wanted: Iterable[str],
    glossary: Mapping[str, GlossaryTerm],
    uses: Callable[[str, str], bool] = uses_defined_term,
) -> set[str]:
    """``wanted`` glossary keys plus every key their definitions use, in turn.

    ``glossary`` is keyed by lowercase term, as :meth:`Library.terms` gives it.
    """
    found = set(wanted)
    queue = list(found)
    while queue:
        definition = glossary[queue.pop()].definition
        for key, entry in glossary.items():
            if key not in found and uses(definition, entry.term):
                found.add(key)
                queue.append(key)
    return found


__all__ = ["mentions", "uses_defined_term", "with_terms_they_use"]
