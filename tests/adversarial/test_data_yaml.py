"""Bad YAML of every kind: each refused with file, line, field and hint; nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.adversarial.helpers import CLAUSE, DRAFT, PROFILE, edit, new_project, refused
from tests.conftest import run, tree

GLOSSARY = "clauses/glossary.yaml"
LOOPHOLES = "clauses/loopholes.yaml"


def add(text: str) -> Callable[[str], str]:
    return lambda old: old + text


def swap(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return change


# (case id, file, change, pieces the message must hold)
CASES: list[tuple[str, str, Callable[[str], str], tuple[str, ...]]] = [
    (
        "body-may-direct-twice",
        PROFILE,
        swap("  body_may_direct: true\n", "  body_may_direct: true\n  body_may_direct: false\n"),
        (PROFILE + ":16", "police.body_may_direct: given twice (lines 15 and 16)"),
    ),
    (
        "applies-to-twice",
        CLAUSE,
        swap(
            "applies_to: [municipal, sheriff, state_police, constables]\n",
            "applies_to: [municipal, sheriff, state_police, constables]\napplies_to: [sheriff]\n",
        ),
        (CLAUSE + ":7", "applies_to: given twice (lines 6 and 7)"),
    ),
    (
        "applies-to-entry-twice",
        CLAUSE,
        swap("[municipal, sheriff, state_police, constables]", "[municipal, sheriff, municipal]"),
        (CLAUSE + ":6", "applies_to[2]: 'municipal' is listed twice"),
    ),
    (
        "glossary-term-twice",
        GLOSSARY,
        add("  - term: member\n    definition: anyone at all.\n"),
        (GLOSSARY + ":6", "terms[2]: term 'member' is listed twice (lines 4 and 6)"),
    ),
    (
        "loophole-id-twice",
        LOOPHOLES,
        add(
            "  - id: custody-access\n    name: Again\n    description: Again.\n    source: Test.\n"
        ),
        (LOOPHOLES + ":6", "loopholes[1]: id 'custody-access' is listed twice (lines 2 and 6)"),
    ),
    (
        "clause-listed-twice-in-profile",
        PROFILE,
        add("clauses: [custody-rule, custody-rule]\n"),
        (PROFILE + ":18", "clauses[1]: 'custody-rule' is listed twice on line 18"),
    ),
    (
        "defined-term-twice",
        CLAUSE,
        swap("defined_terms: [Member]", "defined_terms: [Member, Member]"),
        (CLAUSE, "defined_terms[1]: 'Member' is listed twice"),
    ),
    (
        "nested-key-twice",
        PROFILE,
        swap("  clerk_title: Town Clerk\n", "  clerk_title: Town Clerk\n  clerk_title: Clerk\n"),
        (PROFILE + ":10", "governing_body.clerk_title: given twice (lines 9 and 10)"),
    ),
    (
        "february-30-model-version",
        PROFILE,
        swap("model_version: 2024-04-23", "model_version: 2024-02-30"),
        (PROFILE + ":17", "fipp.model_version: '2024-02-30' is not a date", "YYYY-MM-DD"),
    ),
    (
        "week-date-model-version",
        PROFILE,
        swap("model_version: 2024-04-23", "model_version: 2026-W01-1"),
        (PROFILE + ":17", "fipp.model_version: '2026-W01-1' is not a date", "YYYY-MM-DD"),
    ),
    (
        "year-one-model-version",
        PROFILE,
        swap("model_version: 2024-04-23", "model_version: 0001-01-01"),
        (
            PROFILE + ":17",
            "fipp.model_version: 0001-01-01 is outside the dates draftkit accepts (2000-01-01",
            "check the year",
        ),
    ),
    (
        "datetime-model-version",
        PROFILE,
        swap("model_version: 2024-04-23", "model_version: 2024-04-23 10:00:00"),
        (PROFILE + ":17", "fipp.model_version: '2024-04-23 10:00:00' is not a date"),
    ),
    (
        "year-1776-amendment",
        PROFILE,
        add("  local_amendments:\n    - date: '1776'\n      description: the town voted\n"),
        (
            PROFILE + ":19",
            "fipp.local_amendments[0].date: '1776' is outside the years draftkit accepts (2000 to",
        ),
    ),
    (
        "february-30-amendment",
        PROFILE,
        add("  local_amendments:\n    - date: 2019-02-30\n      description: the town voted\n"),
        (PROFILE + ":19", "fipp.local_amendments[0].date: '2019-02-30' is not a date"),
    ),
    (
        "february-30-quoted",
        PROFILE,
        add("  local_amendments:\n    - date: '2019-02-30'\n      description: the town voted\n"),
        (PROFILE + ":19", "'2019-02-30' is not a date"),
    ),
    (
        "february-30-history",
        CLAUSE,
        swap("date: 2026-11-27", "date: 2026-02-30"),
        (CLAUSE, "history[0].date: '2026-02-30' is not a date"),
    ),
    (
        "nul-in-name",
        PROFILE,
        swap("name: Testville\n", 'name: "Test\\0ville"\n'),
        (PROFILE + ":1", "name: the value holds U+0000 (a control character)", "UTF-8"),
    ),
    (
        "surrogate-in-agency",
        PROFILE,
        swap("  name: Testville Police Department", '  name: "Jos\\uDCE9 Police"'),
        (PROFILE + ":12", "not valid YAML: found invalid Unicode character escape code"),
    ),
    (
        "zero-width-clerk",
        PROFILE,
        swap("clerk_title: Town Clerk", 'clerk_title: "\\u200B\\u200D"'),
        (
            PROFILE + ":9",
            "governing_body.clerk_title: the value holds an invisible formatting character "
            "(U+200B, zero-width space)",
        ),
    ),
    (
        "override-in-body-name",
        PROFILE,
        swap("  name: Selectboard", '  name: "Select\\u202Eboard"'),
        (
            PROFILE + ":7",
            "governing_body.name: the value holds an invisible formatting character "
            "(U+202E, right-to-left override)",
        ),
    ),
    (
        "chinese-body-name",
        PROFILE,
        swap("  name: Selectboard", "  name: 委员会"),
        (
            PROFILE + ":7",
            "governing_body.name: the value has no letter from A to Z; names and titles in "
            "the documents are written in English letters (accented letters such as é are "
            "fine)",
        ),
    ),
    (
        "one-letter-title",
        PROFILE,
        swap("presiding_officer_title: Chair", "presiding_officer_title: a"),
        (
            PROFILE + ":8",
            "governing_body.presiding_officer_title: the value is too short for a name or "
            "title (at least 2 characters)",
        ),
    ),
    (
        "escape-in-body-name",
        PROFILE,
        swap("  name: Selectboard", '  name: "Select\\eboard"'),
        (PROFILE + ":7", "governing_body.name: the value holds U+001B (a control character)"),
    ),
    (
        "c1-control-in-title",
        PROFILE,
        swap("head_title: Chief of Police", 'head_title: "Chief\\x9b of Police"'),
        (PROFILE, "police.head_title: the value holds U+009B (a control character)"),
    ),
    (
        "noncharacter-in-legal-name",
        PROFILE,
        swap("legal_name: Town of Testville", 'legal_name: "Town of \\uFFFF"'),
        (PROFILE + ":2", "legal_name: the value holds U+FFFF"),
    ),
    (
        "over-long-name",
        PROFILE,
        swap("legal_name: Town of Testville", "legal_name: Town of " + "T" * 300),
        (PROFILE + ":2", "legal_name: the value is 308 characters long; the limit is 200"),
    ),
    (
        "over-long-paragraph",
        CLAUSE,
        swap("summary: Agents", "summary: " + "word " * 5000 + "Agents"),
        (CLAUSE + ":5", "summary: the value is 25,"),
    ),
    (
        "control-in-clause-text",
        CLAUSE,
        swap(
            "    - the {{ agency.name }} holds people in custody",
            '    - "the {{ agency.name }}\\x07 holds"',
        ),
        (CLAUSE, "resolution.whereas[0]: the value holds U+0007 (a control character)"),
    ),
    (
        "control-in-definition",
        GLOSSARY,
        swap(
            "definition: every person who works for the Agency.", 'definition: "every\\x01 person"'
        ),
        (GLOSSARY, "terms[1].definition: the value holds U+0001"),
    ),
    (
        "surrogate-in-loophole",
        LOOPHOLES,
        swap("name: Access to people in custody", 'name: "Access \\uD800"'),
        (LOOPHOLES + ":3", "not valid YAML: found invalid Unicode character escape code"),
    ),
    (
        "control-in-source",
        PROFILE,
        add('sources: ["minutes\\x0b of 2020"]\n'),
        (PROFILE + ":18", "sources[0]: the value holds U+000B"),
    ),
    (
        "deep-nesting",
        PROFILE,
        add("sources: " + "[" * 200 + "]" * 200 + "\n"),
        (PROFILE + ":18", "nested more than 20 deep"),
    ),
]


@pytest.mark.parametrize(
    ("file", "change", "expect"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
@pytest.mark.parametrize("command", ["draft", "check"])
def test_bad_yaml_is_refused(
    tmp_path: Path, file: str, change: Callable[[str], str], expect: tuple[str, ...], command: str
) -> None:
    root = new_project(tmp_path)
    edit(root, file, change)
    args = (*DRAFT, "--out", str(root / "drafts")) if command == "draft" else ("check",)
    refused(root, *args, expect=expect)


def test_not_utf8_profile_names_its_line(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    path = root / PROFILE
    path.write_bytes(path.read_bytes().replace(b"Testville Police", b"Testvill\xe9 Police"))
    refused(root, *DRAFT, expect=(PROFILE + ":12", "not UTF-8 text", "save the file as UTF-8"))


def test_duplicate_review_entries(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    entry = (
        "  - reviewer: A. Lawyer\n    role: Counsel\n    date: 2026-01-05\n"
        "    verdict: approved\n    version: 1.0.0\n    text_sha256: " + "a" * 64 + "\n"
    )
    (root / "clauses" / "reviews").mkdir()
    (root / "clauses/reviews/custody-rule.yaml").write_text("reviews:\n" + entry + entry)
    refused(
        root,
        "check",
        expect=(
            "clauses/reviews/custody-rule.yaml:8",
            "reviews[1]: the same entry is listed twice",
        ),
    )


def test_review_stamp_of_february_30(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    (root / "clauses" / "reviews").mkdir()
    (root / "clauses/reviews/custody-rule.yaml").write_text(
        "reviews:\n  - reviewer: A. Lawyer\n    role: Counsel\n    date: 2026-02-30\n"
        "    verdict: approved\n    version: 1.0.0\n    text_sha256: " + "a" * 64 + "\n"
    )
    refused(
        root,
        *DRAFT,
        expect=(
            "clauses/reviews/custody-rule.yaml:4",
            "reviews[0].date: '2026-02-30' is not a date",
        ),
    )


def test_fifty_thousand_unknown_keys_are_capped(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    edit(root, PROFILE, add("".join(f"k{i}: 1\n" for i in range(50_000))))
    result = refused(
        root,
        "check",
        expect=(PROFILE + ":18: k0: unknown field", "and 49,980 more problems in this file"),
    )
    assert result.stderr.count("unknown field") == 20


def test_file_over_a_megabyte_is_refused_unread(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    edit(root, PROFILE, add("# " + "x" * 1_100_000 + "\n"))
    refused(root, *DRAFT, expect=(PROFILE, "the limit is 1,000,000"))


def test_folder_named_like_a_profile(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    (root / "towns" / "x.yaml").mkdir()
    refused(root, "check", expect=("towns/x.yaml", "is a folder, not a file"))


def test_unreadable_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, whom chmod 000 does not stop: the refusal is simulated.
    root = new_project(tmp_path)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "testville.yaml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    before = tree(root)
    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_bytes", read_bytes)
        result = run(root, *DRAFT)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{PROFILE}: cannot be read: permission denied\n"
        "  hint: give yourself read access to it (chmod u+r)\n"
        "error: 1 problem in 1 file\n"
    )
    assert tree(root) == before
