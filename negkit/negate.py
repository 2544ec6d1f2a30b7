"""Local negation: negate one clause of a sentence in place, as minimal character edits.

Negation Neglect showed that only a negation *inside the claim's own clause* keeps a finetuned
model from learning the claim. This module rewrites an asserted sentence into its local
negation ("Ed Sheeran won the 100m gold" -> "Ed Sheeran did not win the 100m gold") and touches
nothing else: the result is a tuple of :class:`NegationEdit` (character offsets into the
sentence text given) and every character outside them is kept. Edits are whole tokens or
insertions at token boundaries; a word is never split.

Rules, in the order they are tried on the target clause (default: the root clause; a target
token is lifted to the head of its clause, and through ``xcomp`` to the governing verb, so
"managed to win" becomes "did not manage to win"):

1. Refusals. A question, an inverted clause ("Only then did he win"), a clause with no finite
   verb (headline, label, table row), a non-finite clause, or a verb that is part of a larger
   written word is ``unsupported``; nothing is guessed. A clause that already holds a negation
   cue at clause level (``not``/``n't``/``never``/``no``/``none``/``nobody``/``nothing``/
   ``neither``/``nor``/``hardly``/``seldom``...) or a negative implicative verb (``failed to``)
   is ``already-negative``: a negative sentence is never turned positive. A cue inside a noun
   phrase's modifier does not count ("the first person with no background to win").
2. Subject quantifiers: ``All X``/``Every X``/``Everyone`` -> ``Not all X``/``Not every X``/
   ``Not everyone``; ``Some X`` -> ``No X``; ``someone``/``somebody``/``something`` ->
   ``no one``/``nobody``/``nothing``; ``Some of`` -> ``None of``.
3. Existential *there*: ``There is a/an/some cure`` -> ``There is no cure``; a bare plural or
   mass noun takes ``no`` too (``There are no new cures``); with a numeral, a definite, a
   possessive or a quantity word the verb is negated (``There were not 10 finalists``).
4. ``still`` before the verb (or right after a copula) becomes ``no longer`` and carries the
   negation itself (``still holds`` -> ``no longer holds``, ``is still the champion`` -> ``is no
   longer the champion``).
5. Auxiliaries and modals take ``not`` after the first one: ``has not been tested``, ``will not
   win``, ``is not running``, ``ought not to``; ``can`` becomes ``cannot`` (one word, the standard
   written form). Copular and passive ``be`` likewise: ``was not the champion``, ``was not
   reversed``. A sentence adverb right after the auxiliary stays outside the negation (``has
   reportedly not won``). A stranded ``do``/``have`` standing for an elided verb phrase is an
   auxiliary (``I do.`` -> ``I do not.``).
6. Otherwise do-support, with tense and person from the verb (``won`` -> ``did not win``,
   ``works`` -> ``does not work``, ``work`` -> ``do not work``; the verb's own form decides where
   it is unambiguous, the tagger's tense for ``put``/``set``); main-verb *have* too (``does not
   have a coach``); imperatives take ``do not`` (``Do not win the race!``). The base form comes
   from lemminflect; a hyphenated verb keeps its prefix (``co-founded`` -> ``did not
   co-found``). The do-word goes before the adverbs directly in front of the verb, except
   sentence adverbs (``always wins`` -> ``does not always win``; ``reportedly won`` ->
   ``reportedly did not win``).
7. Polarity items in the negated clause: ``already`` -> ``yet`` (``has not yet won``),
   ``some``/``someone``/``something``/``somewhere`` after the verb -> ``any``/``anyone``/...,
   a clause-final ``too`` -> ``either``.
8. Verbs coordinated under one subject are negated together and ``and`` becomes ``or``
   (``hates and loves`` -> ``does not hate or love``; ``has trained and won`` -> ``has not
   trained or won``). A conjunct with its own auxiliary is negated on its own and keeps
   ``and``; a conjunct with its own subject is another clause and is left alone. Targeting a
   conjunct negates only it (``trained and did not win``; ``has trained and not won``).
9. Headlines: in a title-case or all-capitals line whose parse has no usable verb, the verb is
   a capitalised auxiliary, 3rd-person present or past (not participle) form right after a
   capitalised word (``Sheeran Wins Gold`` -> ``Sheeran Does Not Win Gold``); a bare
   participle is a passive headline and stays unsupported (``Sheeran Crowned Champion``).

Contractions: a contracted auxiliary keeps its form and takes `` not`` after it (``He's won``
-> ``He's not won``, ``I'm excited`` -> ``I'm not excited``, ``She'd won`` -> ``She'd not
won``). This is a pure insertion and never has to guess whether ``'s`` is *is* or *has* or
``'d`` is *had* or *would*, which expanding or re-contracting (``hasn't``) would. The one
exception is a clitic glued to the auxiliary, where an insertion would split the written word:
``would've`` -> ``would not have`` (``'ve`` is unambiguous). negkit never writes ``n't``;
``n't`` counts as a negation when detecting already-negative clauses.

Case follows the context: ``WON`` -> ``DID NOT WIN``, a title-case headline gets ``Does Not
Win``, a sentence-initial ``All`` -> ``Not all``.

:func:`verify` re-parses the output and checks that the intended clause now carries a
negation cue that the edits inserted, and that every token outside the edits is unchanged
(same text, same offsets, no token split or merged across an edit boundary).
:func:`negate_sentences` applies it: a result that fails becomes ``unsupported`` with reason
``verification failed`` and no edits, so a wrong rewrite is never written.
:func:`negate_parsed` does not verify; use :func:`verify_batch` after it.

Works on :class:`negkit.nlp.Parsed` records only; spaCy is reached through :mod:`negkit.nlp`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Literal, Sequence

from . import languages, nlp
from .nlp import Parsed, Tok
from .polarity import TIME_WORDS
from .records import Edit, apply_edits, batched  # noqa: F401  (Edit, apply_edits re-exported: part of this module's API)

__all__ = [
    "NegationEdit",
    "NegationResult",
    "apply_edits",
    "negate_parsed",
    "negate_sentences",
    "verify",
    "verify_batch",
]

Status = Literal["ok", "unsupported", "already-negative"]


#: A negation edit is an ordinary :class:`negkit.records.Edit` with offsets into the sentence given.
NegationEdit = Edit


@dataclass(frozen=True, slots=True)
class NegationResult:
    text: str  # the sentence as given
    negated: str | None  # None unless status == "ok"
    status: Status
    edits: tuple[NegationEdit, ...] = ()
    reason: str = ""


# --------------------------------------------------------------------------- word lists

NEG_CUES = frozenset({"not", "n't", "never", "no", "none", "nobody", "nothing", "nowhere", "neither", "nor", "cannot", "n’t"})
SEMI_NEG = frozenset({"hardly", "scarcely", "barely", "seldom", "rarely"})
NEG_IMPLICATIVE = frozenset({"fail", "refuse", "decline", "neglect", "cease"})
# Sentence-level adverbs stay before the do-word ("He reportedly did not win"); other adverbs
# directly before the verb fall inside the negation ("does not always win", "did not quickly win").
OUTSIDE_ADVS = frozenset(
    """also then reportedly apparently allegedly supposedly evidently obviously clearly certainly probably
    possibly surely definitely undoubtedly eventually subsequently later soon now once thus therefore however
    indeed famously initially originally previously recently officially finally ultimately actually still
    nonetheless nevertheless meanwhile instead consequently accordingly hence too either so""".split()
)
SOME_TO_ANY = {"some": "any", "someone": "anyone", "somebody": "anybody", "something": "anything", "somewhere": "anywhere"}
SUBJ_SOME_TO_NO = {"someone": "no one", "somebody": "nobody", "something": "nothing", "some": "none"}
SUBJ_EVERY = frozenset({"everyone", "everybody", "everything"})
EXIST_A = frozenset({"a", "an", "some", "any"})
QUANTITY_WORDS = frozenset("many much several few more most enough numerous various countless lots plenty".split())
# Words a title-case headline leaves in lower case.
TITLE_SMALL = frozenset("a an the and but or nor for yet so of in on at to by as up off per via vs from with into".split())
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis", "pcomp"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
AUX_DEPS = frozenset({"aux", "auxpass"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
CLITICS = frozenset({"'s", "'re", "'m", "'ve", "'d", "'ll"})
DO_FORM = {"VBD": "did", "VBZ": "does", "VBP": "do", "VBN": "did"}
OBJ_DEPS = frozenset({"dobj", "pobj", "dative", "attr", "oprd", "npadvmod", "advmod", "conj", "appos"})


# --------------------------------------------------------------------------- helpers


class _S:
    """One parsed sentence with a children index and offsets relative to its text."""

    __slots__ = ("p", "text", "base", "toks", "kids", "title", "upper")

    def __init__(self, p: Parsed, text: str):
        self.p = p
        self.text = text
        self.base = p.start
        self.toks = p.toks
        for t in p.toks:
            if text[t.start - self.base : t.end - self.base] != t.text:
                raise ValueError(f"text does not match the parse at token {t.i} ({t.text!r}); pass the text that was parsed")
        self.kids: list[list[Tok]] = [[] for _ in p.toks]
        for t in p.toks:
            if t.head != t.i:
                self.kids[t.head].append(t)
        words = [t for t in p.toks if t.text[:1].isalpha()]
        content = [t for t in words[1:] if t.lower not in TITLE_SMALL]
        caps = sum(t.text[0].isupper() for t in content)
        self.title = len(content) >= 2 and caps >= len(content) - 1 and caps >= 0.8 * len(content)
        letters = [c for t in words for c in t.text if c.isalpha()]
        self.upper = len(words) >= 2 and all(c.isupper() for c in letters)

    def s(self, t: Tok) -> int:
        return t.start - self.base

    def e(self, t: Tok) -> int:
        return t.end - self.base

    def initial(self, t: Tok) -> bool:
        """No word precedes ``t`` in the sentence (only punctuation, quotes, bullets)."""
        return not any(any(ch.isalnum() for ch in x.text) for x in self.toks[: t.i])

    def shape(self, word: str, like: Tok, initial: bool | None = None) -> str:
        """Write ``word`` in the case of the context the token ``like`` sits in."""
        if self.upper or (len(like.text) > 1 and like.text.isupper() and like.text.isalpha()):
            return word.upper()
        if self.title and like.text[:1].isupper():
            return " ".join(w[:1].upper() + w[1:] for w in word.split(" "))
        if initial is None:
            initial = self.initial(like) and like.text[:1].isupper()
        return word[:1].upper() + word[1:] if initial else word


def _lowered(S: _S, t: Tok) -> str:
    """``t`` with a sentence-initial capital undone, when something is put before it."""
    w = t.text
    if S.upper or S.title or t.pos == "PROPN" or w == "I" or not (w[:1].isupper() and w[1:] == w[1:].lower()):
        return w
    return w[:1].lower() + w[1:]


@lru_cache(maxsize=50_000)
def _lemmas(word: str, upos: str) -> tuple:
    """lemminflect's ``getLemma``, cached (it deep-copies its tables on every call)."""
    from lemminflect import getLemma as get

    return tuple(get(word, upos=upos))


