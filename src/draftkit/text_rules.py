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
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
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


def text_problem(value: str, *, max_length: int = MAX_NAME_LENGTH) -> str | None:
    """Say what makes ``value`` unfit for a document, or ``None`` when it is fine.

    The answer is a phrase that completes "the value ...", e.g.
    ``"holds U+0000 (a control character), which a Word document cannot hold"``.
    """
    bad = _NOT_XML.search(value) or _C1_CONTROLS.search(value)
    if bad:
        what = _describe(bad.group())
        if unicodedata.category(bad.group()) == "Cc":
            what = f"U+{ord(bad.group()):04X} (a control character)"
        return f"holds {what}, which a Word document cannot hold"
    if not value.strip():
        return "is blank"
    if not _visible(value):
        return "holds only invisible characters"
    if len(value) > max_length:
        return f"is {len(value):,} characters long; the limit is {max_length:,}"
    return None


TEXT_HINT = (
    "retype it with ordinary letters; if it came from another program, check that the "
    "file or terminal uses UTF-8"
)
"""The hint to give with any :func:`text_problem` answer."""


__all__ = ["MAX_NAME_LENGTH", "MAX_TEXT_LENGTH", "TEXT_HINT", "text_problem"]
