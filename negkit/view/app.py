"""`negkit view`: a Textual viewer for a corpus, its rewrite diff, mentions and findings.

The document list and the diff pane are line-API widgets (``ScrollView.render_line``): only
the visible rows are rendered, so a 10,000-document corpus creates no per-row widgets. Every
binding has an ``id`` (``viewer.<action>``) so keys can be remapped with ``App.set_keymap``.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from .model import DocView, ViewModel
from .render import Rendered, render

CURSOR = Style(reverse=True)
FOCUS = Style(bgcolor="grey30")

BINDINGS = [
    Binding("q", "quit", "Quit", id="viewer.quit"),
    Binding("j,down", "next_doc", "Next doc", show=False, id="viewer.next_doc"),
    Binding("k,up", "prev_doc", "Prev doc", show=False, id="viewer.prev_doc"),
    Binding("n", "next_change", "Next change", id="viewer.next_change"),
    Binding("N", "prev_change", "Prev change", show=False, id="viewer.prev_change"),
    Binding("d", "next_dangling", "Next dangling", id="viewer.next_dangling"),
    Binding("D", "prev_dangling", "Prev dangling", show=False, id="viewer.prev_dangling"),
    Binding("t", "toggle_mode", "Inline/side", id="viewer.toggle_mode"),
    Binding("slash", "search", "Search", key_display="/", id="viewer.search"),
    Binding("f", "filter_dangling", "Dangling only", id="viewer.filter_dangling"),
    Binding("g", "cycle_genre", "Genre", show=False, id="viewer.cycle_genre"),
    Binding("s", "cycle_style", "Style", show=False, id="viewer.cycle_style"),
    Binding("x", "clear_filters", "Clear filters", show=False, id="viewer.clear_filters"),
    Binding("F", "focus_findings", "Findings", show=False, id="viewer.focus_findings"),
    Binding("question_mark", "help", "Help", key_display="?", id="viewer.help"),
]


class LineView(ScrollView, can_focus=True):
    """Pre-rendered lines shown through the line API, with an optional highlighted line."""

    DEFAULT_CSS = "LineView { height: 1fr; }"

    def __init__(self, **kw):
        super().__init__(**kw)
        self.lines: list[Text] = []
        self.focus_line: int | None = None

    def set_lines(self, lines: list[Text]) -> None:
        self.lines = lines
        self.focus_line = None
        width = max((ln.cell_len for ln in lines), default=0)
        self.virtual_size = Size(width, len(lines))
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def line_count(self) -> int:
        return len(self.lines)

    def get_line(self, idx: int) -> Text:
        return self.lines[idx]

    def render_line(self, y: int) -> Strip:
        sx, sy = self.scroll_offset
        idx = sy + y
        width = self.scrollable_content_region.width or self.size.width
        if idx < 0 or idx >= self.line_count():
            return Strip.blank(width, self.rich_style)
        text = self.get_line(idx)
        segs = list(text.render(self.app.console, end=""))
        strip = Strip(segs).crop_extend(sx, sx + width, self.rich_style)
        if idx == self.focus_line:
            strip = strip.apply_style(FOCUS)
        return strip

    def show_line(self, line: int) -> None:
        self.focus_line = line
        self.scroll_to(y=max(line - 2, 0), animate=False)
        self.refresh()


class DocList(LineView):
    """The (filtered) document list; rows are rendered from the model's summaries on demand."""

    DEFAULT_CSS = "DocList { width: 34; max-width: 40%; height: 1fr; border-right: solid $primary; }"
    BINDINGS = [
        Binding("down", "app.next_doc", "Next doc", show=False, id="viewer.list_down"),
        Binding("up", "app.prev_doc", "Prev doc", show=False, id="viewer.list_up"),
        Binding("pagedown", "app.page_docs(1)", "Page down", show=False, id="viewer.list_page_down"),
        Binding("pageup", "app.page_docs(-1)", "Page up", show=False, id="viewer.list_page_up"),
    ]

    def __init__(self, model: ViewModel, **kw):
        super().__init__(**kw)
        self.diff_model = model
        self.rows: list[int] = []
        self.cursor = 0

    def set_rows(self, rows: list[int]) -> None:
        self.rows = rows
        self.cursor = 0
        self.virtual_size = Size(30, len(rows))
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def line_count(self) -> int:
        return len(self.rows)

    def get_line(self, idx: int) -> Text:
        s = self.diff_model.summary(self.rows[idx])

        def n(v):
            return "?" if v is None else str(v)

        t = Text()
        t.append("▶ " if idx == self.cursor else "  ", "bold")
        t.append(f"{s.id[:10]:<10} ", "bold red" if s.bad else "bold")
        if s.edits is not None:
            t.append(f"e{n(s.edits)} u{n(s.unresolved)} ")
        if self.diff_model.has_claim:
            t.append(f"m{n(s.mentions)} ")
            t.append(f"!{n(s.dangling)}", "bold" if s.dangling else "")
        t.append(f" {s.genre}", "dim")
        return t

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if self.scroll_offset.y + y == self.cursor and self.rows:
            strip = strip.apply_style(CURSOR)
        return strip

    def move(self, delta: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(len(self.rows) - 1, self.cursor + delta))
        h = self.scrollable_content_region.height or 1
        y = self.scroll_offset.y
        if self.cursor < y:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= y + h:
            self.scroll_to(y=self.cursor - h + 1, animate=False)
        self.refresh()

    def visible(self) -> list[int]:
        y = self.scroll_offset.y
        h = max(self.scrollable_content_region.height, 24)
        return self.rows[y : y + h]

    @property
    def current(self) -> int | None:
        return self.rows[self.cursor] if self.rows else None


