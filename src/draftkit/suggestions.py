""" "Did you mean …?": the one way draftkit suggests a name for a misspelled one (a town,
a clause id), so every command suggests alike."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping


def close_names(wanted: str, names: Iterable[str] | Mapping[str, str]) -> list[str]:
    """Up to three of ``names`` close to ``wanted``, closest first. A mapping is searched
    by its keys (slugs, say) and gives their values (the names shown)."""
    shown = names if isinstance(names, Mapping) else {name: name for name in names}
    return [shown[key] for key in difflib.get_close_matches(wanted, list(shown), n=3, cutoff=0.6)]


def or_list(items: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]


def did_you_mean(wanted: str, names: Iterable[str] | Mapping[str, str], *, otherwise: str) -> str:
    """``did you mean custody-access?``, or ``otherwise`` when no name is close."""
    close = close_names(wanted, names)
    return f"did you mean {or_list(close)}?" if close else otherwise


__all__ = ["close_names", "did_you_mean", "or_list"]