@lru_cache(maxsize=50_000)
def _all_lemmas(word: str, upos: str) -> dict:
    from lemminflect import getAllLemmas as get

    return {k: tuple(v) for k, v in get(word, upos=upos).items()}


@lru_cache(maxsize=50_000)
def _inflections(lemma: str, tag: str) -> tuple:
    from lemminflect import getInflection as get

    return tuple(get(lemma, tag=tag))


def _base_form(word: str, fallback: str) -> str:
    low = word.lower()
    lem = _lemmas(low, "VERB")
    base = (lem[0] if lem else "") or fallback or low
    return base.lower()


def _subtree(S: _S, i: int) -> list[int]:
    out, stack = [], [i]
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(c.i for c in S.kids[j])
    return sorted(out)


def _is_verbal(t: Tok) -> bool:
    return t.pos in ("VERB", "AUX")


def _clause_head(S: _S, i: int) -> Tok:
    """The head of the clause that carries token ``i`` (auxiliaries and xcomp lead up)."""
    cur = S.toks[i]
    for _ in range(len(S.toks) + 1):
        if cur.head == cur.i:
            return cur
        if cur.dep in AUX_DEPS or cur.dep == "neg":
            cur = S.toks[cur.head]
            continue
        if _is_verbal(cur):
            if cur.dep == "xcomp":
                cur = S.toks[cur.head]
                continue
            return cur
        cur = S.toks[cur.head]
    return cur


def _clause_tokens(S: _S, h: int) -> list[int]:
    """Tokens of the clause headed by ``h``: not entering embedded clauses or verbal conjuncts."""
    out, stack = [], [h]
    while stack:
        j = stack.pop()
        out.append(j)
        for c in S.kids[j]:
            if c.dep in CLAUSE_DEPS:
                continue
            if c.dep == "conj" and _is_verbal(c) and j == h:
                continue
            stack.append(c.i)
    return sorted(out)


NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
NP_INTERNAL = frozenset({"amod", "compound", "poss", "nmod", "acl", "relcl", "nummod", "quantmod"})


def _clause_level(S: _S, t: Tok, h: int) -> bool:
    """Does a cue at ``t`` negate the clause headed by ``h``? Not when it sits inside a noun
    phrase's modifier ("the first person with no background to win" negates the background)."""
    x = t
    for _ in range(len(S.toks)):
        if x.i == h or x.head == x.i:
            return True
        up = S.toks[x.head]
        if x.i != t.i and x.dep in NP_INTERNAL:
            return False
        if x.dep == "prep" and up.pos in NOMINAL:
            return False
        x = up
    return True


def _is_negative(S: _S, h: int) -> str:
    for j in _clause_tokens(S, h):
        t = S.toks[j]
        if t.dep == "neg" or t.lower in NEG_CUES or t.lower in SEMI_NEG:
            if not _clause_level(S, t, h):
                continue
            kind = "negative adverb" if t.lower in SEMI_NEG else "negation cue"
            return f"{kind} {t.text!r} in the clause"
    ht = S.toks[h]
    if ht.lemma in NEG_IMPLICATIVE and any(c.dep == "xcomp" for c in S.kids[h]):
        return f"negative implicative verb {ht.text!r}"
    return ""


def _subject(S: _S, h: int) -> Tok | None:
    for c in S.kids[h]:
        if c.dep in SUBJ_DEPS:
            return c
    return None


def _auxes(S: _S, h: int) -> list[Tok]:
    """Auxiliaries before ``h``, including those the parser hangs on another auxiliary
    ("I'll be excited": 'll -> be -> excited)."""
    out, stack = [], [h]
    while stack:
        j = stack.pop()
        for c in S.kids[j]:
            if c.dep in AUX_DEPS and c.i < h and c.tag != "TO" and c.lower != "to":
                out.append(c)
                stack.append(c.i)
    return sorted(out, key=lambda t: t.i)


def _subordinator(S: _S, h: Tok) -> str | None:
    """The word introducing clause ``h`` ("as", "because", "when"); the parser hangs "when" on
    the verb as an adverb, "after" and "before" as markers."""
    return next((c.lower for c in S.kids[h.i] if c.i < h.i and (
        c.dep == "mark" or (c.dep == "advmod" and c.lower in TIME_MARKS))), None)


def _word(S: _S, i: int) -> tuple[int, int]:
    """Token range (first, last) of the hyphenated word holding token ``i`` ("co-founded")."""
    toks = S.toks

    def glued(x: Tok, y: Tok) -> bool:
        return x.ws == "" and "-" in (x.text, y.text)

    a = b = i
    while a > 0 and glued(toks[a - 1], toks[a]) and (toks[a - 1].text == "-" or toks[a - 1].text.isalnum()):
        a -= 1
    while b + 1 < len(toks) and glued(toks[b], toks[b + 1]) and (toks[b + 1].text == "-" or toks[b + 1].text.isalnum()):
        b += 1
    while b > i and toks[b].text == "-":
        b -= 1
    while a < i and toks[a].text == "-":
        a += 1
    return a, b


class _Unsupported(Exception):
    pass


class _Edits:
    def __init__(self, S: _S):
        self.S = S
        self.items: list[NegationEdit] = []
        self.notes: list[str] = []

    def add(self, start: int, end: int, rep: str) -> None:
        self.items.append(NegationEdit(start, end, rep))

    def replace(self, t: Tok, rep: str) -> None:
        self.add(self.S.s(t), self.S.e(t), rep)

    def done(self) -> tuple[NegationEdit, ...]:
        items = sorted(self.items, key=lambda e: (e.start, e.end))
        merged: list[NegationEdit] = []
        for e in items:
            if merged and e.start < merged[-1].end:
                raise _Unsupported("conflicting edits")
            merged.append(e)
        return tuple(e for e in merged if not (e.start == e.end and e.replacement == ""))


# --------------------------------------------------------------------------- the negator


def _not_after(S: _S, E: _Edits, fin: Tok, extra: str = "") -> None:
    """Negate a finite auxiliary / copula / modal token."""
    nxt = S.toks[fin.i + 1] if fin.i + 1 < len(S.toks) else None
    if fin.ws == "" and nxt is not None and (nxt.text[:1].isalnum() or nxt.text[:1] in "'’"):
        # a clitic glued to the auxiliary ("would've"): inserting there would split the word.
        # Only 've is unambiguous, so it alone is written out ("would not have").
        if nxt.lower in ("'ve", "’ve"):
            rep = f"{fin.text} {S.shape('not', fin, initial=False)}{extra} {S.shape('have', nxt, initial=False)}"
            E.add(S.s(fin), S.e(nxt), rep)
            E.notes.append(f"{fin.text}'ve -> {fin.text} not have")
            return
        raise _Unsupported(f"cannot negate {fin.text + nxt.text!r} without splitting the word")
    j = fin.i
    while (
        j + 1 < len(S.toks)
        and S.toks[j].ws
        and S.toks[j + 1].lower in OUTSIDE_ADVS
        and S.toks[j + 1].lower not in ("still", "too", "either", "so")
        and S.toks[j + 1].dep == "advmod"
    ):
        j += 1
    if j != fin.i:
        # "has reportedly won" -> "has reportedly not won": a sentence adverb stays outside
        last = S.toks[j]
        E.add(S.e(last), S.e(last), " " + S.shape("not", fin, initial=False) + extra)
        E.notes.append(f"{fin.text} {last.text} + not")
        return
    if fin.lower == "can":
        E.replace(fin, fin.text + S.shape("not", fin, initial=False) + extra)
        E.notes.append("can -> cannot")
    else:
        E.add(S.e(fin), S.e(fin), " " + S.shape("not", fin, initial=False) + extra)
        E.notes.append(f"{fin.text} + not")


