"""``draftkit towns new``: a town profile written from registry defaults and answers,
so an organizer never has to write YAML by hand."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from draftkit.data.defaults import Policing, default_profile
from draftkit.data.fields import Arrangement
from draftkit.data.library import Library, ResolvedTown, load_library
from draftkit.data.loading import Loaded, load, validate
from draftkit.data.questions import (
    BY_FIELD,
    FIELDS,
    Question,
    as_text,
    asked,
    default_answer,
    parse_answer,
    unconfirmed,
    value_at,
)
from draftkit.data.town_models import TownProfile
from draftkit.data.yaml_reading import parse_yaml
from draftkit.drafting.writing import write_files
from draftkit.errors import DataError, DraftkitError, NotFoundError, ProblemList, raise_if_any
from draftkit.review.checking import check_profiles_against_registry, check_towns


@dataclass(frozen=True)
class ProfilePlan:
    """What ``towns new`` will write: the target file and the starting profile."""

    path: Path
    shown: str
    start: dict[str, Any]
    library: Library | None = field(default=None, compare=False, repr=False)
    """The library the profile joins, to check it exactly as ``draftkit check`` will."""
    replace: bool = False
    """The profile exists and is asked again (``--force``); written only if all passes."""
    confirmed: frozenset[str] = frozenset()
    """Facts the existing profile already records as confirmed."""

    @property
    def arrangement(self) -> Arrangement:
        """Who polices the town, as the plan stands."""
        return self.start["police"]["arrangement"]  # type: ignore[no-any-return]

    def questions(self) -> list[Question]:
        """The questions to ask, in order."""
        return asked(self.arrangement)

    def default(self, question: Question, answers: Mapping[str, str]) -> str:
        """The answer offered for ``question`` after ``answers`` (see
        :func:`draftkit.data.questions.default_answer`)."""
        return default_answer(question, self.start, answers)

    def current(self, question: Question) -> str:
        """The profile's own answer, before anything is asked."""
        return as_text(question, value_at(self.start, question.field))


def plan_profile(root: Path, name: str, policing: Policing, *, force: bool = False) -> ProfilePlan:
    """Start a profile for ``name`` from the registry and the defaults, or (``force``)
    from the profile it already has.

    Raises:
        DraftkitError: unknown or ambiguous name, an unorganized place, unknown policing,
            or a profile that already exists without ``force``.
    """
    library = load_library(root)
    if library.registry is None:
        raise NotFoundError("this project has no registry", hint="restore towns/registry.csv")
    municipality = library.registry.find(name)
    slug = library.registry.slug(municipality)
    path = library.towns_dir / f"{slug}.yaml"
    shown = f"towns/{slug}.yaml"
    existing = library.towns.get(slug)
    if path.exists() and not force:
        raise DraftkitError(
            f"{shown} exists already",
            hint=f"`draftkit towns new {slug} --force` asks its questions again with its "
            "current answers as defaults and replaces it only if every answer passes; or "
            "edit it in a text editor (`draftkit towns show` prints what it says)",
        )
    assert library.defaults is not None
    # A profile is where a person departs from the registry on purpose.
    on_purpose = dataclasses.replace(policing, on_purpose=True)
    if existing is not None and policing.arrangement is None and policing.agency is None:
        start = existing.value.model_dump(mode="json")
    else:
        built = default_profile(library.registry, municipality, library.defaults.value, on_purpose)
        start = built.value.model_dump(mode="json")
        if existing is not None:
            # --force --policing: the new police section, everything else as it was.
            start = {**existing.value.model_dump(mode="json"), "police": start["police"]}
    confirmed = frozenset(start.pop("confirmed", ()) or ())
    return ProfilePlan(
        path=path,
        shown=shown,
        start=start,
        library=library,
        replace=existing is not None,
        confirmed=confirmed,
    )


def plan_for(library: Library, resolved: ResolvedTown) -> ProfilePlan:
    """A plan that starts from ``resolved`` (a town's profile, or its registry defaults),
    keeping the facts its profile already confirms, as ``towns new --force`` does; for a
    front end that already holds the library (the web service).
    """
    start = resolved.loaded.value.model_dump(mode="json")
    confirmed = frozenset(start.pop("confirmed", ()) or ())
    return ProfilePlan(
        path=library.towns_dir / f"{resolved.slug}.yaml",
        shown=f"towns/{resolved.slug}.yaml",
        start=start,
        library=library,
        confirmed=confirmed,
    )


def validate_answer(field: str, answer: str) -> str:
    """Check one answer as it is given; returns it cleaned.

    Raises:
        DataError: the answer is blank, too long, holds characters a document cannot
            hold, is not a date where a date is asked for, or not direct or request.
    """
    parse_answer(BY_FIELD[field], answer)
    return " ".join(answer.split())


