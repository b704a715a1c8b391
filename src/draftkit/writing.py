"""Putting finished files on disk: the overwrite policy and atomic writes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from draftkit.errors import DraftkitError, OutputExistsError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_files(out_dir: Path, files: Mapping[str, bytes], *, force: bool) -> list[Path]:
    """Write every file into ``out_dir`` or none of them.

    Each file is written to a temporary file in the same folder and renamed into place
    only after all of them were written, so a reader never sees a half-written draft.
    A name may hold one or more ``/`` (``packet/letter.docx``): its folders are created,
    and removed again if the write fails and they are left empty.

    Raises:
        OutputExistsError: a target exists and ``force`` is false; nothing is written.
        DraftkitError: the folder cannot be created or written.
    """
    targets = {name: out_dir / name for name in files}
    existing = [path for path in targets.values() if path.exists()]
    if existing and not force:
        listed = ", ".join(str(path) for path in existing)
        raise OutputExistsError(
            f"{'these files exist' if len(existing) > 1 else 'this file exists'}: {listed}",
            hint=(
                "pass --force to replace them, or --out to draft into another folder"
                if len(existing) > 1
                else "pass --force to replace it, or choose another --out"
            ),
        )
    created: list[Path] = []
    for folder in sorted({out_dir, *(target.parent for target in targets.values())}):
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _remove_empty(created)
            raise DraftkitError(f"cannot create the folder {folder}: {exc.strerror}") from None
        created.extend(reversed(missing))
    staged: list[tuple[Path, Path]] = []
    written = False
    try:
        for name, data in files.items():
            target = targets[name]
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            temp = Path(temp_name)
            staged.append((temp, targets[name]))
            # mkstemp makes files only their owner can read; a draft is for a clerk on a
            # shared drive, so it gets the permissions any new file would get.
            temp.chmod(0o666 & ~_umask())
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        for temp, target in staged:
            temp.replace(target)
        written = True
    except OSError as exc:
        raise DraftkitError(f"cannot write into {out_dir}: {exc.strerror}") from None
    finally:
        for temp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        if not written:
            _remove_empty(created)
    return list(targets.values())


def _remove_empty(folders: list[Path]) -> None:
    # Deepest first, so a folder emptied by removing its child goes too.
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()
