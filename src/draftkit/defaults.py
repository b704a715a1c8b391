"""Town profiles for municipalities without one: registry facts plus governance
defaults by kind (towns/defaults.yaml), plus what the person drafting tells us."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from draftkit.errors import DraftkitError
from draftkit.loading import Loaded, YamlDocument, load
from draftkit.models import Arrangement, TownProfile
from draftkit.registry import Municipality, Registry, describe_source, sheriff_agency

DEFAULTS_FILE = "defaults.yaml"
CURRENT_MODEL = dt.date(2024, 4, 23)
"""Effective date of the Criminal Justice Council's current model FIPP (VCJC, 2024)."""

POLICING_CHOICES = {
    "municipal": "municipal",
    "sheriff": "sheriff",
    "state-police": "state_police",
    "constables": "constables",
}
"""--policing option value -> profile arrangement."""


class PolicingUnknownError(DraftkitError):
    """Raised when neither a profile, the registry nor the user says who polices a town."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KindDefaults(_Strict):
    """Governance defaults for one kind of municipality."""

    legal_prefix: str = Field(description='How the legal name begins, e.g. "Town of".')
    presiding_officer_title: str = Field(description="Who signs adopted resolutions.")
    clerk_title: str = Field(description="Who attests adopted resolutions.")


class PlaceDefaults(_Strict):
    """A correction for one municipality, with its source."""

    presiding_officer_title: str | None = Field(default=None, description="Who signs.")
    clerk_title: str | None = Field(default=None, description="Who attests.")
    source: str = Field(description="Where the correction comes from.")


class GovernanceDefaults(_Strict):
    """towns/defaults.yaml."""

    kinds: dict[str, KindDefaults] = Field(description="Defaults by kind.")
    places: dict[str, PlaceDefaults] = Field(default_factory=dict, description="By registry name.")


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
        )
    kind = defaults.kinds[municipality.kind]
    place = defaults.places.get(municipality.name)
    arrangement, agency, head = _policing(registry, municipality, policing)
    presiding = (place and place.presiding_officer_title) or kind.presiding_officer_title
    clerk = (place and place.clerk_title) or kind.clerk_title
    profile = TownProfile.model_validate(
        {
            "name": municipality.name,
            "legal_name": f"{kind.legal_prefix} {municipality.base_name}",
            "kind": municipality.kind,
            "county": municipality.county,
            "governing_body": {
                "name": municipality.governing_body,
                "presiding_officer_title": presiding,
                "clerk_title": clerk,
                "source": describe_source(municipality.governing_body_source),
            },
            "police": {
                "arrangement": arrangement,
                "name": agency,
                "head_title": head,
                "policy_adopted_by": head,
                # Without a confirmed charter, the body can only ask (24 V.S.A. § 1931
                # vests control of a police force in its chief).
                "body_may_direct": False,
                "source": (
                    "given to draftkit"
                    if policing.arrangement is not None or policing.agency is not None
                    else describe_source(municipality.police_source)
                ),
            },
            "fipp": {"model_version": CURRENT_MODEL.isoformat()},
            "sources": [f"towns/registry.csv: {describe_source(municipality.source)}"],
        }
    )
    document = YamlDocument(path=registry.path, shown="towns/registry.csv", data={}, root=None)
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
