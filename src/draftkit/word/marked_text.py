"""Clause text as a lawyer reads it in the clause book and in redlines: each template
value as «name», and each condition spelled out in words instead of template code:
``{% if agency.arrangement == "constables" %}A{% else %}B{% endif %}`` reads
``[if «agency.arrangement» is “constables”: A | otherwise: B]``."""

from __future__ import annotations

import re

_VALUE = re.compile(r"\{\{-?\s*([^}]+?)\s*-?\}\}")
_TAG = re.compile(r"\{%-?\s*(.+?)\s*-?%\}", re.DOTALL)
_EQUALS = re.compile(r"^([\w.]+)\s*==\s*[\"']([^\"']*)[\"']$")
_IN_CLAUSES = re.compile(r"^[\"']([\w-]+)[\"']\s+in\s+clauses$")
_NAME = re.compile(r"^[\w.]+$")


def marked(text: str) -> str:
    """``text`` with values as «name» and conditions in words; a tag it cannot put in
    words is left as written, so nothing is ever hidden."""
    return _TAG.sub(_tag, _VALUE.sub(lambda m: f"\u00ab{m.group(1)}\u00bb", text))


def _tag(match: re.Match[str]) -> str:
    words = " ".join(match.group(1).split())
    keyword, _, rest = words.partition(" ")
    if keyword == "if" and (condition := _condition(rest)):
        return f"[if {condition}: "
    if keyword == "elif" and (condition := _condition(rest)):
        return f" | if instead {condition}: "
    if keyword == "else" and not rest:
        return " | otherwise: "
    if keyword == "endif" and not rest:
        return "]"
    return match.group(0)


def _condition(expression: str) -> str | None:
    negated = expression.startswith("not ")
    body = expression[4:].strip() if negated else expression
    if found := _EQUALS.match(body):
        verb = "is not" if negated else "is"
        return f"\u00ab{found.group(1)}\u00bb {verb} \u201c{found.group(2)}\u201d"
    if found := _IN_CLAUSES.match(body):
        verb = "leaves out" if negated else "includes"
        return f"the document {verb} the clause {found.group(1)}"
    if _NAME.match(body):
        return f"\u00ab{body}\u00bb is {'empty' if negated else 'given'}"
    return None


__all__ = ["marked"]
