"""Rich renderings of `negkit view`: cues that do not rely on colour alone."""

from __future__ import annotations

from negkit.records import Edit, Mention
from negkit.view.model import DocView
from negkit.view.render import (DEL_CLOSE, DEL_OPEN, INS_CLOSE, INS_OPEN, inline_diff, mark_mentions, render,
                                side_by_side)

ORIG = "Intro. Ed Sheeran won the gold. Bye."
EDITS = [Edit(0, 0, "[Warning.] "), Edit(18, 21, "did not win")]


def view() -> DocView:
    from negkit.rewrite import apply_edits

    out = apply_edits(ORIG, EDITS)
    s = out.index("Ed Sheeran")
    mentions = [Mention(s, out.index("gold.") + 5, "negated", "main", out[s:out.index("gold.") + 5])]
    return DocView(0, "d1", ORIG, out, list(EDITS), mentions=mentions)


def styles_of(text, needle):
    start = text.plain.index(needle)
    return {str(sp.style) for sp in text.spans if sp.start <= start < sp.end}


def test_inline_diff_cues():
    r = inline_diff(view(), width=200)
    plain = "\n".join(ln.plain for ln in r.lines)
    assert f"{DEL_OPEN}won{DEL_CLOSE}" in plain
    assert f"{INS_OPEN}[Warning.] {INS_CLOSE}" in plain
    assert "«N:" in plain and "»" in plain
    line = r.lines[0]
    assert any("strike" in s for s in styles_of(line, "won"))
    assert any("underline" in s for s in styles_of(line, "did not win"))
    assert len(r.changes) == 2 and r.mentions and r.mentions[0][1] == "negated"


def test_inline_diff_wraps_and_locates_changes():
    r = inline_diff(view(), width=20)
    assert all(ln.cell_len <= 20 for ln in r.lines)
    assert "won" in r.lines[r.changes[1]].plain or "[-" in r.lines[r.changes[1]].plain


def test_side_by_side_gutters():
    r = side_by_side(view(), width=80)
    plains = [ln.plain for ln in r.lines]
    assert any(p.startswith("-") for p in plains)
    assert any("│+" in p for p in plains)
    assert all(p[0] in "- " for p in plains)
    assert plains[r.changes[1]].startswith("- won")


def test_mentions_have_polarity_markers():
    ms = [(0, 2, "asserted"), (3, 5, "attributed")]
    t = mark_mentions("ab cd ef", ms)
    assert t.plain == "«A:ab» «R:cd» ef"
    assert any("bold" in str(sp.style) for sp in t.spans)


def test_render_bad_and_plain():
    v = DocView(0, "x", "plain text", "plain text")
    assert render(v).lines[0].plain == "plain text"
    bad = DocView(1, "y", "", "", bad="invalid JSON")
    assert "unreadable" in render(bad, "side").lines[0].plain
