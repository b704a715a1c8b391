"""A Word file as a zip package in memory: read once (refusing zip bombs), write fast.

A draft changes a handful of a template's parts (the body, headers, footers, the
document properties and the embedded manifest); the rest (styles, theme, fonts: about
nine tenths of the bytes) is the same for every draft. :class:`PackageReader` keeps each
part's compressed bytes as the template holds them, and :func:`write_package` copies
them into the new file without inflating and deflating them again. Only the changed
parts are compressed, which makes writing a draft about as cheap as the zip format
allows.
"""

from __future__ import annotations

import binascii
import io
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from draftkit.errors import TemplateProblem

MAX_PART_BYTES = 16 * 1024 * 1024
"""Largest part a template may hold once inflated."""

MAX_PACKAGE_BYTES = 64 * 1024 * 1024
"""Largest total a template may inflate to."""

MAX_RATIO = 200
"""Largest inflation ratio of a part over 1 MB; real Word parts stay well under 50."""

_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_CENTRAL_HEADER = struct.Struct("<IHHHHHHIIIHHHHHII")
_END_RECORD = struct.Struct("<IHHHHIIH")
_UTF8_NAMES = 0x800
# 1980-01-01 00:00 in DOS form: zip entry times say nothing useful about a draft, and
# a fixed stamp keeps two drafts of the same text byte-identical.
_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1


@dataclass(frozen=True)
class _Entry:
    method: int
    crc: int
    size: int
    data: bytes  # compressed as ``method`` says


class PackageReader:
    """The parts of a .docx, read once.

    Raises:
        TemplateProblem: the file is not a zip, is damaged, is encrypted or would
            inflate far beyond its packed size.
    """

    def __init__(self, source: Path | bytes, *, shown: str) -> None:
        self.shown = shown
        data = source if isinstance(source, bytes) else self._read(source)
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
            raise self._problem(f"is not a Word file (not a readable zip: {exc})") from None
        self._check_sizes(infos)
        self._entries: dict[str, _Entry] = {}
        view = memoryview(data)
        for info in infos:
            if info.flag_bits & 0x1:
                raise self._problem(f"holds an encrypted part ({info.filename})")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self._problem(f"holds a part packed in an unusual way ({info.filename})")
            start = info.header_offset
            fields = _LOCAL_HEADER.unpack_from(view, start) if start + 30 <= len(data) else None
            if fields is None or fields[0] != 0x04034B50:
                raise self._problem(f"is damaged: the part {info.filename} cannot be found")
            begin = start + 30 + fields[9] + fields[10]
            raw = bytes(view[begin : begin + info.compress_size])
            if len(raw) != info.compress_size:
                raise self._problem(f"is cut short: the part {info.filename} is incomplete")
            self._entries[info.filename] = _Entry(info.compress_type, info.CRC, info.file_size, raw)

    @staticmethod
    def _read(path: Path) -> bytes:
        try:
            return path.read_bytes()
        except IsADirectoryError:
            raise TemplateProblem(
                "is a folder, not a Word file", path=path, hint="restore the .docx"
            ) from None
        except OSError as exc:
            raise TemplateProblem(
                f"cannot be read: {exc.strerror}",
                path=path,
                hint="check that the file exists and that you may read it",
            ) from None

    def _problem(self, what: str) -> TemplateProblem:
        return TemplateProblem(
            what,
            path=self.shown,
            hint="open it in Word and save it again as a .docx, or restore it from version control",
        )

    def _check_sizes(self, infos: list[zipfile.ZipInfo]) -> None:
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_PART_BYTES or (
                info.file_size > 1024 * 1024 and ratio > MAX_RATIO
            ):
                raise self._problem(
                    f"has a part ({info.filename}) that would inflate to "
                    f"{info.file_size:,} bytes; a template is refused before unpacking it"
                )
        if total > MAX_PACKAGE_BYTES:
            raise self._problem(
                f"would inflate to {total:,} bytes; a template is refused before unpacking it"
            )

    def names(self) -> list[str]:
        """Part names in the package's order."""
        return list(self._entries)

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def read(self, name: str) -> bytes:
        """One part, inflated and checked against its CRC.

        Raises:
            TemplateProblem: the part is missing or damaged.
        """
        entry = self._entries.get(name)
        if entry is None:
            raise self._problem(f"has no {name}; it is not a Word document")
        try:
            data = (
                entry.data
                if entry.method == zipfile.ZIP_STORED
                else zlib.decompressobj(-15).decompress(entry.data, entry.size + 1)
            )
        except zlib.error:
            raise self._problem(f"is damaged: the part {name} does not inflate") from None
        if len(data) != entry.size or binascii.crc32(data) != entry.crc:
            raise self._problem(f"is damaged: the part {name} fails its checksum")
        return data

    def copy_entry(self, name: str) -> _Entry:
        """The packed form of a part, for :func:`write_package`."""
        return self._entries[name]


def write_package(reader: PackageReader, replaced: Mapping[str, bytes], *, level: int = 6) -> bytes:
    """A new package: the reader's parts in order, ``replaced`` ones (and new ones, at
    the end) compressed afresh, the others copied as they are packed."""
    out = io.BytesIO()
    central: list[bytes] = []
    names = reader.names() + [n for n in replaced if n not in reader]
    for name in names:
        if name in replaced:
            data = replaced[name]
            packer = zlib.compressobj(level, zlib.DEFLATED, -15)
            entry = _Entry(
                zipfile.ZIP_DEFLATED,
                binascii.crc32(data),
                len(data),
                packer.compress(data) + packer.flush(),
            )
        else:
            entry = reader.copy_entry(name)
        encoded = name.encode("utf-8")
        offset = out.tell()
        out.write(
            _LOCAL_HEADER.pack(
                0x04034B50,
                20,
                _UTF8_NAMES,
                entry.method,
                _DOS_TIME,
                _DOS_DATE,
                entry.crc,
                len(entry.data),
                entry.size,
                len(encoded),
                0,
            )
        )
        out.write(encoded)
        out.write(entry.data)
        central.append(
            _CENTRAL_HEADER.pack(
                0x02014B50,
                20,
                20,
                _UTF8_NAMES,
                entry.method,
                _DOS_TIME,
                _DOS_DATE,
                entry.crc,
                len(entry.data),
                entry.size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(
        _END_RECORD.pack(0x06054B50, 0, 0, len(central), len(central), len(directory), start, 0)
    )
    return out.getvalue()


__all__ = ["MAX_PACKAGE_BYTES", "MAX_PART_BYTES", "PackageReader", "write_package"]
