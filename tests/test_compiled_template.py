"""The compiled-template engine renders exactly what docxtpl renders, reads its own text
view exactly as python-docx reads the file, and refuses what docxtpl would silently
truncate."""

from __future__ import annotations

import datetime as dt
import io
import pickle
import zipfile

import pytest
from docx import Document
from docxtpl import DocxTemplate
from tests.conftest import REPO

from draftkit.data.defaults import Policing
from draftkit.data.library import load_library
from draftkit.drafting.composing import DraftOptions, render_clauses, select_clauses
from draftkit.drafting.contexts import build_contexts
from draftkit.drafting.instruments import INSTRUMENTS
from draftkit.drafting.sandbox import make_environment
from draftkit.errors import RenderError, TemplateProblem
from draftkit.word.compiled_template import CompiledTemplate
from draftkit.word.document_properties import DocumentProperties
from draftkit.word.docx_package import PackageReader
from draftkit.word.inspection import text_lines

LIBRARY = load_library(REPO)
OPTIONS = DraftOptions(date=dt.date(2026, 11, 27), sponsors=("Councilor A. Example",))
CASES = [("burlington", None), ("addison", "sheriff"), ("bridport", "state_police")]


def _contexts(town: str, policing: str | None) -> tuple[str, dict[str, dict[str, object]]]:
    said = Policing(arrangement=policing) if policing else None  # type: ignore[arg-type]
    loaded = LIBRARY.resolve_town(town, said).loaded
    rendered = render_clauses(loaded.value, select_clauses(LIBRARY, loaded, ()))
    contexts = build_contexts(
        LIBRARY, loaded, rendered, OPTIONS, unapproved=[("custody-access", "unreviewed")]
    )
    return loaded.value.police.arrangement, contexts


@pytest.mark.parametrize(("town", "policing"), CASES)
def test_same_text_as_docxtpl_and_as_python_docx_reads_it(town: str, policing: str | None) -> None:
    arrangement, contexts = _contexts(town, policing)
    for document in INSTRUMENTS[arrangement]:  # type: ignore[index]
        path = LIBRARY.template_path(document.template)
        compiled = CompiledTemplate(
            path, shown=document.template, env=make_environment(autoescape=True)
        )
        rendered = compiled.render(contexts[document.kind], name="out.docx")
        ours = rendered.package()
        bare = DocxTemplate(path)
        bare.render(
            contexts[document.kind], jinja_env=make_environment(autoescape=True), autoescape=True
        )
        buffer = io.BytesIO()
        bare.save(buffer)
        assert text_lines(ours) == text_lines(buffer.getvalue())
        assert rendered.lines == text_lines(ours)
        assert zipfile.ZipFile(io.BytesIO(ours)).testzip() is None


def test_a_character_xml_cannot_hold_is_an_error_not_a_shorter_document() -> None:
    _, contexts = _contexts("burlington", None)
    context = dict(contexts["resolution"])
    context["sponsor_line"] = "Sponsor: Jos\x01 Example"
    compiled = CompiledTemplate(
        LIBRARY.template_path("council-resolution.docx"),
        shown="council-resolution.docx",
        env=make_environment(autoescape=True),
    )
    with pytest.raises(RenderError, match=r"not well-formed XML"):
        compiled.render(context, name="out.docx")


def test_properties_and_custom_parts_reach_the_file() -> None:
    _, contexts = _contexts("burlington", None)
    compiled = CompiledTemplate(
        LIBRARY.template_path("police-directive.docx"),
        shown="police-directive.docx",
        env=make_environment(autoescape=True),
    )
    rendered = compiled.render(contexts["directive"], name="out.docx")
    rendered.add_custom_xml(b"<?xml version='1.0'?><x xmlns='urn:test'>1</x>")
    created = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)
    data = rendered.package(
        DocumentProperties(
            title="Police directive & more",
            subject="Immigration",
            author="Coalition",
            created=created,
            comments="draftkit 1",
        )
    )
    document = Document(io.BytesIO(data))
    props = document.core_properties
    assert (props.title, props.author, props.created) == (
        "Police directive & more",
        "Coalition",
        created,
    )
    blobs = [r.target_part.blob for r in document.part.rels.values() if "customXml" in r.reltype]
    assert any(b"urn:test" in blob for blob in blobs)


def _zip(entries: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", "is not a Word file"),
        (_zip({"word/document.xml": b"\0" * (20 * 1024 * 1024)}), "would inflate to"),
        (_zip({"a.txt": b"x"})[:-30], "is not a Word file"),
    ],
    ids=["not-a-zip", "zip-bomb", "truncated"],
)
def test_broken_packages_are_refused_before_unpacking(data: bytes, message: str) -> None:
    with pytest.raises(TemplateProblem, match=message):
        PackageReader(data, shown="resolutions/x.docx")


def test_a_package_without_a_body_is_refused() -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>"})
    with pytest.raises(TemplateProblem, match=r"has no word/document\.xml"):
        CompiledTemplate(data, shown="resolutions/x.docx", env=make_environment(autoescape=True))


def _merged_table_template() -> bytes:
    document = Document()
    document.add_paragraph("Before the table {{ town }}")
    table = document.add_table(rows=4, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(0, 1))  # across two columns
    table.cell(1, 2).merge(table.cell(3, 2))  # down three rows
    table.cell(2, 0).merge(table.cell(3, 1))  # a block of four
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_merged_cells_read_as_python_docx_reads_them() -> None:
    compiled = CompiledTemplate(
        _merged_table_template(), shown="merged.docx", env=make_environment(autoescape=True)
    )
    rendered = compiled.render({"town": "Testville"}, name="out.docx")
    assert rendered.lines == text_lines(rendered.package())
    assert "cell 4.3 Normal | r1c2" in rendered.lines  # row 4 shows the merge's top cell


def test_a_compiled_template_read_back_from_the_cache_renders_the_same() -> None:
    _, contexts = _contexts("burlington", None)
    compiled = CompiledTemplate(
        LIBRARY.template_path("council-resolution.docx"),
        shown="council-resolution.docx",
        env=make_environment(autoescape=True),
    )
    again = pickle.loads(pickle.dumps(compiled))
    first = compiled.render(contexts["resolution"], name="out.docx")
    second = again.render(contexts["resolution"], name="out.docx")
    assert second.lines == first.lines
    assert second.package() == first.package()