def _verb_tag(S: _S, h: Tok, subj: Tok | None) -> str | None:
    """Tense and person for do-support ("VBD"/"VBZ"/"VBP", "IMP" for an imperative), or None when
    the verb is not finite. The verb's own form decides where it is unambiguous ("provide" is
    not 3rd person singular whatever the tagger says); the tag decides for "put"/"set"/"hit"."""

    tag = h.tag
    if tag == "VB" and subj is None:
        return "IMP"
    if tag == "VBN" and (subj is None or subj.dep not in ("nsubj", "csubj")):
        return None  # a bare participle with no active subject: passive headline or fragment
    if tag not in ("VBD", "VBN", "VBZ", "VBP", "VB"):
        return None
    last = S.toks[_word(S, h.i)[1]]
    low = last.lower
    base = _base_form(low, last.lemma)
    vbz = set(_inflections(base, "VBZ")) - {base}
    past = set(_inflections(base, "VBD")) | set(_inflections(base, "VBN"))
    if tag in ("VBD", "VBN"):
        if low == base and low not in set(_inflections(base, "VBD")):
            # "seconds run" tagged as a participle is no past tense ("ran" is): a misparse
            return None
        if low in past or (low not in vbz and low != base):
            return "VBD"
        return "VBZ" if low in vbz else "VBP"
    if low in vbz:
        return "VBZ"
    if low == base:
        return "VBP"
    if low in past:
        return "VBD"
    return "VBP" if tag == "VB" else tag


def _fronted_only(S: _S, h: Tok) -> bool:
    """``h`` opens the sentence, or only a fronted adverbial and a comma precede it
    ("For more info, visit our webpage.")."""
    if S.initial(h):
        return True
    kids = {c.i for c in S.kids[h.i]}
    j = h.i - 1
    while j >= 0 and j in kids and S.toks[j].dep == "advmod" and S.toks[j].pos == "ADV":
        j -= 1  # "Always win the race."
    if j < 0 or S.initial(S.toks[j + 1]):
        return True
    if S.toks[j].text != ",":
        return False
    allowed: set[int] = set()
    for c in S.kids[h.i]:
        if c.i < h.i and c.dep in ("advcl", "prep", "advmod", "npadvmod", "mark", "intj", "punct"):
            allowed.update(_subtree(S, c.i))
    return all(k in allowed or not any(ch.isalnum() for ch in S.toks[k].text) for k in range(j))


def _pre_verbal_run(S: _S, h: Tok, first: int) -> int:
    """Token index where a do-word goes: before in-scope adverbs that directly precede the verb."""
    best, j = first, first - 1
    kids = {c.i for c in S.kids[h.i]}
    while j >= 0 and S.toks[j].dep == "advmod" and S.toks[j].pos == "ADV" and j in kids and S.toks[j].ws:
        if S.toks[j].lower in OUTSIDE_ADVS:
            break
        best = j
        j -= 1
    return best


def _do_support(S: _S, E: _Edits, h: Tok, tag: str, imperative: bool, conj_only: bool = False) -> None:
    a, b = _word(S, h.i)
    last = S.toks[b]
    if b != h.i and S.toks[b].tag not in ("VBD", "VBZ", "VBP", "VBN", "VB"):
        raise _Unsupported("cannot inflect the verb")
    before = S.toks[a - 1] if a > 0 else None
    after = S.toks[b + 1] if b + 1 < len(S.toks) else None
    if (before is not None and before.ws == "" and before.text[-1:].isalnum()) or (
        after is not None and last.ws == "" and after.text[:1].isalnum()
    ) or not last.text.isalpha():
        raise _Unsupported(f"verb {last.text!r} is part of a larger word")
    if not _all_lemmas(last.lower, "VERB"):
        # "thompson in 4, lyles in 5": no English verb has this form, so it is a misparsed name
        raise _Unsupported(f"{last.text!r} is not a known verb form (a misparsed name or noun?)")
    prefix = S.text[S.s(S.toks[a]) : S.s(last)]
    base = prefix + S.shape(_base_form(last.text, last.lemma), last, initial=False)
    if conj_only:
        E.add(S.s(S.toks[a]), S.e(last), base)
        return
    do = "do" if imperative else DO_FORM[tag]
    ins = _pre_verbal_run(S, h, a)
    anchor = S.toks[ins]
    initial = S.initial(anchor) and anchor.text[:1].isupper()
    phrase = S.shape(f"{do} not", anchor, initial=initial) + " "
    if ins == a:
        E.add(S.s(S.toks[a]), S.e(last), phrase + base)
    else:
        # the do-word goes before an in-scope adverb ("does not always win"); a sentence-initial
        # adverb loses its capital (a separate edit, so "already" -> "yet" can still apply)
        E.add(S.s(anchor), S.s(anchor), phrase)
        if initial and _lowered(S, anchor) != anchor.text:
            if anchor.lower == "already":
                raise _Unsupported("sentence-initial 'already'")
            E.replace(anchor, _lowered(S, anchor))
        E.add(S.s(S.toks[a]), S.e(last), base)
    E.notes.append(f"do-support: {do} not {base}")


def _quantifier(S: _S, E: _Edits, subj: Tok) -> str | None:
    """Negate through the subject's quantifier; returns 'no'/'not' or None."""
    low = subj.lower
    if low in SUBJ_EVERY or low == "all":
        E.replace(subj, S.shape("not", subj) + " " + _lowered(S, subj))
        E.notes.append(f"subject quantifier: not {low}")
        return "not"
    if low in SUBJ_SOME_TO_NO:
        E.replace(subj, S.shape(SUBJ_SOME_TO_NO[low], subj))
        E.notes.append(f"subject quantifier: {low} -> {SUBJ_SOME_TO_NO[low]}")
        return "no"
    sub = _subtree(S, subj.i)
    first = S.toks[sub[0]]
    for c in S.kids[subj.i]:
        if c.i != first.i or c.dep not in ("det", "predet"):
            continue
        if c.lower in ("all", "every"):
            E.replace(c, S.shape("not", c) + " " + _lowered(S, c))
            E.notes.append(f"subject quantifier: not {c.lower}")
            return "not"
        if c.lower == "some":
            nxt = S.toks[c.i + 1] if c.i + 1 < len(S.toks) else None
            if nxt is not None and nxt.pos == "NUM":
                return None  # "some 20 athletes" is an approximation, not a quantifier
            E.replace(c, S.shape("no", c))
            E.notes.append("subject quantifier: some -> no")
            return "no"
    return None


