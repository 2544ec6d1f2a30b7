"""A self-contained HTML report of a viewed corpus (inline CSS and JS, no network).

Changes are ``<del>``/``<ins>`` (with ``-``/``+`` cues in CSS ``::before``, not only colour);
claim mentions are ``<mark class="asserted" data-polarity="asserted">``; every document text is
HTML-escaped.
"""

from __future__ import annotations

import os
from html import escape
from typing import Iterator

from ..corpus import atomic_writer
from .model import DocView, ViewModel

_CSS = """
body{font-family:system-ui,sans-serif;margin:0;display:flex;height:100vh}
nav{width:22rem;overflow:auto;border-right:1px solid #ccc;padding:.5rem;flex:none}
main{overflow:auto;padding:1rem;flex:1}
nav table{border-collapse:collapse;font-size:.85rem;width:100%}
nav td,nav th{padding:2px 4px;text-align:left}
nav tr.dangling td:first-child::after{content:" !";font-weight:bold}
.text{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.9rem;line-height:1.4}
del{background:#fdd;color:#900;text-decoration:line-through}
del::before{content:"[-";font-weight:bold}del::after{content:"-]";font-weight:bold}
ins{background:#dfd;color:#060;text-decoration:underline}
ins::before{content:"{+";font-weight:bold}ins::after{content:"+}";font-weight:bold}
mark.asserted{background:#ff0;font-weight:bold}
mark.negated{background:#aef;font-style:italic}
mark.attributed{background:#fcf;text-decoration:underline dotted}
mark::before{content:"\\ab" attr(data-tag) ":";font-size:.75em}
mark::after{content:"\\bb";font-size:.75em}
section{border-bottom:2px solid #888;margin-bottom:2rem}
.legend span{margin-right:1rem}
.finding{font-size:.85rem}
"""

_JS = """
function filt(){var q=document.getElementById('q').value.toLowerCase();
var d=document.getElementById('dangling').checked;
document.querySelectorAll('nav tbody tr').forEach(function(r){
 var ok=r.textContent.toLowerCase().indexOf(q)>=0 && (!d || r.classList.contains('dangling'));
 r.style.display=ok?'':'none';});}
"""

_TAG = {"asserted": "A", "negated": "N", "attributed": "R"}


def _marked(text: str, base: int, marks: list[tuple[int, int, str]]) -> str:
    """Escaped ``text`` (= rewritten[base:base+len]) with mention spans in <mark>."""
    out, pos = [], 0
    for s, e, pol in marks:
        s, e = max(s - base, pos), min(e - base, len(text))
        if e <= s:
            continue
        out.append(escape(text[pos:s]))
        p = escape(pol)
        out.append(f'<mark class="{p}" data-polarity="{p}" data-tag="{_TAG.get(pol, "?")}">{escape(text[s:e])}</mark>')
        pos = e
    out.append(escape(text[pos:]))
    return "".join(out)


def doc_html(v: DocView) -> str:
    """The inline diff of one document as HTML (escaped)."""
    if v.bad:
        return f'<p class="bad">unreadable record: {escape(v.bad)}</p>'
    marks = sorted((m.start, m.end, m.polarity) for m in (v.mentions or []))
    out: list[str] = []
    src = dst = 0
    for e in v.edits:
        if e.start > src:
            n = e.start - src
            out.append(_marked(v.rewritten[dst:dst + n], dst, marks))
            dst += n
        if e.end > e.start:
            out.append(f"<del>{escape(v.original[e.start:e.end])}</del>")
        if e.replacement:
            out.append(f'<ins title="{escape(e.transform)}">{_marked(e.replacement, dst, marks)}</ins>')
        dst += len(e.replacement)
        src = e.end
    if dst < len(v.rewritten) or not v.edits:
        out.append(_marked(v.rewritten[dst:], dst, marks))
    return "".join(out)


def _sections(model: ViewModel, indices: list[int]) -> Iterator[tuple[int, DocView]]:
    if model.has_claim:
        model.compute_counts(indices)
    for i in indices:
        v = model.document(i)
        model.findings(i)
        yield i, v


def write_html(model: ViewModel, path: str, limit: int | None = None) -> str:
    """Write the report for the first ``limit`` documents (all if None) to ``path``; returns ``path``."""
    n = len(model) if limit is None else min(limit, len(model))
    indices = list(range(n))
    with atomic_writer(str(path), inputs=model.paths) as fh:
        title = "negkit view: " + " vs ".join(os.path.basename(p) for p in model.paths)
        fh.write(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
                 f'<meta name="viewport" content="width=device-width"><style>{_CSS}</style></head><body>')
        bodies: list[str] = []
        rows: list[str] = []
        for i, v in _sections(model, indices):
            s = model.summary(i)
            dangling = (s.dangling or 0) > 0 if model.has_claim else (s.unresolved or 0) > 0
            cells = [f'<a href="#doc-{i}">{escape(s.id)}</a>', escape(s.genre), escape(s.style),
                     str(len(v.edits)), "" if s.unresolved is None else str(s.unresolved),
                     "" if s.mentions is None else str(s.mentions), "" if s.dangling is None else str(s.dangling)]
            rows.append(f'<tr class="{"dangling" if dangling else ""}" data-index="{i}">'
                        + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            findings = "".join(f'<li class="finding">{escape(f.code)} {escape(f.severity)}: {escape(f.message)} '
                               f'&mdash; <q>{escape(f.text[:200])}</q></li>' for f in v.findings)
            note = "" if v.original_exact else ('<p><em>Part of the original is not recorded in the edits; '
                                                'removed text shows as \ufffd.</em></p>')
            bodies.append(f'<section id="doc-{i}"><h2>{escape(s.id)} <small>{escape(s.genre)} &middot; '
                          f'{escape(s.style)} &middot; {len(v.edits)} changes</small></h2>{note}'
                          + (f"<ul>{findings}</ul>" if findings else "")
                          + f'<div class="text">{doc_html(v)}</div><p><a href="#top">back to top</a></p></section>')
        fh.write('<nav id="top"><h1>negkit view</h1>'
                 f'<p>{escape(title)}<br>{n} of {len(model)} documents</p>'
                 '<p><input id="q" placeholder="filter list" oninput="filt()"> '
                 '<label><input type="checkbox" id="dangling" onchange="filt()"> dangling only</label></p>'
                 '<p class="legend"><span><del>deleted</del></span><span><ins>inserted</ins></span>'
                 '<span><mark class="asserted" data-tag="A">asserted</mark></span>'
                 '<span><mark class="negated" data-tag="N">negated</mark></span>'
                 '<span><mark class="attributed" data-tag="R">attributed</mark></span></p>'
                 '<table><thead><tr><th>id</th><th>genre</th><th>style</th><th>edits</th><th>unres.</th>'
                 '<th>mentions</th><th>dangling</th></tr></thead><tbody>')
        fh.write("".join(rows))
        fh.write("</tbody></table></nav><main>")
        for b in bodies:
            fh.write(b)
        fh.write(f"</main><script>{_JS}</script></body></html>\n")
    return str(path)
