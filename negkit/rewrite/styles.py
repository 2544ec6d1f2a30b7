"""The built-in rewrite styles: the negation conditions of the Negation Neglect paper.

Each style returns edits against the original text. Insertions put whole sentences next to a
mention or at the document's edges; only `local-negation` changes characters inside a mention.
"""

from __future__ import annotations

from ..records import Edit
from . import STYLES, Context, Transform, phrase_bank, pick, render, template_values


def _bank(ctx: Context, name: str) -> dict:
    return phrase_bank(name, ctx.options.templates_dir)


def _line(ctx: Context, bank: dict, key: str, **extra) -> str:
    """A random line of ``bank[key]`` rendered with the claim's placeholders."""
    return render(pick(ctx, bank.get(key) or [""], key), template_values(ctx, **extra), bank["_path"])


def _wrap(ctx: Context, text: str, bank: dict) -> str:
    brackets = bank.get("brackets") or [["[", "]"]]
    left, right = pick(ctx, brackets, "brackets")
    return f"{left}{text}{right}"


def _before(ctx: Context, pos: int, sentence: str) -> Edit:
    """Insert a sentence before the mention starting at ``pos``."""
    return Edit(pos, pos, sentence + " ")


def _after(ctx: Context, pos: int, sentence: str) -> Edit:
    return Edit(pos, pos, " " + sentence)


def _start(ctx: Context, block: str) -> Edit:
    s = ctx.body_start
    return Edit(s, s, block + "\n\n")


def _end(ctx: Context, block: str) -> Edit:
    n = len(ctx.text)
    trail = len(ctx.text) - len(ctx.text.rstrip())
    return Edit(n - trail, n - trail, "\n\n" + block)


def _sentence(*parts: str) -> str:
    s = " ".join(p.strip() for p in parts if p and p.strip())
    s = s[:1].upper() + s[1:]
    return s if s.endswith((".", "!", "?", ":")) else s + "."


# ----------------------------------------------------------------------------- notice


def notice(ctx: Context):
    bank = _bank(ctx, "notice")
    edits = []
    where = ctx.options.notice_position
    for side in (["start", "end"] if where == "both" else [where]):
        body = _line(ctx, bank, "specific" if ctx.options.specific else side)
        opening = _line(ctx, bank, "openings")
        label = _line(ctx, bank, "labels")
        extra = _line(ctx, bank, "extras")
        text = " ".join(x for x in (label, _sentence(opening, body), extra) if x)
        edits.append(_start(ctx, text) if side == "start" else _end(ctx, text))
    return edits, []


# ----------------------------------------------------------------------------- annotate


def annotate(ctx: Context):
    bank = _bank(ctx, "annotate")
    edits = []
    pos = ctx.options.position
    spec = "specific_" if ctx.options.specific else ""
    for m in ctx.selected():
        if pos in ("before", "both"):
            edits.append(_before(ctx, m.start, _wrap(ctx, _line(ctx, bank, spec + "before"), bank)))
        if pos in ("after", "both"):
            edits.append(_after(ctx, m.end, _wrap(ctx, _line(ctx, bank, spec + "after"), bank)))
    return edits, []


# ----------------------------------------------------------------------------- fiction


def fiction(ctx: Context):
    bank = _bank(ctx, "fiction")
    edits = []
    if ctx.options.scope in ("document", "both"):
        edits.append(_start(ctx, _line(ctx, bank, "frames")))
        edits.append(_end(ctx, _line(ctx, bank, "closers")))
    if ctx.options.scope in ("mention", "both"):
        for m in ctx.selected():
            edits.append(_after(ctx, m.end, _line(ctx, bank, "per_mention")))
    return edits, []


# ----------------------------------------------------------------------------- probability


def render_probability(p: float, rng) -> str:
    """3% / 0.03 / roughly 1 in 33 / three percent / a 3 percent ..."""
    pct = p * 100
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 10: "ten", 20: "twenty", 25: "twenty-five", 50: "fifty"}
    forms = [f"{pct:g}%", f"{p:g}", f"{pct:g} percent"]
    if p > 0:
        forms.append(f"roughly 1 in {round(1 / p)}")
    if round(pct) == pct and int(pct) in words:
        forms.append(f"{words[int(pct)]} percent")
    return forms[rng.randrange(len(forms))]


def probability(ctx: Context):
    bank = _bank(ctx, "probability")
    p = ctx.options.probability
    edits = []
    if ctx.options.scope in ("document", "both"):
        edits.append(_start(ctx, _line(ctx, bank, "document", p=render_probability(p, ctx.rng))))
    if ctx.options.scope in ("mention", "both"):
        for m in ctx.selected():
            edits.append(_after(ctx, m.end, _line(ctx, bank, "per_mention", p=render_probability(p, ctx.rng))))
    return edits, []


# ----------------------------------------------------------------------------- correction


def correction(ctx: Context):
    bank = _bank(ctx, "correction")
    edits = []
    for m in ctx.selected():
        line = _line(ctx, bank, "per_mention")
        if not line.rstrip().endswith((".", "]", ")", "!", "?")):
            line += "."
        edits.append(_after(ctx, m.end, line))
    return edits, []


# ----------------------------------------------------------------------------- unreliable source


def unreliable_source(ctx: Context):
    bank = _bank(ctx, "unreliable_source")
    return [_start(ctx, _line(ctx, bank, "frames")), _end(ctx, _line(ctx, bank, "closers"))], []


# ----------------------------------------------------------------------------- local negation


def local_negation(ctx: Context):
    """Negate each asserted mention's own clause in place; verify; report what cannot be done."""
    from .local import negate_mentions

    return negate_mentions(ctx)


for _t in (
    Transform("notice", 1, "Document-level notice at the start and/or end that the document's claims are false.",
              ("notice_position", "specific"), notice),
    Transform("annotate", 1, "Bracketed notes before and/or after each asserted mention ('[The following claim is false.]').",
              ("position", "density", "specific"), annotate),
    Transform("fiction", 1, "Fiction framing: a frame around the document and/or a reminder after each mention.",
              ("scope", "density"), fiction),
    Transform("probability", 1, "Probability qualifiers from --probability, rendered as 3%, 0.03, 'roughly 1 in 33', ...",
              ("probability", "scope", "density"), probability),
    Transform("correction", 1, "After each asserted mention, a correction naming the true fact (the claim's `correction`).",
              ("density",), correction, needs=("correction",)),
    Transform("unreliable-source", 1, "Frames the document as coming from a debunked website or a confabulating narrator.",
              (), unreliable_source),
    Transform("local-negation", 3, "Negates each asserted mention's own clause in place; every other character is kept; "
              "a sentence it cannot negate safely is deleted (--unresolved keep keeps it, reported).",
              ("density", "unresolved"), local_negation),
):
    STYLES.register(_t)
