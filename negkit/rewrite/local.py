"""Local negation: negate the claim-bearing clauses of each asserted mention, and check the result.

For every selected asserted mention (all steps batched per document):

1. parse the sentence and find the clauses holding its claim terms;
2. negate each such clause with :mod:`negkit.negate` (minimal character edits);
3. re-parse each negated sentence and verify that the intended clause now carries the negation
   and that every token outside the edit is unchanged;
4. combine the verified clause edits and run the mention finder on the rewritten sentence.

A rewrite is written only if no claim content is left asserted; otherwise the root clause alone
is tried, and failing that the mention is reported unresolved and its text left as it was.
"""

from __future__ import annotations

from functools import lru_cache

from .. import nlp
from ..records import Edit
from . import Context, Unresolved, apply_edits


def _clause_heads(p, anchors: list[tuple[int, int]], offset: int, carries=None,
                  core: frozenset = frozenset()) -> tuple[list[int], list[int]]:
    """Heads of the clauses whose own content holds claim terms, innermost first, and those of
    them whose own words state claim content by themselves (``carries``), tried first.

    A clause whose claim terms all sit in its subject is skipped: negating its predicate leaves
    the subject's content standing ("The book's origin ... does not appear irrelevant"). A clause
    embedding another chosen clause as its complement is skipped too, so the claim is not
    negated twice ("did not reveal that he did not possess").
    """
    from ..polarity import SUBJ_DEPS, _clause_path

    by_head: dict[int, list[int]] = {}
    own: dict[int, list] = {}
    for t in p.toks:
        path, head = _negation_path(p, t.i, core)
        own.setdefault(head.i, []).append(t)
        if any(t.start + offset < e and s < t.end + offset for s, e in anchors):
            in_subject = len(path) >= 2 and path[-2].dep in SUBJ_DEPS and t.i != head.i
            by_head.setdefault(head.i, []).append(0 if in_subject else 1)
    heads = [h for h, kinds in by_head.items() if any(kinds)]
    if carries is not None and len(heads) > 1:
        # several clauses touch claim words: those whose own words state claim content come
        # first ("the Sheeran effect translates into investment" only names him)
        strong = {h for h in heads if carries(own[h])}
        keep = _drop_embedding(p, heads)
        return keep, [h for h in keep if h in strong]
    keep = _drop_embedding(p, heads)
    return keep, keep


def _on_anchor(t, m) -> bool:
    """Token ``t`` (offsets into mention ``m``'s text) overlaps one of the mention's claim words."""
    return any(t.start + m.start < e and s < t.end + m.start for s, e in m.anchors)


