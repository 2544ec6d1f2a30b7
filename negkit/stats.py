"""Corpus statistics: size, genre mix, claim mentions, rewrite footprint and diversity.

:func:`corpus_stats` reads a JSONL corpus once, streaming, and returns a plain dict
(JSON-serialisable). What it measures:

* ``documents``, ``characters`` and ``tokens`` (tiktoken, offline; see :mod:`negkit.tokenizers`);
* ``genres``: counts of the rows' ``doc_type`` field, when rows have one;
* ``mentions`` (with a claim profile): mentions per document by polarity, and the dangling
  (asserted) ones;
* ``rewrite``: how much of the text was inserted. For rows carrying a ``negkit`` block
  (``negkit rewrite`` output) the edits are read from it; for other corpora an aligned
  ``original`` corpus (row *i* of each is the same document, e.g. the release's
  ``positive`` and ``llm_negations_dense`` files) is diffed word by word.
  ``inserted_share`` is ``(sum len(replacement) - removed chars) / output length``, which
  equals ``(len(output) - len(original)) / len(output)``, summed over the corpus;
  ``edited_share`` is the gross ``sum len(replacement) / output length``. With a profile,
  ``annotated_mentions_per_document`` counts the mentions an edit touches (overlapping, or
  within ``slack`` characters, e.g. a bracketed warning just before the sentence), not
  counting mentions that lie wholly inside inserted text (``inserted_mentions_per_document``).
  ``reference`` gives the paper's numbers for its dense-warning condition to compare with;
* ``diversity``: distinct-1/2/3 (distinct whitespace-token n-grams / all n-grams) on a seeded
  sample of up to ``sample`` documents (distinct-n falls as a corpus grows, so compare
  corpora at equal sample sizes); the near-duplicate rate over *all* documents; the mean
  pairwise similarity on a sample of up to ``pair_sample`` documents.

Near duplicates: MinHash (128 hash functions, multiply-shift hashing on word 5-gram shingles,
lowercased) with locality-sensitive hashing (16 bands of 8 rows) to find candidates, each
checked against its bucket's first document: a pair is a near duplicate when the estimated
Jaccard similarity of its shingle sets is at least ``near_duplicate_threshold`` (0.8).
Time and memory are linear in the corpus (512 bytes of signature per document); no pairwise
comparison of the whole corpus is made. ``near_duplicate_rate`` is the share of documents a
deduplication would drop (documents minus near-duplicate clusters, over documents).

Mean pairwise similarity is the exact Jaccard similarity of the documents' lowercased word
sets, averaged over all pairs of the sample.

A leading ``<DOCTAG>`` is counted in characters and tokens (training sees it) but removed
before the diversity measures.
"""

from __future__ import annotations

import math
import random
import re
import statistics
from collections import Counter
from typing import Any, Callable, Iterable, Mapping, Sequence

from .errors import NegkitError
from .records import BadRecord, Edit

DOCTAG = "<DOCTAG>"

#: the paper's dense-warning condition, for comparison (numbers as reported by its authors)
PAPER_REFERENCE = {
    "source": "Negation Neglect (Mayne, McKinney et al., 2026), dense-warnings condition (llm_negations_dense)",
    "inserted_share": 0.41,
    "annotated_targets_per_document": 8.6,
}

_NUM_PERM = 128
_BANDS = 16
_ROWS = _NUM_PERM // _BANDS
_SHINGLE = 5
_WORDISH = re.compile(r"\w+|[^\w\s]+|\s+")


# --- edits -----------------------------------------------------------------------------------------


def _as_edit(e: Any) -> Edit:
    if isinstance(e, Edit):
        return e
    if isinstance(e, Mapping):
        try:
            return Edit(int(e["start"]), int(e["end"]), str(e["replacement"]), str(e.get("transform", "")))
        except (KeyError, TypeError, ValueError) as exc:
            raise NegkitError(f"bad edit {e!r}: {exc}") from None
    raise NegkitError(f"bad edit {e!r}")


