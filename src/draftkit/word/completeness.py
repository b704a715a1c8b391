"""Is a rendered document complete? Every piece that was meant to be in it, checked
against its text before anything is written.

A document that looks finished and is not is the worst thing draftkit could hand a
clerk. Whatever the cause (a character XML cannot hold, a library that drops text on
a parse error, a template edited by mistake), a missing recital, RESOLVED paragraph,
policy paragraph, sponsor line, vote line or signature block stops the draft here.
"""

from __future__ import annotations

import functools
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from lxml import etree

from draftkit.errors import DraftkitError, RenderError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_INLINE_IF = re.compile(r"\{%-?\s*if\b.*?%\}.*?\{%-?\s*endif\s*-?%\}")
_OPENS = re.compile(r"\{%[ptrc]?-?\s*(?:if|for)\b")
_CLOSES = re.compile(r"\{%[ptrc]?-?\s*end(?:if|for)\b")
_MIN_PIECE = 12
"""Shorter static pieces ("RESOLUTION") are checked by the pieces around them."""


@functools.lru_cache(maxsize=8192)
def _clean(text: str) -> str:
    # Cached: most lines and pieces read the same in every town of a batch, and looking
    # a text up costs a tenth of folding it again.
    folded = " ".join(text.split())
    return text if folded == text else folded


@functools.lru_cache(maxsize=32)
def _template_facts(path: Path, stamp: float) -> tuple[str, tuple[str, ...]]:
    """The template body's text (tags kept) and its static pieces that are always printed:
    text outside every ``if`` and ``for`` block, at least :data:`_MIN_PIECE` long."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    texts = [
        "".join(
            (node.text or "") if node.tag == f"{_W}t" else " "
            for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr")
        )
        for p in root.iter(f"{_W}p")
    ]
    pieces: list[str] = []
    depth = 0
    for text in texts:
        opens, closes = len(_OPENS.findall(text)), len(_CLOSES.findall(text))
        if depth == 0:
            plain = _INLINE_IF.sub("\x00", text)
            if "{%" not in plain:
                pieces += [
                    _clean(piece)
                    for piece in _TAG.split(plain.replace("\x00", "{{}}"))
                    if len(_clean(piece)) >= _MIN_PIECE
                ]
        depth = max(depth + opens - closes, 0)
    return "\n".join(texts), tuple(pieces)


@functools.lru_cache(maxsize=256)
def _uses(source: str, name: str) -> bool:
    # Cached: the same few names are asked of the same template for every document.
    return re.search(r"(?<![\w.])" + re.escape(name) + r"(?![\w])", source) is not None


def expected_pieces(template: Path, context: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """``(what, text)`` pairs the rendered document must contain."""
    source, statics = _template_facts(template, template.stat().st_mtime)
    if _uses(source, "sponsor_line") and context.get("sponsor_line"):
        yield "the sponsor line", context["sponsor_line"]
    for index, text in enumerate(context.get("recitals", []) if _uses(source, "recitals") else []):
        yield f"recital {index + 1}", text
    for index, text in enumerate(context.get("resolved", []) if _uses(source, "resolved") else []):
        yield f"RESOLVED paragraph {index + 1} from the clauses", text
    for key in ("sections", "policy_sections"):
        for section in context.get(key, []) if _uses(source, key) else []:
            yield f"the heading of section {section['number']}", section["heading"]
            for paragraph in section["paragraphs"]:
                yield f"paragraph {section['number']}{paragraph['label']}", paragraph["text"]
    for entry in context.get("definitions", []) if _uses(source, "definitions") else []:
        yield f"the definition of {entry['term']!r}", entry["definition"]
    body = context.get("body", {})
    for key, what in (("presiding_officer_title", "signature"), ("clerk_title", "attestation")):
        if _uses(source, f"body.{key}") and body.get(key):
            yield f"the {what} block ({key.replace('_', ' ')})", body[key]
    for piece in statics:
        if "vote" in piece:
            what = "the vote line"
        elif "Attest" in piece:
            what = "the attestation block"
        elif "___" in piece:
            what = "the signature block"
        else:
            what = "the template's own text"
        yield what, piece


def missing_pieces(
    lines: list[str], template: Path, context: Mapping[str, Any], *, name: str
) -> list[DraftkitError]:
    """Every expected piece the document's text view lacks; empty when it is complete."""
    texts = [_clean(line.split(" | ", 1)[-1]) for line in lines]
    text = "\n".join(texts)
    # Most pieces are a whole line, or a line after its label ("(a) ", "4.1 ",
    # "WHEREAS, "): those are found by one look-up each. The rest are searched for from
    # where the last one was found (pieces come roughly in reading order), and only
    # then in the whole text, so a long document is not read once per piece.
    whole = set(texts)
    whole.update(t.split(" ", 1)[-1] for t in texts)
    problems: list[DraftkitError] = []
    at = 0
    for what, piece in expected_pieces(template, context):
        wanted = _clean(piece)
        if not wanted or wanted in whole:
            continue
        found = text.find(wanted, at)
        if found != -1:
            at = found
            continue
        if wanted not in text:
            problems.append(
                RenderError(
                    f"the rendered document is incomplete: {what} is missing "
                    f"({wanted[:60]}{'...' if len(wanted) > 60 else ''})",
                    path=name,
                    hint="nothing was written; a value may hold a character a Word document "
                    "cannot hold, or the template lost a paragraph: run `draftkit check`",
                )
            )
            if len(problems) >= 5:
                break
    return problems
