"""Hashes and the manifest that ties a draft to the exact data it was built from."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from draftkit.data.clause_models import ClauseModule, GlossaryTerm
from draftkit.data.town_models import TownProfile
from draftkit.terms import mentions, with_terms_they_use


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def canonical_json(value: Any) -> bytes:
    """JSON with sorted keys and no spacing: the same data always gives the same bytes."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def clause_text_hash(clause: ClauseModule) -> str:
    """SHA-256 over every text of the clause a draft can contain, as stored (whitespace
    already folded by the model), so a reflowed YAML file keeps its hash and any
    change of wording does not."""
    # A loaded clause never changes: a batch asks the hash of each one for every town.
    known = _TEXT_HASHES.get(id(clause))
    if known is None or known[0] is not clause:
        if len(_TEXT_HASHES) > 4096:  # a long-running service reloads its library
            _TEXT_HASHES.clear()
        known = _TEXT_HASHES[id(clause)] = (
            clause,
            sha256_bytes(canonical_json(clause.template_texts())),
        )
    return known[1]


_TEXT_HASHES: dict[int, tuple[ClauseModule, str]] = {}


def definitions_hash(clause: ClauseModule, glossary: Mapping[str, GlossaryTerm]) -> str:
    """SHA-256 over the glossary definitions a clause relies on: the terms it declares and
    the terms their definitions use in turn. A review covers these too, so changing a
    definition makes stale the review of every clause that uses the term.

    ``glossary`` is keyed by lowercase term, as :meth:`Library.terms` gives it.
    """
    wanted = with_terms_they_use(
        {term.lower() for term in clause.defined_terms if term.lower() in glossary},
        glossary,
        mentions,
    )
    return sha256_bytes(
        canonical_json([[glossary[key].term, glossary[key].definition] for key in sorted(wanted)])
    )


def profile_hash(town: TownProfile) -> str:
    """SHA-256 of the profile's data, independent of YAML layout and comments."""
    return sha256_bytes(canonical_json(json_data(town)))


def json_data(value: Any) -> Any:
    """What ``model_dump(mode="json")`` gives for draftkit's plain models (text, numbers,
    booleans, dates, tuples and nested models, no custom serializers), read straight from
    the fields: a draft read from the disk cache then never builds pydantic's serializer
    (a tenth of a second). A property test keeps the two equal."""
    if isinstance(value, BaseModel):
        return {name: json_data(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, list | tuple):
        return [json_data(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return sha256_bytes(path.read_bytes())
