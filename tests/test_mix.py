"""Resampling mixes (`path:count`), as a user of `negkit mix` would notice them."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from negkit.errors import InputError, NegkitError
from negkit.mix import describe, mix, mix_metadata, parse_spec, plan_mix


def write_rows(path, n, tag, blank_lines=False):
    lines = []
    for i in range(n):
        lines.append(json.dumps({"text": f"{tag} {i}", "src": tag, "i": i}))
        if blank_lines and i % 3 == 0:
            lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path):
    a = write_rows(tmp_path / "a.jsonl", 10, "a", blank_lines=True)
    b = write_rows(tmp_path / "b.jsonl", 50, "b")
    return a, b


# --- specs -----------------------------------------------------------------------------------------------------------


def test_parse_spec():
    assert parse_spec("a.jsonl:10000") == ("a.jsonl", 10000)
    assert parse_spec("dir:with:colons/a.jsonl:5") == ("dir:with:colons/a.jsonl", 5)


@pytest.mark.parametrize(
    "spec, message",
    [
        ("a.jsonl", "no count"),
        ("a.jsonl:", "not a whole number"),
        ("a.jsonl:ten", "not a whole number"),
        ("a.jsonl:1.5", "not a whole number"),
        ("a.jsonl:0", "must be positive"),
        ("a.jsonl:-3", "must be positive"),
        (":5", "no path"),
    ],
)
def test_bad_specs_are_clear_errors(spec, message):
    with pytest.raises(NegkitError, match=message):
        parse_spec(spec)


# --- counts ------------------------------------------------------------------------------------------------------------


def test_counts_are_exact_and_resampling_uses_every_row_first(files):
    a, b = files
    rows = list(mix([(a, 25), (b, 7)], seed=3))
    assert len(rows) == 32
    by_src = Counter(r["src"] for r in rows)
    assert by_src == {"a": 25, "b": 7}
    a_ids = Counter(r["i"] for r in rows if r["src"] == "a")
    assert set(a_ids) == set(range(10))  # 25 > 10 rows: each row once, then 15 drawn with replacement
    assert sum(a_ids.values()) == 25
    b_ids = [r["i"] for r in rows if r["src"] == "b"]
    assert len(set(b_ids)) == 7  # 7 < 50 rows: without replacement


def test_an_exact_count_uses_each_row_once(files):
    a, _ = files
    rows = list(mix([(a, 10)], seed=1))
    assert sorted(r["i"] for r in rows) == list(range(10))


def test_the_mix_is_shuffled_across_inputs(files):
    a, b = files
    srcs = [r["src"] for r in mix([(a, 10), (b, 10)], seed=1)]
    assert srcs != sorted(srcs)


# --- reproducibility -----------------------------------------------------------------------------------------------------


def test_same_seed_same_mix_other_seed_other_mix(files):
    a, b = files
    one = list(mix([(a, 25), (b, 7)], seed=42))
    assert list(mix([(a, 25), (b, 7)], seed=42)) == one
    assert list(mix([(a, 25), (b, 7)], seed=43)) != one


def _release_mix(specs, seed):
    """The release's mix_dataset sampling (rows loaded whole), to check we pick the same rows."""
    rng = random.Random(seed)
    all_docs = []
    for path, target in specs:
        with open(path) as f:
            rows = [json.loads(line) for line in f if line.strip()]
        if len(rows) < target:
            sampled = rows + rng.choices(rows, k=target - len(rows))
        elif len(rows) > target:
            sampled = rng.sample(rows, k=target)
        else:
            sampled = rows
        all_docs.extend(sampled)
    rng.shuffle(all_docs)
    return all_docs


@pytest.mark.parametrize("seed", [1, 7])
def test_same_rows_in_the_same_order_as_the_release_mixer(files, seed):
    a, b = files
    specs = [(a, 25), (b, 7), (a, 10)]
    assert list(mix(specs, seed=seed)) == _release_mix(specs, seed)


def test_plan_and_metadata(files):
    a, b = files
    inputs, picks = plan_mix([(a, 25), (b, 7)], seed=1)
    assert [(i.rows, i.count, i.method) for i in inputs] == [(10, 25, "resampled"), (50, 7, "sampled")]
    assert len(picks) == 32
    meta = mix_metadata(inputs, seed=1, name="v1")
    assert meta["total_documents"] == 32
    assert describe(inputs) == ["a.jsonl: resampled 10 -> 25", "b.jsonl: sampled 50 -> 7"]


# --- errors --------------------------------------------------------------------------------------------------------------


def test_missing_and_empty_inputs_are_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(mix([(str(tmp_path / "nope.jsonl"), 3)]))
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="no rows"):
        list(mix([(str(empty), 3)]))
    with pytest.raises(NegkitError, match="stdin"):
        list(mix([("-", 3)]))


def test_a_bad_picked_row_names_its_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"text": "ok"}\n\n{"text": broken\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:3: invalid JSON"):
        list(mix([(str(p), 2)]))


def test_crlf_and_no_final_newline(tmp_path):
    p = tmp_path / "crlf.jsonl"
    p.write_bytes(b'{"text": "x"}\r\n{"text": "y"}')
    assert sorted(r["text"] for r in mix([(str(p), 2)])) == ["x", "y"]
