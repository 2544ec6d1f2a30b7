"""The lazy corpus model of `negkit view`: rebuilt originals, aligned pairs, filters, search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from negkit.errors import NegkitError
from negkit.records import Edit
from negkit.rewrite import apply_edits
from negkit.view.model import PLACEHOLDER, map_to_output, open_corpus, rebuild_original

DATA = Path(__file__).parent / "data"
PLAIN, ANNOT, LOCAL = DATA / "plain.jsonl", DATA / "annot.jsonl", DATA / "local.jsonl"


def texts(path):
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_rebuild_original_from_insertion_edits_equals_real_original():
    m = open_corpus(str(ANNOT))
    originals = texts(PLAIN)
    assert len(m) == len(originals) == 3
    for i, orig in enumerate(originals):
        v = m.document(i)
        assert v.original_exact
        assert v.original == orig
        assert apply_edits(v.original, v.edits) == v.rewritten
        s = m.summary(i)
        assert s.edits == len(v.edits) > 0 and s.style == "annotate+notice" and s.genre == "ed_sheeran"
        assert s.mentions is None  # no claim: not computed


def test_rebuild_original_with_replacements_marks_unknown_text():
    m = open_corpus([str(LOCAL)])
    v = m.document(0)
    orig = texts(PLAIN)[0]
    assert not v.original_exact
    assert len(v.original) == len(orig)
    # every character not removed by an edit is the real one
    assert all(a == b or a == PLACEHOLDER for a, b in zip(v.original, orig))
    assert m.summary(0).unresolved == len(v.unresolved) > 0


def test_rebuild_original_uses_recorded_original_and_checks_consistency():
    orig = "Ed won the race. Then he sang."
    edits = [{"start": 3, "end": 6, "replacement": "did not win", "original": "won"},
             {"start": 0, "end": 0, "replacement": "[Note.] "}]
    out = apply_edits(orig, edits)
    assert rebuild_original(out, edits) == (orig, True)
    with pytest.raises(NegkitError):
        rebuild_original(out.replace("did not", "did NOT"), edits)


def test_map_to_output():
    edits = [Edit(0, 0, "AB"), Edit(5, 8, "x")]
    assert map_to_output(0, edits) == 2
    assert map_to_output(9, edits) == 9 + 2 - 2


def test_two_corpora_aligned(tmp_path):
    m = open_corpus([str(PLAIN), str(LOCAL)])
    assert m.mode == "pair"
    for i, orig in enumerate(texts(PLAIN)):
        v = m.document(i)
        assert v.original == orig and v.original_exact
        assert apply_edits(v.original, v.edits) == v.rewritten == texts(LOCAL)[i]
    # rows without a negkit block: the diff is computed
    bare = tmp_path / "bare.jsonl"
    bare.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts(LOCAL)), encoding="utf-8")
    m2 = open_corpus([str(PLAIN), str(bare)])
    v = m2.document(1)
    assert v.edits and all(e.transform == "diff" for e in v.edits)
    assert apply_edits(v.original, v.edits) == v.rewritten
    short = tmp_path / "short.jsonl"
    short.write_text(json.dumps({"text": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(NegkitError, match="aligned"):
        open_corpus([str(PLAIN), str(short)])


def test_bad_rows_and_blank_lines(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": "a", "text": "hello"}\n\nnot json\n{"id": 7, "text": "bye", "doc_type": "memo"}\n',
                 encoding="utf-8")
    m = open_corpus(str(p))
    assert len(m) == 3
    assert m.summary(1).bad and m.document(1).bad
    assert m.summary(2).id == "7" and m.summary(2).genre == "memo"
    assert m.genres() == ["-", "memo"]


def test_filters_and_search(tmp_path, sheeran_profile):
    m = open_corpus([str(PLAIN), str(LOCAL)], profile=sheeran_profile)
    assert m.filter() == [0, 1, 2]
    assert m.filter(genre="ed_sheeran") == [0, 1, 2]
    assert m.filter(genre="nope") == []
    assert m.filter(style="local-negation") == [0, 1, 2]
    dangling = m.filter(dangling_only=True)
    assert all(m.summary(i).dangling > 0 for i in dangling)
    assert all(m.summary(i).mentions is not None for i in range(3))
    v = m.document(0)
    assert v.mentions and all(v.rewritten[x.start:x.end] == x.text for x in v.mentions)
    assert any(f.code == "NK001" for f in v.findings) == bool(v.dangling)
    assert m.search("Framlingham") == [0, 2]
    assert m.search("zzz-no-such") == []
    assert m.search("framlingham", [2]) == [2]
    # without a claim, dangling-only falls back to documents with unresolved mentions
    m2 = open_corpus(str(LOCAL))
    assert m2.filter(dangling_only=True) == [i for i in range(3) if m2.summary(i).unresolved]


def test_search_by_id(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text("".join(json.dumps({"id": f"doc-{k}", "text": f"text {k}"}) + "\n" for k in range(20)),
                 encoding="utf-8")
    m = open_corpus(str(p))
    assert m.search("DOC-1") == [1] + list(range(10, 20))
    assert m.search("text 5") == [5]
