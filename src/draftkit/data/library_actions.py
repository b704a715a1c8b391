"""Commands that change the library's data files: recording reviews."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

from draftkit.data.library import load_library
from draftkit.data.reviews import Verdict, record_review
from draftkit.errors import DataError, raise_if_any
from draftkit.text_rules import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, TEXT_HINT, text_problem


def review_clause(
    root: Path,
    clause_id: str,
    *,
    reviewer: str,
    role: str,
    verdict: str,
    notes: str | None,
    date: dt.date,
) -> str:
    """Record a review of a clause at its current text; return the file, as shown.

    Raises:
        DraftkitError: unknown clause, the library does not load, or the reviewer,
            role or notes are not text a review file may hold; nothing is written.
    """
    said = {"reviewer": reviewer, "role": role, "notes": notes}
    raise_if_any(
        DataError(f"{field}: the value {problem}", hint=TEXT_HINT)
        for field, value in said.items()
        if value is not None
        and (
            problem := text_problem(
                value, max_length=MAX_TEXT_LENGTH if field == "notes" else MAX_NAME_LENGTH
            )
        )
    )
    library = load_library(root)
    clause = library.clause(clause_id)
    log = library.reviews.get(clause_id)
    path = record_review(
        clause,
        log.value if log else None,
        library.reviews_dir,
        reviewer=reviewer,
        role=role,
        verdict=cast(Verdict, verdict),
        notes=notes,
        date=date,
        definitions_sha256=library.definitions_sha256(clause.value.id),
    )
    return str(path.relative_to(root))
