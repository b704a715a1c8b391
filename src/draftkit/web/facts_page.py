"""The facts page and the policing question: what the core resolved for the town,
the person's answers, and each problem by its field, in the page's language."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from draftkit.data.fields import ARRANGEMENTS
from draftkit.data.library import Library
from draftkit.data.questions import value_at
from draftkit.errors import DraftkitError, ProblemList
from draftkit.web import steps
from draftkit.web.forms import FACT_FIELDS, Answers, Problem
from draftkit.web.i18n import Translator
from draftkit.web.pages import SwitchForm, place_words, problem_of, render, word_problem

_FACTS_PAGE_FIELDS = frozenset({*FACT_FIELDS, "may_direct", "sponsors", "date", "policing"})


def _library(request: Request) -> Library:
    library: Library = request.app.state.library
    return library


def worded(
    lang: str, problems: dict[str, Problem], place: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Each problem in the page's language (``place``: as ``pages.place_words``)."""
    t = Translator(lang, place)
    return {name: word_problem(t, problem) for name, problem in problems.items()}


_CODE_FIELDS = {"body_may_not_direct": "may_direct"}
"""Problems the profile model finds across several answers, by the answer a person
changes to fix them (the model names only the group, ``police``)."""


def field_problems(error: DraftkitError) -> dict[str, Problem]:
    """A core error (or several) as problems keyed by the form field they concern."""
    found = error.problems if isinstance(error, ProblemList) else [error]
    problems: dict[str, Problem] = {}
    for one in found:
        field = _CODE_FIELDS.get(one.code or "") or steps.answer_field(one) or "form"
        problems.setdefault(field, problem_of(one))
    return problems


def facts_page(
    lang: str,
    request: Request,
    answers: Answers,
    problems: dict[str, Problem],
    *,
    status: int,
    quiet: bool = False,
) -> Response:
    """Step 2: the town's facts with the person's answers and ``problems`` by their
    fields; or the policing question when nobody knows who polices the town (``quiet``:
    without saying what is missing, as after a language switch).

    Raises:
        HTTPException: 404 for an unknown or ambiguous town in a hand-made address.
        DraftkitError: an error without a code, which is a bug (the 500 page).
    """
    library = _library(request)
    if not answers.town:
        raise HTTPException(404)
    try:
        resolved = steps.town_facts(library, answers)
    except DraftkitError as error:
        if error.code in ("policing_unknown", "agency_missing"):
            asked = {**field_problems(error), **problems} if answers.policing else problems
            if quiet:
                asked = {}
            return policing_page(lang, library, answers, asked, status=422 if asked else 200)
        if error.code == "town_unorganized":
            assert library.registry is not None  # only the registry knows unorganized places
            unorganized = library.registry.find(answers.town)
            return render(lang, "unorganized.html", {"place": unorganized}, path="")
        if error.code == "policing_in_profile":
            # The town's reviewed profile says who polices it; the page says so by the
            # field, and shows the profile's facts.
            kept = dataclasses.replace(answers, policing=None, agency="")
            found = {**problems, "policing": problem_of(error)}
            return facts_page(lang, request, kept, found, status=422)
        if error.code in ("town_not_found", "town_ambiguous"):
            # An unknown or ambiguous name in a hand-made address: no such page.
            raise HTTPException(404) from None
        # Any other error here is a bug (every error a person can cause has a code):
        # the plain 500 page, never a misleading 404.
        raise
    placed = {(k if k in _FACTS_PAGE_FIELDS else "form"): v for k, v in problems.items()}
    problems = placed
    profile = resolved.loaded.value
    values: dict[str, Any] = {f: value_at(profile.model_dump(mode="json"), f) for f in FACT_FIELDS}
    values.update(answers.facts)
    may_direct = (
        profile.police.body_may_direct if answers.may_direct is None else answers.may_direct
    )
    applies = steps.asked_fields(profile.police.arrangement)
    place = place_words(
        lang,
        name=profile.name,
        kind=profile.kind,
        shared=steps.shares_name(library, profile.name),
        clerk=str(values["governing_body.clerk_title"] or profile.governing_body.clerk_title),
    )
    return render(
        lang,
        "facts.html",
        {
            "answers": answers,
            "resolved": resolved,
            "profile": profile,
            "values": values,
            "may_direct": may_direct,
            "fields": FACT_FIELDS,
            "police_fields": [f for f in FACT_FIELDS if f.startswith("police.") and f in applies],
            "may_direct_asked": steps.MAY_DIRECT in applies,
            "sources": steps.fact_sources(library, resolved, answers),
            "arrangements": ARRANGEMENTS,
            "errors": worded(lang, problems, place),
            "from_registry": resolved.from_defaults,
            "departs_from": steps.registry_departure(library, answers),
        },
        status=status,
        path="facts",
        form=SwitchForm("facts-form", "protections", "post", "facts"),
        place=place,
    )


def policing_page(
    lang: str, library: Library, answers: Answers, problems: dict[str, Problem], *, status: int
) -> Response:
    """Who polices the town?, asked with every other answer carried along."""
    assert library.registry is not None  # only the registry leaves policing unknown
    town = library.registry.find(answers.town)
    place = place_words(
        lang,
        name=town.name,
        kind=town.kind,
        shared=steps.shares_name(library, town.name),
        clerk="",  # no profile yet; no message on this page names the clerk
    )
    return render(
        lang,
        "policing.html",
        {
            "answers": answers,
            "town_name": place["place"],
            # Answers given on the facts page before the policing changed, kept.
            "carried": [
                (name, value)
                for name, value in answers.hidden(clauses=False)
                if name not in ("town", "policing", "agency") and value
            ],
            "arrangements": ARRANGEMENTS,
            "errors": worded(lang, problems, place),
        },
        status=status,
        path="facts",
        form=SwitchForm("policing-form", "facts", "get", "policing"),
        place=place,
    )