def _existential(S: _S, E: _Edits, h: Tok) -> bool:
    """``There is a cure`` -> ``There is no cure``; returns False to fall back to ``is not``."""
    piv = next((c for c in S.kids[h.i] if c.dep in ("attr", "nsubj", "dobj") and c.i > h.i and c.pos in ("NOUN", "PROPN", "PRON")), None)
    if piv is None or piv.pos != "NOUN":
        return False
    mods = S.kids[piv.i]
    det = next((c for c in mods if c.dep == "det" and c.i < piv.i), None)
    if det is not None:
        if det.lower in EXIST_A:
            E.replace(det, S.shape("no", det))
            E.notes.append(f"existential: {det.lower} -> no")
            return True
        return False
    if any(c.dep in ("nummod", "poss", "quantmod", "predet") or c.lower in QUANTITY_WORDS for c in mods if c.i < piv.i):
        return False
    if piv.tag in ("NNS", "NN"):
        first = S.toks[min(c.i for c in mods if c.i < piv.i)] if any(c.i < piv.i for c in mods) else piv
        if first.lower in QUANTITY_WORDS or first.pos in ("NUM", "DET"):
            return False
        E.add(S.s(first), S.s(first), S.shape("no", first, initial=False) + " ")
        E.notes.append("existential: no + bare noun")
        return True
    return False


def _polarity_items(S: _S, E: _Edits, heads: list[Tok], fin: Tok | None, subj: Tok | None) -> str:
    """already -> yet, some -> any, too -> either in the negated clause(s); returns extra text for `not`."""
    extra = ""
    seen: set[int] = set()
    subj_tokens = set(_subtree(S, subj.i)) if subj is not None else set()
    for h in heads:
        for j in _clause_tokens(S, h.i):
            if j in seen or j in subj_tokens:
                continue
            seen.add(j)
            t = S.toks[j]
            if t.lower == "already" and t.dep == "advmod" and S.toks[t.head].i in {x.i for x in heads}:
                if fin is not None and t.i < fin.i:
                    nxt = S.toks[t.i + 1]
                    E.add(S.s(t), S.s(nxt), "")
                    extra = " " + S.shape("yet", t, initial=False)
                else:
                    E.replace(t, S.shape("yet", t, initial=False))
                E.notes.append("already -> yet")
            elif t.lower in SOME_TO_ANY and t.i > h.i:
                if t.lower == "some":
                    nxt = S.toks[t.i + 1] if t.i + 1 < len(S.toks) else None
                    if nxt is not None and nxt.pos == "NUM":
                        continue
                    host = S.toks[t.head] if t.dep == "det" else t
                    if host.dep not in OBJ_DEPS:
                        continue
                elif t.dep not in OBJ_DEPS:
                    continue
                E.replace(t, S.shape(SOME_TO_ANY[t.lower], t, initial=False))
                E.notes.append(f"{t.lower} -> {SOME_TO_ANY[t.lower]}")
            elif t.lower == "too" and t.dep == "advmod" and t.head == h.i and t.i > h.i:
                rest = [x for x in S.toks[t.i + 1 :] if any(ch.isalnum() for ch in x.text)]
                if not rest:
                    E.replace(t, S.shape("either", t, initial=False))
                    E.notes.append("too -> either")
    return extra


def _conjuncts(S: _S, h: Tok) -> list[Tok]:
    """Verbs coordinated with ``h`` that share its subject (no subject of their own), in order."""
    a, b = _word(S, h.i)
    out, stack = [], [h.i]
    while stack:
        j = stack.pop()
        for c in S.kids[j]:
            if c.dep == "conj" and _is_verbal(c) and _subject(S, c.i) is None and not a <= c.i <= b:
                if _in_noun_list(S, j, c.i):
                    continue  # "offers X, Y, and distributed systems": a misparsed adjective
                if any(t.text in (";", "—", "–") for t in S.toks[j + 1 : c.i]):
                    continue  # "...; commit history indicates ...": a new clause, however parsed
                out.append(c)
                stack.append(c.i)
    return sorted(out, key=lambda t: t.i)


def _in_noun_list(S: _S, h: int, c: int) -> bool:
    """A "verb" conjunct closing a list of nouns ("a treatment of design patterns, concurrent
    models, and distributed systems"): nouns coordinated with nouns lie between the verb and it."""
    return any(t.dep == "conj" and t.pos in ("NOUN", "PROPN") and S.toks[t.head].pos in ("NOUN", "PROPN")
               for t in S.toks[h + 1 : c])


def _and_to_or(S: _S, E: _Edits, h: Tok, conj: list[Tok]) -> None:
    ids = {h.i} | {c.i for c in conj}
    lo, hi = h.i, max(c.i for c in conj)
    for j in ids:
        for c in S.kids[j]:
            if c.dep == "cc" and c.lower == "and" and lo < c.i < hi:
                E.replace(c, S.shape("or", c, initial=False))
                E.notes.append("and -> or")


HEADLINE_AUX = frozenset("is are was were has have had will would can could may might must shall should".split())


def _headline_verb(S: _S) -> tuple[Tok, str] | None:
    """Principled fallback for a title-case or all-capitals headline whose parse has no usable verb.

    Headline grammar puts an active verb in the simple present ("Sheeran Wins Gold"), and a bare
    past participle is a passive ("Sheeran Crowned Champion"). So the verb is a capitalised word
    right after a capitalised word (its subject) that is an auxiliary, a 3rd-person present form,
    or a past form that is not also a participle ("Ran", not "Won"/"Crowned"). Returns the token
    and ``"AUX"``, ``"VBZ"`` or ``"VBD"``.
    """

    if not (S.title or S.upper):
        return None
    for t in S.toks[1:]:
        prev = S.toks[t.i - 1]
        if not (t.text[:1].isupper() and t.text.isalpha() and prev.text[:1].isalpha() and prev.text[:1].isupper()):
            continue
        # a headline's verb follows the subject that opens it ("Ed Sheeran Wins Gold"); a word
        # after a preposition, article or colon belongs to a noun phrase ("Analysis of ...:
        # Design Patterns")
        if any(not x.text.isalpha() or x.pos not in ("PROPN", "NOUN") for x in S.toks[: t.i]):
            continue
        low = t.lower
        if low in ("has", "have", "had"):
            nxt = S.toks[t.i + 1] if t.i + 1 < len(S.toks) else None
            if nxt is not None and any(nxt.lower in _inflections(lm.lower(), "VBN") for lm in _lemmas(nxt.lower, "VERB")):
                return t, "AUX"
            return t, {"has": "VBZ", "have": "VBP", "had": "VBD"}[low]
        if low in HEADLINE_AUX:
            return t, "AUX"
        # only words the dictionary knows as verbs: "Olympics" is not "Olympic"+s
        for lem in _all_lemmas(low, "VERB").get("VERB", ()):
            lem = lem.lower()
            if lem == low:
                continue
            if low in _inflections(lem, "VBZ"):
                return t, "VBZ"
            if low in _inflections(lem, "VBD") and low not in _inflections(lem, "VBN"):
                return t, "VBD"
    return None


