"""A lazy corpus model for the viewer (no Textual here).

Opening a corpus only indexes it: the byte offset of every non-blank line is recorded, rows are
parsed when asked for (a few hundred are cached). Three cases:

* one rewritten corpus (rows with a ``negkit`` block): the original is rebuilt from the recorded
  edits (each replacement removed from the output; for a replacement that removed characters the
  removed text is not recorded, so it is shown as U+FFFD placeholders and ``original_exact`` is
  False, unless the edit dict carries ``"original"``);
* two aligned corpora ``(original, rewritten)``: row *i* of each is the same document; the edits
  are the rewritten row's ``negkit`` edits when they reproduce it, else :func:`negkit.stats.diff_edits`;
* one plain corpus (+ a claim): mentions highlighted and lint findings listed.

Mentions need a claim profile and are slow (a spaCy pass), so they are computed lazily, per
document, when a document is shown or when :meth:`ViewModel.compute_counts` is called.
"""

from __future__ import annotations

import json
import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..corpus import _to_record
from ..errors import InputError, NegkitError
from ..records import BadRecord, Document, Edit, Finding, Mention
from ..stats import _as_edit, _check_edits, diff_edits, edit_output_spans

PLACEHOLDER = "\ufffd"
CACHE_SIZE = 256


# ----------------------------------------------------------------------------- records


@dataclass
class DocSummary:
    """One row of the document list; ``None`` counts are not computed yet (shown as '?')."""

    index: int
    id: str
    genre: str = "-"
    style: str = "-"
    edits: int | None = None
    unresolved: int | None = None
    mentions: int | None = None
    dangling: int | None = None
    bad: str | None = None  # why the row could not be read


@dataclass
class DocView:
    """Everything shown for one document.

    ``edits`` are against ``original`` and produce ``rewritten``; ``mentions`` and ``findings``
    index ``rewritten`` (for a plain corpus ``original == rewritten`` and there are no edits).
    """

    index: int
    id: str
    original: str
    rewritten: str
    edits: list[Edit] = field(default_factory=list)
    mentions: list[Mention] | None = None  # None: no claim given
    findings: list[Finding] = field(default_factory=list)
    unresolved: list[dict] = field(default_factory=list)
    genre: str = "-"
    style: str = "-"
    line: int = 0
    path: str = "-"
    original_exact: bool = True
    bad: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.edits)

    @property
    def output_spans(self) -> list[tuple[int, int]]:
        """Where each edit's replacement sits in ``rewritten``."""
        return edit_output_spans(self.edits)

    @property
    def dangling(self) -> list[Mention]:
        return [m for m in (self.mentions or []) if m.polarity == "asserted"]


# ----------------------------------------------------------------------------- helpers


class _LineIndex:
    """Byte offsets of the non-blank lines of one JSONL file."""

    def __init__(self, path: str):
        self.path = str(path)
        self.offsets = array("q")
        self.lines = array("l")
        try:
            fh = open(self.path, "rb")
        except FileNotFoundError:
            raise InputError(self.path, "no such file") from None
        except IsADirectoryError:
            raise InputError(self.path, "is a directory, expected a JSONL file") from None
        pos = 0
        with fh:
            for n, raw in enumerate(fh, 1):
                if raw.strip():
                    self.offsets.append(pos)
                    self.lines.append(n)
                pos += len(raw)
        self._fh = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.offsets)

    def raw(self, i: int) -> bytes:
        with self._lock:
            if self._fh is None:
                self._fh = open(self.path, "rb")
            self._fh.seek(self.offsets[i])
            return self._fh.readline()

    def close(self) -> None:
        with self._lock:
            if self._fh is not None:
                self._fh.close()
                self._fh = None


