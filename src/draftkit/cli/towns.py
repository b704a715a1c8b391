"""``draftkit towns ...``: the municipalities and their profiles."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import click

from draftkit.cli.lazy import lazy_module

if TYPE_CHECKING:
    from draftkit.data import profiles
    from draftkit.data.questions import Question
    from draftkit.review import reports
else:
    profiles = lazy_module("draftkit.data.profiles")
    reports = lazy_module("draftkit.review.reports")

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
    help="Who polices the town, when the registry does not say (or, on purpose, when the "
    "profile departs from it).",
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
    "--confirm",
    "confirm",
    multiple=True,
    type=TEXT,
    metavar="FIELD",
    help="Record FIELD's answer (given with --set, or the default) as checked by a person.",
)
@click.option(
    "--body-may-direct/--body-requests",
    default=None,
    help="Whether the governing body may direct the official who adopts police policy "
    "(same as --set police.body_may_direct=direct|request).",
)
@click.option("--yes", is_flag=True, help="Accept every pre-filled answer without asking.")
@click.option(
    "--force",
    is_flag=True,
    help="Ask an existing profile's questions again, its answers as defaults; the file is "
    "replaced only if every answer passes.",
)
@click.pass_context
@reports_errors
def towns_new(
    ctx: click.Context,
    name: str,
    policing: str | None,
    agency: str | None,
    answers: tuple[tuple[str, str], ...],
    confirm: tuple[str, ...],
    body_may_direct: bool | None,
    yes: bool,
    force: bool,
) -> None:
    """Write a profile for NAME in towns/, asking each fact with the registry's answer
    pre-filled. Press Enter to keep a pre-filled answer (it stays a default, and drafts
    say so); type the answer to confirm it."""
    root = project_root(ctx)
    plan = with_policing_asked(
        lambda said: profiles.plan_profile(root, name, said, force=force),
        policing_from(policing, agency),
        may_ask=not yes,
    )
    given: dict[str, str] = dict(answers)
    if body_may_direct is not None:
        given.setdefault("police.body_may_direct", "direct" if body_may_direct else "request")
    known = [q.field for q in plan.questions()]
    for option, fields in (("--set", given), ("--confirm", confirm)):
        unknown = sorted(set(fields) - set(known))
        if unknown:
            raise click.BadParameter(
                f"unknown field {unknown[0]!r}; fields: {', '.join(sorted(known))}",
                param_hint=option,
            )
    typed: set[str] = set()
    said: dict[str, str] = {}
    if not yes and any(q.field not in given for q in plan.questions()):
        click.echo(
            "Press Enter to keep the answer in [brackets] as a default still to be "
            "confirmed; type the answer (even the same one) to confirm it."
        )
    for question in plan.questions():
        if question.field in given:
            said[question.field] = given[question.field]
            continue
        default = plan.default(question, said)
        if yes:
            said[question.field] = default
            continue
        said[question.field], was_typed = _ask(question, said, default)
        if was_typed:
            typed.add(question.field)
    while True:
        try:
            profiles.write_profile(plan, said, typed | set(confirm))
            break
        except ProblemList as many:
            # At a prompt, a refused answer is asked again with the reason; with --yes
            # or --set the problems are the answer, and nothing is written.
            again = profiles.fields_of(many.problems, known)
            if yes or not again or any(field in given for field in again):
                raise
            for problem in many.problems:
                click.echo(str(problem), err=True)
            for question in plan.questions():
                if question.field in again:
                    said[question.field], was_typed = _ask(question, said, said[question.field])
                    if was_typed:
                        typed.add(question.field)
    click.echo(f"wrote {plan.shown}")
    left = profiles.unconfirmed_in(plan)
    if left:
        click.echo(f"not confirmed yet (drafts say so; --final waits for them): {', '.join(left)}")


def _ask(question: Question, said: dict[str, str], default: str) -> tuple[str, bool]:
    from draftkit.data.questions import wording

    """One question at the prompt: (the answer, whether the person typed it)."""
    answer: str = click.prompt(
        f"{wording(question, said)} [{default}]",
        default="",
        show_default=False,
        value_proc=functools.partial(_checked_answer, question.field),
    )
    return (answer, True) if answer else (default, False)


def _checked_answer(field: str, value: str) -> str:
    # click asks again when the value_proc raises a UsageError; Enter gives "".
    if value == "":
        return ""
    try:
        return profiles.validate_answer(field, value)
    except DraftkitError as problem:
        raise click.UsageError(str(problem)) from None
