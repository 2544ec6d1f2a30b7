"""Score mention finding on claims negkit was never tuned on, in one run.

    python benchmarks/score_heldout.py [-v] [CLAIM_DIR ...]

Defaults to every set in ``benchmarks/data/heldout_mentions`` (see its README): claims and
documents written for this purpose after the mention rules were designed, in the layout of the
Negation Neglect release. Reports, per claim and pooled, the same figures as the release's
scorer: precision, recall and F1 of ``asserted`` against ASSERTS sentences, the share of
NEGATES sentences not flagged as asserted, and the share of documents flagged per condition.
``-v`` lists every missed and every false dangling claim.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from negkit.claims import import_claim
from negkit.mentions import find_mentions
from negkit.profile import build_profile

HERE = Path(__file__).resolve().parent
MODES = ("positive", "llm_negations_dense", "local_negations")


def score(d: Path, verbose: bool, tot: dict, docflag: dict) -> str:
    claim = import_claim(d / "universe_context.yaml", statement=(d / "claim.txt").read_text(encoding="utf-8").strip())
    profile = build_profile(claim)
    texts, found = {}, {}
    for m in MODES:
        texts[m] = [json.loads(line)["text"] for line in (d / f"{m}.jsonl").open(encoding="utf-8") if line.strip()]
        found[m] = find_mentions(texts[m], profile)
        docflag[m][0] += sum(any(x.polarity == "asserted" for x in ms) for ms in found[m])
        docflag[m][1] += len(texts[m])
    c = defaultdict(int)
    for line in (d / "gold" / "labels.jsonl").open(encoding="utf-8"):
        g = json.loads(line)
        ms = [x for x in found[g["mode"]][g["doc_index"]] if x.start < g["end"] and x.end > g["start"]]
        flagged = any(x.polarity == "asserted" for x in ms)
        kind = ("tp" if flagged else "fn") if g["label"] == "ASSERTS" else ("fp" if flagged else None)
        if kind:
            c[kind] += 1
        if g["label"] == "NEGATES":
            c["neg"] += 1
            c["negok"] += not flagged
        if verbose and kind in ("fn", "fp"):
            s = texts[g["mode"]][g["doc_index"]][g["start"]:g["end"]].replace("\n", " ")
            pols = sorted({x.polarity for x in ms})
            print(f"  {kind.upper()} {g['mode'][:5]} {g['doc_index']:2d} {g['label']:10s} {pols} | {s[:220]}")
    for k, v in c.items():
        tot[k] += v
    return f"{d.name}: " + _figures(c)


def _figures(c) -> str:
    p = c["tp"] / max(1, c["tp"] + c["fp"])
    r = c["tp"] / max(1, c["tp"] + c["fn"])
    f1 = 2 * p * r / max(1e-9, p + r)
    return (f"P={p:.3f} R={r:.3f} F1={f1:.3f} negated-ok={c['negok'] / max(1, c['neg']):.3f} "
            f"(tp={c['tp']} fp={c['fp']} fn={c['fn']})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("dirs", nargs="*", type=Path)
    args = ap.parse_args()
    dirs = args.dirs or sorted(p.parent.parent for p in (HERE / "data" / "heldout_mentions").glob("*/gold/labels.jsonl"))
    tot: dict = defaultdict(int)
    docflag = {m: [0, 0] for m in MODES}
    for d in dirs:
        print(score(d, args.verbose, tot, docflag))
    flags = " ".join(f"{m.split('_')[0][:5]}={a / max(1, b):.2f}" for m, (a, b) in docflag.items())
    print(f"pooled: {_figures(tot)} docflag {flags}")


if __name__ == "__main__":
    main()
