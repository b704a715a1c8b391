"""Putting finished files on disk: all of them or none.

Every command that writes a file goes through :func:`write_files`. It checks every
target before the first rename (folders in the way, names too long, files that exist
without ``force``, a folder it cannot write to), writes each file to a temporary file
beside its target, and then renames them into place. Files that ``force`` replaces are
kept as backups until the last rename succeeded, so any failure, including Ctrl-C,
puts the folder back exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from draftkit.errors import DraftkitError, OutputExistsError, ProblemList

DEFAULT_NAME_MAX = 255
"""Longest file name (bytes) most file systems allow; used when the system won't say."""

DEFAULT_PATH_MAX = 4096
"""Longest path (bytes) Linux allows."""

_TEMP_PREFIX = ".draftkit-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _name_max(folder: Path) -> int:
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return DEFAULT_NAME_MAX


def _bytes(path: Path | str) -> bytes:
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:
        return str(path).encode("utf-8", "surrogatepass")


def _exists(path: Path) -> bool:
    # Path.exists raises for a name too long; such a path does not exist.
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return False


def _existing_ancestor(folder: Path) -> Path:
    current = folder
    while not _exists(current) and current != current.parent:
        current = current.parent
    return current


def _too_long(name: str, limit: int, what: str) -> DraftkitError:
    return DraftkitError(
        f"the {what} name {name[:40]!r}... is {len(_bytes(name))} bytes long; "
        f"the file system allows {limit}",
        hint="choose a shorter name (--out)",
    )


def output_problems(out_dir: Path, names: list[str], *, force: bool) -> list[DraftkitError]:
    """Everything that would stop ``names`` from being written into ``out_dir``.

    Checks, without touching the disk: the folder (or a folder above it) is a file;
    a folder or file name is longer than the file system allows; the folder cannot
    be written to; a target is a folder; a target exists and ``force`` is false.
    """
    problems: list[DraftkitError] = []
    ancestor = _existing_ancestor(out_dir)
    limit = _name_max(ancestor if ancestor.is_dir() else ancestor.parent)
    for part in out_dir.parts:
        if len(_bytes(part)) > limit:
            problems.append(_too_long(part, limit, "folder"))
    if _exists(ancestor) and not ancestor.is_dir():
        inside = "" if ancestor == out_dir else f", so the folder {out_dir} cannot be made in it"
        problems.append(
            DraftkitError(
                f"{ancestor} is a file, not a folder{inside}",
                hint="choose a folder (--out) that is not an existing file",
            )
        )
        return problems
    if not os.access(ancestor, os.W_OK | os.X_OK):
        problems.append(
            DraftkitError(
                f"cannot write into {ancestor}: permission denied",
                hint="choose a folder you may write to (--out)",
            )
        )
    if problems:
        return problems
    existing: list[Path] = []
    for name in names:
        parts = name.split("/")
        if not name or name.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise ValueError(f"not a file name: {name!r}")  # a bug, not a user's mistake
        target = out_dir / name
        long_part = next((p for p in parts if len(_bytes(p)) > limit), None)
        if long_part is not None:
            problems.append(
                _too_long(long_part, limit, "file" if long_part == parts[-1] else "folder")
            )
        elif len(_bytes(target.absolute())) >= DEFAULT_PATH_MAX:
            problems.append(
                DraftkitError(
                    f"the path {str(target)[:60]!r}... is too long for the file system",
                    hint="choose a folder (--out) nearer the top of the disk",
                )
            )
        elif _blocked(out_dir, target):
            problems.append(
                DraftkitError(
                    f"{_blocked(out_dir, target)} is a file, so the folder for {target.name} "
                    "cannot be made",
                    hint="move or rename that file, or choose another --out",
                )
            )
        elif ancestor == out_dir and target.is_dir():
            problems.append(
                DraftkitError(
                    f"{target} is a folder, so a file cannot be written in its place",
                    hint="move or rename that folder, or choose another --out",
                )
            )
        elif ancestor == out_dir and _exists(target):
            existing.append(target)
    if existing and not force:
        listed = ", ".join(str(path) for path in existing)
        problems.append(
            OutputExistsError(
                f"{'these files exist' if len(existing) > 1 else 'this file exists'}: {listed}",
                hint=(
                    "pass --force to replace them, or --out to draft into another folder"
                    if len(existing) > 1
                    else "pass --force to replace it, or choose another --out"
                ),
            )
        )
    return problems


def _blocked(out_dir: Path, target: Path) -> Path | None:
    """A file standing where a folder between ``out_dir`` and ``target`` must be."""
    for folder in reversed(target.parents):
        if folder in out_dir.parents or folder == out_dir or out_dir not in folder.parents:
            continue
        if _exists(folder) and not folder.is_dir():
            return folder
    return None


