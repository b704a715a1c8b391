"""The later checks of a clause file whose fields did not validate, in the same run.

A clause that fails validation is not in the library, so the checks that read a clause
(defined terms, its texts rendered for each town) would wait for the next run, and a
third run would show the template errors: one problem found per round. Here each such
clause gets a stand-in: the file's own values, with the fields that failed replaced by
harmless ones (or left out, for unknown keys). The stand-in runs those checks, and only
problems in the clause's own, valid fields are kept. Where a field the checks need
(its texts, its defined terms) is itself broken, a note says what was not checked.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from draftkit.data.clause_models import ClauseModule
from draftkit.data.library import Library
from draftkit.data.loading import Loaded, YamlDocument
from draftkit.errors import DataError, DraftkitError

_STAND_INS: dict[str, Any] = {
    "title": "Stand-in",
    "version": "0.0.0",
    "closes": ["stand-in"],
    "summary": "Stand-in.",
    "applies_to": ["municipal", "sheriff", "state_police", "constables"],
    "citations": [{"cite": "Stand-in", "point": "Stand-in."}],
    "federal_state_note": "Stand-in.",
    "requires": [],
    "conflicts": [],
    "history": [{"version": "0.0.0", "date": "2026-01-01", "summary": "Stand-in."}],
}
"""Valid values for the fields no later check reads; ``id`` is the file's name."""


def later_problems(library: Library, paths: Iterable[Path]) -> list[DraftkitError]:
    """What the checks after validation find in the clause files at ``paths`` (which did
    not validate), or a note saying which checks could not run.

    ``library`` holds what did load (towns, glossary, loopholes, the other clauses).
    """
    from draftkit.data.yaml_reading import read_yaml

    stand_ins: dict[str, tuple[Loaded[ClauseModule], set[str]]] = {}
    problems: list[DraftkitError] = []
    for path in paths:
        shown = str(path.relative_to(library.root))
        try:
            document = read_yaml(path, display=shown)
        except DraftkitError:
            continue  # not YAML, or keys given twice: already reported, nothing to stand in
        made = _stand_in(document, path.stem)
        if isinstance(made, DraftkitError):
            problems.append(made)
        else:
            stand_ins[path.stem] = made
    if not stand_ins:
        return problems
    from draftkit.review.checking import check_clauses

    whole = dataclasses.replace(
        library, clauses={**library.clauses, **{k: v[0] for k, v in stand_ins.items()}}
    )
    for problem in check_clauses(whole):
        owner = next((s for s in stand_ins.values() if s[0].source.shown == problem.path), None)
        if owner is not None and _top(problem.field) not in owner[1]:
            problems.append(problem)
    for loaded, _ in stand_ins.values():
        problems += _text_problems(whole, loaded)
    return problems


def _stand_in(
    document: YamlDocument, stem: str
) -> tuple[Loaded[ClauseModule], set[str]] | DraftkitError:
    """The clause with its failed fields replaced, and the names of the fields replaced;
    or a note saying which broken fields keep its texts from being checked."""
    if not isinstance(document.data, dict):
        return _not_checked(document, set())
    data = copy.deepcopy(document.data)
    replaced: set[str] = set()
    blocked: set[str] = set()
    try:
        ClauseModule.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            top = str(err["loc"][0]) if err["loc"] else ""
            replaced.add(top)
            if err["type"] == "extra_forbidden" and len(err["loc"]) == 1:
                data.pop(top, None)
            elif top == "id":
                data["id"] = stem
            elif top in _STAND_INS:
                data[top] = copy.deepcopy(_STAND_INS[top])
            else:
                blocked.add(top)
    if blocked:
        return _not_checked(document, blocked)
    try:
        value = ClauseModule.model_validate(data)
    except ValidationError:
        return _not_checked(document, set())
    return Loaded(value=value, source=document), replaced


def _not_checked(document: YamlDocument, fields: set[str]) -> DraftkitError:
    first = min(fields, key=lambda f: document.line_of((f,)) or 0) if fields else ""
    return DataError(
        (f"{first}: until this is fixed, " if first else "until the problems above are fixed, ")
        + "the clause's defined terms and texts are not checked",
        path=document.shown,
        line=document.key_line_of((first,)) if first else None,
        hint="fix the problems listed for this file and run the command again",
    )


def _text_problems(library: Library, loaded: Loaded[ClauseModule]) -> list[DraftkitError]:
    """The clause's texts rendered for each town, as a draft would: each problem once."""
    from draftkit.drafting.rendering import TextRenderer

    found: dict[str, DraftkitError] = {}
    for town in library.towns.values():
        renderer = TextRenderer(town.value, None, list(library.clauses))
        for field, source in loaded.value.template_texts():
            loc = tuple(int(p) if p.isdigit() else p for p in field.split("."))
            try:
                renderer.render(source, loaded, loc)
            except DraftkitError as problem:
                found.setdefault(str(problem), problem)
    return list(found.values())


def _top(field: str | None) -> str:
    return (field or "").split(".")[0].split("[")[0]


__all__ = ["later_problems"]
