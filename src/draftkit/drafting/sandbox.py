"""The one Jinja environment draftkit renders with: sandboxed, strict about missing and
empty values, and bounded in the work one rendering may do.

Templates and clause texts are data that anyone with write access to the project can
edit; a loop that never ends, a string of a billion characters or a division by zero in
one of them must be an error with the file and field, not a hung or crashed draft.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment


class MissingValue(jinja2.UndefinedError):
    """A template printed a value that is None or empty."""


def _refuse_blank(value: Any) -> Any:
    # A blank in a legal document is a defect a clerk may not notice: fail instead.
    if value is None or (isinstance(value, str) and not value.strip()):
        raise MissingValue("a value printed by the template is empty")
    return value


MAX_LOOP_STEPS = 100_000
"""Loop steps and calls one rendering may take: the real templates take a few thousand."""

MAX_VALUE_LENGTH = 1_000_000
"""Longest string or list an expression may build (characters or items)."""

MAX_OUTPUT_LENGTH = 20_000_000
"""Longest rendered text or Word XML part (characters)."""

MAX_SECONDS = 20.0
"""Longest one rendering may run."""


class TooMuchWork(jinja2.TemplateRuntimeError):
    """A template or clause text asked for more work than any document needs."""


class _Budget:
    """Counts steps, output and time for one rendering; expressions check it as they run."""

    def __init__(self) -> None:
        self.steps = 0
        self.output = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def print(self, value: Any) -> None:
        self.output += len(value) if isinstance(value, str) else 16
        if self.output > MAX_OUTPUT_LENGTH:
            raise TooMuchWork(f"it prints more than {MAX_OUTPUT_LENGTH:,} characters")
        self.spend()

    def spend(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > MAX_LOOP_STEPS:
            raise TooMuchWork(f"it takes more than {MAX_LOOP_STEPS:,} steps")
        if self.steps % 1024 == 0 and time.monotonic() > self.deadline:
            raise TooMuchWork(f"it runs longer than {MAX_SECONDS:.0f} seconds")


class _BoundedRange:
    """``range()`` for templates: at most :data:`MAX_VALUE_LENGTH` items, each one a step
    of the rendering's budget, so nested loops cannot run for hours."""

    def __init__(self, budget: _Budget, *args: int) -> None:
        self.budget = budget
        self.items = range(*args)
        if len(self.items) > MAX_VALUE_LENGTH:
            raise TooMuchWork(f"range() of {len(self.items):,} numbers")

    def __iter__(self) -> Iterator[int]:
        for item in self.items:
            self.budget.spend()
            yield item

    def __len__(self) -> int:
        return len(self.items)


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox with limits on work: ``range()``, repetition (``"a" * 10**9``),
    powers, concatenation, calls and loop steps are counted or capped, so no text or
    template can hang draftkit or fill its memory."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        refuse_blank = options.pop("finalize", None)

        def finalize(value: Any) -> Any:
            self._budget().print(value)
            return refuse_blank(value) if refuse_blank else value

        super().__init__(finalize=finalize, **options)
        self._local = threading.local()
        self.globals["range"] = lambda *args: _BoundedRange(self._budget(), *args)
        self.globals.pop("lipsum", None)
        self.filters = {name: _bounded_filter(f, self) for name, f in self.filters.items()}

    def _budget(self) -> _Budget:
        budget: _Budget | None = getattr(self._local, "budget", None)
        if budget is None:
            budget = self._local.budget = _Budget()
        return budget

    def start(self) -> None:
        """Begin a rendering with a fresh budget."""
        self._local.budget = _Budget()

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        """Refuse operations whose result would be huge before computing it."""
        self._budget().spend()
        if operator_ == "*":
            for seq, times in ((left, right), (right, left)):
                if _size(seq) and isinstance(times, int) and _size(seq) * times > MAX_VALUE_LENGTH:
                    raise TooMuchWork("it repeats a value into more than a million characters")
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left).bit_length() + abs(right).bit_length() > 4096
            ):
                raise TooMuchWork("it multiplies numbers too large to print")
        if (
            operator_ == "**"
            and isinstance(left, (int, float))
            and isinstance(right, (int, float))
            and abs(right) > 1024
            and abs(left) > 1
        ):
            raise TooMuchWork("it raises a number to a power too large to print")
        if operator_ == "+" and _size(left) + _size(right) > MAX_VALUE_LENGTH:
            raise TooMuchWork("it joins values into more than a million characters")
        if operator_ == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise TooMuchWork("it formats a value wider than a page")
        return super().call_binop(context, operator_, left, right)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Count every call against the budget, so recursion and loops end."""
        self._budget().spend()
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and abs(value) > MAX_VALUE_LENGTH:
                raise TooMuchWork(f"a call is given the number {value:,}")
        result = SandboxedEnvironment.call(self, context, obj, *args, **kwargs)
        if _size(result) > MAX_VALUE_LENGTH:
            raise TooMuchWork("a call returned more than a million characters")
        return result


_WIDE_FORMAT = re.compile(r"%[-+ #0]*(\d{5,}|\*)|\.\d{5,}")


def _bounded_filter(function: Any, env: BoundedEnvironment) -> Any:
    """A filter that refuses sizes over :data:`MAX_VALUE_LENGTH` (``center(10**9)``)
    and counts as a step."""

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        env._budget().spend()
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and abs(value) > MAX_VALUE_LENGTH:
                raise TooMuchWork(f"a filter is given the number {value:,}")
        result = function(*args, **kwargs)
        if _size(result) > MAX_VALUE_LENGTH:
            raise TooMuchWork("a filter returned more than a million characters")
        return result

    return bounded


def make_environment(*, autoescape: bool) -> BoundedEnvironment:
    """The one way draftkit builds a Jinja environment.

    Sandboxed (templates cannot reach Python internals) with bounded work,
    ``StrictUndefined`` (a missing value is an error, never a blank) and a ``finalize``
    hook that refuses ``None`` and empty strings. ``include``, ``import`` and
    ``extends`` find nothing: a text or template stands alone. ``autoescape`` is on for
    Word XML and off for plain clause text.
    """
    return BoundedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        finalize=_refuse_blank,
        keep_trailing_newline=False,
        loader=jinja2.DictLoader({}),
    )


RUNTIME_ERRORS = (
    jinja2.TemplateError,
    ArithmeticError,
    TypeError,
    ValueError,
    LookupError,
    RecursionError,
    MemoryError,
)
"""What an expression in a text or template can raise at run time."""


def runtime_message(exc: BaseException) -> str:
    """A plain description of an expression that failed while rendering."""
    if isinstance(exc, TooMuchWork):
        return f"an expression asks for too much work: {exc.message}"
    if isinstance(exc, jinja2.TemplateNotFound):
        return "include, import and extends are not allowed: a text stands alone"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"an expression is not allowed: {exc.message}"
    if isinstance(exc, ZeroDivisionError):
        return "an expression divides by zero"
    if isinstance(exc, RecursionError):
        return "an expression calls itself without end"
    if isinstance(exc, MemoryError):
        return "an expression needs more memory than any document does"
    detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return f"an expression failed: {detail}"


__all__ = [
    "MAX_OUTPUT_LENGTH",
    "RUNTIME_ERRORS",
    "BoundedEnvironment",
    "MissingValue",
    "TooMuchWork",
    "make_environment",
    "runtime_message",
]
