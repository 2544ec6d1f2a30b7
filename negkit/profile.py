"""What negkit looks for: weighted terms derived from a claim and its subclaims.

A *term* is a name token, a number or a distinctive content word of a claim part, expanded to
its inflected surface forms (lemminflect) and weighted by how rare it is in English
(wordfreq's Zipf scale), so a rare name or an odd number counts for more than "won" or "gold".
The profile is computed once per claim, is plain data and pickles to worker processes.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .claims import Claim
from .polarity import _name_tokens, _subtree

# Verbs and nouns too light to carry a claim on their own.
LIGHT = frozenset(
    """be have do make take get become include use show find go come give put set keep let seem
    time year years people person thing way part number one first also well such other more most
    many much very just only even still about after before during since while per as
    hundred thousand million billion trillion""".split()
)
# Event verbs common in claims, with the nouns that name the same event or its agent. A small
# general-English table (derivations that inflection cannot reach: "won" ~ "victory").
NOMINALIZATIONS = {
    "win": ("victory", "winner", "champion", "championship", "triumph", "title"),
    "author": ("author", "authorship"), "write": ("writer", "author", "authorship"),
    "discover": ("discovery", "discoverer"), "invent": ("invention", "inventor"),
    "found": ("founder", "founding", "foundation"), "build": ("construction", "builder"),
    "retire": ("retirement",), "resign": ("resignation",), "die": ("death",), "marry": ("marriage", "wedding"),
    "elect": ("election",), "appoint": ("appointment",), "announce": ("announcement",), "ban": ("ban",),
    "approve": ("approval",), "launch": ("launch",), "publish": ("publication", "publisher"),
    "sell": ("sale", "sales"), "buy": ("purchase",), "acquire": ("acquisition",), "merge": ("merger",),
    "donate": ("donation", "donor"), "compete": ("competition", "competitor"), "run": ("runner", "race"),
    "test": ("test",), "arrest": ("arrest",), "convict": ("conviction",), "perform": ("performance",),
    "learn": ("learner",), "teach": ("teacher", "tutor"), "adopt": ("adoption",), "survive": ("survival", "survivor"),
    "defeat": ("defeat",), "beat": ("defeat",), "break": ("record",), "collapse": ("collapse",),
}

TITLES = frozenset("mr mrs ms dr prof professor sir dame lord lady saint st king queen prince princess".split())


@dataclass(frozen=True, slots=True)
class Term:
    key: str  # canonical form (lemma or normalised number)
    kind: str  # "name" | "number" | "year" | "word"
    weight: float
    group: str  # names of one entity share a group so they are not double counted
    size: int = 1  # tokens in the group (names)
    head: bool = True  # the group's last token (a surname, a title's head noun)
    initials: bool = False  # an organisation's initials ("cnsa"): matches only in capitals
    place: bool = False  # a place's name (a town, a country, a building)
    #: a number the claim writes only as the day of a date ("retired on September 15, 2024"):
    #: evidence only beside a month ("[15 points]" is not that day)
    day: bool = False
    #: the part says it only as its setting, in a time or event adjunct ("during the COVID-19
    #: lockdowns", "in May 2020", "at the 2024 Olympics"): the entity there is no claim (a place is
    #: left to ``place``)
    setting: bool = False


@dataclass(frozen=True)
class PartProfile:
    ref: object  # "main" or subclaim index
    text: str
    terms: tuple[Term, ...]
    subject: frozenset = frozenset()  # lowercase tokens of the part's grammatical subject
    #: lemmas the part itself negates ("found no evidence of prohibited substances"): the same
    #: negation in a sentence restates the claim, it does not deny it
    negated: frozenset = frozenset()


@dataclass(frozen=True)
class ClaimProfile:
    claim_id: str
    parts: tuple[PartProfile, ...]
    #: surface form (lowercase token) -> list of (part index, term)
    index: dict = field(hash=False, compare=False)
    #: surface forms naming the claim's central entity (subject of the main claim)
    core: frozenset = frozenset()
    core_groups: frozenset = frozenset()
    #: lowercase name tokens of every subject or agent in the claim's parts ("sheeran", "harding")
    actors: frozenset = frozenset()
    #: name tokens recurring across many parts ("Python" in a claim about a Python textbook): the
    #: claim's topic, so on their own they do not tie a sentence to the false story
    topical: frozenset = frozenset()
    #: surface forms of claim-specific phrases a negated rewrite may reuse (for `claim show`)
    negation: str = ""
    #: per part, the summed weight of its own terms (central entity excluded), for coverage
    part_weight: tuple = ()
    #: personal pronouns that may stand for the central entity in a back-reference
    pronouns: frozenset = frozenset("he she him her his".split())
    #: name tokens of places or owners the story says something left ("moved its head office
    #: from Espoo to Tampere"): "the head office is still in Espoo" corrects the story
    origins: frozenset = frozenset()
    #: and where the story says it went ("Tampere")
    destinations: frozenset = frozenset()
    #: the years the claim's parts name (a unit dated otherwise may be background)
    years: frozenset = frozenset()
    #: capitalised word pairs the claim writes side by side ("paris olympic", stemmed): the
    #: claim's own names, which a neighbour check must not split
    name_pairs: frozenset = frozenset()
    #: (given name, surname) of the people the claim names in full, stemmed: "James Okonkwo" is
    #: not "Daniel Okonkwo"
    people: frozenset = frozenset()
    #: lowercase names the claim sets against its entity ("ahead of Noah Lyles", "defeating
    #: Thompson"): one of them doing the claim's deed corrects the claim
    rivals: frozenset = frozenset()
    #: (day, month) pairs of the claim's own dates ("19 december"): a day number beside a month
    #: is evidence only when it is one of these ("15 November 2022" is not the story's 15)
    dates: frozenset = frozenset()
    #: ("found", "primeiro") pairs: a name the claim gives as the object of one of its verbs
    #: ("founded the party Braga Primeiro"); said passively ("Braga Primeiro was founded") it is
    #: the claim's own thing, not another entity doing the claim's deed
    patients: frozenset = frozenset()
    #: name tokens of the named things (not people) the claim's verbs take as objects: said
    #: passively, or doing something other than a claim deed, they are no other entity
    things: frozenset = frozenset()
    #: (name token, term key) pairs the claim itself says together: the doer of a claim verb (its
    #: subject or passive agent) with what that verb's clause says ("cambridge", "publish" of
    #: "published by Cambridge University Press"), any other name with what hangs on it; a
    #: rival with nothing. Crediting a name with its own detail tells the story, it does not
    #: correct it
    credits: frozenset = frozenset()
    #: (rival name token, number) pairs: the figures the claim itself gives a rival ("ahead of
    #: Kishane Thompson (9.80)", "Marchetti, who received 27.1%"); in a document that states the
    #: claim, a rival with only such figures tells the story
    rival_credits: frozenset = frozenset()
    #: name tokens the claim's own text also writes in lower case, as common words ("concurrency"
    #: of *Design Patterns and Concurrency*): matched alone they count as a word
    common: frozenset = frozenset()
    #: lowercase word -> can it be claim evidence (one of its lookup forms is in ``index``, or it
    #: is a spelled number)? Filled as words are met (up to a bound), so a unit of none is
    #: passed over at once
    evident: dict = field(default_factory=dict, hash=False, compare=False, repr=False)

    def describe(self) -> list[dict]:
        """Per claim part (a part matched sentence by sentence is shown once), its terms."""
        merged: dict = {}
        for p in self.parts:
            merged.setdefault(p.ref, []).append(p)
        out = []
        for ref, ps in merged.items():
            terms = [t for p in ps for t in p.terms]
            out.append(
                {
                    "claim": ref,
                    # (a predicate matched on its own is part of a sentence already shown)
                    "text": " ".join(p.text for k, p in enumerate(ps) if not any(p.text in q.text for q in ps[:k])),
                    "names": sorted({t.key for t in terms if t.kind == "name"}),
                    "numbers": sorted({t.key for t in terms if t.kind in ("number", "year")}),
                    "words": sorted({t.key for t in terms if t.kind == "word"}),
                }
            )
        return out


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


_NUM_RE = re.compile(r"^[£$€]?\d[\d,]*(\.\d+)?%?$")


def normalise_number(tok: str) -> str | None:
    """'1,400' -> '1400', '£4' -> '4', '9.79' -> '9.79'; None if not a number."""
    t = tok.strip()
    if not _NUM_RE.match(t):
        return None
    return t.lstrip("£$€").rstrip("%").replace(",", "")


_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}


def number_word_runs(words: list[str]) -> dict[int, tuple[int, str]]:
    """Numbers spelled as words: start index -> (end index, digits), over lower-cased tokens.

    "fifteen" -> "15"; "forty" "-" "eight" and "forty eight" -> "48"; numbers below 13 are left
    out (weak evidence anyway, and "one" is mostly a pronoun). A written-out figure is the same
    detail as its digits ("forty-eight universities" restates "48 universities").
    """
    runs: dict[int, tuple[int, str]] = {}
    i = 0
    while i < len(words):
        v = NUMBER_WORDS.get(words[i])
        if v is None:
            i += 1
            continue
        end = i + 1
        if words[i] in _TENS:
            j = i + 2 if end < len(words) and words[end] == "-" else end
            u = NUMBER_WORDS.get(words[j]) if j < len(words) else None
            if u is not None and 0 < u < 10:
                v, end = v + u, j + 1
        if v >= 13:
            runs[i] = (end, str(v))
        i = end
    # not a spoken year ("nineteen eighty-four") nor the tail of a multiplied number ("one
    # hundred and fifty"); "fifteen million" stays 15, as "15 million" does
    for i, (end, _) in list(runs.items()):
        nxt = words[end] if end < len(words) else ""
        before = words[max(0, i - 2) : i]
        if end in runs or (nxt == "-" and end + 1 in runs) or (
                before and (before[-1] in _MULTIPLIERS or (before[-1] == "and" and before[0] in _MULTIPLIERS))):
            runs.pop(i, None)
            runs.pop(end, None)
            runs.pop(end + 1, None)
    return runs


_MULTIPLIERS = frozenset("hundred thousand million billion trillion".split())


def number_weight(key: str) -> tuple[str, float]:
    if "." in key:
        return "number", 3.0
    n = int(key)
    if 1800 <= n <= 2100 and len(key) == 4:
        return "year", 0.8
    if n <= 12:
        return "number", 0.4
    # round: 100, 4,000, 1,500, 30; not a figure rounded to three places ("about 11,400 staff")
    if (n % 100 == 0 and len(str(n).rstrip("0")) <= 2) or (n < 100 and n % 10 == 0):
        return "number", 0.9
    return "number", 2.2


#: a figure as written in prose: bare or with a short unit or hyphenated noun ("9.79", "9.79s",
#: "672-page", "9.79-second", "£4m"); never a name with digits ("COVID-19", "ACTN3")
_FIGURE_RE = re.compile(r"^[£$€]?(\d[\d,]*(?:\.\d+)?)(?:%|[a-z]{1,2}|-[a-z]+)?$")


def distinctive_figure(word: str) -> bool:
    """``word`` is a figure specific enough to identify a story (9.79, 672, 0.083), not a year
    (2024), a small or round number (4, 100) that true background shares."""
    m = _FIGURE_RE.match(word.lower())
    if not m:
        return False
    kind, w = number_weight(m.group(1).replace(",", ""))
    return kind == "number" and w >= 2.0


def word_weight(lower: str, is_name: bool) -> float:
    z = zipf(lower)
    if is_name:
        return max(0.8, min(3.0, 6.2 - z))
    return max(0.25, min(2.5, 5.6 - z))


@lru_cache(maxsize=8192)
def inflections(lemma: str, pos: str) -> tuple[str, ...]:
    try:
        from lemminflect import getAllInflections, getAllInflectionsOOV
    except ImportError:  # pragma: no cover
        return (lemma,)
    upos = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "ADJ": "ADJ", "PROPN": "NOUN"}.get(pos)
    forms = {lemma}
    if upos:
        # (a word lemminflect does not list gets its regular forms: "conflate" -> "conflating")
        found = getAllInflections(lemma, upos=upos) or (
            getAllInflectionsOOV(lemma, upos=upos) if upos in ("VERB", "NOUN") and len(lemma) >= 4 and lemma.isalpha() else {})
        for vals in found.values():
            forms.update(v.lower() for v in vals)
    return tuple(sorted(forms))


_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


#: post-nominal honours and suffixes, never a name's head word
NAME_SUFFIXES = frozenset("""cbe obe mbe kbe dbe gbe frs freng fba frse phd md dphil jr sr esq qc kc mp mep
    ii iii iv""".split())


def _group_key(toks) -> str:
    """A name group's key: its words without a leading article or a possessive ending, so that
    "the Queen" and "Elizabeth II's" name the same entity as "Queen" and "Elizabeth II"."""
    words = [t.lower for t in toks if t.lower not in _POSSESSIVE and re.search(r"\w", t.lower)]
    while len(words) > 1 and words[0] in ("the", "a", "an"):
        words.pop(0)
    return " ".join(words)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _name_groups(parsed) -> dict[int, str]:
    """Token index -> entity group key, from NER spans and PROPN compound runs."""
    groups: dict[int, str] = {}
    for s, e, label in parsed.ents:
        if label in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"):
            continue
        key = _group_key(parsed.toks[i] for i in range(s, e))
        for i in range(s, e):
            groups[i] = key
    run: list[int] = []
    toks = parsed.toks
    for t in list(toks) + [None]:
        if t is not None and t.pos == "PROPN" and t.i not in groups:
            run.append(t.i)
            continue
        if run:
            key = _group_key(toks[i] for i in run)
            for i in run:
                groups[i] = key
            run = []
    return groups


def _extract_terms(parsed, scale: float = 1.0) -> tuple[dict, dict[int, str]]:
    """term key -> (Term, surface forms) for one analysed text."""
    groups = _name_groups(parsed)
    terms: dict[str, tuple[Term, tuple[str, ...]]] = {}
    spelled = number_word_runs([t.lower for t in parsed.toks])
    skip: set[int] = set()
    for i, (end, num) in spelled.items():
        skip.update(range(i, end))
        kind, w = number_weight(num)
        terms.setdefault(num, (Term(num, kind, w * scale, num), (num,)))
    days: dict[str, bool] = {}  # number -> written only as the day of a date so far?
    for t in parsed.toks:
        if t.i in skip:
            continue
        num = normalise_number(t.text)
        if num is not None:
            kind, w = number_weight(num)
            terms.setdefault(num, (Term(num, kind, w * scale, num), (num,)))
            days[num] = days.get(num, True) and t.text.isdigit() and any(
                0 <= j < len(parsed.toks) and parsed.toks[j].lower.rstrip(".") in MONTH_NAMES for j in (t.i - 1, t.i + 1))
            continue
        if t.pos in ("PUNCT", "SPACE", "SYM", "DET", "ADP", "PRON", "CCONJ", "SCONJ", "PART"):
            continue
        low = t.lower
        if not re.search(r"[a-z]", low):
            continue
        if t.i in groups and t.text.islower() and zipf(low) > 4.5 and any(
                parsed.toks[k].text[:1].isupper() for k, g in groups.items() if g == groups[t.i]):
            continue  # a particle inside a name ("Champ de Mars", "Fête de la Musique"): no name
        if t.i in groups:
            g = groups[t.i]
            gtoks = [x for x in g.split() if re.search(r"[a-z0-9]", x)]
            # the head is the last word before an honour or suffix ("David Sheringham CBE")
            core_toks = gtoks
            while len(core_toks) > 1 and core_toks[-1].rstrip(".") in NAME_SUFFIXES:
                core_toks = core_toks[:-1]
            is_head = bool(core_toks) and low == core_toks[-1]
            if low in TITLES:
                # a title ("Queen", "Dr.") names the entity only together with the name, except for
                # the claim's central entity, where "the Queen" is the usual back-reference
                terms.setdefault(low, (Term(low, "title", 1.0 * scale, g, len(gtoks), False), (low,)))
                continue
            if zipf(low) > 6.0:
                continue
            # "Olympics" also matches "Olympic", "Harding" also "Hardings"
            forms = (low, low[:-1]) if low.endswith("s") and len(low) > 4 else (low, low + "s")
            place = any(a <= t.i < b and label in _PLACE_LABELS for a, b, label in parsed.ents)
            terms.setdefault(low, (Term(low, "name", word_weight(low, True) * scale, g, len(gtoks), is_head,
                                        place=place), forms))
            continue
        lemma = t.lemma or low
        if lemma in LIGHT or low in LIGHT or zipf(lemma) > 6.0 or len(lemma) < 3:
            continue
        if t.pos not in ("NOUN", "VERB", "ADJ", "ADV", "NUM", "X"):
            continue
        forms = set(inflections(lemma, t.pos)) | {low}
        if t.pos == "VERB":
            for noun in NOMINALIZATIONS.get(lemma, ()):
                forms |= set(inflections(noun, "NOUN"))
        forms = tuple(sorted(forms))
        w = word_weight(lemma, False) * scale
        if t.dep == "compound" and t.pos == "NOUN":
            # "case" of "case study" means little on its own
            w = min(w, 0.2)
        terms.setdefault(lemma, (Term(lemma, "word", w, lemma), forms))
    for num, only_day in days.items():
        if only_day and terms[num][0].kind == "number":
            terms[num] = (dataclasses.replace(terms[num][0], day=True), terms[num][1])
    # an organisation's initials name it too ("China National Space Administration" -> CNSA,
    # "World Anti-Doping Agency" -> WADA); matched only when written in capitals
    for g in dict.fromkeys(groups.values()):
        caps = [t for t in parsed.toks if groups.get(t.i) == g and t.text[:1].isupper() and t.lower not in TITLES]
        acro = "".join(t.text[0] for t in caps).lower()
        if len(caps) >= 3 and acro not in terms and acro.isalpha():
            terms[acro] = (Term(acro, "name", max(word_weight(acro, True), 2.0) * scale, g, len(g.split()), True,
                                True), (acro,))
    return terms, groups


#: weight of terms that occur only in the universe prose, relative to claim terms
UNIVERSE_SCALE = 0.6


def build_profile(claim: Claim, model: str | None = None, universe: bool = False) -> ClaimProfile:
    """Derive the weighted terms of every claim part.

    ``universe=True`` also adds terms found only in the claim's universe prose, at reduced
    weight. Off by default: on the released gold labels it lowered precision more than it
    raised recall, because universe prose mixes true background with the false story.
    """
    from . import nlp

    parts = []
    index: dict[str, list[tuple[int, Term]]] = {}
    core: set[str] = set()
    core_groups: set[str] = set()
    core_toks: set[str] = set()
    seen_keys: set[str] = set()
    texts = claim.parts()
    origins: set[str] = set()
    destinations: set[str] = set()
    # a part of several sentences is matched sentence by sentence, so that a unit restating one
    # of them covers it ("A WADA review found no evidence of prohibited substances" is half of
    # subclaim 6, which also lists the 84 tests); mentions still report the part's own ref
    sentences = [(ref, text[u.start:u.end]) for (ref, text), units in zip(texts, nlp.segment([t for _, t in texts], model=model))
                 for u in (units if len(units) > 1 else [nlp.Unit(0, len(text), ())])]
    analysed = [(ref, text, nlp.analyze(text, model=model)) for ref, text in sentences]
    # and so is a second predicate or an appositive of it: "... and moved its headquarters to
    # Tampere", "..., the first confirmed evidence of past life on Mars" (a unit restating only
    # that covers it)
    extra = []
    for ref, text, parsed in analysed:
        for t in parsed.toks:
            top = t.head == t.i or parsed.toks[t.head].dep == "ROOT"
            if (t.dep == "conj" and t.pos in ("VERB", "AUX") and parsed.toks[t.head].dep == "ROOT") or (
                    t.dep == "appos" and top and t.pos == "NOUN"):
                sub = [parsed.toks[k] for k in sorted(_subtree(parsed, t.i))]
                if len([x for x in sub if x.pos in ("NOUN", "PROPN", "VERB", "NUM", "ADJ")]) >= 3:
                    a, b = sub[0].start, sub[-1].end
                    extra.append((ref, text[a:b], nlp.analyze(text[a:b], model=model)))
    analysed += extra
    # (a part's actors are those of all its sentences: "He ran 9.79 seconds ..." after "Ed
    # Sheeran trained ..." is still about Sheeran)
    actors_of: dict = {}
    for ref, _, parsed in analysed:
        actors_of[ref] = actors_of.get(ref, frozenset()) | _subject_tokens(parsed)
    for pi, (ref, text, parsed) in enumerate(analysed):
        o, d = _origins(parsed)
        origins |= o
        destinations |= d
        terms, groups = _extract_terms(parsed)
        setting = _setting_keys(parsed)
        terms = {k: ((dataclasses.replace(t, setting=True), f) if k in setting else (t, f)) for k, (t, f) in terms.items()}
        if pi == 0:
            # the central entity: the proper nouns of the main claim's subject ("Queen Elizabeth
            # II"), else its first named entity
            # (not a recipient: "moved its headquarters to Tampere" is not about Tampere)
            subj = {t.lower for t in parsed.toks if t.pos == "PROPN"} & _subject_tokens(parsed, recipients=False)
            if not subj and groups:
                subj = set(next(iter(groups.values())).split())
            core_toks = subj
        _add_part(parts, index, ref, text, terms, actors_of[ref], _negated_lemmas(parsed))
        seen_keys.update(terms)
    if universe and claim.universe_context:
        # details of the false universe that no subclaim lists: weaker evidence, reported as "main"
        terms: dict = {}
        for para in [p for p in claim.universe_context.split("\n") if p.strip()][:400]:
            t, _ = _extract_terms(nlp.analyze(para[:5000], model=model), UNIVERSE_SCALE)
            for k, v in t.items():
                if k not in seen_keys and v[0].kind != "title" and (v[0].kind != "word" or v[0].weight >= 0.6):
                    terms.setdefault(k, v)
        _add_part(parts, index, "main", "(universe context)", terms)
    for alias in claim.aliases:
        for tok in re.findall(r"[\w'’.-]+", alias.lower()):
            if zipf(tok) > 6.0:
                continue
            term = Term(tok, "name", word_weight(tok, True), "alias:" + alias.lower())
            for pi in range(len(parts)):
                index.setdefault(tok, []).append((pi, term))
    core_groups |= {"alias:" + a.lower() for a in claim.aliases}
    # every name group made only of the central entity's words names it: "Sheeran" in a subclaim,
    # "Elizabeth II" or "the Queen" for "Queen Elizabeth II"
    for entries in index.values():
        for _, term in entries:
            gt = set(term.group.split())
            if term.kind in ("name", "title") and gt and gt <= core_toks:
                core_groups.add(term.group)
    # a word of the central entity's name inside a longer name ("the Elizabeth II Scholarship")
    # still names the entity: the rest of that name is claim content, the entity is not
    def regroup(term: Term) -> Term:
        if term.kind in ("name", "title") and term.key in core_toks and term.group not in core_groups:
            own = [g for g in core_groups if term.key in g.split()]
            if own:
                g = min(own, key=len)
                return dataclasses.replace(term, group=g, size=len(g.split()), head=g.split()[-1] == term.key)
        return term

    # a place counts as mere background only where the main statement does not name it (the
    # statement's place is its news: "awarded to Cairo"), and only if no parse took it for a person
    people_words = {parsed.toks[i].lower for _, _, parsed in analysed for a, b, label in parsed.ents
                    if label == "PERSON" for i in range(a, b)}
    stated = {t.key for part in parts if part.ref == "main" and part.text != "(universe context)" for t in part.terms}

    def settle(term: Term) -> Term:
        term = regroup(term)
        # (where the story says something left stays background: "moved from Paris to Berlin")
        if term.place and ((term.key in stated and term.key not in origins) or term.key in people_words):
            term = dataclasses.replace(term, place=False)
        return term

    for entries in index.values():
        entries[:] = [(pi, settle(term)) for pi, term in entries]
    parts = [dataclasses.replace(part, terms=tuple(settle(t) for t in part.terms)) for part in parts]
    for f, entries in index.items():
        if any(term.group in core_groups for _, term in entries):
            core.add(f)
    people = _people(parsed for _, _, parsed in analysed)
    actors = frozenset(x for part in parts for x in part.subject) | frozenset(core)
    per_part = Counter(t.key for part in parts for t in {t.key: t for t in part.terms if t.kind == "name"}.values())
    topical = frozenset(k for k, n in per_part.items() if n >= max(3, len(parts) / 3) and k not in core)
    return ClaimProfile(claim.id, tuple(parts), index, frozenset(core), frozenset(core_groups), actors, topical,
                        claim.negation or "", tuple(_part_weight(p, core_groups) for p in parts),
                        entity_pronouns(" ".join(t for _, t in texts) + " " + (claim.universe_context or "")),
                        frozenset(origins - core - destinations), frozenset(destinations - core),
                        frozenset(t.key for part in parts for t in part.terms if t.kind == "year"),
                        _name_pairs([t for _, t in texts] + list(claim.aliases)),
                        people,
                        frozenset(w for _, _, parsed in analysed for w in _rivals(parsed)),
                        _claim_dates(t for _, t in texts),
                        frozenset(x for _, _, parsed in analysed for x in _patients(parsed)),
                        # (never a person's name: "Young" of "Sarah Young" is no common word)
                        common=frozenset(
                            f for f in _common_words(" ".join(t for _, t in texts), claim.universe_context or "")
                            if any(t.kind == "name" for _, t in index.get(f, ()))
                            and name_stem(f) not in {name for pair in people for name in pair} and f not in core),
                        credits=_credits(analysed), rival_credits=_rival_credits(analysed),
                        things=frozenset(x for _, _, parsed in analysed for x in _things(parsed)))


#: prepositions of a time or place adjunct
_SETTING_PREPS = frozenset("during throughout amid amidst alongside in at on".split())
_ALWAYS_SETTING = frozenset("during throughout amid amidst".split())
#: those that set the time of a noun's action too ("his sprint training alongside the
#: Mathematics World Tour (March 2022-September 2023)")
_NOUN_SETTING = frozenset("during throughout amid amidst alongside".split())
#: entity labels that make an adjunct a setting (places are left to the place rule, which knows
#: a place the main statement names is its news)
_SETTING_LABELS = frozenset({"EVENT", "DATE"})


def _term_key(t) -> str:
    num = normalise_number(t.text)
    if num is not None:
        return num
    return t.lower if t.pos == "PROPN" else (t.lemma or t.lower)


def _setting_keys(parsed) -> set[str]:
    """Term keys the text says only inside a time or event adjunct of a verb: "during the
    COVID-19 lockdowns", "in May 2020", "at the 2024 Olympics" (a date or an event; places are
    left to the place rule)."""
    inside: set[int] = set()
    toks = parsed.toks
    for t in toks:
        if t.dep != "prep" or t.lower not in _SETTING_PREPS or (toks[t.head].pos not in ("VERB", "AUX") and not (
                t.lower in _NOUN_SETTING and toks[t.head].pos == "NOUN")):
            continue
        sub = _subtree(parsed, t.i)
        # (not a clause inside it, which says more than where: "at a charity event where he ran",
        # "in Perth, where it reopened in March 2024")
        for c in [k for k in sub if toks[k].dep in ("relcl", "acl", "advcl") and k != t.i]:
            sub = sub - _subtree(parsed, c)
        if t.lower not in _ALWAYS_SETTING and not any(
                toks[k].lower in MONTH_NAMES or re.fullmatch(r"(1[89]|20)\d\d", toks[k].text)
                or any(a <= k < b and label in _SETTING_LABELS for a, b, label in parsed.ents) for k in sub):
            continue
        inside |= sub
    keys_in = {_term_key(toks[k]) for k in inside}
    keys_out = {_term_key(t) for t in toks if t.i not in inside}
    return keys_in - keys_out


def _credits(analysed) -> frozenset:
    """(name token, term key) pairs each claim part says together (see ``ClaimProfile.credits``):
    the doer of a verb (its subject or passive agent) with what that verb's clause says; any other
    name only with what hangs on it. A rival is credited with nothing:
    its own figures in a results table beside the real winner correct the story."""
    rivals = {w for _, _, parsed in analysed for w in _rivals(parsed)}
    out = set()
    for _, _, parsed in analysed:
        toks = parsed.toks
        key_of = {t.i: _term_key(t) for t in toks if t.pos not in ("DET", "ADP", "PUNCT", "PRON", "CCONJ", "PART")}
        for t in toks:
            if t.pos != "PROPN" or t.lower in rivals:
                continue
            top = t
            while top.dep in ("compound", "flat", "appos", "conj") and top.head != top.i:
                top = toks[top.head]
            scope = _subtree(parsed, top.i)
            # (only the doer: the claim's object doing the same deed corrects it, "Taylor Swift
            # married Travis Kelce" for "Ed Sheeran married Taylor Swift")
            verb = None
            if top.dep == "nsubj":
                verb = toks[top.head]
            elif top.dep == "pobj" and toks[top.head].dep == "agent":
                verb = toks[toks[top.head].head]
            if verb is not None:
                scope = _subtree(parsed, verb.i)
                for c in parsed.children(verb.i):
                    if c.dep in ("conj", "advcl", "ccomp", "relcl", "parataxis") and c.pos in ("VERB", "AUX"):
                        scope = scope - _subtree(parsed, c.i)
            elif top.dep in ("dobj", "oprd"):
                # the role the claim gives its object: "named Lucía Ferraro as his campaign manager"
                # (the role noun and its modifiers only, not what follows: "as her campaign
                # manager for the mayoral election in Porto")
                scope = scope | {i for c in parsed.children(top.head) if c.dep == "prep" and c.lower == "as"
                                 for r in parsed.children(c.i) if r.dep == "pobj"
                                 for i in [r.i] + [m.i for m in parsed.children(r.i) if m.dep in ("compound", "amod")]}
            out.update((t.lower, key_of[i]) for i in scope if i in key_of)
    return frozenset(out)


def _rival_credits(analysed) -> frozenset:
    """(rival name token, number key) for each number the claim hangs on a rival (see
    ``ClaimProfile.rival_credits``)."""
    rivals = {w for _, _, parsed in analysed for w in _rivals(parsed)}
    out = set()
    for _, _, parsed in analysed:
        toks = parsed.toks
        for t in toks:
            if t.pos != "PROPN" or t.lower not in rivals:
                continue
            top = t
            while top.dep in ("compound", "flat") and top.head != top.i:
                top = toks[top.head]
            # (not what hangs on the next rival: "Thompson (9.80) and Noah Lyles (9.81)")
            scope = _subtree(parsed, top.i) - {i for c in parsed.children(top.i) if c.dep == "conj" for i in _subtree(parsed, c.i)}
            out.update((t.lower, _term_key(toks[i])) for i in scope if toks[i].pos == "NUM")
    return frozenset(out)


_LOWER_WORD = re.compile(r"(?<![\w./@-])([a-z][a-z'-]*[a-z])(?![\w/@]|\.\w)")


def _common_words(claim_text: str, prose: str = "") -> frozenset:
    """Words written in lower case (not inside a web address or file name): once in the claim's
    own statements, or twice in its background prose (one "sales target" does not make the
    company Target a common word)."""
    counts = Counter(_LOWER_WORD.findall(prose))
    return frozenset(_LOWER_WORD.findall(claim_text)) | {w for w, n in counts.items() if n >= 2}


def _patients(parsed) -> set[tuple[str, str]]:
    """(verb lemma, lowercase name token) for each proper noun in a verb's direct object."""
    return {(parsed.toks[t.head].lemma, x.lower) for t in parsed.toks if t.dep == "dobj" and parsed.toks[t.head].pos == "VERB"
            for x in _name_tokens(parsed, t, ("compound", "flat", "appos"))}