def _declarative_in_question(S: _S, h: Tok) -> bool:
    """A subordinate clause in plain subject-verb order inside a question ("Can anyone explain why
    Sheeran's stride gave him an edge?", "Given that he won in 9.79, will the Minister ...?"): it
    states its content, and negating it is an ordinary clause negation. The question's own
    (inverted or wh-) clause is still refused."""
    if h.head == h.i or not _is_verbal(h):
        return False
    subj = _subject(S, h.i)
    if subj is None or subj.tag in ("WP", "WDT") or subj.lower in ("who", "what", "which"):
        return False
    if any(a.i < subj.i for a in _auxes(S, h.i)) or (h.pos == "AUX" and h.i < subj.i):
        return False
    # the clause must not contain the question's wh-word or its "?"
    sub = _subtree(S, h.i)
    return not any(S.toks[j].tag in ("WP", "WDT", "WRB", "WP$") and S.toks[j].head == h.i and S.toks[j].i > subj.i
                   for j in sub) and not any(S.toks[j].text == "?" for j in sub)


def _root(S: _S) -> Tok:
    return next((t for t in S.toks if t.head == t.i), S.toks[0])


def _target_head(S: _S, target: int | None) -> tuple[Tok, str | None]:
    """The clause head to negate and, for a headline the parser could not read, a fallback mode
    (``"AUX"``/``"VBZ"``/``"VBD"``, or ``"UNRELIABLE"`` when none applies)."""
    root = _root(S)
    if target is None:
        h = root
    else:
        if not 0 <= target < len(S.toks):
            raise IndexError(f"target {target} out of range for {len(S.toks)} tokens")
        h = _clause_head(S, target)
    if h.i != root.i or not (S.title or S.upper):
        return h, None
    no_subj = _subject(S, h.i) is None
    doubtful = (
        (S.upper and not S.p.recased)
        or not _is_verbal(h)
        or h.lower in HEADLINE_AUX
        or (h.tag == "VB" and no_subj)
        or (h.tag in ("VBN", "VBG") and no_subj and not _auxes(S, h.i))
    )
    if not doubtful:
        return h, None
    hv = _headline_verb(S)
    if hv is not None:
        return hv
    return h, ("UNRELIABLE" if S.upper else None)


def _negate(S: _S, target: int | None) -> NegationResult:
    text = S.text
    if not S.toks:
        return NegationResult(text, None, "unsupported", (), "empty sentence")
    lang = languages.detect([t.lower for t in S.toks])
    if lang:
        return NegationResult(text, None, "unsupported", (), f"not English ({languages.name(lang)}): only English is negated")
    h, mode = _target_head(S, target)
    if text.rstrip().rstrip("\"'”’)*").endswith("?") and not _declarative_in_question(S, h):
        return NegationResult(text, None, "unsupported", (), "question")
    neg = _is_negative(S, h.i)
    if neg:
        return NegationResult(text, None, "already-negative", (), neg)
    mark = _subordinator(S, h)
    # the clause is a time clause, or inside one ("When I heard she died, I went back ...")
    outer = next((m for a in [h] + S.p.ancestors(h.i) if a.dep == "advcl"
                  for m in [_subordinator(S, a)] if m in TIME_MARKS), None)
    if outer is not None:
        # "When Cambridge University Press published it, I bought a copy": a time clause takes
        # its content as given, and "When it did not publish it, I bought a copy" is nonsense
        word = mark if mark in TIME_MARKS else outer
        return NegationResult(text, None, "unsupported", (), f"a time clause ('{word} ...') presupposes what it says")
    if h.dep == "advcl" and mark == "as" and h.lemma in AS_REPORTS:
        # "As Elizabeth II said in her broadcast, ...": a source, not a statement of the claim
        return NegationResult(text, None, "unsupported", (), "an 'as ... said' aside")
    if mode == "UNRELIABLE":
        return NegationResult(text, None, "unsupported", (), "all-capitals text without a recognisable verb")
    if mode is None and not _is_verbal(h):
        return NegationResult(text, None, "unsupported", (), "no finite verb (headline, label or table row)")
    if mode is None and h.tag != "VBG" and h.dep in NOMINAL_DEPS and not any(
            c.dep in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in S.kids[h.i]):
        # "world-class block start coaching": a "verb" where a noun belongs is a misparse
        return NegationResult(text, None, "unsupported", (), "a verb in a noun's position (misparse)")
    E = _Edits(S)
    try:
        if mode == "AUX":
            _not_after(S, E, h)
        elif mode in ("VBZ", "VBD", "VBP"):
            _do_support(S, E, h, mode, False)
        else:
            _negate_clause(S, E, h)
        edits = E.done()
    except _Unsupported as exc:
        return NegationResult(text, None, "unsupported", (), str(exc))
    if not edits:
        return NegationResult(text, None, "unsupported", (), "no edit found")
    return NegationResult(text, apply_edits(text, edits), "ok", edits, "; ".join(E.notes))


#: subordinators of time clauses, whose content is presupposed, not asserted (shared with polarity)
TIME_MARKS = TIME_WORDS
#: "as X said / noted / reported": a parenthetical source
AS_REPORTS = frozenset("""say state note write report mention observe remark explain put tell announce
    recall describe suggest claim argue point show reveal""".split())
NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "compound", "npadvmod", "poss"})
BARE_INFINITIVE_HEADS = frozenset("see watch hear feel notice observe make let help have".split())


