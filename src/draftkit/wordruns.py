"""Runs of words, for checking that legal text is written in draftkit's own words."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

RUN = 10
"""A shared run of this many words counts as copying."""

_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lowercase words of ``text``: URLs, punctuation, bare numbers and single letters
    left out, so that a citation ("8 U.S.C. § 1357(g)") is not mistaken for prose."""
    text = _URL.sub(" ", text.lower()).replace("\u2019", "'").replace("'", "")
    return [w for w in _WORD.findall(text) if len(w) > 1 and not w.isdigit()]


def runs(text: str, size: int = RUN) -> dict[str, str]:
    """Every run of ``size`` words in ``text``, keyed by its hash (see :func:`run_hashes`)."""
    found = words(text)
    return {
        _digest(" ".join(found[i : i + size])): " ".join(found[i : i + size])
        for i in range(len(found) - size + 1)
    }


def run_hashes(text: str, size: int = RUN) -> set[str]:
    """Short hashes of every run of ``size`` words in ``text``."""
    return set(runs(text, size))


def _digest(run: str) -> str:
    # 12 hex digits: collisions between a few hundred thousand runs are negligible.
    return hashlib.sha256(run.encode()).hexdigest()[:12]


def source_files(shared: Path) -> list[Path]:
    """The coalition's notes under ``shared``: domain/*.md and seed/*."""
    if not shared.is_dir():
        return []
    files = sorted((shared / "domain").glob("*.md")) + sorted((shared / "seed").glob("*"))
    return [f for f in files if f.is_file()]
