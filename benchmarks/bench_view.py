"""Time `negkit view` on a 10,000-document corpus against a naive json.loads of every row.

    python benchmarks/bench_view.py [--docs N] [--claim CLAIM.yaml]

Builds the corpus in a temp dir by replicating the rows of examples/corpora/*.jsonl (each
copy gets a fresh ``id``), then measures, in one run:

* baseline: read the file and ``json.loads`` every row (what a non-lazy viewer must do);
* open: :func:`negkit.view.open_corpus` (indexes line byte offsets; parses nothing);
* first screen: the Textual viewer mounted headless (``App.run_test``, 80x24) with the first
  document rendered (mentions computed for it only when ``--claim`` is given).

Prints seconds and each measure's ratio to the baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(path: Path, docs: int) -> int:
    rows = []
    for f in sorted((ROOT / "examples" / "corpora").glob("*.jsonl")):
        rows += [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as fh:
        for k in range(docs):
            row = dict(rows[k % len(rows)])
            row["id"] = f"doc-{k:05d}"
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path.stat().st_size


def baseline(path: Path) -> float:
    t = time.perf_counter()
    with path.open("rb") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    assert rows
    return time.perf_counter() - t


async def first_screen(model) -> float:
    from negkit.view.app import NegkitViewer

    app = NegkitViewer(model)
    t = time.perf_counter()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.doc_view is not None and app.diff.lines
        elapsed = time.perf_counter() - t
        await pilot.press("q")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--claim", help="claim YAML: also compute mentions for the shown document")
    args = ap.parse_args()
    from negkit.view import open_corpus

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        size = build_corpus(path, args.docs)
        print(f"corpus: {args.docs} documents, {size / 1e6:.1f} MB")
        base = min(baseline(path) for _ in range(2))
        print(f"baseline json.loads of every row: {base:.3f} s")
        t = time.perf_counter()
        model = open_corpus(str(path), claim=args.claim)
        opened = time.perf_counter() - t
        print(f"open_corpus (index):              {opened:.3f} s  ({opened / base:.2f}x baseline)")
        if args.claim:
            t = time.perf_counter()
            model.profile()
            print(f"claim profile (once):             {time.perf_counter() - t:.3f} s")
        shown = asyncio.run(first_screen(model))
        print(f"viewer mount + first screen:      {shown:.3f} s  ({shown / base:.2f}x baseline)")
        total = opened + shown
        print(f"open + first screen:              {total:.3f} s  ({total / base:.2f}x baseline)")
        model.close()


if __name__ == "__main__":
    main()
