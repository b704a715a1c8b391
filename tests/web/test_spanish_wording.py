"""The Spanish pages' words: "municipio" for every kind of place, "proponentes" for
sponsors (as the packet's glossary says), and a bad character named in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from tests.web.conftest import REPO, form_to, post

from draftkit.web.i18n import LANGS, messages


def test_the_spanish_home_speaks_of_the_municipio(client: TestClient) -> None:
    page = client.get("/es/").text
    assert "Cierre los vacíos en la política policial de su municipio" in page
    assert "para su municipio de Vermont" in page
    assert "su pueblo" not in page


def test_sponsors_are_proponentes_on_the_pages_and_in_the_packet() -> None:
    assert messages("es")["facts.sponsors_label"] == "Proponentes de la resolución (opcional)"
    spanish = [REPO / "src/draftkit/web/messages/es.yaml", *Path(REPO / "companions/es").glob("*")]
    assert [p.name for p in spanish if "patrocinador" in p.read_text().lower()] == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            "This answer holds an invisible or control character that a Word document "
            "cannot hold (U+0007). Please retype it.",
        ),
        (
            "es",
            "La respuesta tiene un carácter invisible o especial que un documento de "
            "Word no puede guardar (código U+0007). Por favor, vuelva a escribirla.",
        ),
    ],
)
def test_a_control_character_is_named_in_plain_words(
    client: TestClient, lang: str, words: str
) -> None:
    assert lang in LANGS
    page = client.get(f"/{lang}/facts?town=brattleboro").text
    pairs = form_to(page, f"/{lang}/protections").pairs(governing_body__name="Select\x07board")
    response = post(client, f"/{lang}/protections", pairs)
    assert response.status_code == 422
    assert f'<p class="error" id="governing_body-name-error">{escape(words)}</p>' in response.text
