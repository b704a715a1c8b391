"""What every draftkit command shares: error reporting, the project root, dates."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from draftkit.defaults import POLICING_CHOICES, Policing, PolicingUnknownError
from draftkit.errors import DraftkitError, ProblemList

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def reports_errors(command: F) -> F:
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


def interactive() -> bool:
    """Whether a person is at the keyboard (not a script or CI)."""
    return sys.stdin.isatty()


def project_root(ctx: click.Context) -> Path:
    return Path(ctx.obj["root"])


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def policing_from(policing: str | None, agency: str | None) -> Policing:
    """What the --policing and --agency options say."""
    arrangement = POLICING_CHOICES[policing] if policing else None
    return Policing(arrangement=arrangement, agency=agency)  # type: ignore[arg-type]


def with_policing_asked(action: Callable[[Policing], T], said: Policing, *, may_ask: bool) -> T:
    """Run ``action``; if nobody knows who polices the town and a person is at the
    keyboard, ask and run it again. Asking beats failing for an organizer at a
    terminal; scripts and CI get the error naming --policing."""
    try:
        return action(said)
    except PolicingUnknownError:
        if not may_ask or not interactive():
            raise
    answer = click.prompt("Who polices the town?", type=click.Choice(sorted(POLICING_CHOICES)))
    agency = said.agency
    if answer == "municipal" and agency is None:
        agency = click.prompt("Name of the police department")
    return action(policing_from(answer, agency))