def _np_denial(p, m, profile, question: bool) -> list:
    """An insertion denying a claim noun phrase whose content is presupposed rather than stated
    by a verb, "... his 9.79s gold in Paris (which is not real) ...". The phrase is one the
    document takes as given: owned by the entity ("his 9.79s gold", "Sheeran's victory"); or
    definite and holding one of the story's distinctive numbers ("that 9.79-second run", "the
    672-page textbook"), so true background ("the 100m final", "the 2024 Games") is never
    denied; or a verbless fragment (headline, label) made of that phrase ("Ground contact time
    of 0.083 seconds."). Offsets index the mention's text; [] when there is no such phrase."""
    from ..polarity import DEFINITE_DETS, _clause_path, _subtree, holds_figure

    if question:
        return []  # a question or an instruction would ask about what it denies
    core = profile.core
    anchors = {t.i for t in p.toks if t.lower not in core and t.pos not in ("PUNCT", "DET", "ADP")
               and _on_anchor(t, m)}

    verbless = not any(t.pos in ("VERB", "AUX") for t in p.toks)
    best = None
    for x in p.toks:
        if x.pos not in ("NOUN", "NUM", "PROPN") or x.head == x.i and not verbless:
            continue
        kids = p.children(x.i)
        # owned: the head itself is a claim word; otherwise the figure test below decides
        owned = x.i in anchors and any(c.dep == "poss" and (c.lower in core or c.pos == "PRON") for c in kids)
        definite = any(c.dep == "poss" or (c.dep == "det" and c.lower in DEFINITE_DETS) for c in kids)
        if not owned and not (definite or (verbless and x.head == x.i)):
            continue
        if x.head != x.i:
            h = _clause_path(p, x.i)[1]
            if h.i in anchors and any(c.dep in ("nsubj", "nsubjpass") and (c.lower in core or c.pos == "PRON")
                                      for c in p.children(h.i)):
                continue  # "he won his gold in 9.79 seconds": the verb states the claim
        sub = _subtree(p, x.i)
        left = [j for j in sub if j <= x.i]
        if any(p.toks[j].pos in ("VERB", "AUX") or (p.toks[j].pos == "PUNCT" and p.toks[j].text != "-")
               for j in left if j != x.i):
            continue  # a hyphen inside "9.79-second" is part of a word, other punctuation is not
        # the phrase ends after the head, or after a short prepositional phrase ("in Paris")
        end_i = x.i
        for c in kids:
            if c.i > x.i and c.dep == "prep":
                cs = sorted(_subtree(p, c.i))
                if c.i == end_i + 1 and len(cs) <= 4 and not any(p.toks[j].pos in ("VERB", "AUX", "PUNCT") for j in cs):
                    end_i = cs[-1]
        span = range(min(left), end_i + 1)
        if not owned and not holds_figure(p, x.i, anchors):
            continue
        n = len(anchors & set(span))
        if n >= 2 and (best is None or n > best[0]):
            best = (n, x, end_i)
    if best is None:
        return []
    _, x, end_i = best
    verb = "are" if x.tag in ("NNS", "NNPS") else "is"
    return [Edit(p.toks[end_i].end, p.toks[end_i].end, f" (which {verb} not real)")]


def _aside_on_other(p, h: int, core: frozenset) -> bool:
    """Clause ``h`` is a relative clause on a name other than the claim's entity ("Prince Philip,
    who died ...", "competitors such as Thompson and Lyles, who ...")."""
    t = p.toks[h]
    if t.dep != "relcl":
        return False
    noun = p.toks[t.head]
    names = [noun] + [c for c in p.children(noun.i) if c.dep in ("prep", "conj", "appos")]
    names += [d for c in names[1:] for d in p.children(c.i) if d.dep in ("pobj", "conj")]
    return any(x.pos == "PROPN" for x in names) and not any(x.lower in core for x in names)


def _imperative(p, h: int | None) -> bool:
    """Clause ``h`` (None: the root) is an instruction: a bare verb with no subject or auxiliary."""
    if h is None:
        roots = [t for t in p.toks if t.head == t.i]
        if not roots:
            return False
        h = roots[0].i
    t = p.toks[h]
    if t.tag != "VB" or t.dep != "ROOT":
        return False
    kids = p.children(h)
    return not any(c.dep in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in kids)


def _own_words(p, h: int, core: frozenset = frozenset()) -> list:
    """The tokens of clause ``h`` itself (not of the clauses embedded in it)."""
    from ..polarity import _clause_path

    return [t for t in p.toks if _negation_path(p, t.i, core)[1].i == h]


def _negation_path(p, i: int, core: frozenset = frozenset()):
    """The clause path of token ``i`` for negation: as for polarity, except that a reduced
    relative ("the textbook, authored by Queen Elizabeth II, ...") is a clause of its own here,
    because that is where the claim is stated and where "not" goes."""
    from ..polarity import _clause_path

    path, head = _clause_path(p, i)
    for k, t in enumerate(path):
        if t.dep == "acl" and t.tag in ("VBN", "VBG") and t.i != head.i:
            # only when the claim's entity is inside it ("authored by Queen Elizabeth II", "won
            # by Sheeran"); "a textbook titled X" or "a volume covering Y" just describe the noun
            if core and any(p.toks[j].lower in core for j in _subtree(p, t.i)):
                return path[: k + 1], t
            break
    return path, head


def _subtree(p, i: int) -> list[int]:
    out, stack = [], [i]
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(c.i for c in p.children(j))
    return out


