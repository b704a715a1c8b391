"""Write tests/data/source-word-runs.txt.gz: a fingerprint of the coalition's notes.

Legal text must be in draftkit's own words. tests/test_own_words.py checks that no run
of ten words from the coalition's facts notes and campaign texts (../shared/domain/*.md,
../shared/seed/*) appears in clauses/ or in the Word templates. Those folders are not
part of the repository, so the test reads this fingerprint when they are absent: one
short hash per normalized ten-word run, never the text itself.

Usage: python tools/source_fingerprint.py [SHARED_FOLDER]
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from draftkit.wordruns import run_hashes, source_files  # noqa: E402

OUT = ROOT / "tests" / "data" / "source-word-runs.txt.gz"


def main(argv: list[str]) -> int:
    shared = Path(argv[0]) if argv else ROOT.parent / "shared"
    files = source_files(shared)
    if not files:
        print(f"no source notes under {shared}")
        return 1
    hashes: set[str] = set()
    for path in files:
        hashes |= run_hashes(path.read_text(encoding="utf-8", errors="replace"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same notes always give the same bytes.
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write("".join(f"{h}\n" for h in sorted(hashes)).encode())
    print(f"wrote {OUT} ({len(hashes)} runs from {len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
