"""Judging a policy against the loophole catalog: open, closed or cannot judge, always
with the passage quoted and where it is, or the reason no judgement is possible.

The audit never gives a clean bill it cannot back: a text that does not show itself to
be a police policy on immigration, or is too short to be a whole one, is "cannot
judge" for every loophole, and sentences that point both ways are quoted side by side
for a person to weigh.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from draftkit.audit.reading import PolicyText, sentences
from draftkit.audit.rules import AuditRules, LoopholeRules
from draftkit.data.library import Library
from draftkit.drafting.composing import in_catalog_order

if TYPE_CHECKING:
    from draftkit.audit.lint import LintFinding

QUOTE_LIMIT = 400
"""Longest quotation in a report (characters); longer sentences are cut with an ellipsis."""


class Verdict(enum.Enum):
    """What the audit says about one loophole."""

    OPEN = "open"
    CLOSED = "closed"
    CANNOT_JUDGE = "cannot judge"


@dataclass(frozen=True)
class Quote:
    """A sentence of the policy, where it is, and why it counts."""

    text: str
    where: str
    why: str
    points: str
    """``open`` or ``closed``: which way the sentence points."""


@dataclass(frozen=True)
class ClosingClause:
    """A clause of the library that closes a loophole."""

    id: str
    title: str


@dataclass(frozen=True)
class Finding:
    """The audit's answer for one loophole."""

    loophole: str
    name: str
    verdict: Verdict
    reason: str
    why_it_matters: str
    quotes: tuple[Quote, ...]
    closed_by: tuple[ClosingClause, ...]


@dataclass(frozen=True)
class AuditReport:
    """Everything ``draftkit audit`` found in one policy."""

    source: str
    kind: str
    words: int
    judged: bool
    """Whether the text showed itself to be a whole police policy on immigration."""
    document_reason: str | None
    """Why nothing was judged, when ``judged`` is false."""
    findings: tuple[Finding, ...]
    lint: tuple[LintFinding, ...]
    notes: tuple[str, ...] = field(default=())

    def count(self, verdict: Verdict) -> int:
        """How many loopholes got ``verdict``."""
        return sum(1 for f in self.findings if f.verdict is verdict)

    @property
    def lacking(self) -> tuple[ClosingClause, ...]:
        """The library's clauses for loopholes the policy leaves open, each once."""
        return self._clauses_for(Verdict.OPEN)

    @property
    def unconfirmed(self) -> tuple[ClosingClause, ...]:
        """The library's clauses for loopholes that could not be judged, each once,
        less those already in :attr:`lacking`: a person should check for them."""
        lacking = {c.id for c in self.lacking}
        return tuple(c for c in self._clauses_for(Verdict.CANNOT_JUDGE) if c.id not in lacking)

    def _clauses_for(self, verdict: Verdict) -> tuple[ClosingClause, ...]:
        seen: dict[str, ClosingClause] = {}
        for finding in self.findings:
            if finding.verdict is verdict:
                for clause in finding.closed_by:
                    seen.setdefault(clause.id, clause)
        return tuple(seen.values())

    def as_json(self) -> dict[str, Any]:
        """The report as plain data for ``--json``."""
        return {
            "source": self.source,
            "kind": self.kind,
            "words": self.words,
            "judged": self.judged,
            "document_reason": self.document_reason,
            "summary": {v.value: self.count(v) for v in Verdict},
            "findings": [
                {
                    "loophole": f.loophole,
                    "name": f.name,
                    "verdict": f.verdict.value,
                    "reason": f.reason,
                    "why_it_matters": f.why_it_matters,
                    "quotes": [
                        {"text": q.text, "where": q.where, "points": q.points, "why": q.why}
                        for q in f.quotes
                    ],
                    "closed_by": [{"id": c.id, "title": c.title} for c in f.closed_by],
                }
                for f in self.findings
            ],
            "lacking": [{"id": c.id, "title": c.title} for c in self.lacking],
            "unconfirmed": [{"id": c.id, "title": c.title} for c in self.unconfirmed],
            "lint": [lint.as_json() for lint in self.lint],
            "notes": list(self.notes),
        }


