"""Redlines lawyers can read in Word: real tracked changes (``w:ins``/``w:del``).

The comparison is done by python-redlines' Docxodus engine, a maintained Open XML
comparer shipped as a binary inside its PyPI package: it understands runs, styles and
tables, which a text diff we wrote ourselves would not.
"""

from __future__ import annotations

import io
import re
import subprocess
import warnings
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import LxmlError

from draftkit.errors import DraftkitError, NotFoundError
from draftkit.loading import Loaded, parse_yaml, validate
from draftkit.models import ClauseModule
from draftkit.writing import check_targets, write_files

AUTHOR = "draftkit"
_TAG = re.compile(r"\{\{\s*([^}]+?)\s*\}\}")


def marked(text: str) -> str:
    """Show template values as visible placeholders: ``{{ agency.name }}`` -> ``«agency.name»``."""
    return _TAG.sub(lambda m: f"\u00ab{m.group(1)}\u00bb", text)


def add_clause_text(document: DocumentObject, clause: ClauseModule) -> None:
    """The clause's texts as they appear in each document, placeholders marked."""
    add = document.add_paragraph
    if clause.resolution.whereas or clause.resolution.resolved:
        add("In a resolution", style="Heading 3")
        for text in clause.resolution.whereas:
            add(f"WHEREAS, {marked(text)}")
        for number, text in enumerate(clause.resolution.resolved, start=1):
            add(f"RESOLVED {number}. {marked(text)}")
    for label, section in (
        ("In a police directive, sheriff request or contract addendum", clause.directive),
        ("In a town's own policy", clause.town_policy),
    ):
        if section is None:
            continue
        add(label, style="Heading 3")
        add(marked(section.heading), style="Heading 4")
        for index, text in enumerate(section.paragraphs):
            add(f"({chr(ord('a') + index)}) {marked(text)}")


def clause_document(clause: ClauseModule) -> bytes:
    """A small Word document holding one clause version's text, for comparison."""
    document = Document()
    document.add_heading(f"{clause.title} ({clause.id} {clause.version})", level=1)
    document.add_paragraph(clause.summary)
    add_clause_text(document, clause)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def compare(old: bytes, new: bytes) -> bytes:
    """A Word document showing ``new`` with tracked changes against ``old``.

    Raises:
        DraftkitError: the comparison engine is missing or fails.
    """
    try:
        from python_redlines import DocxodusEngine, EngineNotInstalledError
    except ImportError:  # pragma: no cover - installed with draftkit
        raise DraftkitError(
            "the redline engine is not installed", hint="reinstall draftkit: make test"
        ) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            engine = DocxodusEngine()
            result, _stdout, _stderr = engine.run_redline(AUTHOR, old, new)
    except EngineNotInstalledError:
        raise DraftkitError(
            "the redline engine is not installed", hint="reinstall draftkit: make test"
        ) from None
    except (subprocess.CalledProcessError, OSError) as exc:
        raise DraftkitError(f"the redline engine failed: {exc}") from None
    return bytes(result)


