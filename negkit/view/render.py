"""Rich Text builders for the viewer (no Textual): inline and side-by-side diffs with mentions.

Every cue has a non-colour form: deletions are struck through and wrapped in ``[-...-]``,
insertions underlined and wrapped in ``{+...+}``; side-by-side lines carry a ``-``/``+``/`` ``
gutter; mentions are wrapped in polarity markers (``«A:...»`` asserted, bold; ``«N:...»``
negated, italic; ``«R:...»`` attributed/reported, underline) as well as coloured.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.text import Text

from .model import DocView

DEL_STYLE = "strike red"
INS_STYLE = "underline green"
DEL_OPEN, DEL_CLOSE = "[-", "-]"
INS_OPEN, INS_CLOSE = "{+", "+}"
POLARITY_STYLE = {"asserted": "bold black on yellow", "negated": "italic black on cyan",
                  "attributed": "underline black on magenta"}
POLARITY_TAG = {"asserted": "A", "negated": "N", "attributed": "R"}
FOCUS_STYLE = "reverse"


@dataclass
class Rendered:
    """Wrapped lines plus the line of each change, mention and finding (for jumping)."""

    lines: list[Text]
    changes: list[int] = field(default_factory=list)  # line of each edit
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (line, polarity)
    findings: list[int] = field(default_factory=list)  # line of each finding (view.findings order)


def _mention_marks(view: DocView) -> list[tuple[int, int, str]]:
    return sorted((m.start, m.end, m.polarity) for m in (view.mentions or []))


def mark_mentions(text: str, mentions, base: int = 0) -> Text:
    """``text`` (the slice starting at ``base`` of the text the mentions index) with mentions marked."""
    out = Text()
    pos = 0
    for s, e, pol in sorted((m[0] - base, m[1] - base, m[2]) for m in mentions):
        s, e = max(s, pos), min(e, len(text))
        if e <= s:
            continue
        out.append(text[pos:s])
        tag = POLARITY_TAG.get(pol, "?")
        st = POLARITY_STYLE.get(pol, "bold")
        out.append(f"«{tag}:", st)
        out.append(text[s:e], st)
        out.append("»", st)
        pos = e
    out.append(text[pos:])
    return out


def inline_text(view: DocView) -> tuple[Text, list[int], dict[int, int]]:
    """(text, char offset of each change, map rewritten-offset -> inline-offset at segment starts)."""
    marks = _mention_marks(view)
    out = Text()
    changes: list[int] = []
    offs: dict[int, int] = {}
    src = 0  # into original
    dst = 0  # into rewritten

    def keep(a: int, b: int) -> Text:  # rewritten[a:b], unchanged or inserted
        offs[a] = len(out)
        seg = mark_mentions(view.rewritten[a:b], [m for m in marks if m[0] < b and a < m[1]], a)
        return seg

    for e in view.edits:
        if e.start > src:
            n = e.start - src
            offs[dst] = len(out)
            out.append_text(keep(dst, dst + n))
            dst += n
        changes.append(len(out))
        if e.end > e.start:
            out.append(DEL_OPEN, "bold red")
            out.append(view.original[e.start:e.end], DEL_STYLE)
            out.append(DEL_CLOSE, "bold red")
        if e.replacement:
            out.append(INS_OPEN, "bold green")
            seg = keep(dst, dst + len(e.replacement))
            seg.stylize(INS_STYLE)
            out.append_text(seg)
            out.append(INS_CLOSE, "bold green")
        dst += len(e.replacement)
        src = e.end
    if src < len(view.original) or not view.edits:
        offs[dst] = len(out)
        out.append_text(keep(dst, len(view.rewritten)))
    return out, changes, offs


def wrap(text: Text, width: int) -> tuple[list[Text], list[int]]:
    """Wrapped lines of ``text`` and the char offset where each starts."""
    console = Console(width=max(width, 10), color_system=None, legacy_windows=False)
    lines: list[Text] = []
    starts: list[int] = []
    plain = text.plain
    pos = 0
    for par in text.split("\n", allow_blank=True):
        wrapped = par.wrap(console, max(width, 10)) if par.plain else [Text("")]
        for ln in wrapped:
            probe = ln.plain.strip()
            found = plain.find(probe, pos) if probe else -1
            starts.append(found if found >= 0 else pos)
            if found >= 0:
                pos = found + len(probe)
            lines.append(ln)
        nl = plain.find("\n", pos)
        if nl >= 0:
            pos = nl + 1
    return lines, starts


def _line_of(starts: list[int], offset: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)


def inline_diff(view: DocView, width: int = 80) -> Rendered:
    """The document as one flow: deletions ``[-struck red-]``, insertions ``{+underlined green+}``."""
    text, changes, offs = inline_text(view)
    lines, starts = wrap(text, width)
    plain = text.plain
    r = Rendered(lines, [_line_of(starts, c) for c in changes])
    # mentions and findings: find their marker / text in the inline plain text
    for m in sorted(view.mentions or [], key=lambda m: m.start):
        base = max((k for k in offs if k <= m.start), default=0)
        at = plain.find(f"«{POLARITY_TAG.get(m.polarity, '?')}:", offs.get(base, 0))
        r.mentions.append((_line_of(starts, at if at >= 0 else offs.get(base, 0)), m.polarity))
    for f in view.findings:
        base = max((k for k in offs if k <= f.start), default=0)
        at = offs.get(base, 0) + (f.start - base)
        r.findings.append(_line_of(starts, min(at, max(len(plain) - 1, 0))))
    return r


def _hunks(view: DocView):
    """(kind, left, right, left_base, right_base): kind ' ' unchanged, '~' changed."""
    src = dst = 0
    for e in view.edits:
        if e.start > src:
            n = e.start - src
            yield " ", view.original[src:e.start], view.rewritten[dst:dst + n], src, dst
            dst += n
        yield "~", view.original[e.start:e.end], e.replacement, e.start, dst
        dst += len(e.replacement)
        src = e.end
    if src < len(view.original) or not view.edits:
        yield " ", view.original[src:], view.rewritten[dst:], src, dst


def side_by_side(view: DocView, width: int = 80) -> Rendered:
    """Two columns (original | rewritten), each line with a ``-``/``+``/`` `` gutter."""
    col = max((width - 5) // 2, 8)
    marks = _mention_marks(view)
    r = Rendered([])
    layout: list[tuple[int, int, int, list[int]]] = []  # (right base, length, first line, line starts)
    for kind, left, right, lb, rb in _hunks(view):
        lt = Text(left, DEL_STYLE if kind == "~" else "")
        rt = mark_mentions(right, [m for m in marks if m[0] < rb + len(right) and rb < m[1]], rb)
        if kind == "~":
            rt.stylize(INS_STYLE)
            r.changes.append(len(r.lines))
        ll, _ = wrap(lt, col) if left else ([], [])
        rl, _ = wrap(rt, col) if right else ([], [])
        layout.append((rb, len(right), len(r.lines), wrap(Text(right), col)[1] if right else [0]))
        for k in range(max(len(ll), len(rl))):
            lg = "-" if kind == "~" and k < len(ll) else " "
            rg = "+" if kind == "~" and k < len(rl) else " "
            line = Text()
            line.append(lg, "bold red" if lg == "-" else "")
            line.append(" ")
            a = ll[k] if k < len(ll) else Text("")
            a.truncate(col, pad=True)
            line.append_text(a)
            line.append("│", "dim")
            line.append(rg, "bold green" if rg == "+" else "")
            line.append(" ")
            line.append_text(rl[k] if k < len(rl) else Text(""))
            r.lines.append(line)
    # mentions and findings: the line holding their start in the right-hand column
    r.mentions = [(_locate(layout, s), pol) for s, _, pol in marks]
    r.findings = [_locate(layout, f.start) for f in view.findings]
    return r


def _locate(layout: list[tuple[int, int, int, list[int]]], offset: int) -> int:
    """The side-by-side line of a rewritten-text offset (by the plain wrapping of its hunk)."""
    for rb, n, first, starts in layout:
        if rb <= offset < rb + n:
            return first + _line_of(starts, offset - rb)
    return layout[-1][2] if layout else 0


def render(view: DocView, mode: str = "inline", width: int = 80) -> Rendered:
    """``mode`` is ``"inline"`` or ``"side"`` (side by side)."""
    if view.bad:
        return Rendered([Text(f"unreadable record: {view.bad}", "bold red")])
    return side_by_side(view, width) if mode == "side" else inline_diff(view, width)
