"""One town's broken profile stops only that town's documents: ``batch`` drafts the
others and lists the broken town with its reason; ``packet`` for another town works."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import REPO, run, tree

BROKEN = "towns/winooski.yaml"
REASON = "towns/winooski.yaml:56: mayor: unknown field"


@pytest.fixture
def broken_winooski(tmp_path: Path) -> Path:
    """The project's real data, with an unknown key added to Winooski's profile."""
    root = tmp_path / "project"
    for folder in ("towns", "clauses", "resolutions", "companions"):
        shutil.copytree(REPO / folder, root / folder)
    profile = root / BROKEN
    profile.write_text(profile.read_text(encoding="utf-8") + "mayor: x\n", encoding="utf-8")
    return root


def test_batch_drafts_the_other_towns_and_lists_the_broken_one(broken_winooski: Path) -> None:
    out = broken_winooski / "out"
    result = run(
        broken_winooski,
        *("batch", "Burlington", "Winooski", "--date", "2026-03-03"),
        *("--out", str(out), "--workers", "1"),
    )
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "policing           towns\n"
        "own police             1\n"
        f"1 of 2 towns drafted, 2 documents in {out}\n"
    )
    failed = result.stderr.split("1 failed:\n", 1)[1].splitlines()
    assert failed[0] == f"  Winooski: {REASON}"
    # The hint is the loader's own (another part of the code words it).
    assert failed[1].startswith("    hint: remove it or fix its spelling")
    assert len(failed) == 2
    assert sorted(p.name for p in out.iterdir()) == [
        "2026-03-03-burlington-council-resolution.docx",
        "2026-03-03-burlington-manifest.json",
        "2026-03-03-burlington-police-directive.docx",
    ]


def test_packet_of_another_town_is_written(broken_winooski: Path) -> None:
    out = broken_winooski / "out"
    result = run(broken_winooski, "packet", "burlington", "--date", "2026-03-03", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote {out}/2026-03-03-burlington-packet/ (11 files)\n"
        f"wrote {out}/2026-03-03-burlington-packet.zip\n"
    )


def test_packet_of_the_broken_town_is_refused(broken_winooski: Path) -> None:
    before = tree(broken_winooski)
    result = run(broken_winooski, "packet", "winooski", "--date", "2026-03-03")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{REASON}\n  hint: ")
    assert tree(broken_winooski) == before
