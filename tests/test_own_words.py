"""Legal text is written in draftkit's own words: no run of ten words from the
coalition's notes (../shared/domain/*.md, ../shared/seed/*) appears in clauses/ or in
the Word templates. Where those notes are not checked out (CI), the committed
fingerprint tests/data/source-word-runs.txt.gz stands in for them
(`python tools/source_fingerprint.py` rewrites it)."""

from __future__ import annotations

import gzip
from pathlib import Path

from tests.conftest import REPO

from draftkit.data.library import _docx_paragraph_texts
from draftkit.wordruns import run_hashes, runs, source_files

FINGERPRINT = Path(__file__).parent / "data" / "source-word-runs.txt.gz"


def _source_hashes() -> set[str]:
    hashes = set(gzip.decompress(FINGERPRINT.read_bytes()).decode().split())
    for shared in (REPO.parent / "shared", REPO.parent.parent / "shared"):
        for path in source_files(shared):
            hashes |= run_hashes(path.read_text(encoding="utf-8", errors="replace"))
    return hashes


def _our_texts() -> dict[str, str]:
    texts = {
        f"clauses/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted((REPO / "clauses").rglob("*.yaml"))
    }
    for path in sorted((REPO / "resolutions").glob("*.docx")):
        texts[f"resolutions/{path.name}"] = "\n".join(_docx_paragraph_texts(path))
    return texts


def test_the_fingerprint_is_committed_and_not_empty() -> None:
    assert len(gzip.decompress(FINGERPRINT.read_bytes()).split()) > 1000


def test_no_ten_word_run_from_the_coalition_notes_in_clauses_or_templates() -> None:
    sources = _source_hashes()
    copied = [
        f"{name}: {run!r}"
        for name, text in _our_texts().items()
        for digest, run in runs(text).items()
        if digest in sources
    ]
    assert not copied, "write these in draftkit's own words:\n" + "\n".join(copied)


def test_the_check_finds_a_copied_run() -> None:
    # The check itself must be able to fail: a passage lifted from a source is caught.
    source = "Every agency shall adopt a policy that includes each component of the model"
    assert runs(source).keys() & run_hashes(f"Recital: {source.upper()}!")
