"""``draftkit towns new``: a town profile written from registry defaults and answers,
so an organizer never has to write YAML by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from draftkit.defaults import Policing, default_profile
from draftkit.errors import DataError, DraftkitError, NotFoundError, raise_if_any
from draftkit.library import load_library
from draftkit.loading import format_loc
from draftkit.models import TownProfile
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
    built = default_profile(library.registry, municipality, library.defaults.value, policing)
    return ProfilePlan(path=path, shown=shown, start=built.value.model_dump(mode="json"))


def validate_answer(field: str, answer: str) -> str:
    """Check one answer as it is given; returns it cleaned.

    Raises:
        DataError: the answer is empty or too long.
    """
    cleaned = " ".join(answer.split())
    if not cleaned:
        raise DataError(
            f"{field}: an answer is needed",
            hint="type the value, or press Enter for the default",
            code="blank",
            field=field,
        )
    if len(cleaned) > 200:
        raise DataError(
            f"{field}: at most 200 characters", hint="shorten it", code="too_long", field=field
        )
    if field in DATE_FIELDS:
        try:
            dt.date.fromisoformat(cleaned)
        except ValueError:
            raise DataError(
                f"{field}: {cleaned!r} is not a date",
                hint="write it as YYYY-MM-DD, e.g. 2024-04-23",
                code="not_a_date",
                field=field,
            ) from None
    return cleaned


def build_profile(
    start: Mapping[str, Any],
    answers: Mapping[str, str],
    *,
    body_may_direct: bool,
    shown: str,
    given_to: str = "draftkit towns new",
) -> TownProfile:
    """The profile ``start`` with each answer (dotted field -> text) put in, validated by
    the same model as the YAML profiles.

    Raises:
        ProblemList: every answer refused, each with ``field`` set to the dotted field
            it concerns and ``code`` to what is wrong.
    """
    data = _deep_copy(dict(start))
    problems: list[DraftkitError] = []
    for field, answer in answers.items():
        try:
            _set(data, field, validate_answer(field, answer))
        except DataError as problem:
            problems.append(problem)
    raise_if_any(problems)
    data["police"]["body_may_direct"] = body_may_direct
    data["sources"] = [*data.get("sources", []), f"answers given to {given_to}"]
    try:
        return TownProfile.model_validate(data)
    except ValidationError as exc:
        raise_if_any(
            DataError(
                f"{format_loc(tuple(e['loc']))}: {e['msg']}",
                path=shown,
                code=e["type"],
                field=format_loc(tuple(e["loc"])),
            )
            for e in exc.errors(include_url=False)
        )
        raise


def profile_yaml(profile: TownProfile, *, written_by: str = "`draftkit towns new`") -> str:
    """The profile as the YAML file a person keeps in towns/."""
    body = profile.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    body["police"]["body_may_direct"] = profile.police.body_may_direct
    return (
        f"# Profile of {profile.legal_name}, written by {written_by}.\n"
        "# Check each fact against the town's charter and its clerk before filing.\n"
        + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=88)
    )


def write_profile(plan: ProfilePlan, answers: Mapping[str, str], *, body_may_direct: bool) -> Path:
    """Validate the finished profile and write it, atomically.

    Raises:
        ProblemList: an answer the profile model refuses; nothing is written.
    """
    profile = build_profile(plan.start, answers, body_may_direct=body_may_direct, shown=plan.shown)
    write_files(plan.path.parent, {plan.path.name: profile_yaml(profile).encode()}, force=False)
    return plan.path


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
