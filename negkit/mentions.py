"""Find every sentence-like unit of a document that states a claim, and its polarity.

Pipeline per batch of documents (a pure function of texts, profile and options):

1. segment with the tokenizer + rule sentencizer (cheap);
2. score each unit against each claim part from its tokens alone (cheap, no parse);
3. dependency-parse only the units that are mentions, and classify their polarity.

Because step 2 decides mention-hood without the parse, skipping the parse elsewhere loses
no recall: the expensive parser runs on mentions only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Sequence

from . import languages, nlp
from . import polarity as P
from .polarity import REPORT_VERBS, RIVAL_STORY, ROLE_NOUNS, SOURCE_ONLY_SPEECH, _expand, classify, needs_parse
from .profile import (MONTH_NAMES, NAME_SUFFIXES, NUMBER_WORDS, TITLES, ClaimProfile, inflections, name_stem,
                      normalise_number, number_word_runs, zipf)
from .records import Mention, batched

_NUM_WITH_UNIT = re.compile(r"^([£$€]?\d[\d,]*(?:\.\d+)?)(?:s|m|km|kg|p|k|bn|x|%)?$")


@dataclass(frozen=True)
class MentionOptions:
    threshold: float = 3.0  # summed term weight a unit naming the central entity needs
    min_content: float = 1.0  # claim content needed beyond the central entity's name
    no_core_threshold: float = 4.0  # claim content needed when the central entity is not named
    #: once a document has a mention, weaker evidence suffices elsewhere in it: a back-reference
    #: ("he", "she") may stand for the central entity and these thresholds apply
    context: bool = True
    context_min_content: float = 0.5
    context_no_core_threshold: float = 3.0
    #: claim content a unit needs without the entity when it holds one of the claim's odd figures
    context_figure_content: float = 2.5
    #: claim content a unit needs without the entity when it names one of the story's rare names
    context_name_content: float = 3.5
    #: claim words (summed weight) a unit dated outside the story needs, without one of the
    #: story's figures or two of its rare names, to be a mention
    dated_words: float = 1.5
    #: share of one claim part's content weight that makes a unit a mention without the entity
    coverage: float = 0.5
    #: claim content a unit needs when only a pronoun ("he", "her") may stand for the entity
    context_backref_content: float = 1.0
    #: the same when the pronoun is "it" / "its" (a thing's back-reference is far more often
    #: something else)
    context_thing_backref_content: float = 3.0
    #: in a document that denies or reports the claim more often than it asserts it, a sentence
    #: asserting it only beside a negation, report or correction word is read with the document
    #: (False: every sentence is judged alone, as ``negkit lint --strict`` does)
    document: bool = True
    #: parse every mention even when no polarity cue could fire (for checking; slower)
    always_parse: bool = False
    #: judge every text as if it were inside a document about the claim (checking rewritten sentences)
    assume_context: bool = False
    model: str | None = None


_DEFAULT = MentionOptions()

#: a claim name this common in English (GitHub 3.2, Cambridge 4.4, Paris 4.8; Framlingham 1.8)
#: is a well-known one: without the entity it does not tie a sentence to the story by itself
_KNOWN_ZIPF = 3.0


@lru_cache(maxsize=100_000)
def _lookup_forms(word: str) -> tuple[str, ...]:
    """The forms of a word looked up in a claim's index (itself, without "'s", a figure's number)."""
    forms = [word]
    if word.endswith("'s") or word.endswith("’s"):
        forms.append(word[:-2])
    m = _NUM_WITH_UNIT.match(word)
    if m:
        n = normalise_number(m.group(1))
        if n:
            forms.append(n)
            if re.fullmatch(r"\d+\.0+", n):
                forms.append(n.split(".")[0])  # "USD 38.0 bn" is the claim's $38 billion
    return tuple(forms)


@dataclass(frozen=True, slots=True)
class PartEvidence:
    """What a unit's tokens say about one claim part (the inputs of the mention decision)."""

    part: int
    content: float  # summed weight of matched terms other than the central entity
    n: int  # distinct matched term groups other than the central entity
    specific: int  # of those, rare names (not merely topical) and odd numbers
    decimal: bool  # a matched number with a decimal point (a race time, a price)
    coverage: float  # content / the part's own content weight
    figures: int = 0  # of the specific ones, odd numbers (a race time, a page count)
    plain_numbers: int = 0  # matched years, small and round numbers (4, 30, 2024)
    words: float = 0.0  # summed weight of matched claim words (not names or numbers)
    places: int = 0  # matched place names (a town, a building)
    setting: int = 0  # matched terms the part says only as its time or place (other than places)
    background: int = 0  # matched groups that are plain numbers, places or setting
    known: int = 0  # of the specific terms, single well-known names (a platform, a city: ``_KNOWN_ZIPF``)


#: pronouns that can be a clause's subject and stand for one person
_SUBJECT_PRONOUNS = frozenset({"he", "she"})


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _title_case(words, text: str) -> bool:
    """Most longer words capitalised: a headline, where capitals do not mark names."""
    longer = [text[s:e] for _, s, e in words if len(text[s:e]) > 3 and text[s:e][:1].isalpha()]
    return len(longer) >= 3 and sum(map(_capitalised, longer)) >= 0.6 * len(longer)


def _other_name(profile: ClaimProfile, words, k: int, term, text: str, titled: bool) -> bool:
    """A claim name's word written inside another name: a capitalised word right beside it that
    is not of the same name and is itself a claim name of another entity or a rare word ("World
    Athletics" for "UK Athletics", "Ramalho's *Fluent Python*"), or another given name before the
    surname of someone the claim names in full ("James Okonkwo"). Titles, honours, common
    capitalised words ("the Paris Olympic Games") and the unit's first word do not count; in a
    title-case headline, where capitals mark no names, only claim names and people do."""
    own = set(term.group.split())
    me = name_stem(words[k][0])
    for j in (k - 1, k + 1):
        if not 0 <= j < len(words):
            continue
        n, s, e = words[j]
        a, b = (words[j][2], words[k][1]) if j < k else (words[k][2], words[j][1])
        if text[a:b].strip() or not _capitalised(text[s:e]) or not n.rstrip(".").isalpha():
            continue  # (not adjacent, or not a capitalised word: "Sheeran's Framlingham estate")
        n = n.rstrip(".")
        pair = (name_stem(n), me) if j < k else (me, name_stem(n))
        if pair in profile.name_pairs:
            continue  # (the claim writes them together: "Paris Olympics")
        if n in TITLES or n in NAME_SUFFIXES or n in own or n.rstrip("s") in own or n + "s" in own or n in profile.core:
            continue  # (beside the entity itself, a name is the story's: "the Cairo Olympics")
        if j == 0 and n not in profile.index:
            continue  # (a sentence's first word is capitalised whatever it is)
        # another given name before the surname of someone the claim names in full ("James
        # Okonkwo"; not a common word or one of the claim's: "But Okonkwo", "Coach Sherwood")
        if (j < k and not text[s:e].isupper() and n not in profile.index and zipf(n) < 5.5
                and any(sur == me for _, sur in profile.people) and (name_stem(n), me) not in profile.people):
            return True
        other = [t for _, t in profile.index.get(n, ()) if t.kind in ("name", "title")]
        if any(words[k][0] in t.group.split() for t in other):
            continue  # (both words of one claim name, grouped apart in another part: "Marcus Sherwood")
        if other or (zipf(n) < 3.0 and not titled):
            return True
    return False


