"""Parsed YAML -> validated model, with every pydantic error turned into user text that
names the file, the line and the field.

pydantic knows nothing of YAML lines, so each file also keeps where each value starts
(:class:`LineTable`, made by :mod:`draftkit.data.yaml_reading`), and every error's ``loc`` is
walked down it to the line it points at. This module does not import PyYAML: a library
read back from the disk cache needs none of it.
"""

from __future__ import annotations

import copy
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from draftkit.data.plain_errors import Loc, plain_words
from draftkit.errors import DataError, DraftkitError, raise_if_any

PYDANTIC_CODES = {
    "missing": "missing",
    "string_too_short": "string_too_short",
    "string_too_long": "string_too_long",
    "date_not_real": "not_a_date",
    "body_may_not_direct": "body_may_not_direct",
    "legal_name_not_this_town": "legal_name_not_this_town",
    "not_a_date": "not_a_date",
    "out_of_range_date": "date_out_of_range",
}
"""Validation errors a person can meet through a front end (the web's answers, which
the profile model checks), by pydantic's error type -> the stable ``code`` their
:class:`DataError` carries. Other types keep ``code=None``: they come from files only
a maintainer edits, and the CLI's message serves them."""

ModelT = TypeVar("ModelT", bound=BaseModel)

MAX_PROBLEMS_PER_FILE = 20
"""Problems listed one by one for a single file; the rest are counted."""


Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class LineTable:
    """Where each value of a YAML file starts, by its path of keys and list positions.

    Kept instead of PyYAML's node tree: a few small dictionaries that pickle compactly
    (see :mod:`draftkit.data.disk_cache`) and need no YAML import to be read again.
    """

    lines: dict[Path_, int]
    """1-based line of each value (the root is ``()``)."""
    key_lines: dict[Path_, int]
    """1-based line of each mapping key."""
    kinds: dict[Path_, str]
    """``"map"`` or ``"list"`` for each collection."""

    def child(self, path: Path_, part: str | int) -> Path_ | None:
        """The path of ``part`` under ``path``, if the file has it."""
        kind = self.kinds.get(path)
        if kind == "map":
            found: Path_ = (*path, str(part))
        elif kind == "list" and isinstance(part, int) and part >= 0:
            found = (*path, part)
        else:
            return None
        return found if found in self.lines else None


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML file: its plain data and where each value starts."""

    path: Path
    shown: str
    data: Any
    lines: LineTable | None
    problems: tuple[DraftkitError, ...] = ()
    """What reading found without stopping (keys given twice, control characters):
    :func:`validate` reports them with the fields' problems, all in one run."""

    def __reduce__(self) -> tuple[Any, ...]:
        # The plain data is read only while validating; a document kept in the disk
        # cache (draftkit.data.disk_cache) leaves it out, which halves the cache's size.
        return (YamlDocument, (self.path, self.shown, None, self.lines))

    def __copy__(self) -> YamlDocument:
        return self  # frozen: a copy would be the same document (and keep its data)

    def __deepcopy__(self, memo: dict[int, Any]) -> YamlDocument:
        return YamlDocument(
            self.path, self.shown, copy.deepcopy(self.data, memo), self.lines, self.problems
        )

    def line_of(self, loc: Loc) -> int | None:
        """The 1-based line of the value at ``loc``, or of its nearest existing parent."""
        table = self.lines
        if table is None:
            return None
        path: Path_ = ()
        for part in loc:
            child = table.child(path, part)
            if child is None:
                break
            path = child
        return table.lines[path]

    def key_line_of(self, loc: Loc) -> int | None:
        """The line of the *key* at ``loc`` (for unknown keys), else as :meth:`line_of`."""
        table = self.lines
        if not loc or table is None:
            return self.line_of(loc)
        path: Path_ | None = ()
        for part in loc[:-1]:
            path = table.child(path, part) if path is not None else None
        if path is not None and table.kinds.get(path) == "map":
            line = table.key_lines.get((*path, str(loc[-1])))
            if line is not None:
                return line
        return self.line_of(loc)


@dataclass(frozen=True)
class Loaded(Generic[ModelT]):
    """A validated model with the file it came from, for later error messages."""

    value: ModelT
    source: YamlDocument

    @property
    def path(self) -> Path:
        """The file the model was read from."""
        return self.source.path

    def error(
        self, loc: Loc, message: str, hint: str | None = None, *, code: str | None = None
    ) -> DataError:
        """A :class:`DataError` pointing at ``loc`` in this file; ``code`` lets a front end
        word it in its own language (the web)."""
        field = format_loc(loc)
        text = f"{field}: {message}" if field else message
        return DataError(
            text,
            path=self.source.shown,
            line=self.source.line_of(loc),
            hint=hint,
            code=code,
            field=field or None,
        )


