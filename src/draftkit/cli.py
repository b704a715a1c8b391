"""The ``draftkit`` command. click only: parse arguments, call one core function,
print, and map errors to messages and exit codes."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from draftkit import (
    __version__,
    book,
    checking,
    drafting,
    library_actions,
    profiles,
    redlining,
    reports,
    verification,
)
from draftkit.composing import DraftOptions
from draftkit.defaults import POLICING_CHOICES, Policing, PolicingUnknownError
from draftkit.errors import DraftkitError, ProblemList
from draftkit.instruments import DOC_CHOICES

F = TypeVar("F", bound=Callable[..., Any])


def _reports_errors(command: F) -> F:
    """Turn a user's mistake into a message and exit 1; Ctrl-C into "Stopped", 130."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ProblemList as many:
            if len(many.problems) == 1 and many.problems[0].path is None:
                click.echo(f"error: {many.problems[0]}", err=True)
                sys.exit(1)
            for problem in many.problems:
                click.echo(str(problem), err=True)
            click.echo(f"error: {many.message}", err=True)
            sys.exit(1)
        except DraftkitError as one:
            click.echo(f"error: {one}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Stopped", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _interactive() -> bool:
    """Whether a person is at the keyboard (not a script or CI)."""
    return sys.stdin.isatty()


def _root(ctx: click.Context) -> Path:
    return Path(ctx.obj["root"])


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


@click.group(name="draftkit", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="draftkit")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    envvar="DRAFTKIT_ROOT",
    show_default=True,
    help="Project folder holding towns/, clauses/ and resolutions/.",
)
@click.pass_context
def cli(ctx: click.Context, root: Path) -> None:
    """Draft ready-to-submit Vermont council resolutions and police directives that close
    loopholes in police collaboration with federal civil immigration enforcement."""
    ctx.ensure_object(dict)
    ctx.obj["root"] = root


@cli.command()
@click.argument("town")
@click.option(
    "--doc",
    type=click.Choice(DOC_CHOICES),
    default="all",
    show_default=True,
    help="Which document to draft: a town with its own police gets a resolution and a "
    "directive; one served by a sheriff, a resolution and a contract addendum; one served "
    "by the State Police, a resolution.",
)
@click.option(
    "--clause",
    "clauses",
    multiple=True,
    metavar="ID",
    help="Draft only these clauses (repeatable).",
)
@click.option(
    "--sponsor",
    "sponsors",
    multiple=True,
    metavar="NAME",
    help="Sponsor named on the resolution (repeatable).",
)
@click.option(
    "--date",
    "date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Date of the draft [default: today].",
)
@click.option("--final", is_flag=True, help="Leave out the DRAFT header.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default="drafts",
    show_default=True,
    help="Folder to write into.",
)
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@click.option(
    "--policing",
    type=click.Choice(sorted(POLICING_CHOICES)),
    help="Who polices the town, when it has no profile and the registry does not say.",
)
@click.option(
    "--agency", metavar="NAME", help="The police agency's name, for a town without a profile."
)
@click.pass_context
@_reports_errors
def draft(
    ctx: click.Context,
    town: str,
    doc: str,
    clauses: tuple[str, ...],
    sponsors: tuple[str, ...],
    date: dt.date,
    final: bool,
    out: Path,
    force: bool,
    policing: str | None,
    agency: str | None,
) -> None:
    """Draft TOWN's resolution and the documents that go with it into --out.

    TOWN is any Vermont municipality: one with a profile in towns/, or any other by
    name ("Hinesburg", "Barre City", "Village of Woodstock"), from the registry.
    """
    options = DraftOptions(date=date, final=final, sponsors=sponsors, clause_ids=clauses)
    said = Policing(
        arrangement=POLICING_CHOICES[policing] if policing else None,  # type: ignore[arg-type]
        agency=agency,
    )
    try:
        written = drafting.draft(
            _root(ctx), town, doc=doc, options=options, out_dir=out, force=force, policing=said
        )
    except PolicingUnknownError:
        if not _interactive():
            raise
        # Asking beats failing for an organizer at a terminal; scripts get the error.
        answer = click.prompt(
            "Who polices the town?",
            type=click.Choice(sorted(POLICING_CHOICES)),
        )
        if answer == "municipal" and agency is None:
            agency = click.prompt("Name of the police department")
        said = Policing(arrangement=POLICING_CHOICES[answer], agency=agency)  # type: ignore[arg-type]
        written = drafting.draft(
            _root(ctx), town, doc=doc, options=options, out_dir=out, force=force, policing=said
        )
    for path in written:
        click.echo(f"wrote {path}")