def document_problem(policy: PolicyText, rules: AuditRules) -> str | None:
    """Why the text cannot be judged, or ``None`` when it is a whole police policy on
    immigration as far as the rules can tell."""
    test = rules.document
    text = " ".join(p.text for p in policy.passages)
    reasons: list[str] = []
    police = any(re.search(p, text, flags=re.IGNORECASE) for p in test.police)
    mentions = sum(len(re.findall(p, text, flags=re.IGNORECASE)) for p in test.immigration)
    if not police or mentions < test.min_immigration_mentions:
        missing = []
        if not police:
            missing.append("never mentions police, officers or law enforcement")
        if mentions < test.min_immigration_mentions:
            missing.append(
                "mentions immigration, citizenship or fair and impartial policing "
                f"{_times(mentions)}"
            )
        reasons.append(
            f"the text {' and '.join(missing)}, so it does not show itself to be a police "
            "policy on immigration"
        )
    if policy.words < test.min_words:
        reasons.append(
            f"it has only {policy.words} words, too few for a whole policy (the audit "
            f"needs at least {test.min_words}); part of a policy cannot show what the "
            "rest of it closes"
        )
    if not reasons:
        return None
    return "; and ".join(reasons).capitalize() + "."


def _times(count: int) -> str:
    return {0: "nowhere", 1: "once", 2: "twice"}.get(count, f"{count} times")


def judge(policy: PolicyText, rules: AuditRules, library: Library) -> tuple[Finding, ...]:
    """One finding per loophole of the catalog, in catalog order."""
    problem = document_problem(policy, rules)
    by_id = {entry.loophole: entry for entry in rules.loopholes}
    findings = []
    for loophole in library.loophole_list():
        closed_by = tuple(
            ClosingClause(id=c.value.id, title=c.value.title)
            for c in in_catalog_order(library, list(library.clauses.values()))
            if loophole.id in c.value.closes
        )
        entry = by_id.get(loophole.id)
        quotes = _quotes(policy, entry) if entry else ()
        verdict, reason = _verdict(entry, quotes, problem)
        findings.append(
            Finding(
                loophole=loophole.id,
                name=loophole.name,
                verdict=verdict,
                reason=reason,
                why_it_matters=loophole.description,
                quotes=quotes,
                closed_by=closed_by,
            )
        )
    return tuple(findings)


def _verdict(
    entry: LoopholeRules | None, quotes: tuple[Quote, ...], problem: str | None
) -> tuple[Verdict, str]:
    if problem is not None:
        return Verdict.CANNOT_JUDGE, problem
    if entry is None:
        return Verdict.CANNOT_JUDGE, (
            "There are no audit rules for this loophole yet (clauses/audit-rules.yaml); "
            "a person must read the policy for it."
        )
    opens = [q for q in quotes if q.points == "open"]
    closes = [q for q in quotes if q.points == "closed"]
    if opens and closes:
        return Verdict.CANNOT_JUDGE, (
            "Sentences point both ways: some leave the loophole open and some close it. "
            "A person must read them together to say which governs."
        )
    if opens:
        return Verdict.OPEN, (
            "The quoted wording leaves the loophole open."
            if len(opens) == 1
            else f"The quoted wording leaves the loophole open in {len(opens)} places."
        )
    if closes:
        return Verdict.CLOSED, "The quoted wording closes the loophole."
    if entry.when_silent == "open":
        return Verdict.OPEN, (
            "The policy says nothing that closes it (no wording the audit rules "
            f"recognize). {entry.silent_reason}"
        )
    return Verdict.CANNOT_JUDGE, (
        f"The policy says nothing the audit rules recognize on this. {entry.silent_reason}"
    )


def _quotes(policy: PolicyText, entry: LoopholeRules) -> tuple[Quote, ...]:
    found: list[Quote] = []
    for passage in policy.passages:
        for sentence in sentences(passage.text):
            for points, matches in (("open", entry.leaves_open), ("closed", entry.closes)):
                rule = next((m for m in matches if m.matches(sentence)), None)
                if rule is not None:
                    found.append(
                        Quote(
                            text=shorten(sentence),
                            where=passage.where,
                            why=rule.why,
                            points=points,
                        )
                    )
    return tuple(found)


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " \u2026"
