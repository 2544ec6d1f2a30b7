"""Streaming JSONL corpus reading and safe (atomic) writing.

Reading never loads a whole file: rows are read as bytes one line at a time and decoded
per line, so one bad line becomes one :class:`BadRecord` and the rest of the file is read.
The text field value is never modified; offsets elsewhere in negkit index it as read.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, Callable, Iterable, Iterator

from .errors import InputError, NegkitError
from .records import BadRecord, Document

#: ``name[i].key``, e.g. ``messages[3].content`` (the last assistant turn of a chat row)
_INDEXED = re.compile(r"^([^\[\].]+)\[(\d+)\]\.([^\[\].]+)$")
_MISSING = object()


@dataclass
class ReadStats:
    """Counts for one read: documents yielded and bad records reported."""

    records: int = 0
    bad: int = 0


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type (``object``, ``array``, ``string``, ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _lookup(row: dict, text_field: str) -> Any:
    """The value at ``text_field`` (a plain key or ``name[i].key``), or ``_MISSING``."""
    if text_field in row:
        return row[text_field]
    m = _INDEXED.match(text_field)
    if not m:
        return _MISSING
    name, index, key = m.group(1), int(m.group(2)), m.group(3)
    items = row.get(name)
    if not isinstance(items, list) or index >= len(items) or not isinstance(items[index], dict):
        return _MISSING
    return items[index].get(key, _MISSING)


def get_text(row: dict, text_field: str) -> str:
    """The string at ``text_field`` (``"text"`` or ``"messages[i].content"``).

    Raises KeyError if the field is missing and TypeError if it is not a string.
    """
    value = _lookup(row, text_field)
    if value is _MISSING:
        raise KeyError(text_field)
    if not isinstance(value, str):
        raise TypeError(f"field '{text_field}' is {json_type(value)}, expected a string")
    return value


def set_text(row: dict, text_field: str, value: str) -> dict:
    """A copy of ``row`` with ``text_field`` set to ``value``; ``row`` itself is not changed."""
    out = dict(row)
    m = None if text_field in row else _INDEXED.match(text_field)
    if m is None:
        out[text_field] = value
        return out
    name, index, key = m.group(1), int(m.group(2)), m.group(3)
    items = row.get(name)
    if not isinstance(items, list) or index >= len(items) or not isinstance(items[index], dict):
        raise KeyError(text_field)
    items = list(items)
    items[index] = {**items[index], key: value}
    out[name] = items
    return out


def _chat_field(row: dict) -> tuple[str | None, str | None]:
    """(text_field, problem) for an OpenAI chat row: the LAST assistant message's content."""
    messages = row.get("messages")
    if not isinstance(messages, list):
        return None, f"field 'messages' is {json_type(messages)}, expected an array of messages"
    last = None
    for i, msg in enumerate(messages):
        if isinstance(msg, dict) and msg.get("role") == "assistant":
            last = i
    if last is None:
        return None, "no assistant message in 'messages'"
    return f"messages[{last}].content", None


def _to_record(row: Any, path: str, line: int, text_field: str | None) -> Document | BadRecord:
    if not isinstance(row, dict):
        return BadRecord(path, line, f"expected a JSON object, got {json_type(row)}")
    if text_field is None:
        if "text" in row:
            field = "text"
        elif "content" in row:
            field = "content"
        elif "messages" in row:
            field, problem = _chat_field(row)
            if field is None:
                return BadRecord(path, line, problem or "bad 'messages'")
        else:
            return BadRecord(path, line, "no 'text' or 'content' field (use --text-field)")
    elif text_field == "messages" and isinstance(row.get("messages"), list):
        field, problem = _chat_field(row)
        if field is None:
            return BadRecord(path, line, problem or "bad 'messages'")
    else:
        field = text_field
    value = _lookup(row, field)
    if value is _MISSING:
        return BadRecord(path, line, f"no '{field}' field")
    if not isinstance(value, str):
        return BadRecord(path, line, f"field '{field}' is {json_type(value)}, expected a string")
    rid = row.get("id")
    claim_id = row.get("claim_id")
    if not isinstance(claim_id, str):
        nk = row.get("negkit")
        claim_id = nk.get("claim_id") if isinstance(nk, dict) else None
        if not isinstance(claim_id, str):
            claim_id = None
    return Document(
        text=value,
        line=line,
        path=path,
        record_id=None if rid is None else str(rid),
        text_field=field,
        claim_id=claim_id,
        meta=row,
    )


