"""A clause's earlier texts: from a clause version (``1.0.0``) or a git revision.

Clause files live in the project's git history; a version named in a clause's
``version:`` field is found by scanning the commits that touched the file. Revisions
are only ever passed to git as revisions (never as options), and a clause id is never
a path.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from draftkit.data.clause_models import ClauseModule
from draftkit.data.loading import Loaded, validate
from draftkit.data.yaml_reading import parse_yaml
from draftkit.errors import DraftkitError, NotFoundError

VERSION = re.compile(r"^\d+\.\d+\.\d+$")
"""What a clause version looks like; anything else given to --from/--to is a git revision."""


@dataclass(frozen=True)
class ClauseText:
    """One version of a clause and where it came from, for the redline's header."""

    clause: ClauseModule
    source: str
    """``working tree``, ``commit 1a2b3c4`` (a version found in the history) or
    ``HEAD, commit 1a2b3c4`` (a revision)."""


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
    """A clause as it is in the working tree (``rev`` None), at a clause version
    (``1.0.0``) or at a git revision.

    Raises:
        DraftkitError: see :func:`clause_text`.
    """
    return clause_text(root, clause_id, rev, option).clause


def clause_text(root: Path, clause_id: str, rev: str | None, option: str = "--from") -> ClauseText:
    """:func:`clause_at`, with where the text came from.

    Raises:
        NotFoundError: no clause with that id.
        DraftkitError: ``rev`` is neither a version the clause had nor a revision; a
            version other than the current one asked for outside a git checkout; the
            clause did not exist at ``rev``.
    """
    shown = f"clauses/{clause_id}.yaml"
    path = root / shown
    if not _CLAUSE_ID.match(clause_id):
        raise NotFoundError(
            f"no clause with id {clause_id!r}",
            hint="clause ids are lowercase words joined by hyphens; "
            "`draftkit clauses list` shows every clause id",
        )
    if not path.exists() and (
        rev is None or _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0
    ):  # nowhere else to look for it: a misspelled id, most likely
        raise NotFoundError(
            f"no clause with id {clause_id!r}", path=shown, hint=_clause_hint(root, clause_id)
        )
    if rev is None:
        return ClauseText(
            _parse(_working_text(path, shown), path, shown, "working tree"), "working tree"
        )
    if VERSION.match(rev):
        return _version(root, clause_id, rev, option)
    commit = resolve_revision(root, rev, option)
    text = _blob(root, commit, shown, clause_id, rev)
    return ClauseText(_parse(text, path, shown, rev), f"{rev}, commit {commit[:7]}")


def _working_text(path: Path, shown: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFoundError(
            f"no clause with id {path.stem!r}",
            path=shown,
            hint=_clause_hint(path.parent.parent, path.stem),
        ) from None
    except UnicodeDecodeError:
        raise DraftkitError("not UTF-8 text", path=shown, hint="save the file as UTF-8") from None


def _blob(root: Path, commit: str, shown: str, clause_id: str, rev: str) -> str:
    completed = _git(root, "cat-file", "blob", f"{commit}:./{shown}")
    if completed.returncode != 0:
        if not (root / shown).exists():  # a misspelled id, most likely
            raise NotFoundError(
                f"no clause with id {clause_id!r}", path=shown, hint=_clause_hint(root, clause_id)
            )
        raise DraftkitError(
            f"clause {clause_id!r} is not in revision {rev!r}",
            hint="give a git revision (a commit, tag or branch) in which the clause exists",
        )
    try:
        return completed.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise DraftkitError(
            f"not UTF-8 text in revision {rev!r}", path=shown, hint="pick another revision"
        ) from None


def _parse(text: str, path: Path, shown: str, where: str) -> ClauseModule:
    loaded: Loaded[ClauseModule] = validate(
        ClauseModule, parse_yaml(text, path=path, shown=f"{shown}@{where}"), schema_name="clause"
    )
    return loaded.value


def _version_of(text: str, path: Path, shown: str) -> str | None:
    try:
        data = parse_yaml(text, path=path, shown=shown).data
    except DraftkitError:
        return None
    value = data.get("version") if isinstance(data, dict) else None
    return str(value) if value is not None else None


def _version(root: Path, clause_id: str, version: str, option: str) -> ClauseText:
    """The latest text the clause had at ``version``: the newest commit whose file says
    that version, else the working tree if it does."""
    shown = f"clauses/{clause_id}.yaml"
    path = root / shown
    current_text = _working_text(path, shown) if path.exists() else None
    current = _version_of(current_text, path, shown) if current_text is not None else None
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        if current == version and current_text is not None:
            return ClauseText(_parse(current_text, path, shown, version), "working tree")
        raise DraftkitError(
            f"{option}: version {version} of {clause_id} is not in this folder "
            f"(it holds {current or 'no version'}); earlier versions need the project's git "
            "history, and this folder is not a git checkout",
            hint="run draftkit in a git clone of the project (git clone, not a downloaded zip), "
            "or compare two .docx files with `draftkit redline`",
        )
    log = _git(root, "log", "--format=%H", "--end-of-options", "HEAD", "--", shown)
    seen: list[str] = []
    for commit in log.stdout.decode("ascii", "replace").split():
        if not _HEX.match(commit):
            continue
        completed = _git(root, "cat-file", "blob", f"{commit}:./{shown}")
        if completed.returncode != 0:
            continue
        text = completed.stdout.decode("utf-8", "replace")
        found = _version_of(text, path, shown)
        if found == version:
            return ClauseText(_parse(text, path, shown, version), f"commit {commit[:7]}")
        if found and found not in seen:
            seen.append(found)
    if current == version and current_text is not None:
        return ClauseText(_parse(current_text, path, shown, version), "working tree")
    if current_text is None and not seen:
        raise NotFoundError(
            f"no clause with id {clause_id!r}", path=shown, hint=_clause_hint(root, clause_id)
        )
    known = sorted({*seen, *([current] if current else [])}, key=_version_key)
    raise DraftkitError(
        f"{option}: {clause_id} never had version {version}; its history has {', '.join(known)}",
        hint="`draftkit clauses show ID` lists the versions in the clause's history",
    )


def _clause_hint(root: Path, clause_id: str) -> str:
    """The clause ids near ``clause_id``, as ``draft`` suggests them."""
    from draftkit.data.library import CATALOG_FILES, library_hint

    ids = [p.stem for p in (root / "clauses").glob("*.yaml") if p.name not in CATALOG_FILES]
    return library_hint(clause_id, sorted(ids))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".")) if VERSION.match(version) else (0,)
