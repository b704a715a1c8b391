"""Hashes and the manifest that ties a draft to the exact data it was built from."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from draftkit.models import ClauseModule, TownProfile


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
    return sha256_bytes(canonical_json(clause.template_texts()))


def profile_hash(town: TownProfile) -> str:
    """SHA-256 of the profile's data, independent of YAML layout and comments."""
    return sha256_bytes(canonical_json(town.model_dump(mode="json")))


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return sha256_bytes(path.read_bytes())
