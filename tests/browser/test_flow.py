"""The whole flow in real headless Chromium, as an organizer would go through it.

Every page visited is saved as a screenshot in artifacts/screenshots/ (not committed)
and checked: its ``lang``, and a label for every input.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from typing import Any

import docx
import pytest
from tests.browser.conftest import ARTIFACTS

UNLABELLED = """() => [...document.querySelectorAll('input, textarea, select')]
  .filter(el => el.type !== 'hidden' && el.labels.length === 0 && !el.getAttribute('aria-label'))
  .map(el => el.name || el.id)"""


# Whole pages are what a person reviews, but a preview is some 20,000 pixels tall and
# takes seconds to encode: set DRAFTKIT_FULL_SCREENSHOTS=1 to get them; by default the
# first screenful of each page is saved.
FULL_PAGE = os.environ.get("DRAFTKIT_FULL_SCREENSHOTS") == "1"


def visit(page: Any, shot: str, lang: str) -> None:
    """Check the page as it stands and save its screenshot."""
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == lang
    assert page.evaluate(UNLABELLED) == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=FULL_PAGE)


def next_step(page: Any, label: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


def download_zip(page: Any, label: str) -> zipfile.ZipFile:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return zipfile.ZipFile(io.BytesIO(info.value.path().read_bytes()))


def docx_text(archive: zipfile.ZipFile, ending: str) -> str:
    name = next(n for n in archive.namelist() if n.endswith(ending))
    document = docx.Document(io.BytesIO(archive.read(name)))
    return "\n".join(p.text for p in document.paragraphs)


def test_brattleboro_with_its_own_police(page: Any) -> None:
    page.goto("/")
    visit(page, "01-en-home", "en")
    page.get_by_label("Your town, city or village").fill("Brattleboro")
    next_step(page, "Continue")
    visit(page, "02-en-facts-brattleboro", "en")
    assert page.get_by_label("Name of the police agency").input_value() == (
        "Brattleboro Police Department"
    )
    assert page.locator(".source.default").first.is_visible()
    page.get_by_label("Sponsors (optional)").fill("Ana Pérez")
    next_step(page, "Next: choose the protections")
    visit(page, "03-en-protections-brattleboro", "en")
    boxes = page.locator("input[type=checkbox]")
    assert boxes.count() > 5
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    next_step(page, "Next: preview the documents")
    visit(page, "04-en-preview-brattleboro", "en")
    assert page.locator(".draft-mark").first.inner_text().startswith("DRAFT")
    assert "await a reviewing lawyer's approval" in page.content()
    archive = download_zip(page, "Everything in one .zip file")
    assert len(archive.namelist()) == 4
    directive = docx_text(archive, "police-directive.docx")
    assert "Brattleboro Police Department" in directive
    resolution = docx_text(archive, "-resolution.docx")
    assert "Ana Pérez" in resolution
    assert "Selectboard" in resolution


def test_policing_asked_and_answered_county_sheriff(page: Any) -> None:
    page.goto("/en/")
    page.get_by_label("Your town, city or village").fill("Guildhall")
    next_step(page, "Continue")
    visit(page, "05-en-policing-guildhall", "en")
    page.get_by_label("The county sheriff, under a contract").check()
    next_step(page, "Continue")
    visit(page, "06-en-facts-guildhall-sheriff", "en")
    assert "Sheriff" in page.get_by_label("Name of the police agency").input_value()
    next_step(page, "Next: choose the protections")
    next_step(page, "Next: preview the documents")
    visit(page, "07-en-preview-guildhall-sheriff", "en")
    archive = download_zip(page, "Everything in one .zip file")
    assert "Essex County Sheriff" in docx_text(archive, "contract-addendum.docx")


def test_a_state_police_only_town(page: Any) -> None:
    page.goto("/en/facts?town=lunenburg")
    page.get_by_label("The Vermont State Police only").check()
    next_step(page, "Continue")
    next_step(page, "Next: choose the protections")
    next_step(page, "Next: preview the documents")
    visit(page, "08-en-preview-lunenburg-state-police", "en")
    names = page.locator(".file").all_inner_texts()
    assert [n for n in names if n.endswith(".docx")] == [
        next(n for n in names if n.endswith("-resolution.docx"))
    ]
    assert "Vermont State Police" in page.locator(".document").inner_text()


def test_a_misspelled_name_gets_did_you_mean(page: Any) -> None:
    page.goto("/en/")
    field = page.get_by_label("Your town, city or village")
    field.press_sequentially("Bratleboro", delay=20)
    # The script offers the place while the person types.
    page.locator("#suggestions a", has_text="Brattleboro (town, Windham County)").wait_for()
    next_step(page, "Continue")
    visit(page, "09-en-did-you-mean", "en")
    assert "Did you mean:" in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name="Brattleboro (town, Windham County)").click()
    assert page.url.endswith("/en/facts?town=brattleboro")


def test_an_invalid_answer_then_corrected(page: Any) -> None:
    page.goto("/en/facts?town=brattleboro")
    page.get_by_label("Title of the clerk who attests them").fill("")
    page.get_by_label("Date on the documents").fill("2026-02-30")
    next_step(page, "Next: choose the protections")
    visit(page, "10-en-invalid-answers", "en")
    assert page.locator("#governing_body-clerk_title-error").inner_text() == (
        "This answer is needed."
    )
    assert "YYYY-MM-DD" in page.locator("#date-error").inner_text()
    page.get_by_label("Title of the clerk who attests them").fill("Town Clerk")
    page.get_by_label("Date on the documents").fill("2026-03-02")
    next_step(page, "Next: choose the protections")
    assert page.get_by_role("heading", level=1).inner_text() == "Choose the protections"


@pytest.mark.locale("es-ES")
def test_the_whole_flow_in_spanish(page: Any) -> None:
    page.goto("/")
    assert page.url.endswith("/es/")
    visit(page, "11-es-home", "es")
    assert "los documentos se redactan en inglés" in page.content()
    page.get_by_label("Su municipio (pueblo, ciudad o villa)").fill("Barre")
    next_step(page, "Continuar")
    visit(page, "12-es-ambiguous", "es")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Barre City")).click()
    visit(page, "13-es-facts-barre-city", "es")
    assert page.locator(".source.default").first.inner_text().startswith("Sin confirmar")
    page.get_by_label("Cargo de quien certifica las resoluciones", exact=False)
    next_step(page, "Siguiente: elegir las protecciones")
    visit(page, "14-es-protections", "es")
    # Each protection is described in Spanish; the documents stay in English.
    summary = page.locator("#clause-victim-witness-status-summary")
    assert summary.get_attribute("lang") == "es"
    assert summary.inner_text().startswith("La policía no les pregunta por su estatus migratorio")
    next_step(page, "Siguiente: ver los documentos")
    visit(page, "15-es-preview", "es")
    archive = download_zip(page, "Todo en un solo archivo .zip")
    assert "RESOLVED" in docx_text(archive, "-resolution.docx")
    # The switch keeps the answers and shows the same step in English.
    next_step(page, "English")
    visit(page, "16-en-preview-after-switch", "en")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Preview of the documents")


def test_keyboard_only(page: Any) -> None:
    def tab_to(predicate: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => {{ const el = document.activeElement; return {predicate}; }}"):
                return
        raise AssertionError(f"Tab never reached: {predicate}")

    page.goto("/en/")
    tab_to("el.id === 'name'")
    page.keyboard.type("Brattleboro")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to("el.tagName === 'BUTTON' && el.textContent.includes('choose the protections')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to("el.tagName === 'BUTTON' && el.textContent.includes('preview the documents')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit(page, "17-en-preview-by-keyboard", "en")
    tab_to("el.tagName === 'BUTTON' && el.value === 'zip'")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith("-brattleboro-draft.zip")


def test_changing_the_policing_keeps_the_other_answers(page: Any) -> None:
    page.goto("/en/facts?town=albany-village&policing=state_police")
    page.get_by_label("Name of the governing body").fill("Trustees Y")
    page.get_by_label("Sponsors (optional)").fill("Ana Pérez\nBo Li")
    page.get_by_label("Date on the documents").fill("2027-01-15")
    page.get_by_label("The county sheriff, under a contract").check()
    next_step(page, "Show the police facts for this answer")
    visit(page, "18-en-facts-after-policing-update", "en")
    assert page.get_by_label("Name of the governing body").input_value() == "Trustees Y"
    assert page.get_by_label("Sponsors (optional)").input_value() == "Ana Pérez\nBo Li"
    assert page.get_by_label("Date on the documents").input_value() == "2027-01-15"
    assert "Sheriff" in page.get_by_label("Name of the police agency").input_value()
    assert page.get_by_text("What the governing body may do").count() == 0
    # Enter in a text box goes on to the next step, not to the policing button.
    page.get_by_label("Date on the documents").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Choose the protections"


@pytest.mark.locale("es-ES")
def test_a_departure_from_the_registry_in_spanish(page: Any) -> None:
    page.goto("/es/facts?town=brattleboro")
    page.get_by_label("El sheriff del condado, por contrato").check()
    next_step(page, "Mostrar los datos de la policía para esta respuesta")
    visit(page, "19-es-facts-brattleboro-sheriff", "es")
    assert (
        "Según la lista de municipios de Vermont" in page.locator("#policing-departs").inner_text()
    )
    next_step(page, "Siguiente: elegir las protecciones")
    visit(page, "20-es-protections-brattleboro-sheriff", "es")
    next_step(page, "Siguiente: ver los documentos")
    visit(page, "21-es-preview-brattleboro-sheriff", "es")


@pytest.mark.locale("es-ES")
@pytest.mark.no_javascript
def test_the_language_switch_keeps_what_was_typed_without_javascript(page: Any) -> None:
    page.goto("/es/facts?town=brattleboro")
    page.get_by_label("Nombre de la junta de gobierno").fill("Selectboard Y")
    page.get_by_label("Fecha de los documentos").fill("01/12/2026")  # not YYYY-MM-DD
    visit(page, "22-es-facts-typed-before-switch", "es")
    # By keyboard: Tab reaches the switch (from the date, round to the page's top).
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "English":
            break
    assert page.evaluate("() => document.activeElement.lang") == "en"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit(page, "23-en-facts-after-switch", "en")
    assert page.get_by_label("Name of the governing body").input_value() == "Selectboard Y"
    assert page.get_by_label("Date on the documents").input_value() == "01/12/2026"
    assert page.get_by_text("Please correct the answers marked below.").count() == 0
    page.get_by_label("Date on the documents").fill("2027-01-15")
    next_step(page, "Next: choose the protections")
    page.get_by_label("Language access").uncheck()
    next_step(page, "Ver esta página en español")
    visit(page, "24-es-protections-after-switch", "es")
    assert not page.get_by_label("Intérpretes y acceso en el idioma de cada persona").is_checked()


@pytest.mark.parametrize(
    ("lang", "policing_heading", "facts_heading", "preview_heading", "next_label", "preview_label"),
    [
        (
            "en",
            "Who polices Albany (village)?",
            "Check the facts about Albany (village)",
            "Preview of the documents for Albany (village)",
            "Next: choose the protections",
            "Next: preview the documents",
        ),
        (
            "es",
            "¿Quién presta el servicio de policía en Albany (villa)?",
            "Revise los datos de Albany (villa)",
            "Vista previa de los documentos para Albany (villa)",
            "Siguiente: elegir las protecciones",
            "Siguiente: ver los documentos",
        ),
    ],
)
def test_a_village_is_named_as_the_village(
    page: Any,
    lang: str,
    policing_heading: str,
    facts_heading: str,
    preview_heading: str,
    next_label: str,
    preview_label: str,
) -> None:
    page.goto(f"/{lang}/facts?town=albany-village")
    visit(page, f"25-{lang}-policing-albany-village", lang)
    assert page.get_by_role("heading", level=1).inner_text() == policing_heading
    page.goto(f"/{lang}/facts?town=albany-village&policing=state_police")
    visit(page, f"26-{lang}-facts-albany-village", lang)
    assert page.get_by_role("heading", level=1).inner_text() == facts_heading
    next_step(page, next_label)
    next_step(page, preview_label)
    visit(page, f"27-{lang}-preview-albany-village", lang)
    assert page.get_by_role("heading", level=1).inner_text() == preview_heading
