"""The pages' words in English and Spanish, from ``messages/<lang>.yaml``.

Keys are dotted names (``facts.title``); a page asks for a key with ``t(key, **values)``.
A key missing from a language is an error, never a silent fallback to English: a test
checks that both files hold the same keys.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml

LANGS = ("en", "es")
DEFAULT_LANG = "en"


@functools.cache
def messages(lang: str) -> dict[str, str]:
    """Every message of ``lang``, flattened to dotted keys."""
    text = resources.files("draftkit.web").joinpath("messages", f"{lang}.yaml").read_text("utf-8")
    flat: dict[str, str] = {}
    _flatten(yaml.safe_load(text), "", flat)
    return flat


def _flatten(data: Any, prefix: str, into: dict[str, str]) -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, f"{name}.", into)
        else:
            into[name] = str(value).strip()


class Translator:
    """``t(key, **values)`` for one language."""

    def __init__(self, lang: str, values: Mapping[str, str] | None = None) -> None:
        """``values``: what every message of this page may print besides its own values
        (the place's kind, its clerk's title)."""
        self.lang = lang
        self.table = messages(lang)
        self.values = dict(values or {})

    def __call__(self, key: str, **values: Any) -> str:
        text = self.table[key]
        merged = {**self.values, **values}
        return text.format(**merged) if merged else text

    def has(self, key: str) -> bool:
        """Whether the language has a message for ``key``."""
        return key in self.table


def pick_language(accept_language: str | None) -> str:
    """The supported language the browser prefers most (``es-ES,es;q=0.9,en;q=0.8``),
    else English."""
    best, best_q = DEFAULT_LANG, -1.0
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        base = tag.strip().lower().split("-")[0]
        # Earlier entries win ties, as the header lists them by preference.
        score = quality - position * 1e-6
        if base in LANGS and quality > 0 and score > best_q:
            best, best_q = base, score
    return best
