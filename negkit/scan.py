"""Stream a corpus through the mention finder: batched, optionally over a process pool.

Per-document work is a pure function of (text, claim profile, options), so the same
``find_mentions`` runs here in a pool and can run unchanged on Ray Data or datatrove.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator

from .corpus import iter_documents, ReadStats
from .mentions import MentionOptions, find_mentions
from .profile import ClaimProfile
from .records import BadRecord, Document, Mention, batched

_WORKER: dict = {}


def _init_worker(profile: ClaimProfile, options: MentionOptions, jobs: int = 1) -> None:
    from . import nlp

    nlp.share_cores(jobs)
    nlp.own_process()  # (a worker process negkit started)
    _WORKER["profile"], _WORKER["options"] = profile, options


def _work(texts: list[str]) -> list[list[Mention]]:
    return find_mentions(texts, _WORKER["profile"], _WORKER["options"])


#: characters of text per task sent to a worker process: tasks of about equal work, small enough
#: that the workers finish together (five tasks of 32 documents on two workers leave one idle
#: for a fifth of the run), large enough that sending them costs nothing
TASK_CHARS = 40_000


def scan_documents(
    docs: Iterable[Document],
    profile: ClaimProfile,
    options: MentionOptions | None = None,
    jobs: int = 1,
    batch: int = 32,
) -> Iterator[tuple[Document, list[Mention]]]:
    """Yield (document, mentions) in input order, holding only a few batches in memory."""
    options = options or MentionOptions()
    if jobs <= 1:
        for b in batched(docs, batch):
            yield from zip(b, find_mentions([d.text for d in b], profile, options))
        return
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(profile, options, jobs)) as ex:
        window: deque = deque()
        for b in batched(docs, batch, TASK_CHARS, lambda d: len(d.text)):
            window.append((b, ex.submit(_work, [d.text for d in b])))
            if len(window) >= jobs * 3:
                b0, fut = window.popleft()
                yield from zip(b0, fut.result())
        while window:
            b0, fut = window.popleft()
            yield from zip(b0, fut.result())


def scan_corpus(
    path: str,
    profile: ClaimProfile,
    options: MentionOptions | None = None,
    text_field: str | None = None,
    on_bad: Callable[[BadRecord], None] | None = None,
    stats: ReadStats | None = None,
    jobs: int = 1,
) -> Iterator[tuple[Document, list[Mention]]]:
    """Mentions for every readable record of a JSONL corpus; bad records go to ``on_bad``."""
    docs = iter_documents(path, text_field, on_bad or (lambda b: None), stats)
    yield from scan_documents(docs, profile, options, jobs=jobs)