def profile_text(
    plan: ProfilePlan,
    answers: Mapping[str, str],
    confirmed: Collection[str] = (),
    *,
    written_by: str = "`draftkit towns new`",
) -> str:
    """The profile's YAML, checked exactly as ``draftkit check`` will check the file
    (see :func:`checked_profile`).

    Raises:
        ProblemList: every problem, each naming its field; nothing is written.
    """
    return checked_profile(plan, answers, confirmed, written_by=written_by)[0]


def checked_profile(
    plan: ProfilePlan,
    answers: Mapping[str, str],
    confirmed: Collection[str] = (),
    *,
    written_by: str = "`draftkit towns new`",
) -> tuple[str, Loaded[TownProfile]]:
    """The profile's YAML, and the profile read back from it, checked exactly as
    ``draftkit check`` will check the file: the same loader and model, the same registry
    cross-checks, every clause and the glossary rendered for it. ``confirmed`` names the
    answers a person gave (typed, or named with ``--confirm``); with the facts the
    profile already confirmed, and unless an answer changed them, they are listed under
    ``confirmed:``. ``written_by`` names the front end in the file's header.

    Raises:
        ProblemList: every problem, each naming its field; nothing is written.
    """
    problems: list[DraftkitError] = []
    data = _deep_copy(plan.start)
    for name, answer in answers.items():
        try:
            _set(data, name, parse_answer(BY_FIELD[name], answer))
        except DataError as problem:
            problems.append(
                DataError(
                    problem.message,
                    path=plan.shown,
                    hint=problem.hint,
                    code=problem.code,
                    field=name,
                )
            )
    # An answer refused above keeps the plan's value, so the checks below still run and
    # every problem is listed at once (a person fixes them in one round).
    refused = problems
    kept = {
        f
        for f in plan.confirmed
        if f in BY_FIELD and (f not in answers or answers[f] == plan.current(BY_FIELD[f]))
    }
    facts = [f for f in FIELDS if f in kept or f in confirmed]
    source = f"answers given to {written_by.strip('`')}"
    if source not in data.get("sources", []):
        data["sources"] = [*data.get("sources", []), source]
    # A profile is written without defaults, as a person would write it; then it is
    # read back through the loader, as check will read the file.
    draft = TownProfile.model_validate(data) if _valid(data) else None
    body = (
        draft.model_dump(mode="json", exclude_none=True, exclude_defaults=True) if draft else data
    )
    body.pop("confirmed", None)
    body.setdefault("police", {})["body_may_direct"] = data["police"]["body_may_direct"]
    text = (
        f"# Profile of {data.get('legal_name')}, written by {written_by}.\n"
        "# Check each fact against the town's charter and its clerk before filing.\n"
        + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=88)
        + "\n# Facts a person has confirmed (typed at a prompt, or named with --confirm).\n"
        "# Add a fact here once you have checked it; drafts keep a red note, and --final\n"
        "# is refused, until every fact the documents print is listed.\n"
        + yaml.safe_dump({"confirmed": facts}, sort_keys=False, width=88)
    )
    try:
        loaded: Loaded[TownProfile] = validate(
            TownProfile, parse_yaml(text, path=plan.path, shown=plan.shown), schema_name="town"
        )
    except ProblemList as many:
        raise ProblemList([*refused, *_unlined(many.problems, plan.shown)]) from None
    problems = []
    if plan.library is not None:
        joined = dataclasses.replace(plan.library, towns={plan.path.stem: loaded})
        problems = check_profiles_against_registry(joined) + check_towns(joined, examples=False)[0]
    raise_if_any([*refused, *_unlined(problems, plan.shown)])
    return text, loaded


def write_profile(
    plan: ProfilePlan, answers: Mapping[str, str], confirmed: Collection[str] = ()
) -> Path:
    """Validate the finished profile as ``draftkit check`` will, then write it atomically
    (replacing the old one only when the plan says so).

    Raises:
        ProblemList: an answer the profile or the checks refuse; nothing is written.
        DraftkitError: the file cannot be written.
    """
    text = profile_text(plan, answers, confirmed)
    write_files(plan.path.parent, {plan.path.name: text.encode()}, force=plan.replace)
    return plan.path


def unconfirmed_in(plan: ProfilePlan) -> list[str]:
    """The printed facts the profile just written leaves unconfirmed."""
    return unconfirmed(load(TownProfile, plan.path, schema_name="town", display=plan.shown).value)


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
        DataError(p.message, path=p.path, hint=p.hint, code=p.code, field=p.field)
        if p.path == shown
        else p
        for p in problems
    ]


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    target = data
    for part in parents:
        target = target.setdefault(part, {})
    target[leaf] = value


def _deep_copy(data: dict[str, Any]) -> dict[str, Any]:
    # A plan's start is a JSON-mode dump (plain dicts, lists and scalars).
    return copy.deepcopy(data)
