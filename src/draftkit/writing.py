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
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DraftkitError(f"cannot create the folder {out_dir}: {exc.strerror}") from None
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
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
    except OSError as exc:
        raise DraftkitError(f"cannot write into {out_dir}: {exc.strerror}") from None
    finally:
        for temp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
    return list(targets.values())
