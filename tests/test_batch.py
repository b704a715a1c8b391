"""``draftkit batch``: many towns in one run, each all-or-nothing, failures listed."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO, run, tree

from draftkit.word.inspection import text_lines


def test_batch_drafts_each_town_and_lists_the_one_that_fails(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        REPO,
        "batch",
        "Burlington",
        "Bridport",
        "Atlantis",
        "--date",
        "2026-03-03",
        "--out",
        str(out),
        "--workers",
        "1",
    )
    assert result.exit_code == 1
    assert "2 of 3 towns drafted, 5 documents in" in result.output
    assert "  Atlantis: no Vermont municipality named 'Atlantis'" in result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "2026-03-03-bridport-sheriff-contract-addendum.docx",
        "2026-03-03-bridport-sheriff-manifest.json",
        "2026-03-03-bridport-sheriff-selectboard-resolution.docx",
        "2026-03-03-bridport-state-police-manifest.json",
        "2026-03-03-bridport-state-police-selectboard-resolution.docx",
        "2026-03-03-burlington-council-resolution.docx",
        "2026-03-03-burlington-manifest.json",
        "2026-03-03-burlington-police-directive.docx",
    ]
    state = "\n".join(text_lines((out / names[4]).read_bytes()))
    assert "Vermont State Police" in state


def test_policing_default_picks_one_set_for_unknown_towns(tmp_path: Path) -> None:
    out = tmp_path / "out"
    listing = tmp_path / "towns.txt"
    listing.write_text("# March push\nBridport\n\nAddison  # county seat\n", encoding="utf-8")
    result = run(
        REPO,
        "batch",
        "--from-file",
        str(listing),
        "--policing",
        "state-police",
        "--date",
        "2026-03-03",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "2026-03-03-addison-manifest.json",
        "2026-03-03-addison-selectboard-resolution.docx",
        "2026-03-03-bridport-manifest.json",
        "2026-03-03-bridport-selectboard-resolution.docx",
    ]


def test_a_town_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "2026-03-03-burlington-police-directive.docx").write_bytes(b"keep me")
    before = tree(out)
    result = run(
        REPO, "batch", "Burlington", "--date", "2026-03-03", "--out", str(out), "--workers", "1"
    )
    assert result.exit_code == 1
    assert "0 of 1 towns drafted" in result.output
    assert "Burlington: this file exists" in result.output
    assert tree(out) == before


def test_a_list_file_that_names_no_town_is_refused(tmp_path: Path) -> None:
    listing = tmp_path / "towns.txt"
    listing.write_text("# nothing yet\n\n", encoding="utf-8")
    result = run(REPO, "batch", "--from-file", str(listing), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.output == (
        f"error: {listing}: names no town\n"
        "  hint: write one town name per line (# starts a comment)\n"
    )
    assert not (tmp_path / "o").exists()


def test_batch_in_parallel_gives_the_same_files(tmp_path: Path) -> None:
    names = ["Burlington", "Winooski", "Bridport", "Addison", "Hinesburg"]
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    for out, workers in ((serial, "1"), (parallel, "2")):
        result = run(
            REPO, "batch", *names, "--date", "2026-03-03", "--out", str(out), "--workers", workers
        )
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in serial.iterdir()) == sorted(p.name for p in parallel.iterdir())
    for path in serial.glob("*.docx"):
        assert text_lines(path.read_bytes()) == text_lines((parallel / path.name).read_bytes())


def test_parallel_batch_lists_failures_in_the_order_given_and_writes_the_rest(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "2026-03-03-burlington-police-directive.docx").write_bytes(b"keep me")
    names = ["Atlantis", "Bridport", "Burlington", "Addison", "Hinesburg"]
    result = run(REPO, "batch", *names, "--date", "2026-03-03", "--out", str(out), "--workers", "2")
    assert result.exit_code == 1
    assert "3 of 5 towns drafted" in result.output
    failed = result.output.split("2 failed:\n", 1)[1].splitlines()
    towns = [line.split(":", 1)[0] for line in failed if not line.startswith("    hint:")]
    assert towns == ["  Atlantis", "  Burlington"]
    assert "Burlington: this file exists" in result.output
    written = sorted(p.name for p in out.iterdir())
    assert (out / "2026-03-03-burlington-police-directive.docx").read_bytes() == b"keep me"
    assert [n for n in written if "burlington" in n] == [
        "2026-03-03-burlington-police-directive.docx"
    ]
    assert {n.split("-")[3] for n in written} == {"addison", "bridport", "burlington", "hinesburg"}
    assert all(n.endswith((".docx", ".json")) for n in written)  # no temporary file left


def test_summary_gives_draft_hints_and_says_which_towns_are_counted_twice(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    listing = tmp_path / "towns.txt"
    listing.write_text("Enosburg Falls\nAlbany\nWarren Gore\nBridport\n", encoding="utf-8")
    result = run(
        REPO,
        *("batch", "--from-file", str(listing), "--date", "2026-03-03"),
        *("--out", str(out), "--workers", "1"),
    )
    assert result.exit_code == 1
    assert result.stdout == (
        "policing           towns\n"
        "sheriff                1\n"
        "State Police           1\n"
        "1 town with unknown policing is counted in both the sheriff and State Police rows "
        "(it got both sets)\n"
        f"1 of 4 towns drafted, 3 documents in {out}\n"
    )
    assert result.stderr.endswith(
        "3 failed:\n"
        "  Enosburg Falls: no Vermont municipality named 'Enosburg Falls'\n"
        "    hint: did you mean Enosburgh Falls (village, in Enosburgh, Franklin County)?\n"
        "  Albany: 'Albany' could mean 2 municipalities\n"
        "    hint: say which one: Albany (town, Orleans County): type albany-town; "
        "Albany (village, in Albany, Orleans County): type albany-village\n"
        "  Warren Gore: Warren's Gore (gore, Essex County) has no selectboard or council "
        "that could adopt a resolution: a state-appointed supervisor manages its affairs\n"
        "    hint: people there can ask the county sheriff or the Vermont State Police "
        "directly; the coalition can help\n"
    )
