"""The five steps of the web flow, each one call into the core.

Start (find the municipality), facts (the profile the documents will use), protections
(the clauses), preview and download (the draft). Nothing here drafts: the registry,
the library, ``profiles.build_profile`` and ``drafting.prepare_draft`` do, exactly as
for the command line.
"""

from __future__ import annotations

import dataclasses
import io
import threading
import zipfile
from collections import Counter, OrderedDict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from draftkit.data.clause_models import ClauseModule
from draftkit.data.defaults import Policing
from draftkit.data.fields import Arrangement
from draftkit.data.library import Library, ResolvedTown
from draftkit.data.loading import Loaded
from draftkit.data.profiles import checked_profile, fields_of, plan_for
from draftkit.data.questions import asked
from draftkit.data.registry import Municipality, key, plain_source
from draftkit.data.reviews import ClauseStatus
from draftkit.data.town_models import TownProfile
from draftkit.drafting.composing import DraftOptions, in_catalog_order, select_clauses
from draftkit.drafting.pipeline import Draft, prepare_draft
from draftkit.errors import DraftkitError
from draftkit.web.forms import FACT_FIELDS, Answers
from draftkit.word.inspection import text_lines

GIVEN_TO = "the draftkit web service"


@dataclass(frozen=True)
class Choice:
    """A municipality a person may have meant."""

    slug: str
    place: Municipality


@dataclass(frozen=True)
class Lookup:
    """What a typed name leads to."""

    outcome: Literal["found", "ambiguous", "not_found", "unorganized"]
    slug: str = ""
    place: Municipality | None = None
    choices: tuple[Choice, ...] = ()


def look_up(library: Library, name: str) -> Lookup:
    """Find the municipality ``name`` means, as ``draftkit draft NAME`` would.

    Raises:
        DraftkitError: a problem with the project's data, not with the name.
    """
    registry = library.registry
    try:
        resolved = library.resolve_town(name)
        return Lookup("found", slug=resolved.slug)
    except DraftkitError as problem:
        if registry is None or problem.code is None:
            raise
        code = problem.code
    if code == "town_ambiguous":
        choices = tuple(Choice(registry.slug(m), m) for m in registry.matches(name))
        return Lookup("ambiguous", choices=choices)
    if code == "town_not_found":
        close = tuple(Choice(registry.slug(m), m) for m in registry.close_matches(name))
        return Lookup("not_found", choices=close)
    municipality = registry.find(name)
    if code == "town_unorganized":
        return Lookup("unorganized", slug=registry.slug(municipality), place=municipality)
    # Policing unknown, or no department named: found; the facts page asks.
    return Lookup("found", slug=registry.slug(municipality), place=municipality)


def name_list(library: Library) -> list[tuple[str, Municipality | None]]:
    """The names offered as a person types: each organized municipality once. Where a
    town and a village share a name, each is written with its kind (``Albany
    (village)``, which ``draftkit draft`` accepts too) and comes with the place, so the
    page can label it as the command line's ambiguity message does."""
    registry = library.registry
    if registry is None:
        return []
    rows = [m for m in registry.rows if m.organized]
    counts = Counter(m.name for m in rows)
    return [(f"{m.name} ({m.kind})", m) if counts[m.name] > 1 else (m.name, None) for m in rows]


def shares_name(library: Library, name: str) -> bool:
    """Whether another organized municipality has this name (a town and its village)."""
    registry = library.registry
    if registry is None:
        return False
    return sum(1 for m in registry.rows if m.organized and m.name == name) > 1


def suggestions(library: Library, typed: str, limit: int = 8) -> list[Choice]:
    """Municipalities whose names begin with what was typed, then those spelled like it."""
    registry = library.registry
    if registry is None or not typed.strip():
        return []
    wanted = key(typed)
    found: list[Municipality] = [m for m in registry.rows if key(m.name).startswith(wanted)]
    found += [m for m in registry.close_matches(typed) if m not in found]
    return [Choice(registry.slug(m), m) for m in found[:limit]]


def without(answers: Answers, refused: Collection[str]) -> Answers:
    """The answers without the facts the form's edge refused (to check the rest)."""
    facts = {k: v for k, v in answers.facts.items() if k not in refused}
    return dataclasses.replace(answers, facts=facts)


