"""What every draftkit command shares: error reporting, the project root, dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from draftkit.choices import DEFAULT_AUTHOR, POLICING_CHOICES
from draftkit.dates import DateProblem, read_date
from draftkit.errors import DraftkitError, ProblemList
from draftkit.text_rules import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, TEXT_HINT, text_problem

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
        except BrokenPipeError:
            stdout_closed()
        except UnicodeDecodeError as exc:
            # An answer typed at a prompt in a terminal that does not send UTF-8.
            click.echo(f"error: what was typed is not UTF-8 text ({exc.reason})", err=True)
            click.echo(f"  hint: {TEXT_HINT}", err=True)
            sys.exit(1)
        except OSError as exc:
            # The file system refused something no check foresaw (a disk pulled out, a
            # share gone): say what and where, not a traceback.
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            click.echo("  hint: check the path, its permissions and free space", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def stdout_closed() -> NoReturn:
    """Exit quietly: whoever reads the output (``head``, ``less``) has closed it, which is
    no error, as for any Unix tool. Later writes (the flush at exit) go nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (a test's runner)
        pass
    sys.exit(0)


if TYPE_CHECKING:
    from draftkit.data.defaults import Policing
    from draftkit.data.fields import Arrangement

if TYPE_CHECKING:  # click 8.5 made ParamType generic; older clicks cannot subscript it.
    _TextType = click.ParamType[Any, Any]
else:
    _TextType = click.ParamType


class FreeText(_TextType):
    """Text a person types (a name, a title, notes): refused with the option named, what
    is wrong and a hint when a Word document could not hold it (blank, too long,
    control characters, bytes that are not UTF-8). Every command's free-text options
    use it, so every command refuses the same values with the same words."""

    name = "text"

    def __init__(self, max_length: int = MAX_NAME_LENGTH, *, one_line: bool = True) -> None:
        self.max_length = max_length
        self.one_line = one_line

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            broken = _break_problem(value) if self.one_line else None
            problem = broken or text_problem(value, max_length=self.max_length)
            if problem:
                hint = "type it on one line" if broken else TEXT_HINT
                self.fail(f"the value {problem}\n  hint: {hint}", param, ctx)
        return value


_BREAKS = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab"}


def _break_problem(value: str) -> str | None:
    # A name, a title or a path is one line; a line break in one is a slip of the hand
    # (or a paste) that would split a caption or a signature block.
    for char, what in _BREAKS.items():
        if char in value:
            return f"holds {what}; it must be one line"
    return None


TEXT = FreeText()
"""A name, title or id typed on the command line."""

PROSE = FreeText(MAX_TEXT_LENGTH, one_line=False)
"""A paragraph typed on the command line (review notes)."""

MAX_PATH_LENGTH = 4096


def path_problem(value: str) -> str | None:
    """What makes ``value`` unfit as a file or folder path, or ``None``."""
    if broken := _break_problem(value):
        return broken
    problem = text_problem(value, max_length=MAX_PATH_LENGTH)
    return problem.replace(", which a Word document cannot hold", "") if problem else None


class SafePath(click.Path):
    """A click path that refuses blank paths, line breaks, control characters and bytes
    that are not UTF-8 with a plain message, before anything looks at the disk."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            problem = path_problem(value)
            if problem:
                self.fail(
                    f"the path {problem}\n  hint: type the path with ordinary letters, "
                    "or rename the file",
                    param,
                    ctx,
                )
        return super().convert(value, param, ctx)


class FieldValue(FreeText):
    """``FIELD=VALUE`` (``towns new --set``); the value is checked as free text."""

    name = "field=value"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        field, sep, answer = value.partition("=")
        if not sep or not field.strip():
            self.fail(f"{value!r} is not FIELD=VALUE\n  hint: e.g. legal_name='Town of X'", param)
        problem = text_problem(answer, max_length=self.max_length)
        if problem:
            self.fail(f"{field.strip()}: the value {problem}\n  hint: {TEXT_HINT}", param, ctx)
        return field.strip(), answer


def interactive() -> bool:
    """Whether a person is at the keyboard (not a script or CI)."""
    return sys.stdin.isatty()


def project_root(ctx: click.Context) -> Path:
    return Path(ctx.obj["root"])


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    """``--date``: read by :func:`draftkit.dates.read_date`; today when not given."""
    if value is None:
        return dt.date.today()
    try:
        return read_date(value)
    except DateProblem as problem:
        if problem.code == "not_a_date":
            raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None
        raise click.BadParameter(f"{problem}\n  hint: {problem.hint}") from None


def policing_from(policing: str | None, agency: str | None) -> Policing:
    """What the --policing and --agency options say."""
    from draftkit.data.defaults import Policing

    arrangement = POLICING_CHOICES[policing] if policing else None
    return Policing(arrangement=arrangement, agency=agency)  # type: ignore[arg-type]


def with_policing_asked(action: Callable[[Policing], T], said: Policing, *, may_ask: bool) -> T:
    """Run ``action``; if nobody knows who polices the town and a person is at the
    keyboard, ask and run it again. Asking beats failing for an organizer at a
    terminal; scripts and CI get the error naming --policing."""
    from draftkit.data.defaults import PolicingUnknownError
    from draftkit.data.questions import POLICING_OPTIONS, policing_menu

    try:
        return action(said)
    except PolicingUnknownError:
        if not may_ask or not interactive():
            raise
    for line in policing_menu():
        click.echo(line)
    arrangement = click.prompt(
        f"Answer 1 to {len(POLICING_OPTIONS)}, or a word", value_proc=_policing_answer
    )
    agency = said.agency
    if arrangement == "municipal" and agency is None:
        agency = click.prompt("Name of the police department", type=TEXT)
    return action(dataclasses.replace(said, arrangement=arrangement, agency=agency))


def date_option(what: str) -> Callable[[F], F]:
    """``--date YYYY-MM-DD``: the date ``what`` carries, today when not given."""
    return click.option(
        "--date",
        "date",
        callback=parse_date,
        metavar="YYYY-MM-DD",
        help=f"Date {what} [default: today].",
    )


def author_option(command: F) -> F:
    """``--author NAME``: who the document's properties name as its author."""
    return click.option(
        "--author",
        type=TEXT,
        default=DEFAULT_AUTHOR,
        envvar="DRAFTKIT_AUTHOR",
        show_default=True,
        metavar="NAME",
        help="Author in the Word document's properties (File > Properties), e.g. your "
        "coalition; DRAFTKIT_AUTHOR sets it for every command.",
    )(command)


def _policing_answer(value: str) -> Arrangement:
    from draftkit.data.questions import parse_policing

    # click asks again when the value_proc raises a UsageError.
    try:
        return parse_policing(value)
    except DraftkitError as problem:
        raise click.UsageError(str(problem)) from None
