"""verify given forged, damaged or incomplete drafts: a plain error naming the file."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from tests.adversarial.helpers import DRAFT, new_project, refused
from tests.conftest import run


def drafted(tmp_path: Path) -> tuple[Path, Path]:
    root = new_project(tmp_path)
    out = tmp_path / "out"
    assert run(root, *DRAFT, "--doc", "resolution", "--out", str(out)).exit_code == 0
    (docx,) = out.glob("*.docx")
    return root, docx


def _manifest_part(archive: zipfile.ZipFile) -> str:
    return next(
        n
        for n in archive.namelist()
        if n.startswith("customXml/") and b"draftkit" in archive.read(n)
    )


def forge(docx: Path, change) -> None:
    with zipfile.ZipFile(docx) as old:
        parts = {n: old.read(n) for n in old.namelist()}
        name = _manifest_part(old)
    parts[name] = change(parts[name])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as new:
        for n, data in parts.items():
            new.writestr(n, data)
    docx.write_bytes(buffer.getvalue())


def edit_json(change):
    def apply(blob: bytes) -> bytes:
        start, end = blob.index(b">{") + 1, blob.rindex(b"}<") + 1
        manifest = json.loads(blob[start:end])
        change(manifest)
        text = json.dumps(manifest).replace("&", "&amp;").replace("<", "&lt;").encode()
        return blob[:start] + text + blob[end:]

    return apply


FORGERIES = {
    "not-json": (
        lambda blob: blob.replace(b">{", b">{{", 1),
        "the draftkit manifest inside is damaged",
    ),
    "lines-missing": (
        edit_json(lambda m: m["document"].pop("lines")),
        "the draftkit manifest inside is damaged: document.lines",
    ),
    "clauses-wrong-type": (
        edit_json(lambda m: m.update(clauses="all")),
        "the draftkit manifest inside is damaged: clauses",
    ),
    "clause-lines-negative": (
        edit_json(lambda m: m["document"].update(clause_lines={"custody-rule": [-1]})),
        "lacks the text of clause custody-rule, which its manifest says it holds",
    ),
    "clause-lines-out-of-range": (
        edit_json(lambda m: m["document"].update(clause_lines={"custody-rule": [99999]})),
        "lacks the text of clause custody-rule",
    ),
}


@pytest.mark.parametrize(("change", "words"), FORGERIES.values(), ids=FORGERIES.keys())
def test_forged_manifest_is_refused(tmp_path: Path, change, words: str) -> None:
    root, docx = drafted(tmp_path)
    forge(docx, change)
    refused(root, "verify", str(docx), expect=(str(docx), words))


def test_truncated_draft_is_refused(tmp_path: Path) -> None:
    root, docx = drafted(tmp_path)
    docx.write_bytes(docx.read_bytes()[:2000])
    refused(root, "verify", str(docx), expect=(str(docx), "not a Word document"))
