"""Bad input: exact messages, exit code 1, nothing written, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import run, tree

from draftkit.data.library import load_library
from draftkit.review.checking import check_towns

DRAFT = ("draft", "testville", "--date", "2026-11-27")

CASES = {
    "malformed-yaml": (
        "towns/testville.yaml:7: not valid YAML: did not find expected key\n"
        "  hint: check the indentation and quoting on this line and the one before it\n"
        "error: 1 problem in 1 file\n"
    ),
    "unknown-key": (
        "towns/testville.yaml:13: police.chief_name: unknown field\n"
        "  hint: remove it or fix its spelling; allowed here: arrangement, name, head_title, "
        "policy_adopted_by, body_may_direct, approving_body, run_by, directive_series, source\n"
        "error: 1 problem in 1 file\n"
    ),
    "wrong-type": (
        "towns/testville.yaml:3: kind: 'hamlet' is not one of the choices: city, town or village\n"
        "  hint: write one of the choices exactly as shown\n"
        "towns/testville.yaml:14: police.body_may_direct: should be yes or no (true or false), "
        "not 'sometimes'\n"
        "  hint: write true or false\n"
        "error: 2 problems in 1 file\n"
    ),
    "unquoted-version-and-list-as-text": (
        "clauses/custody-rule.yaml:3: version: should be text, but 1.3 is read as a number\n"
        '  hint: put it in quotes, e.g. "1.3.0"\n'
        "clauses/custody-rule.yaml:4: closes: needs at least 1 entry\n"
        "  hint: add one\n"
        "clauses/custody-rule.yaml:6: applies_to: should be a list, not the text 'municipal'\n"
        '  hint: write one "- item" line per entry, or [first, second] on one line\n'
        "error: 3 problems in 1 file\n"
    ),
    "duplicate-key-and-field-errors": (
        "towns/testville.yaml:4: name: given twice (lines 1 and 4)\n"
        "  hint: YAML keeps only the last one; delete one of them\n"
        "towns/testville.yaml:5: mayor: unknown field\n"
        "  hint: remove it or fix its spelling; allowed here: name, legal_name, kind, county, "
        "governing_body, police, fipp, clauses, sources, confirmed\n"
        "towns/testville.yaml:17: police.body_may_direct: should be yes or no (true or false), "
        "not 'maybe'\n"
        "  hint: write true or false\n"
        "towns/testville.yaml:19: fipp.model_version: 'April 2024' is not a date\n"
        "  hint: write the date as YYYY-MM-DD, e.g. 2026-03-02\n"
        "error: 4 problems in 1 file\n"
    ),
    "control-characters": (
        "towns/testville.yaml:8: a bell character (U+0007) at column 30: invisible, and not "
        "allowed in a YAML file\n"
        "  hint: delete it (most editors do not show it) and retype the text around it\n"
        "towns/testville.yaml:13: a bell character (U+0007) at column 30: invisible, and not "
        "allowed in a YAML file\n"
        "  hint: delete it (most editors do not show it) and retype the text around it\n"
        "error: 2 problems in 1 file\n"
    ),
    "eight-control-characters": "".join(
        f"towns/testville.yaml:8: a control character (U+000{code}) at column {27 + code}: "
        "invisible, and not allowed in a YAML file\n"
        "  hint: delete it (most editors do not show it) and retype the text around it\n"
        for code in range(1, 6)
    )
    + "towns/testville.yaml:8: and 3 more control characters in this file\n"
    "  hint: the file may not be a text file; open it in a text editor and check it\n"
    "error: 6 problems in 1 file\n",
    "clause-with-a-bad-field-and-reviews": (
        # Not also "reviews for a clause that does not exist": the clause exists.
        "clauses/custody-rule.yaml:3: titel: unknown field\n"
        "  hint: remove it or fix its spelling; allowed here: id, title, version, closes, "
        "summary, applies_to, defined_terms, resolution, directive, town_policy, citations, "
        "federal_state_note, requires, conflicts, history\n"
        "error: 1 problem in 1 file\n"
    ),
    "reviews-of-a-missing-clause": (
        "clauses/reviews/custody-rul.yaml: reviews for a clause that does not exist: "
        "'custody-rul'\n"
        "  hint: did you mean custody-rule?\n"
        "error: 1 problem in 1 file\n"
    ),
    "clause-with-field-term-and-template-errors": (
        "clauses/custody-rule.yaml:3: version: should be text, but 1.3 is read as a number\n"
        '  hint: put it in quotes, e.g. "1.3.0"\n'
        "clauses/custody-rule.yaml:4: flavour: unknown field\n"
        "  hint: remove it or fix its spelling; allowed here: id, title, version, closes, summary, applies_to, defined_terms, resolution, directive, town_policy, citations, federal_state_note, requires, conflicts, history\n"
        "clauses/custody-rule.yaml:7: applies_to[4]: 'cops' is not one of the choices: municipal, sheriff, state_police or constables\n"
        "  hint: write one of the choices exactly as shown\n"
        "clauses/custody-rule.yaml:8: defined_terms[1]: unknown defined term 'Unicorn'\n"
        "  hint: add it to clauses/glossary.yaml or fix its spelling\n"
        "clauses/custody-rule.yaml:11: resolution.whereas[0]: unknown template value: agency.nmae\n"
        "  hint: available values: town.name, town.legal_name, town.called, town.kind, town.word, town.county, body.name, body.possessive, body.presiding_officer_title, body.presiding_officer, body.clerk_title, lead, agency.name, agency.head_title, agency.policy_adopted_by, agency.directive_series, agency.arrangement, agency.approving_body, agency.area, clauses\n"
        "clauses/custody-rule.yaml:17: directive.paragraphs[0]: template syntax error: Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.\n"
        "  hint: add {% endif %} where the text that depends on the {% if %} ends\n"
        "error: 6 problems in 1 file\n"
    ),
    "unknown-defined-term-and-template-value": (
        "clauses/custody-rule.yaml:7: defined_terms[1]: unknown defined term 'Unicorn'\n"
        "  hint: add it to clauses/glossary.yaml or fix its spelling\n"
        "clauses/custody-rule.yaml:10: resolution.whereas[0]: unknown template value: agency.nmae (drafting for Testville)\n"
        "  hint: available values: town.name, town.legal_name, town.called, town.kind, town.word, town.county, body.name, body.possessive, body.presiding_officer_title, body.presiding_officer, body.clerk_title, lead, agency.name, agency.head_title, agency.policy_adopted_by, agency.directive_series, agency.arrangement, agency.approving_body, agency.area, clauses\n"
        "error: 2 problems in 1 file\n"
    ),
    "clause-with-a-broken-directive-section": (
        "clauses/custody-rule.yaml:3: version: should be text, but 1.3 is read as a number\n"
        '  hint: put it in quotes, e.g. "1.3.0"\n'
        "clauses/custody-rule.yaml:13: directive: until this is fixed, the clause's defined terms and texts are not checked\n"
        "  hint: fix the problems listed for this file and run the command again\n"
        "clauses/custody-rule.yaml:14: directive.paragraphs: required field is missing\n"
        "  hint: add `paragraphs:`; `draftkit schema clause` describes it\n"
        "error: 3 problems in 1 file\n"
    ),
    "tab-indentation": (
        "towns/testville.yaml:7: not valid YAML: a tab character: YAML indents with spaces, "
        "not tabs\n"
        "  hint: replace the tab with spaces, indenting as the lines around it do\n"
        "towns/testville.yaml:13: not valid YAML: a tab character: YAML indents with spaces, "
        "not tabs\n"
        "  hint: replace the tab with spaces, indenting as the lines around it do\n"
        "error: 2 problems in 1 file\n"
    ),
    "unknown-clause-id": (
        "towns/testville.yaml:17: clauses[0]: no clause with id 'custody-rul'\n"
        "  hint: did you mean custody-rule?\n"
        "error: 1 problem in 1 file\n"
    ),
    "unknown-loophole": (
        "clauses/custody-rule.yaml:4: closes[0]: unknown loophole 'custody-acess'\n"
        "  hint: loopholes are listed in clauses/loopholes.yaml: custody-access\n"
        "error: 1 problem in 1 file\n"
    ),
    "unknown-defined-term": (
        "clauses/custody-rule.yaml:7: defined_terms[1]: unknown defined term 'Detainer'\n"
        "  hint: add it to clauses/glossary.yaml or fix its spelling\n"
        "error: 1 problem in 1 file\n"
    ),
    "missing-template-value": (
        "clauses/custody-rule.yaml:10: resolution.whereas[0]: unknown template value: "
        "agency.chief_name (drafting for Testville)\n"
        "  hint: available values: town.name, town.legal_name, town.called, town.kind, town.word, "
        "town.county, body.name, body.possessive, body.presiding_officer_title, body.presiding_officer, "
        "body.clerk_title, lead, agency.name, "
        "agency.head_title, agency.policy_adopted_by, agency.directive_series, agency.arrangement, "
        "agency.approving_body, agency.area, clauses\n"
        "error: 1 problem in 1 file\n"
    ),
    "legal-name-without-the": (
        "clauses/glossary.yaml:3: terms[0].definition: {{ town.legal_name }} without 'the' "
        "before it\n"
        "  hint: legal names read 'Town of Cornwall': write 'the {{ town.legal_name }}'\n"
        "error: 1 problem in 1 file\n"
    ),
    "defined-name-without-the": (
        "clauses/custody-rule.yaml:16: directive.paragraphs[0]: {{ town.called }} without "
        "'the' before it\n"
        "  hint: it reads 'Village of Albany', or 'Village' where the document defines that "
        "term: write 'the {{ town.called }}'\n"
        "error: 1 problem in 1 file\n"
    ),
    "python-tag": (
        "towns/testville.yaml:1: not valid YAML: could not determine a constructor for the "
        "tag 'tag:yaml.org,2002:python/object/apply:os.system'\n"
        "  hint: draftkit files hold plain text, numbers, lists and mappings only; remove the tag\n"
        "error: 1 problem in 1 file\n"
    ),
    "alias-bomb": (
        "towns/testville.yaml:2: YAML aliases (*name) are not allowed\n"
        "  hint: write the value out in full where it is needed\n"
        "error: 1 problem in 1 file\n"
    ),
    "problems-in-two-files": (
        "towns/testville.yaml:5: mayor: unknown field\n"
        "  hint: remove it or fix its spelling; allowed here: name, legal_name, kind, county, "
        "governing_body, police, fipp, clauses, sources, confirmed\n"
        "towns/testville.yaml:11: police.arrangement: 'city_police' is not one of the choices: "
        "municipal, sheriff, state_police or constables\n"
        "  hint: write one of the choices exactly as shown\n"
        "clauses/custody-rule.yaml:3: version: 'one' does not have the required form\n"
        "  hint: write a version as MAJOR.MINOR.PATCH, e.g. 1.0.0\n"
        "error: 3 problems in 2 files\n"
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_reports_every_problem_exactly(make_project, case: str) -> None:
    root = make_project(case)
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == CASES[case]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", sorted(CASES))
def test_draft_refuses_bad_input_and_writes_nothing(make_project, case: str) -> None:
    root = make_project(case)
    before = tree(root)
    result = run(root, *DRAFT, "--out", str(root / "drafts"))
    assert result.exit_code == 1
    # The same words as `draftkit check`; a draft names no town, it drafts only one.
    assert result.stderr == CASES[case].replace(" (drafting for Testville)", "")
    assert tree(root) == before
    assert not (root / "drafts").exists()


def test_final_draft_lists_every_refusal_at_once(make_project) -> None:
    root = make_project("unconfirmed-facts")
    result = run(root, *DRAFT, "--final", "--out", str(root / "drafts"))
    assert result.exit_code == 1
    assert result.stderr == (
        "a final draft needs every fact it prints confirmed; towns/testville.yaml does not "
        "confirm legal_name, governing_body.name, governing_body.presiding_officer_title, "
        "governing_body.clerk_title, police.name, police.head_title, police.policy_adopted_by, "
        "police.body_may_direct, police.approving_body, police.directive_series, "
        "fipp.policy_title, fipp.model_version\n"
        "  hint: answer them with `draftkit towns new testville --force` (type each answer), "
        "or add `--set FIELD=VALUE --confirm FIELD` to it, or list them under confirmed: in "
        "towns/testville.yaml once checked with the clerk\n"
        "a final draft may contain only clauses approved at their current text; not "
        "approved: custody-rule (unreviewed)\n"
        "  hint: have a lawyer review them (`draftkit clauses review`), or draft without "
        "--final\n"
        "error: 2 problems found\n"
    )
    assert not (root / "drafts").exists()


def test_draft_unknown_clause_on_command_line(make_project) -> None:
    root = make_project()
    result = run(root, *DRAFT, "--clause", "custody-rul", "--out", str(root / "drafts"))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no clause with id 'custody-rul'\n  hint: did you mean custody-rule?\n"
    )
    assert not (root / "drafts").exists()


def test_draft_town_that_does_not_exist_suggests_one(make_project) -> None:
    root = make_project()
    result = run(root, "draft", "testvile", "--out", str(root / "drafts"))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no town profile named 'testvile'\n  hint: did you mean Testville?\n"
    )


def test_draft_refuses_to_overwrite_without_force(make_project) -> None:
    root = make_project()
    out = root / "drafts"
    first = run(root, *DRAFT, "--out", str(out))
    assert first.exit_code == 0, first.output
    before = tree(out)
    second = run(root, *DRAFT, "--out", str(out))
    assert second.exit_code == 1
    names = ", ".join(
        str(out / f"2026-11-27-testville-{suffix}")
        for suffix in ("selectboard-resolution.docx", "police-directive.docx", "manifest.json")
    )
    assert second.stderr == (
        f"error: these files exist: {names}\n"
        "  hint: pass --force to replace them, or --out to draft into another folder\n"
    )
    assert tree(out) == before
    forced = run(root, *DRAFT, "--out", str(out), "--force")
    assert forced.exit_code == 0


def test_bad_date_is_a_usage_error(make_project) -> None:
    root = make_project()
    result = run(root, "draft", "testville", "--date", "27/11/2026")
    assert result.exit_code == 2
    assert "'27/11/2026' is not a date; write it as YYYY-MM-DD" in result.stderr


def test_missing_folders_are_explained(tmp_path: Path) -> None:
    result = run(tmp_path, "check")
    assert result.exit_code == 1
    hint = "  hint: run draftkit from the project folder (it holds towns/ and clauses/), or pass --root\n"
    assert result.stderr == (
        f"towns: folder not found in {tmp_path.resolve()}\n{hint}"
        f"clauses: folder not found in {tmp_path.resolve()}\n{hint}"
        "error: 2 problems in 2 files\n"
    )


def test_a_root_that_does_not_exist_is_named(tmp_path: Path) -> None:
    result = run(tmp_path / "nonexistent", "draft", "winooski")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {tmp_path / 'nonexistent'}: the project folder does not exist\n"
        "  hint: run draftkit from the project folder (it holds towns/ and clauses/), or pass "
        "--root\n"
    )


def test_template_with_unknown_value_is_refused(make_project, tmp_path: Path) -> None:
    from docx import Document

    root = make_project()
    template = root / "resolutions" / "council-resolution.docx"
    document = Document(str(template))
    document.add_paragraph("Signed by {{ body.mayor_name }}")
    document.save(str(template))
    result = run(root, "templates", "check")
    assert result.exit_code == 1
    assert result.stderr == (
        "resolutions/council-resolution.docx: body: unknown value {{ body.mayor_name }}\n"
        "  hint: check the spelling; `draftkit templates check --values` lists every value\n"
        "error: 1 problem in 1 file\n"
    )
    drafted = run(root, *DRAFT, "--out", str(root / "drafts"))
    assert drafted.exit_code == 1
    assert drafted.stderr.startswith(
        "resolutions/council-resolution.docx: the template uses a value the town "
        "profile lacks: mayor_name\n"
    )
    assert drafted.stderr.endswith("error: 1 problem in 1 file\n")
    assert not (root / "drafts").exists()


@pytest.mark.parametrize("case", ["missing-template-value", "valid"])
def test_checking_a_town_for_its_own_policing_finds_the_same_problems(
    make_project, case: str
) -> None:
    # The web service checks a person's answers with examples=False: it must refuse
    # exactly what `draftkit check` refuses.
    library = load_library(make_project() if case == "valid" else make_project(case))
    every, _ = check_towns(library)
    own, _ = check_towns(library, examples=False)
    assert [str(p) for p in own] == [str(p) for p in every]
    assert bool(every) == (case != "valid")


def test_a_closed_output_pipe_ends_the_command_quietly(make_project, monkeypatch) -> None:
    # `draftkit templates check --values | head -2`: head closes the pipe after two
    # lines, and the next write to stdout raises BrokenPipeError. Not an error.
    import click

    echo = click.echo

    def closed_stdout(message=None, file=None, nl=True, err=False, color=None):  # type: ignore[no-untyped-def]
        if not err:
            raise BrokenPipeError(32, "Broken pipe")
        echo(message, file=file, nl=nl, err=err, color=color)

    monkeypatch.setattr(click, "echo", closed_stdout)
    root = make_project()
    for command in (("templates", "check", "--values"), ("schema", "town"), ("check",)):
        result = run(root, *command)
        assert (result.exit_code, result.stderr) == (0, ""), command


@pytest.mark.parametrize("where", ["project folder", "git checkout"])
def test_clauses_diff_suggests_the_near_miss(make_project, where: str) -> None:
    from tests.conftest import REPO

    root, wanted, near = (
        (make_project(), "custody-rul", "custody-rule")
        if where == "project folder"
        else (REPO, "custody-acess", "custody-access or custody-interviews")
    )
    for versions in ((), ("--from", "1.1.0"), ("--from", "HEAD", "--to", "HEAD")):
        result = run(root, "clauses", "diff", wanted, *versions, "--out", str(root / "x.docx"))
        assert result.exit_code == 1
        assert result.stderr == (
            f"error: clauses/{wanted}.yaml: no clause with id '{wanted}'\n"
            f"  hint: did you mean {near}?\n"
        ), versions
