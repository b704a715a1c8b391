"""pydantic's validation errors in the words of the person editing a profile or a clause:
what is wrong and what to write instead. pydantic's own words ("Input should be a valid
boolean") speak to programmers; every error type an editor can meet is worded here, in
one place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from draftkit.text_rules import TEXT_HINT

TEXT_ERROR = "text_problem"
"""The pydantic error type of free text that may not go into a document (fields.py)."""

Loc = Sequence[str | int]


def plain_words(err: Any, schema_name: str) -> tuple[str, str]:
    """What a pydantic error means to the person editing the file, and what to write.

    Every error type a profile or clause editor can meet is worded here, in one place:
    pydantic's own words ("Input should be a valid boolean") speak to programmers.

    Returns:
        The message (without the field) and its hint.
    """
    kind: str = err["type"]
    loc = tuple(err["loc"])
    value = err.get("input")
    ctx = err.get("ctx") or {}
    about = f"`draftkit schema {schema_name}` describes this field"
    if kind.startswith("string_pattern"):
        return f"{_show(value)} does not have the required form", _pattern_hint(loc)
    if kind.startswith(("date_", "datetime_")):
        return f"{_show(value)} is not a date", "write a date as YYYY-MM-DD, e.g. 2024-04-23"
    if kind.startswith("bool_"):
        return (
            f"should be yes or no (true or false), not {_show(value)}",
            "write true or false",
        )
    if kind.startswith("int_"):
        return f"should be a whole number, not {_show(value)}", "write digits only, e.g. 3"
    if kind in {"literal_error", "enum"}:
        expected = str(ctx.get("expected", "")).replace("'", "")
        return (
            f"{_show(value)} is not one of the choices: {expected}",
            "write one of the choices exactly as shown",
        )
    if kind == "string_type":
        if value is None:
            return "is empty", "write a value after the colon, or remove the line"
        if isinstance(value, (bool, int, float)):
            example = '"1.3.0"' if loc and loc[-1] == "version" else f'"{value}"'
            return (
                f"should be text, but {_yaml_word(value)} is read as {_kind_of(value)}",
                f"put it in quotes, e.g. {example}",
            )
        return f"should be text, not {_kind_of(value)}", about
    if kind in {"list_type", "tuple_type"}:
        return (
            f"should be a list, not {_kind_of(value)}",
            'write one "- item" line per entry, or [first, second] on one line',
        )
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"needs at least {least} entr{'y' if least == 1 else 'ies'}", "add one"
    if kind == "string_too_short":
        return "is blank", "write a value after the colon"
    if kind == "string_too_long":
        most = ctx.get("max_length")
        return f"is longer than {most} characters", "shorten it"
    if kind in {"model_type", "dict_type"}:
        return (
            f"should be a set of fields (one `name: value` line each), not {_kind_of(value)}",
            about,
        )
    if kind == TEXT_ERROR:
        return str(err["msg"]), TEXT_HINT
    return str(err["msg"]), about


def _kind_of(value: object) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "yes or no (true or false)"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return type(value).__name__


def _yaml_word(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _pattern_hint(loc: Loc) -> str:
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if last in {"version"}:
        return "write a version as MAJOR.MINOR.PATCH, e.g. 1.0.0"
    if last == "date":
        return "write the date as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2020-03-09"
    return "use lowercase letters, digits and single hyphens, e.g. victim-witness-status"


__all__ = ["TEXT_ERROR", "Loc", "plain_words"]