def policing_of(library: Library, answers: Answers) -> Policing:
    """What the person said about policing, for the core.

    The facts page records a town profile, as ``draftkit towns new`` does: an answer
    that departs from the registry is taken on purpose, and the downloaded profile
    records it for the coalition to review. An answer that repeats what the registry or
    the town's profile already says is no answer at all (the facts keep their source).
    """
    if answers.policing is None and not answers.agency:
        return Policing()
    if answers.policing is not None and not answers.agency:
        known = _without_answer(library, answers.town)
        if known is not None and known.loaded.value.police.arrangement == answers.policing:
            return Policing()
    return Policing(arrangement=answers.policing, agency=answers.agency or None, on_purpose=True)


def registry_departure(library: Library, answers: Answers) -> str:
    """The police agency the registry names for the town, when the person's policing
    answer departs from it; else an empty string."""
    if policing_of(library, answers) == Policing():
        return ""
    known = _without_answer(library, answers.town)
    if known is None or not known.from_defaults:
        return ""
    return known.loaded.value.police.name


def _without_answer(library: Library, town: str) -> ResolvedTown | None:
    try:
        return library.resolve_town(town)
    except DraftkitError:
        return None


MAY_DIRECT = "police.body_may_direct"


def asked_fields(arrangement: Arrangement) -> frozenset[str]:
    """The profile's questions for a town policed this way (as ``towns new`` asks)."""
    return frozenset(q.field for q in asked(arrangement))


def with_new_policing(answers: Answers) -> Answers:
    """The answers after the person changed who polices the town: the police facts and
    the agency named for the old answer no longer apply; every other answer stays."""
    facts = {k: v for k, v in answers.facts.items() if not k.startswith("police.")}
    return dataclasses.replace(answers, agency="", facts=facts, may_direct=None)


@dataclass(frozen=True)
class Sources:
    """Where the facts on the page come from, in plain words (the registry's English)."""

    governing_body: str
    police: str
    police_answered: bool
    """The person answered who polices the town: the police facts follow that answer."""


def fact_sources(library: Library, resolved: ResolvedTown, answers: Answers) -> Sources:
    """The sources the facts page names for a town drafted from registry defaults: each
    once, without the research notes the registry keeps for its maintainers."""
    answered = policing_of(library, answers) != Policing()
    if library.registry is None or not resolved.from_defaults:
        return Sources("", "", answered)
    row = library.registry.find(answers.town)
    return Sources(
        plain_source(row.governing_body_source), plain_source(row.police_source), answered
    )


def town_facts(library: Library, answers: Answers) -> ResolvedTown:
    """The town's profile before corrections: its own, or registry defaults.

    Raises:
        DraftkitError: unknown town, unorganized place, or policing unknown
            (``code`` ``policing_unknown`` / ``agency_missing``: the page asks), or a
            policing answer for a town whose profile already says (``policing_in_profile``).
    """
    return library.resolve_town(answers.town, policing_of(library, answers))


@dataclass(frozen=True)
class Corrected:
    """The town's profile with the person's answers, and its YAML file's text."""

    resolved: ResolvedTown
    profile: TownProfile
    text: str


def corrected_profile(library: Library, answers: Answers) -> Corrected:
    """The town's profile with the person's answers, checked exactly as ``draftkit
    check`` would check it as a file in towns/ (the same as ``draftkit towns new``).

    Raises:
        ProblemList: every answer refused, each naming its field.
    """
    resolved = town_facts(library, answers)
    start = resolved.loaded.value
    may_direct = start.police.body_may_direct if answers.may_direct is None else answers.may_direct
    plan = plan_for(library, resolved)
    given = dict(answers.facts)
    if MAY_DIRECT in asked_fields(start.police.arrangement):
        given[MAY_DIRECT] = "direct" if may_direct else "request"
    # A fact left as it was keeps what it had: confirmed in the town's profile, or a
    # registry default. A fact changed on the page is recorded unconfirmed: the
    # coalition reviews the downloaded profile before anyone confirms it.
    text, loaded = checked_profile(plan, given, (), written_by=GIVEN_TO)
    return Corrected(resolved=resolved, profile=loaded.value, text=text)


def answer_field(problem: DraftkitError) -> str | None:
    """The form field a problem with a profile answer concerns, if any."""
    return problem.field or next(iter(fields_of([problem], FACT_FIELDS)), None)


@dataclass(frozen=True)
class ClauseOffer:
    """One protection on the choices page."""

    clause: ClauseModule
    status: ClauseStatus
    loopholes: tuple[str, ...]
    chosen: bool


