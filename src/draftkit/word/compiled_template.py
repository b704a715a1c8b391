"""A Word template read and compiled once, then rendered for many towns.

docxtpl reads the template, cleans its XML and compiles it with Jinja on every render,
then re-parses the result with lxml's ``recover=True``, which silently drops whatever
follows a character XML cannot hold. Here the same cleaning (docxtpl's own
``patch_xml`` and ``resolve_listing``, so templates behave exactly as under docxtpl) is
done once per template and process, the compiled Jinja templates are reused, and every
rendered part is parsed strictly: a part that is not well-formed XML is an error, never a
shorter document. The document's text view (``style | text`` lines) is read from the
rendered XML directly (:mod:`draftkit.word.wordml`).
"""

from __future__ import annotations

import functools
import marshal
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from lxml import etree

from draftkit.errors import RenderError, TemplateProblem
from draftkit.word.document_properties import DocumentProperties, core_properties_xml
from draftkit.word.docx_package import PackageReader, write_package
from draftkit.word.wordml import W_NS, parse_xml, qn, text_lines

DOCUMENT_PART = "word/document.xml"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_CORE_PART = "docProps/core.xml"
_CONTENT_TYPES = "[Content_Types].xml"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CUSTOM_XML_REL = _OFFICE_REL + "customXml"
# docxtpl turns tabs, newlines, \a and \f inside text into Word's own breaks; only a
# value holding one of them needs that (slow) pass.
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")


_W = f"{{{W_NS}}}"
_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _has_listing(xml: str) -> bool:
    # The characters themselves are searched first (fast); the regex only if present.
    declaration = xml.find("?>")
    rest = xml[declaration + 2 :].lstrip("\r\n") if declaration != -1 else xml
    return any(c in rest for c in "\t\a\n\f") and _LISTING.search(rest) is not None


@functools.cache
def _docxtpl() -> Any:
    """docxtpl's cleaning and listing helpers use no instance state; one bare instance
    lends them to every template without reading a file. (Imported when first needed: a
    template compiled in an earlier run and read from the disk cache does not need it.)"""
    from docxtpl import DocxTemplate

    return DocxTemplate.__new__(DocxTemplate)


@dataclass
class RenderedDocument:
    """One rendered document in memory: its changed parts and its text view."""

    template: CompiledTemplate
    parts: dict[str, bytes]
    lines: list[str]
    extra_relationships: list[tuple[str, str]] = field(default_factory=list)

    def add_custom_xml(self, blob: bytes) -> None:
        """Add a custom XML part (Word keeps these when it saves) related to the body."""
        taken = set(self.template.package.names()) | set(self.parts)
        number = 1
        while f"customXml/item{number}.xml" in taken:
            number += 1
        name = f"customXml/item{number}.xml"
        self.parts[name] = blob
        self.extra_relationships.append((_CUSTOM_XML_REL, f"../{name}"))

    def package(self, properties: DocumentProperties | None = None) -> bytes:
        """The finished .docx bytes."""
        parts = dict(self.parts)
        if self.extra_relationships:
            parts[_DOCUMENT_RELS] = self.template.relationships_with(self.extra_relationships)
        if properties is not None:
            parts[_CORE_PART] = core_properties_xml(properties)
            if _CORE_PART not in self.template.package:
                parts[_CONTENT_TYPES] = self.template.content_types_with_core()
        return write_package(self.template.package, parts, level=1)


