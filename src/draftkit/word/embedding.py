"""The manifest inside the .docx itself, as a custom XML part.

A draft travels: a town edits it and sends it back. Keeping the manifest (and the
document's text as drafted) inside the file means ``draftkit verify`` can tell what
the draft was built from and what was changed by hand, with nothing else at hand.
Word keeps custom XML parts when it saves a document.
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

NAMESPACE = "urn:draftkit:manifest:1"
_TAG = f"{{{NAMESPACE}}}manifest"


def manifest_xml(manifest: dict[str, Any]) -> bytes:
    """The custom XML part that carries ``manifest`` inside a draft."""
    root = etree.Element(_TAG, nsmap={None: NAMESPACE})
    root.text = json.dumps(manifest, ensure_ascii=False, sort_keys=True)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def embed_manifest(document: DocumentObject, manifest: dict[str, Any]) -> bytes:
    """Store ``manifest`` in a custom XML part of the open document; return its bytes."""
    # python-docx only here: drafts embed theirs through draftkit.word.compiled_template.
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    blob = manifest_xml(manifest)
    package = document.part.package
    taken = {str(part.partname) for part in package.iter_parts()}
    number = 1
    while f"/customXml/item{number}.xml" in taken:
        number += 1
    part = Part(PackURI(f"/customXml/item{number}.xml"), "application/xml", blob, package)
    document.part.relate_to(part, RT.CUSTOM_XML)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read_manifest(data: bytes) -> dict[str, Any] | None:
    """The manifest a draft carries, or ``None`` if it carries none."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document = Document(io.BytesIO(data))
    for rel in document.part.rels.values():
        if rel.reltype != RT.CUSTOM_XML or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob)
        except etree.XMLSyntaxError:
            continue
        if root.tag == _TAG and root.text:
            value = json.loads(root.text)
            return value if isinstance(value, dict) else None
    return None
