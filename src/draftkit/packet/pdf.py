"""PDFs of Word documents through LibreOffice (``soffice``), when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from draftkit.errors import DraftkitError

TIMEOUT_SECONDS = 300
"""How long LibreOffice may take for a whole packet before draftkit gives up."""

NOT_INSTALLED = (
    "LibreOffice is not installed, so the packet has no PDFs; the Word documents are "
    "written. To add PDFs, install it (Debian/Ubuntu: sudo apt-get install "
    "libreoffice-writer-nogui) and run the command again with --force."
)


def find_soffice() -> str | None:
    """The LibreOffice program, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(
    documents: Mapping[str, bytes], *, soffice: str, timeout: float = TIMEOUT_SECONDS
) -> dict[str, bytes]:
    """PDFs of ``documents`` (name -> .docx bytes): ``letter.docx`` -> ``letter.pdf``.

    One LibreOffice process converts them all, with a profile of its own so that it
    neither waits for nor disturbs a LibreOffice the user has open.

    Raises:
        DraftkitError: LibreOffice failed, timed out, or left a PDF out.
    """
    if not documents:
        return {}
    with tempfile.TemporaryDirectory(prefix="draftkit-pdf-") as temp:
        folder = Path(temp)
        sources = []
        for name, data in documents.items():
            path = folder / "in" / name
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            sources.append(str(path))
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            *sources,
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=True)
        except subprocess.TimeoutExpired:
            raise DraftkitError(
                f"LibreOffice took more than {timeout:.0f} seconds to make the PDFs",
                hint="run again without --pdf, or close other LibreOffice windows and retry",
            ) from None
        except (subprocess.CalledProcessError, OSError) as exc:
            raise DraftkitError(
                f"LibreOffice could not make the PDFs: {exc}",
                hint="run again without --pdf",
            ) from None
        pdfs: dict[str, bytes] = {}
        missing = []
        for name in documents:
            pdf_name = Path(name).with_suffix(".pdf").name
            target = folder / "out" / pdf_name
            if target.exists():
                pdfs[pdf_name] = target.read_bytes()
            else:
                missing.append(name)
        if missing:
            raise DraftkitError(
                f"LibreOffice made no PDF of {', '.join(missing)}",
                hint="open the document in LibreOffice to see why, or run without --pdf",
            )
        return pdfs


__all__ = ["NOT_INSTALLED", "TIMEOUT_SECONDS", "convert_to_pdf", "find_soffice"]
