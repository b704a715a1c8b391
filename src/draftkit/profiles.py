"""``draftkit towns new``: a town profile written from registry defaults and answers,
so an organizer never has to write YAML by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from draftkit.checking import check_profiles_against_registry, check_towns
from draftkit.defaults import Policing, default_profile
from draftkit.errors import DataError, DraftkitError, NotFoundError, ProblemList, raise_if_any
from draftkit.library import Library, load_library
from draftkit.loading import Loaded, parse_yaml, validate
from draftkit.models import TownProfile
from draftkit.text_rules import TEXT_HINT, text_problem
from draftkit.writing import write_files

DATE_FIELDS = frozenset({"fipp.model_version"})


@dataclass(frozen=True)
class Question:
    """One fact a profile needs, with the registry's or the defaults' answer."""

    field: str
    """Dotted path in the profile, e.g. ``governing_body.clerk_title``."""
    prompt: str
    default: str


QUESTIONS = (
    ("legal_name", "Legal name of the municipality"),
    ("governing_body.name", "Name of the governing body"),
    ("governing_body.presiding_officer_title", "Title of the officer who signs resolutions"),
    ("governing_body.clerk_title", "Title of the clerk who attests them"),
    ("police.name", "Name of the police agency"),
    ("police.head_title", "Title of the agency head"),
    ("police.policy_adopted_by", "Title of the official who adopts the agency's policies"),
    ("fipp.model_version", "Effective date of the statewide model the FIPP follows (YYYY-MM-DD)"),
)


@dataclass(frozen=True)
class ProfilePlan:
    """What ``towns new`` will write: the target file and the starting profile."""

    path: Path
    shown: str
    start: dict[str, Any]
    library: Library | None = field(default=None, compare=False, repr=False)
    """The library the profile joins, to check it exactly as ``draftkit check`` will."""

    def questions(self) -> list[Question]:
        """The questions to ask, each with its pre-filled answer."""
        return [Question(f, prompt, str(_get(self.start, f))) for f, prompt in QUESTIONS]


def plan_profile(root: Path, name: str, policing: Policing) -> ProfilePlan:
    """Start a profile for ``name`` from the registry and the defaults.

    Raises:
        DraftkitError: unknown or ambiguous name, an unorganized place, unknown policing,
            or a profile that already exists.
    """
    library = load_library(root)
    if library.registry is None:
        raise NotFoundError("this project has no registry", hint="restore towns/registry.csv")
    municipality = library.registry.find(name)
    slug = library.registry.slug(municipality)
    path = library.towns_dir / f"{slug}.yaml"
    shown = f"towns/{slug}.yaml"
    if path.exists():
        raise DraftkitError(
            f"{shown} exists already",
            hint="edit it in a text editor; `draftkit towns show` prints what it says",
        )
    assert library.defaults is not None
    # A profile is where a person departs from the registry on purpose.
    on_purpose = dataclasses.replace(policing, on_purpose=True)
    built = default_profile(library.registry, municipality, library.defaults.value, on_purpose)
    return ProfilePlan(
        path=path, shown=shown, start=built.value.model_dump(mode="json"), library=library
    )


def validate_answer(field: str, answer: str) -> str:
    """Check one answer as it is given; returns it cleaned.

    Raises:
        DataError: the answer is blank, too long, holds characters a document cannot
            hold, or is not a date where a date is asked for.
    """
    problem = text_problem(answer)
    if problem == "is blank":
        raise DataError(
            f"{field}: an answer is needed", hint="type the value, or press Enter for the default"
        )
    if problem:
        raise DataError(f"{field}: the answer {problem}", hint=TEXT_HINT)
    cleaned = " ".join(answer.split())
    if field in DATE_FIELDS:
        try:
            dt.date.fromisoformat(cleaned)
        except ValueError:
            raise DataError(
                f"{field}: {cleaned!r} is not a date",
                hint="write it as YYYY-MM-DD, e.g. 2024-04-23",
            ) from None
    return cleaned


def profile_text(plan: ProfilePlan, answers: Mapping[str, str], *, body_may_direct: bool) -> str:
    """The profile's YAML, checked exactly as ``draftkit check`` will check the file:
    the same loader and model, the same registry cross-checks, every clause and the
    glossary rendered for it.

    Raises:
        ProblemList: every problem, each naming its field; nothing is written.
    """
    problems: list[DraftkitError] = []
    data = _deep_copy(plan.start)
    for name, answer in answers.items():
        try:
            _set(data, name, validate_answer(name, answer))
        except DataError as problem:
            problems.append(DataError(problem.message, path=plan.shown, hint=problem.hint))
    raise_if_any(problems)
    data["police"]["body_may_direct"] = body_may_direct
    data["sources"] = [*data.get("sources", []), "answers given to draftkit towns new"]
    # A profile is written without defaults, as a person would write it; then it is
    # read back through the loader, as check will read the file.
    draft = TownProfile.model_validate(data) if _valid(data) else None
    body = (
        draft.model_dump(mode="json", exclude_none=True, exclude_defaults=True) if draft else data
    )
    body.setdefault("police", {})["body_may_direct"] = body_may_direct
    text = (
        f"# Profile of {data.get('legal_name')}, written by `draftkit towns new`.\n"
        "# Check each fact against the town's charter and its clerk before filing.\n"
        + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=88)
    )
    try:
        loaded: Loaded[TownProfile] = validate(
            TownProfile, parse_yaml(text, path=plan.path, shown=plan.shown), schema_name="town"
        )
    except ProblemList as many:
        raise ProblemList(_unlined(many.problems, plan.shown)) from None
    if plan.library is not None:
        joined = dataclasses.replace(plan.library, towns={plan.path.stem: loaded})
        problems = check_profiles_against_registry(joined) + check_towns(joined)[0]
    raise_if_any(_unlined(problems, plan.shown))
    return text


def write_profile(plan: ProfilePlan, answers: Mapping[str, str], *, body_may_direct: bool) -> Path:
    """Validate the finished profile as ``draftkit check`` will, then write it atomically.

    Raises:
        ProblemList: an answer the profile or the checks refuse; nothing is written.
        DraftkitError: the file cannot be written.
    """
    text = profile_text(plan, answers, body_may_direct=body_may_direct)
    write_files(plan.path.parent, {plan.path.name: text.encode()}, force=False)
    return plan.path


def fields_of(problems: Sequence[DraftkitError], fields: Sequence[str]) -> list[str]:
    """The questions' fields that ``problems`` are about, to ask them again."""
    return [f for f in fields if any(p.message.startswith(f"{f}:") for p in problems)]


def _valid(data: dict[str, Any]) -> bool:
    try:
        TownProfile.model_validate(data)
    except ValueError:
        return False
    return True


def _unlined(problems: Sequence[DraftkitError], shown: str) -> list[DraftkitError]:
    # The profile is not written, so a line number in it would point nowhere.
    return [
        DataError(p.message, path=p.path, hint=p.hint) if p.path == shown else p for p in problems
    ]


def _get(data: Mapping[str, Any], dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        value = value[part]
    return value


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    target = data
    for part in parents:
        target = target[part]
    target[leaf] = value


def _deep_copy(data: dict[str, Any]) -> dict[str, Any]:
    return yaml.safe_load(yaml.safe_dump(data))  # type: ignore[no-any-return]
