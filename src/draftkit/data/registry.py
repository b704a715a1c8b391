"""The registry of every Vermont municipality (towns/registry.csv) and finding one by
the name a person types: "St. Albans", "Saint Albans City", "warren gore", "Barre".
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draftkit.errors import DataError, NotFoundError
from draftkit.naming import fold, slugify

REGISTRY_FILE = "registry.csv"
AGENCIES_FILE = "police-agencies.csv"
ORGANIZED_KINDS = ("city", "town", "village")
"""Kinds with a legislative body; unorganized towns, gores and grants have none."""

# Spellings people use that the registry spells another way (see shared/data/README.md).
_ALIASES = {
    "warren gore": "warrens gore",
    "buel gore": "buels gore",
    "averys gore": "averys gore",
    "enosburg": "enosburgh",
    "marlborough": "marlboro",
}
_QUALIFIER_PREFIX = re.compile(r"^(city|town|village) of (.+)$")
_QUALIFIER_SUFFIX = re.compile(r"^(.+) (city|town|village)$")


class AmbiguousNameError(NotFoundError):
    """Raised when a name fits several municipalities; the message lists them."""


@dataclass(frozen=True)
class Municipality:
    """One row of the registry."""

    name: str
    kind: str
    county: str
    geoid: str
    parent_town: str
    source: str
    governing_body: str
    governing_body_source: str
    police_department: str
    police_ori: str
    police_status: str
    police_source: str

    @property
    def label(self) -> str:
        """``Burlington (city, Chittenden County)``."""
        where = f", in {self.parent_town}" if self.parent_town else ""
        return f"{self.name} ({self.kind}{where}, {self.county} County)"

    @property
    def organized(self) -> bool:
        """Whether it has a legislative body that can adopt a resolution."""
        return self.kind in ORGANIZED_KINDS

    @property
    def base_name(self) -> str:
        """The name without a trailing City/Town: "Barre City" -> "Barre"."""
        return base_name(self.name)


def base_name(name: str) -> str:
    """A registry name without a trailing City/Town: "Barre City" -> "Barre"."""
    match = re.match(r"^(.+) (City|Town)$", name)
    return match.group(1) if match else name


def key(text: str) -> str:
    """The form names are compared in: case, accents, apostrophes, periods and
    "Saint"/"St." folded away."""
    words = re.sub(r"[^a-z0-9 ]+", " ", fold(text).replace(".", "")).split()
    joined = " ".join("st" if w == "saint" else w for w in words)
    return _ALIASES.get(joined, joined)


class Registry:
    """Every Vermont municipality, searchable by name."""

    def __init__(self, rows: list[Municipality], path: Path) -> None:
        self.rows = rows
        self.path = path
        self._keys = [key(m.name) for m in rows]
        self._shared = {k for k in self._keys if self._keys.count(k) > 1}
        self._slugs = {self.slug(m): m for m in rows}

    def slug(self, municipality: Municipality) -> str:
        """A file name for the municipality, unique across the registry:
        ``burlington``, ``barre-city``, ``woodstock-town``, ``woodstock-village``: where a
        village shares its town's name, both slugs say which one, so a slug typed back
        is never ambiguous."""
        if key(municipality.name) in self._shared:
            return slugify(f"{municipality.name} {municipality.kind}")
        return slugify(municipality.name)

    @functools.cached_property
    def _base_keys(self) -> list[str]:
        # Worked out on first use: a batch looks up "woodstock-town" and the like for
        # every town, and folding every name each time was most of its look-up time.
        return [key(m.base_name) for m in self.rows]

    def by_slug(self, slug: str) -> Municipality | None:
        """The municipality with this slug, if any."""
        return self._slugs.get(slug)

    def matches(self, name: str) -> list[Municipality]:
        """Every municipality ``name`` could mean (one, several, or none)."""
        wanted = key(name)
        kind: str | None = None
        prefix, suffix = _QUALIFIER_PREFIX.match(wanted), _QUALIFIER_SUFFIX.match(wanted)
        if prefix:
            kind, wanted = prefix.group(1), prefix.group(2)
        matches = [m for m, k in zip(self.rows, self._keys, strict=True) if k == wanted]
        if not matches and suffix:
            kind, wanted = suffix.group(2), suffix.group(1)
        if not matches:
            matches = [m for m, k in zip(self.rows, self._base_keys, strict=True) if k == wanted]
        if kind is not None:
            matches = [m for m in matches if m.kind == kind or key(m.name) == key(name)]
        return matches

    def close_matches(self, name: str) -> list[Municipality]:
        """Up to three municipalities whose names are spelled like ``name``."""
        keys = {key(m.name): m for m in self.rows}
        wanted = key(name)
        prefix, suffix = _QUALIFIER_PREFIX.match(wanted), _QUALIFIER_SUFFIX.match(wanted)
        if prefix:
            wanted = prefix.group(2)
        if suffix:
            wanted = suffix.group(1)
        return [keys[c] for c in difflib.get_close_matches(wanted, list(keys), n=3, cutoff=0.75)]

    def find(self, name: str) -> Municipality:
        """The one municipality ``name`` means.

        Raises:
            AmbiguousNameError: several fit; the message names each and how to ask for it.
            NotFoundError: none fits; the hint suggests the closest names.
        """
        matches = self.matches(name)
        if len(matches) == 1:
            return matches[0]
        if matches:
            options = "; ".join(f"{m.label}: type {self.slug(m)}" for m in matches)
            raise AmbiguousNameError(
                f"{name!r} could mean {len(matches)} municipalities",
                hint=f"say which one: {options}",
                code="town_ambiguous",
                field="town",
            )
        close = self.close_matches(name)
        hint = (
            "did you mean " + " or ".join(m.label for m in close) + "?"
            if close
            else "`draftkit towns list` lists every Vermont municipality"
        )
        raise NotFoundError(
            f"no Vermont municipality named {name!r}",
            hint=hint,
            code="town_not_found",
            field="town",
        )


SOURCE_CODES = {
    "C": "U.S. Census county subdivisions",
    "D": "U.S. Census places",
    "V": "VCGI town boundaries",
    "X": "GEOIDs seen in public code",
    "R": "Vermont election datasets",
    "U": "published lists of unorganized towns and gores",
    "S": "Vermont Secretary of State list of incorporated villages",
    "F": "FBI Crime Data Explorer agency list",
    "G": "general Vermont practice, not checked town by town",
    "P": "a published page",
    "P2": "a published page",
    "P3": "a published page",
    "INFERRED": "inferred, not confirmed by a source",
}
"""The source codes in towns/registry.csv (see shared/data/README.md), in words."""


def describe_source(codes: str) -> str:
    """``C;V`` -> ``U.S. Census county subdivisions; Vermont town list``; ``G:...`` and
    ``P:...`` keep their details."""
    parts = []
    for part in codes.split(";"):
        part = part.strip()
        code, _, detail = part.partition(":")
        code = code.strip()
        if code in SOURCE_CODES and detail:
            parts.append(f"{SOURCE_CODES[code]} ({detail.strip()})")
        elif code in SOURCE_CODES:
            parts.append(SOURCE_CODES[code])
        elif part:
            parts.append(part)
    return "; ".join(parts)


def plain_source(codes: str) -> str:
    """``G:general Vermont town government (not verified town by town)`` -> ``general
    Vermont practice, not checked town by town``: each source named once, in words, without
    the research notes a row keeps for maintainers (a published page keeps its address)."""
    parts: list[str] = []
    for part in codes.split(";"):
        code, _, detail = part.strip().partition(":")
        code = code.strip().split(" ")[0]
        if code not in SOURCE_CODES:
            continue
        words = SOURCE_CODES[code]
        if code.startswith("P") and detail.strip():
            words = f"{words} ({detail.strip().split(' ')[0]})"
        if words not in parts:
            parts.append(words)
    return "; ".join(parts)


def read_csv(
    path: Path, columns: tuple[str, ...], *, shown: str, hint: str
) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file whose header holds ``columns`` (in any order).

    Raises:
        DataError: the file is missing, unreadable, not UTF-8, lacks a column, or a row
            has more or fewer cells than the header.
    """
    from draftkit.data.yaml_reading import read_text_file

    text = read_text_file(path, shown=shown, limit=20_000_000)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataError(
            f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}",
            path=shown,
            line=1,
            hint=hint,
        )
    rows: list[dict[str, str]] = []
    try:
        for row in reader:
            line = reader.line_num
            extra: Any = row.pop(None, None) or []  # type: ignore[call-overload,unused-ignore]
            blank = sum(1 for v in row.values() if v is None)
            if extra or blank:
                raise DataError(
                    f"row has {len(header) - blank + len(extra)} cells; "
                    f"the header has {len(header)}",
                    path=shown,
                    line=line,
                    hint=hint,
                )
            rows.append({c: (row[c] or "").strip() for c in columns})
    except csv.Error as exc:
        raise DataError(f"not a valid CSV file: {exc}", path=shown, hint=hint) from None
    return rows


_REGISTRY_COLUMNS = tuple(Municipality.__dataclass_fields__)


def load_registry(towns_dir: Path, *, shown: str = "towns/registry.csv") -> Registry:
    """Read ``towns/registry.csv``.

    Raises:
        DataError: the file is missing, unreadable, or a row lacks a column.
    """
    path = towns_dir / REGISTRY_FILE
    rows = read_csv(
        path, _REGISTRY_COLUMNS, shown=shown, hint="rebuild it with tools/build_registry.py"
    )
    return Registry([Municipality(**row) for row in rows], path)


def sheriff_agency(towns_dir: Path, county: str) -> str:
    """The county sheriff's agency name from towns/police-agencies.csv.

    Raises:
        DataError: the file is missing, unreadable or lacks a column.
    """
    rows = read_csv(
        towns_dir / AGENCIES_FILE,
        ("kind", "county", "agency"),
        shown=f"towns/{AGENCIES_FILE}",
        hint="restore it from version control, or pass --agency NAME",
    )
    for row in rows:
        if row["kind"] == "sheriff" and row["county"] == county:
            return row["agency"]
    return f"{county} County Sheriff's Office"