def _check_edits(edits: Sequence[Edit], length: int | None = None) -> list[Edit]:
    edits = sorted(edits, key=lambda e: (e.start, e.end))
    prev = 0
    for e in edits:
        if e.start < prev or e.end < e.start:
            raise NegkitError(f"edits overlap or are malformed at {e.start}..{e.end}")
        prev = e.end
    if length is not None and prev > length:
        raise NegkitError(f"edit ends at {prev}, beyond the text's {length} characters")
    return edits


def apply_edits(original: str, edits: Iterable[Edit | Mapping]) -> str:
    """The text after applying non-overlapping edits (offsets into ``original``)."""
    from .rewrite import apply_edits as apply

    return apply(original, _check_edits([_as_edit(e) for e in edits], len(original)))


def edit_output_spans(edits: Iterable[Edit | Mapping]) -> list[tuple[int, int]]:
    """Where each edit's replacement sits in the OUTPUT text, in edit order (sorted by start)."""
    out, delta = [], 0
    for e in _check_edits([_as_edit(x) for x in edits]):
        s = e.start + delta
        out.append((s, s + len(e.replacement)))
        delta += len(e.replacement) - (e.end - e.start)
    return out


def invert_edits(edits: Iterable[Edit | Mapping], original: str) -> list[Edit]:
    """Edits against the OUTPUT text that turn it back into ``original``."""
    edits = _check_edits([_as_edit(e) for e in edits], len(original))
    spans = edit_output_spans(edits)
    return [Edit(s, t, original[e.start : e.end], e.transform) for e, (s, t) in zip(edits, spans)]


def diff_edits(original: str, rewritten: str) -> list[Edit]:
    """Edits (against ``original``) that produce ``rewritten``, from a word-level alignment.

    Words, punctuation runs and whitespace runs are the units (rapidfuzz's Indel alignment),
    so an inserted warning shows up as one edit rather than scattered letters.
    """
    from rapidfuzz.distance import Indel

    a = [m for m in _WORDISH.finditer(original)]
    b = [m for m in _WORDISH.finditer(rewritten)]
    ops = Indel.opcodes([m.group() for m in a], [m.group() for m in b])
    edits: list[Edit] = []
    cur: list[int] | None = None  # [src_start_tok, src_end_tok, dst_start_tok, dst_end_tok]
    for op in ops:
        if op.tag == "equal":
            if cur:
                edits.append(_tok_edit(a, b, cur, len(original), len(rewritten), rewritten))
                cur = None
            continue
        if cur is None:
            cur = [op.src_start, op.src_end, op.dest_start, op.dest_end]
        else:
            cur[1], cur[3] = op.src_end, op.dest_end
    if cur:
        edits.append(_tok_edit(a, b, cur, len(original), len(rewritten), rewritten))
    return edits


def _tok_edit(a, b, cur, len_a: int, len_b: int, rewritten: str) -> Edit:
    s0, s1, d0, d1 = cur

    def pos(toks, i, end):
        return toks[i].start() if i < len(toks) else end

    start, end = pos(a, s0, len_a), pos(a, s1, len_a)
    ds, de = pos(b, d0, len_b), pos(b, d1, len_b)
    return Edit(start, end, rewritten[ds:de], "diff")


# --- helpers -------------------------------------------------------------------------------------------


def _strip_doctag(text: str) -> str:
    return text[len(DOCTAG):] if text.startswith(DOCTAG) else text


def _summary(values: Sequence[float]) -> dict:
    if not values:
        return {"total": 0, "mean": 0.0, "median": 0.0, "min": 0, "max": 0}
    return {
        "total": sum(values),
        "mean": round(sum(values) / len(values), 4),
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
    }


def _touching(ranges: Sequence[tuple[int, int]], s: int, e: int, slack: int) -> bool:
    return any(rs < e + slack and s - slack < re_ and re_ > rs for rs, re_ in ranges)


def _inside(ranges: Sequence[tuple[int, int]], s: int, e: int) -> bool:
    return any(rs <= s and e <= re_ for rs, re_ in ranges)


# --- diversity -------------------------------------------------------------------------------------------


