"""Runtime errors and unbounded work in clause texts and templates, broken templates,
profiles that are not what their file says, hostile sponsors: refused, nothing written."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from tests.adversarial.helpers import CLAUSE, DRAFT, PROFILE, edit, new_project, refused
from tests.conftest import run, tree

from draftkit.data.library import load_library
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft
from draftkit.errors import DraftkitError
from draftkit.word.inspection import text_lines

TEMPLATE = "resolutions/council-resolution.docx"

EXPRESSIONS = {
    "division-by-zero": ("{{ 1 / 0 }}", "divides by zero"),
    "blocked-attribute": ("{{ town.__class__.__mro__ }}", "is not allowed"),
    "huge-range": ("{{ range(10**9) | list }}", "too much work"),
    "nested-loops": (
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
        "too much work",
    ),
    "include": ("{% include 'secrets.txt' %}", "include, import and extends are not allowed"),
    "repetition": ("{{ 'a' * 10**9 }}", "too much work"),
    "recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls itself"),
    "wide-filter": ("{{ 'a' | center(10**9) }}", "too much work"),
    "wide-format": ("{{ '%999999999d' % 1 }}", "too much work"),
}


@pytest.mark.parametrize(("source", "words"), EXPRESSIONS.values(), ids=EXPRESSIONS.keys())
def test_clause_expression_is_refused(tmp_path: Path, source: str, words: str) -> None:
    root = new_project(tmp_path)
    edit(
        root,
        CLAUSE,
        lambda t: t.replace(
            "    - the {{ agency.name }} holds people in custody",
            f'    - "the {{{{ agency.name }}}} holds {source}"',
        ),
    )
    refused(root, *DRAFT, expect=(CLAUSE, "resolution.whereas[0]", words))


@pytest.mark.parametrize(("source", "words"), EXPRESSIONS.values(), ids=EXPRESSIONS.keys())
def test_template_expression_is_refused(tmp_path: Path, source: str, words: str) -> None:
    root = new_project(tmp_path)
    document = Document(str(root / TEMPLATE))
    document.add_paragraph(f"Note {source}")
    document.save(str(root / TEMPLATE))
    refused(root, *DRAFT, expect=(TEMPLATE, words))


def _rewrite(path: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    for name, data in change.items():
        if data is None:
            parts.pop(name, None)
        else:
            parts[name] = data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _body(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml")


def truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def not_a_zip(path: Path) -> None:
    path.write_text("this is not a Word document")


def no_body(path: Path) -> None:
    _rewrite(path, {"word/document.xml": None})


def malformed(path: Path) -> None:
    _rewrite(path, {"word/document.xml": _body(path)[:-40]})


def zip_bomb(path: Path) -> None:
    body = _body(path)
    _rewrite(
        path, {"word/document.xml": body.replace(b"<w:body>", b"<w:body>" + b" " * 30_000_000)}
    )


def tracked(path: Path) -> None:
    ins = (
        b'<w:p><w:ins w:id="90" w:author="Clerk" w:date="2026-01-01T00:00:00Z"><w:r>'
        b"<w:t>Inserted</w:t></w:r></w:ins></w:p>"
    )
    _rewrite(path, {"word/document.xml": _body(path).replace(b"<w:body>", b"<w:body>" + ins)})


def folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


BROKEN = {
    "truncated": (truncated, "not a Word document"),
    "not-a-zip": (not_a_zip, "not a Word document"),
    "no-document-xml": (no_body, "it has no word/document.xml"),
    "malformed-xml": (malformed, "body: the XML is malformed"),
    "zip-bomb": (zip_bomb, "refused before unpacking"),
    "tracked-changes": (tracked, "body: 1 tracked change left in the template"),
    "folder": (folder, "is a folder"),
}


@pytest.mark.parametrize(("damage", "words"), BROKEN.values(), ids=BROKEN.keys())
@pytest.mark.parametrize("command", ["draft", "templates check"])
def test_broken_template_is_refused(tmp_path: Path, damage, words: str, command: str) -> None:
    root = new_project(tmp_path)
    damage(root / TEMPLATE)
    args = DRAFT if command == "draft" else ("templates", "check")
    refused(root, *args, expect=(TEMPLATE, words))


HOSTILE_SPONSORS = {
    "nul": ("Jos\x00", "U+0000"),
    "surrogate": ("Jos\udce9", "U+DCE9 (a byte that is not valid UTF-8)"),
    "zero-width": ("\u200b\u200d", "invisible formatting character (U+200B, zero-width space)"),
    "override": (
        "Ann \u202eLee",
        "invisible formatting character (U+202E, right-to-left override)",
    ),
    "escape": ("A\x1b[31m", "U+001B"),
    "noncharacter": ("Ann\uffff", "U+FFFF"),
    "too-long": ("A" * 201, "201 characters long"),
}


@pytest.mark.parametrize(("name", "words"), HOSTILE_SPONSORS.values(), ids=HOSTILE_SPONSORS.keys())
def test_hostile_sponsor_is_refused(tmp_path: Path, name: str, words: str) -> None:
    # The command line refuses it as a bad argument (exit 2, the option named) ...
    root = new_project(tmp_path)
    before = tree(root)
    result = run(root, *DRAFT, "--sponsor", name)
    assert result.exit_code == 2, result.output
    assert "--sponsor" in result.stderr and words in result.stderr
    assert "hint:" in result.stderr and "Traceback" not in result.output
    assert tree(root) == before
    # ... and the core refuses it too, for every other front end (the web form).
    library = load_library(root)
    options = DraftOptions(date=dt.date(2026, 11, 27), sponsors=(name,))
    with pytest.raises(DraftkitError, match="sponsor") as caught:
        prepare_draft(library, "testville", "all", options)
    assert words in str(caught.value) and "hint:" in str(caught.value)


@pytest.mark.parametrize(
    "sponsor",
    ["José Núñez-Çelik", "مريم الحسيني", "דוד כהן", "Councilor {{ 7*7 }} & <b>", "O'Brien " * 20],
)
def test_odd_but_legitimate_sponsor_drafts_completely(tmp_path: Path, sponsor: str) -> None:
    root = new_project(tmp_path)
    out = root / "drafts"
    result = run(root, *DRAFT, "--sponsor", sponsor, "--doc", "resolution", "--out", str(out))
    assert result.exit_code == 0, result.output
    (docx,) = out.glob("*.docx")
    text = "\n".join(text_lines(docx.read_bytes()))
    assert " ".join(f"Sponsor: {sponsor}".split()) in text
    assert "WHEREAS, the Testville Police Department holds people in custody" in text
    assert "by a vote of" in text and "Attest:" in text


def test_profile_file_holding_another_town_is_refused(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    shutil.move(root / PROFILE, root / "towns/montpelier.yaml")
    refused(
        root,
        "draft",
        "montpelier",
        expect=("towns/montpelier.yaml", "the file montpelier.yaml holds the profile of Testville"),
    )


def test_stray_copy_of_a_profile_is_refused_by_check(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    shutil.copy(root / PROFILE, root / "towns/testville-town.yaml")
    refused(
        root,
        "check",
        expect=(
            "towns/testville-town.yaml",
            "towns/testville.yaml",
            "a second profile of Testville",
        ),
    )


def test_one_broken_profile_stops_only_its_own_drafts(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    (root / "towns/brokenville.yaml").write_text("name: Brokenville\nmayor: x\n")
    refused(root, "draft", "brokenville", expect=("towns/brokenville.yaml", "mayor: unknown field"))
    refused(root, "check", expect=("towns/brokenville.yaml", "mayor: unknown field"))
    out = root / "drafts"
    result = run(root, *DRAFT, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.docx"))) == 2


def registry_project(tmp_path: Path) -> Path:
    root = new_project(tmp_path, registry=True)
    return root


REGISTRY_DAMAGE = {
    "missing-column": (
        "towns/registry.csv",
        lambda t: t.replace("name,kind,", "name,", 1),
        ("towns/registry.csv:1", "missing column: kind"),
    ),
    "extra-cell": (
        "towns/registry.csv",
        lambda t: t.replace("\n", ",surplus\n", 2).replace(",surplus\n", "\n", 1),
        ("towns/registry.csv:2", "the header has 12"),
    ),
    "missing-cell": (
        "towns/registry.csv",
        lambda t: "\n".join([t.split("\n")[0], "Addison,town", *t.split("\n")[2:]]),
        ("towns/registry.csv:2", "row has 2 cells; the header has 12"),
    ),
    "agencies-missing-column": (
        "towns/police-agencies.csv",
        lambda t: t.replace("agency,kind,", "name,kind,", 1),
        ("towns/police-agencies.csv:1", "missing column: agency"),
    ),
    "defaults-missing-kind": (
        "towns/defaults.yaml",
        lambda t: t.replace("  town:", "  hamlet:", 1),
        ("towns/defaults.yaml", "kinds: no defaults for a town"),
    ),
}


@pytest.mark.parametrize(
    ("file", "change", "expect"), REGISTRY_DAMAGE.values(), ids=REGISTRY_DAMAGE.keys()
)
def test_damaged_registry_files(tmp_path: Path, file: str, change, expect: tuple[str, ...]) -> None:
    root = registry_project(tmp_path)
    edit(root, file, change)
    refused(root, "draft", "addison", "--policing", "sheriff", expect=expect)


def test_registry_not_utf8(tmp_path: Path) -> None:
    root = registry_project(tmp_path)
    path = root / "towns/registry.csv"
    path.write_bytes(path.read_bytes().replace(b"Addison,town", b"Addis\xf6n,town", 1))
    refused(
        root,
        "draft",
        "addison",
        "--policing",
        "sheriff",
        expect=("towns/registry.csv:2", "not UTF-8"),
    )


def test_agencies_file_missing(tmp_path: Path) -> None:
    root = registry_project(tmp_path)
    (root / "towns/police-agencies.csv").unlink()
    refused(
        root,
        "draft",
        "addison",
        "--policing",
        "sheriff",
        expect=("towns/police-agencies.csv", "file not found"),
    )
