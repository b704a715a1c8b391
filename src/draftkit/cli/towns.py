"""``draftkit towns ...``: the municipalities and their profiles."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import click

from draftkit.cli.lazy import lazy_module

if TYPE_CHECKING:
    from draftkit import profiles, reports
else:
    profiles = lazy_module("draftkit.profiles")
    reports = lazy_module("draftkit.reports")

from draftkit.choices import POLICE_FILTERS, POLICING_CHOICES
from draftkit.cli.common import (
    TEXT,
    FieldValue,
    policing_from,
    project_root,
    reports_errors,
    with_policing_asked,
)
from draftkit.errors import DraftkitError, ProblemList


@click.group()
def towns() -> None:
    """List and show town profiles."""


@towns.command("list")
@click.option("--county", type=TEXT, metavar="NAME", help="Only this county.")
@click.option(
    "--kind",
    type=click.Choice(["city", "town", "village", "unorganized", "gore", "grant"]),
    help="Only this kind of municipality.",
)
@click.option("--police", type=click.Choice(POLICE_FILTERS), help="Only this policing arrangement.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@reports_errors
def towns_list(
    ctx: click.Context, county: str | None, kind: str | None, police: str | None, as_json: bool
) -> None:
    """List every Vermont municipality, and whether it has a profile in towns/."""
    click.echo(
        reports.towns_table(
            project_root(ctx), county=county, kind=kind, police=police, as_json=as_json
        )
    )


@towns.command("show")
@click.argument("name", type=TEXT)
@click.pass_context
@reports_errors
def towns_show(ctx: click.Context, name: str) -> None:
    """Show every fact about one municipality, and where each came from."""
    click.echo(reports.town_details(project_root(ctx), name))


@towns.command("new")
@click.argument("name", type=TEXT)
@click.option(
    "--policing",
    type=click.Choice(sorted(POLICING_CHOICES)),
    help="Who polices the town, when the registry does not say.",
)
@click.option("--agency", type=TEXT, metavar="NAME", help="The police agency's name.")
@click.option(
    "--set",
    "answers",
    multiple=True,
    type=FieldValue(),
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
@reports_errors
def towns_new(
    ctx: click.Context,
    name: str,
    policing: str | None,
    agency: str | None,
    answers: tuple[tuple[str, str], ...],
    body_may_direct: bool,
    yes: bool,
) -> None:
    """Write a profile for NAME in towns/, asking each fact with the registry's answer
    pre-filled (press Enter to keep it)."""
    root = project_root(ctx)
    plan = with_policing_asked(
        lambda said: profiles.plan_profile(root, name, said),
        policing_from(policing, agency),
        may_ask=not yes,
    )
    given: dict[str, str] = dict(answers)
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
    while True:
        try:
            profiles.write_profile(plan, given, body_may_direct=body_may_direct)
            break
        except ProblemList as many:
            # At a prompt, a refused answer is asked again with the reason; with --yes
            # or --set the problems are the answer, and nothing is written.
            again = profiles.fields_of(many.problems, [q.field for q in plan.questions()])
            if yes or not again or any(field in dict(answers) for field in again):
                raise
            for problem in many.problems:
                click.echo(str(problem), err=True)
            for question in plan.questions():
                if question.field in again:
                    given[question.field] = click.prompt(
                        question.prompt,
                        default=given[question.field],
                        value_proc=functools.partial(_checked_answer, question.field),
                    )
    click.echo(f"wrote {plan.shown}")


def _checked_answer(field: str, value: str) -> str:
    # click asks again when the value_proc raises a UsageError.
    try:
        return profiles.validate_answer(field, value)
    except DraftkitError as problem:
        raise click.UsageError(str(problem)) from None
