"""draftkit audit: the test policies in every format, bad input, the Word report, and the
rule files' own validation. The test policies are in tests/fixtures/policies/."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import FIXTURES, REPO, run

from draftkit.audit import Verdict, audit_policy, audit_report_docx, read_policy
from draftkit.audit.reading import MAX_BYTES, sentences
from draftkit.data.library import Library, load_library

POLICIES = FIXTURES / "policies"
BAD = FIXTURES / "bad-policies"
SEED = (
    "victim-witness-reporting",
    "border-crossing-pretext",
    "public-safety-information-sharing",
    "custody-access",
    "civil-stop-prolongation",
)
LOOPHOLE_QUOTES = {
    "victim-witness-reporting": [
        "6.1 Officers may report to a Federal immigration authority the immigration status "
        "of a victim or a witness of a crime when the officer learns it in the course of the "
        "investigation."
    ],
    "border-crossing-pretext": [
        "Officers of the Department do not enforce federal civil immigration law, but they "
        "may enforce federal criminal law where the law allows it.",
        "4.2 An officer who has reasonable suspicion that a person recently crossed the border "
        "into the United States unlawfully may question that person about the crossing and "
        "may detain the person to investigate it.",
    ],
    "public-safety-information-sharing": [
        "7.1 Officers may share confidential information with a Federal immigration authority "
        "where doing so serves public safety or legitimate law enforcement needs."
    ],
    "custody-access": [
        "8.1 Officers shall not give a Federal immigration authority access to a person in "
        "Department custody unless the agents present a Judicial Warrant or the Department "
        "has a legitimate law enforcement purpose for the access that is not the enforcement "
        "of civil immigration law.",
        "8.2 The officer in charge of the station may allow agents of a Federal immigration "
        "authority to interview a person held at the station.",
    ],
    "civil-stop-prolongation": [
        "5.1 Officers shall not start or prolong a stop for the purpose of enforcing civil "
        "immigration matters, such as suspicion of undocumented status.",
        "5.2 During a lawful traffic stop an officer may ask any passenger for identification "
        "and may contact the Border Patrol to verify a person's identity.",
    ],
}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(REPO)


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_finds_each_seed_loophole_with_its_quotes(library: Library, suffix: str) -> None:
    report = audit_policy(POLICIES / f"loophole-wording{suffix}", library)
    assert report.judged
    by_id = {f.loophole: f for f in report.findings}
    for loophole, quotes in LOOPHOLE_QUOTES.items():
        assert by_id[loophole].verdict is Verdict.OPEN, loophole
        assert [q.text for q in by_id[loophole].quotes] == quotes, loophole
        assert {q.points for q in by_id[loophole].quotes} == {"open"}
    assert {c.id for c in report.lacking} >= {
        "victim-witness-status",
        "border-crossing-pretext",
        "information-sharing",
        "custody-access",
        "civil-stops",
    }


def test_says_where_each_passage_is(library: Library) -> None:
    text = {
        f.loophole: f for f in audit_policy(POLICIES / "loophole-wording.txt", library).findings
    }
    assert [q.where for q in text["custody-access"].quotes] == [
        "paragraph 22 (line 44)",
        "paragraph 23 (line 46)",
    ]
    pdf = {f.loophole: f for f in audit_policy(POLICIES / "loophole-wording.pdf", library).findings}
    assert [q.where for q in pdf["civil-stop-prolongation"].quotes] == ["page 1", "page 2"]
    docx = audit_policy(POLICIES / "loophole-wording.docx", library).findings
    assert [q.where for q in docx[0].quotes] == ["paragraph 18"]


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_policy_that_closes_them_has_none_open(library: Library, suffix: str) -> None:
    report = audit_policy(POLICIES / f"closes-all{suffix}", library)
    assert report.judged
    assert report.count(Verdict.OPEN) == 0
    for finding in report.findings:
        if finding.loophole in SEED:
            assert finding.verdict is Verdict.CLOSED, finding.loophole
            assert finding.quotes and {q.points for q in finding.quotes} == {"closed"}
    assert report.lacking == ()
    assert report.lint == ()


def test_unrelated_document_cannot_be_judged(library: Library) -> None:
    report = audit_policy(POLICIES / "snow-plowing.txt", library)
    assert not report.judged
    assert report.document_reason == (
        "The text mentions immigration, citizenship or fair and impartial policing nowhere, "
        "so it does not show itself to be a police policy on immigration; and it has only "
        "248 words, too few for a whole policy (the audit needs at least 300); part of a "
        "policy cannot show what the rest of it closes."
    )
    assert {f.verdict for f in report.findings} == {Verdict.CANNOT_JUDGE}
    assert all(f.reason == report.document_reason for f in report.findings)


def test_fragment_cannot_be_judged_even_where_it_quotes_a_loophole(library: Library) -> None:
    report = audit_policy(POLICIES / "fragment.txt", library)
    assert not report.judged
    assert report.document_reason is not None
    assert "it has only 38 words, too few for a whole policy" in report.document_reason
    custody = next(f for f in report.findings if f.loophole == "custody-access")
    assert custody.verdict is Verdict.CANNOT_JUDGE
    assert custody.quotes[0].points == "open"  # shown as evidence, not as a verdict
    assert report.lacking == ()


def test_lint_reports_a_foreign_policy(library: Library) -> None:
    report = audit_policy(POLICIES / "loophole-wording.txt", library)
    assert [(lint.rule, lint.where) for lint in report.lint] == [
        ("weak-verb", "paragraph 20 (line 40)"),
        ("undefined-term", "paragraph 22 (line 44)"),
        ("missing-reference", "paragraph 25 (line 50)"),
    ]
    assert report.lint[1].name == "Defined term used but not defined: 'Judicial warrant'"
    assert report.lint[2].name == "Reference to a provision that does not exist: section 12.3"


def test_lint_flags_a_ban_on_sharing_status_but_not_the_savings_sentence(
    library: Library, tmp_path: Path
) -> None:
    text = (POLICIES / "closes-all.txt").read_text(encoding="utf-8")
    ban = "No Member shall share any person's immigration status with a Federal immigration authority."
    policy = tmp_path / "policy.txt"
    policy.write_text(text + "\n10. STATUS\n\n" + ban + "\n", encoding="utf-8")
    report = audit_policy(policy, library)
    assert [(lint.rule, lint.text) for lint in report.lint] == [("restricts-status-exchange", ban)]
    assert "951 F.3d 84 (2d Cir. 2020)" in report.lint[0].explanation


# ------------------------------------------------------------------------ the CLI


def test_cli_prints_the_table(tmp_path: Path) -> None:
    result = run(REPO, "audit", str(POLICIES / "loophole-wording.txt"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Audit of loophole-wording.txt (text, 468 words)"
    assert lines[2] == "LOOPHOLE                           FINDING       WHERE"
    assert lines[3] == ("victim-witness-reporting           OPEN          paragraph 17 (line 34)")
    assert "Open: 5, closed: 1, cannot judge: 11" in lines
    assert "Wording problems (federal-law lint): 3" in lines


def test_cli_json(tmp_path: Path) -> None:
    result = run(REPO, "audit", str(POLICIES / "closes-all.docx"), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["summary"] == {"open": 0, "closed": 6, "cannot judge": 11}
    assert data["findings"][3]["quotes"][0]["where"] == "paragraph 24"
    assert data["lacking"] == []


def test_cli_writes_the_word_report_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "audit.docx"
    result = run(REPO, "audit", str(POLICIES / "loophole-wording.pdf"), "--docx", str(out))
    assert result.exit_code == 0
    assert result.stdout.endswith(f"wrote {out}\n")
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "AUDIT OF A POLICY IN FORCE" in texts
    assert "2.1 Reporting the immigration status of victims and witnesses: left open" in texts
    assert f"\u201c{LOOPHOLE_QUOTES['victim-witness-reporting'][0]}\u201d (page 2)" in texts
    before = out.read_bytes()
    again = run(REPO, "audit", str(POLICIES / "closes-all.txt"), "--docx", str(out))
    assert again.exit_code == 1
    assert again.stderr == (
        f"error: this file exists: {out}\n"
        "  hint: pass --force to replace it, or choose another --out\n"
    )
    assert out.read_bytes() == before


def test_word_report_api_for_the_packet(library: Library) -> None:
    report = audit_policy(POLICIES / "snow-plowing.txt", library)
    document = Document(io.BytesIO(audit_report_docx(report, library)))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Caption Line", "Body Text Justified"} <= styles
    texts = [p.text for p in document.paragraphs]
    assert "2. FINDINGS" not in texts  # nothing judged, nothing to find
    assert any(t.startswith("The audit cannot judge this text") for t in texts)


def _huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)  # sparse: no 20 MB written to disk
    return path


BAD_INPUT = {
    "missing": (
        lambda tmp: tmp / "nope.txt",
        "file not found\n  hint: check the file's name and folder",
    ),
    "folder": (
        lambda tmp: tmp,
        "is a folder, not a file\n  hint: save the policy as .docx, .pdf, .txt or .md and "
        "audit that file",
    ),
    "empty": (
        lambda tmp: BAD / "empty.txt",
        "the file is empty\n  hint: save the policy as .docx, .pdf, .txt or .md and audit "
        "that file",
    ),
    "not-a-docx": (
        lambda tmp: BAD / "not-a-docx.docx",
        "not a Word .docx file: it cannot be opened as one\n  hint: open it in Word and save "
        "it as a .docx document",
    ),
    "unsupported": (
        lambda tmp: BAD / "policy.rtf",
        "the audit cannot read .rtf files\n  hint: open it in Word and save it as .docx",
    ),
    "corrupt-pdf": (
        lambda tmp: BAD / "corrupt.pdf",
        "not a readable PDF: the file is damaged or is not a PDF\n  hint: download or "
        "export the PDF again, or audit the Word file instead",
    ),
    "encrypted-pdf": (
        lambda tmp: BAD / "encrypted.pdf",
        "the PDF is protected by a password\n  hint: ask the town for an unprotected copy "
        "or the Word file",
    ),
    "binary": (
        lambda tmp: BAD / "binary.txt",
        "not a text file: it holds binary data\n  hint: save the policy as .docx, .pdf, "
        ".txt or .md and audit that file",
    ),
    "huge": (
        _huge,
        "the file is 20 MB; the audit reads files up to 20 MB\n  hint: audit the policy on "
        "its own, not a whole manual or a scanned copy",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_is_a_plain_error_and_nothing_is_written(tmp_path: Path, case: str) -> None:
    make, message = BAD_INPUT[case]
    path = make(tmp_path)
    out = tmp_path / "out" / "audit.docx"
    result = run(REPO, "audit", str(path), "--docx", str(out))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"error: {path}: {message}\n"
    assert "Traceback" not in result.output
    assert not out.parent.exists()


def test_text_in_windows_encoding_is_read(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_bytes("Officers\u2019 duties \u2014 caf\u00e9".encode("cp1252"))
    assert read_policy(path).passages[0].text == "Officers' duties \u2014 caf\u00e9"


# -------------------------------------------------------------- rule files, check


def test_check_validates_the_audit_rules_with_lines(make_project) -> None:
    result = run(make_project("bad-audit-rules"), "check")
    assert result.exit_code == 1
    assert result.stderr == (
        "clauses/audit-rules.yaml:8: document.max_words: unknown field\n"
        "  hint: remove it or fix its spelling; allowed here: min_words, police, immigration, "
        "min_immigration_mentions\n"
        "clauses/audit-rules.yaml:13: loopholes[0].leaves_open[0].all_of[1]: Value error, not "
        "a valid pattern (missing ), unterminated subpattern); plain words match themselves, "
        "(a|b) means a or b, and ( ) [ ] . ? * + \\ need a \\ before them to match as "
        "themselves\n"
        "  hint: `draftkit schema audit-rules` describes this field\n"
        "error: 2 problems in 1 file\n"
    )


def test_check_refuses_an_unknown_loophole_in_the_audit_rules(make_project) -> None:
    root = make_project()
    rules = root / "clauses" / "audit-rules.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace(
            "- loophole: custody-access", "- loophole: custody-acess"
        ),
        encoding="utf-8",
    )
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stderr == (
        "clauses/audit-rules.yaml:9: loopholes[0].loophole: unknown loophole 'custody-acess'\n"
        "  hint: loopholes are listed in clauses/loopholes.yaml: custody-access\n"
        "error: 1 problem in 1 file\n"
    )


def test_check_fails_on_lint_findings_in_the_library(make_project) -> None:
    result = run(make_project("clause-tripping-lint"), "check")
    assert result.exit_code == 1
    sentence = (
        "A Member shall not share any person's immigration status with a federal immigration "
        "authority, except as paragraph (c) of this section allows."
    )
    assert result.stderr == (
        "clauses/custody-rule.yaml:16: directive.paragraphs[0]: Weak verb in operative text: "
        '"A Member should endeavor to refuse access to a person in custody without a court '
        'order."\n'
        '  hint: Write "shall" or "shall not" and say exactly when the duty applies.\n'
        "clauses/custody-rule.yaml:17: directive.paragraphs[1]: Restricts exchanging "
        f'citizenship or immigration status: "{sentence}"\n'
        "  hint: Work at the point of collection instead (officers do not ask and forms do "
        "not ask), limit the sharing of other information only, and keep a savings sentence "
        "that leaves the exchange of citizenship or immigration status untouched.\n"
        "clauses/custody-rule.yaml:17: directive.paragraphs[1]: Reference to a provision that "
        f'does not exist: paragraph (c) of this section: "{sentence}"\n'
        "  hint: Correct the number or heading, or add the provision it refers to.\n"
        "error: 3 problems in 1 file\n"
    )


def test_allowed_findings_pass_and_unused_allowances_are_reported(make_project) -> None:
    result = run(make_project("clause-tripping-lint", "lint-allowance"), "check")
    assert result.exit_code == 1
    assert "Weak verb" not in result.stderr
    assert (
        "clauses/lint-rules.yaml:73: allowed[1]: allowed finding no longer occurs: weak-verb "
        "in clauses/custody-rule.yaml\n  hint: remove this entry from allowed\n"
    ) in result.stderr
    assert result.stderr.endswith("error: 3 problems in 2 files\n")


def test_the_real_library_passes_the_lint() -> None:
    result = run(REPO, "check")
    assert result.exit_code == 0, result.output


@given(
    st.lists(
        st.sampled_from(
            [
                "Officers",
                "shall",
                "8",
                "U.S.C.",
                "§",
                "1373.",
                "4.2.",
                "not;",
                "Ask.",
                "(a)",
                "e.g.",
            ]
        ),
        max_size=30,
    )
)
def test_sentences_never_lose_or_add_words(words: list[str]) -> None:
    text = " ".join(words)
    assert " ".join(sentences(text)).split() == text.split()
