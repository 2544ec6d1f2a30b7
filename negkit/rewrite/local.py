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


def _clause_heads(p, anchors: list[tuple[int, int]], offset: int) -> list[int]:
    """Heads of the clauses whose own content holds claim terms, innermost first.

    A clause whose claim terms all sit in its subject is skipped: negating its predicate leaves
    the subject's content standing ("The book's origin ... does not appear irrelevant"). A clause
    embedding another chosen clause as its complement is skipped too, so the claim is not
    negated twice ("did not reveal that he did not possess").
    """
    from ..polarity import SUBJ_DEPS, _clause_path

    by_head: dict[int, list[int]] = {}
    for t in p.toks:
        if any(t.start + offset < e and s < t.end + offset for s, e in anchors):
            path, head = _clause_path(p, t.i)
            in_subject = len(path) >= 2 and path[-2].dep in SUBJ_DEPS and t.i != head.i
            by_head.setdefault(head.i, []).append(0 if in_subject else 1)
    heads = [h for h, kinds in by_head.items() if any(kinds)]
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


def _participle(p, h: int) -> bool:
    """An unmarked -ing adjunct ("..., defeating Thompson"): "while writing" or "after winning"
    would change meaning if negated, so those are left to be reported."""
    t = p.toks[h]
    return t.tag == "VBG" and t.dep == "advcl" and not any(
        c.dep in ("aux", "auxpass", "neg", "nsubj", "nsubjpass", "mark") for c in p.children(h)
    ) and not (t.i > 0 and p.toks[t.i - 1].dep == "prep")


def negate_mentions(ctx: Context):
    from ..mentions import MentionOptions, find_mentions
    from ..negate import NegationEdit, NegationResult, _verify_parsed, negate_parsed

    chosen = ctx.selected()
    if not chosen:
        return [], []
    profile = _profile(ctx.claim, ctx.model)
    texts = [ctx.text[m.start : m.end] for m in chosen]
    parsed = nlp.parse([(t, 0) for t in texts], model=ctx.model)

    # 2. one negation per claim-bearing clause (and the root clause, as a fallback)
    results: dict[tuple[int, int | None], object] = {}
    heads_of: list[list[int]] = []
    reasons: list[list[str]] = [[] for _ in chosen]
    for k, (m, text, p) in enumerate(zip(chosen, texts, parsed)):
        heads = _clause_heads(p, list(m.anchors), m.start)
        heads_of.append(heads)
        for h in heads + [None]:
            r = negate_parsed(p, text, h)
            if r.status == "unsupported" and h is not None and _participle(p, h):
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

    attempts = [(k, combine(k, heads_of[k])) for k in range(len(chosen))]
    attempts += [(k, combine(k, [None])) for k in range(len(chosen))]
    attempts = [(k, eds) for k, eds in attempts if eds]
    rewritten = [apply_edits(texts[k], eds) for k, eds in attempts]
    checks = find_mentions(rewritten, profile, MentionOptions(model=ctx.model, assume_context=True)) if rewritten else []
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
    return edits, unresolved
