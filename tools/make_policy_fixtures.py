"""Build the Word and PDF test policies from their text versions.

    .venv/bin/python tools/make_policy_fixtures.py

Writes tests/fixtures/policies/{loophole-wording,closes-all}.docx from the .txt files
(numbered section titles become headings) and converts them to PDF with LibreOffice,
so every format the audit reads holds the same words. Run it after editing a .txt.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.shared import Pt

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "policies"
NAMES = ("loophole-wording", "closes-all")
HEADING = re.compile(r"^(\d+\. )?[A-Z][A-Z0-9 .,:'&-]+$")


def build_docx(text: str) -> Document:
    document = Document()
    document.styles["Normal"].font.name = "Liberation Serif"
    document.styles["Normal"].font.size = Pt(11)
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    for line in blocks[0].splitlines():
        document.add_paragraph(line.strip(), style="Title")
    for block in blocks[1:]:
        line = " ".join(block.split())
        if HEADING.match(line):
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    document.core_properties.author = "draftkit tests"
    return document


def main() -> None:
    for name in NAMES:
        source = FOLDER / f"{name}.txt"
        target = FOLDER / f"{name}.docx"
        build_docx(source.read_text(encoding="utf-8")).save(str(target))
        with tempfile.TemporaryDirectory() as out:
            subprocess.run(
                ["soffice", "--headless", "--convert-to", "pdf", "--outdir", out, str(target)],
                check=True,
                capture_output=True,
            )
            (FOLDER / f"{name}.pdf").write_bytes((Path(out) / f"{name}.pdf").read_bytes())
        print(f"wrote {target} and {name}.pdf")


if __name__ == "__main__":
    main()