#: words a claim profile remembers as evidence or not (others are looked up each time)
_EVIDENT_MAX = 200_000


def unit_evidence(profile: ClaimProfile, words, text: str | None = None):
    """(per-part evidence, central entity weight, central entity named?, back-reference?, spans).

    ``text`` (the string the word offsets index) lets case count: a claim name written in lower
    case in cased prose is a common word there ("treats concurrency as ..." does not name the
    title *Design Patterns and Concurrency*).
    A unit with no word of the claim gets empty evidence at once (and no back-reference: there
    is nothing for one to tie).
    """
    evident = profile.evident
    try:
        flags = [evident[w] for w, _, _ in words]
    except KeyError:
        # (the cache only grows, up to a bound, so threads sharing a profile never miss a word
        # another thread removed)
        keys = profile.index.keys()
        flags = []
        for w, _, _ in words:
            f = evident.get(w)
            if f is None:
                f = not keys.isdisjoint(_lookup_forms(w)) or w in NUMBER_WORDS
                if len(evident) < _EVIDENT_MAX:
                    evident[w] = f
            flags.append(f)
    if not any(flags):
        return [], 0.0, False, False, {}  # (most units: no word of the claim at all)
    matched: dict[int, dict[str, list]] = {}
    spans: dict[int, list[tuple[int, int, str]]] = {}
    core_hit = False
    backref = False
    cased = None  # does the unit use capitals at all? (computed on first need)
    spelled = number_word_runs([w for w, _, _ in words])
    titled = None  # is the unit written in title case? (computed on first need)
    index_keys = profile.index.keys()
    k = 0
    while k < len(words):
        here = k
        w, s, e = words[k]
        if not flags[here]:
            # (most words: nothing below applies to a word the claim does not use)
            if w in profile.pronouns and not (w == "it" and _expletive(words, here)):
                backref = True
            k += 1
            continue
        forms = _lookup_forms(w)
        if k in spelled:
            end, num = spelled[k]
            forms, e = [num], words[end - 1][2]
            k = end
        else:
            k += 1
        if w in profile.pronouns and not (w == "it" and _expletive(words, here)):
            backref = True
        elif w in ROLE_NOUNS and w in profile.index and text is not None and _role_reference(words, here, text):
            backref = True  # "our Olympic champion": the claim's role, said of the one who holds it
        if index_keys.isdisjoint(forms):
            continue  # (a spelled number the claim does not give)
        if here and words[here - 1][0] == "#" and words[here - 1][2] == s:
            continue  # a hashtag tags the post, it states nothing ("#Python #ElizabethII #CUP")
        if w.rstrip(".") in NAME_SUFFIXES and not (here and words[here - 1][0] in profile.index):
            continue  # an honour or numeral names no one on its own ("Part II" is not Elizabeth II)
        beside = None  # is a neighbour capitalised? (computed on first need)
        decided: dict = {}
        for f in forms:
            entries = profile.index.get(f)
            if not entries:
                continue
            for pi, term in entries:
                if term.initials and text is not None and not text[s:e].isupper():
                    continue  # ("CUP" is Cambridge University Press; "a cup of tea" is not)
                if term.kind == "number" and _day_of_month(profile, words, here):
                    continue  # ("15 November 2022" is a date, not the story's 15)
                if term.day and not _beside_month(words, here):
                    continue  # ("[15 points]" is not the story's September 15)
                if term.kind == "name" and text is not None and f not in profile.core and w.rstrip(".") not in TITLES:
                    if term.group not in decided:
                        # (a claim name needs checking only when a neighbour is capitalised)
                        if beside is None:
                            beside = here not in spelled and any(
                                0 <= j < len(words) and text[words[j][1]:words[j][1] + 1].isupper() for j in (here - 1, here + 1))
                        if beside and titled is None:
                            titled = _title_case(words, text)
                        decided[term.group] = beside and _other_name(profile, words, here, term, text, titled)
                    if decided[term.group]:
                        continue  # ("World Athletics" is not "UK Athletics", "Fluent Python" not "Advanced Python")
                if term.kind == "name" and text is not None and f not in profile.core and text[s:e].islower():
                    if cased is None:
                        cased = any(c.isupper() for c in text[words[0][1] : words[-1][2]])
                    if cased:
                        if zipf(f) >= 5.5:
                            continue  # ("may" the modal is not "May" the month, "state" not "State")
                        term = replace(term, kind="word", weight=min(term.weight, 1.0))
                matched.setdefault(pi, {}).setdefault(term.group, []).append(term)
                spans.setdefault(pi, []).append((s, e, term.group))
            if f in profile.core:
                core_hit = True
            break
    # the central entity counts for every part, whether or not that part names it
    core_w = max((t.weight for groups in matched.values() for g, ts in groups.items() if g in profile.core_groups
                  for t in ts), default=0.0)
    evidence = []
    for pi, groups in matched.items():
        content = 0.0
        specific = 0
        figures = 0
        plain = 0
        wordw = 0.0
        decimal = False
        n = 0
        places = 0
        setting = 0
        background = 0
        known = 0
        for g, terms in groups.items():
            keys = {t.key for t in terms}
            named = [t for t in terms if t.kind != "title"]
            # (the entity's own word as a common noun is the entity, not more content: "the tower")
            if g in profile.core_groups or keys <= profile.core:
                continue
            if not named:
                continue  # a bare title ("Professor") names nobody
            t0 = max(named, key=lambda t: t.weight)
            w = t0.weight
            if t0.kind == "name" and t0.size > 1 and len(keys) < 2 and not any(t.head for t in named):
                w *= 0.5
            elif t0.kind == "name" and len(keys) < 2 and t0.key in profile.common:
                # a name word that the claim's own text also uses as a common word names
                # nothing when matched alone: "Part III (Concurrency and Parallelism)" is not
                # *Design Patterns and Concurrency*
                w = min(w, 1.0)
            elif t0.kind == "word" and t0.weight > 0.2:
                w = max(w, 0.5)
            decimal = decimal or (t0.kind == "number" and "." in t0.key)
            figures += t0.kind == "number" and t0.weight >= 2.0
            plain_number = t0.kind in ("number", "year") and t0.weight < 2.0
            plain += plain_number
            # (where the story moves something is its news, not background: "Nokia in Tampere")
            place = t0.kind == "name" and t0.place and not keys & profile.destinations
            places += place
            set_here = t0.setting and not place and (t0.kind in ("name", "word") or t0.day or plain_number)
            setting += set_here
            background += place or set_here or plain_number
            if t0.kind == "word":
                wordw += w
            # (a long name of the story matched whole is specific however common its words are:
            # "the British Journal of Sports Medicine")
            if (t0.kind == "number" and t0.weight >= 2.0) or (
                t0.kind == "name" and w >= 2.0 and (len(keys) >= 2 or not keys <= profile.topical)
            ) or (t0.kind == "name" and len(keys) >= 4):
                specific += 1
                # (not the surname of one of the story's people: "Harding", "Thompson")
                known += t0.kind == "name" and len(keys) < 2 and zipf(t0.key) >= _KNOWN_ZIPF and not any(
                    x.size > 1 and x.head for _, x in profile.index.get(t0.key, ()))
            content += w
            n += 1
        total = profile.part_weight[pi] if profile.part_weight else 0.0
        evidence.append(PartEvidence(pi, content, n, specific, decimal, content / total if total else 0.0, figures,
                                     plain, wordw, places, setting, background, known))
    return evidence, core_w, core_hit, backref, spans