def _negate_clause(S: _S, E: _Edits, h: Tok) -> None:
    toks = S.toks
    subj = _subject(S, h.i)
    own_subj = subj
    auxes = _auxes(S, h.i)
    if any(c.dep in AUX_DEPS and (c.tag == "TO" or c.lower == "to") for c in S.kids[h.i]):
        raise _Unsupported("non-finite clause (to-infinitive)")
    # a conjunct verb without its own subject shares its head's subject (and maybe auxiliary)
    shared_aux = False
    if subj is None and h.dep == "conj":
        top = h
        while top.dep == "conj" and _subject(S, top.i) is None and top.head != top.i:
            top = toks[top.head]
        subj = _subject(S, top.i)
        if not auxes and _auxes(S, top.i) and h.tag in ("VBN", "VBG", "VB"):
            shared_aux = True
    # word order: an auxiliary or copula before the subject is an inversion ("Only then did he win")
    if subj is not None and own_subj is not None and subj.dep != "expl":
        fin_cands = auxes[:1] or ([h] if h.lemma == "be" or h.tag == "MD" else [])
        if fin_cands and fin_cands[0].i < subj.i:
            raise _Unsupported("inverted word order")
    if (h.tag == "VB" and not auxes and h.dep in ("ccomp", "xcomp") and h.head != h.i
            and toks[h.head].lemma in BARE_INFINITIVE_HEADS):
        # a bare infinitive after a perception or causative verb has no tense of its own:
        # "we watched him break 10 seconds" -> "we watched him not break 10 seconds"
        E.add(S.s(h), S.s(h), S.shape("not", h, initial=False) + " ")
        E.notes.append("not before a bare infinitive")
        _polarity_items(S, E, [h], None, subj)
        return
    if shared_aux:
        # "has trained and won" with target "won": "has trained and not won"
        E.add(S.s(h), S.s(h), S.shape("not", h, initial=False) + " ")
        E.notes.append("not before a conjunct sharing an auxiliary")
        _polarity_items(S, E, [h], None, subj)
        return

    # 2. subject quantifiers
    if own_subj is not None and own_subj.dep in ("nsubj", "nsubjpass"):
        q = _quantifier(S, E, own_subj)
        if q is not None:
            if q == "no":
                _polarity_items(S, E, [h], None, own_subj)
            return

    fin = auxes[0] if auxes else None
    if fin is None and (h.lemma == "be" and h.pos in ("AUX", "VERB") or h.tag == "MD"):
        fin = h
    if fin is None and h.lemma in ("do", "have") and h.tag in FINITE_TAGS and all(
        c.dep in SUBJ_DEPS or c.dep in ("punct", "advmod", "cc", "conj", "intj") for c in S.kids[h.i]
    ) and not any(c.dep == "advmod" and c.i > h.i for c in S.kids[h.i]):
        fin = h  # a stranded do/have standing for an elided verb phrase ("I do." -> "I do not.")
    if fin is None and h.lemma == "have" and h.tag in FINITE_TAGS:
        # "I have since spent evenings ...": a participle right after "have" (adverbs between)
        # makes it the auxiliary, whatever the parse says; never "I do not have since spent"
        j = h.i + 1
        while j < len(S.toks) and (S.toks[j].pos == "ADV" or S.toks[j].lower == "since"):
            j += 1
        if j < len(S.toks) and S.toks[j].tag == "VBN":
            raise _Unsupported("'have' before a participle parsed as a main verb")
    if fin is not None and fin.tag not in FINITE_TAGS and fin.lower.replace("’", "'") not in CLITICS:
        if fin.tag in ("VBN", "VBG", "VB") and fin is h:
            raise _Unsupported("no finite verb (non-finite be)")
    # 3. existential there
    if own_subj is not None and own_subj.dep == "expl" and own_subj.lower == "there" and h.lemma == "be":
        if _existential(S, E, h):
            return
    # 4. still -> no longer
    for c in S.kids[h.i]:
        if (
            c.lower == "still"
            and c.dep == "advmod"
            and (c.i < h.i or (fin is h and c.i == h.i + 1))
            and (subj is None or c.i > subj.i)
            and not (c.i > 0 and toks[c.i - 1].text in (",", ";", ":"))
            and not (c.i + 1 < len(toks) and toks[c.i + 1].text == ",")
        ):
            E.replace(c, S.shape("no longer", c, initial=False))
            E.notes.append("still -> no longer")
            return
    conj = _conjuncts(S, h)
    conj = [c for c in conj if not _is_negative(S, c.i)]
    heads = [h]
    if fin is not None:
        # 5. auxiliary, modal, copula
        shared = []
        for c in conj:
            if _auxes(S, c.i):
                _not_after(S, E, _auxes(S, c.i)[0])
            elif c.tag in ("VBN", "VBG", "VB") and fin is not h:
                shared.append(c)
            elif c.tag in ("VBD", "VBZ", "VBP"):
                _do_support(S, E, c, c.tag, False)
            elif c.lemma == "be":
                _not_after(S, E, c)
        heads += shared
        extra = _polarity_items(S, E, heads, fin, subj)
        if fin.lemma == "get" and fin.tag in ("VBD", "VBZ", "VBP") and fin is not h:
            # a get-passive takes do-support: "he got tested" -> "he did not get tested"
            _do_support(S, E, fin, fin.tag, False)
        else:
            _not_after(S, E, fin, extra)
        if shared and len(shared) == len(conj):
            _and_to_or(S, E, h, shared)
        return
    # 6. do-support
    tag = _verb_tag(S, h, subj)
    if tag is None:
        if h.tag == "VBN" and subj is not None:
            raise _Unsupported("participle without auxiliary (headline passive)")
        raise _Unsupported("no finite verb (headline, label or table row)")
    imperative = tag == "IMP"
    if imperative:
        from lemminflect import getAllInflections

        if not _fronted_only(S, h) or not getAllInflections(h.lower, upos="VERB"):
            raise _Unsupported("bare verb without subject (not an imperative)")
    shared = []
    for c in conj:
        if _auxes(S, c.i):
            _not_after(S, E, _auxes(S, c.i)[0])
        elif c.lemma == "be":
            _not_after(S, E, c)
        elif c.tag in ("VBD", "VBZ", "VBP", "VB") or (c.tag == "VBN" and tag == "VBD"):
            _do_support(S, E, c, tag, False, conj_only=True)
            shared.append(c)
    heads += shared
    _polarity_items(S, E, heads, None, subj)
    _do_support(S, E, h, "VBP" if imperative else tag, imperative)
    if shared and len(shared) == len(conj):
        _and_to_or(S, E, h, shared)


# --------------------------------------------------------------------------- public API


def negate_parsed(p: Parsed, text: str, target: int | None = None) -> NegationResult:
    """Negate the clause of ``p`` headed by token ``target`` (default: the root clause).

    ``text`` is the string ``p`` was parsed from (``p.start`` is its offset); the edits are
    character offsets into ``text``. Raises ``ValueError`` if ``text`` does not match ``p`` and
    ``IndexError`` for a target outside the sentence. The result is not verified: see
    :func:`verify_batch`.
    """
    r = _negate(_S(p, text), target)
    if r.status == "ok" and r.negated is not None:
        # "was only 11.67 m/s" -> "was not only 11.67 m/s" says the opposite of a denial
        before = _FOCUS_NOT.findall(text.lower())
        if len(_FOCUS_NOT.findall(r.negated.lower())) > len(before):
            return NegationResult(text, None, "unsupported", (), "a focus particle (only, just, merely) after the negation")
    return r


_FOCUS_NOT = re.compile(r"\b(?:not|n't|n’t|never)\s+(?:only|just|merely|solely|simply)\b")


