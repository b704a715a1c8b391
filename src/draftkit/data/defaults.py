"""Town profiles for municipalities without one: registry facts plus governance
defaults by kind (towns/defaults.yaml), plus what the person drafting tells us."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from draftkit import choices
from draftkit.data.fields import Arrangement, FreeText, OfficialName
from draftkit.data.loading import (
    PYDANTIC_CODES,
    Loaded,
    YamlDocument,
    format_loc,
    load,
)
from draftkit.data.plain_errors import plain_words
from draftkit.data.registry import Municipality, Registry, describe_source, sheriff_agency
from draftkit.data.town_models import TownProfile
from draftkit.errors import DataError, DraftkitError, raise_if_any

DEFAULTS_FILE = "defaults.yaml"
CURRENT_MODEL = dt.date(2024, 4, 23)
"""Effective date of the Criminal Justice Council's current model FIPP (VCJC, 2024)."""

POLICING_CHOICES = choices.POLICING_CHOICES
"""--policing option value -> profile arrangement."""


class PolicingUnknownError(DraftkitError):
    """Raised when neither a profile, the registry nor the user says who polices a town."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class KindDefaults(_Strict):
    """Governance defaults for one kind of municipality."""

    legal_prefix: OfficialName = Field(description='How the legal name begins, e.g. "Town of".')
    presiding_officer_title: OfficialName = Field(description="Who signs adopted resolutions.")
    clerk_title: OfficialName = Field(description="Who attests adopted resolutions.")


class PlaceDefaults(_Strict):
    """A correction for one municipality, with its source."""

    presiding_officer_title: OfficialName | None = Field(default=None, description="Who signs.")
    clerk_title: OfficialName | None = Field(default=None, description="Who attests.")
    manager_title: OfficialName | None = Field(
        default=None, description='The town or city manager\'s title, e.g. "Town Manager".'
    )
    source: FreeText = Field(description="Where the correction comes from.")


class SharedAgency(_Strict):
    """One police department two municipalities claim, and whose officials adopt its policy."""

    adopted_by: str = Field(
        description="The municipality whose officials adopt its policies, as the registry "
        'names it followed by its kind, e.g. "Woodstock village".'
    )
    also_serves: tuple[str, ...] = Field(
        min_length=1,
        description="The other municipalities it serves, named the same way; their "
        "resolutions request rather than direct.",
    )
    source: str = Field(description="Where this comes from, and what is left to confirm.")


class GovernanceDefaults(_Strict):
    """towns/defaults.yaml."""

    kinds: dict[str, KindDefaults] = Field(description="Defaults by kind.")
    places: dict[str, PlaceDefaults] = Field(default_factory=dict, description="By registry name.")
    shared_agencies: dict[str, SharedAgency] = Field(
        default_factory=dict, description="By the department's name."
    )

    def sharing(self, agency: str, municipality: Municipality) -> SharedAgency | None:
        """The shared-department entry under which ``municipality`` is served by another
        municipality's ``agency``, if any."""
        shared = self.shared_agencies.get(agency)
        if shared is None or reference(municipality) not in shared.also_serves:
            return None
        return shared


def reference(municipality: Municipality) -> str:
    """How towns/defaults.yaml names a municipality: ``Woodstock village``."""
    return f"{municipality.name} {municipality.kind}"


def find_reference(registry: Registry, ref: str) -> Municipality | None:
    """The registry row ``ref`` (``Woodstock village``) names, if any."""
    return next((m for m in registry.rows if reference(m) == ref), None)


def legal_name(defaults: GovernanceDefaults, municipality: Municipality) -> str:
    """``Town of Woodstock``: the kind's legal prefix and the name without City/Town."""
    return f"{defaults.kinds[municipality.kind].legal_prefix} {municipality.base_name}"


@dataclass(frozen=True)
class Policing:
    """What the person drafting says about policing, when the registry does not know."""

    arrangement: Arrangement | None = None
    agency: str | None = None
    on_purpose: bool = False
    """The person is writing a profile (``towns new``) and may depart from the registry's
    answer; a draft may not, so a typo in --policing never silently contradicts it."""


