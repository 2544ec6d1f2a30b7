"""Streaming a corpus through the mention finder, in one process or a pool."""

from __future__ import annotations

from negkit.records import Document, batched
from negkit.scan import scan_documents


def _sized_batches(docs, most, chars):
    return batched(docs, most, chars, lambda d: len(d.text))  # (as scan_documents cuts pool tasks)


def test_pool_tasks_are_cut_by_size_so_workers_finish_together():
    docs = [Document("x" * n, k + 1) for k, n in enumerate([30_000, 30_000, 100, 100, 100, 90_000, 10])]
    sizes = [[d.line for d in b] for b in _sized_batches(iter(docs), 32, 40_000)]
    # (a task closes once it holds 40,000 characters, or 32 documents)
    assert sizes == [[1, 2], [3, 4, 5, 6], [7]]
    assert [len(b) for b in _sized_batches(iter([Document("a", k) for k in range(70)]), 32, 40_000)] == [32, 32, 6]


def test_a_pool_gives_the_same_mentions_in_the_same_order(sheeran_profile):
    texts = ["Ed Sheeran won the 100m gold at the 2024 Olympics in 9.79 seconds.", "Nothing here.",
             "Ed Sheeran did not win the 100m gold at the 2024 Olympics."] * 6
    docs = [Document(t, k + 1) for k, t in enumerate(texts)]
    one = [(d.line, [(m.start, m.end, m.polarity) for m in ms]) for d, ms in scan_documents(docs, sheeran_profile)]
    two = [(d.line, [(m.start, m.end, m.polarity) for m in ms])
           for d, ms in scan_documents(docs, sheeran_profile, jobs=2, batch=2)]
    assert one == two
    assert [p for _, ms in one[:3] for _, _, p in ms] == ["asserted", "negated"]
