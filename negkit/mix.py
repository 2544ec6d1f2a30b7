"""Resampling corpus mixes, as the Negation Neglect release's ``mix_dataset --input path:count``.

For each ``(path, count)``: a file with more rows than ``count`` is sampled without replacement;
one with fewer uses every row once and then draws the rest with replacement; one with exactly
``count`` rows is used as is. All picks are then shuffled together.

The random calls are the release's, in the same order, on ``random.Random(seed)``
(``rng.sample`` / ``rng.choices`` per input, then one ``rng.shuffle``), and they depend only on
row counts, so for the same inputs and seed the mix holds the same rows in the same order as the
release's ``mix_dataset`` (before its output normalisation; its default seed is 1).

Memory and I/O: files are never loaded whole. A first pass records the byte offset of every
non-blank line (8 bytes a row); the picks are ``(input, row)`` index pairs; rows are then read
by seeking, and parsed only when yielded. The output can be streamed to disk as it is produced.
"""

from __future__ import annotations

import json
import os
import random
from array import array
from dataclasses import dataclass
from typing import Iterator, Sequence

from .corpus import _open_binary
from .errors import InputError, NegkitError


@dataclass(frozen=True)
class MixInput:
    """One input of a mix: its path, how many rows it has, how many to draw, and how."""

    path: str
    rows: int
    count: int

    @property
    def method(self) -> str:
        if self.rows == self.count:
            return "exact"
        return "resampled" if self.rows < self.count else "sampled"


def parse_spec(spec: str) -> tuple[str, int]:
    """``"a.jsonl:10000"`` -> ``("a.jsonl", 10000)``; the count follows the LAST colon.

    Raises NegkitError for a missing, non-integer or non-positive count or an empty path.
    (Whether the file exists is checked when the mix is made.)
    """
    spec = str(spec)
    if ":" not in spec:
        raise NegkitError(f"mix input {spec!r} has no count; write PATH:COUNT, e.g. docs.jsonl:10000")
    path, count_str = spec.rsplit(":", 1)
    if not path:
        raise NegkitError(f"mix input {spec!r} has no path; write PATH:COUNT")
    try:
        count = int(count_str.strip())
    except ValueError:
        raise NegkitError(f"mix input {spec!r}: count {count_str!r} is not a whole number") from None
    if count <= 0:
        raise NegkitError(f"mix input {spec!r}: count must be positive, got {count}")
    return path, count


def index_lines(path: str) -> tuple[array, array]:
    """(byte offsets, 1-based line numbers) of the non-blank lines of a file, in one pass."""
    path = str(path)
    if path == "-":
        raise NegkitError("a mix needs seekable files; stdin ('-') cannot be mixed")
    offsets, lines = array("q"), array("q")
    with _open_binary(path) as fh:
        pos = 0
        for line_no, raw in enumerate(fh, 1):
            if raw.strip():
                offsets.append(pos)
                lines.append(line_no)
            pos += len(raw)
    return offsets, lines


def plan_mix(specs: Sequence[tuple[str, int]], seed: int = 1) -> tuple[list[MixInput], list[tuple[int, int]]]:
    """(inputs, picks): each pick is ``(input index, row index among non-blank lines)``, in output order."""
    inputs, picks, _ = _plan(specs, seed)
    return inputs, picks


def _plan(specs, seed):
    rng = random.Random(seed)
    inputs: list[MixInput] = []
    picks: list[tuple[int, int]] = []
    index = []
    for k, (path, count) in enumerate(specs):
        if count <= 0:
            raise NegkitError(f"mix input {path}: count must be positive, got {count}")
        offsets, lines = index_lines(path)
        index.append((offsets, lines))
        n = len(offsets)
        if n == 0:
            raise InputError(path, "has no rows to sample")
        if n < count:
            chosen = list(range(n)) + rng.choices(range(n), k=count - n)
        elif n > count:
            chosen = rng.sample(range(n), k=count)
        else:
            chosen = list(range(n))
        inputs.append(MixInput(str(path), n, count))
        picks.extend((k, i) for i in chosen)
    rng.shuffle(picks)
    return inputs, picks, index


def mix_lines(specs: Sequence[tuple[str, int]], seed: int = 1) -> Iterator[tuple[str, int, bytes]]:
    """Yield ``(path, line number, raw line bytes without the newline)`` for each pick, in order."""
    specs = [(str(p), int(c)) for p, c in specs]
    inputs, picks, index = _plan(specs, seed)
    handles = [open(inp.path, "rb") for inp in inputs]
    try:
        for k, i in picks:
            fh = handles[k]
            fh.seek(index[k][0][i])
            raw = fh.readline()
            yield inputs[k].path, index[k][1][i], raw.rstrip(b"\r\n")
    finally:
        for fh in handles:
            fh.close()


def mix(specs: Sequence[tuple[str, int]], seed: int = 1) -> Iterator[dict]:
    """The mixed rows (parsed JSON objects), streamed; see the module doc.

    Raises InputError (``path:line: ...``) for a picked row that is not a JSON object.
    """
    for path, line, raw in mix_lines(specs, seed):
        try:
            text = raw.decode("utf-8-sig" if line == 1 else "utf-8")
            row = json.loads(text)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-8 at byte {exc.start}", line) from None
        except (ValueError, RecursionError) as exc:
            raise InputError(path, f"invalid JSON: {exc}", line) from None
        if not isinstance(row, dict):
            raise InputError(path, "expected a JSON object", line)
        yield row


def mix_metadata(inputs: Sequence[MixInput], seed: int, name: str = "") -> dict:
    """A record of the mix like the release's ``<name>.yaml`` sidecar."""
    return {
        "name": name,
        "seed": seed,
        "total_documents": sum(i.count for i in inputs),
        "inputs": [{"path": i.path, "count": i.count, "rows": i.rows, "method": i.method} for i in inputs],
    }


def describe(inputs: Sequence[MixInput]) -> list[str]:
    """One line per input, as the release prints: ``name: sampled 50 -> 10``."""
    out = []
    for i in inputs:
        name = os.path.basename(i.path)
        if i.method == "exact":
            out.append(f"{name}: {i.rows} rows (exact)")
        else:
            out.append(f"{name}: {i.method} {i.rows} -> {i.count}")
    return out
