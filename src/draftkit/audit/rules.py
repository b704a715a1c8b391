"""The audit's detection rules and the federal-law lint's rules: data files beside the
loophole catalog (``clauses/audit-rules.yaml``, ``clauses/lint-rules.yaml``), read
through the project's loader so a lawyer's typo gets a file, a line and a hint.

A rule never holds legal text of its own: it names the words that show a passage
leaves a loophole open or closes it, and says why, for the people who review it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from draftkit.data.fields import Identifier, Name, Text
from draftkit.data.loading import Loaded, load
from draftkit.errors import DraftkitError

AUDIT_RULES_FILE = "audit-rules.yaml"
LINT_RULES_FILE = "lint-rules.yaml"


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(
            f"not a valid pattern ({exc.msg}); plain words match themselves, "
            "(a|b) means a or b, and ( ) [ ] . ? * + \\ need a \\ before them to match "
            "as themselves"
        ) from None
    if not pattern.strip():
        raise ValueError("an empty pattern matches everything")
    return pattern


Pattern = Annotated[str, AfterValidator(_compiles)]
"""A regular expression matched case-insensitively; plain words match themselves."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Words(_Strict):
    """Words that must all appear in one sentence (and others that must not)."""

    all_of: tuple[Pattern, ...] = Field(
        min_length=1,
        description="Patterns that must ALL appear in the same sentence, in any order. "
        "Each is a regular expression matched without regard to case: plain words match "
        "themselves, (a|b) means a or b.",
    )
    none_of: tuple[Pattern, ...] = Field(
        default=(),
        description="Patterns that must NOT appear in that sentence (for example the "
        "'shall not' of a sentence that forbids what all_of describes).",
    )

    def compiled(self) -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
        """The patterns, compiled once."""
        return _compile(self.all_of), _compile(self.none_of)

    def matches(self, sentence: str) -> bool:
        """Whether ``sentence`` has every ``all_of`` pattern and no ``none_of`` pattern."""
        wanted, unwanted = self.compiled()
        return all(p.search(sentence) for p in wanted) and not any(
            p.search(sentence) for p in unwanted
        )


class Match(Words):
    """Words that show which way a sentence points, and why."""

    why: Text = Field(description="Why such a sentence means what the rule says, for reviewers.")


@functools.lru_cache(maxsize=4096)
def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


class DocumentTest(_Strict):
    """What a text must show before the audit judges anything in it."""

    min_words: int = Field(
        ge=1,
        description="Fewer words than this and the text is treated as a fragment: part of "
        "a policy cannot show what the rest of it closes.",
    )
    police: tuple[Pattern, ...] = Field(
        min_length=1,
        description="Words showing the text is addressed to police; at least one must appear.",
    )
    immigration: tuple[Pattern, ...] = Field(
        min_length=1,
        description="Words showing the text deals with immigration or fair and impartial "
        "policing; together they must appear at least min_immigration_mentions times.",
    )
    min_immigration_mentions: int = Field(
        ge=1, description="How many times the immigration words must appear in all."
    )


class LoopholeRules(_Strict):
    """How the audit decides one loophole of clauses/loopholes.yaml."""

    loophole: Identifier = Field(description="The loophole's id in clauses/loopholes.yaml.")
    leaves_open: tuple[Match, ...] = Field(
        default=(), description="Sentences that show the policy leaves the loophole open."
    )
    closes: tuple[Match, ...] = Field(
        default=(), description="Sentences that show the policy closes the loophole."
    )
    when_silent: Literal["open", "cannot-judge"] = Field(
        description="What a whole policy that matches neither list means: open, when the "
        "statewide model has the gap and only added words close it; cannot-judge, when "
        "silence proves nothing."
    )
    silent_reason: Text = Field(description="The reason printed when the policy is silent.")
    notes: Text | None = Field(default=None, description="For reviewers: limits of these rules.")


class AuditRules(_Strict):
    """clauses/audit-rules.yaml."""

    document: DocumentTest = Field(description="What a text must show before it is judged.")
    loopholes: tuple[LoopholeRules, ...] = Field(description="Rules per loophole.")


