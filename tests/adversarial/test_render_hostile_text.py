"""Property: any string in any free-text profile field, or as a sponsor, is either
refused plainly (field named) or appears literally in a complete document."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import FIXTURES, REPO

from draftkit.data.library import Library, load_library
from draftkit.data.loading import load
from draftkit.data.town_models import TownProfile
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft
from draftkit.errors import DraftkitError, ProblemList
from draftkit.word.inspection import text_lines

PRINTED = {
    ("legal_name",): "legal_name",
    ("governing_body", "name"): "governing_body.name",
    ("governing_body", "presiding_officer_title"): "governing_body.presiding_officer_title",
    ("governing_body", "clerk_title"): "governing_body.clerk_title",
    ("police", "name"): "police.name",
    ("police", "policy_adopted_by"): "police.policy_adopted_by",
}

HOSTILE = st.one_of(
    st.text(min_size=1, max_size=40),
    st.sampled_from(
        [
            "Jos\udce9",
            "\x00",
            "\u200b",
            "\u202eevil\u202c",
            "{{ 7*7 }}",
            "{% for %}",
            "<w:p>&amp;</w:p>",
            "]]>",
            "\ufffe",
            "x" * 250,
            "Saint-Jérôme",
            "مجلس المدينة",
        ]
    ),
)


@functools.lru_cache(maxsize=1)
def _library(root: str) -> Library:
    return load_library(Path(root))


def _root(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.getbasetemp() / "hostile-text"
    if not root.exists():
        import shutil

        shutil.copytree(FIXTURES / "valid", root)
        shutil.copytree(REPO / "resolutions", root / "resolutions")
    return root


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(sorted(PRINTED)), value=HOSTILE, sponsor=HOSTILE)
def test_hostile_text_is_refused_or_printed_whole(tmp_path_factory, field, value, sponsor) -> None:  # type: ignore[no-untyped-def]
    root = _root(tmp_path_factory)
    library = _library(str(root))
    data = yaml.safe_load((root / "towns/testville.yaml").read_text())
    target = data
    for part in field[:-1]:
        target = target[part]
    target[field[-1]] = value
    path = root / "towns" / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
    try:
        loaded = load(TownProfile, path, schema_name="town", display="towns/testville.yaml")
    except ProblemList as problems:
        assert any(PRINTED[field] in p.message for p in problems.problems), problems
        assert all(p.hint for p in problems.problems)
        return
    except DraftkitError as problem:
        assert problem.path == "towns/testville.yaml" and problem.hint, problem
        return
    trial = dataclasses.replace(library, towns={"testville": loaded})
    options = DraftOptions(date=dt.date(2026, 11, 27), sponsors=(sponsor,))
    try:
        draft = prepare_draft(trial, "testville", "resolution", options)
    except ProblemList as problems:
        assert all("sponsor" in p.message and p.hint for p in problems.problems), problems
        return
    (docx,) = [data for name, data in draft.files.items() if name.endswith(".docx")]
    text = " ".join(" ".join(line.split(" | ", 1)[-1].split()) for line in text_lines(docx))
    printed: object = loaded.value
    for part in field:
        printed = getattr(printed, part)
    shown = " ".join(str(printed).split())
    assert shown in text or shown.upper() in text
    assert " ".join(sponsor.split()) in text
    assert "holds people in custody" in text
    assert "by a vote of" in text
