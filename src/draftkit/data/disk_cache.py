"""Work that does not change between runs, kept on disk: the validated library, compiled
Word templates and compiled clause texts.

A one-town draft used to spend most of its time re-reading and re-validating the same
YAML files and re-compiling the same templates. Like Python's ``__pycache__`` and Jinja's
bytecode cache, this module keeps the results between processes, each under a key that
hashes everything the result was made from:

- the content of every file in the data folders it was read from;
- draftkit's own source code, the Python version and the libraries that built it (a new
  draftkit or a new Jinja is a new key, so an entry is never read by other code).

A changed byte in any of them is a different key, so a stale entry is never used. The
cache is only a shortcut: an entry that cannot be read, or a folder that cannot be
written, means the work is done again, never an error. Only results that passed every
check are stored; an error is always found afresh, with its file, line and hint.

The folder is ``$DRAFTKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/draftkit``, else
``~/.cache/draftkit``. ``DRAFTKIT_NO_CACHE=1`` turns the cache off. Entries are Python
pickles, so the folder must belong to the user running draftkit and be closed to others
(it is created so); any other folder is not used.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MAX_ENTRIES = 64
"""Entries kept; the oldest are removed beyond this (a few per template and library)."""


def cache_dir() -> Path | None:
    """The cache folder, created if needed; ``None`` when the cache is off or unsafe."""
    if os.environ.get("DRAFTKIT_NO_CACHE", "") not in ("", "0"):
        return None
    configured = os.environ.get("DRAFTKIT_CACHE_DIR")
    if configured:
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME")
        folder = (Path(base) if base else Path("~/.cache").expanduser()) / "draftkit"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    # Pickles run code when read: use only a folder this user owns and no one else writes.
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    return folder


@functools.cache
def code_key() -> str:
    """A hash of the code that makes and reads entries: draftkit's modules, Python and
    the libraries whose objects or output an entry holds."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode())
    package = Path(__file__).resolve().parent.parent  # the whole draftkit package
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    for name in ("jinja2", "pydantic", "pydantic_core", "yaml", "lxml", "docx", "docxtpl"):
        # Where a library is installed and when: a new version is a new file.
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin:
            info = Path(origin).stat()
            digest.update(f"{name}:{origin}:{info.st_mtime_ns}:{info.st_size}".encode())
    return digest.hexdigest()


def folder_key(root: Path, folders: Iterable[str], *extra: str) -> str | None:
    """A hash of every entry under ``root``'s ``folders`` (names, kinds, file contents),
    of where ``root`` is, of ``extra`` and of :func:`code_key`; ``None`` when any of
    them cannot be read (the caller then reads the files and reports the problem)."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        for part in (code_key(), str(root), str(root.resolve()), *extra):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        for folder in folders:
            for path in sorted((root / folder).rglob("*")):
                name = str(path.relative_to(root)).encode("utf-8", "surrogateescape")
                if path.is_symlink() or not path.is_file():
                    # A folder or a link named like a data file is a problem loading reports.
                    kind = "link" if path.is_symlink() else "folder"
                    digest.update(b"%s\0%s\0" % (kind.encode(), name))
                    continue
                data = path.read_bytes()
                digest.update(b"file\0%s\0%d\0" % (name, len(data)))
                digest.update(data)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def content_key(data: bytes, *extra: str) -> str:
    """A hash of ``data``, of ``extra`` and of :func:`code_key`."""
    digest = hashlib.blake2b(data, digest_size=16)
    for part in (code_key(), *extra):
        digest.update(b"\0" + part.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def load(kind: str, key: str | None) -> Any | None:
    """The entry stored under ``kind`` and ``key``, or ``None``."""
    folder = cache_dir() if key is not None else None
    if folder is None:
        return None
    try:
        with (folder / f"{kind}-{key}.pickle").open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # any unreadable entry is a miss, never an error
        return None


def store(kind: str, key: str | None, value: Any) -> None:
    """Keep ``value`` under ``kind`` and ``key``; quietly does nothing if it cannot."""
    folder = cache_dir() if key is not None else None
    if folder is None:
        return
    target = folder / f"{kind}-{key}.pickle"
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            temporary.replace(target)
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()
        _trim(folder)
    except Exception:  # a cache that cannot be written is no cache
        return


def _trim(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            old.unlink()


__all__ = ["MAX_ENTRIES", "cache_dir", "code_key", "content_key", "folder_key", "load", "store"]