def capped(
    problems: list[DraftkitError], shown: str, *, total: int | None = None
) -> list[DraftkitError]:
    """At most :data:`MAX_PROBLEMS_PER_FILE` problems, then one saying how many more
    (of ``total``, when only the first ones were described)."""
    total = len(problems) if total is None else total
    if total <= MAX_PROBLEMS_PER_FILE:
        return problems
    rest = total - MAX_PROBLEMS_PER_FILE
    kept = problems[:MAX_PROBLEMS_PER_FILE]
    last_line = max((p.line or 0) for p in kept)
    return [
        *kept,
        DataError(
            f"and {rest:,} more problem{'s' if rest != 1 else ''} in this file",
            path=shown,
            line=last_line or None,
            hint="fix the ones listed and run `draftkit check` again",
        ),
    ]


def validate(model: type[ModelT], document: YamlDocument, *, schema_name: str) -> Loaded[ModelT]:
    """Validate a parsed file against ``model``, reporting every problem at once: what
    reading the file found (``document.problems``) and every field's problem.

    Raises:
        ProblemList: one entry per problem, each with its line and a hint.
    """
    read = list(document.problems)
    if not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else type(document.data).__name__
        wrong = DataError(
            f"expected a mapping of fields, found {found}",
            path=document.shown,
            line=1,
            hint=f"see `draftkit schema {schema_name}` for the fields this file needs",
        )
        if read:
            raise_if_any([*read, wrong])
        raise wrong
    try:
        value = model.model_validate(document.data)
    except ValidationError as exc:
        raise_if_any(read + _describe(exc, model, document, schema_name))
        raise AssertionError("unreachable") from exc
    raise_if_any(read)
    return Loaded(value=value, source=document)


def load(
    model: type[ModelT], path: Path, *, schema_name: str, display: str | None = None
) -> Loaded[ModelT]:
    """Read and validate one file."""
    from draftkit.data.yaml_reading import read_yaml  # PyYAML: only when a file is parsed

    return validate(model, read_yaml(path, display=display), schema_name=schema_name)


def format_loc(loc: Loc) -> str:
    """``("police", "arrangement")`` -> ``police.arrangement``; ``(…, 2)`` -> ``…[2]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _describe(
    exc: ValidationError, model: type[BaseModel], document: YamlDocument, schema_name: str
) -> list[DraftkitError]:
    problems: list[DraftkitError] = []
    errors = exc.errors(include_url=False)
    # Describing an error walks the file's node tree; only the listed ones are described,
    # so 50,000 unknown keys are reported as fast as 20.
    for err in errors[:MAX_PROBLEMS_PER_FILE]:
        loc = tuple(err["loc"])
        kind = err["type"]
        # A model validator that checks several fields names the one a person fixes
        # (``field``) and says how (``hint``) in its error's context.
        context = err.get("ctx") or {}
        if isinstance(context.get("field"), str):
            loc = (*loc, *context["field"].split("."))
        if kind == "extra_forbidden":
            allowed = _allowed_fields(model, loc[:-1])
            message = "unknown field"
            hint = (
                f"remove it or fix its spelling; allowed here: {', '.join(allowed)}"
                if allowed
                else "remove it or fix its spelling"
            )
            line = document.key_line_of(loc)
        elif kind == "missing":
            message = "required field is missing"
            hint = f"add `{loc[-1]}:`; `draftkit schema {schema_name}` describes it"
            line = document.line_of(loc)
        else:
            message, hint = plain_words(err, schema_name)
            line = document.line_of(loc)
        if isinstance(context.get("hint"), str):
            hint = context["hint"]
        field = format_loc(loc)
        problems.append(
            DataError(
                f"{field}: {message}" if field else message,
                path=document.shown,
                line=line,
                hint=hint,
                code=PYDANTIC_CODES.get(kind),
                field=field or None,
            )
        )
    return capped(problems, document.shown, total=len(errors))


def _allowed_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at ``loc`` inside ``model``, following nested models."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """Unwrap ``X | None``, ``tuple[X, ...]`` and the like down to a model class."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, tuple, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if inner is not None:
                return inner
    return None
