"""What a piece of free text must be before it may go into a legal document.

Word documents are XML, and XML 1.0 cannot hold most control characters, lone
surrogates (what Python makes of bytes that are not valid UTF-8) or the two
"non-characters" U+FFFE and U+FFFF. docxtpl re-parses rendered XML with lxml's
``recover=True``, which silently drops everything after such a character, so a value
holding one would cut the document short. Every front end (YAML files, CLI options, the
web form) asks :func:`text_problem` first and refuses the value with its answer.
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


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return f"{code} (a byte that is not valid UTF-8)"
    name = unicodedata.name(char, "")
    return f"{code} ({name.lower()})" if name else code


def _visible(text: str) -> bool:
    # Letters, digits, punctuation and symbols are visible; spaces, format characters
    # (zero-width joiners, direction marks) and marks alone are not.
    return any(unicodedata.category(c)[0] in "LNPS" for c in text)


def text_problem_code(
    value: str, *, max_length: int = MAX_NAME_LENGTH
) -> tuple[str, dict[str, str | int]] | None:
    """What makes ``value`` unfit for a document, as a stable code and its details (for
    front ends that word it in another language), or ``None`` when it is fine.

    Codes: ``bad_character`` (``character``: ``U+0000``, ``control``: 1 or 0),
    ``blank``, ``invisible``, ``too_long`` (``length``, ``limit``).
    """
    bad = _NOT_XML.search(value) or _C1_CONTROLS.search(value)
    if bad:
        char = bad.group()
        control = int(unicodedata.category(char) == "Cc")
        return "bad_character", {"character": f"U+{ord(char):04X}", "control": control}
    if not value.strip():
        return "blank", {}
    if not _visible(value):
        return "invisible", {}
    if len(value) > max_length:
        return "too_long", {"length": len(value), "limit": max_length}
    return None


def text_problem(value: str, *, max_length: int = MAX_NAME_LENGTH) -> str | None:
    """Say what makes ``value`` unfit for a document, or ``None`` when it is fine.

    The answer is a phrase that completes "the value ...", e.g.
    ``"holds U+0000 (a control character), which a Word document cannot hold"``.
    """
    found = text_problem_code(value, max_length=max_length)
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


__all__ = ["MAX_NAME_LENGTH", "MAX_TEXT_LENGTH", "TEXT_HINT", "text_problem", "text_problem_code"]