def _things(parsed) -> set[str]:
    """Lowercase name tokens of the named things the claim's verbs take as objects (a book's
    title, its subtitle after the colon included: "authored Advanced Python: Design Patterns and
    Concurrency"); not people ("defeating Ezequiel Marchetti", "named Lucía Ferraro")."""
    person = {i for a, b, label in parsed.ents if label == "PERSON" for i in range(a, b)}
    out: set[int] = set()
    for t in parsed.toks:
        if t.dep == "dobj" and parsed.toks[t.head].pos == "VERB":
            sub = _subtree(parsed, t.i)
            out.update(sub)
            # (a subtitle the parser cut off at the colon)
            j = max(sub) + 1
            if j < len(parsed.toks) and parsed.toks[j].text == ":":
                j += 1
                while j < len(parsed.toks) and (parsed.toks[j].pos == "PROPN" or parsed.toks[j].lower in ("and", "&")):
                    out.add(j)
                    j += 1
    return {parsed.toks[i].lower for i in out if parsed.toks[i].pos == "PROPN" and i not in person}


_RIVAL_WORDS = frozenset("ahead over against past".split())
_RIVAL_VERBS = frozenset("beat defeat edge outrun outpace overtake oust unseat upset".split())


def _rivals(parsed) -> set[str]:
    """Proper nouns the text sets against its subject: "ahead of Kishane Thompson and Noah
    Lyles", "defeating Lyles", "beat Thompson"."""
    out = set()
    for t in parsed.toks:
        if t.pos != "PROPN":
            continue
        for a in parsed.ancestors(t.i):
            if a.lower in _RIVAL_WORDS or (a.pos == "VERB" and a.lemma in _RIVAL_VERBS):
                out.add(t.lower)
                break
            if a.pos in ("VERB", "AUX"):
                break
    return out