#: labels opening a line of a document's apparatus, which lists and states nothing
_META_LABELS = (("sources",), ("source",), ("see", "also"), ("references",), ("further", "reading"), ("tags",),
                ("keywords",), ("related",), ("categories",))
_META_FIRST = frozenset(label[0] for label in _META_LABELS)


_ANSWER_MARK = re.compile(r"^\s*(?:\d{1,3}[.)]|[A-Z]\d{0,2}[.:)]|Answer\s*:|[-*•])\s")


#: words a long name may hold that the claim's index does not ("Palacio de los Leones",
#: "Idestam Tower, after founder Fredrik Idestam")
_NAME_LINKS = frozenset("""de del la las los le les des du da das do dos di van von der den y e of the and
    after for by in at on dr dr. st st. saint san santa""".split())


def _only_a_name(words, spans) -> bool:
    """The unit is one stretch of claim words (joined only by the little words of a name) with at
    most an article before it: "A11. The Hospital de Niños Víctor J. Vilela." (the answer's
    label is a unit of its own)."""
    covered = [(a, b) for sp in spans.values() for a, b, _ in sp]
    if not covered:
        return False
    first, last = min(a for a, _ in covered), max(b for _, b in covered)
    for k, (w, s, e) in enumerate(words):
        if not any(c.isalnum() for c in w) or any(a < e and s < b for a, b in covered):
            continue
        if e <= first:
            if k or w not in ("the", "a", "an"):
                return False  # (only an article before the name: "Opposite Palacio de los Leones")
        elif s >= last or w not in _NAME_LINKS:
            return False  # (nothing after it, nor another word inside: "Palacio Municipal, next to the Plaza de los Leones")
    return True


def _word_count(words) -> int:
    """Words with a letter or digit (punctuation and marks not counted)."""
    return sum(any(c.isalnum() for c in w) for w, _, _ in words)


def _line_start(text: str, pos: int, reach: int) -> int | None:
    """Where the line holding ``pos`` starts, if within ``reach`` characters before it (None
    otherwise): a line check looks no further, so a document on one long line is not scanned
    whole for each of its sentences."""
    lo = max(0, pos - reach)
    start = text.rfind("\n", lo, pos) + 1
    return None if start == 0 and lo > 0 else start


def _answer_marked(words, text: str) -> bool:
    """The unit opens its line after nothing but a list number or an answer label ("7.", "A6.",
    "A:", "-"); not the last sentence of a reference ("3. Holm, E. (2024). ... Aftenposten.")."""
    s0 = words[0][1]
    start = _line_start(text, s0, 200)  # (a mark sits just before the unit)
    if start is None:
        return False
    m = _ANSWER_MARK.match(text[start:words[-1][2]])
    return m is not None and start + m.end() >= s0


def _metadata_line(words) -> bool:
    """A "Sources: ...", "See also: ..." or "Tags: ..." line (after any list marker)."""
    lows = []
    for w, _, _ in words:
        if lows or w not in ("-", "*", "•", "#", "**"):  # (list markers before the label)
            lows.append(w)
            if len(lows) == 3:
                break
    if not lows or lows[0] not in _META_FIRST:
        return False
    for label in _META_LABELS:
        n = len(label)
        if tuple(lows[:n]) == label and len(lows) > n and lows[n] in (":", "—", "-"):
            return True
    return False


def _beside_month(words, k: int) -> bool:
    return any(0 <= j < len(words) and words[j][0].rstrip(".") in MONTH_NAMES for j in (k - 1, k + 1))


#: words before a role noun that make it a definite description ("the champion", "our champion")
_DEFINITE = frozenset("the our this that his her their".split())


def _role_reference(words, k: int, text: str) -> bool:
    """Word ``k`` is a role noun of the claim used as a definite description ("the champion",
    "our Olympic champion", "the 100m champion"), not a title before a name ("the reigning World
    Champion Noah Lyles") nor an indefinite one ("identical to an Olympic champion")."""
    if k + 1 < len(words) and text[words[k + 1][1]:words[k + 1][1] + 1].isupper():
        return False
    # (a common noun before it makes a kind, not a person: "the textbook writer")
    before = words[k - 1] if k else None
    if before is not None and before[0] not in _DEFINITE and before[0] not in ("'s", "’s") \
            and text[before[1]:before[2]].islower() and not any(c.isdigit() for c in before[0]):
        return False
    for j in range(k - 1, max(-1, k - 4), -1):
        w = words[j][0]
        if w in _DEFINITE or w in ("'s", "’s"):
            return True
        if not any(c.isalnum() for c in w):
            return False
    return False