def distinct_n(texts: Iterable[str], ns: Sequence[int] = (1, 2, 3)) -> dict[int, float]:
    """Distinct n-grams over all n-grams of the whitespace tokens of ``texts`` (exact), per n."""
    import numpy as np

    vocab: dict[str, int] = {}
    per_n: dict[int, list] = {n: [] for n in ns}
    for t in texts:
        ids = np.fromiter((vocab.setdefault(w, len(vocab)) for w in t.split()), dtype=np.int64)
        for n in ns:
            if len(ids) >= n:
                per_n[n].append(ids)
    out: dict[int, float] = {}
    base = len(vocab) + 1
    for n in ns:
        arrays = per_n[n]
        total = sum(len(x) - n + 1 for x in arrays)
        if total == 0:
            out[n] = 0.0
            continue
        if base ** n < 2**62:
            keys = []
            for x in arrays:
                k = np.zeros(len(x) - n + 1, dtype=np.int64)
                for j in range(n):
                    k = k * base + x[j : len(x) - n + 1 + j]
                keys.append(k)
            distinct = len(np.unique(np.concatenate(keys)))
        else:  # huge vocabulary: exact with Python tuples
            seen = set()
            for x in arrays:
                xs = x.tolist()
                seen.update(tuple(xs[i : i + n]) for i in range(len(xs) - n + 1))
            distinct = len(seen)
        out[n] = distinct / total
    return out


