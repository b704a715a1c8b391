"""Linting the Word templates in ``resolutions/`` before anyone drafts with them.

A template is edited in Word by people who are not programmers, so the lint explains
each problem in Word's terms: a tag typed with a formatting change inside it, a value
the profile does not provide, an ``if`` or ``for`` never closed, tracked changes left
in the file.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes
from lxml import etree

from draftkit.drafting.sandbox import make_environment
from draftkit.errors import DraftkitError, TemplateProblem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
TRACKED = ("ins", "del", "moveFrom", "moveTo")
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
MAX_UNPACKED_BYTES = 50_000_000
"""Largest a template may be once unpacked: a real one is well under a megabyte."""
MAX_PACKING_RATIO = 200
"""How many times its packed size a large part may inflate to before it looks like a bomb."""
_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_RESAVE = "open it in Word and save it again as a Word document (.docx)"
OPEN_ERRORS = (OSError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError)
"""What opening a broken .docx can raise, in zipfile, lxml and python-docx."""


def template_problems(path: Path, *, shown: str) -> list[DraftkitError]:
    """What makes a template unfit to open at all: not a file, not a .docx, a zip whose
    parts inflate far beyond their packed size (checked before anything is unpacked),
    no body, malformed XML, or tracked changes. ``draft`` and ``templates check`` both
    ask this first.
    """
    if path.is_dir():
        return [TemplateProblem("is a folder, not a Word document", path=shown, hint=_RESAVE)]
    if not path.exists():
        return [
            TemplateProblem(
                "template not found", path=shown, hint="restore it from version control"
            )
        ]
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            packed = sum(info.compress_size for info in infos) or 1
            if unpacked > MAX_UNPACKED_BYTES or (
                unpacked > 1_000_000 and unpacked / packed > MAX_PACKING_RATIO
            ):
                return [
                    TemplateProblem(
                        f"its parts would unpack to {unpacked:,} bytes from {packed:,}; "
                        "refused before unpacking",
                        path=shown,
                        hint="this is not a template saved by Word; restore it from version "
                        "control",
                    )
                ]
            names = {info.filename for info in infos}
            if "word/document.xml" not in names:
                return [
                    TemplateProblem(
                        "not a Word document: it has no word/document.xml", path=shown, hint=_RESAVE
                    )
                ]
            problems: list[DraftkitError] = []
            for part in sorted(n for n in names if _PARTS.match(n)):
                try:
                    root = etree.fromstring(archive.read(part), _STRICT)
                except etree.XMLSyntaxError as exc:
                    problems.append(
                        TemplateProblem(
                            f"{_part_label(part)}: the XML is malformed ({exc.msg})",
                            path=shown,
                            hint=_RESAVE,
                        )
                    )
                    continue
                problems.extend(_tracked_changes(root, part, shown))
            return problems
    except OPEN_ERRORS as exc:
        return [TemplateProblem(f"not a Word document ({exc})", path=shown, hint=_RESAVE)]


def context_paths(contexts: Iterable[Mapping[str, Any]]) -> set[str]:
    """Every dotted name a template may use, from example contexts: ``town.name``,
    ``sections[]``, ``sections[].paragraphs[].text`` ..."""
    paths: set[str] = set()

    def walk(value: Any, prefix: str) -> None:
        if prefix:
            paths.add(prefix)
        if isinstance(value, Mapping):
            for key, item in value.items():
                walk(item, f"{prefix}.{key}" if prefix else str(key))
        elif isinstance(value, (list, tuple)):
            paths.add(f"{prefix}[]")
            for item in value:
                walk(item, f"{prefix}[]")

    for context in contexts:
        walk(context, "")
    return paths


def lint_template(path: Path, known: set[str] | None, *, shown: str) -> list[DraftkitError]:
    """Every problem in one template; an empty list means it is fit to draft with.

    ``known`` is every value name the towns provide; ``None`` when no town could be
    rendered, and then names are not checked (the town problems come first).
    """
    problems = template_problems(path, shown=shown)
    if problems:
        return problems
    try:
        with zipfile.ZipFile(path) as archive:
            for part in sorted(n for n in archive.namelist() if _PARTS.match(n)):
                root = etree.fromstring(archive.read(part), _STRICT)
                problems.extend(_split_tags(root, part, shown))
        problems.extend(_syntax_and_names(path, known, shown))
    except (*OPEN_ERRORS, etree.XMLSyntaxError) as exc:
        problems.append(TemplateProblem(f"not a Word document ({exc})", path=shown, hint=_RESAVE))
    return problems


def _part_label(part: str) -> str:
    name = part.removeprefix("word/").removesuffix(".xml")
    return "body" if name == "document" else name


def _tracked_changes(root: etree._Element, part: str, shown: str) -> list[DraftkitError]:
    count = sum(len(root.findall(f".//{W}{tag}")) for tag in TRACKED)
    if not count:
        return []
    return [
        TemplateProblem(
            f"{_part_label(part)}: {count} tracked change{'s' if count != 1 else ''} "
            "left in the template",
            path=shown,
            hint="in Word, Review > Accept All Changes (or reject them), then save",
        )
    ]


def _split_tags(root: etree._Element, part: str, shown: str) -> list[DraftkitError]:
    problems: list[DraftkitError] = []
    for number, paragraph in enumerate(root.iter(f"{W}p"), start=1):
        pieces = [t.text or "" for t in paragraph.iter(f"{W}t")]
        text = "".join(pieces)
        if "{" not in text:
            continue
        bounds, start = [], 0
        for piece in pieces:
            bounds.append((start, start + len(piece)))
            start += len(piece)
        for match in TAG.finditer(text):
            runs = sum(1 for a, b in bounds if a < match.end() and b > match.start() and b > a)
            if runs > 1:
                problems.append(
                    TemplateProblem(
                        f"{_part_label(part)}, paragraph {number}: the tag "
                        f"{match.group(0)} is split across {runs} runs",
                        path=shown,
                        hint="select the whole tag, clear its formatting and type it "
                        "again in one go",
                    )
                )
    return problems


def _syntax_and_names(path: Path, known: set[str] | None, shown: str) -> list[DraftkitError]:
    template = DocxTemplate(path)
    template.init_docx()
    env = make_environment(autoescape=True)
    sources = [("body", template.patch_xml(template.get_xml()))]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for rel in template.docx._part.rels.values():
            if rel.reltype == uri:
                xml = template.get_part_xml(rel.target_part)
                sources.append((Path(rel.target_part.partname).stem, template.patch_xml(xml)))
    problems: list[DraftkitError] = []
    for label, source in sources:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        try:
            tree = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            near = _text_near(source, exc.lineno)
            problems.append(
                TemplateProblem(
                    f"{label}: {exc.message}" + (f" (near: {near})" if near else ""),
                    path=shown,
                    hint="every {%p if %} needs an {%p endif %} and every {%p for %} an "
                    "{%p endfor %}, each in a paragraph of its own",
                )
            )
            continue
        for name in sorted(_unknown_names(tree, known) if known is not None else ()):
            problems.append(
                TemplateProblem(
                    f"{label}: unknown value {{{{ {name} }}}}",
                    path=shown,
                    hint="check the spelling; "
                    "`draftkit templates check --values` lists every value",
                )
            )
    return problems


def _text_near(source: str, lineno: int | None) -> str:
    if lineno is None:
        return ""
    lines = source.splitlines()[max(lineno - 2, 0) : lineno + 1]
    text = " / ".join(t for t in (re.sub(r"<[^>]+>", "", line).strip() for line in lines) if t)
    return text[:160]


def _unknown_names(tree: nodes.Template, known: set[str]) -> set[str]:
    aliases: dict[str, str] = {}
    for loop in tree.find_all(nodes.For):
        iterated = _path(loop.iter, aliases)
        if isinstance(loop.target, nodes.Name) and iterated is not None:
            aliases[loop.target.name] = f"{iterated}[]"
    unknown: set[str] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Name)):
        if isinstance(node, nodes.Name) and node.ctx != "load":
            continue
        path = _path(node, aliases)
        if path is None or path.split(".")[0].split("[")[0] == "loop":
            continue
        if path not in known and not _inside_unknown_list(path, known):
            unknown.add(_shown_path(path, aliases))
    # A chain a.b.c is reported once, at its longest unknown form.
    return {p for p in unknown if not any(o != p and o.startswith(p + ".") for o in unknown)}


def _inside_unknown_list(path: str, known: set[str]) -> bool:
    # An empty list in every example context says nothing about its items' fields;
    # those are accepted rather than reported as unknown.
    head = path
    while "[]" in head:
        head = head[: head.rindex("[]") + 2]
        if head in known and not any(k.startswith(head + ".") for k in known):
            return True
        head = head[:-2]
    return False


def _path(node: nodes.Node, aliases: Mapping[str, str]) -> str | None:
    if isinstance(node, nodes.Name):
        return aliases.get(node.name, node.name)
    if isinstance(node, nodes.Getattr):
        parent = _path(node.node, aliases)
        return f"{parent}.{node.attr}" if parent is not None else None
    return None


def _shown_path(path: str, aliases: Mapping[str, str]) -> str:
    for alias, target in aliases.items():
        if path == target or path.startswith(target + "."):
            return alias + path[len(target) :]
    return path
