"""Commands that change the library's data files: recording reviews."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

from draftkit.library import load_library
from draftkit.reviews import Verdict, record_review


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
        DraftkitError: unknown clause, or the library does not load.
    """
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