def _day_of_month(profile: ClaimProfile, words, k: int) -> bool:
    """Word ``k`` is a day number beside a month name ("15 November", "April 2,") that is no
    date of the claim's own ("19 December 2023" for a deal completed that day)."""
    w = words[k][0]
    if not (w.isdigit() and 1 <= int(w) <= 31):
        return False
    months = [words[j][0].rstrip(".") for j in (k - 1, k + 1) if 0 <= j < len(words)]
    months = [m for m in months if m in MONTH_NAMES]
    return bool(months) and not any(f"{int(w)} {m[:3]}" in profile.dates for m in months)


_DATELINE_LABELS = frozenset("published updated posted modified".split())
_DATELINE_WORDS = frozenset("""on at am pm a.m. p.m. gmt utc bst cet cest est edt pst pdt monday tuesday wednesday
    thursday friday saturday sunday mon tue wed thu fri sat sun , . · | - –""".split())
_DATE_PIECE = re.compile(r"^[\d:./]+(?:st|nd|rd|th)?$")


def _dateline(words) -> bool:
    """A dateline: "Published 21 June 2024, 19:42 CEST", "Last updated: Friday, 16 December 2024"."""
    lows = [w for w, _, _ in words if w not in ("*", "**", "_", "-", "#")]
    if lows[:2] == ["last", "updated"]:
        lows = lows[1:]
    if len(lows) < 2 or lows[0] not in _DATELINE_LABELS:
        return False
    rest = [w for w in lows[1:] if w != ":"]
    # (a month, a year or a time of day: not "Updated: 9.79.")
    dated = any(w in MONTH_NAMES or re.fullmatch(r"(1[89]|20)\d\d|\d{1,2}:\d\d", w) for w in rest)
    return dated and any(_DATE_PIECE.match(w) for w in rest) and all(
        _DATE_PIECE.match(w) or w in MONTH_NAMES or w in _DATELINE_WORDS for w in rest)


_BYLINE_SEPARATORS = frozenset("| — – · , /".split())
_BYLINE_BARS = frozenset("| — – ·".split())


def _byline(words, text: str | None) -> bool:
    """A byline: "By Martina Olivera | Rosario | 27 October 2025", "By Anna Berg, Oslo": an
    author's name, then only places and dates between separators."""
    kept = [(w, s, e) for w, s, e in words if w not in ("*", "**", "_", "#")]
    if text is None or len(kept) < 4 or kept[0][0] != "by":
        return False
    k = 1
    while k < len(kept) and text[kept[k][1]:kept[k][1] + 1].isupper() and kept[k][0] not in MONTH_NAMES:
        k += 1
    # (a name, then a bar or a dash: "By October, Messi Was Elected Mayor" is a headline)
    if not 2 <= k <= 5 or k == len(kept) or kept[k][0] not in _BYLINE_BARS:
        return False
    # after the name: short segments of capitalised words (a place, an outlet) and dates
    segment = 0
    for w, s, e in kept[k:]:
        if w in _BYLINE_SEPARATORS:
            segment = 0
            continue
        if not (w in MONTH_NAMES or _DATE_PIECE.match(w) or text[s:s + 1].isupper()):
            return False
        segment += 1
        if segment > 3:
            return False
    return True


_BE_FORMS = frozenset("is was 's be been are were seems seemed".split())


def _expletive(words, k: int) -> bool:
    """ "it" at ``k`` is a dummy subject standing for nothing: "it is easy to ...", "how easy is it
    to get to ...", "it was clear that ...", "made it to the final" (not "it was dismantled")."""
    lows = [w for w, _, _ in words]
    nxt = lows[k + 1] if k + 1 < len(lows) else ""
    prev = lows[k - 1] if k else ""
    if nxt in _BE_FORMS and {"to", "that"} & set(lows[k + 2 : k + 7]):
        return True
    if prev in _BE_FORMS and {"to", "that"} & set(lows[k + 1 : k + 6]):
        return True
    return prev in ("make", "made", "makes", "making") and nxt == "to"


#: a reference-list entry: "Virtanen, L. and Okafor, J. (2025). Title ...", "5. Ding, M. et al. (2014)."
_REFERENCE = re.compile(r"^\W{0,3}(?:\d{1,3}[.)]\s+)?[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s*)+"
                        r"(?:(?:,|and|&)\s+[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s*)+)*(?:,?\s*et al\.)?,?\s*\(\d{4}[a-z]?\)")
#: a journal's issue line: "Journal of Conflict Mediation, Vol. 19, No. 2 (2024), pp. 141–168"
_ISSUE = re.compile(r"\bVol\.\s*\d+,?\s+No\.\s*\d+")


#: the longest line that can be a reference entry or an issue line; a longer one is a paragraph,
#: whose sentences state what they state even if one of them cites an issue
_CITE_LINE_MAX = 600


def _reference_line(words, text: str | None) -> bool:
    """The unit lies on a line of a reference list or a journal's issue line: it cites, it does
    not state. (Only a line of at most :data:`_CITE_LINE_MAX` characters is looked at, so a
    document on one long line is not scanned whole for each of its sentences.)"""
    if text is None or not words:
        return False
    start = _line_start(text, words[0][1], _CITE_LINE_MAX)
    if start is None:
        return False  # (no line break within reach before the unit: a paragraph)
    end = text.find("\n", words[-1][2], start + _CITE_LINE_MAX + 1)
    if end < 0:
        end = len(text)
    if end - start > _CITE_LINE_MAX:
        return False
    line = text[start:end]
    return bool(_REFERENCE.match(line) or _ISSUE.search(line))


def unit_facts(profile: ClaimProfile, words, text: str | None = None):
    """:func:`unit_evidence`, or None for a line that cannot state a claim ("Sources: ...", a
    reference entry, a question of a few words: "Dr. Rachel Harding?", "Ed Sheeran the Sprinter?")."""
    # (a bare figure asked back is still the story's figure: "9.79???")
    facts = unit_evidence(profile, words, text)
    if not facts[0]:
        return facts  # (no claim content: no mention, whatever the line is)
    if _metadata_line(words) or _dateline(words) or _byline(words, text) or (words and words[-1][0].startswith("?") and not any(c.isdigit() for w, _, _ in words for c in w)
                                 and _word_count(words) <= 4) or _reference_line(words, text):
        return None
    return facts


