"""`negkit lint`: find dangling positive claims in SDF corpora, linter-style.

Rules are small registered objects (``negkit.lint_rules`` entry-point group for third parties).
Suppression never edits training text: a row may carry ``"negkit": {"noqa": ["NK001"]}`` (or
``true`` for all rules), and a baseline file lists fingerprints of accepted findings.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import InputError, NegkitError
from ..records import BadRecord, Document, Finding, Mention
from ..registry import Registry


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    version: int = 1
    check: Callable[[Document, list[Mention]], Iterable[Finding]] | None = None
    check_bad: Callable[[BadRecord], Iterable[Finding]] | None = None

    def describe(self) -> dict:
        return {"name": self.name, "severity": self.severity, "summary": self.summary}


RULES: Registry[Rule] = Registry("lint rule", "negkit.lint_rules")


def _claim_label(ref) -> str:
    return "the main claim" if ref == "main" else f"subclaim {ref}"


def fingerprint(code: str, doc_key: str, span_text: str, occurrence: int) -> str:
    norm = " ".join(span_text.split()).lower()
    return hashlib.sha1(f"{code}|{doc_key}|{norm}|{occurrence}".encode()).hexdigest()[:16]


def _doc_key(doc: Document) -> str:
    return doc.record_id or hashlib.sha1(doc.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _mention_rule(code: str, polarity: str, severity: str, message: Callable[[Mention], str]):
    def check(doc: Document, mentions: list[Mention]) -> Iterator[Finding]:
        seen: dict[str, int] = {}
        key = _doc_key(doc)
        for m in mentions:
            if m.polarity != polarity:
                continue
            n = seen[m.text] = seen.get(m.text, 0) + 1
            yield Finding(doc.path, doc.line, m.start, m.end, code, severity, message(m), m.text, doc.record_id,
                          fingerprint(code, key, m.text, n))

    return check


DANGLING = RULES.register(
    Rule(
        "NK001",
        "dangling-claim",
        "error",
        "A sentence states a false claim positively, with no negation inside its own clause; surrounding warnings do not stop models learning it.",
        check=_mention_rule(
            "NK001", "asserted", "error",
            lambda m: f"dangling positive claim: states {_claim_label(m.claim)} with no negation in its own clause",
        ),
    )
)
ATTRIBUTED = RULES.register(
    Rule(
        "NK002",
        "attributed-claim",
        "warning",
        "A sentence reports a false claim without endorsing or negating it; models may still learn it.",
        check=_mention_rule(
            "NK002", "attributed", "warning",
            lambda m: f"attributed claim: reports {_claim_label(m.claim)} without negating it",
        ),
    )
)
UNREADABLE = RULES.register(
    Rule(
        "NK100",
        "unreadable-record",
        "error",
        "A record could not be read (invalid JSON or UTF-8, or no text field); it was not checked.",
        check_bad=lambda b: [Finding(b.path, b.line, 0, 0, "NK100", "error", f"unreadable record: {b.reason}", "", None,
                                     fingerprint("NK100", b.path, str(b.line), 1))],
    )
)


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules whose code starts with a selected prefix and with no ignored prefix (default: all)."""
    rules = sorted(RULES, key=lambda r: r.code)
    select = [s.strip().upper() for s in select if s.strip()] or ["NK"]
    ignore = [s.strip().upper() for s in ignore if s.strip()]
    for sel in select + ignore:
        if sel != "ALL" and not any(r.code.startswith(sel) for r in rules):
            raise NegkitError(f"unknown rule selector '{sel}' (rules: {', '.join(r.code for r in rules)})")
    chosen = [r for r in rules if any(sel == "ALL" or r.code.startswith(sel) for sel in select)]
    return [r for r in chosen if not any(r.code.startswith(ig) for ig in ignore)]


def load_baseline(path: str | Path) -> set[str]:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(p), "baseline file not found (create one with --write-baseline)") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(p), f"invalid baseline JSON: {exc}") from None
    fps = data.get("fingerprints") if isinstance(data, dict) else None
    if not isinstance(fps, list) or not all(isinstance(x, str) for x in fps):
        raise InputError(str(p), "baseline must be a JSON object with a 'fingerprints' list of strings")
    return set(fps)


def baseline_json(findings: Iterable[Finding]) -> str:
    fps = sorted({f.fingerprint for f in findings if f.fingerprint})
    return json.dumps({"version": 1, "tool": "negkit", "fingerprints": fps}, indent=1) + "\n"


def _noqa(doc: Document) -> set[str] | bool:
    block = doc.meta.get("negkit") if isinstance(doc.meta, dict) else None
    val = block.get("noqa") if isinstance(block, dict) else None
    if val is True:
        return True
    if isinstance(val, list):
        return {str(x).upper() for x in val}
    return set()


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    records: int = 0
    bad: int = 0
    suppressed: int = 0

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)


def lint_corpus(
    paths: Iterable[str],
    profile,
    options=None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    baseline: set[str] | None = None,
    text_field: str | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> LintReport:
    """Lint JSONL corpora for a claim; findings sorted by path, line and column."""
    from ..corpus import ReadStats
    from ..scan import scan_corpus

    rules = select_rules(select, ignore)
    report = LintReport()
    baseline = baseline or set()

    def keep(f: Finding) -> bool:
        if f.fingerprint in baseline:
            report.suppressed += 1
            return False
        return True

    for path in paths:
        stats = ReadStats()
        bad_findings: list[Finding] = []

        def on_bad(b: BadRecord) -> None:
            for r in rules:
                if r.check_bad:
                    bad_findings.extend(f for f in r.check_bad(b) if keep(f))

        for doc, mentions in scan_corpus(path, profile, options, text_field, on_bad, stats, jobs=jobs):
            noqa = _noqa(doc)
            for r in rules:
                if not r.check:
                    continue
                if noqa is True or r.code in noqa:
                    report.suppressed += sum(1 for _ in r.check(doc, mentions))
                    continue
                report.findings.extend(f for f in r.check(doc, mentions) if keep(f))
            if progress:
                progress(1)
        report.findings.extend(bad_findings)
        report.records += stats.records
        report.bad += stats.bad
    report.findings.sort(key=lambda f: (f.path, f.line, f.start, f.code))
    return report
