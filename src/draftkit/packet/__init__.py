"""The packet for a help request: a town's instruments with a cover letter, an explainer
and talking points for residents (English and Spanish), a next-steps checklist, the Town
Meeting article, petition and letter, PDFs and a manifest.

Modules: ``models`` (the data files' shapes), ``companions`` (loading and checking the
texts), ``glossary`` (checking the Spanish terms), ``values`` (what texts may print),
``documents`` (rendering and Word), ``pdf`` (LibreOffice), ``request`` (checking the
options), ``building`` (the packet).
"""

from draftkit.packet.building import Packet, Written, build_packet, write_packet
from draftkit.packet.companions import Companions, load_companions
from draftkit.packet.request import packet_facts
from draftkit.packet.values import PacketFacts

__all__ = [
    "Companions",
    "Packet",
    "PacketFacts",
    "Written",
    "build_packet",
    "load_companions",
    "packet_facts",
    "write_packet",
]
