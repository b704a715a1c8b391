"""Plain-text views of the library for the terminal: lists, details and schemas."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from draftkit import choices
from draftkit.audit.rules import AuditRules, LintRules
from draftkit.data.clause_models import ClauseModule, LibraryInSpanish
from draftkit.data.library import load_library
from draftkit.data.registry import Municipality, describe_source
from draftkit.data.town_models import TownProfile
from draftkit.drafting.provenance import clause_text_hash
from draftkit.errors import DraftkitError
from draftkit.naming import fold, long_date
from draftkit.packet.models import CompanionText, PacketConfig

SCHEMAS: dict[str, type[BaseModel]] = {
    "town": TownProfile,
    "clause": ClauseModule,
    "clause-spanish": LibraryInSpanish,
    "audit-rules": AuditRules,
    "lint-rules": LintRules,
    "companion": CompanionText,
    "packet-config": PacketConfig,
}


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join(lines)


POLICE_FILTERS = choices.POLICE_FILTERS


def _registry_policing(status: str) -> str:
    if status == "own" or status.startswith(("shared:", "see_parent_town")):
        return "municipal"
    return "unknown"


def towns_table(
    root: Path,
    *,
    county: str | None = None,
    kind: str | None = None,
    police: str | None = None,
    as_json: bool = False,
) -> str:
    """``draftkit towns list``: every Vermont municipality, or the profiles alone when
    the project has no registry, filtered as asked."""
    library = load_library(root)
    by_name: dict[tuple[str, str], tuple[str, TownProfile | None]] = {
        (t.value.name, t.value.kind): (slug, t.value) for slug, t in library.towns.items()
    }
    entries: list[dict[str, str]] = []
    if library.registry is not None:
        for m in library.registry.rows:
            slug, profile = by_name.pop((m.name, m.kind), (library.registry.slug(m), None))
            policing = (
                _short(profile.police.arrangement)
                if profile
                else _registry_policing(m.police_status)
            )
            if not m.organized:
                policing = "none (unorganized)"
            entries.append(
                {
                    "town": slug,
                    "name": m.name,
                    "kind": m.kind,
                    "county": m.county,
                    "policing": policing,
                    "profile": "yes" if profile else "no",
                }
            )
    for slug, profile in by_name.values():
        assert profile is not None
        entries.append(
            {
                "town": slug,
                "name": profile.name,
                "kind": profile.kind,
                "county": profile.county,
                "policing": _short(profile.police.arrangement),
                "profile": "yes",
            }
        )
    entries = [
        e
        for e in entries
        if (county is None or fold(e["county"]) == fold(county.removesuffix(" County")))
        and (kind is None or e["kind"] == kind)
        and (police is None or e["policing"] == police)
    ]
    if as_json:
        return json.dumps(entries, indent=2, ensure_ascii=False)
    if not entries:
        if police in ("sheriff", "state-police"):
            return (
                "No municipality matches. The registry knows only which towns have their own "
                "police department; the others show as unknown until a profile in towns/ says "
                "who polices them (`draftkit towns new NAME`)."
            )
        return "No municipality matches."
    rows = [tuple(e.values()) for e in sorted(entries, key=lambda e: e["town"])]
    table = _table(("TOWN", "NAME", "KIND", "COUNTY", "POLICING", "PROFILE"), rows)
    return f"{table}\n{len(rows)} municipalit{'y' if len(rows) == 1 else 'ies'}"


def _short(arrangement: str) -> str:
    return "state-police" if arrangement == "state_police" else arrangement


def town_details(root: Path, name: str) -> str:
    """``draftkit towns show NAME``: every fact, and where each came from."""
    library = load_library(root)
    try:
        resolved = library.resolve_town(name)
    except DraftkitError:
        if library.registry is None:
            raise
        municipality = library.registry.find(name)
        return _registry_only(municipality)
    town = resolved.loaded.value
    origin = (
        "registry and defaults (no profile yet)"
        if resolved.from_defaults
        else resolved.loaded.source.shown
    )
    mark = "  [default]" if resolved.from_defaults else ""
    body, police = town.governing_body, town.police
    lines = [
        f"{town.legal_name} ({town.kind}, {town.county} County)",
        f"  facts from:         {origin}",
        f"  governing body:     {body.name}" + ("  [registry]" if resolved.from_defaults else ""),
        f"  presiding officer:  {body.presiding_officer_title}{mark}",
        f"  clerk:              {body.clerk_title}{mark}",
        f"  acts by resolution: {'yes' if body.acts_by_resolution else 'no'}{mark}",
        f"  policing:           {police.arrangement}"
        + ("  [registry]" if resolved.from_defaults else ""),
        f"  agency:             {police.name}" + ("  [registry]" if resolved.from_defaults else ""),
        f"  agency head:        {police.head_title}{mark}",
        f"  policy adopted by:  {police.policy_adopted_by} "
        f"({'the body may direct' if police.body_may_direct else 'the body requests'}){mark}",
        f"  FIPP in force:      {town.fipp.policy_title}, "
        f"model of {long_date(town.fipp.model_version)}{mark}",
    ]
    for amendment in town.fipp.local_amendments:
        lines.append(f"  local amendment:    {amendment.date}: {amendment.description}")
    if town.clauses is not None:
        lines.append(f"  clauses:            {', '.join(town.clauses)}")
    if body.source:
        lines.append(f"  body source:        {body.source}")
    if police.source:
        lines.append(f"  police source:      {police.source}")
    for source in town.sources:
        lines.append(f"  source:             {source}")
    if resolved.from_defaults:
        lines.append(
            f"  [default] facts are assumptions: write towns/{resolved.slug}.yaml to confirm them"
        )
    return "\n".join(lines)


def _registry_only(m: Municipality) -> str:
    return "\n".join(
        [
            m.label,
            f"  kind:               {m.kind}",
            f"  governing body:     {m.governing_body}",
            f"  police:             {_registry_policing(m.police_status)}",
            f"  source:             towns/registry.csv: {describe_source(m.source)}",
        ]
    )


def clauses_table(root: Path) -> str:
    """``draftkit clauses list``: one line per clause."""
    library = load_library(root)
    rows = [
        (c.value.id, c.value.version, c.value.title, ", ".join(c.value.closes))
        for c in library.clauses.values()
    ]
    if not rows:
        return "No clauses in clauses/."
    return _table(("CLAUSE", "VERSION", "TITLE", "CLOSES"), rows)


def clause_details(root: Path, clause_id: str) -> str:
    """``draftkit clauses show ID``: the whole clause as a reviewing lawyer reads it."""
    library = load_library(root)
    loaded = library.clause(clause_id)
    clause = loaded.value
    names = {loophole.id: loophole.name for loophole in library.loophole_list()}
    out = [
        f"{clause.title} ({clause.id} {clause.version})",
        f"file: {loaded.source.shown}",
        f"text sha256: {clause_text_hash(clause)}",
        "",
        "Closes: " + "; ".join(f"{i} ({names.get(i, 'unknown')})" for i in clause.closes),
        "Applies to: " + ", ".join(clause.applies_to),
        "Defined terms: " + (", ".join(clause.defined_terms) or "none"),
        "Requires: " + (", ".join(clause.requires) or "none"),
        "Conflicts: " + (", ".join(clause.conflicts) or "none"),
        "",
        "Summary:",
        f"  {clause.summary}",
        "",
        "Resolution:",
    ]
    out += [f"  WHEREAS, {text}" for text in clause.resolution.whereas]
    out += [f"  RESOLVED: {text}" for text in clause.resolution.resolved]
    for label, section in (("Directive", clause.directive), ("Town policy", clause.town_policy)):
        if section is not None:
            out += ["", f"{label}: {section.heading}"]
            out += [f"  ({chr(ord('a') + i)}) {text}" for i, text in enumerate(section.paragraphs)]
    out += ["", "Citations:"]
    out += [f"  {c.cite}: {c.point}" + (f" <{c.url}>" if c.url else "") for c in clause.citations]
    out += ["", "8 U.S.C. §§ 1373 and 1644 and Vermont law:", f"  {clause.federal_state_note}"]
    out += ["", "History:"]
    out += [f"  {h.version} ({h.date.isoformat()}): {h.summary}" for h in clause.history]
    return "\n".join(out)


def schema_json(kind: str) -> str:
    """``draftkit schema town|clause``: the JSON Schema of a data file."""
    return json.dumps(SCHEMAS[kind].model_json_schema(), indent=2, ensure_ascii=False)


def clause_status_table(root: Path) -> str:
    """``draftkit clauses status``: each clause's version and review state."""
    library = load_library(root)
    rows = []
    for clause_id, loaded in library.clauses.items():
        status = library.status(clause_id)
        last = status.last
        rows.append(
            (
                clause_id,
                loaded.value.version,
                status.state,
                f"{last.reviewer} ({last.role})" if last else "-",
                last.date.isoformat() if last else "-",
            )
        )
    if not rows:
        return "No clauses in clauses/."
    approved = sum(1 for row in rows if row[2] == "approved")
    table = _table(("CLAUSE", "VERSION", "REVIEW", "LAST REVIEWER", "DATE"), rows)
    return f"{table}\n{approved} of {len(rows)} clauses approved at their current text"


def coverage_rows(root: Path) -> list[tuple[str, str, list[str]]]:
    """Each loophole with the ids of the clauses that close it, in catalog order."""
    library = load_library(root)
    return [
        (
            loophole.id,
            loophole.name,
            [cid for cid, c in library.clauses.items() if loophole.id in c.value.closes],
        )
        for loophole in library.loophole_list()
    ]


def coverage_table(root: Path) -> str:
    """``draftkit clauses coverage``: each loophole against the clauses that close it."""
    rows = coverage_rows(root)
    table = _table(
        ("LOOPHOLE", "NAME", "CLOSED BY"),
        [(lid, name, ", ".join(ids) if ids else "GAP: no clause") for lid, name, ids in rows],
    )
    gaps = sum(1 for _, _, ids in rows if not ids)
    summary = f"{len(rows) - gaps} of {len(rows)} loopholes closed"
    return f"{table}\n{summary}" + (f"; {gaps} gap{'s' if gaps != 1 else ''}" if gaps else "")
