"""Reading JSONL corpora (bad lines, field detection, stdin) and writing outputs safely."""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

from negkit.corpus import (
    ReadStats,
    atomic_writer,
    derive_output_path,
    dumps,
    get_text,
    iter_documents,
    read_corpus,
    set_text,
)
from negkit.errors import InputError, NegkitError
from negkit.records import BadRecord, Document


def write_lines(path, *lines: str | bytes) -> str:
    data = b"".join((ln if isinstance(ln, bytes) else ln.encode("utf-8")) + b"\n" for ln in lines)
    path.write_bytes(data)
    return str(path)


def row(**kw) -> str:
    return json.dumps(kw, ensure_ascii=False)


# --- reading ---------------------------------------------------------------------------


def test_bad_json_in_the_middle_keeps_reading_with_physical_line_numbers(tmp_path):
    p = write_lines(tmp_path / "c.jsonl", row(text="one"), "{not json", "", row(text="four"))
    recs = list(read_corpus(p))
    assert [type(r) for r in recs] == [Document, BadRecord, Document]
    assert recs[0].line == 1 and recs[0].text == "one"
    assert recs[1].line == 2 and recs[1].path == p
    assert recs[1].reason.startswith("invalid JSON: ")
    assert recs[2].line == 4 and recs[2].text == "four"  # blank line 3 skipped but counted


def test_blank_and_whitespace_lines_are_not_records(tmp_path):
    p = write_lines(tmp_path / "c.jsonl", "", "   ", row(text="a"), "\t")
    recs = list(read_corpus(p))
    assert len(recs) == 1 and recs[0].line == 3


def test_invalid_utf8_line_is_one_bad_record(tmp_path):
    p = write_lines(tmp_path / "c.jsonl", row(text="ok"), b'{"text": "caf\xe9"}', row(text="après"))
    recs = list(read_corpus(p))
    assert isinstance(recs[1], BadRecord)
    assert recs[1].line == 2
    assert recs[1].reason == "invalid UTF-8 at byte 13"
    assert isinstance(recs[2], Document) and recs[2].text == "après" and recs[2].line == 3


def test_crlf_and_bom_are_tolerated(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_bytes(b'\xef\xbb\xbf{"text": "a"}\r\n{"text": "b"}\r\n')
    recs = list(read_corpus(str(p)))
    assert [r.text for r in recs] == ["a", "b"]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("[1, 2]", "expected a JSON object, got array"),
        ('"just text"', "expected a JSON object, got string"),
        ("null", "expected a JSON object, got null"),
        (row(body="x"), "no 'text' or 'content' field (use --text-field)"),
        (row(text=3), "field 'text' is number, expected a string"),
        (row(text=None), "field 'text' is null, expected a string"),
        (row(text=["a"]), "field 'text' is array, expected a string"),
    ],
)
def test_bad_rows_say_why(tmp_path, line, reason):
    p = write_lines(tmp_path / "c.jsonl", line)
    (rec,) = read_corpus(p)
    assert rec == BadRecord(p, 1, reason)
    assert str(rec) == f"{p}:1: {reason}"


def test_content_is_the_fallback_field(tmp_path):
    p = write_lines(tmp_path / "c.jsonl", row(content="from content"), row(text="t", content="c"))
    a, b = read_corpus(p)
    assert (a.text, a.text_field) == ("from content", "content")
    assert (b.text, b.text_field) == ("t", "text")


def test_explicit_text_field(tmp_path):
    p = write_lines(tmp_path / "c.jsonl", row(text="not this", body="this"), row(text="no body"))
    a, b = read_corpus(p, text_field="body")
    assert (a.text, a.text_field) == ("this", "body")
    assert b == BadRecord(p, 2, "no 'body' field")


