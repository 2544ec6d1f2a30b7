"""Time `negkit mentions` against a full spaCy parse (no NER) of the same corpus, in one run.

    python benchmarks/bench_mentions.py [--repeat N] [CLAIM CORPUS ...]

Defaults to the bundled examples (both claims, all three conditions). Prints words/s for
both and the speed-up ratios, in one process and (``--jobs``, default 2) over several:
against spaCy's full parse (no NER) as shipped, and against negkit's own parse of every
sentence-like unit (its BLAS switch, parse loop and slimmer pipeline), which leaves only the
gain of parsing just the mention units. Mention-hood is decided before any parse,
so parsing only the mention units loses no recall relative to parsing everything (the same
mentions are found).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from negkit import nlp
from negkit.claims import load_claim
from negkit.mentions import find_mentions
from negkit.profile import build_profile

ROOT = Path(__file__).resolve().parents[1]


def _parse_everything(texts: list[str]) -> int:
    """negkit's parse of every unit of the texts (the second baseline); returns the unit count."""
    units = [(t[u.start : u.end], u.start) for t, us in zip(texts, nlp.segment(texts)) for u in us]
    return len(nlp.parse(units))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=2, help="passes over the corpus (best is reported)")
    ap.add_argument("--jobs", type=int, default=2,
                    help="also time negkit over this many worker processes (as `negkit mentions -j N`); 1 skips it")
    ap.add_argument("items", nargs="*", help="CLAIM.yaml CORPUS.jsonl pairs")
    args = ap.parse_args()
    pairs = list(zip(args.items[::2], args.items[1::2]))
    if not pairs:
        ex = ROOT / "examples"
        pairs = [(ex / "claims" / f"{c}.yaml", p) for c in ("ed_sheeran", "elizabeth_python")
                 for p in sorted((ex / "corpora").glob(f"{c}.*.jsonl"))]
    jobs = []
    profiles: dict = {}
    for claim_path, corpus in pairs:
        texts = [json.loads(l)["text"] for l in open(corpus, encoding="utf-8") if l.strip()]
        if str(claim_path) not in profiles:
            profiles[str(claim_path)] = build_profile(load_claim(claim_path))
        jobs.append((profiles[str(claim_path)], texts))
    words = sum(len(t.split()) for _, texts in jobs for t in texts)
    nlp.own_process()  # (as the command line does: the process is negkit's)
    nlp.load_pipeline()
    nlp.segment(["warm up."])
    nlp.parse([("warm up.", 0)])

    def best(fn) -> float:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return min(times)

    # the baseline two ways, each in one process and over --jobs processes: spaCy's full parse
    # (no NER) as shipped, and negkit's own parse of every sentence-like unit (its segmentation,
    # numpy's BLAS, its parse loop, tok2vec, tagger and parser only, POS and lemmas from the
    # tags): what negkit would cost if it parsed everything, so that only the gain of parsing
    # just the mention units is left
    pipe = nlp.load_pipeline()
    nlp._fast_matmul(pipe, blis=True)
    t_blis = best(lambda: [nlp.full_parse_baseline(texts) for _, texts in jobs])
    t_blis_mp = None
    every = [t for _, texts in jobs for t in texts]
    if args.jobs > 1:
        # (all documents in one call, so spaCy starts its worker processes once)
        t_blis_mp = best(lambda: nlp.full_parse_baseline(every, batch_size=16, n_process=args.jobs))
    nlp._fast_matmul(pipe, force=True)
    t_base = best(lambda: [_parse_everything(texts) for _, texts in jobs])
    t_base_mp = None
    if args.jobs > 1:
        # (a pool like `negkit mentions -j`'s: forked workers, each held to its share of the cores
        # by nlp.share_cores, tasks of 8 documents)
        from concurrent.futures import ProcessPoolExecutor

        chunks = [every[k : k + 8] for k in range(0, len(every), 8)]

        def run_base_pool() -> None:
            with ProcessPoolExecutor(args.jobs, initializer=nlp.share_cores, initargs=(args.jobs,)) as ex:
                list(ex.map(_parse_everything, chunks))

        t_base_mp = best(run_base_pool)
    n_mentions = 0

    def run() -> None:
        nonlocal n_mentions
        n_mentions = sum(len(m) for prof, texts in jobs for m in find_mentions(texts, prof))

    t_neg = best(run)
    t_pool = None
    if args.jobs > 1:
        from negkit.records import Document
        from negkit.scan import scan_documents

        by_claim: dict = {}
        for prof, texts in jobs:
            by_claim.setdefault(id(prof), (prof, []))[1].extend(texts)

        def run_pool() -> None:
            # one pool per claim, started inside the timing (as one `negkit mentions -j N` run
            # per claim: each worker loads the pipeline itself)
            for prof, texts in by_claim.values():
                for _ in scan_documents((Document(t, k + 1) for k, t in enumerate(texts)), prof, jobs=args.jobs):
                    pass

        t_pool = best(run_pool)
    from negkit.mentions import MentionOptions

    key = lambda ms: [(m.start, m.end, m.polarity, m.claim) for m in ms]
    same = all(
        key(a) == key(b)
        for prof, texts in jobs
        for a, b in zip(find_mentions(texts, prof), find_mentions(texts, prof, MentionOptions(always_parse=True)))
    )
    print(f"corpus: {sum(len(t) for _, t in jobs)} documents, {words} words; {n_mentions} mentions")
    print(f"baseline spaCy full parse (no NER), as shipped:        {t_blis:.2f}s  {words / t_blis:,.0f} words/s")
    print(f"baseline negkit parsing every unit:                     {t_base:.2f}s  {words / t_base:,.0f} words/s")
    print(f"negkit mentions:                                        {t_neg:.2f}s  {words / t_neg:,.0f} words/s")
    print(f"speed-up: {t_blis / t_neg:.2f}x against spaCy as shipped; {t_base / t_neg:.2f}x against negkit parsing every unit")
    if t_pool is not None:
        print(f"baseline, as shipped, {args.jobs} processes:          {t_blis_mp:.2f}s  {words / t_blis_mp:,.0f} words/s")
        print(f"baseline, negkit parsing every unit, {args.jobs} processes: {t_base_mp:.2f}s  {words / t_base_mp:,.0f} words/s")
        print(f"negkit mentions, {args.jobs} processes (pool start included): {t_pool:.2f}s  {words / t_pool:,.0f} words/s")
        print(f"speed-up with {args.jobs} processes: {t_blis_mp / t_pool:.2f}x against spaCy as shipped over {args.jobs} processes; "
              f"{t_base_mp / t_pool:.2f}x against negkit parsing every unit over {args.jobs} processes")
    print(f"same mentions and polarities as parsing every mention: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
