"""Near-duplicate detection (MinHash + LSH, exact Jaccard check) and corpus diversity numbers."""

from __future__ import annotations

import math
import random
import re
import zlib
from collections import Counter
from typing import Any, Iterable, Sequence

_WORD = re.compile(r"\w+")
_P = (1 << 31) - 1  # Mersenne prime for the universal hash family


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(text: str, k: int = 5) -> list[int]:
    """Sorted unique crc32 hashes of the word k-grams of ``text`` (stable across processes)."""
    w = words(text)
    if not w:
        return []
    if len(w) < k:
        grams = [" ".join(w)]
    else:
        grams = [" ".join(w[i : i + k]) for i in range(len(w) - k + 1)]
    return sorted({zlib.crc32(g.encode("utf-8")) for g in grams})


def jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    if not a and not b:
        return 1.0
    sa, sb = set(a), set(b)
    inter = len(sa & sb)
    return inter / (len(sa) + len(sb) - inter)


class NearDuplicateIndex:
    """Find documents whose word-shingle Jaccard similarity with an earlier one is >= threshold.

    Candidates come from MinHash LSH (``bands`` x ``rows`` = ``num_perm``; with the defaults a
    pair at Jaccard 0.5 is found with probability ~0.96, at 0.6 ~0.995) and are confirmed by an
    exact Jaccard on the stored shingles, so there are no false positives. Deterministic.
    """

    def __init__(self, threshold: float = 0.5, k: int = 5, num_perm: int = 72, bands: int = 24, seed: int = 1):
        import numpy as np

        if not 0 < threshold <= 1:
            raise ValueError("threshold must be in (0, 1]")
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands")
        self.threshold, self.k, self.bands, self.rows = threshold, k, bands, num_perm // bands
        rng = random.Random(seed)
        self._a = np.array([rng.randrange(1, _P) for _ in range(num_perm)], dtype=np.uint64)[:, None]
        self._b = np.array([rng.randrange(0, _P) for _ in range(num_perm)], dtype=np.uint64)[:, None]
        self._np = np
        self._buckets: dict[tuple[int, bytes], list[int]] = {}
        self._shingles: list[Any] = []
        self._keys: list[Any] = []

    def __len__(self) -> int:
        return len(self._keys)

    def _signature(self, sh: Sequence[int]):
        np = self._np
        if not sh:
            return np.full(self._a.shape[0], _P, dtype=np.uint64)
        x = (np.asarray(sh, dtype=np.uint64) % _P)[None, :]
        return ((self._a * x + self._b) % _P).min(axis=1)

    def _bands(self, sig) -> list[tuple[int, bytes]]:
        r = self.rows
        return [(i, sig[i * r : (i + 1) * r].tobytes()) for i in range(self.bands)]

    def query(self, text: str, _sh=None, _sig=None) -> tuple[Any, float] | None:
        """(key, jaccard) of the most similar indexed document at or above the threshold, or None."""
        sh = shingles(text, self.k) if _sh is None else _sh
        sig = self._signature(sh) if _sig is None else _sig
        cands: set[int] = set()
        for b in self._bands(sig):
            cands.update(self._buckets.get(b, ()))
        best = None
        for i in sorted(cands):
            j = jaccard(sh, self._shingles[i])
            if j >= self.threshold and (best is None or j > best[1]):
                best = (self._keys[i], j)
        return best

    def add(self, key: Any, text: str, _sh=None, _sig=None) -> None:
        sh = shingles(text, self.k) if _sh is None else _sh
        sig = self._signature(sh) if _sig is None else _sig
        i = len(self._keys)
        self._keys.append(key)
        self._shingles.append(self._np.asarray(sh, dtype=self._np.uint32))
        for b in self._bands(sig):
            self._buckets.setdefault(b, []).append(i)

    def check_and_add(self, key: Any, text: str) -> tuple[Any, float] | None:
        """The near-duplicate of ``text`` if any (then it is NOT added), else add it and return None."""
        sh = shingles(text, self.k)
        sig = self._signature(sh)
        hit = self.query(text, sh, sig)
        if hit is None:
            self.add(key, text, sh, sig)
        return hit


def _entropy(counts: Iterable[int]) -> float:
    counts = [c for c in counts if c]
    total = sum(counts)
    if not total:
        return 0.0
    return -sum(c / total * math.log2(c / total) for c in counts)


def distinct_n(tokenised: Sequence[Sequence[str]], n: int) -> float:
    """Unique n-grams / total n-grams over the corpus (Li et al. 2016)."""
    total, uniq = 0, set()
    for toks in tokenised:
        for i in range(len(toks) - n + 1):
            uniq.add(tuple(toks[i : i + n]))
            total += 1
    return len(uniq) / total if total else 0.0


def diversity_summary(
    docs: Sequence[Any],
    *,
    text_key: str = "text",
    genre_key: str = "doc_type",
    sample_pairs: int = 2000,
    near_duplicate_threshold: float = 0.5,
    seed: int = 0,
) -> dict:
    """Diversity numbers for a corpus: rows (dicts with ``text``/``doc_type``) or plain strings.

    genre_entropy (bits; normalised by log2 of the genres present), distinct-1/2/3 over lowercase
    word tokens, the near-duplicate rate (share of documents with a word 5-gram Jaccard >=
    threshold to an earlier one), and over ``sample_pairs`` random pairs the mean word 3-gram
    Jaccard and the mean word-level normalised Indel similarity (rapidfuzz).
    """
    from rapidfuzz.distance import Indel

    texts = [d if isinstance(d, str) else d[text_key] for d in docs]
    genres = [None if isinstance(d, str) else d.get(genre_key) for d in docs]
    toks = [words(t) for t in texts]
    gcount = Counter(g for g in genres if g is not None)
    ent = _entropy(gcount.values())
    idx = NearDuplicateIndex(near_duplicate_threshold)
    dups = sum(1 for i, t in enumerate(texts) if idx.check_and_add(i, t) is not None)
    n = len(texts)
    rng = random.Random(seed)
    all_pairs = n * (n - 1) // 2
    if all_pairs <= sample_pairs:
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    else:
        seen: set[tuple[int, int]] = set()
        while len(seen) < sample_pairs:
            i, j = rng.sample(range(n), 2)
            seen.add((min(i, j), max(i, j)))
        pairs = sorted(seen)
    tri = [shingles(t, 3) for t in texts]
    jac = [jaccard(tri[i], tri[j]) for i, j in pairs]
    sim = [Indel.normalized_similarity(toks[i][:600], toks[j][:600]) for i, j in pairs]
    lengths = sorted(len(t) for t in toks)
    return {
        "documents": n,
        "genres": len(gcount),
        "genre_entropy_bits": round(ent, 4),
        "genre_entropy_normalised": round(ent / math.log2(len(gcount)), 4) if len(gcount) > 1 else 0.0,
        "distinct_1": round(distinct_n(toks, 1), 4),
        "distinct_2": round(distinct_n(toks, 2), 4),
        "distinct_3": round(distinct_n(toks, 3), 4),
        "near_duplicate_rate": round(dups / n, 4) if n else 0.0,
        "near_duplicate_threshold": near_duplicate_threshold,
        "pairs_sampled": len(pairs),
        "mean_pairwise_jaccard_3gram": round(sum(jac) / len(jac), 4) if jac else 0.0,
        "mean_pairwise_similarity": round(sum(sim) / len(sim), 4) if sim else 0.0,
        "words_mean": round(sum(lengths) / n, 1) if n else 0.0,
        "words_median": lengths[n // 2] if n else 0,
    }