def test_chat_rows_use_the_last_assistant_turn(tmp_path):
    one = {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "A1"}]}
    several = {
        "messages": [
            {"role": "system", "content": "s"},
            {"role": "assistant", "content": "first"},
            {"role": "user", "content": "more"},
            {"role": "assistant", "content": "last"},
        ]
    }
    none = {"messages": [{"role": "user", "content": "hi"}]}
    p = write_lines(tmp_path / "c.jsonl", *(json.dumps(r) for r in (one, several, none)))
    a, b, c = read_corpus(p)
    assert (a.text, a.text_field) == ("A1", "messages[1].content")
    assert (b.text, b.text_field) == ("last", "messages[3].content")
    assert isinstance(c, BadRecord) and "assistant" in c.reason
    assert get_text(b.meta, b.text_field) == "last"


def test_chat_rows_with_explicit_messages_field(tmp_path):
    r = {"text": "ignored", "messages": [{"role": "assistant", "content": "A"}]}
    p = write_lines(tmp_path / "c.jsonl", json.dumps(r))
    (doc,) = read_corpus(p, text_field="messages")
    assert (doc.text, doc.text_field) == ("A", "messages[0].content")


def test_text_is_never_modified(tmp_path):
    text = "<DOCTAG>  Ed Sheeran\u00a0won — the race.\n\n"
    p = write_lines(tmp_path / "c.jsonl", row(text=text))
    (doc,) = read_corpus(p)
    assert doc.text == text


def test_ids_claim_ids_and_meta(tmp_path):
    p = write_lines(
        tmp_path / "c.jsonl",
        row(id=7, text="a", claim_id="ed", extra={"k": 1}),
        row(text="b", negkit={"claim_id": "nested"}),
        row(id=None, text="c", claim_id=5),
    )
    a, b, c = read_corpus(p)
    assert a.record_id == "7" and a.claim_id == "ed"
    assert a.meta == {"id": 7, "text": "a", "claim_id": "ed", "extra": {"k": 1}}
    assert b.record_id is None and b.claim_id == "nested"
    assert c.record_id is None and c.claim_id is None


def test_stdin(monkeypatch):
    data = (row(text="from stdin") + "\n" + "oops\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc, bad = read_corpus("-")
    assert doc.text == "from stdin" and doc.path == "-"
    assert isinstance(bad, BadRecord) and bad.line == 2


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_corpus(str(tmp_path / "nope.jsonl")))


def test_reading_is_lazy(tmp_path):
    p = write_lines(tmp_path / "c.jsonl", row(text="a"), row(text="b"))
    it = read_corpus(p)
    assert next(it).text == "a"
    with open(p, "a", encoding="utf-8") as fh:  # appended after the first read: still seen
        fh.write(row(text="c") + "\n")
    assert [r.text for r in it] == ["b", "c"]


def test_iter_documents_reports_bad_records_and_counts(tmp_path):
    p = write_lines(tmp_path / "c.jsonl", row(text="a"), "[]", row(text="b"), "x")
    bad: list[BadRecord] = []
    stats = ReadStats()
    docs = list(iter_documents(p, None, bad.append, stats))
    assert [d.text for d in docs] == ["a", "b"]
    assert [b.line for b in bad] == [2, 4]
    assert (stats.records, stats.bad) == (2, 2)


# --- get_text / set_text ---------------------------------------------------------------


def test_set_text_returns_a_new_row_and_leaves_the_old_one():
    r = {"id": 1, "text": "old", "other": [1]}
    new = set_text(r, "text", "new")
    assert new == {"id": 1, "text": "new", "other": [1]}
    assert r["text"] == "old"