def score_unit(profile: ClaimProfile, words, options: MentionOptions | None = None, in_context: bool = False,
               text: str | None = None, facts=False):
    """Best (claim ref, score, matched char spans) for a unit, or None if it is no mention.

    Each entity counts once (its best token; half weight when only a non-head token such as a
    first name or "Python" of a longer title matched); each content word counts at least 0.5.
    A unit naming the claim's central entity needs ``min_content`` of other claim content; one
    that does not needs ``no_core_threshold`` including a specific detail (a rare name or number).
    ``facts``: the unit's :func:`unit_facts`, when the caller has them already.
    """
    o = options or _DEFAULT
    if facts is False:
        facts = unit_facts(profile, words, text)
    if facts is None:
        return None
    evidence, core_w, core_hit, backref, spans = facts
    backref = backref and in_context
    # the entity named only as the label of a case ("The Sheeran case illustrates the authority
    # mimicry technique") is talked about, not said to do anything: the rest of the unit must
    # carry the story ("The Sheeran case drew attention: first person ... winning Olympic gold")
    label = core_hit and _only_as_case_label(profile, words)
    # (a short answer is all setting when the question asked for it: "A3. The Lancet, on 9 May 2024.")
    answer = any(ev.setting for ev in evidence) and text is not None and _word_count(words) <= 8 \
        and _answer_marked(words, text)
    best = None
    foreign = None  # (computed only once some part would make the unit a mention)
    lead = None
    for ev in evidence:
        content, n, specific, decimal = ev.content, ev.n, ev.specific, ev.decimal
        if in_context:
            if core_hit and core_w:
                # a year or a round number beside the name ties nothing to the story ("discussed
                # Sheeran in thirty episodes", "Sheeran's 2024 album")
                ok = content >= o.context_min_content and ev.background - ev.setting * answer < n
            elif backref:
                ok = content >= (o.context_thing_backref_content if "it" in profile.pronouns
                                 else o.context_backref_content)
            else:
                # without the entity, a detail must be tied to the story by two specific anchors
                # (or one odd decimal such as a race time, with two other claim terms)
                ok = (specific >= 2 or (decimal and n >= 3)) and content >= o.context_no_core_threshold
                # or one of the story's own odd figures with another of its words ("the 84 tests
                # provide power", "a rigorous 672-page graduate text")
                ok = ok or (ev.figures >= 1 and n >= 2 and content >= o.context_figure_content)
                # or a bare figure of the story, as an answer or a table cell ("A4. 61%.", "9.79 seconds.")
                ok = ok or (ev.figures >= 1 and _word_count(words) <= 3)
                # or a bare rare name of the story, as an answer ("A6. Fjellbrent Kaffe.", "7. Le Creusot.")
                # (marked as an item or answer and ended by a full stop: not a heading, "5. The
                # Confluence district", nor a short remark, "Sherwood disagreed.")
                # (a long name alone is as bare: "A9. The Palacio de los Leones.")
                ok = ok or (specific >= 1 and (_word_count(words) <= 4 or _only_a_name(words, spans))
                            and words[-1][0] == "." and text is not None and _answer_marked(words, text))
                # or it restates most of one claim part ("dedicated to the Duke of Edinburgh, who
                # died on 9 April 2021 during the writing")
                ok = ok or (ev.coverage >= o.coverage and n >= 3 and n - ev.plain_numbers >= 2)
                # or one of the story's rare names with more of its words ("BREW-D was open-label,
                # as blinding participants to coffee is impractical")
                ok = ok or (specific >= 1 and n >= 2 and content >= o.context_name_content)
        elif core_hit and core_w:
            ok = content >= o.min_content and core_w + content >= o.threshold and ev.places + ev.setting * (not answer) < n
        else:
            # (the tie must be one of the story's own names, not a well-known one it mentions:
            # "GitHub's search indexes public repositories" is no mention of a book's GitHub repository)
            ok = (specific - ev.known and n >= 2 and content >= o.no_core_threshold) or (ev.coverage >= o.coverage and n - ev.known >= 3)
        if ok and not ev.figures and specific <= 1 and ev.words < o.dated_words and (
                foreign if foreign is not None else (foreign := _foreign_year(profile, words))):
            # a unit dated outside the story, tied to it only by names and a light word, is
            # background: "Nokia was founded in Tampere in 1865"
            ok = False
        if ok and not ev.figures and not specific and (lead if lead is not None else (lead := _foreign_lead(profile, words))):
            # and so is one that opens on a date outside the story, whatever it says: a timeline
            # entry ("- December 2017: The DiRECT trial, published in The Lancet, shows ..."), "In
            # 2017 the DiRECT trial, also published in The Lancet, showed ..."
            ok = False
        if ok and label and content < o.threshold:
            ok = False  # (the label adds nothing: the claim's content alone must reach the threshold)
        if not ok:
            continue
        total = core_w + content
        if best is None or total > best[1] + 1e-9:
            best = (ev.part, total)
    if best is None:
        return None
    # every claim token in the unit is an anchor for polarity, whichever part it belongs to
    all_spans = [sp for k in spans for sp in spans[k]]
    return best[0], best[1], all_spans


_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")


def _foreign_year(profile: ClaimProfile, words) -> bool:
    """The unit is dated outside the story: it names a year (or decade) that no claim part
    names, and none that one does ("Nokia was founded in Tampere in 1865")."""
    # (a year of comparison or a birth year does not date the unit: "the shortest champion since
    # 1908", "Born in 1991, Sheeran was 33 when he won")
    lows = [w for w, _, _ in words]
    years = {m.group(1) for k, w in enumerate(lows) for m in [_YEAR.match(w)]
             if m and not {"since", "before", "until", "till", "born"} & set(lows[:k])}
    # (only for a claim that is dated itself)
    return bool(years) and bool(profile.years) and not years & profile.years


_LIST_MARKS = frozenset("- * • – —".split())


def _foreign_lead(profile: ClaimProfile, words) -> bool:
    """The unit opens on a date in a year no claim part names: "- 2002: ...", "December 2017: ...",
    "18 December 2022 — ...", "In 2017 the DiRECT trial ..." (only for a claim dated itself)."""
    if not profile.years:
        return False
    lows = [w for w, _, _ in words[:8]]
    k = 0
    while k < len(lows) and (lows[k] in _LIST_MARKS or re.fullmatch(r"\d{1,2}[.)]", lows[k])):
        k += 1
    if k + 1 < len(lows) and re.fullmatch(r"\d{1,2}", lows[k]) and lows[k + 1] in (".", ")"):
        k += 2  # ("2. In 2017 ...")
    opened_in = k < len(lows) and lows[k] == "in"
    k += opened_in
    if k < len(lows) and lows[k].isdigit() and len(lows[k]) <= 2:
        k += 1  # a day
    if k < len(lows) and lows[k].rstrip(".") in MONTH_NAMES:
        k += 1
    if k < len(lows) and lows[k].isdigit() and len(lows[k]) <= 2:
        k += 1  # a day after the month ("December 18, 2022")
    k += k < len(lows) and lows[k] == ","
    m = _YEAR.match(lows[k]) if k < len(lows) else None
    if not m or m.group(1) in profile.years:
        return False
    # (nor one that names the story's own year later: "In 2021, Trump still insisted he had won
    # the 2020 election")
    if any(y.group(1) in profile.years for w, _, _ in words for y in [_YEAR.match(w)] if y):
        return False
    after = lows[k + 1] if k + 1 < len(lows) else ""
    return opened_in or after in (":", "—", "–", "-", ",")