def clause_offers(
    library: Library,
    resolved: ResolvedTown,
    profile: TownProfile,
    chosen: tuple[str, ...] | None,
) -> list[ClauseOffer]:
    """The clauses that apply to the town's policing, in catalog order, with the
    default choice (every clause the CLI would draft; ``chosen`` None) or the person's."""
    arrangement = profile.police.arrangement
    town = Loaded(value=profile, source=resolved.loaded.source)
    defaults = {c.value.id for c in select_clauses(library, town, ())}
    wanted = defaults if chosen is None else set(chosen)
    names = {loophole.id: loophole.name for loophole in library.loophole_list()}
    applicable = [c for c in library.clauses.values() if arrangement in c.value.applies_to]
    return [
        ClauseOffer(
            clause=loaded.value,
            status=library.status(loaded.value.id),
            loopholes=tuple(names.get(i, i) for i in loaded.value.closes),
            chosen=loaded.value.id in wanted,
        )
        for loaded in in_catalog_order(library, applicable)
    ]


_RECENT_DRAFTS = 32
_DraftKey = tuple[int, tuple[tuple[str, str], ...], str, str | None]
_recent: OrderedDict[_DraftKey, tuple[Draft, Corrected]] = OrderedDict()
_recent_lock = threading.Lock()


def make_draft(
    library: Library, answers: Answers, only: str | None = None
) -> tuple[Draft, Corrected]:
    """The draft for the answers: the same call as ``draftkit draft TOWN``.

    ``only`` names one Word document the person asked for: unless this worker already
    holds the whole draft, only that document is rendered and inspected (the same
    document, embedded manifest included, as the whole draft's; see
    :func:`draftkit.drafting.pipeline.prepare_draft`). The profile is checked either way.

    A person previews a draft and then downloads its files one by one, each request
    carrying the same answers; a worker keeps its last few drafts in memory so those
    requests do not render the same documents again. Nothing depends on it: any worker
    can answer any request.

    Raises:
        DraftkitError: any problem the core finds (each with its ``code`` and ``field``).
    """
    whole = (id(library), tuple(answers.hidden()), answers.draft_date.isoformat(), None)
    wanted = whole if only is None else (*whole[:3], only)
    with _recent_lock:
        for key in (whole, wanted):
            if key in _recent:
                _recent.move_to_end(key)
                return _recent[key]
    made = _make_draft(library, answers, only)
    with _recent_lock:
        _recent[wanted] = made
        while len(_recent) > _RECENT_DRAFTS:
            _recent.popitem(last=False)
    return made


def _make_draft(
    library: Library, answers: Answers, only: str | None = None
) -> tuple[Draft, Corrected]:
    corrected = corrected_profile(library, answers)
    options = DraftOptions(
        date=answers.draft_date, final=False, sponsors=answers.sponsors, clause_ids=answers.clauses
    )
    draft = prepare_draft(
        library,
        answers.town,
        "all",
        options,
        policing_of(library, answers),
        profile=corrected.profile,
        only=only,
    )
    return draft, corrected


@dataclass(frozen=True)
class PreviewLine:
    """One paragraph of a document as the preview shows it."""

    style: str
    text: str


def preview(draft: Draft) -> dict[str, list[PreviewLine]]:
    """Each document's paragraphs, as they read in Word."""
    shown: dict[str, list[PreviewLine]] = {}
    for name, data in draft.files.items():
        if name.endswith(".docx"):
            lines = []
            for line in text_lines(data):
                style, _, text = line.partition(" | ")
                lines.append(PreviewLine(style=style, text=text))
            shown[name] = lines
    return shown


def profile_file(draft: Draft, corrected: Corrected) -> tuple[str, bytes]:
    """The answers as a profile YAML the coalition can review and add to towns/."""
    manifest_name = next(n for n in draft.files if n.endswith("manifest.json"))
    stem = manifest_name.removesuffix("manifest.json")
    return f"{stem}profile.yaml", corrected.text.encode()


def zip_file(draft: Draft, extra: dict[str, bytes]) -> tuple[str, bytes]:
    """Every file of the draft, and ``extra`` ones, in one .zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**draft.files, **extra}.items():
            archive.writestr(name, data)
    manifest_name = next(n for n in draft.files if n.endswith("manifest.json"))
    return manifest_name.removesuffix("manifest.json") + "draft.zip", buffer.getvalue()
