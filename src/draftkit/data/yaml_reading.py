"""Reading YAML files: safe-loader semantics only, limits on size and depth, every
problem with its file and line. What is read becomes a :class:`draftkit.data.loading.YamlDocument`.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from draftkit.data.loading import LineTable, Path_, YamlDocument, capped
from draftkit.data.yaml_duplicates import duplicates
from draftkit.errors import DataError, DraftkitError, ProblemList

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
    """Parse YAML text (from a file or from version control) as :func:`read_yaml` does.

    Control characters, which YAML refuses, are each listed and then left out, so the
    rest of the file is still read and checked; they and the keys given twice travel in
    the document's ``problems`` (reported by :func:`draftkit.data.loading.validate`).
    """
    controls = control_characters(text, shown)
    if controls:
        text = _NOT_IN_YAML.sub("", text)
    try:
        document = _parse(text, path=path, shown=shown)
    except ProblemList as many:
        if controls:
            raise ProblemList([*controls, *many.problems]) from None
        raise
    except DraftkitError as one:
        if controls:
            raise ProblemList([*controls, one]) from None
        raise
    return dataclasses.replace(document, problems=(*controls, *document.problems))


_NOT_IN_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""The characters a YAML file may not hold (YAML 1.1's printable set, as PyYAML reads it)."""

_CHARACTER_NAMES = {
    0x00: "a null character",
    0x07: "a bell character",
    0x08: "a backspace character",
    0x0B: "a vertical tab",
    0x0C: "a form feed (page break)",
    0x1B: "an escape character",
    0x7F: "a delete character",
}

CONTROLS_LISTED = 5
"""Control characters of one file listed one by one; the rest are counted."""


def control_characters(text: str, shown: str) -> list[DraftkitError]:
    """Every character of ``text`` a YAML file may not hold, with its line and column: the
    first few one by one, then how many more."""
    found = list(_NOT_IN_YAML.finditer(text))
    problems: list[DraftkitError] = []
    for match in found[:CONTROLS_LISTED]:
        start = match.start()
        code = ord(match.group())
        name = _CHARACTER_NAMES.get(code, "a control character")
        problems.append(
            DataError(
                f"{name} (U+{code:04X}) at column {start - text.rfind(chr(10), 0, start)}: "
                "invisible, and not allowed in a YAML file",
                path=shown,
                line=text.count("\n", 0, start) + 1,
                hint="delete it (most editors do not show it) and retype the text around it",
            )
        )
    rest = len(found) - CONTROLS_LISTED
    if rest > 0:
        problems.append(
            DataError(
                f"and {rest:,} more control character{'s' if rest != 1 else ''} in this file",
                path=shown,
                line=problems[-1].line,
                hint="the file may not be a text file; open it in a text editor and check it",
            )
        )
    return problems


def _parse(text: str, *, path: Path, shown: str) -> YamlDocument:
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
        elif _tab_at(text, mark) or "tab character" in problem:
            raise ProblemList(_tabs(text, shown, line)) from None
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
    return YamlDocument(
        path=path,
        shown=shown,
        data=data,
        lines=line_table(root) if root is not None else None,
        problems=tuple(capped(duplicates(root, shown), shown)),
    )


def _tab_at(text: str, mark: yaml.Mark | None) -> bool:
    if mark is None:
        return False
    lines = text.splitlines()
    return mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t"


def _tabs(text: str, shown: str, stopped_at: int | None) -> list[DraftkitError]:
    """Every line indented with a tab (YAML stops at the first), and the line it stopped at."""
    lines: list[int | None] = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))] or number == stopped_at
    ] or [stopped_at]
    return [
        DataError(
            "not valid YAML: a tab character: YAML indents with spaces, not tabs",
            path=shown,
            line=number,
            hint="replace the tab with spaces, indenting as the lines around it do",
        )
        for number in lines
    ]


def line_table(root: yaml.Node) -> LineTable:
    """The table of a composed YAML document."""
    lines: dict[Path_, int] = {}
    key_lines: dict[Path_, int] = {}
    kinds: dict[Path_, str] = {}
    todo: list[tuple[Path_, yaml.Node]] = [((), root)]
    while todo:
        path, node = todo.pop()
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            kinds[path] = "map"
            for key, value in node.value:
                child = (*path, key.value)
                # The first of duplicate keys, as a reader of the file would look.
                if isinstance(key.value, str) and child not in key_lines:
                    key_lines[child] = key.start_mark.line + 1
                    todo.append((child, value))
        elif isinstance(node, yaml.SequenceNode):
            kinds[path] = "list"
            todo.extend(((*path, index), item) for index, item in enumerate(node.value))
    return LineTable(lines, key_lines, kinds)


__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "line_table", "parse_yaml", "read_text_file", "read_yaml"]
