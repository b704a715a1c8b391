"""Which lines of a rendered document carry each clause's text: recorded in the manifest,
so that ``draftkit verify`` can tell a town's edit of a clause from an edit elsewhere."""

from __future__ import annotations

import bisect
import functools
import itertools

from draftkit.drafting.composing import RenderedClause


class ClauseMatcher:
    """Finds which lines of a document carry each clause's text.

    Each clause fragment and each line is normalised once (not once per pair), which
    keeps a batch of every municipality from spending its time here.
    """

    def __init__(self, rendered: list[RenderedClause]) -> None:
        # Searched as UTF-8: a valid UTF-8 text holds a valid UTF-8 fragment's bytes
        # exactly where it holds the fragment, and bytes are half the memory to read of
        # a text with a dash or a section sign in it.
        self._fragments = [
            (item.clause.value.id, [f.encode() for f in (_plain(t) for t in _texts(item)) if f])
            for item in rendered
        ]

    def lines_of(self, lines: list[str]) -> dict[str, list[int]]:
        """Clause id -> indexes of the lines holding any of its texts."""
        plain = [_plain(line).encode() for line in lines]
        # A fragment holds no line break, so it can only be in a line at least as long
        # as itself: the lines are joined longest first, and each fragment is searched
        # for (in C) only in the part of the text that can hold it.
        order = sorted(range(len(plain)), key=lambda i: len(plain[i]), reverse=True)
        joined = b"\n".join(plain[i] for i in order)
        starts = list(itertools.accumulate((len(plain[i]) + 1 for i in order), initial=0))
        # -lengths ascend, so bisect finds how many lines are at least so long.
        lengths = [-len(plain[i]) for i in order]
        found: dict[str, list[int]] = {}
        for clause_id, fragments in self._fragments:
            indexes: set[int] = set()
            for fragment in fragments:
                end = starts[bisect.bisect_right(lengths, -len(fragment))]
                at = joined.find(fragment, 0, end)
                while at != -1:
                    indexes.add(order[bisect.bisect_right(starts, at) - 1])
                    at = joined.find(fragment, at + 1, end)
            found[clause_id] = sorted(indexes)
        return found


def clause_lines(rendered: list[RenderedClause], lines: list[str]) -> dict[str, list[int]]:
    """Which lines of a document (by index) carry each clause's text."""
    return ClauseMatcher(rendered).lines_of(lines)


def _texts(item: RenderedClause) -> list[str]:
    texts = [*item.whereas, *item.resolved]
    for section in (item.directive, item.town_policy):
        if section is not None:
            texts += [section.heading, *section.paragraphs]
    # A recital is printed as "WHEREAS, <text>; and": match its body, not its ending.
    return [text.rstrip(" .;,") for text in texts]


@functools.lru_cache(maxsize=8192)
def _plain(text: str) -> str:
    # Cached for the same reason as completeness's folding: a batch repeats most lines.
    folded = " ".join(text.split())
    return text if folded == text else folded


__all__ = ["ClauseMatcher", "clause_lines"]
