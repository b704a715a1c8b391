"""YAML file -> validated model, with every YAML and pydantic error turned into
user text that names the file, the line and the field.

pydantic knows nothing of YAML lines, so each file is also composed into its node tree
and every error's ``loc`` is walked down that tree to the line it points at.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from draftkit.errors import DataError, DraftkitError, raise_if_any
from draftkit.text_rules import TEXT_HINT
from draftkit.yaml_duplicates import duplicates

TEXT_ERROR = "text_problem"

PYDANTIC_CODES = {
    "missing": "missing",
    "string_too_short": "string_too_short",
    "string_too_long": "string_too_long",
    "date_not_real": "not_a_date",
    "body_may_not_direct": "body_may_not_direct",
}
"""Validation errors a person can meet through a front end (the web's answers, which
the profile model checks), by pydantic's error type -> the stable ``code`` their
:class:`DataError` carries. Other types keep ``code=None``: they come from files only
a maintainer edits, and the CLI's message serves them."""
"""The pydantic error type of free text that may not go into a document (models.py)."""

ModelT = TypeVar("ModelT", bound=BaseModel)

# libyaml's safe loader when PyYAML was built with it (10x faster), else the pure one;
# both construct only plain scalars, lists and mappings.
_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SafeLoader(_BASE_LOADER):  # type: ignore[valid-type,misc]
    """The safe loader, with dates kept as text: PyYAML would build ``2024-02-30`` into a
    date and crash; pydantic validates the text instead and says what is wrong."""


_SafeLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str
)
_SAFE_LOADER: type[yaml.SafeLoader] = _SafeLoader

MAX_FILE_BYTES = 1_000_000
"""Largest YAML file read (bytes): a profile or a clause is a few kilobytes."""

MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted; draftkit's files use about five."""

MAX_PROBLEMS_PER_FILE = 20
"""Problems listed one by one for a single file; the rest are counted."""

Loc = Sequence[str | int]


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML file: its plain data and the node tree that knows line numbers."""

    path: Path
    shown: str
    data: Any
    root: yaml.Node | None

    def line_of(self, loc: Loc) -> int | None:
        """The 1-based line of the value at ``loc``, or of its nearest existing parent."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for part in loc:
            child = _child_node(node, part)
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line

    def key_line_of(self, loc: Loc) -> int | None:
        """The line of the *key* at ``loc`` (for unknown keys), else as :meth:`line_of`."""
        if not loc:
            return self.line_of(loc)
        parent = self.root
        for part in loc[:-1]:
            parent = _child_node(parent, part)
        if isinstance(parent, yaml.MappingNode):
            for key, _ in parent.value:
                if key.value == loc[-1]:
                    return int(key.start_mark.line) + 1
        return self.line_of(loc)


