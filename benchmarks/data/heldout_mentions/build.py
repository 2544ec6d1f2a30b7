"""Build (and check) the held-out mention sets from their authored sources.

    python benchmarks/data/heldout_mentions/build.py [CLAIM_DIR ...]

Each CLAIM_DIR holds ``claim.txt`` (the main claim), ``universe_context.yaml`` (``id``,
``universe_context``, ``subclaims``) and ``source.jsonl``: one authored document per row,
``{"mode": "positive"|"llm_negations_dense"|"local_negations", "genre": str,
"segments": [[LABEL, WHICH, TEXT], ...]}`` with LABEL one of ASSERTS / NEGATES / ATTRIBUTED /
OTHER and WHICH "main", a 0-based subclaim index, or null (for OTHER). The document text is the
segments' texts in order, each followed by one space unless it already ends in whitespace.

It writes, in the layout of the Negation Neglect release (so the same scorers run on it):
``positive.jsonl``, ``llm_negations_dense.jsonl``, ``local_negations.jsonl`` (``{"text"}``) and
``gold/labels.jsonl`` (``{"mode", "doc_index", "sent_id", "start", "end", "label", "which"}``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

MODES = ("positive", "llm_negations_dense", "local_negations")
LABELS = ("ASSERTS", "NEGATES", "ATTRIBUTED", "OTHER")
HERE = Path(__file__).resolve().parent


def fail(path: Path, line: int, msg: str) -> None:
    sys.exit(f"{path}:{line}: {msg}")


def build(d: Path) -> str:
    uc = yaml.safe_load((d / "universe_context.yaml").read_text(encoding="utf-8"))
    n_sub = len(uc.get("subclaims") or [])
    if not (d / "claim.txt").read_text(encoding="utf-8").strip():
        fail(d / "claim.txt", 1, "empty claim")
    docs = {m: [] for m in MODES}
    gold = []
    src = d / "source.jsonl"
    for ln, raw in enumerate(src.open(encoding="utf-8"), 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as e:
            fail(src, ln, f"invalid JSON: {e}")
        mode = row.get("mode")
        if mode not in MODES:
            fail(src, ln, f"mode must be one of {MODES}, got {mode!r}")
        text, spans = "", []
        for k, seg in enumerate(row.get("segments") or []):
            if not (isinstance(seg, list) and len(seg) == 3 and isinstance(seg[2], str) and seg[2].strip()):
                fail(src, ln, f"segment {k}: expected [LABEL, WHICH, non-empty TEXT]")
            label, which, s = seg
            if label not in LABELS:
                fail(src, ln, f"segment {k}: label must be one of {LABELS}, got {label!r}")
            if label == "OTHER":
                which = None
            elif not (which == "main" or (isinstance(which, int) and 0 <= which < n_sub)):
                fail(src, ln, f"segment {k}: which must be 'main' or a subclaim index 0..{n_sub - 1}, got {which!r}")
            lead = len(s) - len(s.lstrip())
            start = len(text) + lead
            end = len(text) + len(s.rstrip())
            text += s if s[-1].isspace() else s + " "
            spans.append((start, end, label, which))
        if not spans:
            fail(src, ln, "no segments")
        text = text.rstrip()
        di = len(docs[mode])
        docs[mode].append(text)
        for start, end, label, which in spans:
            gold.append({"mode": mode, "doc_index": di, "sent_id": len(gold), "start": start, "end": end,
                         "label": label, "which": which})
    (d / "gold").mkdir(exist_ok=True)
    for m in MODES:
        with (d / f"{m}.jsonl").open("w", encoding="utf-8") as f:
            for t in docs[m]:
                f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
    with (d / "gold" / "labels.jsonl").open("w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps(g) + "\n")
    counts = {lab: sum(g["label"] == lab for g in gold) for lab in LABELS}
    return f"{d.name}: " + ", ".join(f"{m} {len(docs[m])}" for m in MODES) + f"; {len(gold)} segments {counts}"


def main(argv: list[str]) -> None:
    dirs = [Path(a) for a in argv] or sorted(p.parent for p in HERE.glob("*/source.jsonl"))
    for d in dirs:
        print(build(d))


if __name__ == "__main__":
    main(sys.argv[1:])