class CompiledTemplate:
    """A template's parts, cleaned and compiled once with ``env``.

    Raises:
        TemplateProblem: the file is not a readable Word document, or a tag in it is
            not valid template syntax.
    """

    def __init__(self, source: Path | bytes, *, shown: str, env: jinja2.Environment) -> None:
        self.shown = shown
        # The environment counts each rendering's work (see sandbox.make_environment).
        self.env: Any = env
        self.package = PackageReader(source, shown=shown)
        self._relationships = self._read_relationships()
        self.style_names = self._read_style_names()
        # The compiled code of each part, kept so a pickled template (see
        # draftkit.data.disk_cache) carries it and need not be compiled again.
        self._codes = {
            name: self._compile(name, env) for name in [DOCUMENT_PART, *self._header_footer_parts()]
        }
        self._templates = self._load_codes()

    def _load_codes(self) -> dict[str, jinja2.Template]:
        env = self.env
        return {
            name: env.template_class.from_code(env, code, env.make_globals(None), None)
            for name, code in self._codes.items()
        }

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        # The environment is rebuilt on reading (it holds locks and functions); Jinja's
        # compiled code is stored the way its own bytecode cache stores it.
        del state["env"], state["_templates"]
        state["_codes"] = {name: marshal.dumps(code) for name, code in self._codes.items()}
        state["autoescape"] = self.env.autoescape
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        from draftkit.drafting.sandbox import make_environment

        autoescape = state.pop("autoescape")
        state["_codes"] = {name: marshal.loads(data) for name, data in state["_codes"].items()}
        self.__dict__.update(state)
        self.env = make_environment(autoescape=autoescape)
        self._templates = self._load_codes()

    def _text(self, name: str) -> str:
        try:
            return self.package.read(name).decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateProblem(
                f"the part {name} is not UTF-8 text",
                path=self.shown,
                hint="open the template in Word and save it again as a .docx",
            ) from None

    def _parse(self, name: str, data: bytes) -> Any:
        try:
            return etree.fromstring(data, _STRICT)
        except etree.XMLSyntaxError as exc:
            raise TemplateProblem(
                f"the part {name} is not well-formed XML ({exc.msg})",
                path=self.shown,
                hint="open the template in Word and save it again as a .docx",
            ) from None

    def _read_relationships(self) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, part name) for the main document."""
        if _DOCUMENT_RELS not in self.package:
            return {}
        root = self._parse(_DOCUMENT_RELS, self.package.read(_DOCUMENT_RELS))
        found: dict[str, tuple[str, str]] = {}
        for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
            found[rel.get("Id", "")] = (rel.get("Type", ""), target.lstrip("/"))
        return found

    def _read_style_names(self) -> dict[str, str]:
        from docx.styles import BabelFish  # Word's UI names, as python-docx reports them

        styles = self._relationship_target(_OFFICE_REL + "styles")
        if styles is None or styles not in self.package:
            return {}
        root = self._parse(styles, self.package.read(styles))
        names: dict[str, str] = {}
        for style in root.iter(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                names[style.get(qn("w:styleId"), "")] = BabelFish.internal2ui(
                    name.get(qn("w:val"), "")
                )
        return names

    def _relationship_target(self, reltype: str) -> str | None:
        for kind, target in self._relationships.values():
            if kind == reltype:
                return target
        return None

    def _header_footer_parts(self) -> list[str]:
        kinds = {_OFFICE_REL + "header", _OFFICE_REL + "footer"}
        return sorted(
            {t for k, t in self._relationships.values() if k in kinds and t in self.package}
        )

    def _compile(self, name: str, env: jinja2.Environment) -> CodeType:
        source = _docxtpl().patch_xml(self._text(name))
        # As docxtpl does: one paragraph per line, so an error's line number points at a
        # paragraph of the template.
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        try:
            return env.compile(source)
        except jinja2.TemplateSyntaxError as exc:
            lines = source.splitlines()[max((exc.lineno or 1) - 4, 0) : (exc.lineno or 1) + 3]
            near = " / ".join(t for t in (re.sub(r"<[^>]+>", "", x).strip() for x in lines) if t)
            raise TemplateProblem(
                f"template syntax error: {exc.message}"
                + (f" (near: {near[:160]})" if near else ""),
                path=self.shown,
                hint="open the template in Word and fix the tag; "
                "`draftkit templates check` lists every problem",
            ) from None

    def render(self, context: Mapping[str, Any], *, name: str) -> RenderedDocument:
        """Render every part with ``context``; ``name`` is the output file, for errors.

        Raises:
            jinja2.TemplateError: as raised by the templates (callers word them).
            RenderError: a rendered part is not well-formed XML.
        """
        parts: dict[str, bytes] = {}
        trees: dict[str, Any] = {}
        for part, template in self._templates.items():
            xml = template.render(context)
            # Undo the line per paragraph _compile added (what re.sub(r"\n<w:p([ >])",
            # r"<w:p\1") does, in two plain passes).
            xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
            if "{_" in xml:  # one scan instead of two when there is nothing to undo
                xml = xml.replace("{_{", "{{").replace("{_%", "{%")
            if "_}" in xml:
                xml = xml.replace("}_}", "}}").replace("%_}", "%}")
            if _has_listing(xml):
                xml = _docxtpl().resolve_listing(xml)
            data = xml.encode("utf-8")
            try:
                tree = parse_xml(data)
            except etree.XMLSyntaxError as exc:
                raise RenderError(
                    f"the rendered {part} is not well-formed XML ({exc.msg}); the document "
                    "would be cut short",
                    path=name,
                    hint="a value holds a character a Word document cannot hold, or a "
                    "template tag breaks the XML around it; run `draftkit templates check`",
                ) from None
            if part == DOCUMENT_PART and _needs_repair(tree):
                tree = _fix_tables(data)
                _renumber_drawings(tree)
                data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
                tree = parse_xml(data)
            parts[part] = data
            trees[part] = tree
        lines = text_lines(
            trees,
            document_part=DOCUMENT_PART,
            relationships=self._relationships,
            style_names=self.style_names,
        )
        return RenderedDocument(self, parts, lines)

    def relationships_with(self, added: list[tuple[str, str]]) -> bytes:
        """The main document's relationships with ``added`` (type, target) appended."""
        root = self._parse(_DOCUMENT_RELS, self.package.read(_DOCUMENT_RELS))
        taken = {rel.get("Id") for rel in root}
        number = 1
        for reltype, target in added:
            while f"rId{number}" in taken:
                number += 1
            taken.add(f"rId{number}")
            etree.SubElement(
                root,
                f"{{{_REL_NS}}}Relationship",
                Id=f"rId{number}",
                Type=reltype,
                Target=target,
            )
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

    def content_types_with_core(self) -> bytes:
        """``[Content_Types].xml`` declaring a core-properties part."""
        root = self._parse(_CONTENT_TYPES, self.package.read(_CONTENT_TYPES))
        ns = root.nsmap.get(None, "")
        etree.SubElement(
            root,
            f"{{{ns}}}Override",
            PartName=f"/{_CORE_PART}",
            ContentType="application/vnd.openxmlformats-package.core-properties+xml",
        )
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def _needs_repair(tree: Any) -> bool:
    """Whether docxtpl's table and drawing repairs could change anything: a table whose
    rows do not fill its grid (after a cell loop), or drawings (ids copied by a loop)."""
    if next(tree.iter(_DOC_PR), None) is not None:
        return True
    for table in tree.iter(f"{_W}tbl"):
        grid = table.find(f"{_W}tblGrid")
        columns = len(grid.findall(f"{_W}gridCol")) if grid is not None else 0
        for row in table.iterchildren(f"{_W}tr"):
            if _row_width(row) != columns:
                return True
    return False


def _row_width(row: Any) -> int:
    width = 0
    for cell in row.iterchildren(f"{_W}tc"):
        span = cell.find(f"{_W}tcPr/{_W}gridSpan")
        width += int(span.get(f"{_W}val", "1")) if span is not None else 1
    return width


def _fix_tables(data: bytes) -> Any:
    # docxtpl's repair of table grids after cell loops, on XML already parsed strictly.
    return parse_xml(etree.tostring(_docxtpl().fix_tables(data)))


def _renumber_drawings(tree: Any) -> None:
    # As docxtpl does: drawing ids must be unique after loops copied them.
    for number, element in enumerate(tree.iter(_DOC_PR), start=1001):
        element.set("id", str(number))


__all__ = ["DOCUMENT_PART", "CompiledTemplate", "RenderedDocument"]
