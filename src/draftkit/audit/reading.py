"""A town's policy in force, read into numbered passages: Word (.docx), PDF, plain text
(.txt) or Markdown (.md). Every way a file can be unreadable is a plain error that
names the file and says what to do; nothing here writes anything.
"""

from __future__ import annotations

import contextlib
import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draftkit.errors import DraftkitError, NotFoundError

MAX_BYTES = 20 * 1024 * 1024
"""Largest file the audit reads. A long police manual as PDF is a few megabytes."""

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""Largest total a .docx may unpack to (a .docx is a zip; this refuses zip bombs)."""

READABLE = (".docx", ".pdf", ".txt", ".md")

_SAVE_HINT = "save the policy as .docx, .pdf, .txt or .md and audit that file"


@dataclass(frozen=True)
class Passage:
    """One paragraph of the policy and where a reader finds it."""

    text: str
    where: str
    """``paragraph 12``, ``page 3`` or ``paragraph 4 (line 17)``."""


@dataclass(frozen=True)
class PolicyText:
    """What the audit reads: the passages in document order."""

    source: str
    kind: str
    """``Word``, ``PDF``, ``text`` or ``Markdown``."""
    passages: tuple[Passage, ...]
    auto_numbered: bool = False
    """Word numbering shows section numbers the text does not hold, so references to
    numbered sections cannot be checked."""

    @property
    def words(self) -> int:
        """How many words the policy has."""
        return sum(len(p.text.split()) for p in self.passages)


def read_policy(path: Path) -> PolicyText:
    """Read a policy file into passages.

    Raises:
        NotFoundError: there is no such file.
        DraftkitError: the file is a folder, empty, too large, of a kind the audit
            cannot read, damaged, password-protected, or holds no text.
    """
    shown = str(path)
    if not path.exists():
        raise NotFoundError("file not found", path=shown, hint="check the file's name and folder")
    if path.is_dir():
        raise DraftkitError("is a folder, not a file", path=shown, hint=_SAVE_HINT)
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        what = f"{suffix} files" if suffix else "files without an extension"
        hint = (
            "open it in Word and save it as .docx"
            if suffix in {".doc", ".rtf", ".odt", ".wpd", ".pages"}
            else _SAVE_HINT
        )
        raise DraftkitError(f"the audit cannot read {what}", path=shown, hint=hint)
    size = path.stat().st_size
    if size == 0:
        raise DraftkitError("the file is empty", path=shown, hint=_SAVE_HINT)
    if size > MAX_BYTES:
        raise DraftkitError(
            f"the file is {size / 1024 / 1024:.0f} MB; the audit reads files up to "
            f"{MAX_BYTES // 1024 // 1024} MB",
            path=shown,
            hint="audit the policy on its own, not a whole manual or a scanned copy",
        )
    if suffix == ".docx":
        policy = _read_docx(path, shown)
    elif suffix == ".pdf":
        policy = _read_pdf(path, shown)
    else:
        policy = _read_text(path, shown, markdown=suffix == ".md")
    if not policy.passages:
        raise DraftkitError("the file holds no text", path=shown, hint=_SAVE_HINT)
    return policy


_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u00a0": " ",
        "\u2011": "-",
        "\u00ad": "",
        "\u200b": "",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Straight quotes, no control characters, one space between words."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return " ".join(_CONTROL.sub(" ", text).split())


# ----------------------------------------------------------------------------- Word

_LEADING_NUMBER = re.compile(r"^(section\s+)?\d+(\.\d+)*[.)]?\s", re.IGNORECASE)


def _read_docx(path: Path, shown: str) -> PolicyText:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    not_docx = DraftkitError(
        "not a Word .docx file: it cannot be opened as one",
        path=shown,
        hint="open it in Word and save it as a .docx document",
    )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise not_docx from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise DraftkitError(
            "the .docx unpacks to more than 200 MB, far more than any policy",
            path=shown,
            hint="save the policy again from Word, without embedded media",
        )
    try:
        document = Document(str(path))
    # python-docx raises many kinds of error on a damaged package (KeyError,
    # ValueError, lxml's XMLSyntaxError, its own PackageNotFoundError); each means
    # the same thing to the user.
    except Exception:
        raise not_docx from None
    passages: list[Passage] = []
    auto_numbered = False

    def paragraphs() -> Iterator[Paragraph]:
        for child in document.element.body.iterchildren():
            if child.tag == qn("w:p"):
                yield Paragraph(child, document)
            elif child.tag == qn("w:tbl"):
                for row in Table(child, document).rows:
                    for cell in row.cells:
                        yield from cell.paragraphs

    for paragraph in paragraphs():
        text = clean(paragraph.text)
        if not text:
            continue
        if _auto_number(paragraph) and not _LEADING_NUMBER.match(text):
            auto_numbered = True
        passages.append(Passage(text=text, where=f"paragraph {len(passages) + 1}"))
    return PolicyText(shown, "Word", tuple(passages), auto_numbered=auto_numbered)


def _auto_number(paragraph: Any) -> bool:
    """Whether Word numbers this paragraph itself (list numbering on the paragraph or
    its style chain), so its number is not in its text. numId 0 means "no numbering"."""
    from docx.oxml.ns import qn

    elements = [paragraph._p]
    style = paragraph.style
    while style is not None:
        elements.append(style.element)
        style = style.base_style
    for element in elements:
        num_id = element.find(f".//{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            return num_id.get(qn("w:val")) not in (None, "0")
    return False


# ------------------------------------------------------------------------------ PDF

_NEW_PARAGRAPH = re.compile(r"^\s*(\d+(\.\d+)*[.)]?\s|[A-Z][A-Z0-9 .,:;'&()/-]{3,}$|[(•\-*]\s)")


def _read_pdf(path: Path, shown: str) -> PolicyText:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    damaged = DraftkitError(
        "not a readable PDF: the file is damaged or is not a PDF",
        path=shown,
        hint="download or export the PDF again, or audit the Word file instead",
    )
    # pypdf logs every repair it makes to a damaged file; the user needs one message.
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        try:
            reader = PdfReader(str(path))
            if reader.is_encrypted and not _opens_without_password(reader):
                raise DraftkitError(
                    "the PDF is protected by a password",
                    path=shown,
                    hint="ask the town for an unprotected copy or the Word file",
                )
            pages = [page.extract_text() or "" for page in reader.pages]
        except DraftkitError:
            raise
        # Damaged PDFs surface as pypdf errors, but also as ValueError, KeyError or
        # struct errors from deep inside the parser; all mean "cannot read this PDF".
        except (PyPdfError, Exception):
            raise damaged from None
    finally:
        quiet.setLevel(level)
    passages: list[Passage] = []
    for number, page in enumerate(pages, start=1):
        for text in _pdf_paragraphs(page):
            passages.append(Passage(text=text, where=f"page {number}"))
    if not passages:
        raise DraftkitError(
            "the PDF holds no text: it is probably a scan",
            path=shown,
            hint="ask the town for the Word file, or run the PDF through text recognition",
        )
    return PolicyText(shown, "PDF", tuple(passages))


def _opens_without_password(reader: object) -> bool:
    # Many town PDFs are "encrypted" with an empty user password (to stop editing);
    # those open and can be read.
    with contextlib.suppress(Exception):
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    return False


def _pdf_paragraphs(page: str) -> list[str]:
    paragraphs: list[str] = []
    current = ""
    for line in page.splitlines():
        if not line.strip():
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current and _NEW_PARAGRAPH.match(line):
            paragraphs.append(current)
            current = ""
        if current.endswith("-") and line[:1].islower():
            current = current[:-1] + line.strip()
        else:
            current = f"{current} {line.strip()}" if current else line.strip()
    if current:
        paragraphs.append(current)
    return [text for text in (clean(p) for p in paragraphs) if text]


# ----------------------------------------------------------------------------- text


def _read_text(path: Path, shown: str, *, markdown: bool) -> PolicyText:
    data = path.read_bytes()
    if b"\x00" in data:
        raise DraftkitError("not a text file: it holds binary data", path=shown, hint=_SAVE_HINT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # Notepad and older Word save "plain text" as Windows-1252.
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise DraftkitError(
                "not UTF-8 text", path=shown, hint="save the file as UTF-8 text"
            ) from None
    passages: list[Passage] = []
    block: list[str] = []
    start = 0
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if line.strip():
            if not block:
                start = number
            block.append(_strip_markdown(line) if markdown else line)
            continue
        joined = clean(" ".join(block))
        block = []
        if joined:
            where = f"paragraph {len(passages) + 1} (line {start})"
            passages.append(Passage(text=joined, where=where))
    return PolicyText(shown, "Markdown" if markdown else "text", tuple(passages))


_MARKDOWN = re.compile(r"^\s*(#{1,6}\s+|>\s*|[-*+]\s+)")


def _strip_markdown(line: str) -> str:
    return _MARKDOWN.sub("", line).replace("**", "").replace("__", "")


# ------------------------------------------------------------------------- sentences

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[\"'(A-Z0-9])|(?<=;)\s+")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.)+$|\b(?:e\.g|i\.e|No|Nos|Mr|Ms|Mrs|Dr|St|Sec|Gen|Stat|v|vs|Inc|Co|Dept|"
    r"Art|Ch|Ord|Id|cf|et al)\.$|§§?\s*$"
)
_NUMBER_ONLY = re.compile(r"\(?[0-9A-Za-z]{1,3}(\.\d+)*[.)]")


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (a semicolon ends one too), keeping citations
    such as "8 U.S.C. § 1373" and section numbers such as "4.2." whole."""
    pieces = _SENTENCE_END.split(text)
    out: list[str] = []
    for piece in pieces:
        if out and (_ABBREVIATION.search(out[-1]) or _NUMBER_ONLY.fullmatch(out[-1])):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return [s.strip() for s in out if s.strip()]