def load_defaults(towns_dir: Path) -> Loaded[GovernanceDefaults]:
    """Read towns/defaults.yaml."""
    return load(
        GovernanceDefaults,
        towns_dir / DEFAULTS_FILE,
        schema_name="town",
        display="towns/defaults.yaml",
    )


def shared_agency_problems(
    registry: Registry, defaults: Loaded[GovernanceDefaults]
) -> list[DraftkitError]:
    """Each municipality ``shared_agencies`` names must be in the registry, and claim the
    department there."""
    problems: list[DraftkitError] = []
    for agency, shared in defaults.value.shared_agencies.items():
        named: list[tuple[tuple[str | int, ...], str]] = [(("adopted_by",), shared.adopted_by)]
        named += [(("also_serves", i), ref) for i, ref in enumerate(shared.also_serves)]
        for loc, ref in named:
            where = ("shared_agencies", agency, *loc)
            if find_reference(registry, ref) is None:
                problems.append(
                    defaults.error(
                        where,
                        f"no municipality {ref!r} in the registry",
                        hint="write the name as towns/registry.csv spells it, then its kind, "
                        "e.g. 'Woodstock village'",
                    )
                )
    return problems


def default_profile(
    registry: Registry,
    municipality: Municipality,
    defaults: GovernanceDefaults,
    policing: Policing,
) -> Loaded[TownProfile]:
    """A profile built from the registry and defaults, for drafting without a profile.

    Raises:
        DraftkitError: the place has no legislative body, or nobody knows who polices it.
    """
    if not municipality.organized:
        raise DraftkitError(
            f"{municipality.label} has no selectboard or council that could adopt a "
            "resolution: a state-appointed supervisor manages its affairs",
            hint="people there can ask the county sheriff or the Vermont State Police directly; "
            "the coalition can help",
            code="town_unorganized",
            field="town",
        )
    kind = defaults.kinds.get(municipality.kind)
    if kind is None:
        raise DataError(
            f"kinds: no defaults for a {municipality.kind}, so {municipality.label} cannot "
            "be drafted without a profile",
            path="towns/defaults.yaml",
            hint=f"add `{municipality.kind}:` under kinds: with legal_prefix, "
            "presiding_officer_title and clerk_title",
        )
    place = defaults.places.get(municipality.name)
    arrangement, agency, head = _policing(registry, municipality, policing)
    presiding = (place and place.presiding_officer_title) or kind.presiding_officer_title
    clerk = (place and place.clerk_title) or kind.clerk_title
    manager = place.manager_title if place else None
    police_source = (
        "given to draftkit"
        if policing.arrangement is not None or policing.agency is not None
        else describe_source(municipality.police_source)
    )
    departed = _served_by(registry, municipality) if arrangement != "municipal" else None
    if departed is not None:
        # Reached only on purpose (a profile): say so, for whoever reviews the profile.
        police_source += f", departing from towns/registry.csv, which lists the {departed}"
    # 24 V.S.A. § 1931: a manager acts in the legislative body's stead on the police
    # department; other arrangements answer to their own heads.
    adopter = manager if manager and arrangement == "municipal" else head
    run_by = None
    shared = defaults.sharing(agency, municipality) if arrangement == "municipal" else None
    if shared is not None:
        owner = find_reference(registry, shared.adopted_by)
        if owner is not None:
            owner_place = defaults.places.get(owner.name)
            adopter = (owner_place and owner_place.manager_title) or head
            run_by = {"legal_name": legal_name(defaults, owner), "body": owner.governing_body}
            police_source = f"{police_source}; towns/defaults.yaml: {shared.source}"
    data = {
        "name": municipality.name,
        "legal_name": legal_name(defaults, municipality),
        "kind": municipality.kind,
        "county": municipality.county,
        "governing_body": {
            "name": municipality.governing_body,
            "presiding_officer_title": presiding,
            "clerk_title": clerk,
            "manager_title": manager,
            "source": describe_source(municipality.governing_body_source),
        },
        "police": {
            "arrangement": arrangement,
            "name": agency,
            "head_title": head,
            "policy_adopted_by": adopter,
            # Without a confirmed charter, the body can only ask (24 V.S.A. § 1931
            # vests control of a police force in its chief).
            "body_may_direct": False,
            "run_by": run_by,
            "source": police_source,
        },
        "fipp": {"model_version": CURRENT_MODEL.isoformat()},
        "sources": [f"towns/registry.csv: {describe_source(municipality.source)}"],
    }
    try:
        profile = TownProfile.model_validate(data)
    except ValidationError as exc:
        given = policing.agency is not None
        raise_if_any(
            DataError(
                f"{format_loc(tuple(e['loc']))}: {plain_words(e, 'town')[0]}"
                + (
                    " (given with --agency)" if given and e["loc"][:2] == ("police", "name") else ""
                ),
                path="towns/registry.csv",
                hint="correct the value given, or write the town a profile with "
                "`draftkit towns new`",
                code=PYDANTIC_CODES.get(e["type"], "policing_answer_refused"),
                field="agency" if given else "policing",
            )
            for e in exc.errors(include_url=False)
        )
        raise
    document = YamlDocument(path=registry.path, shown="towns/registry.csv", data={}, lines=None)
    return Loaded(value=profile, source=document)