class HelpScreen(ModalScreen):
    """Every binding, with the key it is currently bound to."""

    BINDINGS = [Binding("escape,q,question_mark", "app.pop_screen", "Close help", key_display="esc q ?",
                        id="viewer.help_close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 72; max-width: 100%; height: auto; max-height: 100%;
                                  border: round $primary; background: $surface; padding: 0 1; }
    """

    def __init__(self, rows: list[tuple[str, str, str]]):
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        t = Text("negkit view: keys (remap by binding id with App.set_keymap)\n\n", "bold")
        for key, desc, bid in self.rows:
            t.append(f"{key:<14}", "bold")
            t.append(f"{desc:<20}")
            t.append(f"{bid}\n", "dim")
        t.append("\nmarks: [-deleted-] {+inserted+}  «A:asserted» «N:negated» «R:attributed»\n")
        t.append("list: e=edits u=unresolved m=mentions !=dangling (? = not computed yet)")
        with VerticalScroll():
            yield Static(t, id="help-text")


class NegkitViewer(App):
    """Browse ``model``: document list, diff pane (inline / side by side), findings."""

    TITLE = "negkit view"
    BINDINGS = BINDINGS
    CSS = """
    #right { height: 1fr; }
    #diff { height: 1fr; }
    #findings { height: 6; border-top: solid $primary; }
    #status { height: 1; background: $boost; }
    #search { dock: bottom; display: none; }
    #search.visible { display: block; }
    """

    def __init__(self, model: ViewModel, mode: str = "inline", **kw):
        super().__init__(**kw)
        self.diff_model = model
        self.diff_mode = mode
        self.dangling_only = False
        self.genre: str | None = None
        self.style_filter: str | None = None
        self.query_text = ""
        self.doc_view: DocView | None = None
        self.rendered: Rendered | None = None
        self._genres: list[str] | None = None
        self._styles: list[str] | None = None

    # -- layout

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield DocList(self.diff_model, id="docs")
            with Vertical(id="right"):
                yield LineView(id="diff")
                yield OptionList(id="findings")
        yield Static("", id="status")
        yield Input(placeholder="search ids and text (enter: apply, escape: cancel)", id="search")
        yield Footer()

    @property
    def docs(self) -> DocList:
        return self.query_one("#docs", DocList)

    @property
    def diff(self) -> LineView:
        return self.query_one("#diff", LineView)

    def on_mount(self) -> None:
        self.docs.set_rows(list(range(len(self.diff_model))))
        self.docs.focus()
        self.show_current()

    def on_resize(self) -> None:
        if self.doc_view is not None:
            self.call_after_refresh(self._rerender)

    # -- showing a document

    def show_current(self) -> None:
        i = self.docs.current
        self.docs.refresh()
        if i is None:
            self.doc_view = None
            self.rendered = None
            self.diff.set_lines([Text("no documents match", "italic")])
            self.query_one("#findings", OptionList).clear_options()
            self._status()
            return
        self.load_document(i)

    @work(thread=True, exclusive=True, group="load")
    def load_document(self, i: int) -> None:
        v = self.diff_model.document(i)
        self.diff_model.findings(i)
        self.call_from_thread(self._show_view, v)
        if self.diff_model.has_claim:
            self.diff_model.compute_counts(self.docs.visible())
            self.call_from_thread(self.docs.refresh)

    def _show_view(self, v: DocView) -> None:
        if self.docs.current != v.index:
            return
        self.doc_view = v
        self._rerender()
        fl = self.query_one("#findings", OptionList)
        fl.clear_options()
        fl.add_options([Option(Text(f"{f.code} {f.severity}: {f.message}"[:200]), id=str(k))
                        for k, f in enumerate(v.findings)])
        self.docs.refresh()

    def _rerender(self) -> None:
        if self.doc_view is None:
            return
        width = max(self.diff.size.width - 2, 20)
        self.rendered = render(self.doc_view, self.diff_mode, width)
        self.diff.set_lines(self.rendered.lines)
        self._status()

    def _status(self, extra: str = "") -> None:
        parts = []
        if self.docs.rows:
            parts.append(f"doc {self.docs.cursor + 1}/{len(self.docs.rows)}")
        else:
            parts.append("doc 0/0")
        parts.append(f"{len(self.diff_model)} total")
        if self.doc_view is not None:
            parts.append(f"{len(self.doc_view.edits)} changes")
            if self.doc_view.mentions is not None:
                parts.append(f"{len(self.doc_view.dangling)} dangling")
            if not self.doc_view.original_exact:
                parts.append("original partly unknown (\ufffd)")
        parts.append(self.diff_mode)
        flt = [x for x in ("dangling" if self.dangling_only else None, self.genre and f"genre={self.genre}",
                           self.style_filter and f"style={self.style_filter}",
                           self.query_text and f"search={self.query_text!r}") if x]
        if flt:
            parts.append("filter: " + ", ".join(flt))
        if extra:
            parts.append(extra)
        self.query_one("#status", Static).update(Text(" | ".join(parts)))

    # -- actions: documents

    def action_next_doc(self) -> None:
        self.docs.move(1)
        self.show_current()

    def action_prev_doc(self) -> None:
        self.docs.move(-1)
        self.show_current()

    def action_page_docs(self, direction: int) -> None:
        self.docs.move(direction * max(self.docs.scrollable_content_region.height - 1, 1))
        self.show_current()

    def action_toggle_mode(self) -> None:
        self.diff_mode = "side" if self.diff_mode == "inline" else "inline"
        self._rerender()

    # -- actions: jumping inside the document

    def _jump(self, lines: list[int], forward: bool, what: str) -> None:
        if not lines:
            self._status(f"no {what}")
            return
        cur = self.diff.focus_line
        if forward:
            cands = [ln for ln in lines if cur is None or ln > cur]
            target = cands[0] if cands else lines[0]
        else:
            cands = [ln for ln in lines if cur is not None and ln < cur]
            target = cands[-1] if cands else lines[-1]
        self.diff.show_line(target)
        self._status(f"{what} {sorted(set(lines)).index(target) + 1}/{len(set(lines))}")

    def action_next_change(self) -> None:
        if self.rendered:
            self._jump(self.rendered.changes, True, "change")

    def action_prev_change(self) -> None:
        if self.rendered:
            self._jump(self.rendered.changes, False, "change")

    def _dangling_lines(self) -> list[int]:
        return [ln for ln, pol in (self.rendered.mentions if self.rendered else []) if pol == "asserted"]

    def action_next_dangling(self) -> None:
        self._jump(self._dangling_lines(), True, "dangling mention")

    def action_prev_dangling(self) -> None:
        self._jump(self._dangling_lines(), False, "dangling mention")

    def action_focus_findings(self) -> None:
        self.query_one("#findings", OptionList).focus()

    @on(OptionList.OptionSelected, "#findings")
    @on(OptionList.OptionHighlighted, "#findings")
    def _finding_chosen(self, event) -> None:
        self.jump_to_finding(int(event.option.id))

    def jump_to_finding(self, k: int) -> None:
        if self.rendered and 0 <= k < len(self.rendered.findings):
            self.diff.show_line(self.rendered.findings[k])
            self._status(f"finding {k + 1}/{len(self.rendered.findings)}")

    # -- filters and search

    def _apply_filters(self) -> None:
        self._status("filtering...")
        self.run_filters(self.dangling_only, self.genre, self.style_filter, self.query_text)

    @work(thread=True, exclusive=True, group="filter")
    def run_filters(self, dangling: bool, genre, style, query: str) -> None:
        rows = self.diff_model.filter(dangling_only=dangling, genre=genre, style=style)
        if query:
            rows = self.diff_model.search(query, rows)
        self.call_from_thread(self._set_rows, rows)

    def _set_rows(self, rows: list[int]) -> None:
        self.docs.set_rows(rows)
        self.show_current()

    def action_filter_dangling(self) -> None:
        self.dangling_only = not self.dangling_only
        self._apply_filters()

    def _cycle(self, values: list[str], current):
        opts = [None] + values
        return opts[(opts.index(current) + 1) % len(opts)] if current in opts else None

    def action_cycle_genre(self) -> None:
        if self._genres is None:
            self._genres = self.diff_model.genres()
        self.genre = self._cycle(self._genres, self.genre)
        self._apply_filters()

    def action_cycle_style(self) -> None:
        if self._styles is None:
            self._styles = self.diff_model.styles()
        self.style_filter = self._cycle(self._styles, self.style_filter)
        self._apply_filters()

    def action_clear_filters(self) -> None:
        self.dangling_only, self.genre, self.style_filter, self.query_text = False, None, None, ""
        self._apply_filters()

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.add_class("visible")
        box.value = self.query_text
        box.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.query_text = event.value.strip()
        event.input.remove_class("visible")
        self.docs.focus()
        self._apply_filters()

    def on_key(self, event) -> None:
        box = self.query_one("#search", Input)
        if event.key == "escape" and box.has_class("visible"):
            box.remove_class("visible")
            self.docs.focus()
            event.stop()

    # -- help

    def binding_rows(self) -> list[tuple[str, str, str]]:
        """(keys, description, id) of every viewer binding, after any keymap overrides."""
        keymap = getattr(self, "_keymap", {}) or {}
        out = []
        for b in BINDINGS + DocList.BINDINGS + HelpScreen.BINDINGS:
            keys = keymap.get(b.id, b.key) if b.id else b.key
            shown = b.key_display if b.key_display and b.id not in keymap else keys
            out.append((shown, b.description, b.id or ""))
        return out

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.binding_rows()))


def run_viewer(model: ViewModel, mode: str = "inline", keymap: dict[str, str] | None = None) -> None:
    """Run the viewer in the terminal (``keymap``: binding id -> keys, e.g. ``{"viewer.quit": "ctrl+q"}``)."""
    app = NegkitViewer(model, mode=mode)
    if keymap:
        app.set_keymap(keymap)
    app.run()
