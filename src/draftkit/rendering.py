"""The one Jinja environment, clause text rendering, and Word rendering in memory.

Two layers are rendered with environments built by the same function:
clause texts (plain text, so not escaped) and then the Word template, whose XML gets
every value escaped. A value is always inserted as text: a town named ``{{ 7*7 }}``
stays ``{{ 7*7 }}`` because a rendered value is never rendered again.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from draftkit.compiled_template import CompiledTemplate, RenderedDocument
from draftkit.errors import TemplateProblem, raise_if_any
from draftkit.loading import Loaded, Loc
from draftkit.models import TownProfile


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


_TEXT_ENV = make_environment(autoescape=False)
"""The environment for plain clause text; never handed to docxtpl, which would turn
autoescape on."""


def clause_context(town: TownProfile, area: str | None = None) -> dict[str, Any]:
    """The values clause texts and glossary definitions may use.

    ``area`` is every municipality the agency serves when a department serves more than
    one (:mod:`draftkit.sharing`); otherwise the town itself.
    """
    return {
        "town": {
            "name": town.name,
            "legal_name": town.legal_name,
            "kind": town.kind,
            "county": town.county,
        },
        "body": {
            "name": town.governing_body.name,
            "presiding_officer_title": town.governing_body.presiding_officer_title,
            "clerk_title": town.governing_body.clerk_title,
        },
        "lead": (
            "The directive shall provide"
            if town.police.body_may_direct
            else f"The {town.governing_body.name} asks that the directive provide"
        ),
        "agency": {
            "name": town.police.name,
            "head_title": town.police.head_title,
            "policy_adopted_by": town.police.policy_adopted_by,
            "directive_series": town.police.directive_series,
            "arrangement": town.police.arrangement,
            # Outside-redress names a body outside the agency (Burlington: its Police
            # Commission) to receive complaints until the governing body designates one.
            "approving_body": town.police.approving_body or "",
            # Where the yearly report counts the Agency's work: one department serving a
            # town and a village reports on both (second counsel review 2026-12-01, M1).
            "area": area or f"the {town.legal_name}",
        },
    }


def available_names(context: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Dotted names of every value in ``context``, for hints: ``agency.name`` ..."""
    names: list[str] = []
    for key, value in context.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            names.extend(available_names(value, f"{dotted}."))
        else:
            names.append(dotted)
    return names


class TextRenderer:
    """Renders clause texts and glossary definitions for one town."""

    def __init__(self, town: TownProfile, area: str | None = None) -> None:
        self.context = clause_context(town, area)

    def render(self, source: str, owner: Loaded[Any], loc: Loc) -> str:
        """Render one text, turning template errors into errors at the owner's field.

        Raises:
            TemplateProblem: see :func:`render_text`.
        """
        return render_text(source, self.context, owner, loc)


def render_text(source: str, context: Mapping[str, Any], owner: Loaded[Any], loc: Loc) -> str:
    """Render one plain text held in a data file (a clause, a definition, a companion
    text) with ``context``, in the bounded sandbox, turning every template error into an
    error at the owner's file, line and field.

    Raises:
        TemplateProblem: the text uses a value that does not exist or is empty, is not
            valid template syntax, asks for more work than any document needs, or fails
            at run time.
    """
    if not any(mark in source for mark in ("{{", "{%", "{#")):
        # Most clause paragraphs print no value: Jinja would return them unchanged, so
        # they skip compiling (a third of a cold draft's time).
        return source.removesuffix("\n")
    try:
        _TEXT_ENV.start()
        text = _compiled(source).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise owner.error(
            loc,
            f"template syntax error: {exc.message}",
            hint="values are written {{ town.name }}; check the braces",
        ) from None
    except MissingValue:
        raise owner.error(loc, "uses a value that is empty for this town") from None
    except jinja2.UndefinedError as exc:
        raise owner.error(
            loc,
            f"unknown template value: {_full_name(source, _undefined_name(exc))}",
            hint="available values: " + ", ".join(available_names(context)),
        ) from None
    except RUNTIME_ERRORS as exc:
        raise owner.error(
            loc,
            runtime_message(exc),
            hint="texts print values, e.g. {{ town.name }}; keep expressions to that",
        ) from None
    if len(text) > MAX_OUTPUT_LENGTH:
        raise owner.error(loc, "renders to more text than any document holds")
    return text


