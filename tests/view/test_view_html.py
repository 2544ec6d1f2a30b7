"""The self-contained HTML report of `negkit view`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from negkit.view import open_corpus
from negkit.view.html import write_html

DATA = Path(__file__).parent / "data"
PLAIN, LOCAL, ANNOT = DATA / "plain.jsonl", DATA / "local.jsonl", DATA / "annot.jsonl"
CHROMIUM = "/usr/bin/chromium"


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.text_in: dict[str, list[str]] = {}
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        for t in set(self.stack):
            self.text_in.setdefault(t, []).append(data)


def parse(path) -> Collect:
    c = Collect()
    c.feed(Path(path).read_text(encoding="utf-8"))
    return c


def test_report_has_changes_marks_and_links(tmp_path, sheeran_profile):
    out = tmp_path / "report.html"
    m = open_corpus([str(PLAIN), str(LOCAL)], profile=sheeran_profile)
    assert write_html(m, str(out)) == str(out)
    c = parse(out)
    tags = [t for t, _ in c.tags]
    assert "ins" in tags and "del" in tags
    marks = [a for t, a in c.tags if t == "mark" and a.get("data-polarity")]
    assert marks and {a["class"] for a in marks} <= {"asserted", "negated", "attributed"}
    assert all(a["class"] == a["data-polarity"] for a in marks)
    ids = {a["id"] for _, a in c.tags if "id" in a}
    links = [a["href"] for t, a in c.tags if t == "a" and a.get("href", "").startswith("#doc-")]
    assert len(links) == 3 and all(h[1:] in ids for h in links)
    assert "did not" in "".join(c.text_in["ins"])
    html = out.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and "<link" not in html and "src=" not in html


def test_report_escapes_document_text(tmp_path):
    src = tmp_path / "evil.jsonl"
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"'
    src.write_text(json.dumps({"id": "<b>id</b>", "doc_type": "<i>g</i>", "text": evil}) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    write_html(open_corpus(str(src)), str(out))
    c = parse(out)
    assert [t for t, _ in c.tags].count("script") == 1  # only the report's own script
    assert not any(t in ("img", "b", "i") for t, _ in c.tags)
    assert evil in "".join(c.text_in["div"])
    html = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_limit(tmp_path):
    out = tmp_path / "r.html"
    write_html(open_corpus(str(ANNOT)), str(out), limit=2)
    ids = {a.get("id") for _, a in parse(out).tags}
    assert {"doc-0", "doc-1"} <= ids and "doc-2" not in ids


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="chromium is not installed at /usr/bin/chromium")
def test_report_in_headless_chromium(tmp_path, sheeran_profile):
    out = tmp_path / "report.html"
    write_html(open_corpus([str(PLAIN), str(ANNOT)], profile=sheeran_profile), str(out))
    profile_dir = tmp_path / "chrome-profile"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile_dir}", "--dump-dom", out.as_uri()]
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.skip("chromium did not finish in 60 s")
    if res.returncode != 0 or "<html" not in res.stdout:
        pytest.skip(f"chromium could not run here: {res.stderr[-300:]}")
    c = Collect()
    c.feed(res.stdout)
    marks = [a for t, a in c.tags if t == "mark" and a.get("data-polarity") == "asserted"]
    assert marks
    assert "ins" in [t for t, _ in c.tags]
    ids = {a["id"] for _, a in c.tags if "id" in a}
    links = [a["href"] for t, a in c.tags if t == "a" and a.get("href", "").startswith("#doc-")]
    assert links and all(h[1:] in ids for h in links)
    shutil.rmtree(profile_dir, ignore_errors=True)


def test_commands_write_html_and_keymap(tmp_path):
    from negkit.errors import InputError, NegkitError
    from negkit.view.commands import load_keymap, run_diff, run_view

    out = tmp_path / "d.html"
    assert run_diff(str(PLAIN), str(LOCAL), html=str(out), limit=1) == str(out)
    assert "<del>" in out.read_text(encoding="utf-8")
    out2 = tmp_path / "v.html"
    assert run_view([str(ANNOT)], html=str(out2)) == str(out2)
    with pytest.raises(NegkitError):
        run_view([str(ANNOT)], mode="sideways")
    with pytest.raises(NegkitError, match="terminal"):  # pytest's stdin is not a terminal
        run_view([str(ANNOT)])
    km = tmp_path / "keys.yaml"
    km.write_text("viewer.quit: ctrl+q\nviewer.next_change: right\n", encoding="utf-8")
    assert load_keymap(str(km)) == {"viewer.quit": "ctrl+q", "viewer.next_change": "right"}
    km.write_text("viewer.nope: x\n", encoding="utf-8")
    with pytest.raises(NegkitError, match="unknown binding"):
        load_keymap(str(km))
    with pytest.raises(InputError):
        load_keymap(str(tmp_path / "missing.yaml"))
