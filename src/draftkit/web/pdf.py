"""PDFs through LibreOffice, when the server has it: one conversion at a time per slot,
each with a timeout, in a temporary folder that is removed afterwards."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

TIMEOUT_SECONDS = 60
MAX_AT_ONCE = 2

_slots = threading.BoundedSemaphore(MAX_AT_ONCE)


class PdfUnavailable(Exception):
    """LibreOffice is missing, busy past the timeout, or failed on the document."""


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(name: str, data: bytes, *, program: str | None = None) -> bytes:
    """Convert one .docx (bytes) to PDF bytes.

    Raises:
        PdfUnavailable: no LibreOffice, no free slot in time, a timeout or a failure.
    """
    program = program or soffice()
    if program is None:
        raise PdfUnavailable("LibreOffice is not installed on this server")
    if not _slots.acquire(timeout=TIMEOUT_SECONDS):
        raise PdfUnavailable("too many conversions at once")
    try:
        with tempfile.TemporaryDirectory(prefix="draftkit-pdf-") as folder:
            work = Path(folder)
            # The file name is the core's output name, never a request value.
            source = work / "document.docx"
            source.write_bytes(data)
            profile = (work / "profile").as_uri()
            try:
                subprocess.run(
                    [
                        program,
                        f"-env:UserInstallation={profile}",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        str(work),
                        str(source),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=TIMEOUT_SECONDS,
                )
            except (subprocess.SubprocessError, OSError) as exc:
                raise PdfUnavailable(f"conversion of {name} failed: {exc}") from None
            result = work / "document.pdf"
            if not result.exists():
                raise PdfUnavailable(f"conversion of {name} produced no PDF")
            return result.read_bytes()
    finally:
        _slots.release()
