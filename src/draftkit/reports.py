"""Plain-text views of the library for the terminal: lists, details and schemas."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from draftkit.library import load_library
from draftkit.models import ClauseModule, TownProfile
from draftkit.provenance import clause_text_hash

SCHEMAS: dict[str, type[BaseModel]] = {"town": TownProfile, "clause": ClauseModule}


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join(lines)


def towns_table(root: Path) -> str:
    """``draftkit towns list``: one line per town profile."""
    library = load_library(root)
    rows = [
        (slug, t.value.name, t.value.kind, t.value.county, t.value.police.arrangement)
        for slug, t in sorted(library.towns.items())
    ]
    if not rows:
        return "No town profiles in towns/."
    return _table(("TOWN", "NAME", "KIND", "COUNTY", "POLICING"), rows)


def town_details(root: Path, name: str) -> str:
    """``draftkit towns show NAME``: every fact of one profile, and where it is kept."""
    library = load_library(root)
    loaded = library.town(name)
    town = loaded.value
    body, police = town.governing_body, town.police
    lines = [
        f"{town.legal_name} ({town.kind}, {town.county} County)",
        f"  profile:            {loaded.source.shown}",
        f"  governing body:     {body.name}",
        f"  presiding officer:  {body.presiding_officer_title}",
        f"  clerk:              {body.clerk_title}",
        f"  acts by resolution: {'yes' if body.acts_by_resolution else 'no'}",
        f"  policing:           {police.arrangement}",
        f"  agency:             {police.name}",
        f"  agency head:        {police.head_title}",
        f"  policy adopted by:  {police.policy_adopted_by} "
        f"({'the body may direct' if police.body_may_direct else 'the body requests'})",
        f"  FIPP in force:      {town.fipp.policy_title}, model of {town.fipp.model_version}",
    ]
    for amendment in town.fipp.local_amendments:
        lines.append(f"  local amendment:    {amendment.date}: {amendment.description}")
    if town.clauses is not None:
        lines.append(f"  clauses:            {', '.join(town.clauses)}")
    for source in town.sources:
        lines.append(f"  source:             {source}")
    return "\n".join(lines)


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
    out += ["", f"Directive: {clause.directive.heading}"]
    out += [f"  ({chr(ord('a') + i)}) {text}" for i, text in enumerate(clause.directive.paragraphs)]
    out += ["", "Citations:"]
    out += [f"  {c.cite}: {c.point}" + (f" <{c.url}>" if c.url else "") for c in clause.citations]
    out += ["", "8 U.S.C. §§ 1373 and 1644 and Vermont law:", f"  {clause.federal_state_note}"]
    out += ["", "History:"]
    out += [f"  {h.version} ({h.date.isoformat()}): {h.summary}" for h in clause.history]
    return "\n".join(out)


def schema_json(kind: str) -> str:
    """``draftkit schema town|clause``: the JSON Schema of a data file."""
    return json.dumps(SCHEMAS[kind].model_json_schema(), indent=2, ensure_ascii=False)
