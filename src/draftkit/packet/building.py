"""The packet: a town's instruments and their companion documents, built in memory,
checked, and written as one folder and one .zip, all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from draftkit import __version__
from draftkit.audit import audit_policy, audit_report_docx
from draftkit.data.defaults import Policing
from draftkit.data.library import Library, load_library
from draftkit.data.town_models import TownProfile
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft, sound_town
from draftkit.drafting.provenance import file_hash, sha256_bytes
from draftkit.drafting.writing import write_files
from draftkit.errors import DraftkitError, OutputExistsError, raise_if_any
from draftkit.naming import output_name
from draftkit.packet.companions import Companions, load_companions
from draftkit.packet.documents import (
    BASE_TEMPLATE,
    RenderedText,
    build_docx,
    inspect_companion,
    render_text,
)
from draftkit.packet.models import LANGUAGES, Blanks, Language, Precedents
from draftkit.packet.pdf import NOT_INSTALLED, convert_to_pdf, find_soffice
from draftkit.packet.request import route_problem
from draftkit.packet.values import (
    PacketFacts,
    companion_context,
    deadline_warning,
    town_flags,
)
from draftkit.review.checking import problems_for_drafts

ARTICLE_DOCUMENT = "town-meeting-article"
"""The companion text whose ``article`` paragraphs are the article itself, printed again
on every page of the petition and in the letter to the selectboard."""


@dataclass(frozen=True)
class Packet:
    """A finished packet in memory: file name -> bytes (manifest last), and notes for
    the person who asked for it."""

    town: str
    folder: str
    files: dict[str, bytes]
    manifest: dict[str, Any]
    notes: tuple[str, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())
    """What the person must act on: the petition deadline has passed."""

    def zip_bytes(self) -> bytes:
        """The packet as a .zip holding one folder named like the packet's folder."""
        buffer = io.BytesIO()
        stamp = _zip_time(self.manifest["date"])
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.files.items():
                info = zipfile.ZipInfo(f"{self.folder}/{name}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
        return buffer.getvalue()


def _zip_time(date: str) -> tuple[int, int, int, int, int, int]:
    day = dt.date.fromisoformat(date)
    return (day.year, day.month, day.day, 0, 0, 0)


def build_packet(
    library: Library,
    companions: Companions,
    town_name: str,
    facts: PacketFacts,
    *,
    policing: Policing | None = None,
    pdf: bool = False,
    soffice: str | None = None,
    extra_documents: Sequence[tuple[str, bytes]] = (),
) -> Packet:
    """Build a town's packet in memory and check every document in it.

    Args:
        library: The loaded project data.
        companions: The loaded companion texts.
        town_name: Any Vermont municipality, as ``draft`` takes it.
        facts: The packet's date, route, sender and Town Meeting facts.
        policing: Who polices the town, when the registry cannot say.
        pdf: Add a PDF of every Word document, if LibreOffice is installed.
        soffice: The LibreOffice program to use (default: found on the PATH).
        extra_documents: Further (file name, bytes) pairs to put in the packet, such as
            the audit of the town's current policy; Word documents among them get PDFs
            too.

    Raises:
        DraftkitError: any problem with the town, the data, a companion text or a
            rendered document; every problem found is listed.
    """
    resolved = library.resolve_town(town_name, policing)
    profile = resolved.loaded.value
    refused = route_problem(profile, facts.route)
    if refused is not None:
        raise refused
    draft = prepare_draft(library, town_name, "all", DraftOptions(date=facts.date), policing)
    prefix = output_name(facts.date, resolved.slug, "")
    made = build_companions(
        companions, profile, facts, base=library.template_path(BASE_TEMPLATE), prefix=prefix
    )
    files: dict[str, bytes] = {**draft.files, **made.files}
    sources = made.sources
    problems: list[DraftkitError] = []
    for extra_name, data in extra_documents:
        if "/" in extra_name or "\\" in extra_name or extra_name in files or not extra_name:
            problems.append(DraftkitError(f"cannot add {extra_name!r} to the packet"))
            continue
        files[extra_name] = data
    raise_if_any(problems)

    notes: list[str] = []
    if pdf:
        program = soffice or find_soffice()
        if program is None:
            notes.append(NOT_INSTALLED)
        else:
            documents = {n: d for n, d in files.items() if n.endswith(".docx")}
            files.update(convert_to_pdf(documents, soffice=program))

    folder = f"{prefix}packet"
    manifest = {
        "draftkit_version": __version__,
        "date": facts.date.isoformat(),
        "route": facts.route,
        "town": draft.manifest["town"],
        "facts": {
            "sender_given": facts.sender is not None,
            "contact_given": facts.contact is not None,
            "voters": facts.voters,
            "signatures_needed": facts.signatures_needed,
            "meeting_date": facts.meeting_date.isoformat() if facts.meeting_date else None,
            "filing_deadline": (
                facts.filing_deadline.isoformat() if facts.filing_deadline else None
            ),
        },
        "companions": {
            name: {
                language: {"file": shown, "sha256": file_hash(companions.root / shown)}
                for language, shown in by_language.items()
            }
            for name, by_language in sources.items()
        },
        "files": [
            {"name": name, "bytes": len(data), "sha256": sha256_bytes(data)}
            for name, data in files.items()
        ],
    }
    files[f"{prefix}packet-manifest.json"] = (
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    ).encode()
    late = deadline_warning(facts, profile.governing_body.name)
    return Packet(
        town=profile.name,
        folder=folder,
        files=files,
        manifest=manifest,
        notes=tuple(notes),
        warnings=(late,) if late else (),
    )


@dataclass(frozen=True)
class CompanionFiles:
    """The companion documents of one packet, and the data files they came from."""

    files: dict[str, bytes]
    sources: dict[str, dict[str, str]]
    """Document id -> language -> companion file (as shown, relative to the root)."""


def build_companions(
    companions: Companions, town: TownProfile, facts: PacketFacts, *, base: Path, prefix: str
) -> CompanionFiles:
    """Render, write and inspect every companion document the packet's route calls for.

    Args:
        companions: The loaded companion texts.
        town: The town's profile.
        facts: The packet's date, route, sender and Town Meeting facts.
        base: The Word template whose page and styles the documents borrow.
        prefix: The start of every file name (``2026-12-01-st-johnsbury-``).

    Raises:
        ProblemList: every text that fails to render and every document that fails
            inspection.
    """
    blanks = companions.blanks.value if companions.blanks else None
    precedents = companions.precedents.value if companions.precedents else None
    if blanks is None or precedents is None:  # pragma: no cover - load_companions refuses
        raise DraftkitError("companions/blanks.yaml or precedents.yaml is missing")
    flags = town_flags(town, precedents)
    declared = {
        getattr(getattr(blanks, name), language)
        for name in type(blanks).model_fields
        for language in LANGUAGES
    }
    given = [value for value in (facts.sender, facts.contact) if value]
    packet_flags = facts.flags() | flags
    wanted = [
        name
        for name in companions.documents()
        if facts.route in companions.text(name, "en").value.routes
        and not packet_flags & set(companions.text(name, "en").value.unless)
    ]
    article = (
        _article_text(companions, town, facts, blanks, precedents)
        if facts.route == "town-meeting"
        else None
    )
    files: dict[str, bytes] = {}
    sources: dict[str, dict[str, str]] = {}
    problems: list[DraftkitError] = []
    for name in wanted:
        english = companions.text(name, "en")
        languages: tuple[Language, ...] = LANGUAGES if english.value.translated else ("en",)
        for language in languages:
            loaded = companions.text(name, language)
            context = companion_context(
                town, facts, language, blanks, precedents=precedents, article=article
            )
            try:
                rendered = render_text(
                    loaded, name, language, context, town=town, facts=facts, town_flags=flags
                )
            except DraftkitError as problem:
                problems.append(problem)
                continue
            file_name = f"{prefix}{_file_part(rendered, english.value.translated)}.docx"
            data = build_docx(rendered, base=base, legal_name=town.legal_name, date=facts.date)
            problems.extend(inspect_companion(data, name=file_name, blanks=declared, given=given))
            files[file_name] = data
            sources.setdefault(name, {})[language] = loaded.source.shown
    raise_if_any(problems)
    return CompanionFiles(files=files, sources=sources)


def _file_part(rendered: RenderedText, translated: bool) -> str:
    return f"{rendered.document}-{rendered.language}" if translated else rendered.document


def _article_text(
    companions: Companions,
    profile: TownProfile,
    facts: PacketFacts,
    blanks: Blanks,
    precedents: Precedents,
) -> str:
    if ARTICLE_DOCUMENT not in companions.texts.get("en", {}):
        raise DraftkitError(
            f"companions/en/{ARTICLE_DOCUMENT}.yaml is missing",
            hint="restore it from version control",
        )
    loaded = companions.text(ARTICLE_DOCUMENT, "en")
    context = companion_context(profile, facts, "en", blanks, precedents=precedents)
    rendered = render_text(
        loaded,
        ARTICLE_DOCUMENT,
        "en",
        context,
        town=profile,
        facts=facts,
        town_flags=town_flags(profile, precedents),
    )
    return "\n".join(block.text for block in rendered.blocks if block.kind == "article")


@dataclass(frozen=True)
class Written:
    """What ``write_packet`` wrote, and what the person should know."""

    folder: Path
    archive: Path
    files: list[Path]
    notes: tuple[str, ...]
    warnings: tuple[str, ...] = ()


CURRENT_POLICY_AUDIT = "current-policy-audit.docx"
"""How the audit of the town's policy in force ends its name in the packet."""


def write_packet(
    root: Path,
    town_name: str,
    facts: PacketFacts,
    *,
    out_dir: Path,
    force: bool = False,
    policing: Policing | None = None,
    pdf: bool = False,
    extra_documents: Sequence[tuple[str, bytes]] = (),
    current_policy: Path | None = None,
) -> Written:
    """``draftkit packet``: load and check everything, build the packet in memory, then
    write its folder and its .zip into ``out_dir``, all or nothing. With
    ``current_policy``, the audit of the town's policy in force goes in too.

    Raises:
        DraftkitError: any problem with the data, the town or the output folder;
            nothing is written.
    """
    # Another town's broken profile does not stop this town's packet, as with `draft`.
    library = load_library(root, lenient_towns=True)
    raise_if_any(problems_for_drafts(library))
    resolved = sound_town(library, town_name, policing)
    refused = route_problem(resolved.loaded.value, facts.route)
    if refused is not None:
        raise refused
    companions = load_companions(root)
    # Refuse an existing packet before spending seconds on building it; write_files
    # checks again, file by file.
    folder = out_dir / output_name(facts.date, resolved.slug, "packet")
    archive = folder.with_name(f"{folder.name}.zip")
    if not force and (folder.exists() or archive.exists()):
        raise OutputExistsError(
            f"this packet exists: {archive if archive.exists() else folder}",
            hint="pass --force to replace it, or choose another --out",
        )
    if current_policy is not None:
        report = audit_policy(current_policy, library)
        audit_docx = audit_report_docx(report, library, date=facts.date)
        audit_name = output_name(facts.date, resolved.slug, CURRENT_POLICY_AUDIT)
        extra_documents = [*extra_documents, (audit_name, audit_docx)]
    packet = build_packet(
        library,
        companions,
        town_name,
        facts,
        policing=policing,
        pdf=pdf,
        extra_documents=extra_documents,
    )
    outputs = {f"{packet.folder}/{name}": data for name, data in packet.files.items()}
    outputs[f"{packet.folder}.zip"] = packet.zip_bytes()
    paths = write_files(out_dir, outputs, force=force)
    return Written(
        folder=out_dir / packet.folder,
        archive=out_dir / f"{packet.folder}.zip",
        files=paths,
        notes=packet.notes,
        warnings=packet.warnings,
    )


__all__ = [
    "ARTICLE_DOCUMENT",
    "CompanionFiles",
    "Packet",
    "Written",
    "build_companions",
    "build_packet",
    "write_packet",
]
