"""Lawyers' reviews of clauses, tied to the exact text they covered.

A review records the SHA-256 of the clause's text (every text field a draft can
contain). It counts only while that hash matches the clause: any edit makes it stale.
Reviews live in ``clauses/reviews/<id>.yaml``, one file per clause, newest last, so a
new review is a few added lines in a diff.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from draftkit.data.clause_models import ClauseModule
from draftkit.data.fields import Day, Name, Text
from draftkit.data.loading import Loaded
from draftkit.drafting.provenance import clause_text_hash
from draftkit.drafting.writing import write_files
from draftkit.errors import DraftkitError

REVIEWS_DIR = "reviews"
Verdict = Literal["approved", "changes_requested"]
ReviewState = Literal["approved", "changes requested", "stale", "unreviewed"]


class Review(BaseModel):
    """One lawyer's review of one clause text."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    reviewer: Name = Field(description="Who reviewed the clause.")
    role: Name = Field(description='Their role, e.g. "Municipal attorney".')
    date: Day = Field(description="When (YYYY-MM-DD).")
    verdict: Verdict = Field(description="approved or changes_requested.")
    version: Name = Field(description="The clause version reviewed.")
    text_sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the clause text reviewed."
    )
    definitions_sha256: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the glossary definitions the clause relies on when reviewed.",
    )
    notes: Text | None = Field(default=None, description="What the reviewer said.")


class ReviewLog(BaseModel):
    """clauses/reviews/<id>.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    reviews: tuple[Review, ...] = Field(default=(), description="Reviews, oldest first.")


@dataclass(frozen=True)
class ClauseStatus:
    """Where a clause stands with its reviewers."""

    state: ReviewState
    last: Review | None

    @property
    def approved(self) -> bool:
        """Whether the clause is approved at its current text."""
        return self.state == "approved"


def status_of(
    clause: ClauseModule, log: ReviewLog | None, definitions_sha256: str | None = None
) -> ClauseStatus:
    """The clause's review state: only the newest review counts, and only while the
    text it covered is the text the clause has now and, when ``definitions_sha256`` is
    given, while the glossary definitions it relies on are those the reviewer read."""
    if log is None or not log.reviews:
        return ClauseStatus("unreviewed", None)
    last = log.reviews[-1]
    if last.text_sha256 != clause_text_hash(clause):
        return ClauseStatus("stale", last)
    if definitions_sha256 is not None and last.definitions_sha256 != definitions_sha256:
        return ClauseStatus("stale", last)
    return ClauseStatus("approved" if last.verdict == "approved" else "changes requested", last)


def record_review(
    clause: Loaded[ClauseModule],
    log: ReviewLog | None,
    reviews_dir: Path,
    *,
    reviewer: str,
    role: str,
    verdict: Verdict,
    notes: str | None,
    date: dt.date,
    definitions_sha256: str | None = None,
) -> Path:
    """Append a review of the clause's current text to its review file.

    Raises:
        DraftkitError: the review is not valid or the file cannot be written.
    """
    review = Review(
        reviewer=reviewer,
        role=role,
        date=date,
        verdict=verdict,
        version=clause.value.version,
        text_sha256=clause_text_hash(clause.value),
        definitions_sha256=definitions_sha256,
        notes=notes or None,
    )
    reviews = [*(log.reviews if log else ()), review]
    import yaml  # only writing a review needs it

    body = yaml.safe_dump(
        {"reviews": [r.model_dump(mode="json", exclude_none=True) for r in reviews]},
        sort_keys=False,
        allow_unicode=True,
        width=88,
    )
    header = (
        f"# Reviews of clause {clause.value.id}, oldest first. Written by "
        "`draftkit clauses review`;\n# a review counts only while text_sha256 matches the "
        "clause's text.\n"
    )
    name = f"{clause.value.id}.yaml"
    write_files(reviews_dir, {name: (header + body).encode()}, force=True)
    return reviews_dir / name


def unapproved_ids(statuses: dict[str, ClauseStatus], ids: list[str]) -> list[str]:
    """The ids among ``ids`` that are not approved at their current text."""
    return [clause_id for clause_id in ids if not statuses[clause_id].approved]


def describe_unapproved(ids: list[str], statuses: dict[str, ClauseStatus]) -> str:
    """``victim-witness-status (stale), civil-stops (unreviewed)``."""
    return ", ".join(f"{clause_id} ({statuses[clause_id].state})" for clause_id in ids)


class UnapprovedError(DraftkitError):
    """Raised when a final draft would contain clauses not approved at their text."""
