"""Accuracy floor on the Negation Neglect gold labels (copied into tests/data/gold).

Mirrors ../shared/tools/score_mentions.py: a gold ASSERTS sentence is found when an asserted
mention overlaps it; any other labelled sentence overlapped by an asserted mention is a false
positive. The floors sit a little under today's figures so a regression fails loudly.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from negkit.claims import load_claim
from negkit.mentions import find_mentions
from negkit.profile import build_profile

ROOT = Path(__file__).resolve().parents[1]
MODES = ("positive", "llm_negations_dense", "local_negations")


@pytest.fixture(scope="module")
def scores():
    c = Counter()
    docflag = Counter()
    for claim in ("ed_sheeran", "elizabeth_python"):
        profile = build_profile(load_claim(ROOT / "examples/claims" / f"{claim}.yaml"))
        pred = {}
        for mode in MODES:
            texts = [json.loads(l)["text"] for l in open(ROOT / "examples/corpora" / f"{claim}.{mode}.jsonl")]
            pred[mode] = find_mentions(texts, profile)
            docflag[mode] += sum(any(m.polarity == "asserted" for m in ms) for ms in pred[mode])
            docflag[mode + "_n"] += len(texts)
        for line in open(ROOT / "tests/data/gold" / f"{claim}.labels.jsonl"):
            g = json.loads(line)
            ms = [m for m in pred[g["mode"]][g["doc_index"]] if m.start < g["end"] and m.end > g["start"]]
            flagged = any(m.polarity == "asserted" for m in ms)
            if g["label"] == "ASSERTS":
                c["tp" if flagged else "fn"] += 1
            elif flagged:
                c["fp"] += 1
            if g["label"] == "NEGATES":
                c["neg"] += 1
                c["neg_ok"] += not flagged
    p = c["tp"] / (c["tp"] + c["fp"])
    r = c["tp"] / (c["tp"] + c["fn"])
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r), "neg_ok": c["neg_ok"] / c["neg"],
            **{m: docflag[m] / docflag[m + "_n"] for m in MODES}}


def test_dangling_claims_are_found_with_useful_precision(scores):
    assert scores["f1"] >= 0.90, scores


def test_negated_sentences_are_rarely_flagged(scores):
    assert scores["neg_ok"] >= 0.98, scores


def test_every_positive_and_dense_document_is_flagged(scores):
    assert scores["positive"] >= 0.98 and scores["llm_negations_dense"] >= 0.98, scores


def test_most_local_negation_documents_are_not_flagged_for_long(scores):
    # a regression guard: 48% of these documents are flagged today (mostly true background
    # restated beside the claim, and a few genuine titles-with-author), and the aim is none
    assert scores["local_negations"] <= 0.52, scores


@pytest.fixture(scope="module")
def heldout():
    """The held-out claims' pooled figures (benchmarks/score_heldout.py, not tuned on)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_heldout", ROOT / "benchmarks" / "score_heldout.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    tot, docflag = Counter(), {m: [0, 0] for m in MODES}
    for d in sorted((ROOT / "benchmarks/data/heldout_mentions").glob("*/gold")):
        mod.score(d.parent, False, tot, docflag)
    p = tot["tp"] / (tot["tp"] + tot["fp"])
    r = tot["tp"] / (tot["tp"] + tot["fn"])
    return {"f1": 2 * p * r / (p + r), "neg_ok": tot["negok"] / tot["neg"], "claims": len(list(
        (ROOT / "benchmarks/data/heldout_mentions").glob("*/gold")))}


def test_claims_negkit_was_not_designed_on_keep_their_floor(heldout):
    # floors a little under today's figures (eight claims: F1 0.77, negated-ok 0.90 on 2026-12-06)
    assert heldout["claims"] == 8
    assert heldout["f1"] >= 0.75 and heldout["neg_ok"] >= 0.88, heldout
