"""Every command example in the README runs as written, against a copy of the project.

An example is a line in a ```sh block that starts with ``.venv/bin/draftkit`` or
``draftkit`` (a line ending in ``\\`` continues on the next). Files the examples name as
the user's own (a policy in force, a returned draft) are stand-ins put in the copy first.
An example marked ``# ... at a keyboard`` asks questions and is not run.
"""

from __future__ import annotations

import datetime as dt
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import FIXTURES, REPO

from draftkit.cli import cli
from draftkit.data.library import load_library
from draftkit.drafting.composing import DraftOptions
from draftkit.drafting.pipeline import prepare_draft

STAND_INS = {
    "current-fipp.pdf": FIXTURES / "policies/loophole-wording.pdf",
    "current-fipp.docx": FIXTURES / "policies/loophole-wording.docx",
    "policy.txt": FIXTURES / "policies/loophole-wording.txt",
}
KEYBOARD = "at a keyboard"


def readme_examples() -> list[str]:
    """The README's command examples, continuation lines joined."""
    examples: list[str] = []
    in_sh = False
    pending = ""
    for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_sh = line.strip() == "```sh"
            continue
        if not in_sh:
            continue
        line = f"{pending} {line.strip()}" if pending else line
        pending = ""
        if line.rstrip().endswith("\\"):
            pending = line.rstrip()[:-1].rstrip()
            continue
        if line.startswith((".venv/bin/draftkit ", "draftkit ")):
            examples.append(line)
    return examples


def _project_copy(folder: Path) -> Path:
    """The project as a user's clone has it: its git history (clause versions) and the
    data folders as they are now."""
    root = folder / "project"
    if (REPO / ".git").exists():
        subprocess.run(["git", "clone", "-q", str(REPO), str(root)], check=True)
    for name in ("towns", "clauses", "resolutions", "companions"):
        shutil.copytree(REPO / name, root / name, dirs_exist_ok=True)
    for name, source in STAND_INS.items():
        shutil.copyfile(source, root / name)
    draft = prepare_draft(
        load_library(REPO), "burlington", "directive", DraftOptions(date=dt.date(2026, 11, 27))
    )
    directive = draft.files["2026-11-27-burlington-police-directive.docx"]
    (root / "new-directive.docx").write_bytes(directive)
    (root / "returned-draft.docx").write_bytes(directive)
    return root


def test_the_examples_are_found() -> None:
    examples = readme_examples()
    assert len(examples) >= 15
    assert any("clauses review" in example and "--role" in example for example in examples)
    assert [e for e in examples if KEYBOARD in e] == [
        ".venv/bin/draftkit towns new Hinesburg                "
        "# asks its questions: run it at a keyboard"
    ]


def test_every_readme_example_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project_copy(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.delenv("DRAFTKIT_ROOT", raising=False)
    # --pdf needs LibreOffice, which takes longer than every other example together; the
    # packet says so and carries on without PDFs, which is what is tested here.
    monkeypatch.setattr("draftkit.packet.building.find_soffice", lambda: None)
    # The redline engine starts a .NET program (seconds per run); its tracked changes are
    # tested in test_library_review.py and test_document_properties.py. Here the
    # arguments, the files and what is written around the comparison are.
    monkeypatch.setattr("draftkit.word.redlining.compare", lambda old, new, author="": new)
    failures = []
    for example in readme_examples():
        if KEYBOARD in example:
            continue
        args = shlex.split(example, comments=True)[1:]
        result = CliRunner().invoke(cli, args, obj={})
        if result.exit_code != 0:
            failures.append(f"{example}\n  exit {result.exit_code}: {result.output[-600:]}")
    assert not failures, "\n".join(failures)
