"""The commands' happy paths: what a user sees when things are right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import run

from draftkit.drafting.writing import write_files
from draftkit.errors import DraftkitError


def test_towns_list(make_project) -> None:
    result = run(make_project(), "towns", "list")
    assert result.exit_code == 0
    assert result.stdout == (
        "TOWN       NAME       KIND  COUNTY   POLICING   PROFILE\n"
        "testville  Testville  town  Addison  municipal  yes\n"
        "1 municipality\n"
    )


def test_towns_show(make_project) -> None:
    result = run(make_project(), "towns", "show", "TESTVILLE")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        "Town of Testville (town, Addison County)",
        "  facts from:         towns/testville.yaml",
        "  governing body:     Selectboard",
    ]


def test_clauses_list_and_show(make_project) -> None:
    root = make_project()
    listed = run(root, "clauses", "list")
    assert listed.stdout == (
        "CLAUSE        VERSION  TITLE           CLOSES\n"
        "custody-rule  1.0.0    Custody access  custody-access\n"
    )
    shown = run(root, "clauses", "show", "custody-rule")
    assert shown.exit_code == 0
    assert shown.stdout.startswith(
        "Custody access (custody-rule 1.0.0)\nfile: clauses/custody-rule.yaml\n"
    )
    assert "Closes: custody-access (Access to people in custody)" in shown.stdout
    missing = run(root, "clauses", "show", "custody")
    assert missing.exit_code == 1
    assert (
        missing.stderr == "error: no clause with id 'custody'\n  hint: did you mean custody-rule?\n"
    )


@pytest.mark.parametrize("kind", ["town", "clause"])
def test_schema_documents_every_field(kind: str) -> None:
    result = run(Path(), "schema", kind)
    schema = json.loads(result.stdout)
    assert schema["additionalProperties"] is False

    def described(node: dict) -> None:  # type: ignore[type-arg]
        for name, prop in node.get("properties", {}).items():
            assert prop.get("description"), f"{kind}: field {name} has no description"

    described(schema)
    for definition in schema.get("$defs", {}).values():
        described(definition)


def test_draft_writes_documents_and_manifest(make_project) -> None:
    root = make_project()
    out = root / "out"
    result = run(root, "draft", "testville", "--date", "2026-11-27", "--out", str(out))
    assert result.exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "2026-11-27-testville-manifest.json",
        "2026-11-27-testville-police-directive.docx",
        "2026-11-27-testville-selectboard-resolution.docx",
    ]
    assert result.stdout == "".join(f"wrote {out / n}\n" for n in (names[2], names[1], names[0]))
    manifest = json.loads((out / names[0]).read_text())
    assert manifest["town"]["profile"] == "towns/testville.yaml"
    assert [c["id"] for c in manifest["clauses"]] == ["custody-rule"]
    assert len(manifest["clauses"][0]["text_sha256"]) == 64
    assert set(manifest["templates"]) == {"resolution", "directive"}


def test_draft_one_document(make_project) -> None:
    root = make_project()
    out = root / "out"
    result = run(root, "draft", "testville", "--doc", "directive", "--out", str(out))
    assert result.exit_code == 0
    assert sorted(p.name.split("-", 3)[3] for p in out.iterdir()) == [
        "testville-police-directive.docx",
        "testville-police-directive.manifest.json",
    ]
    # Drafting the other document later into the same folder keeps both records.
    again = run(root, "draft", "testville", "--doc", "resolution", "--out", str(out))
    assert again.exit_code == 0
    assert len(list(out.glob("*manifest.json"))) == 2


def test_check_on_valid_data(make_project) -> None:
    result = run(make_project(), "check")
    assert result.exit_code == 0
    assert result.stdout == (
        "All good: 1 town, 1 clause, 1 loophole, 2 defined terms, 6 templates\n"
    )


def test_write_files_leaves_nothing_behind_when_a_write_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(DraftkitError, match="is a file, not a folder"):
        write_files(blocker, {"a.docx": b"x"}, force=False)
    assert blocker.read_text() == "a file where the folder should be"


def test_write_files_replaces_atomically(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.docx": b"one", "b.json": b"{}"}, force=False)
    write_files(tmp_path, {"a.docx": b"two", "b.json": b"[]"}, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.json"]
    assert (tmp_path / "a.docx").read_bytes() == b"two"


def test_drafts_are_readable_by_others_like_any_new_file(tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        [path] = write_files(tmp_path, {"a.docx": b"x"}, force=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