def check_targets(out_dir: Path, names: list[str], *, force: bool) -> None:
    """Raise what :func:`output_problems` finds, before any work that is then wasted.

    Raises:
        DraftkitError: one problem.
        ProblemList: several.
    """
    problems = output_problems(out_dir, names, force=force)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ProblemList(problems)


def write_files(out_dir: Path, files: Mapping[str, bytes], *, force: bool) -> list[Path]:
    """Write every file into ``out_dir`` or none of them.

    Every target is checked before anything is written; each file is written to a
    temporary file in the same folder and renamed into place only after all of them
    were written; files being replaced are restored if any rename fails or Ctrl-C is
    pressed, so the folder ends up with all the new files or exactly as it was.

    Raises:
        OutputExistsError: a target exists and ``force`` is false; nothing is written.
        DraftkitError: a target cannot be written (a folder in the way, a name too
            long, no permission); nothing is written.
        ProblemList: several of these at once.
        KeyboardInterrupt: Ctrl-C; the folder is as it was.
    """
    targets = {name: out_dir / name for name in files}
    check_targets(out_dir, list(files), force=force)
    created: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    succeeded = False
    try:
        # A name may hold folders (``packet/letter.docx``): each is made once, and
        # removed again if the write fails.
        for folder in sorted({target.parent for target in targets.values()}):
            created[:0] = _make_folder(folder)
        for name, data in files.items():
            staged.append((_stage(targets[name].parent, data), targets[name]))
        _commit(staged)
        succeeded = True
    finally:
        for temp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        if not succeeded:
            for folder in sorted(created, key=lambda p: len(p.parts), reverse=True):
                with contextlib.suppress(OSError):
                    folder.rmdir()
    return list(targets.values())


def _make_folder(out_dir: Path) -> list[Path]:
    """Create ``out_dir`` and its parents; return those created, deepest first."""
    missing: list[Path] = []
    current = out_dir
    while not _exists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DraftkitError(
            f"cannot create the folder {out_dir}: {exc.strerror}",
            hint="choose another folder (--out)",
        ) from None
    return missing


def _stage(out_dir: Path, data: bytes) -> Path:
    try:
        handle, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=out_dir)
    except OSError as exc:
        raise DraftkitError(f"cannot write into {out_dir}: {exc.strerror}") from None
    temp = Path(temp_name)
    try:
        # mkstemp makes files only their owner can read; a draft is for a clerk on a
        # shared drive, so it gets the permissions any new file would get.
        temp.chmod(0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise DraftkitError(f"cannot write into {out_dir}: {exc.strerror}") from None
    return temp


def _backup(target: Path) -> Path:
    """Keep the file ``target`` holds now under a temporary name beside it."""
    handle, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".bak", dir=target.parent)
    os.close(handle)
    backup = Path(name)
    try:
        backup.unlink()
        os.link(target, backup)
    except OSError:
        # No hard links here (some network shares): a copy keeps the old bytes as well.
        shutil.copy2(target, backup)
    return backup


def _commit(staged: list[tuple[Path, Path]]) -> None:
    """Rename every staged file into place, or restore every target as it was."""
    backups: dict[Path, Path] = {}
    done: list[Path] = []
    with _interrupts_deferred() as interrupted:
        try:
            for _, target in staged:
                if target.exists() or target.is_symlink():
                    backups[target] = _backup(target)
            for temp, target in staged:
                temp.replace(target)
                done.append(target)
            if interrupted:
                raise KeyboardInterrupt
        except BaseException as exc:
            kept = _roll_back(done, backups)
            if isinstance(exc, OSError):
                raise DraftkitError(
                    f"cannot write into {staged[0][1].parent}: {exc.strerror}",
                    hint="nothing was changed"
                    if not kept
                    else f"the replaced files are kept as {', '.join(map(str, kept))}",
                ) from None
            raise
        finally:
            for backup in backups.values():
                with contextlib.suppress(FileNotFoundError):
                    backup.unlink()


def _roll_back(done: list[Path], backups: dict[Path, Path]) -> list[Path]:
    """Undo the renames in ``done``; return any backups that could not be restored."""
    kept: list[Path] = []
    for target in reversed(done):
        backup = backups.pop(target, None)
        try:
            if backup is None:
                target.unlink()
            else:
                backup.replace(target)
        except OSError:
            if backup is not None:
                kept.append(backup)
    return kept


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[list[int]]:
    """Hold Ctrl-C while files are renamed; the caller sees it in the yielded list.

    Only the main thread can set signal handlers; elsewhere (the web service's
    workers) there is no Ctrl-C to defer.
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is None:
        yield received
        return
    signal.signal(signal.SIGINT, lambda number, _frame: received.append(number))
    try:
        yield received
    finally:
        signal.signal(signal.SIGINT, previous)
        # Ctrl-C after the caller last looked: the files are all in place; stop now.
        if received and sys.exc_info()[0] is None:
            raise KeyboardInterrupt