def _parse(raw: bytes, path: str, line: int, text_field: str | None) -> Document | BadRecord:
    try:
        s = raw.decode("utf-8-sig" if line == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return BadRecord(path, line, f"invalid UTF-8 at byte {exc.start}")
    try:
        row = json.loads(s)
    except (ValueError, RecursionError) as exc:
        return BadRecord(path, line, f"invalid JSON: {exc}")
    return _to_record(row, path, line, text_field)


def _block(meta: dict) -> dict | None:
    b = meta.get("negkit") if isinstance(meta, dict) else None
    return b if isinstance(b, dict) else None


def _style_of(meta: dict) -> str:
    b = _block(meta)
    if b and isinstance(b.get("styles"), list):
        names = [str(s.get("name")) if isinstance(s, dict) else str(s) for s in b["styles"]]
        if names:
            return "+".join(names)
    mode = meta.get("mode") if isinstance(meta, dict) else None
    return str(mode) if mode else "-"


def _genre_of(meta: dict) -> str:
    g = meta.get("doc_type") if isinstance(meta, dict) else None
    return str(g) if g else "-"


def rebuild_original(rewritten: str, edits: Sequence[Edit | dict]) -> tuple[str, bool]:
    """(original, exact) from the OUTPUT text and the edits recorded against the original.

    Each replacement is taken out of the output; what a replacement removed is the edit's
    ``"original"`` value when recorded, else ``end - start`` U+FFFD placeholders (offsets stay
    valid, ``exact`` is False). Raises NegkitError when the edits do not match the output.
    """
    removed = []
    for e in edits:
        r = e.get("original") if isinstance(e, dict) else None
        removed.append(r if isinstance(r, str) else None)
    parsed = [_as_edit(e) for e in edits]
    order = sorted(range(len(parsed)), key=lambda k: (parsed[k].start, parsed[k].end))
    ordered = _check_edits([parsed[k] for k in order])
    spans = edit_output_spans(ordered)
    out, pos, exact = [], 0, True
    for k, e, (s, t) in zip(order, ordered, spans):
        if rewritten[s:t] != e.replacement:
            raise NegkitError(f"edit {e.start}..{e.end}: replacement not found at output offset {s}")
        out.append(rewritten[pos:s])
        gone = removed[k]
        if gone is None or len(gone) != e.end - e.start:
            gone = PLACEHOLDER * (e.end - e.start)
            exact = exact and e.end == e.start
        out.append(gone)
        pos = t
    out.append(rewritten[pos:])
    return "".join(out), exact


def map_to_output(pos: int, edits: Sequence[Edit]) -> int:
    """An offset into the original text mapped into the output of ``edits`` (after any text
    inserted at that very offset; inside a replacement, to the replacement's start)."""
    delta = 0
    for e in edits:
        if e.end <= pos:
            delta += len(e.replacement) - (e.end - e.start)
        elif e.start < pos < e.end:
            return e.start + delta
    return pos + delta


# ----------------------------------------------------------------------------- the model


class ViewModel:
    """A lazily read corpus (or aligned pair of corpora) for the viewer and the HTML report."""

    def __init__(self, paths: Sequence[str], claim=None, text_field: str | None = None,
                 profile=None, mention_options=None):
        paths = [str(p) for p in paths]
        if not 1 <= len(paths) <= 2:
            raise NegkitError("view takes one corpus, or an original and a rewritten corpus")
        self.paths = paths
        self.text_field = text_field
        self.claim = claim
        self._profile = profile
        self._mention_options = mention_options
        self._indexes = [_LineIndex(p) for p in paths]
        if len(self._indexes) == 2 and len(self._indexes[0]) != len(self._indexes[1]):
            raise NegkitError(f"{paths[0]} has {len(self._indexes[0])} documents and {paths[1]} has "
                              f"{len(self._indexes[1])}; the corpora must be aligned row by row")
        self._docs: OrderedDict[tuple[int, int], Document | BadRecord] = OrderedDict()
        self._views: OrderedDict[int, DocView] = OrderedDict()
        self._summaries: dict[int, DocSummary] = {}
        self._lock = threading.RLock()
        self._nlp_lock = threading.Lock()  # one mention pass at a time (viewer workers are threads)

    # -- basics

    @property
    def mode(self) -> str:
        """``"pair"`` (two corpora), else ``"single"`` (rewritten or plain; see :attr:`has_edits`)."""
        return "pair" if len(self._indexes) == 2 else "single"

    @property
    def has_claim(self) -> bool:
        return self.claim is not None or self._profile is not None

    def __len__(self) -> int:
        return len(self._indexes[-1])

    def close(self) -> None:
        for ix in self._indexes:
            ix.close()

    def _doc(self, which: int, i: int) -> Document | BadRecord:
        key = (which, i)
        with self._lock:
            d = self._docs.get(key)
            if d is not None:
                self._docs.move_to_end(key)
                return d
        ix = self._indexes[which]
        d = _parse(ix.raw(i), ix.path, ix.lines[i], self.text_field)
        with self._lock:
            self._docs[key] = d
            while len(self._docs) > CACHE_SIZE:
                self._docs.popitem(last=False)
        return d

    def profile(self):
        """The claim profile (built on first use; about a second)."""
        with self._lock:
            if self._profile is None and self.claim is not None:
                from ..profile import build_profile

                self._profile = build_profile(self.claim)
            return self._profile

    # -- per-document

    def summary(self, i: int) -> DocSummary:
        """The list row for document ``i`` (parses the row; mention counts only if computed)."""
        s = self._summaries.get(i)
        if s is not None:
            return s
        d = self._doc(len(self._indexes) - 1, i)
        if isinstance(d, BadRecord):
            s = DocSummary(i, f"line {d.line}", bad=d.reason, edits=0, unresolved=0)
        else:
            s = DocSummary(i, d.record_id or f"#{i + 1}", _genre_of(d.meta), _style_of(d.meta))
            b = _block(d.meta)
            if b is not None and isinstance(b.get("edits"), list):
                s.edits = len(b["edits"])
                s.unresolved = len(b["unresolved"]) if isinstance(b.get("unresolved"), list) else 0
            elif self.mode == "single":
                s.edits, s.unresolved = 0, 0
            if not self.has_claim:
                s.mentions = s.dangling = None
        v = self._views.get(i)
        if v is not None:
            self._fill(s, v)
        self._summaries[i] = s
        return s

    @staticmethod
    def _fill(s: DocSummary, v: DocView) -> None:
        s.edits = len(v.edits)
        s.unresolved = len(v.unresolved)
        if v.mentions is not None:
            s.mentions = len(v.mentions)
            s.dangling = len(v.dangling)

    def document(self, i: int, mentions: bool = True) -> DocView:
        """The full view of document ``i`` (mentions computed now if a claim was given)."""
        with self._lock:
            v = self._views.get(i)
            if v is not None and (v.mentions is not None or not mentions or not self.has_claim):
                self._views.move_to_end(i)
                return v
        if v is None:
            v = self._build(i)
        if mentions and self.has_claim and v.bad is None:
            self._add_mentions([v])
        with self._lock:
            self._views[i] = v
            while len(self._views) > CACHE_SIZE:
                self._views.popitem(last=False)
        self._fill(self.summary(i), v)
        return v

    def _build(self, i: int) -> DocView:
        last = self._doc(len(self._indexes) - 1, i)
        if isinstance(last, BadRecord):
            return DocView(i, f"line {last.line}", "", "", line=last.line, path=last.path, bad=last.reason)
        rid = last.record_id or f"#{i + 1}"
        text = last.text
        b = _block(last.meta)
        recorded = b.get("edits") if b is not None and isinstance(b.get("edits"), list) else None
        unresolved = [u for u in (b.get("unresolved") or []) if isinstance(u, dict)] if b else []
        base = dict(index=i, id=rid, rewritten=text, genre=_genre_of(last.meta), style=_style_of(last.meta),
                    line=last.line, path=last.path)
        if self.mode == "pair":
            orig = self._doc(0, i)
            if isinstance(orig, BadRecord):
                return DocView(original="", unresolved=unresolved, bad=f"original: {orig.reason}", **base)
            edits = None
            if recorded is not None:
                try:
                    cand = _check_edits([_as_edit(e) for e in recorded], len(orig.text))
                    from ..rewrite import apply_edits

                    if apply_edits(orig.text, cand) == text:
                        edits = cand
                except NegkitError:
                    edits = None
            if edits is None:
                edits = diff_edits(orig.text, text)
            return DocView(original=orig.text, edits=list(edits), unresolved=unresolved, **base)
        if recorded is not None:
            try:
                original, exact = rebuild_original(text, recorded)
                edits = _check_edits([_as_edit(e) for e in recorded])
            except NegkitError as exc:
                return DocView(original=text, unresolved=unresolved, bad=f"inconsistent negkit edits: {exc}", **base)
            return DocView(original=original, edits=edits, unresolved=unresolved, original_exact=exact, **base)
        return DocView(original=text, **base)

    def _add_mentions(self, views: list[DocView]) -> None:
        from ..lint import select_rules
        from ..mentions import find_mentions

        profile = self.profile()
        with self._nlp_lock:
            found = find_mentions([v.rewritten for v in views], profile, self._mention_options)
        rules = [r for r in select_rules() if r.check]
        for v, ms in zip(views, found):
            v.mentions = ms
            doc = Document(v.rewritten, v.line, v.path, None if v.id.startswith("#") else v.id)
            fs = [f for r in rules for f in r.check(doc, ms)]
            v.findings = sorted(fs + self._unresolved_findings(v), key=lambda f: (f.start, f.code))

    def _unresolved_findings(self, v: DocView) -> list[Finding]:
        out = []
        for u in v.unresolved:
            try:
                s, e = map_to_output(int(u["start"]), v.edits), map_to_output(int(u["end"]), v.edits)
            except (KeyError, TypeError, ValueError):
                continue
            out.append(Finding(v.path, v.line, s, max(s, e), "UNRESOLVED", "warning",
                               f"unresolved: {u.get('reason', '')}", v.rewritten[s:e], v.id))
        return out

    def findings(self, i: int) -> list[Finding]:
        """Findings of document ``i`` (lint rules with a claim; unresolved rewrite mentions always)."""
        v = self.document(i)
        if v.mentions is None and not v.findings:
            v.findings = self._unresolved_findings(v)
        return v.findings

    def compute_counts(self, indices: Iterable[int], batch: int = 32,
                       progress: Callable[[list[int]], None] | None = None) -> None:
        """Compute mentions for these documents in batches (fills the summaries' '?' columns)."""
        if not self.has_claim:
            return
        todo: list[DocView] = []

        def flush():
            if not todo:
                return
            self._add_mentions(todo)
            with self._lock:
                for v in todo:
                    self._views[v.index] = v
                    self._fill(self.summary(v.index), v)
                while len(self._views) > CACHE_SIZE:
                    self._views.popitem(last=False)
            if progress:
                progress([v.index for v in todo])
            todo.clear()

        for i in indices:
            s = self.summary(i)
            if s.mentions is not None or s.bad:
                continue
            v = self._views.get(i) or self._build(i)
            if v.bad:
                continue
            todo.append(v)
            if len(todo) >= batch:
                flush()
        flush()

    # -- filters and search

    def genres(self) -> list[str]:
        """Distinct genres (scans every row once)."""
        return sorted({self.summary(i).genre for i in range(len(self))})

    def styles(self) -> list[str]:
        return sorted({self.summary(i).style for i in range(len(self))})

    def filter(self, dangling_only: bool = False, genre: str | None = None, style: str | None = None,
               indices: Iterable[int] | None = None) -> list[int]:
        """Indices matching the filters. ``dangling_only`` keeps documents with an asserted mention
        (needs a claim; mentions are computed for the candidates) or, without a claim, documents
        whose rewrite left unresolved mentions."""
        idx = range(len(self)) if indices is None else indices
        out = []
        for i in idx:
            s = self.summary(i)
            if genre is not None and s.genre != genre:
                continue
            if style is not None and s.style != style:
                continue
            out.append(i)
        if dangling_only:
            if self.has_claim:
                self.compute_counts(out)
                out = [i for i in out if (self.summary(i).dangling or 0) > 0]
            else:
                out = [i for i in out if (self.summary(i).unresolved or 0) > 0]
        return out

    def search(self, query: str, indices: Iterable[int] | None = None) -> list[int]:
        """Indices whose id or text (original or rewritten) contains ``query`` (case-insensitive)."""
        q = query.casefold()
        if not q:
            return list(range(len(self))) if indices is None else list(indices)
        out = []
        for i in (range(len(self)) if indices is None else indices):
            s = self.summary(i)
            if q in s.id.casefold():
                out.append(i)
                continue
            hit = False
            for which in range(len(self._indexes)):
                d = self._doc(which, i)
                if isinstance(d, Document) and q in d.text.casefold():
                    hit = True
                    break
            if not hit and self.mode == "single":
                v = self._views.get(i)
                hit = v is not None and q in v.original.casefold()
            if hit:
                out.append(i)
        return out


def open_corpus(paths: str | Sequence[str], claim=None, text_field: str | None = None, *,
                profile=None, mention_options=None) -> ViewModel:
    """Index a corpus for viewing: ``[rewritten]``, ``[plain]`` or ``[original, rewritten]``.

    ``claim`` is a :class:`negkit.claims.Claim` or a path to a claim YAML (mentions and lint
    findings then appear); ``text_field`` as for :func:`negkit.corpus.read_corpus`.
    """
    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    if isinstance(claim, (str, Path)):
        from ..claims import load_claim

        claim = load_claim(claim)
    return ViewModel(list(paths), claim=claim, text_field=text_field, profile=profile,
                     mention_options=mention_options)