@cli.command("verify")
@click.argument("draft_file", metavar="DRAFT.docx", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
@_reports_errors
def verify_command(ctx: click.Context, draft_file: Path) -> None:
    """Compare a draft (perhaps edited and sent back) with the library text it was built
    from: per clause, whether the library changed, whether it is approved now, and what
    was changed by hand. Exits 1 when anything differs."""
    report = verification.verify(_root(ctx), draft_file)
    click.echo(report.render())
    if not report.clean:
        sys.exit(1)


@cli.command("redline")
@click.argument("old", metavar="OLD.docx", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", metavar="NEW.docx", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@_reports_errors
def redline_command(old: Path, new: Path, out: Path, force: bool) -> None:
    """Write NEW.docx with Word tracked changes against OLD.docx, e.g. a town's current
    policy against its new directive."""
    path, insertions, deletions = redlining.redline_files(old, new, out, force=force)
    click.echo(f"wrote {path} ({insertions} insertions, {deletions} deletions)")


@cli.command("check")
@click.pass_context
@_reports_errors
def check_command(ctx: click.Context) -> None:
    """Check every town, clause, cross-reference and template."""
    click.echo(checking.check(_root(ctx)).summary())


@cli.command("schema")
@click.argument("kind", type=click.Choice(sorted(reports.SCHEMAS)))
def schema_command(kind: str) -> None:
    """Print the JSON Schema of a town profile or a clause file."""
    click.echo(reports.schema_json(kind))


@cli.group()
def towns() -> None:
    """List and show town profiles."""


@towns.command("list")
@click.option("--county", metavar="NAME", help="Only this county.")
@click.option(
    "--kind",
    type=click.Choice(["city", "town", "village", "unorganized", "gore", "grant"]),
    help="Only this kind of municipality.",
)
@click.option(
    "--police", type=click.Choice(reports.POLICE_FILTERS), help="Only this policing arrangement."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@_reports_errors
def towns_list(
    ctx: click.Context, county: str | None, kind: str | None, police: str | None, as_json: bool
) -> None:
    """List every Vermont municipality, and whether it has a profile in towns/."""
    click.echo(
        reports.towns_table(_root(ctx), county=county, kind=kind, police=police, as_json=as_json)
    )


@towns.command("show")
@click.argument("name")
@click.pass_context
@_reports_errors
def towns_show(ctx: click.Context, name: str) -> None:
    """Show every fact about one municipality, and where each came from."""
    click.echo(reports.town_details(_root(ctx), name))


@towns.command("new")
@click.argument("name")
@click.option(
    "--policing",
    type=click.Choice(sorted(POLICING_CHOICES)),
    help="Who polices the town, when the registry does not say.",
)
@click.option("--agency", metavar="NAME", help="The police agency's name.")
@click.option(
    "--set",
    "answers",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Answer a question without being asked, e.g. "
    "--set governing_body.clerk_title='Town Clerk'.",
)
@click.option(
    "--body-may-direct/--body-requests",
    default=False,
    show_default=True,
    help="Whether the governing body may direct the official who adopts police policy.",
)
@click.option("--yes", is_flag=True, help="Accept every pre-filled answer without asking.")
@click.pass_context
@_reports_errors
def towns_new(
    ctx: click.Context,
    name: str,
    policing: str | None,
    agency: str | None,
    answers: tuple[str, ...],
    body_may_direct: bool,
    yes: bool,
) -> None:
    """Write a profile for NAME in towns/, asking each fact with the registry's answer
    pre-filled (press Enter to keep it)."""
    said = Policing(
        arrangement=POLICING_CHOICES[policing] if policing else None,  # type: ignore[arg-type]
        agency=agency,
    )
    plan = profiles.plan_profile(_root(ctx), name, said)
    given: dict[str, str] = {}
    for item in answers:
        field, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="--set")
        given[field.strip()] = value
    known = {q.field for q in plan.questions()}
    unknown = sorted(set(given) - known)
    if unknown:
        raise click.BadParameter(
            f"unknown field {unknown[0]!r}; fields: {', '.join(sorted(known))}", param_hint="--set"
        )
    for question in plan.questions():
        if question.field in given or yes:
            continue
        given[question.field] = click.prompt(
            question.prompt,
            default=question.default,
            value_proc=functools.partial(_checked_answer, question.field),
        )
    profiles.write_profile(plan, given, body_may_direct=body_may_direct)
    click.echo(f"wrote {plan.shown}")


def _checked_answer(field: str, value: str) -> str:
    # click asks again when the value_proc raises a UsageError.
    try:
        return profiles.validate_answer(field, value)
    except DraftkitError as problem:
        raise click.UsageError(str(problem)) from None


@cli.group()
def clauses() -> None:
    """List and show clause modules."""


@clauses.command("list")
@click.pass_context
@_reports_errors
def clauses_list(ctx: click.Context) -> None:
    """List every clause with its version and the loopholes it closes."""
    click.echo(reports.clauses_table(_root(ctx)))


@clauses.command("show")
@click.argument("clause_id", metavar="ID")
@click.pass_context
@_reports_errors
def clauses_show(ctx: click.Context, clause_id: str) -> None:
    """Show one clause in full: texts, citations, legal note and history."""
    click.echo(reports.clause_details(_root(ctx), clause_id))


@clauses.command("status")
@click.pass_context
@_reports_errors
def clauses_status(ctx: click.Context) -> None:
    """Show each clause's version and review state: approved, stale or unreviewed."""
    click.echo(reports.clause_status_table(_root(ctx)))


@clauses.command("coverage")
@click.pass_context
@_reports_errors
def clauses_coverage(ctx: click.Context) -> None:
    """Show each loophole against the clauses that close it, so a gap is visible."""
    click.echo(reports.coverage_table(_root(ctx)))


@clauses.command("book")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write [default: drafts/clause-book-DATE.docx].",
)
@click.option(
    "--date",
    "date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Date on the cover [default: today].",
)
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@click.pass_context
@_reports_errors
def clauses_book(ctx: click.Context, out: Path | None, date: dt.date, force: bool) -> None:
    """Write the clause book for lawyers: coverage, then every clause with its text,
    terms, citations, legal note, version history and review history."""
    target = out or Path("drafts") / f"clause-book-{date.isoformat()}.docx"
    click.echo(f"wrote {book.write_book(_root(ctx), target, date=date, force=force)}")


@clauses.command("diff")
@click.argument("clause_id", metavar="ID")
@click.option(
    "--from",
    "from_rev",
    default="HEAD",
    show_default=True,
    metavar="REV",
    help="Git revision of the old text.",
)
@click.option(
    "--to",
    "to_rev",
    metavar="REV",
    help="Git revision of the new text [default: the working tree].",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write [default: drafts/ID-redline.docx].",
)
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@click.pass_context
@_reports_errors
def clauses_diff(
    ctx: click.Context,
    clause_id: str,
    from_rev: str,
    to_rev: str | None,
    out: Path | None,
    force: bool,
) -> None:
    """Write a Word redline of clause ID between two versions, with tracked changes a
    lawyer can accept or reject."""
    target = out or Path("drafts") / f"{clause_id}-redline.docx"
    path, insertions, deletions = redlining.clause_diff(
        _root(ctx), clause_id, from_rev, to_rev, target, force=force
    )
    click.echo(f"wrote {path} ({insertions} insertions, {deletions} deletions)")


@clauses.command("review")
@click.argument("clause_id", metavar="ID")
@click.option("--reviewer", required=True, metavar="NAME", help="Who reviewed the clause.")
@click.option(
    "--role", default="Attorney", show_default=True, metavar="ROLE", help="The reviewer's role."
)
@click.option(
    "--verdict",
    required=True,
    type=click.Choice(["approved", "changes_requested"]),
    help="The outcome of the review.",
)
@click.option("--notes", metavar="TEXT", help="What the reviewer said.")
@click.option(
    "--date",
    "date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Date of the review [default: today].",
)
@click.pass_context
@_reports_errors
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
        _root(ctx), clause_id, reviewer=reviewer, role=role, verdict=verdict, notes=notes, date=date
    )
    click.echo(f"recorded {verdict.replace('_', ' ')} review of {clause_id} in {path}")


@cli.group()
def templates() -> None:
    """Work with the Word templates in resolutions/."""


@templates.command("check")
@click.option("--values", is_flag=True, help="List every value a template may use, then stop.")
@click.pass_context
@_reports_errors
def templates_check(ctx: click.Context, values: bool) -> None:
    """Lint the templates: split tags, unknown values, unbalanced blocks, tracked changes."""
    if values:
        for name in checking.template_values(_root(ctx)):
            click.echo(name)
        return
    count = checking.check_templates_only(_root(ctx))
    click.echo(f"All good: {count} templates")


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand, as word tuples: ("towns", "list") ... (for the README
    reference and its test)."""
    paths: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        paths.append(path)
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, path))
    return paths


def main() -> None:
    """Console-script entry point."""
    cli(obj={})
