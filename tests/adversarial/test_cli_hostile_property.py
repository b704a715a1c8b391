"""Property: any string given to a free-text option is either refused plainly (exit 2,
the option named, no traceback, nothing written) or appears literally in a complete
document (or record)."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.adversarial._edges import DATE, invoke, small_project

from draftkit.word.inspection import text_lines

HOSTILE = [
    "Jos\udce9",
    "\x00",
    "A\x0bB",
    "\ufeff",
    "\u202eevil",
    "\u200b",
    "{{ town.name }}",
    "{% for x in range(99999999) %}x{% endfor %}",
    "<w:p>&amp;</w:p>",
    "]]>",
    "--out=/etc",
    "-",
    "Ann O'Neil & Zoë Ünal",
    "עיריית ברלינגטון",
    "x" * 200,
    "x" * 201,
    "\ud800",
    "\uffff",
    "None",
    " padded  name ",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=24),
    st.text(
        st.characters(min_codepoint=0, max_codepoint=0x2FFF, exclude_categories=()), max_size=24
    ),
)

_counter = itertools.count()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("hostile")
    root = small_project(base)
    yield root
    shutil.rmtree(base)


@pytest.fixture(scope="module")
def baseline(project: Path) -> list[str]:
    out = project.parent / "baseline"
    assert invoke(project, *_draft(out, "Plain Sponsor")).exit_code == 0
    return text_lines(next(out.glob("*resolution.docx")).read_bytes())


def _draft(out: Path, sponsor: str) -> tuple[str, ...]:
    return (
        "draft",
        "testville",
        "--doc",
        "resolution",
        *DATE,
        "--out",
        str(out),
        "--sponsor",
        sponsor,
    )


def _refused(result_output: str, stderr: str, option: str) -> bool:
    assert "Traceback" not in result_output
    return f"Error: Invalid value for '{option}': the value " in stderr and "  hint: " in stderr


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=hostile_text)
def test_a_sponsor_is_refused_plainly_or_drafted_literally(
    value: str, project: Path, baseline: list[str]
) -> None:
    out = project.parent / f"out-{next(_counter)}"
    result = invoke(project, *_draft(out, value))
    if result.exit_code != 0:
        assert result.exit_code == 2, result.output
        assert _refused(result.output, result.stderr, "--sponsor"), result.stderr
        assert not out.exists()
        return
    lines = text_lines(next(out.glob("*resolution.docx")).read_bytes())
    sponsor_line = "Body Text Justified | Sponsor: " + " ".join(value.split())
    assert sponsor_line in lines
    # Complete: every other line of the plain draft is there, in order.
    rest = iter(line for line in lines if line != sponsor_line)
    assert all(line in rest for line in baseline if "Sponsor:" not in line)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=hostile_text, option=st.sampled_from(["--reviewer", "--role", "--notes"]))
def test_a_review_field_is_refused_plainly_or_recorded_literally(
    value: str, option: str, project: Path
) -> None:
    log = project / "clauses/reviews/custody-rule.yaml"
    before = log.read_bytes() if log.exists() else None
    said = {"--reviewer": "Pat Lawyer", "--role": "Town attorney", "--notes": "Fine."}
    said[option] = value
    args = [item for pair in said.items() for item in pair]
    result = invoke(project, "clauses", "review", "custody-rule", "--verdict", "approved", *args)
    if result.exit_code != 0:
        assert result.exit_code == 2, result.output
        assert _refused(result.output, result.stderr, option), result.stderr
        assert (log.read_bytes() if log.exists() else None) == before
        return
    last = yaml.safe_load(log.read_text(encoding="utf-8"))["reviews"][-1]
    recorded = last[option.removeprefix("--")]
    expected = " ".join(value.split()) if option == "--notes" else value.strip()
    assert recorded == expected


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=hostile_text,
    place=st.sampled_from(
        [("towns", "show"), ("clauses", "show"), ("towns", "list", "--county"), ("draft",)]
    ),
)
def test_a_name_looked_up_is_answered_plainly(
    value: str, place: tuple[str, ...], project: Path
) -> None:
    result = invoke(project, *place, value, "--out", str(project.parent / "never"))
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2)
    if result.exit_code:
        assert result.stderr.startswith(("error: ", "Usage: ")), result.stderr
        assert "hint: " in result.stderr or "Error: " in result.stderr
    assert not (project.parent / "never").exists() or place == ("draft",)