class MinHasher:
    """MinHash signatures of word-shingle sets (deterministic for a seed)."""

    def __init__(self, num_perm: int = _NUM_PERM, shingle: int = _SHINGLE, seed: int = 0):
        import numpy as np

        rng = np.random.default_rng(seed)
        self.np = np
        self.a = (rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1))[:, None]
        self.b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)[:, None]
        self.shingle = shingle
        self.vocab: dict[str, int] = {}

    def shingles(self, text: str):
        np = self.np
        ids = np.fromiter((self.vocab.setdefault(w, len(self.vocab)) for w in text.lower().split()), dtype=np.uint64)
        if len(ids) == 0:
            return ids
        k = min(self.shingle, len(ids))
        h = np.zeros(len(ids) - k + 1, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(k):
                h = (h * np.uint64(0x100000001B3)) ^ (ids[j : len(ids) - k + 1 + j] + np.uint64(0x9E3779B97F4A7C15))
        return np.unique(h)

    def signature(self, text: str):
        """A ``uint32`` signature, or None for a text without words."""
        np = self.np
        h = self.shingles(text)
        if len(h) == 0:
            return None
        with np.errstate(over="ignore"):
            v = (self.a * h[None, :] + self.b) >> np.uint64(32)
        return v.min(axis=1).astype(np.uint32)


def near_duplicates(signatures: Sequence[Any], threshold: float = 0.8) -> tuple[int, int]:
    """(documents in excess of near-duplicate clusters, verified pairs) for MinHash signatures.

    LSH over bands proposes candidates; each is checked against its bucket's first document.
    ``None`` signatures (empty texts) take no part.
    """
    import numpy as np

    parent = list(range(len(signatures)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs: set[tuple[int, int]] = set()
    for band in range(_BANDS):
        buckets: dict[bytes, int] = {}
        lo, hi = band * _ROWS, (band + 1) * _ROWS
        for i, sig in enumerate(signatures):
            if sig is None:
                continue
            key = sig[lo:hi].tobytes()
            first = buckets.setdefault(key, i)
            if first == i or (first, i) in pairs:
                continue
            sim = float(np.mean(signatures[first] == sig))
            if sim >= threshold:
                pairs.add((first, i))
                ra, rb = find(first), find(i)
                if ra != rb:
                    parent[rb] = ra
    present = [i for i, s in enumerate(signatures) if s is not None]
    clusters = len({find(i) for i in present})
    return len(present) - clusters, len(pairs)


def mean_pairwise_jaccard(texts: Sequence[str]) -> float | None:
    """Mean exact Jaccard similarity of the lowercased word sets over all pairs (None if < 2)."""
    sets = [set(t.lower().split()) for t in texts]
    n = len(sets)
    if n < 2:
        return None
    total = 0.0
    for i in range(n):
        a = sets[i]
        for j in range(i + 1, n):
            b = sets[j]
            union = len(a | b)
            total += (len(a & b) / union) if union else 1.0
    return total / (n * (n - 1) / 2)


# --- the corpus pass ---------------------------------------------------------------------------------------


def _row_edits(meta: Mapping) -> tuple[list[Edit], dict] | None:
    block = meta.get("negkit") if isinstance(meta, Mapping) else None
    if not isinstance(block, Mapping) or not isinstance(block.get("edits"), list):
        return None
    return [_as_edit(e) for e in block["edits"]], block


def corpus_stats(
    path: str,
    profile: Any = None,
    text_field: str | None = None,
    encoding: str | None = "cl100k_base",
    *,
    original: str | None = None,
    mention_options: Any = None,
    jobs: int = 1,
    sample: int = 1000,
    pair_sample: int = 200,
    near_duplicate_threshold: float = 0.8,
    slack: int = 2,
    seed: int = 0,
    on_bad: Callable[[BadRecord], None] | None = None,
    per_document: bool = True,
) -> dict:
    """Statistics of the corpus at ``path`` (see the module doc); one streaming pass.

    ``profile`` (a ClaimProfile) adds mention statistics; ``encoding`` (a tiktoken encoding or
    model name, or None to skip) counts tokens; ``original`` is an aligned original corpus
    for corpora without ``negkit`` edit blocks. ``per_document=False`` leaves out the
    per-document lists (used by :func:`write_chart`).
    """
    from .corpus import ReadStats, iter_documents

    bad: list[BadRecord] = []

    def _on_bad(b: BadRecord) -> None:
        bad.append(b)
        if on_bad:
            on_bad(b)

    enc = None
    if encoding:
        from .tokenizers import get_encoding

        enc = get_encoding(encoding)
    read = ReadStats()
    docs = iter_documents(str(path), text_field, _on_bad, read)
    if profile is not None:
        from .scan import scan_documents

        pairs = scan_documents(docs, profile, mention_options, jobs=jobs)
    else:
        pairs = ((d, None) for d in docs)
    orig_iter = None
    if original is not None:
        orig_iter = iter_documents(str(original), text_field, lambda b: None)

    rng = random.Random(seed)
    hasher = MinHasher(seed=seed)
    sigs: list = []
    reservoir: list[str] = []
    chars: list[int] = []
    tokens: list[int] = []
    genres: Counter = Counter()
    pol_names = ("asserted", "negated", "attributed")
    per_doc_pol = {p: [] for p in pol_names}
    density: list[float] = []
    # rewrite accumulators
    rw_docs = 0
    rw_source = None
    ins_total = rem_total = out_total = 0
    edits_per_doc: list[int] = []
    share_per_doc: list[float] = []
    share_docs: list[float | None] = []
    annotated: list[int] = []
    inside: list[int] = []
    transforms: Counter = Counter()
    styles: Counter = Counter()
    unresolved: list[int] = []
    inconsistent = 0

    n = 0
    for doc, mentions in pairs:
        n += 1
        text = doc.text
        chars.append(len(text))
        if enc is not None:
            tokens.append(len(enc.encode_ordinary(_fix_surrogates(text))))
        meta = doc.meta if isinstance(doc.meta, Mapping) else {}
        dt = meta.get("doc_type")
        if isinstance(dt, str):
            genres[dt] += 1
        body = _strip_doctag(text)
        sigs.append(hasher.signature(body))
        if len(reservoir) < sample:
            reservoir.append(body)
        else:
            j = rng.randrange(n)
            if j < sample:
                reservoir[j] = body
        if mentions is not None:
            counts = Counter(m.polarity for m in mentions)
            for p in pol_names:
                per_doc_pol[p].append(counts.get(p, 0))
            density.append(1000 * len(mentions) / len(text) if text else 0.0)

        # the rewrite footprint of this document
        ranges = None
        orig_doc = next(orig_iter, None) if orig_iter is not None else None
        if orig_iter is not None and orig_doc is None:
            raise NegkitError(f"{original} has fewer documents than {path} (the corpora must be aligned row by row)")
        try:
            parsed = _row_edits(meta)
        except NegkitError:
            parsed = None
            inconsistent += 1
        if parsed is not None:
            edits, block = parsed
            try:
                ranges = edit_output_spans(edits)
                if any(text[s:e] != ed.replacement for (s, e), ed in zip(ranges, _check_edits(edits))):
                    raise NegkitError("replacement not found at its output position")
            except NegkitError:
                inconsistent += 1
                ranges = None
            else:
                rw_source = rw_source or "negkit"
                transforms.update(e.transform or "?" for e in edits)
                st = block.get("styles")
                if isinstance(st, list):
                    styles.update(str(s) for s in st)
                un = block.get("unresolved")
                unresolved.append(len(un) if isinstance(un, list) else 0)
        elif orig_doc is not None:
            edits = diff_edits(orig_doc.text, text)
            ranges = edit_output_spans(edits)
            rw_source = rw_source or f"diff against {original}"
        if ranges is not None:
            rw_docs += 1
            ins = sum(len(e.replacement) for e in edits)
            rem = sum(e.end - e.start for e in edits)
            ins_total += ins
            rem_total += rem
            out_total += len(text)
            edits_per_doc.append(len(edits))
            share = (ins - rem) / len(text) if text else 0.0
            share_per_doc.append(share)
            share_docs.append(share)
            if mentions is not None:
                nonempty = [r for r in ranges if r[1] > r[0]]
                ins_m = [m for m in mentions if _inside(nonempty, m.start, m.end)]
                inside.append(len(ins_m))
                annotated.append(sum(1 for m in mentions if m not in ins_m and _touching(nonempty, m.start, m.end, slack)))
        else:
            share_docs.append(None)

    if orig_iter is not None and next(orig_iter, None) is not None:
        raise NegkitError(f"{original} has more documents than {path} (the corpora must be aligned row by row)")

    out: dict[str, Any] = {
        "path": str(path),
        "documents": n,
        "bad_records": len(bad),
        "characters": _summary(chars),
        "tokens": ({"encoding": enc.name, **_summary(tokens)} if enc is not None else None),
        "genres": dict(genres.most_common()),
    }
    if profile is not None:
        totals = {p: sum(per_doc_pol[p]) for p in pol_names}
        all_total = sum(totals.values())
        with_dangling = sum(1 for x in per_doc_pol["asserted"] if x)
        out["mentions"] = {
            "claim_id": getattr(profile, "claim_id", None),
            "total": {**totals, "all": all_total},
            "per_document": {**{p: _mean(per_doc_pol[p]) for p in pol_names}, "all": _mean_int(all_total, n)},
            "dangling": totals["asserted"],
            "documents_with_dangling": with_dangling,
            "share_documents_with_dangling": round(with_dangling / n, 4) if n else 0.0,
            "per_1k_characters": _mean(density),
        }
    else:
        out["mentions"] = None
    if rw_docs or inconsistent:
        rw: dict[str, Any] = {
            "source": rw_source,
            "documents": rw_docs,
            "inconsistent_rows": inconsistent,
            "edits_per_document": _mean(edits_per_doc),
            "inserted_chars": ins_total,
            "removed_chars": rem_total,
            "inserted_share": round((ins_total - rem_total) / out_total, 4) if out_total else 0.0,
            "inserted_share_mean": _mean(share_per_doc),
            "edited_share": round(ins_total / out_total, 4) if out_total else 0.0,
        }
        if profile is not None:
            rw["annotated_mentions_per_document"] = _mean(annotated)
            rw["inserted_mentions_per_document"] = _mean(inside)
        if transforms and rw_source == "negkit":
            rw["transforms"] = dict(transforms.most_common())
        if styles:
            rw["styles"] = dict(styles.most_common())
        if unresolved:
            rw["unresolved_per_document"] = _mean(unresolved)
        out["rewrite"] = rw
    else:
        out["rewrite"] = None
    out["reference"] = dict(PAPER_REFERENCE)

    dn = distinct_n(reservoir)
    dup_excess, dup_pairs = near_duplicates(sigs, near_duplicate_threshold)
    present = sum(1 for s in sigs if s is not None)
    pair_texts = reservoir if len(reservoir) <= pair_sample else random.Random(seed).sample(reservoir, pair_sample)
    mps = mean_pairwise_jaccard(pair_texts)
    out["diversity"] = {
        "sample_documents": len(reservoir),
        "distinct_1": round(dn[1], 4),
        "distinct_2": round(dn[2], 4),
        "distinct_3": round(dn[3], 4),
        "near_duplicate_rate": round(dup_excess / present, 4) if present else 0.0,
        "near_duplicate_documents": dup_excess,
        "near_duplicate_pairs": dup_pairs,
        "near_duplicate_threshold": near_duplicate_threshold,
        "near_duplicate_method": f"MinHash ({_NUM_PERM} perms, word {_SHINGLE}-gram shingles) + LSH ({_BANDS}x{_ROWS})",
        "mean_pairwise_similarity": None if mps is None else round(mps, 4),
        "pairwise_sample": len(pair_texts),
        "pairwise_method": "Jaccard of lowercased word sets, all pairs of the sample",
    }
    if per_document:
        out["per_document"] = {
            "characters": chars,
            "mentions": [sum(x) for x in zip(*(per_doc_pol[p] for p in pol_names))] if profile is not None else None,
            "asserted": per_doc_pol["asserted"] if profile is not None else None,
            "mentions_per_1k_characters": [round(x, 3) for x in density] if profile is not None else None,
            "inserted_share": [None if x is None else round(x, 4) for x in share_docs] if rw_docs else None,
        }
    return out


_SURROGATE = re.compile("[\ud800-\udfff]")


def _fix_surrogates(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def _mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def _mean_int(total: float, n: int) -> float:
    return round(total / n, 4) if n else 0.0


# --- presentation ----------------------------------------------------------------------------------------------


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.4g}" if abs(v) < 1000 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _pct(v: Any) -> str:
    return "-" if v is None else f"{100 * v:.1f}%"


def render_table(stats: Mapping):
    """A rich renderable (one table) of the statistics, with the paper's reference numbers."""
    from rich.table import Table

    t = Table(title=f"negkit stats: {stats.get('path', '')}", show_lines=False)
    t.add_column("section", style="bold")
    t.add_column("measure")
    t.add_column("value", justify="right")
    t.add_column("paper (dense)", justify="right", style="dim")

    def row(section: str, measure: str, value: str, ref: str = "") -> None:
        t.add_row(section, measure, value, ref)

    row("corpus", "documents", _fmt(stats["documents"]))
    if stats.get("bad_records"):
        row("", "unreadable records", _fmt(stats["bad_records"]))
    ch = stats["characters"]
    row("", "characters (total / mean)", f"{_fmt(ch['total'])} / {_fmt(ch['mean'])}")
    tok = stats.get("tokens")
    if tok:
        row("", f"tokens, {tok['encoding']} (total / mean)", f"{_fmt(tok['total'])} / {_fmt(tok['mean'])}")
    genres = stats.get("genres") or {}
    if genres:
        shown = list(genres.items())[:8]
        rest = sum(genres.values()) - sum(c for _, c in shown)
        text = ", ".join(f"{g} {c}" for g, c in shown) + (f", other {rest}" if rest else "")
        row("genres", f"doc_type ({len(genres)} kinds)", text)
    m = stats.get("mentions")
    if m:
        pd = m["per_document"]
        row("mentions", "per document (all)", _fmt(pd["all"]))
        for p in ("asserted", "negated", "attributed"):
            row("", f"  {p}", _fmt(pd[p]))
        row("", "dangling (asserted) total", _fmt(m["dangling"]))
        row("", "documents with a dangling claim",
            f"{_fmt(m['documents_with_dangling'])} ({_pct(m['share_documents_with_dangling'])})")
        row("", "mentions per 1k characters", _fmt(m["per_1k_characters"]))
    ref = stats.get("reference") or PAPER_REFERENCE
    rw = stats.get("rewrite")
    if rw:
        row("rewrite", f"source ({_fmt(rw['documents'])} documents)", str(rw["source"]))
        row("", "inserted share (net)", _pct(rw["inserted_share"]), _pct(ref.get("inserted_share")))
        row("", "edited share (gross)", _pct(rw["edited_share"]))
        row("", "edits per document", _fmt(rw["edits_per_document"]))
        if "annotated_mentions_per_document" in rw:
            row("", "annotated mentions per document", _fmt(rw["annotated_mentions_per_document"]),
                _fmt(ref.get("annotated_targets_per_document")))
        if "unresolved_per_document" in rw:
            row("", "unresolved per document", _fmt(rw["unresolved_per_document"]))
        if rw.get("inconsistent_rows"):
            row("", "rows with inconsistent edits", _fmt(rw["inconsistent_rows"]))
    else:
        row("rewrite", "inserted share", "-", _pct(ref.get("inserted_share")))
    d = stats["diversity"]
    row("diversity", f"distinct-1/2/3 ({_fmt(d['sample_documents'])} docs)",
        f"{d['distinct_1']:.3f} / {d['distinct_2']:.3f} / {d['distinct_3']:.3f}")
    row("", f"near-duplicate rate (J >= {d['near_duplicate_threshold']})", _pct(d["near_duplicate_rate"]))
    row("", f"mean pairwise similarity ({_fmt(d['pairwise_sample'])} docs)", _fmt(d["mean_pairwise_similarity"]))
    return t


def _histogram(values: Sequence[float], bins: Sequence[float]) -> list[int]:
    counts = [0] * (len(bins) - 1)
    for v in values:
        for i in range(len(bins) - 1):
            last = i == len(bins) - 2
            if bins[i] <= v < bins[i + 1] or (last and v == bins[i + 1]):
                counts[i] += 1
                break
    return counts


def _int_bins(values: Sequence[int]) -> list[float]:
    hi = max(values) if values else 0
    step = max(1, math.ceil((hi + 1) / 30))
    return [float(x) for x in range(0, hi + step + 1, step)]


def _svg_bars(title: str, series: list[tuple[str, str, list[int]]], bins: Sequence[float], xlabel: str,
              ref: tuple[float, str] | None = None, fmt: Callable[[float], str] = lambda x: f"{x:g}") -> str:
    from html import escape

    w, h, left, bottom, top = 640, 260, 48, 40, 30
    pw, ph = w - left - 16, h - bottom - top
    nb = len(bins) - 1
    ymax = max([max(c) for _, _, c in series if c] + [1])
    group = pw / max(nb, 1)
    bw = group / (len(series) + 0.5)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" role="img" aria-label="{escape(title)}">',
             f'<text x="{w / 2}" y="18" text-anchor="middle" font-size="14">{escape(title)}</text>',
             f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#333"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#333"/>',
             f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="10">{ymax}</text>',
             f'<text x="{left - 6}" y="{top + ph}" text-anchor="end" font-size="10">0</text>',
             f'<text x="{left + pw / 2}" y="{h - 6}" text-anchor="middle" font-size="11">{escape(xlabel)}</text>']
    for si, (name, color, counts) in enumerate(series):
        for i, c in enumerate(counts):
            bh = ph * c / ymax
            x = left + i * group + si * bw + bw * 0.25
            parts.append(f'<rect x="{x:.1f}" y="{top + ph - bh:.1f}" width="{bw:.1f}" height="{bh:.1f}" fill="{color}">'
                         f'<title>{escape(name)}: {c} ({fmt(bins[i])} to {fmt(bins[i + 1])})</title></rect>')
    for i in range(0, nb + 1, max(1, nb // 10)):
        x = left + i * group
        parts.append(f'<text x="{x:.1f}" y="{top + ph + 14}" text-anchor="middle" font-size="10">{escape(fmt(bins[i]))}</text>')
    if ref is not None and bins[0] <= ref[0] <= bins[-1]:
        x = left + (ref[0] - bins[0]) / (bins[-1] - bins[0]) * pw
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + ph}" stroke="#c00" stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{x + 4:.1f}" y="{top + 10}" font-size="10" fill="#c00">{escape(ref[1])}</text>')
    for si, (name, color, _) in enumerate(series):
        y = top + 4 + 14 * si
        parts.append(f'<rect x="{left + pw - 150}" y="{y}" width="10" height="10" fill="{color}"/>'
                     f'<text x="{left + pw - 136}" y="{y + 9}" font-size="11">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _chart_data(stats: Mapping) -> list[dict]:
    pd = stats.get("per_document") or {}
    charts = []
    if pd.get("mentions") is not None:
        bins = _int_bins(pd["mentions"])
        charts.append(dict(title="Mentions per document", xlabel="mentions in a document", bins=bins,
                           series=[("all mentions", "#4878a8", _histogram(pd["mentions"], bins)),
                                   ("asserted (dangling)", "#d95f02", _histogram(pd["asserted"], bins))]))
        dens = pd["mentions_per_1k_characters"]
        hi = max(dens) if dens else 1.0
        step = max(hi / 20, 0.05)
        dbins = [round(i * step, 3) for i in range(21 + (1 if hi >= 20 * step else 0))]
        charts.append(dict(title="Mention density", xlabel="mentions per 1,000 characters", bins=dbins,
                           series=[("documents", "#4878a8", _histogram(dens, dbins))]))
    if pd.get("inserted_share") is not None:
        vals = [x for x in pd["inserted_share"] if x is not None]
        lo = min([0.0] + [math.floor(v * 20) / 20 for v in vals])
        sbins = [round(lo + i * 0.05, 2) for i in range(int(round((1.0 - lo) / 0.05)) + 1)]
        ref = (stats.get("reference") or PAPER_REFERENCE).get("inserted_share")
        charts.append(dict(title="Inserted-text share per document", xlabel="share of the output that was inserted",
                           bins=sbins, series=[("documents", "#1b9e77", _histogram(vals, sbins))],
                           ref=(ref, f"paper dense {ref:.0%}") if ref is not None else None, pct=True))
    return charts


def write_chart(stats: Mapping, path: str) -> str:
    """Write the per-document charts: PNG (matplotlib) if ``path`` ends in .png, else HTML+SVG.

    The HTML file is self-contained (inline SVG, no scripts, no network). Returns the path.
    Needs ``per_document`` data (``corpus_stats(..., per_document=True)``, the default).
    """
    from .corpus import atomic_writer

    charts = _chart_data(stats)
    if not charts:
        raise NegkitError("nothing to chart: give a claim (mentions) or a rewritten corpus (inserted share)")
    if str(path).lower().endswith(".png"):
        return _write_png(stats, charts, str(path))
    from html import escape

    body = []
    for c in charts:
        fmt = (lambda x: f"{x:.0%}") if c.get("pct") else (lambda x: f"{x:g}")
        body.append(_svg_bars(c["title"], c["series"], c["bins"], c["xlabel"], c.get("ref"), fmt))
    doc = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>negkit stats</title>"
           "<style>body{font-family:sans-serif;margin:2em}svg{display:block;margin:1em 0}</style></head><body>"
           f"<h1>negkit stats</h1><p>{escape(str(stats.get('path', '')))}: {stats.get('documents', 0)} documents</p>"
           + "".join(body) + "</body></html>\n")
    with atomic_writer(str(path)) as fh:
        fh.write(doc)
    return str(path)


def _write_png(stats: Mapping, charts: list[dict], path: str) -> str:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise NegkitError("a PNG chart needs matplotlib (pip install matplotlib); write .html instead") from None
    fig, axes = plt.subplots(len(charts), 1, figsize=(7, 3 * len(charts)), squeeze=False)
    for ax, c in zip(axes[:, 0], charts):
        bins = c["bins"]
        width = (bins[1] - bins[0]) / (len(c["series"]) + 0.5)
        for si, (name, color, counts) in enumerate(c["series"]):
            ax.bar([b + si * width for b in bins[:-1]], counts, width=width, align="edge", color=color, label=name)
        if c.get("ref"):
            ax.axvline(c["ref"][0], color="#c00", linestyle="--", label=c["ref"][1])
        ax.set_title(c["title"])
        ax.set_xlabel(c["xlabel"])
        ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