def _served_by(registry: Registry, municipality: Municipality) -> str | None:
    """The police department the registry says serves ``municipality``, if any."""
    status = municipality.police_status
    if status == "own" or status.startswith("shared:"):
        return municipality.police_department or status.partition(":")[2] or None
    if status.startswith("see_parent_town"):
        parent = next(
            (m for m in registry.rows if m.name == municipality.parent_town and m.kind == "town"),
            None,
        )
        return parent.police_department if parent else None
    return None


def _refuse_contradiction(
    registry: Registry, municipality: Municipality, arrangement: Arrangement
) -> None:
    department = _served_by(registry, municipality)
    if department is None:
        return
    option = next(k for k, v in POLICING_CHOICES.items() if v == arrangement)
    slug = registry.slug(municipality)
    raise DraftkitError(
        f"the registry lists {municipality.label} as policed by the {department}; "
        f"--policing {option} contradicts it",
        hint=f"draft without --policing; to draft for another arrangement on purpose, "
        f"write a profile that says so: `draftkit towns new {slug} --policing {option}`",
        code="policing_contradicts_registry",
        field="policing",
    )


def _policing(
    registry: Registry, municipality: Municipality, policing: Policing
) -> tuple[Arrangement, str, str]:
    status = municipality.police_status
    arrangement = policing.arrangement
    agency = policing.agency
    if arrangement not in (None, "municipal") and not policing.on_purpose:
        _refuse_contradiction(registry, municipality, arrangement)
    if arrangement is None:
        if status == "own" or status.startswith("shared:"):
            arrangement = "municipal"
        elif status.startswith("see_parent_town"):
            arrangement = "municipal"
            parent = next(
                (
                    m
                    for m in registry.rows
                    if m.name == municipality.parent_town and m.kind == "town"
                ),
                None,
            )
            agency = agency or (parent.police_department if parent else None)
        else:
            raise PolicingUnknownError(
                f"the registry does not say who polices {municipality.label}",
                hint="add --policing municipal (with --agency NAME), --policing sheriff, "
                "--policing state-police or --policing constables",
                code="policing_unknown",
                field="policing",
            )
    if arrangement == "municipal":
        agency = (
            agency
            or municipality.police_department
            or (status.split(":", 1)[1] if status.startswith("shared:") else None)
        )
        if not agency:
            raise DraftkitError(
                f"the registry lists no police department for {municipality.label}",
                hint='add --agency "NAME OF THE POLICE DEPARTMENT"',
                code="agency_missing",
                field="agency",
            )
        return "municipal", agency, "Chief of Police"
    if arrangement == "sheriff":
        return (
            "sheriff",
            agency or sheriff_agency(registry.path.parent, municipality.county),
            "Sheriff",
        )
    if arrangement == "constables":
        # 24 V.S.A. § 1936a: a town's constables may exercise law enforcement authority
        # unless town meeting has voted it away; towns elect a first and second constable.
        return (
            "constables",
            agency or f"Constables of the {municipality.kind.title()} of {municipality.base_name}",
            "First Constable",
        )
    return "state_police", agency or "Vermont State Police", "Commissioner of Public Safety"