def negate_sentences(
    texts: Sequence[str],
    model: str | None = None,
    *,
    targets: Sequence[int | None] | None = None,
    check: bool = True,
) -> list[NegationResult]:
    """Negate each sentence's root clause (or ``targets[k]``), parsing all in one batch.

    With ``check`` (default) every ``ok`` result is re-parsed, again in one batch, and verified;
    one that fails becomes ``unsupported`` with reason ``verification failed``.
    """
    texts = list(texts)
    if targets is None:
        targets = [None] * len(texts)
    if len(targets) != len(texts):
        raise ValueError("targets and texts differ in length")
    parsed = nlp.parse([(t, 0) for t in texts], model=model)
    results = [negate_parsed(p, t, tg) for p, t, tg in zip(parsed, texts, targets)]
    if not check:
        return results
    todo = [k for k, r in enumerate(results) if r.status == "ok"]
    reparsed = nlp.parse([(results[k].negated, 0) for k in todo], model=model)
    for k, p1 in zip(todo, reparsed):
        ok, why = _verify_parsed(parsed[k], results[k], p1, targets[k])
        if not ok:
            r = results[k]
            results[k] = NegationResult(r.text, None, "unsupported", (), f"verification failed: {why} (proposed: {r.negated!r})")
    return results


def _negate_chunk(args: tuple[list[str], str | None, bool]) -> list[NegationResult]:
    texts, model, check = args
    return negate_sentences(texts, model=model, check=check)


def _warm(model: str | None, jobs: int = 1) -> None:
    nlp.share_cores(jobs)
    nlp.load_pipeline(model)


def iter_negate(
    texts: Iterable[str],
    model: str | None = None,
    *,
    jobs: int = 1,
    batch: int = 256,
    check: bool = True,
) -> Iterator[NegationResult]:
    """:func:`negate_sentences` over a stream, in input order, ``batch`` sentences at a time.

    With ``jobs > 1`` batches go to a pool of worker processes (each loads the pipeline once),
    at most ``3 * jobs`` batches in flight, so memory stays bounded on any input size.
    """
    if jobs <= 1:
        for b in batched(texts, batch):
            yield from negate_sentences(b, model=model, check=check)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, initializer=_warm, initargs=(model, jobs)) as ex:
        window: deque = deque()
        for b in batched(texts, batch):
            window.append(ex.submit(_negate_chunk, (b, model, check)))
            if len(window) >= 3 * jobs:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


def verify(original: str, result: NegationResult, model: str | None = None, target: int | None = None) -> bool:
    """Re-parse ``result.negated``: is the intended clause negated by an inserted cue, and is every
    token outside the edits unchanged? ``False`` for results that are not ``ok``."""
    if result.status != "ok" or result.negated is None or result.text != original:
        return False
    p0, p1 = nlp.parse([(original, 0), (result.negated, 0)], model=model)
    return _verify_parsed(p0, result, p1, target)[0]


def verify_batch(
    originals: Sequence[str],
    results: Sequence[NegationResult],
    model: str | None = None,
    targets: Sequence[int | None] | None = None,
) -> list[bool]:
    """:func:`verify` for many results, re-parsing originals and outputs in one batch (useful
    after calling :func:`negate_parsed` directly, which does not verify)."""
    targets = list(targets) if targets is not None else [None] * len(results)
    todo = [k for k, r in enumerate(results) if r.status == "ok" and r.negated is not None and r.text == originals[k]]
    out = [False] * len(results)
    parsed = nlp.parse([(originals[k], 0) for k in todo] + [(results[k].negated, 0) for k in todo], model=model)
    n = len(todo)
    for j, k in enumerate(todo):
        out[k] = _verify_parsed(parsed[j], results[k], parsed[n + j], targets[k])[0]
    return out


def _verify_parsed(p0: Parsed, result: NegationResult, p1: Parsed, target: int | None) -> tuple[bool, str]:
    text, new = result.text, result.negated
    if new is None or apply_edits(text, result.edits) != new:
        return False, "edits do not reproduce the output"
    S0 = _S(p0, text)
    S1 = _S(p1, new)
    edits = sorted(result.edits, key=lambda e: (e.start, e.end))
    # new spans of the edits
    spans, delta = [], 0
    for e in edits:
        ns = e.start + delta
        spans.append((ns, ns + len(e.replacement)))
        delta += len(e.replacement) - (e.end - e.start)

    def touches(t: Tok) -> bool:
        a, b = S0.s(t), S0.e(t)
        return any((e.start < b and e.end > a) or (e.start == e.end and a < e.start < b) for e in edits)

    def shift(x: int) -> int:
        return x + sum(len(e.replacement) - (e.end - e.start) for e in edits if e.end <= x)

    new_by_span = {(S1.s(t), S1.e(t)): t for t in S1.toks}
    images = set()
    for t in S0.toks:
        if touches(t):
            continue
        key = (shift(S0.s(t)), shift(S0.s(t)) + len(t.text))
        t1 = new_by_span.get(key)
        if t1 is None or t1.text != t.text:
            return False, f"token {t.text!r} changed"
        images.add(t1.i)
    for t in S1.toks:
        if t.i in images:
            continue
        a, b = S1.s(t), S1.e(t)
        if not any(ns <= a and b <= ne for ns, ne in spans):
            return False, f"token {t.text!r} straddles an edit"
    # the intended clause in the original, and where its head is now
    h0 = _target_head(S0, target)[0]
    if not touches(h0):
        h1 = new_by_span.get((shift(S0.s(h0)), shift(S0.s(h0)) + len(h0.text)))
    else:
        hs = [(ns, ne) for (ns, ne), e in zip(spans, edits) if e.start <= S0.s(h0) and S0.e(h0) <= e.end]
        inside = [t for t in S1.toks if hs and hs[0][0] <= S1.s(t) and S1.e(t) <= hs[0][1]]
        cands = [t for t in inside if t.lower not in NEG_CUES and t.text.isalpha()]
        h1 = cands[-1] if cands else None
    if h1 is None:
        return False, "clause head not found"
    # the re-parse may re-analyse the clause (copula <-> passive, "did" aux <-> main verb), so
    # compare clauses rather than tokens: the head of h1's clause must own an inserted cue
    c1 = _clause_head(S1, h1.i).i
    for t in S1.toks:
        if t.i in images or not (t.lower in NEG_CUES or t.dep == "neg"):
            continue
        c = _clause_head(S1, t.i).i
        if c in (h1.i, c1) or (h1.dep == "conj" and c == h1.head):
            return True, ""
    return False, "no inserted negation attaches to the clause"