def tracked_change_counts(data: bytes) -> tuple[int, int]:
    """How many insertions and deletions a document's body carries."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return xml.count("<w:ins "), xml.count("<w:del ")


def redline_files(old: Path, new: Path, out: Path, *, force: bool) -> tuple[Path, int, int]:
    """``draftkit redline OLD.docx NEW.docx --out FILE``.

    Raises:
        DraftkitError: a file is missing or not a Word document, or the output exists.
    """
    if out.resolve() in (old.resolve(), new.resolve()):
        raise DraftkitError(
            "the redline would overwrite one of the documents it compares",
            path=str(out),
            hint="give --out a new file name",
        )
    datas = []
    for path in (old, new):
        try:
            data = path.read_bytes()
            Document(io.BytesIO(data))
        except FileNotFoundError:
            raise NotFoundError("file not found", path=str(path)) from None
        except (zipfile.BadZipFile, KeyError, ValueError, LxmlError, PackageNotFoundError):
            raise DraftkitError(
                "not a Word document", path=str(path), hint="give two .docx files"
            ) from None
        datas.append(data)
    check_targets(out.parent, [out.name], force=force)
    result = compare(datas[0], datas[1])
    write_files(out.parent, {out.name: result}, force=force)
    insertions, deletions = tracked_change_counts(result)
    return out, insertions, deletions


_CLAUSE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HEX = re.compile(r"^[0-9a-f]{40,64}$")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise DraftkitError(
            "git is not installed, so earlier versions of a clause cannot be read",
            hint="install git, or compare two .docx files with `draftkit redline`",
        ) from None
    except subprocess.TimeoutExpired:
        raise DraftkitError("git did not answer within a minute") from None


def resolve_revision(root: Path, rev: str, option: str) -> str:
    """The commit id ``rev`` names in the project's git history.

    A revision is only ever read as a revision: one that starts with ``-`` is refused,
    and git is told where its options end, so ``--from=--output=x`` cannot become an
    option of git.

    Raises:
        DraftkitError: ``rev`` names no commit (the message names ``option``), or the
            project is not a git checkout.
    """
    hint = "give a commit, tag or branch, e.g. HEAD~1 or main; `git log` lists commits"
    if not rev.strip() or rev.startswith("-"):
        raise DraftkitError(f"{option}: {rev!r} is not a git revision", hint=hint)
    completed = _git(
        root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
    )
    commit = completed.stdout.decode("ascii", "replace").strip()
    if completed.returncode != 0 or not _HEX.match(commit):
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
        if inside.returncode != 0:
            raise DraftkitError(
                f"{option}: the project folder is not a git checkout, so it has no revisions",
                hint="run draftkit in a clone of the project, or pass --root",
            )
        raise DraftkitError(f"{option}: {rev!r} is not a commit, tag or branch here", hint=hint)
    return commit


def clause_at(root: Path, clause_id: str, rev: str | None, option: str = "--from") -> ClauseModule:
    """A clause as it is in the working tree (``rev`` None) or at a git revision.

    Raises:
        DraftkitError: not a git checkout, ``rev`` is not a revision, or the clause
            did not exist at ``rev``.
    """
    shown = f"clauses/{clause_id}.yaml"
    path = root / shown
    if not _CLAUSE_ID.match(clause_id):
        raise NotFoundError(
            f"no clause with id {clause_id!r}",
            hint="clause ids are lowercase words joined by hyphens; "
            "`draftkit clauses list` shows every clause id",
        )
    if rev is None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise NotFoundError(f"no clause with id {clause_id!r}", path=shown) from None
        except UnicodeDecodeError:
            raise DraftkitError(
                "not UTF-8 text", path=shown, hint="save the file as UTF-8"
            ) from None
    else:
        commit = resolve_revision(root, rev, option)
        completed = _git(root, "cat-file", "blob", f"{commit}:./{shown}")
        if completed.returncode != 0:
            raise DraftkitError(
                f"clause {clause_id!r} is not in revision {rev!r}",
                hint="give a git revision (a commit, tag or branch) in which the clause exists",
            )
        try:
            text = completed.stdout.decode("utf-8")
        except UnicodeDecodeError:
            raise DraftkitError(
                f"not UTF-8 text in revision {rev!r}", path=shown, hint="pick another revision"
            ) from None
    loaded: Loaded[ClauseModule] = validate(
        ClauseModule,
        parse_yaml(text, path=path, shown=f"{shown}@{rev or 'working tree'}"),
        schema_name="clause",
    )
    return loaded.value


def clause_diff(
    root: Path, clause_id: str, from_rev: str, to_rev: str | None, out: Path, *, force: bool
) -> tuple[Path, int, int]:
    """``draftkit clauses diff ID``: a redline between two versions of one clause."""
    old = clause_at(root, clause_id, from_rev, "--from")
    new = clause_at(root, clause_id, to_rev, "--to")
    check_targets(out.parent, [out.name], force=force)
    result = compare(clause_document(old), clause_document(new))
    write_files(out.parent, {out.name: result}, force=force)
    insertions, deletions = tracked_change_counts(result)
    return out, insertions, deletions