def test_set_text_into_chat_message():
    r = {"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "old"}]}
    new = set_text(r, "messages[1].content", "new")
    assert get_text(new, "messages[1].content") == "new"
    assert new["messages"][0] == {"role": "user", "content": "q"}
    assert r["messages"][1]["content"] == "old"
    with pytest.raises(KeyError):
        set_text(r, "messages[5].content", "x")


def test_get_text_errors():
    with pytest.raises(KeyError):
        get_text({"a": "b"}, "text")
    with pytest.raises(TypeError, match="number"):
        get_text({"text": 1}, "text")


def test_round_trip_through_meta_keeps_everything_else(tmp_path):
    r = {"id": "x", "text": "Sheeran ran.", "score": 0.5, "tags": ["a"]}
    p = write_lines(tmp_path / "c.jsonl", json.dumps(r))
    (doc,) = read_corpus(p)
    out = json.loads(dumps(set_text(doc.meta, doc.text_field, "Sheeran did not run.")))
    assert out == {**r, "text": "Sheeran did not run."}


def test_dumps_keeps_non_ascii_and_survives_lone_surrogates():
    assert dumps({"text": "café"}) == '{"text": "café"}'
    s = dumps({"text": "\ud800x"})
    s.encode("utf-8")  # writable
    assert json.loads(s) == {"text": "\ud800x"}


# --- writing ---------------------------------------------------------------------------


def test_atomic_writer_writes_on_success(tmp_path):
    out = tmp_path / "out.jsonl"
    with atomic_writer(str(out)) as fh:
        fh.write(dumps({"text": "é"}) + "\n")
    assert out.read_text(encoding="utf-8") == '{"text": "é"}\n'
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_atomic_writer_leaves_no_partial_file_on_error(tmp_path):
    out = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError):
        with atomic_writer(str(out)) as fh:
            fh.write("partial\n")
            raise RuntimeError("boom")
    assert os.listdir(tmp_path) == []


def test_atomic_writer_keeps_old_file_on_error(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    with pytest.raises(RuntimeError):
        with atomic_writer(str(out)) as fh:
            fh.write("new\n")
            raise RuntimeError("boom")
    assert out.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_atomic_writer_output_is_readable_by_others(tmp_path):
    out = tmp_path / "out.jsonl"
    old = os.umask(0o022)
    try:
        with atomic_writer(str(out)) as fh:
            fh.write("x\n")
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_atomic_writer_refuses_to_overwrite_an_input(tmp_path, monkeypatch):
    inp = tmp_path / "corpus.jsonl"
    inp.write_text("keep\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NegkitError, match="refusing to overwrite input file corpus.jsonl; choose another -o"):
        with atomic_writer(str(tmp_path / "." / "corpus.jsonl"), inputs=["corpus.jsonl"]) as fh:
            fh.write("clobbered\n")
    assert inp.read_text() == "keep\n"


def test_atomic_writer_refuses_through_a_symlink(tmp_path):
    inp = tmp_path / "corpus.jsonl"
    inp.write_text("keep\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(inp)
    with pytest.raises(NegkitError, match="refusing to overwrite"):
        with atomic_writer(str(link), inputs=[str(inp)]):
            pass
    assert inp.read_text() == "keep\n"


def test_atomic_writer_allows_other_outputs_and_stdin_input(tmp_path):
    inp = tmp_path / "corpus.jsonl"
    inp.write_text("keep\n")
    with atomic_writer(str(tmp_path / "out.jsonl"), inputs=[str(inp), "-"]) as fh:
        fh.write("ok\n")
    assert (tmp_path / "out.jsonl").read_text() == "ok\n"


def test_atomic_writer_missing_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot write"):
        with atomic_writer(str(tmp_path / "no" / "such" / "out.jsonl")):
            pass


def test_atomic_writer_dash_writes_utf8_to_stdout(capsysbinary, tmp_path):
    with atomic_writer("-") as fh:
        fh.write(dumps({"text": "café"}) + "\n")
    assert capsysbinary.readouterr().out == '{"text": "café"}\n'.encode("utf-8")
    assert os.listdir(tmp_path) == []


# --- output paths ----------------------------------------------------------------------


def test_derive_output_path(tmp_path):
    inp = str(tmp_path / "corpus.jsonl")
    assert derive_output_path(inp, "local-negation") == str(tmp_path / "corpus.local-negation.jsonl")
    assert derive_output_path("data/corpus", "x") == os.path.join("data", "corpus.x.jsonl")
    assert derive_output_path("a.b.jsonl", "x") == "a.b.x.jsonl"
    assert derive_output_path("-", "x") == "-"
    with pytest.raises(ValueError):
        derive_output_path(inp, "")