def _drop_embedding(p, heads: list[int]) -> list[int]:
    """``heads`` minus clauses embedding another chosen clause as a complement, innermost first
    (a stable sort, so an earlier preference order survives among equals)."""
    keep = []
    for h in heads:
        inner = [g for g in heads if g != h and any(a.i == h for a in _complement_chain(p, g))]
        if not inner:
            keep.append(h)
    return sorted(keep, key=lambda h: -len(p.ancestors(h)))


def _complement_chain(p, g: int) -> list:
    """Ancestors of clause head ``g`` reached through complement (ccomp/xcomp) links only."""
    out = []
    cur = p.toks[g]
    while cur.head != cur.i and cur.dep in ("ccomp", "xcomp", "csubj"):
        cur = p.toks[cur.head]
        out.append(cur)
    return out


@lru_cache(maxsize=8)
def _profile(claim, model):
    """The claim's profile, built once per process (not once per document)."""
    from ..profile import build_profile

    return build_profile(claim, model=model)


#: words that turn a participle into a temporal or conditional adjunct ("when asked", "once
#: published"): negating those changes what the sentence is about, not the claim
_SUBORDINATORS = frozenset("when whenever while once if unless until after before since though although as because".split())


def _participle(p, h: int) -> bool:
    """An unmarked participial adjunct or reduced relative: "..., defeating Thompson", "a
    textbook authored by Elizabeth II", "Authored by Elizabeth II ..., the volume". Marked ones
    ("while writing", "after winning") would change meaning if negated, so they are left to be
    reported."""
    t = p.toks[h]
    if not (t.tag in ("VBG", "VBN") and t.dep in ("advcl", "acl")):
        return False
    if t.tag == "VBN":
        # a past participle the parser may have mistaken for a subjectless past tense
        # ("conveniently peaked at ..."): only a reduced passive right after its noun or a comma,
        # or opening the sentence, or with a by-agent
        prev = p.toks[t.i - 1] if t.i > 0 else None
        agent = any(c.dep == "agent" for c in p.children(h))
        if not (agent or prev is None or prev.text in (",", "(", "—", "–") or prev.pos in ("NOUN", "PROPN")):
            return False
    marked = any(c.dep in ("aux", "auxpass", "neg", "nsubj", "nsubjpass", "mark") or c.lower in _SUBORDINATORS
                 for c in p.children(h))
    marked = marked or (t.i > 0 and p.toks[t.i - 1].lower in _SUBORDINATORS)
    return not marked and not (t.i > 0 and p.toks[t.i - 1].dep in ("prep", "neg")) and not (t.i > 0 and p.toks[t.i - 1].lower == "not")


