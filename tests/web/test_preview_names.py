"""Each button on the preview page has a name that says which document it gives."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from tests.web.conftest import REPO, walk_to_preview

from draftkit.web import create_app, routes
from draftkit.web.i18n import LANGS, messages


@pytest.mark.parametrize("lang", LANGS)
def test_each_pdf_button_names_its_document(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.setattr(routes, "soffice", lambda: "/usr/bin/soffice")
    with TestClient(create_app(REPO, pdf=True)) as client:
        _, preview = walk_to_preview(client, lang, f"/{lang}/facts?town=brattleboro")
    buttons = re.findall(r'<button type="submit" name="file" value="pdf:[^"]*"[^>]*>', preview.text)
    assert len(buttons) == 2  # the resolution and the police directive
    names = [re.search(r'aria-label="([^"]*)"', b).group(1) for b in buttons]  # type: ignore[union-attr]
    said = messages(lang)
    assert names == [
        str(escape(said["preview.pdf_kinds.resolution"])),
        str(escape(said["preview.pdf_kinds.directive"])),
    ]
