"""What a piece of free text must be before it may go into a legal document.

Word documents are XML, and XML 1.0 cannot hold most control characters, lone
surrogates (what Python makes of bytes that are not valid UTF-8) or the two
"non-characters" U+FFFE and U+FFFF. docxtpl re-parses rendered XML with lxml's
``recover=True``, which silently drops everything after such a character, so a value
holding one would cut the document short. Every front end (YAML files, CLI options, the
web form) asks :func:`text_problem` first and refuses the value with its answer.

Word can hold Unicode *format* characters (category Cf), but they do harm there: a
right-to-left override (U+202E) makes Word show the rest of a line backwards, and a
zero-width space (U+200B) hides inside a name, so "Town of Brattleboro" no longer
matches itself. They are refused everywhere, not stripped: stripping would change what a
person typed without telling them.

A name or title printed as a Vermont body's or officer's name must also be written in
English letters (:func:`text_problem` with ``name=True``).
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 200
"""Longest name, title or option value accepted (characters)."""

MAX_TEXT_LENGTH = 20_000
"""Longest paragraph of prose accepted (characters)."""

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
# Every character XML 1.0 cannot hold, written as the few ranges it forbids (the same set
# as "not \t \n \r \x20-\ud7ff \ue000-\ufffd \U00010000-\U0010ffff", which takes
# ten times longer to compile at every start).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Other control characters that XML can hold but that no name or paragraph should.
_C1_CONTROLS = re.compile("[\x7f-\x9f]")

# No format character (Cf) is needed in an English Vermont legal document. The ones a
# person could plausibly paste: the soft hyphen (U+00AD) comes from text copied out of
# Word or a PDF where a word was hyphenated at a line end; names and titles are short
# and never need a hyphenation hint, and prose paragraphs let Word hyphenate by itself,
# so it is refused too (it is invisible, and a name holding one no longer matches the
# same name typed by hand). Joiners (U+200C, U+200D) shape Arabic, Indic and emoji
# text, which the English documents do not print. Direction marks and overrides only
# matter in right-to-left scripts, and an override reverses the English text after it.
_PLAIN_NAMES = {
    0x00AD: "soft hyphen",
    0x061C: "Arabic letter mark",
    0x200B: "zero-width space",
    0x200C: "zero-width non-joiner",
    0x200D: "zero-width joiner",
    0x200E: "left-to-right mark",
    0x200F: "right-to-left mark",
    0x202A: "left-to-right embedding",
    0x202B: "right-to-left embedding",
    0x202C: "end of a direction embedding",
    0x202D: "left-to-right override",
    0x202E: "right-to-left override",
    0x2060: "word joiner",
    0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate",
    0x2068: "first-strong isolate",
    0x2069: "end of a direction isolate",
    0xFEFF: "byte order mark",
}

MIN_NAME_LENGTH = 2
"""Shortest name or title accepted (characters)."""


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return f"{code} (a byte that is not valid UTF-8)"
    name = unicodedata.name(char, "")
    return f"{code} ({name.lower()})" if name else code


# Every format character (category Cf) of Unicode 14.0 (Python 3.11's unicodedata), as
# ranges: one regex search in C instead of a category lookup per character, which took a
# quarter of loading the library without the disk cache. A test holds it equal to
# unicodedata's own set, so a Python with a newer Unicode cannot let one through.
_FORMAT = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)


def _format_character(text: str) -> str | None:
    found = _FORMAT.search(text)
    return found.group() if found else None


def format_character_name(char: str) -> str:
    """A format character in plain words: ``"right-to-left override"``."""
    plain = _PLAIN_NAMES.get(ord(char))
    if plain is not None:
        return plain
    return unicodedata.name(char, "format character").lower()


def _latin_letter(text: str) -> bool:
    # A letter whose base (accents taken off) is A to Z: "é" and "Ü" count, "委" and "й" not.
    for char in text:
        if unicodedata.category(char).startswith("L"):
            base = unicodedata.normalize("NFD", char)[0]
            if "a" <= base.lower() <= "z" and base.isascii():
                return True
    return False


def _visible(text: str) -> bool:
    # Letters, digits, punctuation and symbols are visible; spaces, format characters
    # (zero-width joiners, direction marks) and marks alone are not.
    return any(unicodedata.category(c)[0] in "LNPS" for c in text)


def text_problem_code(
    value: str, *, max_length: int = MAX_NAME_LENGTH, name: bool = False
) -> tuple[str, dict[str, str | int]] | None:
    """What makes ``value`` unfit for a document, as a stable code and its details (for
    front ends that word it in another language), or ``None`` when it is fine.

    Codes: ``bad_character`` (``character``: ``U+0000``, ``control``: 1 or 0),
    ``format_character`` (``character``: ``U+202E``, ``name``: its plain English name),
    ``blank``, ``invisible``, ``too_long`` (``length``, ``limit``); with ``name=True``
    (a body's or officer's name or title) also ``no_latin_letter`` and ``too_short``
    (``limit``).
    """
    bad = _NOT_XML.search(value) or _C1_CONTROLS.search(value)
    if bad:
        char = bad.group()
        control = int(unicodedata.category(char) == "Cc")
        return "bad_character", {"character": f"U+{ord(char):04X}", "control": control}
    hidden = _format_character(value)
    if hidden is not None:
        return "format_character", {
            "character": f"U+{ord(hidden):04X}",
            "name": format_character_name(hidden),
        }
    if not value.strip():
        return "blank", {}
    if not _visible(value):
        return "invisible", {}
    if len(value) > max_length:
        return "too_long", {"length": len(value), "limit": max_length}
    if name and not _latin_letter(value):
        return "no_latin_letter", {}
    if name and len(value.strip()) < MIN_NAME_LENGTH:
        return "too_short", {"limit": MIN_NAME_LENGTH}
    return None


def text_problem(
    value: str, *, max_length: int = MAX_NAME_LENGTH, name: bool = False
) -> str | None:
    """Say what makes ``value`` unfit for a document, or ``None`` when it is fine.

    Args:
        value: The text as given.
        max_length: The longest text accepted.
        name: ``value`` is printed as a Vermont body's or officer's name or title, so it
            must hold a Latin letter (A-Z, accented or not) and at least two characters.

    Returns:
        A phrase that completes "the value ...", e.g.
        ``"holds U+0000 (a control character), which a Word document cannot hold"``.
    """
    found = text_problem_code(value, max_length=max_length, name=name)
    if found is None:
        return None
    code, details = found
    if code == "bad_character":
        bad = (_NOT_XML.search(value) or _C1_CONTROLS.search(value)).group()  # type: ignore[union-attr]
        what = (
            f"{details['character']} (a control character)"
            if details["control"]
            else _describe(bad)
        )
        return f"holds {what}, which a Word document cannot hold"
    if code == "format_character":
        return (
            f"holds an invisible formatting character ({details['character']}, {details['name']})"
        )
    if code == "no_latin_letter":
        return (
            "has no letter from A to Z; names and titles in the documents are written in "
            "English letters (accented letters such as é are fine)"
        )
    if code == "too_short":
        return f"is too short for a name or title (at least {MIN_NAME_LENGTH} characters)"
    if code == "blank":
        return "is blank"
    if code == "invisible":
        return "holds only invisible characters"
    return f"is {len(value):,} characters long; the limit is {max_length:,}"


TEXT_HINT = (
    "retype it with ordinary letters; if it came from another program, check that the "
    "file or terminal uses UTF-8"
)
"""The hint to give with any :func:`text_problem` answer."""


__all__ = [
    "MAX_NAME_LENGTH",
    "MAX_TEXT_LENGTH",
    "MIN_NAME_LENGTH",
    "TEXT_HINT",
    "format_character_name",
    "text_problem",
    "text_problem_code",
]
