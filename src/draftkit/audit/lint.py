"""The federal-law lint: wording that restricts the exchange of citizenship or
immigration status (8 U.S.C. §§ 1373 and 1644), weak verbs in operative text, defined
terms used but not defined, and references to provisions that do not exist.

The rules are data (``clauses/lint-rules.yaml``). ``draftkit check`` runs the lint over
the clause library and the Word templates and fails on any finding not allowed in that
file with a reason; ``draftkit audit`` reports the findings for a town's own policy.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draftkit.audit.reading import Passage, sentences
from draftkit.audit.rules import (
    Allowance,
    LintRules,
    load_audit_rules,
    load_lint_rules,
    rules_problems,
)
from draftkit.data.clause_models import ClauseModule, DirectiveSection
from draftkit.data.library import Library
from draftkit.data.loading import Loaded
from draftkit.drafting.instruments import TEMPLATE_FILES
from draftkit.errors import DraftkitError, ProblemList


@dataclass(frozen=True)
class LintFinding:
    """One piece of wording the lint flags in a document."""

    rule: str
    name: str
    text: str
    where: str
    explanation: str
    fix: str

    def as_json(self) -> dict[str, Any]:
        """The finding as plain data."""
        return {
            "rule": self.rule,
            "name": self.name,
            "text": self.text,
            "where": self.where,
            "explanation": self.explanation,
            "fix": self.fix,
        }


# ------------------------------------------------------------------- any document


def lint_passages(
    passages: Sequence[Passage],
    rules: LintRules,
    glossary_terms: Iterable[str],
    *,
    check_references: bool = True,
) -> list[LintFinding]:
    """Lint a whole document (a town's policy): every rule, in document order."""
    findings: list[LintFinding] = []
    for passage in passages:
        for sentence in sentences(passage.text):
            findings.extend(_wording(sentence, passage.where, rules))
    findings.extend(_undefined_terms(passages, rules, glossary_terms))
    if check_references:
        findings.extend(_missing_numbered_references(passages, rules))
    return findings


def _wording(sentence: str, where: str, rules: LintRules) -> list[LintFinding]:
    from draftkit.audit.judging import shorten

    return [
        LintFinding(
            rule=rule.id,
            name=rule.name,
            text=shorten(sentence),
            where=where,
            explanation=rule.explanation,
            fix=rule.fix,
        )
        for rule in rules.rules
        if any(match.matches(sentence) for match in rule.matches)
    ]


def _undefined_terms(
    passages: Sequence[Passage], rules: LintRules, glossary_terms: Iterable[str]
) -> list[LintFinding]:
    from draftkit.audit.judging import shorten

    text = " ".join(p.text for p in passages)
    defined = {m.lower() for m in re.findall(rules.definition, text, flags=re.IGNORECASE)}
    findings: list[LintFinding] = []
    for term in glossary_terms:
        if term.lower() in defined:
            continue
        pattern = _capitalized(term)
        for passage in passages:
            if passage.text.isupper():
                continue  # a heading in capitals says nothing about defined terms
            hit = next(
                (s for s in sentences(passage.text) if pattern.search(s, 1)),
                None,
            )
            if hit is not None:
                findings.append(
                    LintFinding(
                        rule="undefined-term",
                        name=f"{rules.undefined_term.name}: {term!r}",
                        text=shorten(hit),
                        where=passage.where,
                        explanation=rules.undefined_term.explanation,
                        fix=rules.undefined_term.fix,
                    )
                )
                break
    return findings


@functools.lru_cache(maxsize=256)
def _capitalized(term: str) -> re.Pattern[str]:
    # The first letter as written (capital), the rest in any case; not at the start of a
    # sentence (the search starts at position 1), so "Custody means" or "Members shall"
    # at the head of a sentence are not read as defined-term uses.
    head, rest = re.escape(term[0].upper()), re.escape(term[1:])
    return re.compile(rf"(?<![\w\"-])(?-i:{head})(?i:{rest})(?:s|es)?(?![\w-])")


_PROVISION_NUMBER = re.compile(
    r"^(?:section\s+|article\s+|§\s*)?(\d+(?:\.\d+)*)[.):]?(?=\s|$)", re.I
)


def _missing_numbered_references(
    passages: Sequence[Passage], rules: LintRules
) -> list[LintFinding]:
    present = {m.group(1) for p in passages if (m := _PROVISION_NUMBER.match(p.text))}
    return [
        _missing(rules, f"section {match.group(1)}", sentence, passage)
        for passage in passages
        for sentence in sentences(passage.text)
        for match in re.finditer(rules.cross_reference, sentence, flags=re.IGNORECASE)
        if not _exists(match.group(1), present)
    ]


def _exists(number: str, present: set[str]) -> bool:
    if number in present or any(p.startswith(number + ".") for p in present):
        return True
    parent = number.rsplit(".", 1)[0] if "." in number else None
    # A section whose paragraphs carry no numbers of their own: 7.2 cannot be checked.
    return (
        parent is not None
        and parent in present
        and not any(p.startswith(parent + ".") for p in present)
    )


def _missing(rules: LintRules, what: str, sentence: str, passage: Passage) -> LintFinding:
    from draftkit.audit.judging import shorten

    return LintFinding(
        rule="missing-reference",
        name=f"{rules.missing_reference.name}: {what}",
        text=shorten(sentence),
        where=passage.where,
        explanation=rules.missing_reference.explanation,
        fix=rules.missing_reference.fix,
    )


# --------------------------------------------------------------- the library


def check_library(library: Library) -> list[DraftkitError]:
    """``draftkit check``'s part: the audit and lint rule files are valid, and the clause
    library and templates trip no lint rule that is not allowed with a reason."""
    problems: list[DraftkitError] = []
    loophole_ids = [loophole.id for loophole in library.loophole_list()]
    try:
        problems += rules_problems(load_audit_rules(library.clauses_dir), loophole_ids)
    except ProblemList as many:
        problems += many.problems
    except DraftkitError as one:
        problems.append(one)
    try:
        lint_rules = load_lint_rules(library.clauses_dir)
    except ProblemList as many:
        return problems + list(many.problems)
    except DraftkitError as one:
        return [*problems, one]
    return problems + lint_library(library, lint_rules)


def lint_library(library: Library, loaded: Loaded[LintRules]) -> list[DraftkitError]:
    """Lint every operative text of every clause, the glossary and the templates."""
    rules = loaded.value
    used: set[int] = set()
    problems: list[DraftkitError] = []

    def flag(
        owner: Loaded[Any] | None, shown: str, loc: tuple[str | int, ...], f: LintFinding
    ) -> None:
        index = _allowed(rules.allowed, f.rule, shown, f.text)
        if index is not None:
            used.add(index)
            return
        message = f'{f.name}: "{f.text}"'
        if owner is not None:
            problems.append(owner.error(loc, message, hint=f.fix))
        else:
            problems.append(DraftkitError(f"{f.where}: {message}", path=shown, hint=f.fix))

    for clause in library.clauses.values():
        for loc, text in _operative(clause.value):
            for sentence in sentences(text):
                for finding in _wording(sentence, ".".join(map(str, loc)), rules):
                    flag(clause, clause.source.shown, loc, finding)
        for loc, what, sentence in _clause_reference_problems(library, clause.value, rules):
            flag(
                clause,
                clause.source.shown,
                loc,
                _missing(rules, what, sentence, Passage(sentence, "")),
            )
    if library.glossary is not None:
        for index, term in enumerate(library.glossary.value.terms):
            loc = ("terms", index, "definition")
            for sentence in sentences(term.definition):
                for finding in _wording(sentence, "", rules):
                    flag(library.glossary, library.glossary.source.shown, loc, finding)
    for template in TEMPLATE_FILES:
        path = library.template_path(template)
        if not path.exists():
            continue  # checking.check_templates reports a missing template
        shown = str(path.relative_to(library.root))
        passages = _template_passages(path)
        findings = [
            f
            for p in passages
            if not p.text.upper().startswith("WHEREAS")
            for s in sentences(p.text)
            for f in _wording(s, p.where, rules)
        ]
        if not _numbered_by_values(passages):
            findings += _missing_numbered_references(passages, rules)
        for finding in findings:
            flag(None, shown, (), finding)
    for index, allowance in enumerate(rules.allowed):
        if index not in used:
            problems.append(
                loaded.error(
                    ("allowed", index),
                    f"allowed finding no longer occurs: {allowance.rule} in {allowance.file}",
                    hint="remove this entry from allowed",
                )
            )
    return problems


def _allowed(allowed: Sequence[Allowance], rule: str, shown: str, text: str) -> int | None:
    for index, allowance in enumerate(allowed):
        if allowance.rule == rule and allowance.file == shown and allowance.text in text:
            return index
    return None


def _operative(clause: ClauseModule) -> list[tuple[tuple[str | int, ...], str]]:
    """The texts that bind someone: RESOLVED paragraphs and policy sections, not
    recitals, notes or citations."""
    texts: list[tuple[tuple[str | int, ...], str]] = [
        (("resolution", "resolved", i), t) for i, t in enumerate(clause.resolution.resolved)
    ]
    for name in ("directive", "town_policy"):
        section: DirectiveSection | None = getattr(clause, name)
        if section is not None:
            texts += [((name, "paragraphs", i), t) for i, t in enumerate(section.paragraphs)]
    return texts


_LETTER = re.compile(r"\(([a-z]{1,2})\)")


def _label_count(label: str) -> int:
    """(a) -> 1, (z) -> 26, (aa) -> 27: the position a paragraph label stands for."""
    return (len(label) - 1) * 26 + ord(label[0]) - ord("a") + 1


def _clause_reference_problems(
    library: Library, clause: ClauseModule, rules: LintRules
) -> list[tuple[tuple[str | int, ...], str, str]]:
    """References inside a clause's sections: "paragraph (e) of this section" must name
    a paragraph the section has; "the section on X" must name a section of the same
    kind of policy, and "paragraph (c) of the section on X" a paragraph of it."""
    out: list[tuple[tuple[str | int, ...], str, str]] = []
    for name in ("directive", "town_policy"):
        section: DirectiveSection | None = getattr(clause, name)
        if section is None:
            continue
        sections = {
            s.heading: s
            for c in library.clauses.values()
            if (s := getattr(c.value, name)) is not None
        }
        count = len(section.paragraphs)
        for index, text in enumerate(section.paragraphs):
            loc = (name, "paragraphs", index)
            for match in re.finditer(rules.paragraph_reference, text, flags=re.IGNORECASE):
                for label in _LETTER.findall(match.group(0)):
                    if _label_count(label) > count:
                        what = f"paragraph ({label}) of this section"
                        out.append((loc, what, _sentence_at(text, match.start())))
            for match in re.finditer(rules.heading_reference, text, flags=re.IGNORECASE):
                after = text[match.end() :].lstrip()
                heading = next((h for h in sections if after.startswith(h)), None)
                if heading is None:
                    what = f"the section on {after[:50]}"
                    out.append((loc, what, _sentence_at(text, match.start())))
                    continue
                before = _LETTER.findall(text[max(0, match.start() - 30) : match.start()])
                if (
                    before
                    and text[: match.start()].rstrip().endswith("of")
                    and _label_count(before[-1]) > len(sections[heading].paragraphs)
                ):
                    what = f"paragraph ({before[-1]}) of the section on {heading}"
                    out.append((loc, what, _sentence_at(text, match.start())))
    return out


def _sentence_at(text: str, position: int) -> str:
    """The sentence of ``text`` that holds the character at ``position``."""
    start = 0
    for sentence in sentences(text):
        start = text.find(sentence, start)
        if start <= position < start + len(sentence):
            return sentence
        start += len(sentence)
    return text


@functools.lru_cache(maxsize=16)
def _template_passages_cached(path: Path, mtime: float) -> tuple[Passage, ...]:
    from docx import Document

    from draftkit.audit.reading import clean

    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    tag = re.compile(r"\{%.*?%\}|\{#.*?#\}")
    out = []
    for number, text in enumerate(texts, start=1):
        cleaned = clean(tag.sub(" ", text))
        if cleaned:
            out.append(Passage(cleaned, f"paragraph {number}"))
    return tuple(out)


def _template_passages(path: Path) -> tuple[Passage, ...]:
    return _template_passages_cached(path, path.stat().st_mtime)


def _numbered_by_values(passages: Sequence[Passage]) -> bool:
    """Whether a template numbers some sections through values ("{{ s.number }}"), so
    the numbers a reference may point to are not all in its own text."""
    return any(re.match(r"\{\{[^}]*number", p.text) for p in passages)
