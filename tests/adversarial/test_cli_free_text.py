"""Every free-text option and argument refuses blank, over-long, undecodable and
control-character values the same way: click's usage error (exit 2) naming the option,
saying what is wrong, with a hint; no traceback; nothing written anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.adversarial._edges import DATE, invoke, plain, small_project, snapshot

from draftkit.text_rules import TEXT_HINT

REVIEW = ("clauses", "review", "custody-rule", "--verdict", "approved")

# (label, the command with VALUE where the bad text goes, the name click shows)
PLACES: list[tuple[str, tuple[str, ...], str]] = [
    ("draft TOWN", ("draft", "VALUE", *DATE), "TOWN"),
    ("draft --sponsor", ("draft", "testville", "--sponsor", "VALUE", *DATE), "--sponsor"),
    ("draft --agency", ("draft", "Hinesburg", "--agency", "VALUE", *DATE), "--agency"),
    ("draft --clause", ("draft", "testville", "--clause", "VALUE", *DATE), "--clause"),
    ("towns show NAME", ("towns", "show", "VALUE"), "NAME"),
    ("towns list --county", ("towns", "list", "--county", "VALUE"), "--county"),
    ("towns new NAME", ("towns", "new", "VALUE", "--yes"), "NAME"),
    ("towns new --agency", ("towns", "new", "Hinesburg", "--agency", "VALUE"), "--agency"),
    ("clauses show ID", ("clauses", "show", "VALUE"), "ID"),
    ("clauses diff ID", ("clauses", "diff", "VALUE"), "ID"),
    ("clauses diff --from", ("clauses", "diff", "custody-rule", "--from", "VALUE"), "--from"),
    ("clauses diff --to", ("clauses", "diff", "custody-rule", "--to", "VALUE"), "--to"),
    ("clauses review ID", ("clauses", "review", "VALUE", "--reviewer", "A", "--role", "B"), "ID"),
    ("clauses review --reviewer", (*REVIEW, "--reviewer", "VALUE", "--role", "B"), "--reviewer"),
    ("clauses review --role", (*REVIEW, "--reviewer", "A", "--role", "VALUE"), "--role"),
]

BAD = {
    "blank": ("   ", "is blank"),
    "undecodable": (
        "Jos\udce9",
        "holds U+DCE9 (a byte that is not valid UTF-8), which a Word document cannot hold",
    ),
    "nul": ("Jos\x00", "holds U+0000 (a control character), which a Word document cannot hold"),
    "escape": (
        "\x1b[31mred",
        "holds U+001B (a control character), which a Word document cannot hold",
    ),
    "too long": ("x" * 201, "is 201 characters long; the limit is 200"),
    "invisible": ("\u0301\u0302", "holds only invisible characters"),
    "format character": (
        "Town of \u202eBrattleboro",
        "holds an invisible formatting character (U+202E, right-to-left override)",
    ),
    "zero-width": (
        "Town\u200b of X",
        "holds an invisible formatting character (U+200B, zero-width space)",
    ),
}


def _place(args: tuple[str, ...], value: str) -> list[str]:
    return [value if arg == "VALUE" else arg for arg in args]


@pytest.mark.parametrize("kind", sorted(BAD))
@pytest.mark.parametrize(("label", "args", "shown"), PLACES, ids=[p[0] for p in PLACES])
def test_bad_free_text_is_refused_with_the_option_named(
    label: str, args: tuple[str, ...], shown: str, kind: str, tmp_path: Path
) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    value, problem = BAD[kind]
    result = invoke(root, *_place(args, value))
    assert result.exit_code == 2, result.output
    assert plain(result).endswith(
        f"Error: Invalid value for '{shown}': the value {problem}\n  hint: {TEXT_HINT}\n"
    )
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "value", ["line one\nline two", "tab\there", "carriage\rreturn"], ids=["lf", "tab", "cr"]
)
@pytest.mark.parametrize(("label", "args", "shown"), PLACES[:4], ids=[p[0] for p in PLACES[:4]])
def test_names_are_one_line(
    label: str, args: tuple[str, ...], shown: str, value: str, tmp_path: Path
) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    result = invoke(root, *_place(args, value))
    assert result.exit_code == 2
    assert f"Error: Invalid value for '{shown}': the value holds a " in plain(result)
    assert "; it must be one line\n  hint: type it on one line\n" in result.stderr
    assert snapshot(tmp_path) == before


def test_notes_may_be_long_and_several_lines_but_not_endless(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    args = (*REVIEW, "--reviewer", "A", "--role", "B", "--notes")
    result = invoke(root, *args, "n" * 20_001)
    assert result.exit_code == 2
    assert plain(result).endswith(
        "Error: Invalid value for '--notes': the value is 20,001 characters long; the limit "
        f"is 20,000\n  hint: {TEXT_HINT}\n"
    )
    assert snapshot(tmp_path) == before
    ok = invoke(root, *args, "Reads well.\nSecond paragraph.")
    assert ok.exit_code == 0, ok.output


@pytest.mark.parametrize("value", ["Jos\udce9", "Jos\x00"], ids=["undecodable", "nul"])
def test_review_notes_refuse_what_a_file_cannot_hold(value: str, tmp_path: Path) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    result = invoke(root, *REVIEW, "--reviewer", "A", "--role", "B", "--notes", value)
    assert result.exit_code == 2
    assert "Error: Invalid value for '--notes': the value holds U+" in plain(result)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("governing_body.name=", "governing_body.name: the value is blank"),
        ("police.name=A\x00B", "police.name: the value holds U+0000 (a control character)"),
        ("legal_name=Jos\udce9", "legal_name: the value holds U+DCE9 (a byte that is not valid"),
        ("legal_name=" + "x" * 201, "legal_name: the value is 201 characters long"),
        ("=Town of X", "'=Town of X' is not FIELD=VALUE"),
        ("no equals sign", "'no equals sign' is not FIELD=VALUE"),
    ],
    ids=["blank", "nul", "undecodable", "too-long", "no-field", "no-equals"],
)
def test_towns_new_set_values_are_checked_as_free_text(
    value: str, problem: str, tmp_path: Path
) -> None:
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    result = invoke(root, "towns", "new", "Hinesburg", "--yes", "--set", value)
    assert result.exit_code == 2
    assert f"Error: Invalid value for '--set': {problem}" in plain(result)
    assert snapshot(tmp_path) == before


PATHS: list[tuple[tuple[str, ...], str]] = [
    (("draft", "testville", *DATE, "--out", "VALUE"), "--out"),
    (("clauses", "book", "--out", "VALUE"), "--out"),
    (("clauses", "diff", "custody-rule", "--out", "VALUE"), "--out"),
    (("verify", "VALUE"), "DRAFT.docx"),
    (("redline", "VALUE", "b.docx", "--out", "c.docx"), "OLD.docx"),
    (("redline", "a.docx", "VALUE", "--out", "c.docx"), "NEW.docx"),
    (("redline", "a.docx", "b.docx", "--out", "VALUE"), "--out"),
]

BAD_PATHS = {
    "blank": ("", "is blank"),
    "newline": ("drafts\nevil", "holds a line break; it must be one line"),
    "undecodable": ("drafts-\udce9", "holds U+DCE9 (a byte that is not valid UTF-8)"),
    "nul": ("drafts\x00", "holds U+0000 (a control character)"),
}


@pytest.mark.parametrize("kind", sorted(BAD_PATHS))
@pytest.mark.parametrize(("args", "shown"), PATHS, ids=[" ".join(p[0][:2]) + p[1] for p in PATHS])
def test_bad_paths_are_refused_before_the_disk_is_touched(
    args: tuple[str, ...], shown: str, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    root = small_project(tmp_path)
    before = snapshot(tmp_path)
    value, problem = BAD_PATHS[kind]
    result = invoke(root, *_place(args, value))
    assert result.exit_code == 2
    assert plain(result).endswith(
        f"Error: Invalid value for '{shown}': the path {problem}\n"
        "  hint: type the path with ordinary letters, or rename the file\n"
    )
    assert snapshot(tmp_path) == before


def test_root_is_checked_like_any_path(tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    result = invoke(tmp_path / "x\udce9", "check")
    assert result.exit_code == 2
    assert plain(result).endswith(
        "Error: Invalid value for '--root': the path holds U+DCE9 (a byte that is not valid "
        "UTF-8)\n  hint: type the path with ordinary letters, or rename the file\n"
    )
    assert snapshot(tmp_path) == before
