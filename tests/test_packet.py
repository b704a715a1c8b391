"""draftkit packet: the folder and .zip, their manifest, the companion documents'
golden text, the Town Meeting route, and refused input (exit 1, nothing written)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from tests.conftest import REPO, run

from draftkit.data.defaults import Policing
from draftkit.data.library import load_library
from draftkit.dates import RANGE_HINT, latest
from draftkit.errors import DraftkitError
from draftkit.packet import PacketFacts, build_packet, building, load_companions, packet_facts
from draftkit.packet.pdf import convert_to_pdf
from draftkit.word.inspection import text_lines

SNAPSHOTS = Path(__file__).parent / "snapshots" / "packet"
LIBRARY = load_library(REPO)
COMPANIONS = load_companions(REPO)
DATE = dt.date(2026, 12, 1)
FOLDER = "2026-12-01-st-johnsbury-packet"
PACKET = ("packet", "St. Johnsbury", "--date", "2026-12-01")


@pytest.fixture(scope="module")
def resolution_packet() -> building.Packet:
    return build_packet(
        LIBRARY,
        COMPANIONS,
        "St. Johnsbury",
        PacketFacts(date=DATE),
        extra_documents=[("2026-12-01-st-johnsbury-audit.txt", b"audit\n")],
    )


@pytest.fixture(scope="module")
def town_meeting_packet() -> building.Packet:
    facts = PacketFacts(
        date=DATE,
        route="town-meeting",
        sender="Ana Example",
        contact="ana@example.org",
        voters=4850,
        meeting_date=dt.date(2027, 3, 2),
    )
    return build_packet(LIBRARY, COMPANIONS, "St. Johnsbury", facts)


def _companion_text(packet: building.Packet, language: str) -> str:
    """Every companion document of one language, in file order, as style | text."""
    parts = []
    for name, data in packet.files.items():
        if not name.endswith(".docx") or "resolution" in name or "directive" in name:
            continue
        translated = name.endswith(("-en.docx", "-es.docx"))
        if (language == "es") != name.endswith("-es.docx") or (
            language == "en" and translated and not name.endswith("-en.docx")
        ):
            continue
        parts.append(f"=== {name}\n" + "\n".join(text_lines(data)))
    return "\n".join(parts) + "\n"


@pytest.mark.parametrize("route", ["resolution", "town-meeting"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_companion_documents_match_their_snapshots(
    route: str,
    language: str,
    resolution_packet: building.Packet,
    town_meeting_packet: building.Packet,
    update_snapshots: bool,
) -> None:
    packet = resolution_packet if route == "resolution" else town_meeting_packet
    text = _companion_text(packet, language)
    golden = SNAPSHOTS / f"st-johnsbury-{route}-{language}.txt"
    if update_snapshots:
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no snapshot yet: run `make snapshots` and review {golden}"
    assert text == golden.read_text(encoding="utf-8")


def test_the_packet_holds_the_instruments_and_every_companion(
    resolution_packet: building.Packet,
) -> None:
    prefix = "2026-12-01-st-johnsbury-"
    assert list(resolution_packet.files) == [
        prefix + name
        for name in (
            "selectboard-resolution.docx",
            "police-directive.docx",
            "manifest.json",
            "checklist-en.docx",
            "checklist-es.docx",
            "cover-letter.docx",
            "explainer-en.docx",
            "explainer-es.docx",
            "talking-points-en.docx",
            "talking-points-es.docx",
            "audit.txt",
            "packet-manifest.json",
        )
    ]


def test_unfilled_values_are_marked_blanks_and_the_only_brackets(
    resolution_packet: building.Packet,
) -> None:
    letter = text_lines(resolution_packet.files["2026-12-01-st-johnsbury-cover-letter.docx"])
    assert letter[-3:] == [
        "Signature Line | [sender's name]",
        "Signature Line | [sender's email or telephone]",
        "footer: Page Footer | Town of St. Johnsbury — Letter to the Selectboard — Page 1 of 1",
    ]


def test_the_petition_counts_signatures_and_gives_the_deadline(
    town_meeting_packet: building.Packet,
) -> None:
    petition = text_lines(
        town_meeting_packet.files["2026-12-01-st-johnsbury-town-meeting-petition.docx"]
    )
    assert petition[0].startswith(
        "header: Page Footer | PETITION TO THE SELECTBOARD OF THE TOWN OF ST. JOHNSBURY. We, "
        "the undersigned registered voters of the Town of St. Johnsbury, ask that the "
        "following article be included in the warning for the annual meeting on March 2, "
        "2027: Shall the voters of the Town of St. Johnsbury call on the Selectboard"
    )
    assert (
        "Body Text Justified | Signatures needed: at least 243, that is 5% of the 4,850 voters "
        "on the checklist (17 V.S.A. § 2642(a)(3)(A)). File with the Town Clerk by January 14, "
        "2027, 47 days before the annual meeting; the Town Clerk confirms the deadline."
    ) in petition
    assert "cell 21.1 Normal | 20" in petition


def test_cli_writes_the_folder_and_a_zip_with_a_true_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without LibreOffice, --pdf says so and the Word documents are still written.
    monkeypatch.setattr(building, "find_soffice", lambda: None)
    # Typed values are printed as text, never run as templates or taken for blanks.
    sender = "{{ 7*7 }} [Ana]"
    result = run(
        REPO, *PACKET, "--out", str(tmp_path), "--sender", sender, "--contact", "None", "--pdf"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote {tmp_path / FOLDER}/ (11 files)\nwrote {tmp_path / FOLDER}.zip\n"
    )
    assert result.stderr == (
        "note: LibreOffice is not installed, so the packet has no PDFs; the Word documents "
        "are written. To add PDFs, install it (Debian/Ubuntu: sudo apt-get install "
        "libreoffice-writer-nogui) and run the command again with --force.\n"
    )
    folder = tmp_path / FOLDER
    on_disk = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    with zipfile.ZipFile(tmp_path / f"{FOLDER}.zip") as archive:
        zipped = {Path(n).name: archive.read(n) for n in archive.namelist()}
        assert all(n.startswith(f"{FOLDER}/") for n in archive.namelist())
    assert zipped == on_disk
    letter = text_lines(on_disk["2026-12-01-st-johnsbury-cover-letter.docx"])
    assert "Signature Line | {{ 7*7 }} [Ana]" in letter
    assert "Signature Line | None" in letter
    manifest = json.loads(on_disk.pop("2026-12-01-st-johnsbury-packet-manifest.json"))
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == {
        name: hashlib.sha256(data).hexdigest() for name, data in on_disk.items()
    }
    assert manifest["route"] == "resolution"
    assert manifest["facts"]["sender_given"] is True
    assert manifest["companions"]["explainer"]["es"]["file"] == "companions/es/explainer.yaml"


def test_an_existing_packet_is_not_replaced_without_force(tmp_path: Path) -> None:
    assert run(REPO, *PACKET, "--out", str(tmp_path)).exit_code == 0
    before = (tmp_path / f"{FOLDER}.zip").read_bytes()
    again = run(REPO, *PACKET, "--out", str(tmp_path), "--sender", "B")
    assert again.exit_code == 1
    assert again.stderr == (
        f"error: this packet exists: {tmp_path / FOLDER}.zip\n"
        "  hint: pass --force to replace it, or choose another --out\n"
    )
    assert (tmp_path / f"{FOLDER}.zip").read_bytes() == before


@pytest.mark.parametrize(
    ("town", "policing", "expected"),
    [
        ("Addison", "sheriff", "and call on the Sheriff to add these protections"),
        ("Bridport", "state_police", "call on the Vermont State Police and the Vermont"),
    ],
)
def test_the_article_addresses_whoever_polices_the_town(
    town: str, policing: str, expected: str
) -> None:
    said = Policing(arrangement=policing)  # type: ignore[arg-type]
    profile = LIBRARY.resolve_town(town, said).loaded.value
    made = building.build_companions(
        COMPANIONS,
        profile,
        PacketFacts(date=DATE, route="town-meeting"),
        base=LIBRARY.template_path(building.BASE_TEMPLATE),
        prefix="",
    )
    article = " ".join(" ".join(text_lines(made.files["town-meeting-article-en.docx"])).split())
    assert expected in article
    checklist = text_lines(made.files["checklist-es.docx"])
    assert any("[número de firmas]" in line for line in checklist)
    assert any("[fecha límite]" in line for line in checklist)


def test_extra_documents_join_the_packet_and_its_manifest(
    resolution_packet: building.Packet,
) -> None:
    assert resolution_packet.files["2026-12-01-st-johnsbury-audit.txt"] == b"audit\n"
    assert {
        "name": "2026-12-01-st-johnsbury-audit.txt",
        "bytes": 6,
        "sha256": hashlib.sha256(b"audit\n").hexdigest(),
    } in resolution_packet.manifest["files"]


REFUSED = {
    "unknown town": (
        ("packet", "Atlantis", "--date", "2026-12-01"),
        "error: no Vermont municipality named 'Atlantis'\n"
        "  hint: `draftkit towns list` lists every Vermont municipality\n",
    ),
    "voters not a number": (
        (*PACKET, "--route", "town-meeting", "--voters", "many"),
        "error: --voters: 'many' is not a whole number\n"
        "  hint: give the number of voters on the town's checklist, e.g. --voters 4850\n",
    ),
    "no voters": (
        (*PACKET, "--route", "town-meeting", "--voters", "0"),
        "error: --voters: 0 voters is not a Vermont town's checklist\n"
        "  hint: ask the town clerk how many voters are on the checklist\n",
    ),
    "impossible meeting date": (
        (*PACKET, "--route", "town-meeting", "--meeting-date", "2027-02-30"),
        "error: --meeting-date: '2027-02-30' is not a date\n"
        "  hint: write it as YYYY-MM-DD, e.g. 2027-03-02\n",
    ),
    "week date for the meeting": (
        (*PACKET, "--route", "town-meeting", "--meeting-date", "2027-W10-2"),
        "error: --meeting-date: '2027-W10-2' is not a date\n"
        "  hint: write it as YYYY-MM-DD, e.g. 2027-03-02\n",
    ),
    "meeting in the year 9999": (
        (*PACKET, "--route", "town-meeting", "--meeting-date", "9999-03-02"),
        "error: --meeting-date: 9999-03-02 is outside the dates draftkit accepts "
        f"(2000-01-01 to {latest().isoformat()})\n  hint: {RANGE_HINT}\n",
    ),
    "meeting before the packet": (
        (*PACKET, "--route", "town-meeting", "--meeting-date", "2026-03-03"),
        "error: --meeting-date: 2026-03-03 is not after the packet's date, 2026-12-01\n"
        "  hint: give the date of the next annual meeting\n",
    ),
    "voters for a resolution": (
        (*PACKET, "--voters", "100"),
        "error: --voters is for the Town Meeting route\n"
        "  hint: add --route town-meeting, or leave --voters out\n",
    ),
    "control character in sender": (
        (*PACKET, "--sender", "Ana\x00Example"),
        "error: --sender: the value holds U+0000 (a control character), which a Word "
        "document cannot hold\n"
        "  hint: retype it with ordinary letters; if it came from another program, check "
        "that the file or terminal uses UTF-8\n",
    ),
    "blank marker in contact": (
        (*PACKET, "--contact", "a\ue000b"),
        "error: --contact: the value holds a private-use character that draftkit reserves "
        "for marked blanks\n"
        "  hint: retype it with ordinary letters; if it came from another program, check "
        "that the file or terminal uses UTF-8\n",
    ),
    "town meeting for a city": (
        ("packet", "burlington", "--date", "2026-12-01", "--route", "town-meeting"),
        "error: --route town-meeting: Burlington is a city, and draftkit drafts a Town "
        "Meeting article and petition (17 V.S.A. § 2642) only for a town: a city's charter "
        "governs its annual meeting, and draftkit does not know its rules\n"
        "  hint: use --route resolution, which asks the City Council to adopt the "
        "resolution, or ask the City Clerk or the city's counsel whether voters can put an "
        "article on the warning of the city's annual meeting\n",
    ),
    "town meeting for a village": (
        ("packet", "Village of Woodstock", "--date", "2026-12-01", "--route", "town-meeting"),
        "error: --route town-meeting: Woodstock is a village, and draftkit drafts a Town "
        "Meeting article and petition (17 V.S.A. § 2642) only for a town: a village's "
        "annual meeting follows its charter or its own rules, and draftkit does not know "
        "its rules\n"
        "  hint: use --route resolution, which asks the Board of Trustees to adopt the "
        "resolution, or ask the Village Clerk or the village's counsel whether voters can "
        "put an article on the warning of the village's annual meeting\n",
    ),
    "two problems at once": (
        (*PACKET, "--route", "town-meeting", "--voters", "x", "--meeting-date", "soon"),
        "--voters: 'x' is not a whole number\n"
        "  hint: give the number of voters on the town's checklist, e.g. --voters 4850\n"
        "--meeting-date: 'soon' is not a date\n"
        "  hint: write it as YYYY-MM-DD, e.g. 2027-03-02\n"
        "error: 2 problems found\n",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_bad_input_is_refused_and_nothing_is_written(case: str, tmp_path: Path) -> None:
    args, message = REFUSED[case]
    result = run(REPO, *args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == message
    assert not (tmp_path / "out").exists()


CONFIGS = {
    "bad-yaml": (
        "sender: Ana\ncontact: [unclosed\n",
        "{path}:3: not valid YAML: did not find expected ',' or ']'\n"
        "  hint: check the indentation and quoting on this line and the one before it\n",
    ),
    "unknown-field": (
        "sender: Ana\ncontact: ana@example.org\nphone: 555\n",
        "{path}:3: phone: unknown field\n"
        "  hint: remove it or fix its spelling; allowed here: sender, contact\n",
    ),
    "control-character": (
        'sender: "Ana\\x07"\ncontact: ana@example.org\n',
        "{path}:1: sender: the value holds U+0007 (a control character), which a Word "
        "document cannot hold\n"
        "  hint: retype it with ordinary letters; if it came from another program, check "
        "that the file or terminal uses UTF-8\n",
    ),
}


@pytest.mark.parametrize("case", list(CONFIGS))
def test_a_bad_config_file_is_refused_with_its_line(case: str, tmp_path: Path) -> None:
    text, message = CONFIGS[case]
    config = tmp_path / "packet.yaml"
    config.write_text(text, encoding="utf-8")
    result = run(REPO, *PACKET, "--config", str(config), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == message.format(path=config) + "error: 1 problem in 1 file\n"
    assert not (tmp_path / "out").exists()


def test_a_config_file_gives_sender_and_contact(tmp_path: Path) -> None:
    config = tmp_path / "packet.yaml"
    config.write_text("sender: Ana Example\ncontact: |\n  ana@example.org\n  802-555-0100\n")
    facts = packet_facts(date=DATE, route="resolution", config=config)
    assert (facts.sender, facts.contact) == ("Ana Example", "ana@example.org\n802-555-0100")


def test_petition_facts_are_counted() -> None:
    facts = packet_facts(date=DATE, route="town-meeting", voters="4,801", meeting_date="2027-03-02")
    assert (facts.voters, facts.signatures_needed) == (4801, 241)
    assert facts.filing_deadline == dt.date(2027, 1, 14)
    assert facts.flags() == {"voters_given", "meeting_date_given"}
    late = packet_facts(date=dt.date(2027, 2, 1), route="town-meeting", meeting_date="2027-03-02")
    assert "deadline_passed" in late.flags()


def test_config_and_sender_together_are_refused(tmp_path: Path) -> None:
    config = tmp_path / "packet.yaml"
    config.write_text("sender: A\ncontact: B\n")
    result = run(
        REPO, *PACKET, "--config", str(config), "--sender", "C", "--out", str(tmp_path / "o")
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "error: --config cannot be combined with --sender or --contact\n"
        "  hint: put the sender and contact in the config file, or leave it out\n"
    )


def test_pdfs_come_from_one_libreoffice_run(tmp_path: Path) -> None:
    fake = tmp_path / "soffice"
    # Stands in for LibreOffice: writes "PDF of NAME" for each input into --outdir.
    fake.write_text(
        "#!/bin/sh\n"
        'while [ "$1" != "--outdir" ]; do shift; done; out=$2; shift 2; mkdir -p "$out"\n'
        'for f in "$@"; do b=$(basename "$f" .docx); echo "PDF of $b" > "$out/$b.pdf"; done\n'
    )
    fake.chmod(0o755)
    pdfs = convert_to_pdf({"a.docx": b"x", "b.docx": b"y"}, soffice=str(fake))
    assert pdfs == {"a.pdf": b"PDF of a\n", "b.pdf": b"PDF of b\n"}


def test_a_failing_libreoffice_is_an_error(tmp_path: Path) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    with pytest.raises(DraftkitError) as caught:
        convert_to_pdf({"a.docx": b"x"}, soffice=str(fake))
    assert str(caught.value) == (
        "LibreOffice made no PDF of a.docx\n"
        "  hint: open the document in LibreOffice to see why, or run without --pdf"
    )


def test_the_audit_of_the_policy_in_force_joins_the_packet(tmp_path: Path) -> None:
    policy = Path(__file__).parent / "fixtures" / "policies" / "loophole-wording.docx"
    result = run(REPO, *PACKET, "--out", str(tmp_path), "--current-policy", str(policy))
    assert result.exit_code == 0, result.output
    audit = tmp_path / FOLDER / "2026-12-01-st-johnsbury-current-policy-audit.docx"
    text = "\n".join(text_lines(audit.read_bytes()))
    assert "cell 2.2 Normal | Left open" in text
    manifest = json.loads((tmp_path / FOLDER / f"{FOLDER[:-7]}-packet-manifest.json").read_text())
    assert "2026-12-01-st-johnsbury-current-policy-audit.docx" in {
        f["name"] for f in manifest["files"]
    }


def test_a_missing_policy_in_force_stops_the_packet(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.docx"
    result = run(REPO, *PACKET, "--out", str(tmp_path / "out"), "--current-policy", str(missing))
    assert result.exit_code == 1
    assert str(missing) in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_the_spanish_article_is_labelled_a_courtesy_translation(
    town_meeting_packet: building.Packet,
) -> None:
    prefix = "2026-12-01-st-johnsbury-town-meeting-article"
    spanish = text_lines(town_meeting_packet.files[f"{prefix}-es.docx"])
    assert spanish[1] == "Title | Artículo para la asamblea del pueblo: traducción de cortesía"
    assert spanish[2].startswith(
        "Body Text Justified | Esta es una traducción de cortesía. El texto oficial es el "
        "artículo en inglés"
    )
    # The petition and the letter quote the English article, never the translation.
    petition = text_lines(
        town_meeting_packet.files["2026-12-01-st-johnsbury-town-meeting-petition.docx"]
    )
    assert "Shall the voters of the Town of St. Johnsbury" in petition[0]
    assert "¿Pedirán" not in " ".join(petition)


@pytest.mark.parametrize("expression", ["{{ 1 // 0 }}", "{{ range(10**9) | list }}"])
def test_a_companion_text_that_fails_at_run_time_is_a_plain_error(
    tmp_path: Path, expression: str
) -> None:
    import shutil

    root = tmp_path / "project"
    for folder in ("towns", "clauses", "resolutions", "companions"):
        shutil.copytree(REPO / folder, root / folder)
    for language in ("en", "es"):
        path = root / "companions" / language / "explainer.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("{{ town.name }}\n", f"{{{{ town.name }}}} {expression}\n", 1))
    result = run(root, *PACKET, "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "companions/en/explainer.yaml:3: title:" in result.stderr
    assert "hint:" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_every_word_document_in_a_packet_carries_real_properties(tmp_path: Path) -> None:
    import io as _io

    from docx import Document as _Document

    policy = Path(__file__).parent / "fixtures" / "policies" / "loophole-wording.txt"
    result = run(REPO, *PACKET, "--out", str(tmp_path), "--current-policy", str(policy))
    assert result.exit_code == 0, result.output
    documents = sorted((tmp_path / FOLDER).glob("*.docx"))
    assert len(documents) >= 9
    for path in documents:
        core = _Document(_io.BytesIO(path.read_bytes())).core_properties
        assert core.title and core.author, path.name
        assert core.author != "python-docx", path.name
        assert core.created is not None and core.created.date() == DATE, path.name
        assert "draftkit" in (core.comments or ""), path.name


def test_the_town_meeting_route_is_refused_for_a_city_in_the_library_too() -> None:
    facts = PacketFacts(date=DATE, route="town-meeting")
    with pytest.raises(DraftkitError, match=r"^--route town-meeting: Winooski is a city"):
        build_packet(LIBRARY, COMPANIONS, "Winooski", facts)


def test_the_town_meeting_packet_names_the_clerk_by_the_profile_s_title(
    town_meeting_packet: building.Packet,
) -> None:
    texts = {
        name: " ".join(text_lines(data))
        for name, data in town_meeting_packet.files.items()
        if name.endswith(("checklist-en.docx", "petition.docx", "selectboard-letter.docx"))
    }
    assert len(texts) == 3
    for name, text in texts.items():
        assert "town clerk" not in text, name
    assert (
        "File the petition with the Town Clerk before the deadline"
        in texts["2026-12-01-st-johnsbury-checklist-en.docx"]
    )
    assert (
        "Ask the Town Clerk how many voters are on the checklist"
        not in texts["2026-12-01-st-johnsbury-checklist-en.docx"]
    )  # the voter count was given
    assert (
        "spare the Town Clerk the work" in texts["2026-12-01-st-johnsbury-selectboard-letter.docx"]
    )
    assert (
        "the Town Clerk confirms the deadline"
        in texts["2026-12-01-st-johnsbury-town-meeting-petition.docx"]
    )