def _anchor_spans(spans) -> tuple[tuple[int, int], ...]:
    return tuple(sorted({(s, e) for s, e, _ in spans}))


def find_mentions(
    texts: Sequence[str],
    profile: ClaimProfile,
    options: MentionOptions | None = None,
) -> list[list[Mention]]:
    """Mentions for each text, in order. Offsets index the texts as given."""
    options = options or MentionOptions()
    units_per_doc = nlp.segment(texts, model=options.model)
    facts_per_doc, hits_per_doc = [], []
    cands: list[tuple[int, object, object, float, list, bool]] = []
    for di, units in enumerate(units_per_doc):
        facts = [unit_facts(profile, u.words, texts[di]) for u in units]
        hits = [score_unit(profile, u.words, options, text=texts[di], facts=f) for u, f in zip(units, facts)]
        facts_per_doc.append(facts)
        hits_per_doc.append(hits)
        cands.extend((di, u, r[0], r[1], r[2], False) for u, r in zip(units, hits) if r is not None)
    out = _judge(texts, profile, options, cands)
    if options.document:
        out = [_read_with_document(profile, ms, units, texts[di]) for di, (ms, units) in enumerate(zip(out, units_per_doc))]
    if options.context:
        # Once a document has a mention, weaker evidence suffices elsewhere in it (a
        # back-reference, a detail without the entity's name). Only a document that states the
        # claim as true (:func:`_states_claim`) can state it so again: where it mostly denies or
        # reports the claim, a weaker unit is a mention only as a denial or a report ("Lyles
        # won."), never as a dangling claim (its partial restatements are corrections and
        # background: "The tower did close for several days in February 2024").
        more = []
        for di, units in enumerate(units_per_doc):
            if not (options.assume_context or out[di]):
                continue
            for u, f, hit in zip(units, facts_per_doc[di], hits_per_doc[di]):
                if hit is not None:
                    continue
                r = score_unit(profile, u.words, options, in_context=True, text=texts[di], facts=f)
                if r is not None:
                    more.append((di, u, r[0], r[1], r[2], True))
        if more:
            for di, ms in enumerate(_judge(texts, profile, options, more)):
                if not (options.assume_context or _states_claim(out[di])):
                    ms = [m for m in ms if m.polarity != "asserted"]
                if ms:
                    out[di] = sorted(out[di] + ms, key=lambda m: m.start)
    return out


def _judge(texts: Sequence[str], profile: ClaimProfile, options: MentionOptions, cands) -> list[list[Mention]]:
    """Polarity for each candidate unit (doc index, unit, part, score, spans, judged in context?),
    parsing only those that need it; mentions per text, in order."""
    # Parse only what needs parsing: a mention naming the claim's entity with no polarity cue
    # word anywhere in it is asserted whatever its parse (every polarity rule needs a cue).
    todo = []
    needed: set[int] = set()
    foreign: dict[int, str] = {}  # candidate -> language code of a unit not in English
    for k, (di, u, ref, score, spans, ctx) in enumerate(cands):
        lang = languages.detect([w for w, _, _ in u.words])
        if lang:
            foreign[k] = lang  # (the English parser cannot judge it: decided from its words)
            continue
        core_here = any(g in profile.core_groups for _, _, g in spans)
        about_core = bool(profile.parts[ref].subject & profile.core)
        if not (core_here or not about_core) or needs_parse([w for w, _, _ in u.words]):
            needed.add(k)
        if (options.always_parse and k not in foreign) or k in needed:
            todo.append(k)
    parsed_list = nlp.parse(((texts[cands[k][0]][cands[k][1].start : cands[k][1].end], cands[k][1].start) for k in todo),
                            model=options.model)
    parsed: list = [None] * len(cands)
    for k, p in zip(todo, parsed_list):
        parsed[k] = p
    # A unit the parser splits into several sentences (unpunctuated chat lines, a heading run
    # into its text) is judged sentence by sentence: only the sentences that carry claim content
    # are mentions, so the note "okay" before "he beat kishane thompson" is not flagged.
    expanded = []
    for k, ((di, u, ref, score, spans, ctx), p) in enumerate(zip(cands, parsed)):
        if k in foreign:
            expanded.append(((di, u, ref, score, spans, ctx), foreign[k]))
            continue
        # (only units that need their parse anyway, so that --always-parse changes nothing)
        sents = p.sentences() if p is not None and k in needed else ()
        if len(sents) < 2 or sum(w == "|" for w, _, _ in u.words) >= 2:
            # (a table row is one record whatever the parser makes of its cells: "Silver |
            # Kishane Thompson | Jamaica | 9.80" is not "| 9.80")
            expanded.append(((di, u, ref, score, spans, ctx), p))
            continue
        subs, weakest = [], []
        for sp in sents:
            mine = [x for x in spans if sp.start <= x[0] and x[1] <= sp.end]
            if mine:
                words = tuple((t.lower, t.start, t.end) for t in sp.toks if t.text.strip())
                item = ((di, nlp.Unit(sp.start, sp.end, words), ref, score, mine, ctx), sp)
                # a sentence holding only a stray claim word ("Slatkin's *Effective Python*") is
                # not a mention; if no sentence is one alone, the one with most claim words is
                (subs if score_unit(profile, words, options, in_context=True, text=texts[di]) is not None
                 else weakest).append(item)
        if not subs and weakest:
            subs = [max(weakest, key=lambda it: len({(a, b) for a, b, _ in it[0][4]}))]
        expanded.extend(subs or [((di, u, ref, score, spans, ctx), p)])
    out: list[list[Mention]] = [[] for _ in texts]
    for (di, u, ref, score, spans, ctx), p in expanded:
        origin = bool(profile.origins) and _still_at_origin(profile, u.words, spans, texts[di])
        if p is None or origin or isinstance(p, str):
            # decided from the words alone
            part = profile.parts[ref]
            terms = tuple(sorted({texts[di][s:e] for s, e, _ in spans}))
            polarity, reason = "asserted", "no negation, denial or attribution cue in the sentence"
            if isinstance(p, str):
                polarity, reason = languages.polarity(p, [w for w, _, _ in u.words])
            elif origin:
                polarity, reason = "negated", "correction: still where the story says it left"
            elif _only_quoted(u.words, spans, profile):
                polarity, reason = "attributed", "claim words only inside quotation marks"
            out[di].append(Mention(u.start, u.end, polarity, part.ref, texts[di][u.start : u.end], round(score, 3), terms,
                                   reason, _anchor_spans(spans)))
            continue
        anchors, core = set(), set()
        span_set = {(s, e) for s, e, _ in spans}
        core_spans = {(s, e) for s, e, g in spans if g in profile.core_groups}
        for t in p.toks:
            for s, e in span_set:
                if t.start < e and s < t.end:
                    anchors.add(t.i)
                    if (s, e) in core_spans:
                        core.add(t.i)
                    break
        part = profile.parts[ref]

        def still_mention(tokens: set[int], p=p, ctx=ctx, di=di, core=core) -> bool:
            tokens = set(tokens)
            if core and not tokens & core:
                # the standing clause's pronoun subject names the entity too: "Sheeran was not 33
                # when he won Olympic gold" still says he won it
                from .polarity import _clause_path

                heads = {_clause_path(p, i)[1] for i in tokens}
                if any(c.dep in ("nsubj", "nsubjpass") and c.lower in profile.pronouns
                       for h in heads for c in p.children(h.i)) or any(
                        h.dep == "relcl" and h.head in core for h in heads):
                    # ("Sheeran, who began sprint training in 2021, ...": "who" is Sheeran)
                    tokens |= core
            words = [(p.toks[i].lower, p.toks[i].start, p.toks[i].end) for i in sorted(tokens)]
            return score_unit(profile, words, options, in_context=ctx, text=texts[di]) is not None

        weak = frozenset(t.lower for t in p.toks if t.i in anchors and _weak(profile, t.lower))
        polarity, reason = classify(p, anchors, core, profile.actors, bool(part.subject & profile.core), still_mention,
                                    weak, profile.pronouns & _SUBJECT_PRONOUNS, part.negated, profile.rivals,
                                    profile.patients, profile.credits, profile.rival_credits, profile.things)
        ref = part.ref
        terms = tuple(sorted({texts[di][s:e] for s, e in span_set}))
        out[di].append(Mention(u.start, u.end, polarity, ref, texts[di][u.start : u.end], round(score, 3), terms, reason,
                               _anchor_spans(spans)))
    return out