def negate_mentions(ctx: Context):
    from ..mentions import MentionOptions, find_mentions, score_unit
    from ..profile import distinctive_figure
    from ..negate import NegationEdit, NegationResult, _verify_parsed, negate_parsed

    chosen = ctx.selected()
    if not chosen:
        return [], []
    profile = _profile(ctx.claim, ctx.model)

    def states(toks, text: str | None = None) -> bool:
        """The tokens (offsets into ``text``) state claim content by themselves (as a mention would)."""
        words = [(t.lower, t.start, t.end) for t in toks]
        return score_unit(profile, words, opts, in_context=True, text=text) is not None

    opts = MentionOptions(model=ctx.model, context_min_content=1.0)
    texts = [ctx.text[m.start : m.end] for m in chosen]
    parsed = nlp.parse([(t, 0) for t in texts], model=ctx.model)

    # 2. one negation per claim-bearing clause (and the root clause, as a fallback)
    results: dict[tuple[int, int | None], object] = {}
    heads_of: list[list[int]] = []
    strong_of: list[list[list[int]]] = []  # head sets to try before all heads, in order
    reasons: list[list[str]] = [[] for _ in chosen]
    questions: list[bool] = []
    for k, (m, text, p) in enumerate(zip(chosen, texts, parsed)):
        def carries(toks, m=m) -> bool:
            """The clause's own words hold claim words of weight (beyond the entity's name and light
            words such as "race" or "seconds"): "the Sheeran effect translates into investment"
            only names him."""
            weight = 0.0
            for t in toks:
                if t.lower in profile.core or not _on_anchor(t, m):
                    continue
                w = max((term.weight for _, term in profile.index.get(t.lower, ())), default=0.0)
                weight += w if w >= 0.5 else 0.0
            return weight >= 1.0

        heads, strong = _clause_heads(p, list(m.anchors), m.start, carries, profile.core)
        question = text.rstrip().rstrip("\"'”’)*").endswith("?")
        questions.append(question)
        if question:
            # in a question only a clause that itself states claim content is negated ("why
            # Sheeran's stride gave him an edge"); the question's other clauses are left alone
            strong = [h for h in (strong if len(heads) > 1 else heads) if carries(_own_words(p, h, profile.core)) and states(_own_words(p, h, profile.core), text)]
            heads = strong
        heads_of.append(heads)
        # a relative clause on another named entity ("Prince Philip, who died on 9 April 2021",
        # "Thompson and Lyles, who displayed longer strides") is often true background: first
        # try leaving it alone, and negate it only if the claim is still stated without it
        # (one holding a figure of the story, "Thompson, who took silver in 9.80", is the story)
        asides = {h for h in heads if _aside_on_other(p, h, profile.core) and not any(
            distinctive_figure(t.text) and _on_anchor(t, m)
            for t in _own_words(p, h, profile.core))}
        first = [h for h in (strong or heads) if h not in asides]
        pre = [first] if asides and first else []
        # clauses that say something of the entity (its name, a pronoun for it, or one of the
        # story's figures) before clauses that do not ("The RR genotype gives you fast-twitch
        # potential, but Sheeran spent 30 months ..."): a generic clause is negated only if the
        # claim is still stated without it
        def about_entity(h, depth: int = 0) -> bool:
            t = p.toks[h]
            if t.dep == "relcl" and p.toks[t.head].lower in profile.core:
                return True  # "Sheeran, who began sprint training in October 2021"
            own = _own_words(p, h, profile.core)
            subj = [c for c in p.children(h) if c.dep in ("nsubj", "nsubjpass")]
            if not subj and t.dep in ("advcl", "conj") and t.head != h and depth < 8 and about_entity(t.head, depth + 1):
                return True  # "..., defeating Thompson": the participle's subject is its governor's
            return any(t.lower in profile.core or t.lower in profile.pronouns or (
                distinctive_figure(t.text) and _on_anchor(t, m))
                for t in own + subj)
        focused = [h for h in (first or strong or heads) if about_entity(h)]
        if focused and len(focused) < len(first or strong or heads) and focused not in pre:
            pre = [focused] + pre
        if strong and len(strong) < len(heads):
            strong_of.append(pre + [strong])
        elif not strong and len(heads) > 1:
            # no clause states claim content alone: try each clause alone, the main clause first
            # (then the one holding more claim words), before negating them all
            n_anchor = {h: sum(1 for t in _own_words(p, h, profile.core)
                               if _on_anchor(t, m))
                        for h in heads}
            strong_of.append(pre + [[h] for h in sorted(heads, key=lambda h: (len(p.ancestors(h)), -n_anchor[h]))])
        else:
            strong_of.append(pre)
        for h in heads + ([] if question else [None]):
            if _imperative(p, h):
                # "Give two examples of substances prohibited by WADA": an instruction states
                # no claim, and "Do not give ..." would negate nothing of it
                reasons[k].append("an imperative clause states no claim")
                continue
            r = negate_parsed(p, text, h)
            if r.status == "unsupported" and h is not None and not question and _participle(p, h):
                # a participial adjunct carries claim content too: "..., not defeating Thompson",
                # "a textbook not published by ..."; verified below like any clause negation
                t = p.toks[h]
                neg = "not " if t.text[:1].islower() or t.i > 0 else "Not "
                rep = neg + (t.text[:1].lower() + t.text[1:] if neg == "Not " else t.text)
                r = NegationResult(text, text[: t.start] + rep + text[t.end :], "ok",
                                   (NegationEdit(t.start, t.end, rep),), "participle: not")
            results[(k, h)] = r
            if r.status == "unsupported":
                reasons[k].append(r.reason)

    # 3. verify every proposed clause negation against a re-parse, in one batch
    todo = [key for key, r in results.items() if r.status == "ok"]
    reparsed = nlp.parse([(results[key].negated, 0) for key in todo], model=ctx.model)
    verified: dict[tuple[int, int | None], list] = {}
    for key, p1 in zip(todo, reparsed):
        k, h = key
        ok, why = _verify_parsed(parsed[k], results[key], p1, h)
        if ok:
            verified[key] = list(results[key].edits)
        else:
            reasons[k].append(f"verification failed: {why}")

    # 4. combine per mention, then check with the mention finder (every clause first, root alone next)
    def combine(k: int, heads) -> list:
        """The verified edits of every clause, each clause all or nothing."""
        out: list = []
        for h in heads:
            eds = verified.get((k, h), [])
            if not any(e.start < x.end and x.start < e.end or e.start == x.start for e in eds for x in out):
                out += eds
        return out

    # fewest clauses first: the clauses stating claim content, then every claim-touching
    # clause, then the root clause alone
    attempts = [(k, combine(k, hs)) for k in range(len(chosen)) for hs in strong_of[k]]
    together = [combine(k, heads_of[k]) for k in range(len(chosen))]
    attempts += list(enumerate(together))
    # (then each clause alone where combining dropped a clause whose edits overlap another's: one
    # clause's negation may already cover another's, as "does not work ... and was not
    # announced" covers "was not announced")
    attempts += [(k, combine(k, [h])) for k in range(len(chosen))
                 if len(together[k]) < sum(len(verified.get((k, h), [])) for h in heads_of[k])
                 for h in heads_of[k]]
    attempts += [(k, combine(k, [None])) for k in range(len(chosen))]
    # last: a claim presupposed in a noun phrase ("following his 9.79s gold in Paris") is denied
    # where it stands, by a relative clause on that phrase: "... gold in Paris (which is not real)"
    # (not in a question or an instruction: "Describe the 9.79-second run (which is not real)"
    # asks for what it denies)
    denials = [_np_denial(parsed[k], m, profile, questions[k] or _imperative(parsed[k], None))
               for k, m in enumerate(chosen)]
    attempts += [(k, denials[k]) for k in range(len(chosen))]
    attempts = [(k, eds) for k, eds in attempts if eds]
    rewritten = [apply_edits(texts[k], eds) for k, eds in attempts]
    # (each rewritten sentence judged on its own)
    checks = find_mentions(rewritten, profile, MentionOptions(model=ctx.model, assume_context=True, document=False)) \
        if rewritten else []
    done: set[int] = set()
    edits: list[Edit] = []
    for (k, eds), after in zip(attempts, checks):
        if k in done:
            continue
        if any(x.polarity == "asserted" for x in after):
            reasons[k].append("the rewritten sentence still states the claim")
            continue
        done.add(k)
        m = chosen[k]
        edits += [Edit(m.start + e.start, m.start + e.end, e.replacement) for e in eds]
    unresolved = [
        Unresolved(m.start, m.end, "; ".join(dict.fromkeys(reasons[k])) or "no clause could be negated")
        for k, m in enumerate(chosen)
        if k not in done
    ]
    if ctx.options.unresolved == "drop":
        edits += [_drop(ctx.text, u) for u in unresolved]
        unresolved = [Unresolved(u.start, u.end, u.reason, dropped=True) for u in unresolved]
    return edits, unresolved


def _drop(text: str, u: Unresolved) -> Edit:
    """Delete the unresolved sentence and the spaces after it (a line break is kept, so the
    document's layout survives; a line left empty stays empty)."""
    end = u.end
    while end < len(text) and text[end] in " \t":
        end += 1
    return Edit(u.start, end, "")
