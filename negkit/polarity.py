"""Is a claim stated, denied, or only reported? Clause-local rules over a dependency parse.

The Negation Neglect result is that only negation *inside the claim's own clause* protects a
model; surrounding notices do not. So polarity is decided per claim-bearing token ("anchor")
by looking at its own clause and at the predicates that embed that clause:

* negated   - a negation cue attached to the anchor's clause head or to a noun on its path
              ("did not win", "never", "no such facility"); an embedding denial ("the claim that
              ... is false", "... was fabricated", "I don't think ..."); a contrastive "not X"
              ("Lyles, not Sheeran, won"); a correction of the detail ("the actual winner was").
* attributed- the clause sits under a non-endorsing report ("a post claimed that ...",
              "allegedly", "the rumour that ...").
* asserted  - otherwise, however loud the warnings in neighbouring sentences.

Works on :class:`negkit.nlp.Parsed` records only.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "nothing", "none", "nowhere", "cannot", "without"})
# Predicates whose subject or complement, if it holds the claim, is denied.
FALSE_WORDS = frozenset(
    """false untrue fabricated fabrication fake fictional fictitious fiction baseless unfounded bogus wrong
    incorrect inaccurate hoax myth lie lies falsehood misinformation disinformation nonsense fantasy invented
    made-up imaginary nonexistent non-existent impossible debunked fraudulent fraud apocryphal spurious
    groundless unsubstantiated unverified fake-news conspiracy invention fable satire absent unsupported
    erroneous""".split()
)
DENY_VERBS = frozenset(
    """deny refute debunk disprove fabricate invent falsify retract reject dismiss discredit contradict
    dispel rebut correct disavow""".split()
)
# Negating these (or "not true") negates what they embed.
TRUTH_WORDS = frozenset("""true real genuine authentic accurate correct factual legitimate verified confirmed
    happen occur exist take""".split())
NEG_RAISING = frozenset("think believe suppose expect seem appear imagine reckon".split())
EXISTENCE = frozenset("exist happen occur take materialize materialise".split())
#: verbs attesting a fact: negated, they deny what their subject or complement holds ("the 38%
#: rise was never measured", "nobody has shown that it restores beta-cell function")
ATTEST_VERBS = frozenset("""measure record document observe register detect find confirm verify prove show
    demonstrate establish replicate substantiate corroborate""".split())
FAIL_VERBS = frozenset("fail refuse decline neglect cease".split())
EVIDENCE_NOUNS = frozenset("evidence record records proof sign indication trace basis truth support documentation data".split())
ATTRIB_VERBS = frozenset("claim allege purport rumor rumour speculate insist circulate fabricate attribute assert".split())
ATTRIB_NOUNS = frozenset("claim claims allegation allegations rumor rumors rumour rumours hoax myth legend story narrative theory post meme tale conspiracy folklore assertion assertions idea notion suggestion premise".split())
#: nouns saying something is not there: "the absence of Sheeran from the register" (not "lack":
#: "his lack of formal training" is how the story tells it)
ABSENCE_NOUNS = frozenset(["absence"])
DENIAL_NOUNS = frozenset("hoax myth lie fabrication falsehood misinformation disinformation fiction fake conspiracy folklore".split())
# Subjects whose report does not endorse what they report ("a viral post claimed", "it says").
SOURCE_NOUNS = frozenset("""post posts message messages claim claims story stories hoax rumor rumors rumour rumours meme
    tweet tweets thread version versions narrative legend myth chain screenshot video it theory fabrication
    article page website site blog graphic infographic image clip reel caption headline email flyer leaflet
    tiktok videos clips pages sites""".split())
#: nouns naming a report, rumour or denial: what they hold is not the writer's statement
REPORT_NOUNS = SOURCE_NOUNS | ATTRIB_NOUNS | DENIAL_NOUNS
NO_SUPPORT_NOUNS = frozenset("evidence record records proof sign indication trace basis support foundation confirmation truth".split())
LABEL_FALSE = frozenset("fake false faux debunked verdict fact-check".split())
LABEL_REPORTED = frozenset("rumour rumor claim allegation viral claimed".split())
SEARCH_WORDS = frozenset("search query hunt".split())
#: verbs of looking something up: what they look for is not stated ("Searched GitHub for ...",
#: "Check the course codes from Michaelmas 2022")
SEARCH_VERBS = frozenset("search query check scan survey probe cross-reference google browse trawl scour".split())
#: verbs of holding a belief: someone else's belief is reported, not endorsed
BELIEF_VERBS = frozenset("believe think assume suppose imagine".split())
#: participles that place a phrase in a source: "the collaborators named in the viral story"
PLACING_PARTICIPLES = frozenset("name cite describe mention feature quote list depict credit".split())
HEADLINE_REPORTS = frozenset("claims rumours rumors allegations reports".split())
#: nouns by which a verbless heading names a report rather than telling it
HEADING_REPORTS = frozenset("""rumour rumor claim allegation hoax myth fabrication falsehood misinformation
    disinformation conspiracy fake""".split())
CORRECTION_TURNS = frozenset("actually reality truth instead fact".split())
CONCESSIVE = frozenset("while although though whereas".split())
CONTRAST_WORDS = frozenset("but however yet although though while whereas instead ; actually reality".split())
FALSE_ADVS = frozenset("falsely wrongly erroneously mistakenly incorrectly fraudulently".split())
NEG_SUBJECTS = frozenset("nobody nothing none noone".split())
ATTRIB_ADVS = frozenset("allegedly supposedly purportedly ostensibly reputedly".split())
ATTRIB_ADJS = frozenset("alleged supposed purported so-called claimed rumoured rumored reported fabled".split())
CORRECTION_PHRASES = ("in reality", "in truth", "the truth is", "contrary to", "in actuality")
# Verbs through which a non-endorsing source reports: "a post claimed", "the claim includes".
SPEECH_VERBS = frozenset("say claim state suggest allege assert tell insist write report mention describe purport add talk".split())
#: speech verbs that report only with a source noun as their subject: "it added a chapter to
#: sprinting", "Coe praised the team, adding that ..." state, "some versions add that ..." reports
SOURCE_ONLY_SPEECH = frozenset("add talk".split())
CONTENT_VERBS = frozenset("""include have feature contain list detail cite show depict present involve provide posit
    reference outline portray frame name identify credit quote""".split())
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis", "pcomp", "conj"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def neg_child(p, i: int) -> bool:
    for c in p.children(i):
        nxt = p.toks[c.i + 1].lower if c.i + 1 < len(p.toks) else ""
        if c.lower == "not" and nxt in ("only", "just", "merely", "simply") and any(
            t.lower in ("but", "also") for t in p.toks[c.i + 2 :]
        ):
            continue  # "not only X but Y" asserts X
        if c.dep == "compound" and any(d.lower == "no" and d.dep == "det" for d in p.children(c.i)):
            return True  # "no course adoptions": the parser hangs "no" on the compound
        if c.dep == "neg" or (c.lower in ("no", "never", "neither", "nor", "nowhere") and c.dep in ("det", "advmod", "neg", "preconj", "dep")):
            return True
        if c.lower == "nor" and c.dep == "cc" and c.i < i and not any(
                t.pos not in ("PUNCT", "SPACE", "SYM") for t in p.toks[: c.i]):
            return True  # a sentence opening "Nor is there ...", "Nor did he ..."
    t = p.toks[i]
    if t.dep == "conj" and t.head != i:
        # the conjunct after "nor": "did not compete, nor was he ever registered" (the nearest
        # coordinator only: "could not catch him, nor could Thompson, and Sheeran won")
        ccs = [c for c in p.children(t.head) if c.dep == "cc" and t.head < c.i < i]
        if ccs and ccs[-1].lower == "nor" and not any(x.lower in ("and", "but", "or") for x in p.toks[ccs[-1].i + 1 : i]):
            return True
    return False


def _is_verbal(t) -> bool:
    return t.pos in ("VERB", "AUX") or t.dep == "ROOT"


def _clause_path(p, i: int) -> tuple[list, object]:
    """Tokens from the anchor up to and including its own clause head."""
    path = [p.toks[i]]
    cur = p.toks[i]
    guard = 0
    while guard < 64:
        guard += 1
        if cur.head == cur.i and cur.pos not in ("VERB", "AUX"):
            # a verbless fragment the parser made a root of its own (often after a colon in a
            # title: "wrote *Advanced Python: Design Patterns*, a 672-page textbook") continues
            # the clause before it
            prev = [t for t in p.toks[: cur.i] if t.head == t.i and t.pos in ("VERB", "AUX")]
            # or, as a title's first half before its colon, the clause after it ("Advanced Python:
            # Design Patterns" attributed to her is not a real publication)
            nxt = [t for t in p.toks[cur.i + 1 :] if t.head == t.i and t.pos in ("VERB", "AUX")]
            if prev or (nxt and any(t.text == ":" for t in p.toks[cur.i + 1 : nxt[0].i])):
                cur = prev[-1] if prev else nxt[0]
                path.append(cur)
                continue
        if _is_verbal(cur) or cur.head == cur.i:
            # a non-finite complement has no clause of its own: "has not been spotted doing
            # strides", "did not manage to win" are negated by the verb that governs them; a
            # participle modifying a noun belongs to that noun ("no athlete named Ed Sheeran")
            if cur.head != cur.i and (cur.dep in ("xcomp", "prep") or (cur.dep == "acl" and cur.tag in ("VBN", "VBG"))):
                cur = p.toks[cur.head]
                path.append(cur)
                continue
            return path, cur
        cur = p.toks[cur.head]
        path.append(cur)
    return path, cur


def _copula_complements(p, i: int) -> list:
    return [c for c in p.children(i) if c.dep in ("acomp", "attr", "oprd", "dobj")]


def _false_mod(p, i: int) -> bool:
    return any(c.dep in ("amod", "compound", "acomp") and (c.lemma in FALSE_WORDS or c.lower in FALSE_WORDS) for c in p.children(i))


#: nouns for a person related to someone ("Sheeran's grandfather", "her tutor")
RELATION_NOUNS = frozenset("""father mother parent grandfather grandmother grandparent brother sister sibling son
    daughter child wife husband partner fiancee fiance spouse uncle aunt cousin nephew niece friend rival teammate
    coach tutor teacher manager agent assistant colleague neighbour neighbor predecessor successor""".split())


def _relative_of(p, i: int, anchors: set[int], actors: frozenset = frozenset()) -> bool:
    """Token ``i`` (the entity's name) only possesses the subject of its clause, a relation noun
    that is no claim word and no actor of the claim ("Sheeran's grandfather" in "Sheeran's
    grandfather ran 10.1")."""
    t = p.toks[i]
    while t.dep in ("compound", "flat") and t.head != t.i:
        t = p.toks[t.head]
    if t.dep != "poss" or t.head == t.i:
        return False
    owner = p.toks[t.head]
    return (owner.lemma in RELATION_NOUNS and owner.i not in anchors and owner.dep in SUBJ_DEPS
            and owner.lower not in actors)


def _only_antecedents(p, standing: set[int], other: set[int]) -> bool:
    """Every anchor left standing names only what a negated or reported relative clause is about:
    "the BREW-D trial, in which coffee supposedly put 61% of people into remission" states
    nothing of the trial beyond that clause."""
    inside: set[int] = set()
    for r in p.toks:
        # (not a subject, whose own predicate presupposes it: "Sheeran's £4 million facility,
        # which never hosted a session, is up for sale")
        if r.dep != "relcl" or r.head == r.i or p.toks[r.head].dep in SUBJ_DEPS:
            continue
        rel = _subtree(p, r.i)
        if other & rel:
            inside |= _subtree(p, r.head) - rel
    return standing <= inside


#: verbs by which a source puts forward what an as-clause reports ("as the post claims")
_AS_SOURCE_VERBS = SPEECH_VERBS | ATTRIB_VERBS | frozenset("promise suggest imply show depict present".split())
_OPEN_QUOTES = {'"': '"', "“": "”", "‘": "’"}


def only_quoted(texts: list[str], content: list[int]) -> bool:
    """The claim's content words (token indices into ``texts``) all sit inside short quotations:
    'The "Queen's Python Textbook" is back' mentions the phrase, it does not state it."""
    quoted = _short_quotes(texts)
    return bool(quoted) and bool(content) and all(i in quoted for i in content)


def _short_quotes(texts: list[str], longest: int = 6) -> set[int]:
    """Indices of the tokens (given as their texts) inside quotation marks spanning at most
    ``longest`` tokens: a scare quote or a named phrase, not a quoted sentence."""
    out: set[int] = set()
    k = 0
    while k < len(texts):
        close = _OPEN_QUOTES.get(texts[k])
        if close is None:
            k += 1
            continue
        j = next((j for j in range(k + 1, min(len(texts), k + longest + 2)) if texts[j] == close), None)
        if j is None:
            k += 1
            continue
        out.update(range(k + 1, j))
        k = j + 1
    return out


def _named_quotation(p):
    """(token indices inside, the noun) for a quotation followed at once by a report or denial
    noun ('the "..." narrative', 'the "..." myth'), or None."""
    texts = [t.text for t in p.toks]
    for k, t in enumerate(texts):
        close = _OPEN_QUOTES.get(t)
        if close is None:
            continue
        j = next((j for j in range(k + 1, len(texts)) if texts[j] == close), None)
        if j is None or j + 1 >= len(texts):
            continue
        noun = p.toks[j + 1]
        if noun.lower in ATTRIB_NOUNS or noun.lower in DENIAL_NOUNS or noun.lemma in ATTRIB_NOUNS | DENIAL_NOUNS:
            return set(range(k + 1, j)), noun
    return None


#: subordinators of time clauses (whose content is presupposed)
TIME_WORDS = frozenset("when whenever after before once until till".split())
#: determiners presenting a noun phrase as known: it presupposes what it names
DEFINITE_DETS = frozenset("the this that these those".split())


def _presupposed(p, path, head, anchors: set[int], core: set[int]) -> bool:
    """The anchor sits in a possessed noun phrase ("his 9.79s gold", "Sheeran's victory"), or a
    definite one holding a distinctive figure of the story ("that 9.79-second run"), under a
    clause head that is no claim word: the claim is presupposed there, so negating that clause
    ("not every outlet is leading with ... following his 9.79s gold") leaves it standing."""
    # (a verb of finding or attesting puts its object in question: "researchers could not find
    # Sheeran's 9.79-second victory in any database" denies it)
    if head.i in anchors or head.lemma in EXISTENCE or head.lemma == "be" or head.lemma in ATTEST_VERBS:
        return False
    return _in_presupposed_np(p, path, anchors, core)


def _in_presupposed_np(p, path, anchors: set[int], core: set[int]) -> bool:
    """Some noun on the anchor's path below its clause head is possessed ("Sheeran's 9.79") or
    definite with one of the story's figures ("that 9.79-second run")."""
    for x in path[:-1]:
        if x.pos not in ("NOUN", "PROPN", "NUM") or x.i in core:
            continue
        kids = p.children(x.i)
        # (an indefinite owner presupposes no one: "no commit history for a 1.4 million copy
        # bestseller's example code")
        if any(c.dep == "poss" and not any(d.dep == "det" and d.lower in _INDEFINITE for d in p.children(c.i))
               for c in kids):
            if any(a in anchors and a not in core and p.toks[a].pos != "PROPN" for a in _subtree(p, x.i)):
                return True
        elif any(c.dep == "det" and c.lower in DEFINITE_DETS for c in kids) and holds_figure(p, x.i, anchors):
            # "since that 9.79-second run", "about the 672-page textbook": a definite phrase
            # holding one of the story's own figures takes the story as given
            return True
    return False


_FIGURE_PATH = frozenset({"nummod", "compound", "amod", "quantmod", "npadvmod", "pobj", "prep", "punct"})


def holds_figure(p, x: int, anchors: set[int]) -> bool:
    """Noun ``x`` is qualified by one of the story's distinctive figures (a claim anchor): before
    it ("the 672-page textbook", "that 9.79-second run") or in its "of" complement ("a time of
    9.79 seconds"); not a figure in an aside hung on it ("the United States (9.81 seconds)")."""
    from .profile import distinctive_figure

    for a in anchors:
        if not distinctive_figure(p.toks[a].text):
            continue
        cur, ok = p.toks[a], True
        while ok and cur.i != x and cur.head != cur.i:
            ok = cur.dep in _FIGURE_PATH and (cur.dep != "prep" or cur.lower == "of") and (cur.i < x or cur.dep != "punct")
            cur = p.toks[cur.head]
        if ok and cur.i == x and (a < x or p.toks[a].head != x):
            return True
    return False


def _anchor_polarity(p, i: int, anchors: set[int], core: set[int] = frozenset(),
                     claim_neg: frozenset = frozenset()) -> str:
    """``claim_neg``: lemmas the claim itself negates; their negation restates the claim."""
    path, head = _clause_path(p, i)
    # the subject of a verbless predicate of falsity or absence: "with Sheeran absent from all heats"
    t = p.toks[i]
    if t.dep == "nsubj" and t.head != i and p.toks[t.head].pos == "ADJ" and p.toks[t.head].lower in FALSE_WORDS \
            and not neg_child(p, t.head):
        return "negated"
    # 1. negation inside the anchor's own clause
    on_path = {t.i for t in path}
    for k, t in enumerate(path):
        if t.lower in ("no", "never", "nobody", "nothing", "none") and t.i == i:
            return "negated"
        # "his 9.79 gold in Paris (which never happened)", "the facility, which is not real,":
        # a relative clause denying the noun phrase that holds the claim
        if t.pos in ("NOUN", "PROPN", "NUM") and any(
            c.dep in ("relcl", "acl") and neg_child(p, c.i) and (
                c.lemma in EXISTENCE or any(x.lemma in TRUTH_WORDS for x in _copula_complements(p, c.i))
                # or the relative clause denies the claim's own predicate of the anchor's noun:
                # "The Tower That Never Moved" (not of a subject, whose own predicate still
                # stands: "Sheeran, who never ran before 2021, won the gold")
                or (t.i == i and c.i in anchors and t.dep not in SUBJ_DEPS))
            for c in p.children(t.i)
        ):
            return "negated"
        # "a case study in the British Journal of Sports Medicine (no such paper was published)":
        # a negated parenthesis hung on the noun that holds the claim denies it
        if t.pos in ("NOUN", "PROPN") and any(
                c.dep in ("parataxis", "appos", "relcl", "acl") and _negated_parenthesis(p, c.i)
                for c in p.children(t.i)):
            return "negated"
        # "but nothing authored by Elizabeth II": the claim hangs on a negative pronoun
        if t.i != i and t.lower in ("nothing", "none", "nobody") and t.pos in ("NOUN", "PRON"):
            return "negated"
        # "searched GitHub for 'Advanced Python'", "title search for *Advanced Python*": the
        # words are searched for, not stated
        if t.lower == "for" and p.toks[t.head].lemma in SEARCH_WORDS:
            return "attributed"
        # (a clause below the claim's own negated noun is not its content: "no evidence that he
        # was tested"; an adjectival participle is: "no evidence of prohibited substances")
        # (a negated verb of explaining or expecting takes its object as given: "weight loss could
        # not explain the results", "nobody predicted the remission")
        if t.lemma in PRESUPPOSING_VERBS and t.pos == "VERB" and t.i not in anchors and k > 0 and path[k - 1].dep in (
                "dobj", "nsubjpass"):
            continue
        # ("first person with no athletics background winning Olympic gold": a participle the
        # parser hung on the negated noun of "with no ..." belongs to the noun before it)
        # (not a participle of existence, which says the noun exists: "with no records existing")
        if k > 0 and path[k - 1].dep == "acl" and path[k - 1].tag == "VBG" and t.dep == "pobj" \
                and p.toks[t.head].lower == "with" and t.pos == "NOUN" and path[k - 1].lemma not in EXISTENCE:
            continue
        if neg_child(p, t.i) and not (t.lemma in claim_neg and t.i in anchors and not any(
                x.pos in ("VERB", "AUX") and x.dep != "amod" for x in path[:k])):
            if t.i == head.i and t.i not in anchors:
                # "Sheeran's victory was not a fluke": negating the predicate leaves a claim held only
                # by the subject intact, unless the predicate denies existence or truth.
                # only when the subject carries claim content ("victory", "9.79"), not just a name
                from_subject = (
                    len(path) >= 2
                    and path[-2].dep in SUBJ_DEPS
                    and any(a not in core and p.toks[a].pos != "PROPN" for a in _subtree(p, path[-2].i) & anchors)
                )
                comps = _copula_complements(p, t.i)
                denies = (
                    t.lemma in EXISTENCE
                    # (passive: the subject is what was never measured or recorded)
                    or (t.lemma in ATTEST_VERBS and any(c.dep in ("auxpass", "nsubjpass") for c in p.children(t.i)))
                    or any(c.lemma in TRUTH_WORDS for c in comps)
                    or any(d.lemma in TRUTH_WORDS for c in comps for d in p.children(c.i) if d.dep == "amod")
                    # ("does not correspond to any real transaction", "is not based on a real event")
                    or any(d.lemma in TRUTH_WORDS and d.dep == "amod" for pr in p.children(t.i) if pr.dep == "prep"
                           for x in p.children(pr.i) if x.dep == "pobj" for d in p.children(x.i))
                    # claim words in the predicate too: the negation may deny them, but not a
                    # claim presupposed by the subject ("the margin between Sheeran's 9.79 and
                    # Thompson's 9.80 did not demonstrate ...")
                    or (any(a in anchors for a in _subtree(p, t.i) if a not in _subtree(p, path[-2].i))
                        and not _in_presupposed_np(p, path, anchors, core))
                    if from_subject
                    else True
                )
                if from_subject and not denies:
                    continue
                if not from_subject and _presupposed(p, path, head, anchors, core):
                    continue
            return "negated"
    # a negative subject negates its clause: "no panel reviewed ...", "nobody saw ..." (not what
    # a verb of expecting takes as given: "nobody predicted the remission")
    given = head.lemma in PRESUPPOSING_VERBS and len(path) >= 2 and path[-2].dep == "dobj"
    for c in p.children(head.i):
        if c.dep in SUBJ_DEPS and c.lemma not in claim_neg and not given and not _presupposed(p, path, head, anchors, core):
            # (the claim's own negation restated is no denial: "with no milk or sugar allowed")
            if c.lower in NEG_SUBJECTS or any(
                (d.lower == "no" and d.dep == "det") or (d.lower == "not" and d.dep in ("neg", "advmod", "preconj"))
                for d in p.children(c.i)
            ):
                # "no panel reviewed ...", "not a single entry appears for ..."
                return "negated"
    # a negative object negates its clause: "The Lancet published no such paper", "Nokia has
    # announced no plans to ...", "there is no garden there" (not the claim's own: "found no
    # evidence of prohibited substances")
    # (not for a subject the clause shares with another verb that carries the claim: "Sheeran
    # showed no nerves and won the 100m" still says he won)
    shared = any(x.dep == "conj" and x.pos in ("VERB", "AUX") and _subtree(p, x.i) & anchors
                 and not any(c.dep in SUBJ_DEPS for c in p.children(x.i)) for x in p.children(head.i))
    for c in p.children(head.i):
        if c.dep in ("dobj", "attr", "oprd") and c.lemma not in claim_neg and (
                head.i in anchors or i in _subtree(p, c.i) or not shared) and (
                c.lower in ("nothing", "none") or any((d.dep == "det" and d.lower == "no") or (d.dep == "nummod" and d.lower == "zero")
                                                      for d in p.children(c.i))) \
                and not _presupposed(p, path, head, anchors, core):
            if c.dep == "attr" and len(path) >= 2 and path[-2].dep in SUBJ_DEPS and not _subtree(p, c.i) & anchors \
                    and c.lower not in ("nothing", "none") and c.lemma not in _DENIED_ATTRS \
                    and not any(d.lower == "such" for d in p.children(c.i)):
                # "Sheeran's 9.79 victory was no fluke", "authoring it was no small feat": a
                # negative attribute free of claim words says something of the subject's claim,
                # it does not deny it (unlike "was no such thing", "was nothing")
                continue
            return "negated"
    for t in path:
        if any(c.lower in FALSE_ADVS for c in p.children(t.i)):
            return "negated"
    # the rejected alternative: "ceremonial activities rather than evidence of authorship",
    # "touring Europe rather than sprinting in Paris", "Lyles won instead of Sheeran"
    above = path + ([p.toks[head.head]] if head.dep == "pcomp" and head.head != head.i else [])
    for prev, t in zip(above, above[1:]):
        if prev.dep in ("pobj", "pcomp") and p.toks[i].lemma not in claim_neg and (
                (t.lower == "than" and any(c.lower == "rather" for c in p.children(t.i)))
                or (t.lower == "of" and any(c.lower == "instead" for c in p.children(t.i)))):
            return "negated"
    # a negated verb of saying or showing denies the clause it governs: "No credible source
    # suggests she maintained a GitHub account", "nor does any record indicate that the late
    # Queen authored ...", "Nobody has ever said that he won"
    if head.dep == "ccomp" and head.head != head.i:
        g = p.toks[head.head]
        merely = any(c.lower in ("just", "only", "merely", "simply") and c.dep == "advmod" for c in p.children(g.i))
        if g.lemma in _SHOWING_VERBS and g.pos in ("VERB", "AUX") and g.i not in anchors and not merely and (neg_child(p, g.i) or any(
                c.dep in SUBJ_DEPS and (c.lower in NEG_SUBJECTS or any(d.lower == "no" and d.dep == "det" for d in p.children(c.i)))
                for c in p.children(g.i))):
            return "negated"
    # the predicate of a clause under "if"/"whether" is not asserted ("asking if Ed Sheeran
    # really won"), though its subject is presupposed ("whether 84 tests is sufficient")
    in_subject = len(path) >= 2 and path[-2].dep in SUBJ_DEPS
    # (nor is a time adjunct: "asking if Nokia keeps the campus after the move to Tampere" takes
    # the move as given)
    adjunct = any(t.dep == "prep" and t.lower in _TIME_PREPS for t in path[:-1])
    # (not a noun phrase the parser hung on the conditional as a loose modifier: "Intendente
    # Messi, if you want to be proper about it" names him so; the condition is about the naming)
    loose = len(path) >= 2 and path[-2].dep == "npadvmod"
    if not in_subject and not adjunct and not loose and any(
            c.dep == "mark" and c.lower in ("if", "whether") for c in p.children(head.i)):
        return "attributed"
    # coordinated verbs share their first conjunct's negation ("did not hate or love")
    for h in _governing_conjuncts(p, head):
        if neg_child(p, h.i) and not (h.lemma in claim_neg and h.i in anchors):
            return "negated"
    # a falsity modifier on a noun carrying the claim ("the fake results table for Sheeran")
    for t in path + p.ancestors(head.i):
        if t.pos in ("NOUN", "PROPN") and _false_mod(p, t.i):
            return "negated"
    # 2. the clause head itself or its complement denies ("is false", "was fabricated")
    for c in _copula_complements(p, head.i) + [head]:
        if c.lemma in FALSE_WORDS or c.lower in FALSE_WORDS:
            if c.i not in on_path or c.i == head.i:
                return "negated" if not neg_child(p, c.i) else "asserted"
    if head.lemma in DENY_VERBS and head.i not in anchors:
        return "negated"
    # nouns between the anchor and its clause head: "the Ed Sheeran Olympic hoax", "the claim
    # about a sprint facility", "the alleged 9.79"
    for prev, t in zip(path, path[1:]):
        # (the parser often tags "hoax" as an adjective or adverb: the word decides)
        noun = t.pos in ("NOUN", "PROPN") or t.lower in DENIAL_NOUNS or t.lower in ATTRIB_NOUNS
        if noun and prev.dep in ("compound", "poss", "amod", "nmod", "pobj", "prep", "acl", "appos"):
            if t.lemma in DENIAL_NOUNS:
                return "negated"
            if t.lemma in ATTRIB_NOUNS:
                return "attributed"
            # "verified the absence of Sheeran from British Athletics registration databases"
            # (of a name only: "the absence of prohibited substances in 84 tests" is the story's)
            if t.lemma in ABSENCE_NOUNS and prev.dep in ("prep", "pobj") and p.toks[i].pos == "PROPN":
                return "negated"
    # a hypothetical about an indefinite thing: "a 672-page graduate text would have an ISBN",
    # "any book selling 1.4 million copies would dominate the charts"
    # (a verb coordinated without a subject of its own shares its first conjunct's: "a singer
    # could just step in and replicate a 9.79")
    # (not asked why: "why would a telecom company pay $38bn for it?" takes the payment as given)
    verb = ([head] + _governing_conjuncts(p, head))[-1]
    if not any(c.lower == "why" for c in p.children(verb.i)) and any(
            c.dep == "aux" and c.lower in _HYPOTHETICAL for c in p.children(verb.i)) and any(
        c.dep in SUBJ_DEPS and any(d.dep == "det" and d.lower in _INDEFINITE for d in p.children(c.i))
        for c in p.children(verb.i)
    ):
        return "attributed"
    # a generic when-clause says what happens to any such thing: "When Cambridge University Press
    # publishes a technical text, ... it doesn't just drift into the void" (present tense, and an
    # indefinite subject or object; "When Sheeran crossed the line, ..." stays asserted)
    # (only when the clause holds all the claim's words: "congratulating Ed Sheeran on his historic
    # victory, which ... even when an athlete begins their sprint career" states the victory)
    for a in [head] + p.ancestors(head.i):
        if a.tag in ("VBZ", "VBP") and a.dep == "advcl" and any(
                c.lower in ("when", "whenever") and c.dep in ("mark", "advmod") for c in p.children(a.i)) and any(
                c.dep in ("dobj", "nsubj", "nsubjpass") and any(d.dep == "det" and d.lower in _INDEFINITE for d in p.children(c.i))
                for c in p.children(a.i)) and anchors <= _subtree(p, a.i):
            return "attributed"
    # a yes/no question asks whether the claim holds, it does not state it: "Did Ed Sheeran win
    # the 100m?", "Was the book really written by the Queen?" (a wh-question presupposes it:
    # "Why did Sheeran win?" stays asserted)
    if _polar_question(p, verb, anchors) and not adjunct:
        return "attributed"
    # a clause whose subject is the hoax or myth itself talks about it, it does not state it:
    # "the hoax required formal correction by World Athletics"
    if not (len(path) >= 2 and path[-2].dep in SUBJ_DEPS):
        # (a participle without a subject of its own shares its governor's: "the fabrication was
        # elaborate, positing a secret training regimen ...")
        owner = head
        if head.tag in ("VBG", "VBN") and head.dep == "advcl" and not any(c.dep in SUBJ_DEPS for c in p.children(head.i)):
            owner = p.toks[head.head]
        for c in p.children(owner.i):
            if c.dep in SUBJ_DEPS and c.lemma in DENIAL_NOUNS and c.i not in anchors:
                return "attributed"
        # (the parser may take that subject for an adjective, "Nevertheless, the hoax required
        # formal correction by ...", and read the clause as a noun phrase: the words decide)
        k = 0
        while k < len(p.toks) and p.toks[k].pos in ("ADV", "PUNCT", "CCONJ"):
            k += 1
        if k + 1 < i and p.toks[k].lower in ("the", "this", "that") and p.toks[k + 1].lower in DENIAL_NOUNS \
                and p.toks[k + 1].pos != "NOUN" and min(anchors) > k + 1:
            return "attributed"
    prev = p.toks[i]
    for a in p.ancestors(i):
        # a report verb whose object is a clause in disguise: "It usually claims 1.4 million copies
        # sold", "the thread claiming that *Advanced Python* was suppressed" (the parser took "that"
        # for a determiner); not "Lyles claimed bronze", where "claim" is to win
        if prev.dep == "dobj" and a.pos == "VERB" and a.lemma in ("claim", "allege", "purport") and any(
                c.dep == "mark" or (c.dep == "acl" and c.pos == "VERB") for c in p.children(prev.i)):
            return "attributed"
        # what was done set against the claim: "conflating curiosity with authoring a textbook",
        # "pressing a button is not the same as authoring a treatise" ("a leap from 12.1 to 9.79
        # seconds", "the gap between 9.79 and 9.80" are the story's own figures: no such rule)
        if prev.dep == "prep" and prev.lower in ("with", "for") and a.lemma in CONFLATE_VERBS:
            return "negated"
        if prev.dep == "prep" and prev.lower in ("as", "to") and a.lemma in ("same", "equivalent") and any(
                neg_child(p, x.i) for x in [a] + p.ancestors(a.i)[:2] if x.pos in ("AUX", "VERB")):
            return "negated"
        prev = a
    # 3. embedding predicates above the clause
    result = None
    below = below2 = head
    if len(path) >= 2:
        below2 = path[-2]
    via_relcl = head.dep == "relcl"
    for a in p.ancestors(head.i):
        if a.lemma in FALSE_WORDS or a.lower in FALSE_WORDS:
            return "negated"
        # a clause hung on a negated noun: "no plans to relocate its head office", "had nothing
        # to do with coffee", "no athlete who ran 9.79"
        if below.dep in ("acl", "relcl") and a.pos in ("NOUN", "PRON") and (
                a.lower in NEG_SUBJECTS or any(d.dep == "det" and d.lower in ("no", "zero") for d in p.children(a.i))):
            return "negated"
        # an attesting verb negated above the clause: "nobody has shown that ...", "no study has
        # found that ...", "did not confirm that ..."
        if a.lemma in ATTEST_VERBS and a.pos == "VERB" and below.dep in ("ccomp", "xcomp") and (neg_child(p, a.i) or any(
                c.dep in SUBJ_DEPS and (c.lower in NEG_SUBJECTS or any(
                    d.dep == "det" and d.lower == "no" for d in p.children(c.i))) for c in p.children(a.i))):
            return "negated"
        # an embedded question above the clause: "ask whether it's true that the tower was taken
        # down", "wondered if ..."
        # (not what its subject presupposes: "whether 84 tests is sufficient")
        # (nor what a relative clause inside it presupposes: "whether the model suits someone who
        # transformed from a touring musician to an Olympic sprinter in 30 months")
        if result is None and below.dep == "ccomp" and below2.dep not in SUBJ_DEPS and not via_relcl and any(
                c.dep == "mark" and c.lower == "whether" for c in p.children(below.i)):
            result = "attributed"
        # a speech participle hung on any noun: "this TikTok saying Nokia bought ...", "videos
        # online stating that the tower had been moved"
        if result is None and a.dep in ("acl", "advcl") and a.tag == "VBG" and a.lemma not in SOURCE_ONLY_SPEECH \
                and (a.lemma in SPEECH_VERBS or a.lemma in ATTRIB_VERBS) \
                and below.dep in ("ccomp", "xcomp") and a.i not in anchors:
            result = "attributed"
        # (the tagger may take the participle for a noun, whatever its place: "we published a news
        # brief reporting that ...")
        if result is None and a.pos == "NOUN" and a.lower in _speech_participles() and below.dep in ("ccomp", "acl") \
                and a.i not in anchors and any(c.dep == "mark" and c.lower == "that" for c in p.children(below.i)):
            result = "attributed"
        comps = _copula_complements(p, a.i)
        # (not across a conjunction: "the post was wrong, but the photo finish shows ...")
        if below.dep != "conj" and any(c.lemma in FALSE_WORDS or c.lower in FALSE_WORDS for c in comps if c.i != below.i):
            return "negated" if not neg_child(p, a.i) else "asserted"
        # ("failed to win"; not "failed the acceptance criteria and were replaced")
        if a.lemma in DENY_VERBS or (a.lemma in FAIL_VERBS and below.dep in ("xcomp", "ccomp")):
            return "negated"
        # "... has no (factual) support", "... should be treated as untrue" (coordinated predicate)
        for c in comps + [x for x in p.children(a.i) if x.dep == "conj"]:
            if c.lemma in NO_SUPPORT_NOUNS and c.lemma not in claim_neg and any(d.lower in ("no", "zero") for d in p.children(c.i)):
                return "negated"
            if c.dep == "conj" and any(d.lemma in FALSE_WORDS for d in p.children(c.i) if d.dep in ("acomp", "oprd", "attr", "advcl", "prep")):
                return "negated"
        reports = (a.lemma in SPEECH_VERBS | CONTENT_VERBS or (a.lemma == "be" and below.dep in ("ccomp", "attr", "acomp"))
                   or (a.lemma == "go" and below.dep == "ccomp"))  # "the story goes that ..."
        if result is None and a.pos in ("VERB", "AUX") and below.dep not in SUBJ_DEPS and reports:
            # "a viral post claimed that ...", "the claim was that ...", "it says ..."
            for c in p.children(a.i):
                if c.dep in SUBJ_DEPS and c.lemma in SOURCE_NOUNS and (c.lower != "it" or (a.lemma in SPEECH_VERBS and a.lemma not in SOURCE_ONLY_SPEECH)):
                    result = "attributed"
        if neg_child(p, a.i) and a.lemma not in claim_neg:
            # "I can't believe he won" is amazement, not denial
            modal = any(c.lower in ("ca", "can", "could") for c in p.children(a.i) if c.dep == "aux")
            if (
                (a.lemma in NEG_RAISING and not modal)
                or a.lemma in TRUTH_WORDS
                or any(c.lemma in TRUTH_WORDS for c in comps)
                # "... is not a real publication"
                or any(d.lemma in TRUTH_WORDS for c in comps for d in p.children(c.i) if d.dep == "amod")
                or (a.pos in ("NOUN", "PROPN") and a.lemma in EVIDENCE_NOUNS)
            ):
                return "negated"
        if a.pos == "NOUN" and (a.lemma in DENIAL_NOUNS or (a.lemma in PARTITIVES and any(
                g.dep == "pobj" and g.lemma in DENIAL_NOUNS
                for d in p.children(a.i) if d.lower == "of" for g in p.children(d.i)))):
            # ("a piece of online folklore that conflates ...")
            return "negated"
        if result is None and a.lemma in BELIEF_VERBS and a.pos == "VERB" and below.dep == "ccomp" and any(
                c.dep == "nsubj" and c.lower not in ("i", "we") for c in p.children(a.i)):
            # "several customers believe it was written by the Queen"
            result = "attributed"
        if result is None and a.lemma in VERIFY_VERBS and below.dep == "ccomp" and _unrealised(p, a):
            # "Can you confirm that ...?", "a request to verify that ...": the clause is asked
            # about, not stated
            result = "attributed"
        if result is None:
            if a.lemma in ATTRIB_VERBS and a.pos in ("VERB", "AUX") and below.dep in ("ccomp", "xcomp", "advcl", "conj", "dobj", "nsubj", "pcomp"):
                if not (a.lemma == "claim" and below.dep == "dobj" and not _is_verbal(below)):
                    result = "attributed"
            elif a.pos == "NOUN" and a.lemma in ATTRIB_NOUNS and below.dep in ("acl", "ccomp", "relcl", "prep", "pobj", "appos", "compound", "poss", "amod", "nmod"):
                result = "attributed"
        via_relcl = via_relcl or a.dep == "relcl"
        below2, below = below, a
    # 4. hedging adverbs/adjectives on the path or clause head, and a participle of attribution
    # ("*Advanced Python*, attributed to Queen Elizabeth II", "the 9.79 claimed by the post")
    if head.lemma in SEARCH_VERBS and head.i not in anchors and not any(
            (c.dep in SUBJ_DEPS and c.lower not in ("i", "we")) or (c.dep == "aux" and c.lower == "to")
            for c in p.children(head.i)):
        # "Searched GitHub for the exact string ...", "Check the course codes from Michaelmas 2022"
        return "attributed"
    for t in path:
        if t.i != i and t.dep == "acl" and t.tag == "VBN" and t.lemma in ATTRIB_VERBS:
            return "attributed"
        if t.pos in ("NOUN", "PROPN", "NUM") and any(_placed_in_source(p, c) for c in p.children(t.i)):
            return "attributed"
        for c in p.children(t.i):
            if c.lower in ATTRIB_ADVS or (c.lower in ATTRIB_ADJS and c.dep == "amod"):
                return "attributed"
            if c.dep == "acl" and c.tag == "VBN" and c.lemma in ATTRIB_VERBS and c.i not in anchors:
                return "attributed"
    return result or "asserted"


#: nouns that pass on the noun after their "of": "a piece of folklore", "a kind of myth"
PARTITIVES = frozenset("piece bit kind sort form example case instance type variety".split())

#: verbs of checking whether a clause is true
VERIFY_VERBS = frozenset("confirm verify check prove establish determine ascertain substantiate validate".split())
#: verbs and nouns whose to-infinitive is wanted or asked for, not done
_WANT_WORDS = frozenset("""ask want need try seek request like wish hope attempt aim plan expect urge invite
    request question attempt effort bid call demand inquiry enquiry""".split())


_OPENING_DETS = frozenset("the this that a an one another".split())


def _source_opener(words) -> int | None:
    """Index of the last token of an opening "According to <source>," or "The <source> <says>"
    ("The claim states", "This viral post says"), else None."""
    lows = [t.lower for t in words]
    if lows[:2] == ["according", "to"]:
        for t in words[2:8]:
            if t.text == ",":
                return None
            if t.lemma in REPORT_NOUNS:
                return t.i
        return None
    if not lows or lows[0] not in _OPENING_DETS:
        return None
    k = 1
    while k < len(words) and k < 3 and words[k].pos == "ADJ":
        k += 1
    if k + 1 < len(words) and (words[k].lemma in SOURCE_NOUNS or words[k].lemma in ATTRIB_NOUNS) and lows[k] != "it":
        v = words[k + 1]
        if v.lower.endswith("s") and (v.lemma in SPEECH_VERBS or v.lemma in ATTRIB_VERBS or v.lemma in CONTENT_VERBS):
            return v.i  # (whatever its tag: "The video frames March 2020 as ...")
        # the source's own verb: the first finite verb after it, past participles hung on the
        # source allowed between ("A post shared thousands of times on Facebook this week says")
        prev = words[k].i
        for n, v in enumerate(words[k + 1 : k + 16]):
            if v.i != prev + 1:
                return None  # punctuation between: the source's phrase has ended
            prev = v.i
            speech = v.lemma in SPEECH_VERBS or v.lemma in ATTRIB_VERBS or v.lemma in CONTENT_VERBS
            if n == 0 and not speech and (v.tag == "VBN" or (v.tag == "VBD" and v.lemma not in ("be", "have", "do"))):
                continue  # a reduced relative on the source: "A post shared ...", "A video posted ..."
            if v.tag in ("VBZ", "VBD", "VBP", "MD"):
                if v.tag in ("VBZ", "VBD") and speech:
                    return v.i
                return None
            if v.tag in ("VB", "VBG") or v.lower in ("but", "yet", "so", "or", "that", "which", "who"):
                return None
    return None


def _placed_in_source(p, c) -> bool:
    """``c`` is a participle placing its noun in a non-endorsing source: "named in the viral
    story", "cited by the hoax"."""
    if c.dep != "acl" or c.tag != "VBN" or c.lemma not in PLACING_PARTICIPLES:
        return False
    return any(g.dep == "pobj" and g.lemma in REPORT_NOUNS
               for d in p.children(c.i) if d.dep in ("prep", "agent") for g in p.children(d.i))


def _unrealised(p, v) -> bool:
    """Verb ``v`` is asked for rather than done: in a question, an imperative, or a to-infinitive
    after a verb or noun of wanting or asking ("Can you confirm", "Please verify", "a request
    to confirm", "I was asked to verify")."""
    kids = p.children(v.i)
    if p.toks and p.toks[-1].text.rstrip("*\"'”’)").endswith("?") and v.dep == "ROOT":
        return True
    if v.dep == "ROOT" and v.tag == "VB" and not any(c.dep in SUBJ_DEPS for c in kids):
        return True  # imperative
    if any(c.dep == "aux" and c.lower == "to" for c in kids) and v.head != v.i:
        return p.toks[v.head].lemma in _WANT_WORDS
    return False


_INVERTING = frozenset("do does did is was were are am has have had can could will would shall should may might must".split())


#: prepositions of a time adjunct, whose content a question or an "if" clause takes as given
_TIME_PREPS = frozenset("after before since following during until upon".split())


#: adjectives that set the true bearer of a role against a false one: "the real winner"
_REAL_ADJS = frozenset("real actual true rightful genuine".split())


def _real_one(p, anchors: set[int], core: set[int]) -> bool:
    """The entity is compared with "the real <role>" (a claim word for the claim's event or its
    agent: "winner", "victory", "author"): "they gave Sheeran the same time as the real winner",
    "faster than the actual champion". Only a comparison counts: "the real winner was Ed Sheeran"
    and "he became the real champion" say it of the entity."""
    if not core:
        return False
    for t in p.toks:
        if t.lower not in _REAL_ADJS or t.dep != "amod":
            continue
        n = p.toks[t.head]
        if n.i not in anchors or n.i in core or n.pos != "NOUN" or n.dep != "pobj" or n.head == n.i:
            continue
        prep = p.toks[n.head]
        if prep.lower not in ("as", "than", "like") or any(c.dep == "poss" and (c.i in core or c.lower in _PRONOUNS)
                                                            for c in p.children(n.i)):
            continue
        # (not "Sheeran was crowned as the real champion": the comparison's clause is his)
        clause = _clause_path(p, prep.i)[1]
        if any(c.dep in SUBJ_DEPS and (c.i in core or c.lower in _PERSONAL) for c in p.children(clause.i)):
            continue
        return True
    return False


def _polar_question(p, v, anchors: set[int]) -> bool:
    """``v`` heads the main clause of a yes/no question about the claim: the unit ends in "?", an
    auxiliary or copula comes before ``v``'s subject, no wh-word opens the question, and the
    question's own predicate or subject is claim content ("Did he win the 100m?", "Does Nokia
    have a presence in Tampere?", not "May I associate myself with the tributes to his
    victory?"). A question about the reason ("did he win
    because ...?") presupposes the claim."""
    ends = [t.text for t in p.toks if t.pos == "PUNCT" or t.text in ("!", "?")][-3:]
    if v.dep != "ROOT" or not p.toks or not p.toks[-1].pos == "PUNCT" or not any("?" in x for x in ends):
        return False
    kids = p.children(v.i)
    if not (v.i in anchors or any(c.i in anchors for c in kids if c.dep in ("attr", "acomp", "dobj", "oprd", "nsubj",
                                                                          "nsubjpass"))):
        return False
    if any(c.dep == "advcl" and any(m.lower in ("because", "since", "as") for m in p.children(c.i) if m.dep == "mark")
           for c in kids):
        return False
    subj = [c.i for c in kids if c.dep in ("nsubj", "nsubjpass", "expl")]
    # (a first or second person asks or offers something: "May I begin by ...", "Can you ...")
    if not subj or any(p.toks[i].lower in ("i", "we", "you") for i in subj):
        return False
    aux = [c.i for c in kids if c.dep in ("aux", "auxpass") and c.lower in _INVERTING]
    if v.lower in _INVERTING and v.pos == "AUX":
        aux.append(v.i)
    if not aux or min(aux) > min(subj):
        return False
    return not any(t.tag in ("WDT", "WP", "WP$", "WRB") for t in p.toks[: min(aux)])


def _governing_conjuncts(p, t) -> list:
    """The verbs a subjectless conjunct ``t`` is coordinated with, nearest first ("did not
    hate or love": "love" -> ["hate"]); they share its subject, auxiliaries and negation."""
    out = []
    while t.dep == "conj" and t.head != t.i and not any(c.dep in SUBJ_DEPS for c in p.children(t.i)):
        t = p.toks[t.head]
        out.append(t)
    return out


def _subtree(p, i: int) -> set[int]:
    out, stack = {i}, [i]
    while stack:
        for c in p.children(stack.pop()):
            if c.i not in out:
                out.add(c.i)
                stack.append(c.i)
    return out


def _negated_parenthesis(p, i: int) -> bool:
    """The clause at ``i`` stands in parentheses and holds a negation: "(no such paper was published)"."""
    sub = sorted(_subtree(p, i))
    lo, hi = sub[0], sub[-1]
    opened = (lo > 0 and p.toks[lo - 1].text == "(") or p.toks[lo].text == "("
    closed = (hi + 1 < len(p.toks) and p.toks[hi + 1].text == ")") or p.toks[hi].text == ")"
    # (a denial that the thing exists: "no such ...", "... never existed"; not any negation inside:
    # "(no private money was used)", "(who had never coached a pop star)")
    such = any(p.toks[k].lower == "no" and k + 1 < len(p.toks) and p.toks[k + 1].lower == "such" for k in sub)
    exists = any(p.toks[k].lemma in EXISTENCE and neg_child(p, k) for k in sub)
    return opened and closed and (such or exists)


_PRONOUNS = frozenset("he she him her his they it i we you this that".split())
_PERSONAL = frozenset("he she him her his hers".split())
#: attributes whose negation denies the subject ("was no reality", "no such thing"), true-words too
_DENIED_ATTRS = TRUTH_WORDS | frozenset("reality fact truth thing".split())
#: capitalised abbreviations of common nouns, which the tagger calls names: "HQ moved to Tampere"
#: names no other entity
COMMON_ACRONYMS = frozenset("hq ceo cfo cto coo vp md hr pr tv faq phd ai dj pm gm".split())


def _date(p, t) -> bool:
    """Token ``t`` is a month written as a date: a number beside it, or alone after a preposition
    of time, and no name on it ("18 December 2024", "May 2025", "more sessions by August"; not
    "Brian May", nor the agent of a passive: "won by May")."""
    from .profile import MONTH_NAMES

    if t.lower.rstrip(".") not in MONTH_NAMES or any(c.dep == "compound" for c in p.children(t.i)):
        return False
    if t.dep == "pobj" and t.head != t.i and p.toks[t.head].dep == "prep" and p.toks[t.head].lower in _DATE_PREPS:
        return True
    return any(0 <= j < len(p.toks) and p.toks[j].text.isdigit() for j in (t.i - 1, t.i + 1))


#: prepositions before which a bare month is a time ("by August"); wider than :data:`_TIME_PREPS`
_DATE_PREPS = frozenset("in by since until till before after during from through".split())


def _name_tokens(p, t, deps: tuple = ("compound", "flat")) -> list:
    """The proper nouns of the name headed by ``t`` ("João Tavares" for "Tavares"); with
    ``appos`` in ``deps``, of a noun and the name beside it too ("the party Braga Primeiro")."""
    out, stack = [], [t]
    while stack:
        x = stack.pop()
        if x.pos == "PROPN":
            out.append(x)
        stack.extend(c for c in p.children(x.i) if c.dep in deps)
    return out


def _other_subject(p, anchors: set[int], subject: frozenset, weak: frozenset = frozenset(),
                   rivals: frozenset = frozenset(), patients: frozenset = frozenset(),
                   credits: frozenset = frozenset(), rival_credits: frozenset = frozenset(),
                   things: frozenset = frozenset()) -> bool | str:
    """The anchors' clause has a named subject (or agent/attribute) other than the claim's subject.

    "rival" (truthy) when the only such names are rivals given just the figures the claim itself
    gives them ("Thompson 9.80, Lyles 9.81"): a correction or the story, as the document decides."""
    if not subject:
        return False
    # the claim's topic word or a light word is no detail to credit: "followed by Ramalho's
    # *Fluent Python*"
    every = set(anchors)
    anchors = {i for i in anchors if p.toks[i].lower not in weak}
    if not any(t.pos in ("VERB", "AUX") for t in p.toks):
        # a verbless row ("Gold | Noah Lyles | 9.79"): a rival the claim names is the row's subject
        # (only with a detail to credit: "*Advanced Python:*" alone is a title, not a rival)
        detail = any(p.toks[i].pos == "NUM" or (p.toks[i].pos in ("NOUN", "VERB") and p.toks[i].text.islower()) for i in anchors)
        # (the story's own places and names are no rival: "The Rhône and the Saône (on the
        # Confluence peninsula).", "Now 9.79 in Paris.")
        named = [p.toks[i] for i in anchors if p.toks[i].pos == "PROPN" and p.toks[i].lower not in subject
                 and p.toks[i].lower in rivals and not _credited(p, p.toks[i], anchors, credits)]
        if not (detail and named):
            return False
        # (each rival with the figures between its name and the next one: "Thompson 9.80, Lyles 9.81")
        heads = [t for t in named if t.dep not in ("compound", "flat") or t.head not in {x.i for x in named}]
        starts = [min([t.i] + [x.i for x in _name_tokens(p, t)]) for t in heads]
        ends = starts[1:] + [len(p.toks)]
        # (every claim word counts here, light ones too, and a word before the first name is said
        # of it: "Gold: Thompson 9.80" gives him the gold; not a figure there, "58.3%, ahead of
        # Marchetti on 27.1%", nor the word setting him against the entity)
        def said_of(a: int, b: int, first: bool) -> set[int]:
            return {i for i in every if (a <= i < b or (first and i < a and p.toks[i].pos != "NUM"))
                    and p.toks[i].lower not in _NOT_GIVEN}
        return "rival" if all(_story_figures_only(p, t, said_of(a, b, k == 0), rival_credits)
                              for k, (t, a, b) in enumerate(zip(heads, starts, ends))) else True
    story_rival = False
    heads = {_clause_path(p, i)[1].i for i in anchors}
    # the claim's own named things (the objects of its verbs): said passively, or doing
    # something other than a claim deed, they are no other entity ("Advanced Python: Design
    # Patterns and Concurrency was published on 14 October 2021", "... introduced a new variable")
    patient_names = things - rivals
    objects = {n for _, n in patients} - rivals  # (people too: "Rosario Primero was registered in March")
    for h in heads:
        kids = p.children(h)
        if any(c.dep in SUBJ_DEPS and c.lower in _PRONOUNS for c in kids):
            continue
        cands = [c for c in kids if c.dep in ("nsubj", "nsubjpass", "attr")]
        passive = any(c.dep in ("auxpass", "nsubjpass") for c in kids)
        cands += [
            g
            for c in kids
            if c.dep == "agent" or (c.dep in ("prep", "dative") and (c.lower == "by" or (passive and c.lower == "to")))
            for g in p.children(c.i)
            if g.dep == "pobj"
        ]
        # "the results list Pogacar as the winner": the object named as the claim's role
        if any(c.dep == "prep" and c.lower == "as" and any(g.i in every for g in p.children(c.i)) for c in kids):
            cands += [c for c in kids if c.dep == "dobj"]
        if p.toks[h].tag == "VBG" and p.toks[h].head != h and not any(c.dep in SUBJ_DEPS for c in kids):
            # "concluded with Noah Lyles winning gold": the noun after "with" does the -ing
            cands += [g for c in p.children(p.toks[h].head) if c.dep == "prep" and c.lower == "with" and c.i < h
                      for g in p.children(c.i) if g.dep == "pobj"]
        if p.toks[h].lemma in ("belong", "go", "fall"):
            cands += [g for c in kids if c.dep in ("prep", "dative") and c.lower == "to" for g in p.children(c.i) if g.dep == "pobj"]
        # the other entity must be credited with a detail of the claim: the clause's verb, a
        # number, or a subject noun holding claim words ("the actual winner was Lyles", "the gold
        # medal was awarded to Lyles"); "the Government is conducting a review of UK Sport
        # funding" credits nothing
        own = {i for i in anchors if _clause_path(p, i)[1].i == h}
        # (a subject noun counts even when it is a light claim word: "the actual winner was Lyles")
        # (not one holding only the story's names: "Rosario Primero's transition team is being
        # coordinated by Lucía Ferraro" credits her with nothing of the claim)
        credited = h in own or any(p.toks[i].pos == "NUM" for i in own) or any(
            c.dep in ("nsubj", "nsubjpass") and c.pos != "PROPN"
            and any(p.toks[j].pos != "PROPN" for j in every & _subtree(p, c.i)) for c in kids)
        # (a light claim verb counts when its subject is one the claim sets against the entity:
        # "Lyles won" gives the claim's deed to its rival; "Mayfield worked with the team" does not)
        # (or a verb of getting that gives such a rival the claim's object: "Lyles got gold", "Lyles
        # took the title"; not "Lyles missed the gold medal")
        credited = credited or ((h in every or (p.toks[h].lemma in _GETTING_VERBS and any(
            c.dep == "dobj" and anchors & _subtree(p, c.i) for c in kids)))
                                and p.toks[h].pos == "VERB" and any(
            c.dep == "nsubj" and c.lower in rivals and c.text[:1].isupper() for c in kids))
        if not credited:
            continue
        for c in cands:
            # (a date is no entity: "the press conference was 18 December 2024"; nor is the
            # claim's own object said passively: "the party Braga Primeiro was founded in March")
            # (a rival the tagger took for a common noun is still a name: "Murakami won the prize")
            # (nor a label opening the unit: "Q: Which singer won ...?")
            if len(c.text) <= 3 and c.text[:1] in "QA" and c.i + 1 < len(p.toks) and p.toks[c.i + 1].text == ":" and not any(
                    t.pos not in ("PUNCT", "SPACE", "SYM") for t in p.toks[: c.i]):
                continue
            if (c.pos == "PROPN" or (c.lower in rivals and c.text[:1].isupper())) and c.lower not in subject \
                    and c.lower not in COMMON_ACRONYMS and not _date(p, c) \
                    and not (c.dep == "nsubjpass" and (all((p.toks[h].lemma, x.lower) in patients for x in _name_tokens(p, c))
                                                       or all(x.lower in patient_names for x in _name_tokens(p, c))
                                                       or (h not in every and all(x.lower in objects for x in _name_tokens(p, c))))) \
                    and not (c.dep == "nsubj" and h not in every and all(x.lower in patient_names for x in _name_tokens(p, c))) \
                    and not _credited(p, c, own | ({h} & every), credits):
                mine = {i for i in every & _subtree(p, h) if p.toks[i].lower not in _NOT_GIVEN}
                if c.lower in rivals and h not in every and _story_figures_only(p, c, mine, rival_credits):
                    story_rival = True  # ("Thompson got 9.80": the story's figure for him)
                    continue
                return True
    # "defending Olympic champion Marcell Jacobs": the claim's role given to another name
    for i in every:
        t = p.toks[i]
        if t.lemma in ROLE_NOUNS and t.dep == "compound" and t.head != i:
            h = p.toks[t.head]
            # (not when that name does something else: "Python author Luciano Ramalho reviewed it")
            if h.pos == "PROPN" and h.lower not in subject and h.i not in every and not (
                    h.dep in SUBJ_DEPS and h.head not in every):
                return True
    # "Noah Lyles's gold medal run of 9.79 seconds": the claim's detail possessed by another entity
    for i in every:
        for c in p.children(i):
            # (a name of the claim counts when the claim sets it against the entity, even on a
            # light claim word: "Noah Lyles' actual victory")
            # (a possessed name only when it is the claim's own thing, "Luciano Ramalho's Advanced
            # Python"; not a rival, "Jamaica's Kishane Thompson", nor another name of the story,
            # "Morocco's Diamond League meeting")
            if c.dep == "poss" and c.pos == "PROPN" and c.lower not in subject \
                    and (p.toks[i].pos != "PROPN" or p.toks[i].lower in things - rivals) and (
                    c.lower in rivals or (c.i not in anchors and i in anchors)) and not _credited(p, c, {i}, credits):
                return True
        # (not a possessor that is itself a word of the claim's name: "Newell's Old Boys")
        for c in p.children(p.toks[i].head):
            if c.dep == "poss" and c.pos == "PROPN" and c.lower not in subject and p.toks[i].dep in ("compound", "amod", "nummod") \
                    and (p.toks[i].pos != "PROPN" or p.toks[i].lower in things - rivals) \
                    and c.i not in every and p.toks[p.toks[i].head].lower not in rivals and not _credited(p, c, {i}, credits):
                return True
    return "rival" if story_rival else False


#: words that set a rival against the entity ("ahead of Thompson"): nothing given to the rival
_AGAINST = frozenset("ahead over against past behind".split())

#: units of the figures a claim gives ("9.80 seconds", "27.1% of the vote"): no deed of their own
_UNIT_WORDS = frozenset("second seconds sec secs s % percent per cent vote votes metre metres meter meters m".split())
#: claim words that give a rival nothing of the story: units, and words setting it against the entity
_NOT_GIVEN = _UNIT_WORDS | _AGAINST


def _year(text: str) -> bool:
    """A year, as the claim's own terms read one (``negkit.profile.number_weight``)."""
    from .profile import number_weight

    return len(text) == 4 and text.isdigit() and number_weight(text)[0] == "year"


def _story_figures_only(p, c, anchors: set[int], rival_credits: frozenset) -> bool:
    """Every claim word at ``anchors`` besides the rival ``c``'s own name is a figure the claim
    gives that rival (a row's tags are unreliable: "GOLD THOMPSON JAM 9.80" tags "GOLD" a name)."""
    names = {x.lower for x in _name_tokens(p, c)} | {c.lower}
    details = [p.toks[i] for i in anchors if p.toks[i].lower not in names]
    return bool(details) and all(any((n, t.text.strip("£$€%").replace(",", "")) in rival_credits for n in names)
                                 for t in details)


def _credited(p, c, anchors: set[int], credits: frozenset) -> bool:
    """The claim itself says the details at ``anchors`` of the name ``c`` ("Marchetti's 27.1%",
    "the campaign was run by Lucía Ferraro"): the story, not a correction."""
    if not credits:
        return False
    names = {x.lower for x in _name_tokens(p, c)} | {c.lower}
    # (a year is when, not what: "with him full-time since 2022")
    details = [p.toks[i] for i in anchors if p.toks[i].lower not in names and p.toks[i].pos != "PROPN"
               and not _year(p.toks[i].text)]
    return bool(details) and all(
        any((n, k) in credits for n in names for k in (t.lemma, t.lower, t.text.strip("£$€%").replace(",", "")))
        for t in details)


def _negated_own_clause_beside_another(p, pol: dict, core: set[int], standing: set[int], subject: frozenset,
                                        weak: frozenset, rivals: frozenset, patients: frozenset = frozenset(),
                                        credits: frozenset = frozenset()) -> bool:
    """The entity stands only as the subject of a clause whose claim words are all negated, and
    what else stands lies in other clauses, credited to another named entity."""
    heads = set()
    for i in core & standing:
        path, h = _clause_path(p, i)
        if len(path) < 2 or path[-2].dep not in ("nsubj", "nsubjpass"):
            return False
        own = [a for a in pol if a not in core and _clause_path(p, a)[1].i == h.i]
        if not own or any(pol[a] == "asserted" for a in own):
            return False
        heads.add(h.i)
    rest = {i for i in standing - core if _clause_path(p, i)[1].i not in heads}
    return bool(rest) and rest == standing - core and _other_subject(p, rest, subject, weak, rivals, patients, credits)


def _denied_afterwards(p, standing: set[int]) -> bool:
    """After every standing anchor, a contrast ("but", ";") opens a clause whose subject is a
    demonstrative phrase ("those figures", "this") and whose predicate denies existence or
    attestation ("were never recorded", "never happened", "is made up")."""
    last = max(standing)
    turns = [t.i for t in p.toks if t.i > last and (t.lower in ("but", "however", "yet") or t.text == ";")]
    if not turns:
        return False
    for h in p.toks[turns[0] + 1 :]:
        if h.pos not in ("VERB", "AUX") or h.dep in ("relcl", "acl"):
            continue  # (not a relative clause: "a verified test outcome that did not occur")
        subj = [c for c in p.children(h.i) if c.dep in ("nsubj", "nsubjpass") and c.tag != "WDT"]
        if not any(c.lower in ("this", "that", "these", "those") or any(
                d.dep == "det" and d.lower in ("this", "that", "these", "those") for d in p.children(c.i)) for c in subj):
            continue
        comps = _copula_complements(p, h.i)
        if (neg_child(p, h.i) and (h.lemma in EXISTENCE or h.lemma in ATTEST_VERBS)) or any(
                c.lemma in FALSE_WORDS or c.lower in FALSE_WORDS for c in comps + [h]):
            return True
    return False


#: verbs whose object is taken as given, negated or not: "could not explain the results"
PRESUPPOSING_VERBS = frozenset("explain predict anticipate foresee expect".split())


#: verbs of mistaking one thing for another: "conflating curiosity with authoring a textbook"
CONFLATE_VERBS = frozenset("conflate confuse equate mistake".split())


#: verbs by which someone gets a thing ("Lyles got gold"): said of a rival with the claim's
#: object, they give it the claim's prize
_GETTING_VERBS = frozenset("""get take claim earn receive secure collect bag win grab scoop pocket land capture
    obtain gain clinch seize""".split())


#: nouns naming who did the claim's deed: credited to another name, they correct the claim
ROLE_NOUNS = frozenset("winner champion laureate medallist medalist victor author writer discoverer inventor founder".split())


#: verbs through which a subject reports or establishes a that-clause
REPORT_VERBS = SPEECH_VERBS | frozenset(
    """confirm announce reveal show find note explain clarify emphasise emphasize stress acknowledge
    establish conclude determine verify point add reply respond admit""".split())


#: the reason of a mention that gives a rival only the figures the claim gives it ("Thompson
#: 9.80"): negated here, the story in a document that states the claim (see negkit.mentions)
RIVAL_STORY = "a rival with the figures the story gives it"


#: verbs whose negation denies the clause they govern ("no record indicates that ...")
_SHOWING_VERBS = frozenset("say state claim suggest indicate show prove demonstrate confirm report find establish imply "
                           "support verify".split())  # (not factive ones: "never acknowledged that he won" grants it)


def _report_sources(p, standing: set[int], other: set[int]) -> set[int]:
    """Anchors in the subject of a reporting verb whose complement clause holds claim words that
    are not asserted (negated or reported): they name who reports, not what is claimed."""
    out: set[int] = set()
    for h in p.toks:
        if h.lemma not in REPORT_VERBS or h.pos not in ("VERB", "AUX"):
            continue
        comps = [c for c in p.children(h.i) if c.dep in ("ccomp", "parataxis")]
        if not comps or not any(other & _subtree(p, c.i) for c in comps):
            continue
        for c in p.children(h.i):
            if c.dep in SUBJ_DEPS:
                out |= standing & _subtree(p, c.i)
    return out


def classify(
    p,
    anchors: set[int],
    core: set[int] | None = None,
    subject: frozenset = frozenset(),
    about_core: bool = True,
    still_mention: Callable[[set[int]], bool] | None = None,
    weak: frozenset = frozenset(),
    pronouns: frozenset = frozenset(),
    claim_neg: frozenset = frozenset(),
    rivals: frozenset = frozenset(),
    patients: frozenset = frozenset(),
    credits: frozenset = frozenset(),
    rival_credits: frozenset = frozenset(),
    things: frozenset = frozenset(),
) -> tuple[str, str]:
    """Polarity of a parsed unit given the token indices that carry claim terms.

    Returns (polarity, reason). ``core`` are anchor tokens naming the claim's central entity;
    ``subject`` the claim's actors; ``about_core`` whether the matched claim part is about the
    central entity (only then is the same predicate said of another entity a correction).
    ``still_mention(tokens)`` says whether the anchors left standing outright would on their own
    still state the claim: "the first person with no athletics background to win Olympic gold"
    negates a background, not the win.
    """
    if not anchors:
        return "asserted", "no anchors"
    core = core or set()
    low = " ".join(t.lower for t in p.toks)
    pol = {i: _anchor_polarity(p, i, anchors, core, claim_neg) for i in sorted(anchors)}
    # A report scopes over what follows it in the sentence ("a legend that the Queen learned
    # Python, then wrote a 672-page textbook ..."), even where the parser loses the coordination,
    # until a contrastive connective starts a new assertion.
    reported = [i for i, v in pol.items() if v == "attributed"]
    if reported:
        contrast = [t.i for t in p.toks if t.lower in CONTRAST_WORDS]
        for i, v in pol.items():
            if v == "asserted" and i > reported[0] and not any(reported[0] < c < i for c in contrast):
                pol[i] = "attributed"
    votes = Counter(pol.values())
    # contrastive "X, not Sheeran," / "not Sheeran but X": the central entity itself is negated
    for i in core:
        if any(c.dep == "neg" or c.lower == "not" for c in p.children(i)):
            return "negated", "contrastive negation of the claim's entity"
    if any(ph in low for ph in CORRECTION_PHRASES):
        return "negated", "correction"
    if _real_one(p, anchors, core):
        return "negated", "contrasted with the real one"
    # a label opening the unit: "CLAIM: ...", "FALSE: ...", "Myth: ..."
    words = [t for t in p.toks if t.pos not in ("PUNCT", "SPACE", "SYM")]
    if words and words[0].i + 1 < len(p.toks) and p.toks[words[0].i + 1].text == ":":
        label = words[0].lower
        if label in FALSE_WORDS or label in DENIAL_NOUNS or label in LABEL_FALSE:
            return "negated", f"labelled '{words[0].text}:'"
        if label in ATTRIB_NOUNS or label in LABEL_REPORTED:
            return "attributed", f"labelled '{words[0].text}:'"
    # a sentence opening on a non-endorsing source, read off the words so that a misparse does
    # not lose it: "The claim states Elizabeth II ...", "According to this fabrication, ..."
    opener = _source_opener(words)
    if opener is not None and all(i >= opener for i in anchors):
        return "attributed", "what follows is what a report says"
    # "..., as the viral post claims", "As the video suggests, ...": an as-clause naming a
    # non-endorsing source reports the clause it hangs on (read off the words: the parser often
    # takes "post claims" for a compound noun)
    if _as_source_says(p):
        return "attributed", "what an as-clause says a source claims"
    # a log line of a search, read off the words (the parser often takes the verb for a name):
    # 'Searched github.com for the exact string "Advanced Python ..." — zero code results.'
    if words and words[0].lower in _search_forms() and not words[0].lower.endswith("ing") and any(
            t.lower == "for" and t.i < min(anchors) for t in words[1:6]):
        return "attributed", f"searched for ('{words[0].text}')"
    # a headline opening on the report itself: "Claims Queen Elizabeth II spent the lockdowns ..."
    if words and words[0].text[:1].isupper() and words[0].lower in HEADLINE_REPORTS and words[0].i not in anchors:
        return "attributed", f"headline opening '{words[0].text}'"
    # a verbless heading naming the report it is about: 'FAQ: Nokia, Tesla and the "headquarters
    # move" rumour', "The Sheeran gold medal hoax": it names the story, it does not tell it
    if words and not any(t.pos in ("VERB", "AUX") for t in words):
        # (the heading's last word: not "Sheeran's 9.79 and the myth of the natural sprinter")
        named = [t for t in words[-1:] if t.i not in anchors and t.pos == "NOUN"
                 and (t.lemma in HEADING_REPORTS or t.lower in HEADING_REPORTS)]
        if named:
            denial = named[-1].lemma in DENIAL_NOUNS or named[-1].lower in DENIAL_NOUNS
            return ("negated" if denial else "attributed"), f"a heading naming the {named[-1].text}"
    # what follows a colon after a non-endorsing source is that source's content: "the claim
    # includes specific details: 1.4 million copies sold, ...", "the post had such details: ..."
    colon = max((t.i for t in p.toks if t.text == ":" and t.i < min(anchors)), default=None)
    if colon is not None:
        pre = p.toks[:colon]
        if any(t.lemma in FALSE_WORDS or t.lower in FALSE_WORDS for t in pre):
            return "negated", "listed after a denial"
        if any(t.dep in SUBJ_DEPS and t.lemma in SOURCE_NOUNS and t.lower != "it" for t in pre) and any(
            t.pos in ("VERB", "AUX") and (t.lemma in SPEECH_VERBS or t.lemma in CONTENT_VERBS) for t in pre
        ):
            return "attributed", "listed as what a report says"
    # a quotation named as a report: 'the "Queen learned Python during lockdown and wrote a
    # graduate textbook" narrative' (however long the quotation)
    named = _named_quotation(p)
    if named is not None and all(i in named[0] for i in anchors):
        denial = named[1].lemma in DENIAL_NOUNS or named[1].lower in DENIAL_NOUNS
        return ("negated" if denial else "attributed"), f"quoted as the {named[1].text}"
    # scare quotes: the claim's words appear only inside a short quotation ('The "Queen's Python
    # Textbook" is back', 'that post about "finding" ...'): the phrase is mentioned, not used
    if only_quoted([t.text for t in p.toks], [i for i in anchors if i not in core and p.toks[i].lower not in weak]):
        return "attributed", "claim words only inside quotation marks"
    # "Is this Ed Sheeran Olympics story real?": asking whether the claim is true
    if p.toks and p.toks[-1].text.endswith("?") and any(t.lemma in TRUTH_WORDS and t.pos == "ADJ" for t in p.toks):
        return "attributed", "asks whether the claim is true"
    # "ACTN3 RR genotype -- how predictive is it really?": a question of degree about a detail
    # that names no one asks about the detail; it says nothing of the entity ("Which singer won
    # the 100m gold?" takes the win as given, so only "how" + adjective or adverb counts)
    question = bool(p.toks) and p.toks[-1].text.rstrip("*\"'”’)").endswith("?")
    # (not a question of number, which takes the detail as given: "How many pitches did Plan
    # Potrero promise to build?"; "how much" is as often a question of degree: "How much do we
    # really know about ...?")
    opens_how = any(t.lower == "how" and t.i + 1 < len(p.toks) and p.toks[t.i + 1].pos in ("ADJ", "ADV")
                    and p.toks[t.i + 1].lower != "many"
                    and (k == 0 or p.toks[t.i - 1].text in ("--", "—", "–", ":"))
                    for k, t in enumerate(words))
    if question and not core and opens_how and not any(t.lower in _PERSONAL for t in p.toks):
        return "attributed", "a question about a detail, naming no one"
    # "While the hoax claimed he took a hiatus in 2024, ...": a concessive clause opening the
    # sentence with a report or denial reports what it holds, however the parser attached it
    if words and words[0].lower in CONCESSIVE:
        comma = next((t.i for t in p.toks if t.text == "," and t.i > words[0].i), None)
        if comma is not None and any(
                (t.lemma in ATTRIB_VERBS and t.pos == "VERB") or t.lemma in DENIAL_NOUNS or t.lower in ATTRIB_NOUNS
                for t in p.toks[: comma]):
            for i in pol:
                if i < comma and pol[i] == "asserted":
                    pol[i] = "attributed"
    standing = {i for i, v in pol.items() if v == "asserted"}
    # the source of a report is not its content: "World Athletics confirmed that Sheeran was
    # never registered" states nothing of World Athletics beyond the report
    # (a light claim word denied in a relative clause of the report is no denial of the claim:
    # "said the victory belonged to the neighbourhoods that nobody ever visited")
    standing -= _report_sources(p, standing, {i for i in set(pol) - standing
                                             if not (p.toks[i].lower in weak and _clause_path(p, i)[1].dep == "relcl")})
    if standing and _only_antecedents(p, standing, set(pol) - standing):
        standing = set()
    # "While the hoax claimed X, records show he was actually Y": what follows a contrast after a
    # report or denial corrects it
    # (the report may carry no claim word of its own: "the hoax claimed he took a hiatus")
    reports = [i for i, v in pol.items() if v != "asserted"] + [
        t.i for t in p.toks if t.lemma in DENIAL_NOUNS or (t.lemma in ATTRIB_VERBS and t.pos == "VERB")]
    if standing and reports:
        first = min(reports)
        turns = [t.i for t in p.toks if t.lower in CORRECTION_TURNS and t.i > first]
        # (the source reporting the correction is no claim: "records show he was actually ...")
        sources = _report_sources(p, standing, {turns[0]}) if turns else set()
        if turns and all(i > turns[0] or i in sources for i in standing if p.toks[i].lower not in weak):
            return "negated", "correction following a report or denial"
    if standing and _denied_afterwards(p, standing):
        # "..., but those figures were never recorded in any study": a later clause whose
        # demonstrative subject takes up what was said denies that it exists or was attested
        return "negated", "denied by the clause that follows"
    if standing != set(anchors):
        if not standing or (still_mention is not None and not still_mention(standing)) or still_mention is None:
            if votes["negated"] >= votes["attributed"]:
                return "negated", f"negation in the claim's clause ({votes['negated']}/{len(pol)} anchors)"
            return "attributed", "reported without endorsement"
    if about_core and core & standing and _negated_own_clause_beside_another(p, pol, core, standing, subject, weak, rivals, patients,
                                                                                 credits):
        # "a correction establishing that Noah Lyles won the event in 9.79 seconds and that Ed
        # Sheeran had no athletic registration": the entity's own clause denies its content, and
        # the claim's detail in the other clause is credited to someone else
        return "negated", "correction: the entity's own clause is negated, the detail credited to another"
    other = about_core and not (core & standing) and _other_subject(p, standing, subject, weak, rivals, patients, credits,
                                                                    rival_credits, things)
    if other:
        # the claim's predicate credited to someone else: "Noah Lyles won the 100m in 9.79 s",
        # "the actual winner was Lyles": a true statement, or a correction, not the false claim
        return "negated", (RIVAL_STORY if other == "rival" else "correction (the detail belongs to another named entity)")
    if about_core and core and not core & standing and pronouns and any(
            c.dep in ("nsubj", "nsubjpass") and c.lower in pronouns and c.i > min(core)
            and any(m.dep in ("mark", "advmod") and m.lower in TIME_WORDS for m in p.children(h))
            for h in {_clause_path(p, i)[1].i for i in standing} for c in p.children(h)):
        # the entity's name is negated, but a time clause after it says the claim of him again,
        # and a time clause is presupposed: "Sheeran was not 33 years old when he won Olympic gold"
        return "asserted", "stated of the entity through a pronoun in a time clause"
    if about_core and core and not core & standing:
        # the entity's own clause is negated or reported; what stands is said of someone else
        # ("He won the 100m gold in Paris, and Ed Sheeran was not a competitor")
        return "negated", "the entity's clause is negated; the rest is not said of the entity"
    if core & standing and all(_relative_of(p, i, anchors, subject) for i in core & standing):
        # the entity names only someone else's subject: "Sheeran's maternal grandfather ran 10.1
        # for 100 yards" says nothing of Sheeran running (whatever claim part it matched, unless
        # that relative is one of the claim's own actors)
        return "negated", "said of a relative or associate of the entity, not of the entity"
    if standing != set(anchors):
        return "asserted", "stated outright in part; the rest is negated or reported"
    return "asserted", "no negation in the claim's clause"


_CUE_WORDS = frozenset({"not", "n't", "never", "no", "zero", "nothing", "none", "nobody", "neither", "nor", "nowhere",
                        "cannot", "without", "reality", "truth", "contrary", "actuality", "rather", "instead"})
_REPORT_HINTS = frozenset({"that", "according"})
_cues_cache: dict = {}


def _expand(words) -> set[str]:
    from .profile import inflections

    out: set[str] = set()
    for w in words:
        out.add(w)
        for pos in ("VERB", "NOUN", "ADJ"):
            out.update(inflections(w, pos))
    return out


def _as_source_says(p) -> bool:
    """ "..., as the viral post claims", "As the video suggests, ..." (an as-clause opening the
    unit or following a comma)."""
    forms = _as_forms()
    toks = p.toks
    for t in toks:
        if t.lower != "as" or (t.i and toks[t.i - 1].text not in (",", ";", "—", "–", "(")):
            continue
        for j in range(t.i + 1, min(t.i + 5, len(toks) - 1)):
            if toks[j].lower in SOURCE_NOUNS and toks[j].lower != "it" and toks[j + 1].lower in forms:
                return True
    return False


def _as_forms() -> frozenset:
    if "as" not in _cues_cache:
        _cues_cache["as"] = frozenset(w for w in _expand(_AS_SOURCE_VERBS) if w.endswith(("s", "ed")))
    return _cues_cache["as"]


def _speech_participles() -> frozenset:
    if "participles" not in _cues_cache:
        _cues_cache["participles"] = frozenset(w for w in _expand((SPEECH_VERBS - SOURCE_ONLY_SPEECH) | ATTRIB_VERBS)
                                               if w.endswith("ing"))
    return _cues_cache["participles"]


def _search_forms() -> frozenset:
    if "search" not in _cues_cache:
        _cues_cache["search"] = frozenset(_expand(SEARCH_VERBS))
    return _cues_cache["search"]


def _cues() -> tuple[frozenset, frozenset, frozenset]:
    if "strong" not in _cues_cache:
        strong = (_expand(FALSE_WORDS | DENY_VERBS | FAIL_VERBS | DENIAL_NOUNS | ATTRIB_VERBS | ATTRIB_NOUNS)
                  | ATTRIB_ADVS | ATTRIB_ADJS | FALSE_ADVS | NEG_SUBJECTS | _REAL_ADJS | _expand(ABSENCE_NOUNS)
                  | {"if", "whether", "?", "??", "faux", "verdict"} | _expand(CONFLATE_VERBS)
                  | _expand(SEARCH_WORDS) | HEADLINE_REPORTS | _expand(SEARCH_VERBS)
                  # a speech participle reports whatever noun it hangs on ("a letter saying ...")
                  | _speech_participles())
        _cues_cache["strong"] = frozenset(strong | _CUE_WORDS)
        _cues_cache["source"] = frozenset(_expand(SOURCE_NOUNS))
        _cues_cache["report"] = frozenset(_expand(SPEECH_VERBS | CONTENT_VERBS) | _REPORT_HINTS | {"is", "was", "are", "were", "'s"})
        _cues_cache["verify"] = frozenset(_expand(VERIFY_VERBS))
        _cues_cache["belief"] = frozenset(_expand(BELIEF_VERBS))
        _cues_cache["placing"] = frozenset(_expand(PLACING_PARTICIPLES))
        _cues_cache["relations"] = frozenset(_expand(RELATION_NOUNS))
    return _cues_cache["strong"], _cues_cache["source"], _cues_cache["report"]


_POSSESSIVES = frozenset({"'s", "’s", "his", "her", "their"})
_HYPOTHETICAL = frozenset({"would", "could", "might"})
_INDEFINITE = frozenset({"a", "an", "any"})


def needs_parse(words: list[str]) -> bool:
    """Could any polarity rule fire for a unit with these lowercased tokens?

    Every rule in this module needs a cue word (a negation, a denial or falsity word, an
    attribution verb, noun or hedge, a correction phrase, or a non-endorsing source with a
    reporting verb). A unit with none of them is asserted, so it need not be parsed, except
    when the claim's entity is absent (see the correction rule), which the caller checks.
    """
    strong, source, report = _cues()
    ws = set(words)
    if ws & strong:
        return True
    if any("?" in w for w in words):
        return True  # questions ("?!" included)
    relations = _cues_cache["relations"]
    if ws & relations and ws & _POSSESSIVES:
        # "Sheeran's (maternal) grandfather ...", "Sheeran's sons ..."
        for k, w in enumerate(words):
            if w in _POSSESSIVES and any(x in relations for x in words[k + 1 : k + 4]):
                return True
    if ws & _HYPOTHETICAL and ws & _INDEFINITE:
        # only an indefinite before the modal can be its subject ("a bestseller would ...")
        first = next(k for k, w in enumerate(words) if w in _INDEFINITE)
        if any(w in _HYPOTHETICAL for w in words[first + 1 :]):
            return True
    if ws & _cues_cache["verify"] and (ws & {"to", "please"} or (words and words[0] in _cues_cache["verify"])):
        return True  # "a request to confirm that ...", "Please verify that ..." (questions: "?")
    if ws & _cues_cache["belief"]:
        return True  # "several customers believe it was written by ..."
    if ws & {"when", "whenever"} and ws & _INDEFINITE:
        return True  # a generic when-clause ("When a publisher releases a 672-page text, ...")
    if "as" in ws and ws & source and ws & _as_forms():
        return True  # "..., as the graphic promises" (read for :func:`_as_source_says`)
    return bool(ws & source) and bool(ws & (report | _cues_cache["placing"]))