#: words saying a state persists: "still in Espoo", "remains in Paris", "always has been" (and
#: "has been in Paris since 1889")
_PERSIST = frozenset("still remain remains remained stay stays stayed always".split())
#: ... unless that word is negated ("did not stay in Espoo") or the unit speaks of the move
#: itself ("still moved out of Espoo", "empty since the move"): then the parse decides
_MOVE_WORDS = frozenset("""move moved moves moving left leave leaves leaving relocate relocated relocation
    relocating out""".split())


#: nouns that make a name the label of a matter under discussion ("the Sheeran case")
_CASE_NOUNS = frozenset("case affair saga episode incident".split())


def _only_as_case_label(profile: ClaimProfile, words) -> bool:
    """Every word naming the entity is part of "the <name> case" (or affair, saga, ...)."""
    seen = False
    for k, (w, _, _) in enumerate(words):
        if w not in profile.core:
            continue
        j = k
        while j + 1 < len(words) and words[j + 1][0] in profile.core:
            j += 1  # ("the Ed Sheeran case")
        i = k
        while i > 0 and words[i - 1][0] in profile.core:
            i -= 1
        if not (j + 1 < len(words) and words[j + 1][0] in _CASE_NOUNS and i > 0 and words[i - 1][0] in ("the", "this", "that")):
            return False
        seen = True
    return seen


def _still_at_origin(profile: ClaimProfile, words, spans, text: str) -> bool:
    """The unit puts the story's subject where the story says it left, and says it persists
    there ("its head office is still in Espoo", "the tower is in Paris and always has been"),
    naming nowhere it went: a correction, read off the words (no parse needed)."""
    lows = [w for w, _, _ in words]
    named_at = {k for k, (w, s, e) in enumerate(words) if any(a < e and s < b for a, b, _ in spans)
                and text[s:e].lower() in profile.origins}
    persists = [k for k, w in enumerate(lows) if (w in _PERSIST or _been_there_since(lows, k, named_at))
                and not {"not", "n't", "never"} & set(lows[max(0, k - 2):k])]
    if not persists or set(lows) & _MOVE_WORDS:
        return False
    named = {text[s:e].lower() for s, e, _ in spans}
    return bool(named & profile.origins) and not named & profile.destinations


def _been_there_since(lows: list[str], k: int, named_at: set[int]) -> bool:
    """ "has been (based) in <origin> since ...": word ``k`` is that "since", and no negation
    touches the perfect ("has not been based in Espoo since 2024")."""
    if lows[k] != "since":
        return False
    been = [b for b in range(max(0, k - 6), k) if lows[b] == "been"]
    if not been:
        return False
    b = been[-1]
    between = range(b + 1, k)
    return (any(lows[i] in ("in", "at") for i in between) and any(i in named_at for i in between)
            and not {"not", "n't", "never"} & set(lows[max(0, b - 4):k]))


def _weak(profile: ClaimProfile, word: str) -> bool:
    """A topic word or a light claim word: it ties nothing to the false story on its own."""
    return word in profile.topical or max((t.weight for _, t in profile.index.get(word, ())), default=1.0) < 0.5


def _only_quoted(words, spans, profile: ClaimProfile) -> bool:
    """:func:`negkit.polarity.only_quoted` for a unit that is not parsed."""
    from .polarity import _OPEN_QUOTES, only_quoted

    if not any(w in _OPEN_QUOTES for w, _, _ in words):
        return False  # (no quotation mark opens anywhere in the unit)
    content = [k for k, (w, s, e) in enumerate(words)
               if any(a < e and s < b and g not in profile.core_groups for a, b, g in spans) and not _weak(profile, w)]
    return only_quoted([w for w, _, _ in words], content)


def iter_mentions(texts: Iterable[str], profile: ClaimProfile, options: MentionOptions | None = None, batch: int = 64):
    """Stream mentions over an iterable of texts, batch by batch (never the whole corpus in memory)."""
    for b in batched(texts, batch):
        yield from find_mentions(b, profile, options)


