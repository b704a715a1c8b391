"""``draftkit clauses ...``: the clause library and its reviews."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from draftkit.cli.lazy import lazy_module

if TYPE_CHECKING:
    from draftkit.data import library_actions
    from draftkit.review import book, reports
    from draftkit.word import redlining
else:
    book = lazy_module("draftkit.review.book")
    library_actions = lazy_module("draftkit.data.library_actions")
    redlining = lazy_module("draftkit.word.redlining")
    reports = lazy_module("draftkit.review.reports")

from draftkit.cli.common import (
    PROSE,
    TEXT,
    SafePath,
    author_option,
    date_option,
    project_root,
    reports_errors,
)


@click.group()
def clauses() -> None:
    """List and show clause modules."""


@clauses.command("list")
@click.pass_context
@reports_errors
def clauses_list(ctx: click.Context) -> None:
    """List every clause with its version and the loopholes it closes."""
    click.echo(reports.clauses_table(project_root(ctx)))


@clauses.command("show")
@click.argument("clause_id", type=TEXT, metavar="ID")
@click.pass_context
@reports_errors
def clauses_show(ctx: click.Context, clause_id: str) -> None:
    """Show one clause in full: texts, citations, legal note and history."""
    click.echo(reports.clause_details(project_root(ctx), clause_id))


@clauses.command("status")
@click.pass_context
@reports_errors
def clauses_status(ctx: click.Context) -> None:
    """Show each clause's version and review state: approved, stale or unreviewed."""
    click.echo(reports.clause_status_table(project_root(ctx)))


@clauses.command("coverage")
@click.pass_context
@reports_errors
def clauses_coverage(ctx: click.Context) -> None:
    """Show each loophole against the clauses that close it, so a gap is visible."""
    click.echo(reports.coverage_table(project_root(ctx)))


@clauses.command("book")
@click.option(
    "--out",
    type=SafePath(dir_okay=False, path_type=Path),
    help="File to write [default: drafts/clause-book-DATE.docx].",
)
@date_option("on the cover")
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@author_option
@click.pass_context
@reports_errors
def clauses_book(
    ctx: click.Context, out: Path | None, date: dt.date, force: bool, author: str
) -> None:
    """Write the clause book for lawyers: coverage, then every clause with its text,
    terms, citations, legal note, version history and review history."""
    target = out or Path("drafts") / f"clause-book-{date.isoformat()}.docx"
    click.echo(
        f"wrote {book.write_book(project_root(ctx), target, date=date, force=force, author=author)}"
    )


@clauses.command("diff")
@click.argument("clause_id", type=TEXT, metavar="ID")
@click.option(
    "--from",
    "from_rev",
    default="HEAD",
    type=TEXT,
    show_default=True,
    metavar="REV",
    help="The old text: a version of the clause (e.g. 1.0.0, from its history) or a git revision.",
)
@click.option(
    "--to",
    "to_rev",
    type=TEXT,
    metavar="REV",
    help="The new text: a version of the clause or a git revision [default: the working tree].",
)
@click.option(
    "--out",
    type=SafePath(dir_okay=False, path_type=Path),
    help="File to write [default: drafts/ID-redline.docx].",
)
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@author_option
@click.pass_context
@reports_errors
def clauses_diff(
    ctx: click.Context,
    clause_id: str,
    from_rev: str,
    to_rev: str | None,
    out: Path | None,
    force: bool,
    author: str,
) -> None:
    """Write a Word redline of clause ID between two versions, with tracked changes a
    lawyer can accept or reject."""
    target = out or Path("drafts") / f"{clause_id}-redline.docx"
    path, insertions, deletions = redlining.clause_diff(
        project_root(ctx), clause_id, from_rev, to_rev, target, force=force, author=author
    )
    click.echo(f"wrote {path} ({insertions} insertions, {deletions} deletions)")


@clauses.command("review")
@click.argument("clause_id", type=TEXT, metavar="ID")
@click.option(
    "--reviewer", required=True, type=TEXT, metavar="NAME", help="Who reviewed the clause."
)
@click.option(
    "--role",
    required=True,
    type=TEXT,
    metavar="ROLE",
    help='The reviewer\'s role, e.g. "Town attorney" or "Counsel, ACLU of Vermont".',
)
@click.option(
    "--verdict",
    required=True,
    type=click.Choice(["approved", "changes_requested"]),
    help="The outcome of the review.",
)
@click.option("--notes", type=PROSE, metavar="TEXT", help="What the reviewer said.")
@date_option("of the review")
@click.pass_context
@reports_errors
def clauses_review(
    ctx: click.Context,
    clause_id: str,
    reviewer: str,
    role: str,
    verdict: str,
    notes: str | None,
    date: dt.date,
) -> None:
    """Record a review of clause ID at its current text in clauses/reviews/ID.yaml."""
    path = library_actions.review_clause(
        project_root(ctx),
        clause_id,
        reviewer=reviewer,
        role=role,
        verdict=verdict,
        notes=notes,
        date=date,
    )
    click.echo(f"recorded {verdict.replace('_', ' ')} review of {clause_id} in {path}")
