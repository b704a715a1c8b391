"""The ``draftkit`` command line: one front end over the core modules. click only: parse
arguments, call one core function, print, and map errors to messages and exit codes."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from draftkit import __version__
from draftkit.choices import DOC_CHOICES, POLICING_CHOICES, SCHEMA_CHOICES
from draftkit.cli.audit import audit
from draftkit.cli.batch import batch
from draftkit.cli.clauses import clauses
from draftkit.cli.common import (
    TEXT,
    SafePath,
    author_option,
    date_option,
    policing_from,
    project_root,
    reports_errors,
    with_policing_asked,
)
from draftkit.cli.lazy import lazy_module
from draftkit.cli.packet import packet
from draftkit.cli.serve import serve
from draftkit.cli.towns import towns

if TYPE_CHECKING:
    from draftkit.drafting import composing
    from draftkit.drafting import pipeline as drafting
    from draftkit.review import checking, reports, verification
    from draftkit.word import redlining
else:
    checking = lazy_module("draftkit.review.checking")
    composing = lazy_module("draftkit.drafting.composing")
    drafting = lazy_module("draftkit.drafting.pipeline")
    redlining = lazy_module("draftkit.word.redlining")
    reports = lazy_module("draftkit.review.reports")
    verification = lazy_module("draftkit.review.verification")


@click.group(name="draftkit", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="draftkit")
@click.option(
    "--root",
    type=SafePath(file_okay=False, path_type=Path),
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
@click.argument("town", type=TEXT)
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
    type=TEXT,
    metavar="ID",
    help="Draft only these clauses (repeatable).",
)
@click.option(
    "--sponsor",
    "sponsors",
    multiple=True,
    type=TEXT,
    metavar="NAME",
    help="Sponsor named on the resolution (repeatable).",
)
@date_option("of the draft")
@click.option(
    "--final",
    is_flag=True,
    help="Leave out the DRAFT header. Refused unless a lawyer has approved every clause at "
    "its current text and every fact the documents print is confirmed.",
)
@click.option(
    "--out",
    type=SafePath(file_okay=False, path_type=Path),
    help="Folder to write into [default: drafts/ in the project folder].",
)
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@click.option(
    "--policing",
    type=click.Choice(sorted(POLICING_CHOICES)),
    help="Who polices the town, when it has no profile and the registry does not say.",
)
@click.option(
    "--agency",
    type=TEXT,
    metavar="NAME",
    help="The police agency's name, for a town without a profile.",
)
@author_option
@click.pass_context
@reports_errors
def draft(
    ctx: click.Context,
    town: str,
    doc: str,
    clauses: tuple[str, ...],
    sponsors: tuple[str, ...],
    date: dt.date,
    final: bool,
    out: Path | None,
    force: bool,
    policing: str | None,
    agency: str | None,
    author: str,
) -> None:
    """Draft TOWN's resolution and the documents that go with it into --out.

    TOWN is any Vermont municipality: one with a profile in towns/, or any other by
    name ("Hinesburg", "Barre City", "Village of Woodstock"), from the registry.
    """
    options = composing.DraftOptions(
        date=date, final=final, sponsors=sponsors, clause_ids=clauses, author=author
    )
    out = out or project_root(ctx) / "drafts"
    root = project_root(ctx)
    written = with_policing_asked(
        lambda said: drafting.draft(
            root, town, doc=doc, options=options, out_dir=out, force=force, policing=said
        ),
        policing_from(policing, agency),
        may_ask=True,
    )
    for path in written:
        click.echo(f"wrote {path}")


@cli.command("verify")
@click.argument("draft_file", metavar="DRAFT.docx", type=SafePath(dir_okay=False, path_type=Path))
@click.pass_context
@reports_errors
def verify_command(ctx: click.Context, draft_file: Path) -> None:
    """Compare a draft (perhaps edited and sent back) with the library text it was built
    from: per clause, whether the library changed, whether it is approved now, and what
    was changed by hand. Exits 1 when anything differs."""
    report = verification.verify(project_root(ctx), draft_file)
    click.echo(report.render())
    if not report.clean:
        sys.exit(1)


@cli.command("redline")
@click.argument("old", metavar="OLD.docx", type=SafePath(dir_okay=False, path_type=Path))
@click.argument("new", metavar="NEW.docx", type=SafePath(dir_okay=False, path_type=Path))
@click.option(
    "--out", required=True, type=SafePath(dir_okay=False, path_type=Path), help="File to write."
)
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@author_option
@reports_errors
def redline_command(old: Path, new: Path, out: Path, force: bool, author: str) -> None:
    """Write NEW.docx with Word tracked changes against OLD.docx, e.g. a town's current
    policy against its new directive."""
    path, insertions, deletions = redlining.redline_files(old, new, out, force=force, author=author)
    click.echo(f"wrote {path} ({insertions} insertions, {deletions} deletions)")


@cli.command("check")
@click.pass_context
@reports_errors
def check_command(ctx: click.Context) -> None:
    """Check every town, clause, cross-reference and template."""
    click.echo(checking.check(project_root(ctx)).summary())


@cli.command("schema")
@click.argument("kind", type=click.Choice(sorted(SCHEMA_CHOICES)))
@reports_errors
def schema_command(kind: str) -> None:
    """Print the JSON Schema of a town profile or a clause file."""
    click.echo(reports.schema_json(kind))


@cli.group()
def templates() -> None:
    """Work with the Word templates in resolutions/."""


@templates.command("check")
@click.option("--values", is_flag=True, help="List every value a template may use, then stop.")
@click.pass_context
@reports_errors
def templates_check(ctx: click.Context, values: bool) -> None:
    """Lint the templates: split tags, unknown values, unbalanced blocks, tracked changes."""
    if values:
        for name in checking.template_values(project_root(ctx)):
            click.echo(name)
        return
    count = checking.check_templates_only(project_root(ctx))
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
    try:
        cli(obj={})
    finally:
        # The process ends here and frees everything at once; a last pass of the cycle
        # collector over every object loaded (the library, the templates, their XML)
        # would find nothing to free and cost a fifth of a short command's time.
        gc.freeze()


cli.add_command(towns)
cli.add_command(batch)
cli.add_command(clauses)
cli.add_command(audit)
cli.add_command(packet)
cli.add_command(serve)