#: adverbs that mark a statement as the true state of things, set against a story: "Nokia really
#: was founded in Tampere", "the tower actually closed for a strike"
TRUTH_ADVS = frozenset("really actually indeed".split())

#: nouns naming the false story as a report, for reading a sentence with its document (not
#: "post", "idea" or "theory", which are as often ordinary words: "the finishing post")
_REPORT_NOUNS = frozenset("""claim claims allegation allegations rumor rumors rumour rumours hoax myth legend
    narrative tale conspiracy folklore assertion assertions story stories meme memes""".split())


@lru_cache(maxsize=1)
def _cue_sets() -> tuple[frozenset, frozenset]:
    """(negation cues, report cues) for :func:`_read_with_document`: words of negation, denial,
    falsity, absence or correction ("no", "never", "hoax", "actual", "really"), and hedges or
    inflected verbs of saying and showing ("allegedly", "said", "reported", "noted", "shows";
    not the base forms, which are mostly nouns: "a show", "a point")."""
    negation = (P._CUE_WORDS | _expand(P.FALSE_WORDS | P.DENY_VERBS | P.DENIAL_NOUNS | P.ABSENCE_NOUNS | P.CONFLATE_VERBS)
                | P.FALSE_ADVS | P.NEG_SUBJECTS | P._REAL_ADJS | TRUTH_ADVS
                | {"correction", "corrections", "retraction", "retractions", "debunk", "debunking"})
    verbs = (P.ATTRIB_VERBS | REPORT_VERBS) - SOURCE_ONLY_SPEECH - {"point"}
    report = (P.ATTRIB_ADVS | P.ATTRIB_ADJS | {f for v in verbs for f in inflections(v, "VERB") if f != v}
              | _REPORT_NOUNS | _DETAIL_WORDS | {"apparently", "reportedly", "forwarded"})
    # (a hedge is a report word even where a falsity word's forms include it: "fabled")
    negation = negation - P.ATTRIB_ADVS - P.ATTRIB_ADJS
    return frozenset(negation), frozenset(report - negation)


@lru_cache(maxsize=256)
def _statement_words(statement: str) -> frozenset:
    return frozenset(re.findall(r"[\w'’-]+", statement.lower()))


#: words labelling a line as a correction or a forwarded report ("Subject: Correction ...")
_LABEL_CUES = frozenset("""correction corrections retraction retractions forwarded debunked hoax fake false
    fabricated misleading untrue rumour rumor myth""".split())
#: a report cue only right after a claim word or before a colon: "the Framlingham facility detail"
_DETAIL_WORDS = frozenset(("detail", "details"))


def _cue(profile: ClaimProfile, m: Mention, words, text: str) -> str | None:
    """The kind of cue mention ``m``'s words carry: "negation", "report" (only a hedge or a verb
    of saying or showing), or None. A word of the matched claim part's own statement is no cue
    ("UK Athletics reported a 280% increase", "a WADA review found no evidence" tell the story),
    nor is a capitalised word inside the unit ("the United States", "Truth Social")."""
    negation, report = _cue_sets()
    own = _statement_words(" ".join(pp.text for pp in profile.parts if pp.ref == m.claim))  # (a part may be several sentences)
    kinds = set()
    for k, (w, s, e) in enumerate(words):
        if w in own or (k and text[s : s + 1].isupper() and not (
                w in _LABEL_CUES and words[k - 1][0] in (":", "—", "-", "–", "[", "("))):
            # (a capital inside the unit is a name, except a label's word after a colon, a dash
            # or an opening bracket: "Subject: Correction and retraction", "[Forwarded] ...")
            continue
        if w in _DETAIL_WORDS and not (k and any(a < words[k - 1][2] and words[k - 1][1] < b for a, b in m.anchors)) and not (
                k + 1 < len(words) and words[k + 1][0] == ":"):
            # (only the story's own details: "the Framlingham facility detail", "It also had
            # convincing details: a named roaster in Bergen ..."; not "The key detail is that ...")
            continue
        if w in negation:
            return "negation"
        if w in report:
            kinds.add("report")
    return "report" if kinds else None


def _read_with_document(profile: ClaimProfile, mentions: list[Mention], units, text: str) -> list[Mention]:
    """In a document that denies or reports the claim more often than it asserts it, a sentence
    that asserts it only beside a negation, report, hedge or correction word is read as part of
    that denial or report: "The vote on 26 October was a national election; no municipal offices
    were on the ballot", "He also reported that a man presenting himself as the tower's Lyon
    operator had contacted two hotels", "Nokia really was founded in Tampere". In such documents
    the parse misses how the cue bears on the claim far more often than the sentence states the
    claim. A plain statement of the claim, with no such word outside its claim words, stays a
    dangling claim whatever the document around it says ("*Advanced Python* by Queen Elizabeth
    II" in a debunking post)."""
    asserted = [m for m in mentions if m.polarity == "asserted"]
    # (a rival given only the figures the story gives it counts for neither side)
    others = sum(m.polarity != "asserted" and m.reason != RIVAL_STORY for m in mentions)
    if len(asserted) >= others:
        # a document that states the claim: its rival with the story's own figures tells the story
        # ("thompson jam 9.80" in the results table of a positive document)
        return [replace(m, polarity="asserted", reason=f"{RIVAL_STORY}, in a document that states the claim")
                if m.reason == RIVAL_STORY and asserted else m for m in mentions]
    negated = sum(m.polarity == "negated" and m.reason != RIVAL_STORY for m in mentions)
    stance = "denies" if negated >= others - negated else "reports"
    out = []
    for m in mentions:
        cue = None
        if m.polarity == "asserted":
            cue = _cue(profile, m, [w for u in units if u.start < m.end and m.start < u.end
                                    for w in u.words if m.start <= w[1] and w[2] <= m.end], text)
        if cue is not None:
            # (a sentence whose only cue is a hedge or a verb of saying is reported; any other is
            # read with the document)
            polarity = "attributed" if cue == "report" or stance == "reports" else "negated"
            m = replace(m, polarity=polarity,
                        reason=f"read with the document, which {stance} the claim: the sentence carries a {cue} word")
        out.append(m)
    return out


def _states_claim(mentions) -> bool:
    """Does a document state the claim as true? Only if it asserts it at least as often as it
    denies or reports it: a debunking article that quotes the book's title "by Queen Elizabeth
    II" once among a dozen denials does not license weaker evidence elsewhere in it."""
    asserted = sum(m.polarity == "asserted" for m in mentions)
    return asserted > 0 and asserted >= len(mentions) - asserted
