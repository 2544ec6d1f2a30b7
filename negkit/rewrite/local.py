"""Local negation: negate the claim-bearing clauses of each asserted mention, and check the result.

For every selected asserted mention the sentence is parsed, the clauses holding its claim terms
are negated with :mod:`negkit.negate` (minimal character edits), and the rewritten sentence is
run through the mention finder again. It is written only if no claim content is left asserted;
otherwise the mention is reported unresolved and the text is left as it was.
"""

from __future__ import annotations

from .. import nlp
from ..records import Edit
from . import Context, Unresolved, apply_edits


def _clause_heads(p, anchors: list[tuple[int, int]], offset: int) -> list[int]:
    from ..polarity import _clause_path

    toks = [t.i for t in p.toks if any(t.start + offset < e and s < t.end + offset for s, e in anchors)]
    heads = []
    for i in toks:
        h = _clause_path(p, i)[1].i
        if h not in heads:
            heads.append(h)
    return heads


def negate_mentions(ctx: Context):
    from ..mentions import MentionOptions, find_mentions
    from ..negate import negate_parsed
    from ..profile import build_profile

    chosen = ctx.selected()
    if not chosen:
        return [], []
    texts = [ctx.text[m.start : m.end] for m in chosen]
    parsed = nlp.parse([(t, 0) for t in texts], model=ctx.model)
    edits: list[Edit] = []
    unresolved: list[Unresolved] = []
    candidates = []
    for m, text, p in zip(chosen, texts, parsed):
        heads = _clause_heads(p, list(m.anchors), -m.start) or [None]
        # try: every claim-bearing clause; then the root clause alone
        attempts = [heads] + ([[None]] if heads != [None] else [])
        candidates.append((m, text, p, attempts))
    profile = ctx.parse_cache.get("profile")
    if profile is None:
        profile = ctx.parse_cache["profile"] = build_profile(ctx.claim, model=ctx.model)
    for m, text, p, attempts in candidates:
        done = False
        reasons = []
        for heads in attempts:
            local: list = []
            for h in heads:
                r = negate_parsed(p, text, h)
                if r.status == "ok":
                    if any(e.start < k.end and k.start < e.end for e in r.edits for k in local):
                        continue
                    local += list(r.edits)
                elif r.status == "unsupported":
                    reasons.append(r.reason)
            if not local:
                continue
            new = apply_edits(text, local)
            after = find_mentions([new], profile, MentionOptions(model=ctx.model, assume_context=True))[0]
            if any(x.polarity == "asserted" for x in after):
                reasons.append("the rewritten sentence still states the claim")
                continue
            edits += [Edit(m.start + e.start, m.start + e.end, e.replacement) for e in local]
            done = True
            break
        if not done:
            unresolved.append(Unresolved(m.start, m.end, "; ".join(dict.fromkeys(reasons)) or "no clause could be negated"))
    return edits, unresolved