@functools.lru_cache(maxsize=4096)
def _compiled(source: str) -> jinja2.Template:
    # Clause texts are the same for every town; compile each once per process.
    return _TEXT_ENV.from_string(source)


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    # Jinja says "'dict object' has no attribute 'chief'" or "'mayor' is undefined".
    text = str(exc.message)
    attr = re.search(r"has no attribute '([^']+)'", text)
    if attr:
        return attr.group(1)
    name = re.search(r"'([^']+)' is undefined", text)
    return name.group(1) if name else text


def _full_name(source: str, name: str) -> str:
    """``chief_name`` -> ``agency.chief_name`` as written in the template source."""
    match = re.search(r"([A-Za-z_][\w.]*\.)?" + re.escape(name) + r"\b", source)
    return match.group(0) if match else name


def compiled_template(path: Path, *, shown: str) -> tuple[CompiledTemplate, str]:
    """The template at ``path``, compiled once per process and content, and its SHA-256.

    Raises:
        TemplateProblem: the file cannot be read, is not a Word document, or holds a
            tag that is not valid template syntax.
        ProblemList: what :func:`draftkit.templates.template_problems` finds.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TemplateProblem("template not found", path=shown, hint=_RESTORE) from None
    except IsADirectoryError:
        raise TemplateProblem("is a folder, not a Word file", path=shown, hint=_RESTORE) from None
    except OSError as exc:
        raise TemplateProblem(f"cannot be read: {exc.strerror}", path=shown) from None
    digest = hashlib.sha256(data).hexdigest()
    found = _COMPILED.get((digest, shown))
    if found is None:
        # Checked once per content: not a zip, a zip bomb, no body, malformed XML,
        # tracked changes. (Imported here: the template lint renders with this module.)
        from draftkit.templates import template_problems

        raise_if_any(template_problems(path, shown=shown))
        found = CompiledTemplate(data, shown=shown, env=make_environment(autoescape=True))
        _COMPILED[(digest, shown)] = found
    return found, digest


_RESTORE = "restore it from version control"
_COMPILED: dict[tuple[str, str], CompiledTemplate] = {}
"""Compiled templates by content hash: a batch compiles each template once."""


def render_document(
    template: CompiledTemplate, context: Mapping[str, Any], *, name: str
) -> RenderedDocument:
    """Render a compiled Word template with ``context``; ``name`` is the output file.

    Raises:
        TemplateProblem: the template uses a value the context lacks or that is empty.
        RenderError: a rendered part is not well-formed XML.
    """
    shown = template.shown
    template.env.start()
    try:
        return template.render(dict(context), name=name)
    except MissingValue:
        raise TemplateProblem(
            "the template prints a value that is empty for this town",
            path=shown,
            hint="fill in the profile field, or remove the tag from the template",
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(
            f"the template uses a value the town profile lacks: {_undefined_name(exc)}",
            path=shown,
            hint="available values: " + ", ".join(available_names(context)),
        ) from None
    except RUNTIME_ERRORS as exc:
        raise TemplateProblem(
            runtime_message(exc),
            path=shown,
            hint="templates print values and loop over lists; "
            "`draftkit templates check` lists every problem",
        ) from None


def render_docx(template_path: Path, context: Mapping[str, Any], *, shown: str) -> bytes:
    """Render a Word template with ``context`` and return the .docx bytes.

    Raises:
        TemplateProblem: the template is broken or uses a value the context lacks.
        RenderError: a rendered part is not well-formed XML.
    """
    template, _ = compiled_template(template_path, shown=shown)
    return render_document(template, context, name=shown).package()
