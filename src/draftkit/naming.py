"""Names people type and names of files: slugs and output file names."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase ``text`` and strip accents and apostrophes, for matching names."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace("'", "").replace("\u2019", "").casefold()


def slugify(text: str, *, max_length: int = 60) -> str:
    """A safe, stable file-name part: ``"St. Albans City"`` -> ``st-albans-city``.

    Always returns ASCII letters, digits and single hyphens; never empty.
    """
    slug = _NOT_SLUG.sub("-", fold(text)).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "unnamed"


def output_name(date: dt.date, town_slug: str, suffix: str) -> str:
    """``2026-11-27-burlington-council-resolution.docx`` and its siblings."""
    return f"{date.isoformat()}-{town_slug}-{suffix}"


BODY_WORDS = {
    "selectboard": "selectboard",
    "board of selectmen": "selectboard",
    "city council": "council",
    "town council": "council",
    "council": "council",
    "board of trustees": "trustees",
    "trustees": "trustees",
    "board of aldermen": "aldermen",
}
"""A governing body's name -> the word its resolution's file name uses."""


def body_word(body_name: str) -> str:
    """What a resolution's file is named for: ``Selectboard`` -> ``selectboard``,
    ``City Council`` -> ``council``, ``Board of Trustees`` -> ``trustees``; any other
    body by its own name (``Prudential Committee`` -> ``prudential-committee``)."""
    folded = " ".join(fold(body_name).split())
    if folded in BODY_WORDS:
        return BODY_WORDS[folded]
    return slugify(folded.removeprefix("board of "), max_length=30)


def long_date(date: dt.date) -> str:
    """``November 27, 2026``: how a clerk writes a date on a resolution."""
    return f"{date:%B} {date.day}, {date.year}"


def when(partial: str) -> str:
    """``2020-03-09`` -> ``on March 9, 2020``; ``2020-03`` -> ``in March 2020``;
    ``2018`` -> ``in 2018``."""
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 3:
        return "on " + long_date(dt.date(parts[0], parts[1], parts[2]))
    if len(parts) == 2:
        return f"in {dt.date(parts[0], parts[1], 1):%B} {parts[0]}"
    return f"in {parts[0]}"
