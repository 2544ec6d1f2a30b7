"""Every lint output format, parsed back where it is machine-readable."""

from __future__ import annotations

import json

import pytest

from negkit.errors import NegkitError
from negkit.lint.format import FORMATS, format_findings, format_statistics
from negkit.records import Finding

RULES = {
    "NK001": {"name": "dangling-claim", "severity": "error", "summary": "claim stated without a negation"},
    "NK002": {"name": "weak-negation", "severity": "warning", "summary": "negation is easy to miss"},
    "NK003": {"name": "hedge", "severity": "info", "summary": "hedged statement"},
}


def make(**kw) -> Finding:
    base = dict(
        path="data/corpus.jsonl",
        line=12,
        start=4,
        end=20,
        code="NK001",
        severity="error",
        message="claim stated and never negated",
        text="Ed Sheeran won the race",
        record_id="r12",
        fingerprint="abc123",
    )
    base.update(kw)
    return Finding(**base)


FINDINGS = [
    make(),
    make(line=3, start=0, end=5, code="NK002", severity="warning", message="weak", text="Maybe", record_id=None),
    make(line=7, start=9, end=9, code="NK003", severity="info", message="hedge", text="", fingerprint=""),
]


def test_concise_is_ruff_style():
    out = format_findings(FINDINGS, "concise", RULES)
    assert out.splitlines() == [
        "data/corpus.jsonl:12:5: NK001 claim stated and never negated",
        "data/corpus.jsonl:3:1: NK002 weak",
        "data/corpus.jsonl:7:10: NK003 hedge",
    ]
    assert out.endswith("\n")


def test_full_shows_text_rule_and_blank_line():
    out = format_findings([make()], "full", RULES)
    lines = out.split("\n")
    assert lines[0] == "data/corpus.jsonl:12:5: NK001 claim stated and never negated"
    assert lines[1] == "  | Ed Sheeran won the race"
    assert "dangling-claim" in out and "claim stated without a negation" in out
    assert out.endswith("\n\n")


def test_full_truncates_long_text_to_one_line():
    out = format_findings([make(text="word\nnext " * 200)], "full", RULES)
    text_line = next(ln for ln in out.splitlines() if ln.startswith("  | "))
    assert len(text_line) <= 4 + 200 and text_line.endswith("…")
    assert "\n" not in text_line


def test_json_fields():
    data = json.loads(format_findings(FINDINGS, "json", RULES))
    assert isinstance(data, list) and len(data) == 3
    assert data[0] == {
        "path": "data/corpus.jsonl",
        "line": 12,
        "col": 5,
        "start": 4,
        "end": 20,
        "code": "NK001",
        "severity": "error",
        "message": "claim stated and never negated",
        "text": "Ed Sheeran won the race",
        "record_id": "r12",
        "fingerprint": "abc123",
    }
    assert data[1]["record_id"] is None
    assert json.loads(format_findings([], "json", RULES)) == []


def test_jsonl_one_object_per_line_and_non_ascii_kept():
    out = format_findings(FINDINGS + [make(text="café")], "jsonl", RULES)
    lines = out.splitlines()
    assert len(lines) == 4
    objs = [json.loads(ln) for ln in lines]
    assert [o["code"] for o in objs] == ["NK001", "NK002", "NK003", "NK001"]
    assert objs[2]["col"] == 10
    assert "café" in lines[3]
    assert format_findings([], "jsonl", RULES) == ""


def test_github_annotations_and_levels():
    lines = format_findings(FINDINGS, "github", RULES).splitlines()
    assert lines[0] == "::error file=data/corpus.jsonl,line=12,col=5,title=NK001::claim stated and never negated"
    assert lines[1].startswith("::warning file=data/corpus.jsonl,line=3,col=1,title=NK002::")
    assert lines[2].startswith("::notice ")


def test_github_escaping():
    f = make(path="dir,a/b:c.jsonl", message="100% sure\r\nsecond line, with: colon")
    (line,) = format_findings([f], "github", RULES).splitlines()
    assert line == (
        "::error file=dir%2Ca/b%3Ac.jsonl,line=12,col=5,title=NK001::100%25 sure%0D%0Asecond line, with: colon"
    )


def test_sarif_structure():
    log = json.loads(format_findings(FINDINGS, "sarif", RULES))
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "negkit"
    rules = {r["id"]: r for r in driver["rules"]}
    assert rules["NK001"]["name"] == "dangling-claim"
    assert rules["NK001"]["shortDescription"]["text"] == "claim stated without a negation"
    assert [rules[c]["defaultConfiguration"]["level"] for c in ("NK001", "NK002", "NK003")] == ["error", "warning", "note"]

    r0, r1, r2 = run["results"]
    assert r0["ruleId"] == "NK001" and r0["level"] == "error"
    assert driver["rules"][r0["ruleIndex"]]["id"] == "NK001"
    assert r0["message"]["text"] == "claim stated and never negated"
    loc = r0["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "data/corpus.jsonl"
    assert loc["region"] == {"startLine": 12, "startColumn": 5, "endColumn": 21, "snippet": {"text": "Ed Sheeran won the race"}}
    assert r0["partialFingerprints"] == {"negkit/v1": "abc123"}
    assert [r1["level"], r2["level"]] == ["warning", "note"]
    # an empty span has no end column and no snippet; no fingerprint means none is claimed
    assert r2["locations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 10}
    assert "partialFingerprints" not in r2


def test_sarif_with_no_findings_is_still_a_valid_log():
    log = json.loads(format_findings([], "sarif", RULES))
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == 3


def test_sarif_rule_missing_from_metadata_still_listed():
    log = json.loads(format_findings([make(code="XX9")], "sarif", {}))
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["XX9"]
    assert log["runs"][0]["results"][0]["ruleIndex"] == 0


def test_sarif_uri_is_percent_encoded():
    log = json.loads(format_findings([make(path="my data/c.jsonl")], "sarif", RULES))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20data/c.jsonl"


def test_unknown_format():
    with pytest.raises(NegkitError, match="unknown output format 'xml'"):
        format_findings(FINDINGS, "xml", RULES)


@pytest.mark.parametrize("fmt", ["concise", "full", "github"])
def test_text_formats_are_empty_without_findings(fmt):
    assert format_findings([], fmt, RULES) == ""


def test_every_format_is_handled():
    for fmt in FORMATS:
        assert format_findings(FINDINGS, fmt, RULES)


def test_statistics_table():
    findings = [make()] * 12 + [make(code="NK002")] * 3 + [make(code="NK003")] * 3
    out = format_statistics(findings, RULES)
    assert out.splitlines() == [
        "  12  NK001  dangling-claim",
        "   3  NK002  weak-negation",
        "   3  NK003  hedge",
    ]
    assert format_statistics([], RULES) == ""