def _child_node(node: yaml.Node | None, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                return typing.cast(yaml.Node, value)
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return typing.cast(yaml.Node, node.value[part])
    return None


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


def read_yaml(path: Path, *, display: str | None = None) -> YamlDocument:
    """Parse one YAML file with safe-loader semantics only.

    Aliases are refused outright: they are never needed in draftkit's files, and an
    alias bomb would otherwise be expanded by validation.

    Raises:
        DataError: the file cannot be read, is not valid YAML, uses a tag the safe
            loader refuses (``!!python/object``) or uses an alias.
    """
    shown = display or str(path)
    return parse_yaml(read_text_file(path, shown=shown), path=path, shown=shown)


def read_text_file(path: Path, *, shown: str, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file of at most ``limit`` bytes.

    Raises:
        DataError: missing, a folder, unreadable, too large or not UTF-8.
    """
    try:
        if path.is_dir():
            raise DataError(
                "is a folder, not a file",
                path=shown,
                hint="move or rename the folder; only files may end in "
                + (path.suffix or "this name"),
            )
        size = path.stat().st_size
        if size > limit:
            raise DataError(
                f"file is {size:,} bytes; the limit is {limit:,}",
                path=shown,
                hint="a data file this large is not one draftkit wrote; check its content",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(
            "file not found", path=shown, hint="restore it from version control"
        ) from None
    except PermissionError:
        raise DataError(
            "cannot be read: permission denied",
            path=shown,
            hint="give yourself read access to it (chmod u+r)",
        ) from None
    except OSError as exc:
        raise DataError(
            f"cannot be read: {exc.strerror or exc}", path=shown, hint="check the file"
        ) from None
    if len(data) > limit:
        raise DataError(f"file is over {limit:,} bytes", path=shown, hint="check its content")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            f"not UTF-8 text ({exc.reason})", path=shown, line=line, hint="save the file as UTF-8"
        ) from None


def parse_yaml(text: str, *, path: Path, shown: str) -> YamlDocument:
    """Parse YAML text (from a file or from version control) as :func:`read_yaml` does."""
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent):
                raise DataError(
                    "YAML aliases (*name) are not allowed",
                    path=shown,
                    line=event.start_mark.line + 1 if event.start_mark else None,
                    hint="write the value out in full where it is needed",
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise DataError(
                        f"lists and mappings nested more than {MAX_DEPTH} deep",
                        path=shown,
                        line=event.start_mark.line + 1 if event.start_mark else None,
                        hint="draftkit files nest a few levels at most; check the brackets "
                        "and the indentation",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        loader = _SAFE_LOADER(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else None
        problem = exc.problem or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError):
            hint = (
                "draftkit files hold plain text, numbers, lists and mappings only; remove the tag"
            )
        else:
            hint = "check the indentation and quoting on this line and the one before it"
        raise DataError(f"not valid YAML: {problem}", path=shown, line=line, hint=hint) from None
    except yaml.YAMLError as exc:
        raise DataError(
            f"not valid YAML: {exc}",
            path=shown,
            hint="draftkit files hold plain text; remove control characters and save as UTF-8",
        ) from None
    except (ValueError, RecursionError) as exc:
        raise DataError(
            f"not valid YAML: {exc}",
            path=shown,
            hint="check the values on the lines you changed last",
        ) from None
    document = YamlDocument(path=path, shown=shown, data=data, root=root)
    raise_if_any(_capped(duplicates(root, shown), shown))
    return document


def _capped(
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
    """Validate a parsed file against ``model``, reporting every problem at once.

    Raises:
        ProblemList: one entry per pydantic error, each with its line and a hint.
    """
    if not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else type(document.data).__name__
        raise DataError(
            f"expected a mapping of fields, found {found}",
            path=document.shown,
            line=1,
            hint=f"see `draftkit schema {schema_name}` for the fields this file needs",
        )
    try:
        value = model.model_validate(document.data)
    except ValidationError as exc:
        raise_if_any(_describe(exc, model, document, schema_name))
        raise AssertionError("unreachable") from exc
    return Loaded(value=value, source=document)


def load(
    model: type[ModelT], path: Path, *, schema_name: str, display: str | None = None
) -> Loaded[ModelT]:
    """Read and validate one file."""
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
            message = err["msg"]
            if kind.startswith("string_pattern"):
                message = f"{_show(err.get('input'))} does not have the required form"
                hint = _pattern_hint(loc)
            elif kind.startswith(("date_", "datetime_")):
                message = f"{_show(err.get('input'))} is not a date"
                hint = "write a date as YYYY-MM-DD, e.g. 2024-04-23"
            else:
                hint = f"`draftkit schema {schema_name}` describes this field"
            line = document.line_of(loc)
        field = format_loc(loc)
        if kind == TEXT_ERROR:
            message = str(err["msg"])
            hint = TEXT_HINT
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
    return _capped(problems, document.shown, total=len(errors))


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _pattern_hint(loc: Loc) -> str:
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if last in {"version"}:
        return "write a version as MAJOR.MINOR.PATCH, e.g. 1.0.0"
    if last == "date":
        return "write the date as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2020-03-09"
    return "use lowercase letters, digits and single hyphens, e.g. victim-witness-status"


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
