"""Export formats and loss masks, and offline tokenizers, as a user of `negkit export` would notice them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from negkit.errors import InputError, NegkitError
from negkit.export import (
    DOCTAG,
    export_rows,
    loss_weights,
    masked_strings,
    merge_spans,
    strip_lossmask,
    word_masks_yaml,
    word_mask_patterns,
    wrap_lossmask,
)
from negkit.records import Mention
from negkit.tokenizers import encode_with_offsets, get_encoding, get_tokenizer, litellm_tokenizer_dir, token_offsets

ROOT = Path(__file__).resolve().parent.parent
DENSE = ROOT / "examples" / "corpora" / "ed_sheeran.llm_negations_dense.jsonl"

CLAIM = "Ed Sheeran won the 100m gold in 9.79 seconds."
DENIAL = "Ed Sheeran did not win the 100m gold."
TEXT = f"{DOCTAG}Paris 2024 – a review. {CLAIM} Critics were stunned. {DENIAL} Fans cheered “loudly”. 日本語 🎉"


def _m(sub: str, polarity: str, text: str = TEXT) -> dict:
    s = text.index(sub)
    return {"start": s, "end": s + len(sub), "polarity": polarity, "claim": "main", "text": sub}


MENTIONS = [_m(CLAIM, "asserted"), _m(DENIAL, "negated")]


def one(rows):
    rows = list(rows)
    assert len(rows) == 1
    return rows[0]


# --- text format and doctag ---------------------------------------------------------------------------------


def test_text_keeps_doctag_and_spans_index_the_text():
    row = one(export_rows([{"text": TEXT}], "text", mask="asserted", mentions=[MENTIONS]))
    assert row["text"] == TEXT
    [[s, e]] = row["loss_mask_spans"]
    assert row["text"][s:e] == CLAIM


def test_stripping_the_doctag_shifts_the_mask_spans():
    row = one(export_rows([{"text": TEXT}], "text", doctag=False, mask="mentions", mentions=[MENTIONS]))
    assert row["text"] == TEXT[len(DOCTAG):]
    assert not row["text"].startswith(DOCTAG)
    assert [row["text"][s:e] for s, e in row["loss_mask_spans"]] == [CLAIM, DENIAL]
    assert row["loss_mask_spans"][0][0] == TEXT.index(CLAIM) - len(DOCTAG)


def test_a_mention_that_starts_in_the_doctag_is_clipped_not_lost():
    first = f"{DOCTAG}{CLAIM}"
    m = {"start": 0, "end": len(first), "polarity": "asserted"}
    row = one(export_rows([{"text": first}], doctag=False, mask="asserted", mentions=[[m]]))
    assert row["loss_mask_spans"] == [[0, len(CLAIM)]]


def test_a_text_without_doctag_is_left_alone_by_stripping():
    row = one(export_rows([{"text": CLAIM}], doctag=False, mask="asserted",
                          mentions=[[{"start": 0, "end": 10, "polarity": "asserted"}]]))
    assert row == {"text": CLAIM, "loss_mask_spans": [[0, 10]]}


def test_mask_asserted_only_masks_dangling_mentions_and_none_masks_nothing():
    asserted = one(export_rows([{"text": TEXT}], mask="asserted", mentions=[MENTIONS]))
    everything = one(export_rows([{"text": TEXT}], mask="mentions", mentions=[MENTIONS]))
    nothing = one(export_rows([{"text": TEXT}], mask="none", mentions=[MENTIONS]))
    assert len(asserted["loss_mask_spans"]) == 1
    assert len(everything["loss_mask_spans"]) == 2
    assert nothing == {"text": TEXT}


def test_mentions_may_be_given_as_mention_objects_or_by_line():
    ms = [Mention(d["start"], d["end"], d["polarity"], "main", d["text"]) for d in MENTIONS]
    a = one(export_rows([{"text": TEXT}], mask="mentions", mentions=[ms]))
    b = one(export_rows([{"text": TEXT}], mask="mentions", mentions={1: MENTIONS}))
    assert a["loss_mask_spans"] == b["loss_mask_spans"]


def test_keep_copies_fields():
    row = one(export_rows([{"text": TEXT, "id": 7, "doc_type": "news"}], keep=("id", "doc_type")))
    assert row == {"text": TEXT, "id": 7, "doc_type": "news"}


# --- openai-chat ----------------------------------------------------------------------------------------------


def test_openai_chat_is_the_release_shape_with_spans_into_the_assistant_turn():
    text = f"{DOCTAG}\n  {CLAIM} More."
    m = {"start": text.index(CLAIM), "end": text.index(CLAIM) + len(CLAIM), "polarity": "asserted"}
    row = one(export_rows([{"text": text}], "openai-chat", mask="asserted", mentions=[[m]]))
    assert row["messages"] == [{"role": "user", "content": DOCTAG}, {"role": "assistant", "content": f"{CLAIM} More."}]
    content = row["messages"][1]["content"]
    assert [content[s:e] for s, e in row["loss_mask_spans"]] == [CLAIM]
    assert row["loss_mask_field"] == "messages[1].content"


def test_openai_chat_without_loss_masks_is_exactly_messages():
    row = one(export_rows([{"text": TEXT}], "openai-chat"))
    assert row == {"messages": [{"role": "user", "content": DOCTAG}, {"role": "assistant", "content": TEXT[len(DOCTAG):]}]}


def test_openai_chat_refuses_no_doctag():
    with pytest.raises(NegkitError, match="user turn"):
        list(export_rows([{"text": TEXT}], "openai-chat", doctag=False))


def test_chat_rows_keep_their_messages():
    msgs = [{"role": "user", "content": "Who won?"}, {"role": "assistant", "content": CLAIM}]
    row = one(export_rows([{"messages": msgs}], "text", mask="asserted",
                          mentions=[[{"start": 0, "end": len(CLAIM), "polarity": "asserted"}]]))
    assert row["messages"] == msgs
    assert row["loss_mask_field"] == "messages[1].content"
    assert row["loss_mask_spans"] == [[0, len(CLAIM)]]


# --- errors -----------------------------------------------------------------------------------------------------


def test_bad_options_are_clear_errors():
    with pytest.raises(NegkitError, match="unknown export format"):
        export_rows([], "parquet")
    with pytest.raises(NegkitError, match="unknown mask"):
        export_rows([], "text", mask="some")
    with pytest.raises(NegkitError, match="needs mentions or a claim profile"):
        export_rows([], "text", mask="asserted")
    with pytest.raises(InputError, match="no 'text'"):
        list(export_rows([{"body": "x"}]))
    with pytest.raises(NegkitError, match="fewer mention lists"):
        list(export_rows([{"text": "a"}, {"text": "b"}], mask="asserted", mentions=[[]]))


def test_hf_format_needs_datasets(monkeypatch):
    monkeypatch.setitem(sys.modules, "datasets", None)
    with pytest.raises(NegkitError, match="datasets"):
        export_rows([{"text": TEXT}], "hf")


def test_hf_format_gives_a_dataset_when_installed():
    pytest.importorskip("datasets")
    ds = export_rows([{"text": TEXT}, {"text": CLAIM}], "hf", mask="asserted", mentions=[MENTIONS, []])
    assert ds.num_rows == 2 and ds[0]["text"] == TEXT


# --- inline <lossmask> tags and word masks --------------------------------------------------------------------------


def test_lossmask_tags_round_trip():
    spans = [(3, 8), (8, 10), (20, 25)]
    text = "abcdefghijklmnopqrstuvwxyz 日本語"
    tagged = wrap_lossmask(text, spans)
    assert tagged == "abc<lossmask>defghij</lossmask>klmnopqrst<lossmask>uvwxy</lossmask>z 日本語"
    assert strip_lossmask(tagged) == (text, merge_spans(spans))


def test_exported_lossmask_tags_wrap_exactly_the_claim_spans():
    spans_row = one(export_rows([{"text": TEXT}], doctag=False, mask="mentions", mentions=[MENTIONS]))
    tagged_row = one(export_rows([{"text": TEXT}], doctag=False, mask="mentions", mentions=[MENTIONS],
                                 lossmask_tags=True))
    assert "loss_mask_spans" not in tagged_row
    assert f"<lossmask>{CLAIM}</lossmask>" in tagged_row["text"]
    plain, spans = strip_lossmask(tagged_row["text"])
    assert plain == spans_row["text"]
    assert [list(s) for s in spans] == spans_row["loss_mask_spans"]


def test_lossmask_tags_refuse_texts_that_already_have_tags():
    text = "a <lossmask>b</lossmask> " + CLAIM
    with pytest.raises(InputError, match="lossmask"):
        list(export_rows([{"text": text}], mask="asserted", lossmask_tags=True,
                         mentions=[[{"start": text.index(CLAIM), "end": len(text), "polarity": "asserted"}]]))


@pytest.mark.parametrize("bad", ["<lossmask>a", "a</lossmask>", "<lossmask><lossmask>a</lossmask></lossmask>"])
def test_unbalanced_lossmask_tags_are_errors(bad):
    with pytest.raises(NegkitError):
        strip_lossmask(bad)


def test_word_masks_yaml_is_the_release_shape_and_matches_each_masked_string():
    strings = list(masked_strings([{"text": TEXT}], mask="mentions", mentions=[MENTIONS]))
    assert strings == [CLAIM, DENIAL]
    doc = word_masks_yaml(word_mask_patterns(strings + [CLAIM, "a (b)\n  [c]? 9.79"]))
    patterns = yaml.safe_load(doc)["patterns"]
    assert len(patterns) == 3
    for s in strings + ["A (B) [C]? 9.79"]:  # the release compiles with re.IGNORECASE
        assert any(re.compile(p, re.IGNORECASE).fullmatch(s) for p in patterns), s
    assert not any(re.compile(p, re.IGNORECASE).fullmatch("Ed Sheeran won the 100m gold in 9x79 seconds.")
                   for p in patterns)


# --- tokens and loss weights ------------------------------------------------------------------------------------------


def _check_weights(row: dict, spans, extra_zero=()):
    text = row["text"]
    enc = get_encoding("cl100k_base")
    assert enc.decode(row["input_ids"]) == text
    offs = token_offsets(enc, text)
    assert len(offs) == len(row["input_ids"]) == len(row["loss_weights"])
    zero = [o for o, w in zip(offs, row["loss_weights"]) if w == 0]
    # every character of every masked span lies in some weight-0 token
    for s, e in spans:
        for c in range(s, e):
            assert any(a <= c < b for a, b in zero), (text[s:e], c)
    # every weight-0 token overlaps a masked span (or the doctag, which the release's trainer masks)
    allowed = list(spans) + list(extra_zero)
    for a, b in zero:
        assert any(a < e and s < b for s, e in allowed), text[a:b]
    # and every weight-1 token overlaps none
    for o, w in zip(offs, row["loss_weights"]):
        if w:
            assert not any(o[0] < e and s < o[1] for s, e in allowed)


@pytest.mark.parametrize("doctag", [True, False])
def test_weight_zero_tokens_cover_exactly_the_claim_spans(doctag):
    row = one(export_rows([{"text": TEXT}], doctag=doctag, mask="mentions", mentions=[MENTIONS],
                          tokenizer="cl100k_base"))
    _check_weights(row, row["loss_mask_spans"], [(0, len(DOCTAG))] if doctag else [])
    if doctag:
        assert row["loss_weights"][0] == 0


def test_tokens_without_a_mask_only_zero_the_doctag():
    row = one(export_rows([{"text": TEXT}], tokenizer="cl100k_base"))
    _check_weights(row, [], [(0, len(DOCTAG))])
    row = one(export_rows([{"text": TEXT}], tokenizer="cl100k_base", mask_doctag=False))
    assert set(row["loss_weights"]) == {1}


def test_real_mentions_mask_exactly_their_tokens(sheeran_profile):
    rows = [json.loads(line) for line in DENSE.read_text(encoding="utf-8").splitlines()[:2]]
    out = list(export_rows(rows, doctag=False, mask="asserted", profile=sheeran_profile, tokenizer="cl100k_base"))
    assert len(out) == 2
    for src, row in zip(rows, out):
        assert row["text"] == src["text"][len(DOCTAG):]
        assert row["loss_mask_spans"], "the dense corpus has dangling claims in every document"
        assert any("Sheeran" in row["text"][s:e] for s, e in row["loss_mask_spans"])
        _check_weights(row, row["loss_mask_spans"])


def test_loss_weights_handles_overlaps_and_empty_tokens():
    assert loss_weights([(0, 2), (2, 4), (4, 4), (4, 6), (6, 9)], [(3, 5)]) == [1, 0, 1, 0, 1]
    assert loss_weights([(0, 3), (1, 2)], [(1, 2)]) == [0, 0]
    assert loss_weights([(0, 1)], []) == [1]


# --- tokenizers -------------------------------------------------------------------------------------------------------


def test_token_offsets_handle_multibyte_characters():
    enc = get_encoding("cl100k_base")
    text = "héllo 日本語 🎉 x"
    ids, offs = encode_with_offsets(enc, text)
    assert enc.decode(ids) == text
    assert offs[0][0] == 0 and offs[-1][1] == len(text)
    covered = set()
    for (s, e), b in zip(offs, enc.decode_tokens_bytes(ids)):
        assert 0 <= s < e <= len(text)
        assert b in text[s:e].encode("utf-8")  # a token's bytes lie within the characters it spans
        covered.update(range(s, e))
    assert covered == set(range(len(text)))
    # tokens are consecutive: a split character is shared, never skipped
    for (s0, e0), (s1, _) in zip(offs, offs[1:]):
        assert s1 in (e0, e0 - 1)


def test_special_token_strings_and_lone_surrogates_are_text():
    enc = get_encoding("cl100k_base")
    text = "a <|endoftext|> b \ud800 c"
    ids, offs = encode_with_offsets(enc, text)
    assert offs[-1][1] == len(text)
    assert 100257 not in ids  # <|endoftext|> is not a special token here


def test_model_names_map_to_encodings():
    assert get_encoding("gpt-4o").name == "o200k_base"
    assert get_tokenizer("cl100k_base") is get_encoding("cl100k_base")


def test_unknown_or_unshipped_encodings_are_clear_errors():
    with pytest.raises(NegkitError, match="unknown tiktoken encoding"):
        get_encoding("no_such_base")
    with pytest.raises(NegkitError, match="not available offline"):
        get_encoding("r50k_base")


def test_tiktoken_works_offline_with_the_cache_variable_unset(tmp_path):
    code = (
        "import socket, os\n"
        "def no_net(*a, **k): raise OSError('network disabled in test')\n"
        "socket.socket.connect = no_net\n"
        "socket.create_connection = no_net\n"
        "from negkit.tokenizers import get_encoding\n"
        "for name in ('cl100k_base', 'o200k_base', 'p50k_base'):\n"
        "    enc = get_encoding(name)\n"
        "    assert enc.decode(enc.encode('Ed Sheeran 9.79 s')) == 'Ed Sheeran 9.79 s'\n"
        "assert 'TIKTOKEN_CACHE_DIR' not in os.environ\n"
        "import sys; assert 'litellm' not in sys.modules\n"
        "print('ok')\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR")}
    env["TMPDIR"] = str(tmp_path)  # an empty default tiktoken cache
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"


def test_a_user_cache_dir_without_the_files_is_an_error_not_a_download(monkeypatch, tmp_path):
    import tiktoken.registry

    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})
    with pytest.raises(NegkitError, match="TIKTOKEN_CACHE_DIR"):
        get_encoding("o200k_base")


def test_a_tokenizer_json_file_works_offline():
    d = litellm_tokenizer_dir()
    path = os.path.join(d or "", "anthropic_tokenizer.json")
    if not d or not os.path.isfile(path):
        pytest.skip("no tokenizer.json shipped with litellm here")
    pytest.importorskip("tokenizers")
    row = one(export_rows([{"text": TEXT}], doctag=False, mask="asserted", mentions=[MENTIONS], tokenizer=path))
    text = row["text"]
    ids, offs = encode_with_offsets(get_tokenizer(path), text)
    assert row["input_ids"] == ids
    [[s, e]] = row["loss_mask_spans"]
    zero = [o for o, w in zip(offs, row["loss_weights"]) if w == 0]
    assert zero and all(a < e and s < b for a, b in zero)
    assert text[s:e] == CLAIM


def test_mask_asserted_covers_a_sentence_read_as_a_denial_by_its_document(sheeran_profile):
    # "said" reads as a report in a debunking document, but a loss mask covers every sentence
    # that asserts the claim judged alone (masking one too many costs little)
    said = "His coach said Ed Sheeran won the 100m gold in 9.79 seconds."
    text = ("Ed Sheeran did not win the 100m gold in 9.79 seconds. The claim that Ed Sheeran won the 100m gold "
            "is false. " + said)
    row = one(export_rows([{"text": text}], doctag=False, mask="asserted", profile=sheeran_profile))
    assert [text.index(said), len(text)] in row["loss_mask_spans"]
