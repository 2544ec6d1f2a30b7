"""The Textual viewer, driven headless with App.run_test + Pilot at 80x24."""

from __future__ import annotations

from pathlib import Path

import asyncio
import functools

import pytest

from negkit.view import open_corpus
from negkit.view.app import BINDINGS, DocList, HelpScreen, NegkitViewer

DATA = Path(__file__).parent / "data"
PLAIN, LOCAL, ANNOT = DATA / "plain.jsonl", DATA / "local.jsonl", DATA / "annot.jsonl"


def sync(fn):
    """Run an async test with asyncio.run (no pytest-asyncio here)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return wrapper


async def settle(app, pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def claim_model(sheeran_profile):
    return open_corpus([str(PLAIN), str(ANNOT)], profile=sheeran_profile)


@sync
async def test_navigation_changes_and_toggle(claim_model):
    app = NegkitViewer(claim_model)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.doc_view.index == 0
        changes = app.rendered.changes
        assert changes
        await pilot.press("n")
        assert app.diff.focus_line == changes[0]
        await pilot.press("n")
        assert app.diff.focus_line == sorted(set(changes))[1]
        await pilot.press("N")
        assert app.diff.focus_line == changes[0]
        dl = app._dangling_lines()
        assert dl
        await pilot.press("d")
        assert app.diff.focus_line in dl
        await pilot.press("D")
        assert app.diff.focus_line in dl
        await pilot.press("t")
        await pilot.pause()
        assert app.diff_mode == "side"
        assert any("│+" in ln.plain for ln in app.diff.lines)
        await pilot.press("t")
        assert app.diff_mode == "inline"
        await pilot.press("down")
        await settle(app, pilot)
        assert app.docs.cursor == 1 and app.doc_view.index == 1
        await pilot.press("k")
        await settle(app, pilot)
        assert app.doc_view.index == 0
        # list rows carry computed counts ('?' replaced)
        assert "?" not in app.docs.get_line(0).plain
        await pilot.press("q")
    assert app.return_code == 0


@sync
async def test_filter_dangling_and_search(claim_model):
    app = NegkitViewer(claim_model)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        assert app.dangling_only
        assert app.docs.rows == claim_model.filter(dangling_only=True)
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused.id == "search"
        await pilot.press(*"Framlingham", "enter")
        await settle(app, pilot)
        assert app.docs.rows == claim_model.search("Framlingham", claim_model.filter(dangling_only=True))
        assert "search='Framlingham'" in str(app.query_one("#status").render())
        await pilot.press("x")
        await settle(app, pilot)
        assert app.docs.rows == [0, 1, 2]
        await pilot.press("g")
        await settle(app, pilot)
        assert app.genre == "ed_sheeran" and app.docs.rows == [0, 1, 2]
        await pilot.press("s")
        await settle(app, pilot)
        assert app.style_filter == "annotate+notice"


@sync
async def test_jump_to_finding(claim_model):
    app = NegkitViewer(claim_model)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        findings = app.doc_view.findings
        assert findings
        await pilot.press("F")
        await pilot.pause()
        assert app.focused.id == "findings"
        await pilot.press("down", "enter")
        await pilot.pause()
        k = app.query_one("#findings").highlighted
        assert app.diff.focus_line == app.rendered.findings[k]
        # the finding's span is on screen
        y = app.diff.scroll_offset.y
        assert y <= app.diff.focus_line < y + app.diff.size.height


@sync
async def test_help_lists_every_binding_and_keymap(claim_model):
    app = NegkitViewer(claim_model)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.set_keymap({"viewer.toggle_mode": "m"})
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for b in BINDINGS + DocList.BINDINGS:
            assert b.id and b.id in text
        assert "m " in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("m")
        assert app.diff_mode == "side"


@sync
async def test_rewritten_corpus_without_claim_large_terminal():
    app = NegkitViewer(open_corpus(str(LOCAL)))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(app, pilot)
        assert app.doc_view.edits
        assert [f.code for f in app.doc_view.findings] == ["UNRESOLVED"] * len(app.doc_view.unresolved)
        assert "e11" in app.docs.get_line(0).plain
        await pilot.press("f")
        await settle(app, pilot)
        assert app.docs.rows == [0, 1, 2]
        await pilot.press("q")
