"""Lint output formats: concise, full, json, jsonl, github (Actions annotations) and SARIF.

Locations: ``line`` is the 1-based JSONL line of the record; ``col`` (``start + 1``) and the
``start``/``end`` offsets index the record's TEXT FIELD, not the raw JSONL line.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import quote

from ..errors import NegkitError
from ..records import Finding

FORMATS: tuple[str, ...] = ("concise", "full", "json", "jsonl", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SNIPPET_CHARS = 200

_GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}

Rules = Mapping[str, Mapping[str, str]]


def _dumps(obj: Any, indent: int | None = None) -> str:
    """JSON keeping non-ASCII text; ASCII escapes if a lone surrogate makes UTF-8 impossible."""
    s = json.dumps(obj, ensure_ascii=False, indent=indent)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        s = json.dumps(obj, ensure_ascii=True, indent=indent)
    return s


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """The json/jsonl object for one finding."""
    return {
        "path": f.path,
        "line": f.line,
        "col": f.col,
        "start": f.start,
        "end": f.end,
        "code": f.code,
        "severity": f.severity,
        "message": f.message,
        "text": f.text,
        "record_id": f.record_id,
        "fingerprint": f.fingerprint,
    }


def _concise(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}"


def _snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


def _full(f: Finding, rules: Rules) -> str:
    lines = [_concise(f)]
    if f.text:
        lines.append(f"  | {_snippet(f.text)}")
    rule = rules.get(f.code) or {}
    if rule.get("name"):
        help_ = f"  = {f.code} ({rule['name']})"
        if rule.get("summary"):
            help_ += f": {rule['summary']}"
        lines.append(help_)
    if f.record_id is not None:
        lines.append(f"  = record id: {f.record_id}")
    return "\n".join(lines) + "\n"


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _github(f: Finding) -> str:
    command = _GITHUB_COMMAND.get(f.severity, "error")
    props = ",".join(
        f"{k}={_escape_property(str(v))}" for k, v in (("file", f.path), ("line", f.line), ("col", f.col), ("title", f.code))
    )
    return f"::{command} {props}::{_escape_data(f.message)}"


def _artifact_uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(path.replace("\\", "/"))


def _tool_version() -> str | None:
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover
        return None
    try:
        return version("negkit")
    except PackageNotFoundError:
        return None


def sarif_log(findings: Iterable[Finding], rules: Rules) -> dict[str, Any]:
    """A SARIF 2.1.0 log (as a dict) with one run."""
    findings = list(findings)
    codes = sorted(set(rules) | {f.code for f in findings})
    rule_index = {code: i for i, code in enumerate(codes)}
    sarif_rules = []
    for code in codes:
        meta = rules.get(code) or {}
        rule: dict[str, Any] = {"id": code, "name": meta.get("name") or code}
        if meta.get("summary"):
            rule["shortDescription"] = {"text": meta["summary"]}
        rule["defaultConfiguration"] = {"level": _SARIF_LEVEL.get(meta.get("severity", ""), "warning")}
        sarif_rules.append(rule)

    results = []
    for f in findings:
        # The region points into the JSONL file, but only startLine is a real JSONL position:
        # the columns index the record's text field (start + 1), not the raw JSONL line.
        region: dict[str, Any] = {"startLine": f.line, "startColumn": f.col}
        if f.end > f.start:
            region["endColumn"] = f.end + 1  # SARIF endColumn is the column after the region
        if f.text:
            region["snippet"] = {"text": f.text}
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": rule_index[f.code],
            "level": _SARIF_LEVEL.get(f.severity, "warning"),
            "message": {"text": f.message},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": _artifact_uri(f.path)}, "region": region}}
            ],
        }
        if f.fingerprint:
            result["partialFingerprints"] = {"negkit/v1": f.fingerprint}
        if f.record_id is not None:
            result["properties"] = {"recordId": f.record_id}
        results.append(result)

    driver: dict[str, Any] = {"name": "negkit", "rules": sarif_rules}
    version = _tool_version()
    if version:
        driver["version"] = version
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                # Python string offsets count code points, not SARIF's default UTF-16 units.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def format_findings(findings: Iterable[Finding], fmt: str, rules: Rules | None = None) -> str:
    """Render findings as ``concise|full|json|jsonl|github|sarif`` text (newline-terminated).

    ``rules`` maps code -> {"name", "severity", "summary"}; it feeds ``full`` and ``sarif``.
    """
    rules = rules or {}
    findings = list(findings)
    if fmt == "concise":
        lines = [_concise(f) for f in findings]
    elif fmt == "full":
        return "\n".join(_full(f, rules) for f in findings) + ("\n" if findings else "")
    elif fmt == "json":
        return _dumps([finding_to_dict(f) for f in findings], indent=2) + "\n"
    elif fmt == "jsonl":
        lines = [_dumps(finding_to_dict(f)) for f in findings]
    elif fmt == "github":
        lines = [_github(f) for f in findings]
    elif fmt == "sarif":
        return _dumps(sarif_log(findings, rules), indent=2) + "\n"
    else:
        raise NegkitError(f"unknown output format '{fmt}' (choose from {', '.join(FORMATS)})")
    return "".join(line + "\n" for line in lines)


def format_statistics(findings: Iterable[Finding], rules: Rules | None = None) -> str:
    """A ruff-like count table, most frequent first: ``  12  NK001  dangling-claim``."""
    rules = rules or {}
    counts = Counter(f.code for f in findings)
    if not counts:
        return ""
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    count_w = max(4, len(str(rows[0][1])))
    code_w = max(len(code) for code, _ in rows)
    out = []
    for code, n in rows:
        name = (rules.get(code) or {}).get("name", "")
        out.append(f"{n:>{count_w}}  {code:<{code_w}}  {name}".rstrip())
    return "\n".join(out) + "\n"