class LintRule(_Strict):
    """One kind of wording the federal-law lint flags."""

    id: Identifier = Field(description="Stable id, e.g. restricts-status-exchange.")
    name: Name = Field(description="Short name for reports.")
    matches: tuple[Words, ...] = Field(min_length=1, description="Sentences that trip the rule.")
    operative_only: bool = Field(
        default=True,
        description="Look only at operative text: not recitals (WHEREAS), notes or citations.",
    )
    explanation: Text = Field(description="Why it matters, printed with every finding.")
    fix: Text = Field(description="What to do about it.")


class Allowance(_Strict):
    """A finding in the project's own library accepted on purpose, with the reason."""

    rule: Identifier = Field(description="The lint rule's id.")
    file: Name = Field(description="The file, relative to the project folder.")
    text: Name = Field(description="Words from the flagged sentence that identify it.")
    reason: Text = Field(description="Why the wording stays; reviewed like any clause text.")


class Explained(_Strict):
    """The words printed with a finding of a structural rule."""

    name: Name = Field(description="Short name for reports.")
    explanation: Text = Field(description="Why it matters, printed with every finding.")
    fix: Text = Field(description="What to do about it.")


class LintRules(_Strict):
    """clauses/lint-rules.yaml."""

    rules: tuple[LintRule, ...] = Field(description="Wording rules, in report order.")
    undefined_term: Explained = Field(
        description="A defined term (from clauses/glossary.yaml) used, capitalized in the "
        "middle of a sentence, by a document that does not define it."
    )
    missing_reference: Explained = Field(
        description="A reference to a section or paragraph the document does not have."
    )
    cross_reference: Pattern = Field(
        description="How a reference to a numbered provision is written; its first group "
        "is the number, e.g. 'section (\\d+(?:\\.\\d+)*)'."
    )
    paragraph_reference: Pattern = Field(
        description="How a paragraph of the same section is cited; every (x) inside a "
        "match is checked against the section's paragraphs, e.g. "
        "'paragraphs? \\([a-z]\\)[^.;]*? of this section'."
    )
    heading_reference: Pattern = Field(
        description="How a section is cited by its heading; the words after a match must "
        "begin with a section heading, e.g. 'the section on '."
    )
    definition: Pattern = Field(
        description="How a document defines a term; its first group is the term, e.g. "
        '\'"([^"]+)" means\'.'
    )
    allowed: tuple[Allowance, ...] = Field(
        default=(), description="Findings in the project's own files accepted on purpose."
    )


def load_audit_rules(clauses_dir: Path, *, display: str | None = None) -> Loaded[AuditRules]:
    """Read and validate ``clauses/audit-rules.yaml``.

    Raises:
        ProblemList: every invalid field, each with its line and a hint.
        DraftkitError: the file is missing or is not YAML.
    """
    return load(
        AuditRules,
        clauses_dir / AUDIT_RULES_FILE,
        schema_name="audit-rules",
        display=display or f"clauses/{AUDIT_RULES_FILE}",
    )


def load_lint_rules(clauses_dir: Path, *, display: str | None = None) -> Loaded[LintRules]:
    """Read and validate ``clauses/lint-rules.yaml``.

    Raises:
        ProblemList: every invalid field, each with its line and a hint.
        DraftkitError: the file is missing or is not YAML.
    """
    return load(
        LintRules,
        clauses_dir / LINT_RULES_FILE,
        schema_name="lint-rules",
        display=display or f"clauses/{LINT_RULES_FILE}",
    )


def rules_problems(rules: Loaded[AuditRules], loophole_ids: list[str]) -> list[DraftkitError]:
    """What only the catalog can show: rules for unknown loopholes, or twice for one."""
    problems: list[DraftkitError] = []
    seen: set[str] = set()
    for index, entry in enumerate(rules.value.loopholes):
        if entry.loophole not in loophole_ids:
            problems.append(
                rules.error(
                    ("loopholes", index, "loophole"),
                    f"unknown loophole {entry.loophole!r}",
                    hint="loopholes are listed in clauses/loopholes.yaml: "
                    + ", ".join(loophole_ids),
                )
            )
        elif entry.loophole in seen:
            problems.append(
                rules.error(
                    ("loopholes", index, "loophole"),
                    f"a second set of rules for {entry.loophole!r}",
                    hint="merge them into one entry",
                )
            )
        seen.add(entry.loophole)
    return problems
