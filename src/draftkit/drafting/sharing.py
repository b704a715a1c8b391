"""One police department, two municipalities: whose directive both of them attach.

Where a town and the village inside it (or a city and the town whose department serves
it) share one department, ``shared_agencies`` in towns/defaults.yaml names the
municipality whose officials adopt its policies. A department has one policy, so both
municipalities' drafts carry the same directive: the one drafted for the adopting
municipality, reporting to its body and covering every municipality the department
serves (second counsel review 2026-12-01, M1).
"""

from __future__ import annotations

from dataclasses import dataclass

from draftkit.data.defaults import find_reference
from draftkit.data.library import Library, ResolvedTown
from draftkit.data.town_models import TownProfile


@dataclass(frozen=True)
class SharedDepartment:
    """The department's adopting municipality and the area the department serves."""

    owner: ResolvedTown | None
    """The municipality whose officials adopt the department's policies; None when it is
    the municipality being drafted."""
    area: str
    """Every municipality the department serves, the adopting one first: 'the Village of
    Woodstock and the Town of Woodstock'."""
    bodies: str
    """The governing body of each municipality the department serves, the adopting one
    first, for the directive's Authority line: 'the Board of Trustees of the Village of
    Woodstock and of the Selectboard of the Town of Woodstock' (fourth counsel review
    2026-12-01, item 1)."""


def shared_department(library: Library, profile: TownProfile) -> SharedDepartment | None:
    """The shared department that ``profile``'s municipality adopts policy for or is
    served by, if its police department is listed under ``shared_agencies``.

    Raises:
        DraftkitError: another municipality of the department cannot be resolved (for
            example, its profile is broken).
    """
    if profile.police.arrangement != "municipal":
        return None
    if library.defaults is None or library.registry is None:
        return None
    shared = library.defaults.value.shared_agencies.get(profile.police.name)
    if shared is None:
        return None
    mine = f"{profile.name} {profile.kind}"
    refs = [shared.adopted_by, *shared.also_serves]
    if mine not in refs:
        return None
    owner: ResolvedTown | None = None
    names: list[str] = []
    bodies: list[str] = []
    for ref in refs:
        if ref == mine:
            names.append(f"the {profile.legal_name}")
            bodies.append(f"the {profile.governing_body.name} of the {profile.legal_name}")
            continue
        municipality = find_reference(library.registry, ref)
        if municipality is None:  # `draftkit check` reports it
            return None
        resolved = library.resolve_town(library.registry.slug(municipality))
        other = resolved.loaded.value
        names.append(f"the {other.legal_name}")
        bodies.append(f"the {other.governing_body.name} of the {other.legal_name}")
        if ref == shared.adopted_by:
            owner = resolved
    # "resolutions of the Board ... and of the Selectboard ...": each later body takes "of".
    bodies = [bodies[0], *(f"of {body}" for body in bodies[1:])]
    return SharedDepartment(owner=owner, area=_and(names), bodies=_and(bodies))


def _and(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


__all__ = ["SharedDepartment", "shared_department"]
