"""Keys and list entries given twice in a YAML file: YAML keeps only the last of two equal
keys, so a duplicate silently changes what a file says. Found on the composed node tree,
before validation, with both lines named."""

from __future__ import annotations

import yaml

from draftkit.errors import DataError, DraftkitError


def duplicates(root: yaml.Node | None, shown: str) -> list[DraftkitError]:
    """Keys given twice in a mapping, and entries listed twice in a list.

    YAML keeps only the last of two equal keys, so a profile's ``body_may_direct``
    given twice silently changes the legal text; the same is true of a glossary term, a
    loophole id or a clause listed twice. Both lines are named.
    """
    problems: list[DraftkitError] = []
    stack: list[tuple[yaml.Node, str]] = [(root, "")] if root is not None else []
    while stack:
        node, where = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value)
                line = int(key.start_mark.line) + 1
                field = f"{where}.{name}" if where else name
                if name in seen:
                    problems.append(
                        DataError(
                            f"{field}: given twice " + _lines(seen[name], line),
                            path=shown,
                            line=line,
                            hint="YAML keeps only the last one; delete one of them",
                        )
                    )
                else:
                    seen[name] = line
                stack.append((value, field))
        elif isinstance(node, yaml.SequenceNode):
            firsts: dict[tuple[str, str], int] = {}
            for index, item in enumerate(node.value):
                identity = _identity(item)
                line = int(item.start_mark.line) + 1
                if identity is None:
                    pass
                elif identity in firsts:
                    problems.append(
                        DataError(
                            f"{where}[{index}]: {_shown_identity(identity)} is listed twice "
                            + _lines(firsts[identity], line),
                            path=shown,
                            line=line,
                            hint="delete one of them",
                        )
                    )
                else:
                    firsts[identity] = line
                stack.append((item, f"{where}[{index}]"))
    return sorted(problems, key=lambda p: p.line or 0)


def _lines(first: int, second: int) -> str:
    return f"on line {first}" if first == second else f"(lines {first} and {second})"


_IDENTITY_KEYS = ("id", "term")
"""Fields that name a list entry: two entries with the same one are the same entry."""


def _identity(node: yaml.Node) -> tuple[str, str] | None:
    if isinstance(node, yaml.ScalarNode):
        return ("value", str(node.value))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value in _IDENTITY_KEYS and isinstance(value, yaml.ScalarNode):
                return (key.value, str(value.value).casefold())
        return ("entry", _fingerprint(node))
    return None


def _fingerprint(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return repr(node.value)
    if isinstance(node, yaml.MappingNode):
        return "{" + ",".join(f"{k.value!r}:{_fingerprint(v)}" for k, v in node.value) + "}"
    if isinstance(node, yaml.SequenceNode):
        return "[" + ",".join(_fingerprint(item) for item in node.value) + "]"
    return ""


def _shown_identity(identity: tuple[str, str]) -> str:
    kind, value = identity
    if kind == "value":
        return repr(value)
    if kind == "entry":
        return "the same entry"
    return f"{kind} {value!r}"


__all__ = ["duplicates"]
