"""``draftkit check``: every cross-reference and every template, all problems at once.

Loading (``library.load_library``) has already checked each file on its own; this
module checks what only the whole library can show: unknown loopholes, unknown or
unused defined terms, requires/conflicts, clauses a town asks for, template values
each town must provide, the templates themselves, and the Spanish words the web shows
for each clause and loophole (``draftkit.data.spanish``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draftkit.data import disk_cache
from draftkit.data.clause_models import ClauseModule
from draftkit.data.defaults import shared_agency_problems
from draftkit.data.fields import ARRANGEMENTS, Arrangement
from draftkit.data.library import Library, load_library
from draftkit.data.loading import Loaded
from draftkit.data.spanish import check_spanish
from draftkit.data.town_models import TownProfile
from draftkit.drafting.composing import DraftOptions, render_clauses, select_clauses
from draftkit.drafting.contexts import build_contexts
from draftkit.drafting.instruments import INSTRUMENTS, TEMPLATE_FILES
from draftkit.drafting.rendering import TextRenderer
from draftkit.errors import DraftkitError, ProblemList, raise_if_any
from draftkit.naming import fold, slugify
from draftkit.terms import mentions, uses_defined_term

_EXAMPLE_OPTIONS = DraftOptions(date=dt.date(2026, 1, 1), sponsors=("A. Sponsor", "B. Sponsor"))


@dataclass(frozen=True)
class CheckReport:
    """What ``draftkit check`` looked at, for its one-line summary."""

    towns: int
    clauses: int
    loopholes: int
    terms: int
    templates: int

    def summary(self) -> str:
        """``All good: 2 towns, 5 clauses, ...``."""
        counts = (
            (self.towns, "town"),
            (self.clauses, "clause"),
            (self.loopholes, "loophole"),
            (self.terms, "defined term"),
            (self.templates, "template"),
        )
        return "All good: " + ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)


def check(root: Path) -> CheckReport:
    """Load and check the whole library under ``root``.

    Raises:
        ProblemList: every problem found, in every file.
    """
    # The lint reads the audit's rule files; drafting, which also uses this module's
    # checks, should not pay for importing the audit.
    from draftkit.audit import lint

    library = load_library(root)
    problems = (
        check_clauses(library) + check_glossary(library) + check_profiles_against_registry(library)
    )
    town_problems, contexts = check_towns(library)
    problems += town_problems
    problems += check_templates(library, contexts)
    problems += lint.check_library(library)
    problems += check_spanish(library)
    raise_if_any(problems)
    return CheckReport(
        towns=len(library.towns),
        clauses=len(library.clauses),
        loopholes=len(library.loophole_list()),
        terms=len(library.terms()),
        templates=len(TEMPLATE_FILES),
    )


def problems_for_drafts(library: Library) -> list[DraftkitError]:
    """What stops every draft, whatever the town: :func:`check_clauses` and
    :func:`check_glossary`. They read the library alone, so a library that passed them
    is remembered in the disk cache under the hash of its files."""
    if library.cache_key is not None and disk_cache.load("checked", library.cache_key) is True:
        return []
    problems = check_clauses(library) + check_glossary(library)
    if not problems:
        disk_cache.store("checked", library.cache_key, True)
    return problems


def check_clauses(library: Library) -> list[DraftkitError]:
    """Loophole ids, defined terms, requires and conflicts of every clause."""
    problems: list[DraftkitError] = []
    loophole_ids = {loophole.id for loophole in library.loophole_list()}
    glossary = library.terms()
    for clause_id, loaded in library.clauses.items():
        clause = loaded.value
        for index, loophole in enumerate(clause.closes):
            if loophole not in loophole_ids:
                problems.append(
                    loaded.error(
                        ("closes", index),
                        f"unknown loophole {loophole!r}",
                        hint="loopholes are listed in clauses/loopholes.yaml: "
                        + ", ".join(sorted(loophole_ids)),
                    )
                )
        text = " ".join(source for _, source in clause.template_texts())
        declared = {term.lower() for term in clause.defined_terms}
        for index, term in enumerate(clause.defined_terms):
            if term.lower() not in glossary:
                problems.append(
                    loaded.error(
                        ("defined_terms", index),
                        f"unknown defined term {term!r}",
                        hint="add it to clauses/glossary.yaml or fix its spelling",
                    )
                )
            elif not mentions(text, term):
                problems.append(
                    loaded.error(
                        ("defined_terms", index),
                        f"the term {term!r} is listed but the clause text never uses it",
                        hint="remove it from defined_terms, or use it in the text",
                    )
                )
        for key, entry in glossary.items():
            if key not in declared and uses_defined_term(text, entry.term):
                problems.append(
                    loaded.error(
                        ("defined_terms",),
                        f"the text uses the defined term {entry.term!r} but does not list it",
                        hint=f"add {entry.term!r} to defined_terms",
                    )
                )
        problems.extend(_instrument_problems(loaded))
        for field, source in clause.template_texts():
            if _BARE_LEGAL_NAME.search(source):
                problems.append(_bare_legal_name(loaded, field))
            if _BARE_CALLED.search(source):
                problems.append(
                    loaded.error(
                        tuple(int(p) if p.isdigit() else p for p in field.split(".")),
                        "{{ town.called }} without 'the' before it",
                        hint="it reads 'Village of Albany', or 'Village' where the document "
                        "defines that term: write 'the {{ town.called }}'",
                    )
                )
        for field in ("requires", "conflicts"):
            for index, other in enumerate(getattr(clause, field)):
                if other not in library.clauses:
                    problems.append(
                        loaded.error(
                            (field, index),
                            f"unknown clause {other!r}",
                            hint=library.clause_hint(other),
                        )
                    )
                elif other == clause_id:
                    problems.append(loaded.error((field, index), "a clause cannot name itself"))
    return problems


_BARE_LEGAL_NAME = re.compile(r"(?<![Tt]he )\{\{\s*town\.legal_name\s*\}\}")
"""A legal name reads "Town of Cornwall": in a sentence it needs "the" before it."""

_BARE_CALLED = re.compile(r"(?<![Tt]he )\{\{\s*town\.called\s*\}\}")
"""``town.called`` is the legal name or a defined term ("Village"): "the" before it too."""


def _bare_legal_name(owner: Loaded[Any], field: str) -> DraftkitError:
    loc = tuple(int(p) if p.isdigit() else p for p in field.split("."))
    return owner.error(
        loc,
        "{{ town.legal_name }} without 'the' before it",
        hint="legal names read 'Town of Cornwall': write 'the {{ town.legal_name }}'",
    )


def _instrument_problems(loaded: Loaded[ClauseModule]) -> list[DraftkitError]:
    """Each arrangement a clause applies to needs the texts its documents print."""
    clause = loaded.value
    problems: list[DraftkitError] = []
    if "municipal" in clause.applies_to and clause.directive is None:
        problems.append(
            loaded.error(
                ("applies_to",),
                "a clause for a town with its own police needs a directive section",
                hint="add directive: with heading and paragraphs, or narrow applies_to",
            )
        )
    if clause.directive is None and clause.town_policy is None:
        problems.append(
            loaded.error(
                ("applies_to",),
                "a clause needs a directive or a town_policy section",
                hint="add directive: or town_policy: with heading and paragraphs",
            )
        )
    return problems


def check_glossary(library: Library) -> list[DraftkitError]:
    """Glossary definitions follow the same writing rules as clause texts."""
    if library.glossary is None:
        return []
    return [
        _bare_legal_name(library.glossary, f"terms.{index}.definition")
        for index, term in enumerate(library.glossary.value.terms)
        if _BARE_LEGAL_NAME.search(term.definition)
    ]


def check_profiles_against_registry(
    library: Library, only: Loaded[TownProfile] | None = None
) -> list[DraftkitError]:
    """A profile's name, county and legal name must agree with the registry; its file
    must be named for the town it describes; no town may have two profiles.

    ``only`` limits the checks to one profile (a draft needs only its own town sound).
    """
    registry = library.registry
    problems: list[DraftkitError] = []
    first: dict[tuple[str, str], Loaded[TownProfile]] = {}
    for town in library.towns.values():
        profile = town.value
        same_town = first.setdefault((fold(profile.name), profile.kind), town)
        if same_town is not town and (only is None or only is town):
            problems.append(
                town.error(
                    ("name",),
                    f"a second profile of {profile.name}: {same_town.source.shown} "
                    "describes it already",
                    hint="keep one profile per town; delete the stray copy",
                )
            )
    for town in library.towns.values() if only is None else [only]:
        profile = town.value
        stem = town.path.stem
        if registry is None:
            named = {slugify(profile.name), slugify(f"{profile.name} {profile.kind}")}
            if stem not in named:
                problems.append(_misnamed(town, slugify(profile.name)))
            continue
        same = [m for m in registry.rows if m.name == profile.name and m.kind == profile.kind]
        if not same:
            problems.append(
                town.error(
                    ("name",),
                    f"no {profile.kind} named {profile.name!r} in the registry",
                    hint="use the name as towns/registry.csv spells it; "
                    "`draftkit towns list` shows every municipality",
                )
            )
            continue
        municipality = same[0]
        if stem != registry.slug(municipality):
            problems.append(_misnamed(town, registry.slug(municipality)))
        if profile.county != municipality.county:
            problems.append(
                town.error(
                    ("county",),
                    f"{profile.name} is in {municipality.county} County, not {profile.county!r}",
                    hint=f"write county: {municipality.county}",
                )
            )
    if library.defaults is not None and registry is not None:
        problems += shared_agency_problems(registry, library.defaults)
    return problems


def _misnamed(town: Loaded[TownProfile], expected: str) -> DraftkitError:
    return town.error(
        ("name",),
        f"the file {town.path.name} holds the profile of {town.value.name}",
        hint=f"a profile's file is named for its town: rename it to towns/{expected}.yaml, "
        "or correct name:",
    )


def check_towns(
    library: Library, *, examples: bool = True
) -> tuple[list[DraftkitError], dict[str, list[dict[str, Any]]]]:
    """Render every town's clauses and glossary for every policing arrangement (a town may
    change how it is policed); return the problems and example contexts by template.

    Only a town's own arrangement can give a problem; the others give example contexts
    (for checking the templates). ``examples=False`` renders the own arrangement alone:
    the same problems, and only its contexts, in about a third of the time (the web
    service checks a person's answers on every request).
    """
    problems: list[DraftkitError] = []
    contexts: dict[str, list[dict[str, Any]]] = {}
    for town in library.towns.values():
        arrangements = ARRANGEMENTS if examples else (town.value.police.arrangement,)
        for arrangement in arrangements:
            variant = _as_policed_by(town, arrangement)
            try:
                clauses = select_clauses(library, variant, ())
                rendered = render_clauses(variant.value, clauses)
                _render_glossary(library, variant.value)
                built = build_contexts(library, variant, rendered, _EXAMPLE_OPTIONS, notice="x")
            except ProblemList as many:
                if arrangement == town.value.police.arrangement:
                    problems.extend(_with_town(p, town.value.name) for p in many.problems)
                continue
            except DraftkitError as one:
                if arrangement == town.value.police.arrangement:
                    problems.append(_with_town(one, town.value.name))
                continue
            for document in INSTRUMENTS[arrangement]:
                contexts.setdefault(document.template, []).append(built[document.kind])
    return _unique(problems), contexts


def _as_policed_by(town: Loaded[TownProfile], arrangement: Arrangement) -> Loaded[TownProfile]:
    if town.value.police.arrangement == arrangement:
        return town
    police = town.value.police.model_copy(update={"arrangement": arrangement})
    return Loaded(value=town.value.model_copy(update={"police": police}), source=town.source)


def _unique(problems: list[DraftkitError]) -> list[DraftkitError]:
    seen: set[str] = set()
    out = []
    for problem in problems:
        if str(problem) not in seen:
            seen.add(str(problem))
            out.append(problem)
    return out


def _with_town(problem: DraftkitError, town: str) -> DraftkitError:
    if problem.path and problem.path.startswith("towns"):
        return problem
    problem.message = f"{problem.message} (drafting for {town})"
    return problem


def _render_glossary(library: Library, town: Any) -> None:
    if library.glossary is None:
        return
    renderer = TextRenderer(town)
    problems: list[DraftkitError] = []
    for index, term in enumerate(library.glossary.value.terms):
        try:
            renderer.render(term.definition, library.glossary, ("terms", index, "definition"))
        except DraftkitError as problem:
            problems.append(problem)
    raise_if_any(problems)


def check_templates(
    library: Library, contexts: dict[str, list[dict[str, Any]]]
) -> list[DraftkitError]:
    """Lint every template against the values the towns provide for it."""
    from draftkit.review.templates import (  # docxtpl: only checks need it
        context_paths,
        lint_template,
    )

    problems: list[DraftkitError] = []
    for template in TEMPLATE_FILES:
        examples = contexts.get(template)
        known = context_paths(examples) if examples else None
        path = library.template_path(template)
        shown = str(path.relative_to(library.root))
        problems.extend(lint_template(path, known, shown=shown))
    return problems


def template_values(root: Path) -> list[str]:
    """Every value name the Word templates may use, for people editing them."""
    from draftkit.review.templates import context_paths

    library = load_library(root)
    town_problems, contexts = check_towns(library)
    raise_if_any(town_problems)
    return sorted(context_paths([c for examples in contexts.values() for c in examples]))


def check_templates_only(root: Path) -> int:
    """``draftkit templates check``: lint the templates; returns how many were checked.

    Raises:
        ProblemList: every template problem.
    """
    library = load_library(root)
    town_problems, contexts = check_towns(library)
    raise_if_any(town_problems)
    raise_if_any(check_templates(library, contexts))
    return len(TEMPLATE_FILES)
