"""Properties over generated input: any valid profile drafts valid documents; any name
gives a safe, stable file name."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path
from typing import get_args

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import FIXTURES, REPO

from draftkit.data.fields import ARRANGEMENTS
from draftkit.data.library import Library, load_library
from draftkit.data.loading import Loaded, YamlDocument
from draftkit.data.registry import base_name
from draftkit.data.town_models import FactField, TownProfile, legal_prefix
from draftkit.dates import EARLIEST, latest
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft
from draftkit.naming import slugify
from draftkit.word.inspection import text_lines

# Letters with accents, digits, spaces and the characters XML and quoting care about.
TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.,&<>\"'")
        + list("éèàçñüÉÀÇÑÜøåßœ’")
    ),
    min_size=1,
    max_size=120,
).filter(lambda s: s.strip() != "")


# A name or title the documents print: a letter from A to Z and two characters at least.
NAME = TEXT.filter(lambda s: len(s.strip()) >= 2 and any(c.isascii() and c.isalpha() for c in s))


def _place_name(text: str) -> str:
    # A municipality's name is capitalized word by word, as its legal name prints it.
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def _library() -> Library:
    root = Path(tempfile.mkdtemp(prefix="draftkit-prop-"))
    shutil.copytree(FIXTURES / "valid", root, dirs_exist_ok=True)
    shutil.copytree(REPO / "resolutions", root / "resolutions")
    # Approve the fixture clause so that final drafts can be generated too.
    from draftkit.data.library_actions import review_clause

    review_clause(
        root,
        "custody-rule",
        reviewer="A",
        role="B",
        verdict="approved",
        notes=None,
        date=dt.date(2026, 11, 27),
    )
    return load_library(root)


LIBRARY = _library()


@st.composite
def profiles(draw: st.DrawFn) -> TownProfile:
    name = _place_name(draw(NAME))
    kind = draw(st.sampled_from(["city", "town", "village"]))
    return TownProfile.model_validate(
        {
            "name": name,
            "legal_name": f"{legal_prefix(kind)} {base_name(name)}",
            "kind": kind,
            "county": draw(NAME),
            "governing_body": {
                "name": draw(NAME),
                "presiding_officer_title": draw(NAME),
                "clerk_title": draw(NAME),
            },
            "police": {
                "arrangement": draw(st.sampled_from(ARRANGEMENTS)),
                "name": draw(NAME),
                "head_title": draw(NAME),
                "policy_adopted_by": draw(NAME),
                "body_may_direct": draw(st.booleans()),
                "directive_series": draw(NAME),
                "approving_body": draw(st.none() | NAME),
            },
            "fipp": {
                "model_version": draw(st.dates(EARLIEST, latest())).isoformat(),
                "local_amendments": [
                    {"date": "2020-03-09", "description": draw(TEXT)}
                    for _ in range(draw(st.integers(0, 2)))
                ],
            },
            # Every fact confirmed, so that final drafts can be generated too.
            "confirmed": list(get_args(FactField)),
        }
    )


def _with_town(profile: TownProfile) -> Library:
    source = YamlDocument(
        path=LIBRARY.root / "towns" / "generated.yaml",
        shown="towns/generated.yaml",
        data={},
        lines=None,
    )
    return dataclasses.replace(LIBRARY, towns={"generated": Loaded(value=profile, source=source)})


def _flat(text: str) -> str:
    return " ".join(text.split())


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(), st.lists(TEXT, max_size=3), st.booleans())
def test_any_valid_profile_drafts_clean_documents(
    profile: TownProfile, sponsors: list[str], final: bool
) -> None:
    options = DraftOptions(date=dt.date(2026, 11, 27), final=final, sponsors=tuple(sponsors))
    draft = prepare_draft(_with_town(profile), "generated", "all", options)
    documents = {name: data for name, data in draft.files.items() if name.endswith(".docx")}
    assert (
        len(documents)
        == {"municipal": 2, "sheriff": 2, "state_police": 1, "constables": 1}[
            profile.police.arrangement
        ]
    )
    for name, data in documents.items():
        text = "\n".join(text_lines(data))  # re-opens with python-docx
        assert _flat(profile.legal_name) in text, name
        assert not re.search(r"\{\{|\{%|\[\[", text)
        assert text.startswith("header: Draft Mark | DRAFT") is (not final)


@given(st.text(max_size=200))
def test_any_name_gives_a_safe_stable_file_name(name: str) -> None:
    slug = slugify(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|unnamed", slug)
    assert len(slug) <= 60
    assert slugify(name) == slug
    assert slugify(slug) == slug


def test_every_arrangement_has_instruments_words_and_a_template() -> None:
    from draftkit.data.defaults import POLICING_CHOICES
    from draftkit.drafting.instruments import ARRANGEMENT_WORDS, INSTRUMENTS

    assert set(INSTRUMENTS) == set(ARRANGEMENTS) == set(ARRANGEMENT_WORDS)
    assert set(POLICING_CHOICES.values()) == set(ARRANGEMENTS)
    for documents in INSTRUMENTS.values():
        for document in documents:
            assert (LIBRARY.root / "resolutions" / document.template).is_file()
