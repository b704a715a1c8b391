"""Layout a reader sees: no justified line ends in a manual line break, which spreads
that line's words across the page ("Sheriff's          Office:")."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree
from tests.conftest import REPO

from draftkit.data.defaults import Policing
from draftkit.data.library import load_library
from draftkit.packet import PacketFacts, load_companions
from draftkit.packet.building import build_companions
from draftkit.packet.documents import BASE_TEMPLATE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _justified_with_breaks(data: bytes) -> list[str]:
    """The text of every justified paragraph (by its own setting or its style) that holds a
    line break, in the document, its headers and its footers."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        justified_styles = {
            style.get(f"{W}styleId")
            for style in styles.iter(f"{W}style")
            if any(jc.get(f"{W}val") in ("both", "distribute") for jc in style.iter(f"{W}jc"))
        }
        parts = [n for n in package.namelist() if n.startswith("word/") and n.endswith(".xml")]
        for name in parts:
            if not name.split("/")[-1].startswith(("document", "header", "footer")):
                continue
            root = etree.fromstring(package.read(name))
            for paragraph in root.iter(f"{W}p"):
                own = paragraph.find(f"{W}pPr/{W}jc")
                style = paragraph.find(f"{W}pPr/{W}pStyle")
                if own is not None:
                    justified = own.get(f"{W}val") in ("both", "distribute")
                else:
                    justified = style is not None and style.get(f"{W}val") in justified_styles
                breaks = [
                    b
                    for b in paragraph.iter(f"{W}br")
                    if b.get(f"{W}type") in (None, "textWrapping")
                ]
                if justified and breaks:
                    found.append(
                        f"{name}: " + "".join(t.text or "" for t in paragraph.iter(f"{W}t"))[:60]
                    )
    return found


def test_no_justified_line_ends_in_a_line_break() -> None:
    facts = PacketFacts(
        date=dt.date(2026, 12, 1),
        route="town-meeting",
        voters=1500,
        meeting_date=dt.date(2027, 3, 2),
    )
    library = load_library(REPO)
    town = library.resolve_town("Dummerston", Policing(arrangement="sheriff")).loaded.value
    made = build_companions(
        load_companions(REPO), town, facts, base=library.template_path(BASE_TEMPLATE), prefix=""
    )
    stretched = {
        name: found
        for name, data in made.files.items()
        if name.endswith(".docx") and (found := _justified_with_breaks(data))
    }
    assert stretched == {}