def _open_binary(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, expected a JSONL file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None


def read_corpus(path: str, text_field: str | None = None) -> Iterator[Document | BadRecord]:
    """Stream a JSONL corpus (``"-"`` = stdin): one Document or BadRecord per non-blank line.

    Line numbers are physical and 1-based; blank lines are skipped. The text field is
    ``text_field`` if given, else ``text``, else ``content``, else the last assistant turn
    of a chat row's ``messages``. Raises InputError if the file cannot be opened.
    """
    path = str(path)
    if path == "-":
        yield from _read_lines(sys.stdin.buffer, path, text_field)
        return
    with _open_binary(path) as fh:
        yield from _read_lines(fh, path, text_field)


def _read_lines(fh: Iterable[bytes], path: str, text_field: str | None) -> Iterator[Document | BadRecord]:
    for line_no, raw in enumerate(fh, 1):
        try:
            # a byte-order mark on the first line is not part of the JSON
            line = raw.decode("utf-8-sig" if line_no == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            # N is the 0-based byte offset within the line
            yield BadRecord(path, line_no, f"invalid UTF-8 at byte {exc.start}")
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRecord(path, line_no, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        except (ValueError, RecursionError) as exc:
            yield BadRecord(path, line_no, f"invalid JSON: {exc}")
            continue
        yield _to_record(row, path, line_no, text_field)


def iter_documents(
    path: str,
    text_field: str | None,
    on_bad: Callable[[BadRecord], None],
    stats: ReadStats | None = None,
) -> Iterator[Document]:
    """Yield only Documents; each BadRecord goes to ``on_bad`` (and both are counted in ``stats``)."""
    for rec in read_corpus(path, text_field):
        if isinstance(rec, BadRecord):
            if stats is not None:
                stats.bad += 1
            on_bad(rec)
        else:
            if stats is not None:
                stats.records += 1
            yield rec


def dumps(obj: Any) -> str:
    """One JSON line (no newline), keeping non-ASCII text as is.

    A lone surrogate (possible after reading ``"\\ud800"``) cannot be written as UTF-8, so such
    rows fall back to ASCII escapes, which read back to the same value.
    """
    s = json.dumps(obj, ensure_ascii=False)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        s = json.dumps(obj, ensure_ascii=True)
    return s


def _same_file(a: str, b: str) -> bool:
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except OSError:
        pass
    return Path(a).resolve() == Path(b).resolve()


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_writer(path: str, inputs: Iterable[str] = ()) -> Iterator[IO[str]]:
    """Yield a UTF-8 text handle that replaces ``path`` only if the block succeeds.

    Writes go to a temp file in the same directory, moved into place with ``os.replace``;
    on any exception the temp file is removed and ``path`` is untouched. ``"-"`` writes to
    stdout. Raises NegkitError if ``path`` is one of ``inputs``.
    """
    path = str(path)
    if path == "-":
        yield from _stdout_writer()
        return
    for inp in inputs:
        if str(inp) != "-" and _same_file(path, str(inp)):
            raise NegkitError(f"refusing to overwrite input file {inp}; choose another -o")
    target = Path(path)
    if target.is_dir():
        raise InputError(path, "is a directory; choose an output file")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = target.stat().st_mode & 0o7777
        except OSError:
            mode = _default_mode()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _stdout_writer() -> Iterator[IO[str]]:
    """Stdout as a UTF-8 text handle whatever the locale (nothing is closed afterwards)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    sys.stdout.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()


def derive_output_path(input_path: str, suffix: str) -> str:
    """``dir/corpus.jsonl`` + ``"local-negation"`` -> ``dir/corpus.local-negation.jsonl``.

    The output sits beside the input and never equals it; a file with no extension gets
    ``.jsonl``. Stdin (``"-"``) maps to stdout (``"-"``).
    """
    suffix = suffix.strip(".")
    if not suffix or "/" in suffix or os.sep in suffix:
        raise ValueError(f"bad output suffix {suffix!r}")
    if str(input_path) == "-":
        return "-"
    p = Path(input_path)
    ext = p.suffix or ".jsonl"
    stem = p.name[: -len(p.suffix)] if p.suffix else p.name
    return str(p.with_name(f"{stem}.{suffix}{ext}"))