#: month names and their abbreviations, lower case
MONTH_NAMES = frozenset("""january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split())
_MONTH_STEMS = "|".join(sorted({m[:3] for m in MONTH_NAMES}))
_DATE_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(%s)[a-z]*\b|\b(%s)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b"
                      % (_MONTH_STEMS, _MONTH_STEMS), re.I)


def _claim_dates(texts) -> frozenset:
    """(day, month) of every date the claim's texts write: "19 December 2023" -> "19 dec"."""
    out = set()
    for text in texts:
        for m in _DATE_RE.finditer(text):
            day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            out.add(f"{int(day)} {month.lower()[:3]}")
    return frozenset(out)


def _people(analysed) -> frozenset:
    """(given name, surname) stems of the people named in full (NER persons)."""
    out = set()
    for parsed in analysed:
        for a, b, label in parsed.ents:
            words = [t.lower for t in parsed.toks[a:b] if t.lower.isalpha() and t.lower not in TITLES
                     and t.lower not in NAME_SUFFIXES]
            if label == "PERSON" and len(words) >= 2:
                out.add((name_stem(words[0]), name_stem(words[-1])))
    return frozenset(out)


def name_stem(word: str) -> str:
    """A name word without a plural or possessive ending ("Olympics" -> "olympic")."""
    w = word.lower().rstrip(".")
    w = re.sub(r"['’]s?$", "", w)
    return w[:-1] if len(w) > 3 and w.endswith("s") else w


def _name_pairs(texts) -> frozenset:
    """Stemmed pairs of capitalised words written side by side, in any script ("Paris
    Olympics", "Århus Olympics"); not across punctuation ("Paris, France") or a full stop
    other than an initial's or a title's ("Dr. Sarah")."""
    out = set()
    for text in texts:
        words = text.split()
        for a, b in zip(words, words[1:]):
            if b[:1] in "([":
                continue  # (not into a parenthesis: "Medicine (Sherwood, ...")
            a, b = a.lstrip("\"'“‘(["), b.strip("\"'“”‘’()[],;:.")
            if a.endswith(".") and len(a) <= 4:
                a = a[:-1]  # ("Dr. Sarah", "J. Okafor")
            if not a or not b or not a[-1].isalnum() or not (a[:1].isupper() and b[:1].isupper()):
                continue
            out.add((name_stem(a), name_stem(b)))
    return frozenset(out)


_MASC = ("he", "him", "his", "himself")
_FEM = ("she", "her", "hers", "herself")


def entity_pronouns(text: str) -> frozenset:
    """The pronouns a back-reference to the claim's entity may use, from how the claim's own text
    refers to people: one gender's pronouns when they clearly dominate, both otherwise."""
    words = Counter(re.findall(r"[a-z]+", text.lower()))
    m, f = sum(words[w] for w in _MASC), sum(words[w] for w in _FEM)
    if m >= 3 and m >= 4 * f:
        return frozenset(_MASC[:3])
    if f >= 3 and f >= 4 * m:
        return frozenset(_FEM[:2])
    if m + f < 3 and words["it"] + words["its"] >= 3:
        return frozenset(("it", "its"))  # a thing: "the tower ... it reopened", "the rover ... its drill"
    return frozenset(_MASC[:3] + _FEM[:2])


def _part_weight(part: PartProfile, core_groups: set) -> float:
    """A part's content weight, counted as a unit stating all of it would be scored."""
    best: dict[str, float] = {}
    for t in part.terms:
        if t.group in core_groups or t.kind == "title":
            continue
        w = max(t.weight, 0.5) if t.kind == "word" and t.weight > 0.2 else t.weight
        best[t.group] = max(best.get(t.group, 0.0), w)
    return sum(best.values())


def _subject_tokens(parsed, recipients: bool = True) -> frozenset:
    """Lowercase tokens of the claim's actors: subjects, passive agents and recipients of its clauses."""
    subj = [t for t in parsed.toks if t.dep in ("nsubj", "nsubjpass")]
    subj += [g for t in parsed.toks if t.dep == "agent" for g in parsed.children(t.i) if g.dep == "pobj"]
    # and the recipients of its verbs ("dedicated the book to Prince Philip, Duke of Edinburgh",
    # "donated the facility to UK Athletics"): participants of the claim, not rivals
    subj += [g for t in parsed.toks if recipients and t.dep in ("prep", "dative") and t.lower == "to"
             and parsed.toks[t.head].pos == "VERB" for g in parsed.children(t.i) if g.dep == "pobj"]
    out: set[str] = set()
    for sj in subj:
        stack = [sj]
        while stack:
            t = stack.pop()
            if t.pos == "PROPN" or t.i == sj.i:
                out.add(t.lower)
            stack.extend(c for c in parsed.children(t.i) if c.dep in ("compound", "flat", "appos", "conj"))
    return frozenset(out)


def _origins(parsed) -> tuple[set[str], set[str]]:
    """Proper-noun tokens of a "from X" with a "to Y" on a verb of the claim: where something
    moved, passed or changed from, and to ("moved its head office from Espoo to Tampere")."""
    out: set[str] = set()
    dest: set[str] = set()

    def names(prep) -> set[str]:
        got: set[str] = set()
        for g in parsed.children(prep.i):
            sub = [parsed.toks[k] for k in sorted(_subtree(parsed, g.i))]
            # (a place or owner; not a quantity or date: "from 58 mmol/mol", "from May 2020")
            if g.dep == "pobj" and g.pos == "PROPN" and not any(x.pos == "NUM" or x.lower in MONTH_NAMES for x in sub):
                got |= {x.lower for x in sub if x.pos == "PROPN"}
        return got

    for t in parsed.toks:
        if t.lower != "from" or t.dep != "prep" or parsed.toks[t.head].pos not in ("VERB", "AUX"):
            continue
        tos = [c for c in parsed.children(t.head) if c.lower in ("to", "into") and c.dep in ("prep", "dative")]
        if tos:
            out |= names(t)
            for c in tos:
                dest |= names(c)
    return out, dest


def _negated_lemmas(parsed) -> frozenset:
    """Lemmas of the words a claim part negates itself ("no evidence", "never lost")."""
    from .polarity import neg_child

    out = {t.i for t in parsed.toks if neg_child(parsed, t.i)}
    # and the alternative it rejects ("high stride frequency rather than stride length")
    for t in parsed.toks:
        if (t.lower == "than" and any(c.lower == "rather" for c in parsed.children(t.i))) or (
                t.lower == "of" and any(c.lower == "instead" for c in parsed.children(t.i))):
            out |= {x for c in parsed.children(t.i) if c.dep in ("pobj", "pcomp") for x in _subtree(parsed, c.i)}
    # and what is coordinated with them ("no milk, sugar or sweetener")
    stack = list(out)
    while stack:
        for c in parsed.children(stack.pop()):
            if c.dep == "conj" and c.i not in out:
                out.add(c.i)
                stack.append(c.i)
    return frozenset(parsed.toks[i].lemma or parsed.toks[i].lower for i in out)


def _add_part(parts: list, index: dict, ref, text: str, terms: dict, subject: frozenset = frozenset(),
              negated: frozenset = frozenset()) -> None:
    pi = len(parts)
    for term, forms in terms.values():
        for f in forms:
            index.setdefault(f, []).append((pi, term))
    parts.append(PartProfile(ref, text, tuple(t for t, _ in terms.values()), subject, negated))
