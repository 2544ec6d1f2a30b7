"""A persistent response cache for LLM backends: one SQLite file in WAL mode.

Keys are the sha256 of (rendered messages, model, sampling params, sample index, sample seed),
see :func:`cache_key`. Every completed response is committed as soon as it arrives, so a run
killed at any point (even ``kill -9``) resumes without re-sending a request whose answer was
already received. Several processes may share one file (SQLite locking, WAL, busy timeout).

Only usable outputs are stored: the caller must not put errors, truncated outputs
(``finish_reason == "length"``) or empty texts; :meth:`ResponseCache.put` refuses empty ones.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from ..errors import NegkitError

SCHEMA_VERSION = 1


def cache_key(messages: Any, model: str, params: dict | None = None, index: int = 0, seed: int | None = None) -> str:
    """sha256 hex of the canonical JSON of everything that determines a response."""
    payload = {
        "v": SCHEMA_VERSION,
        "messages": [dict(m) for m in messages],
        "model": model,
        "params": dict(params or {}),
        "index": int(index),
        "seed": seed,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResponseCache:
    """``get(key) -> dict | None`` and ``put(key, text, model, usage, finish_reason)``."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # durable against process crashes in WAL mode
            self._db.execute("PRAGMA busy_timeout=30000")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, model TEXT, text TEXT NOT NULL, "
                "usage TEXT, finish_reason TEXT, created REAL)"
            )
        except sqlite3.DatabaseError as exc:
            raise NegkitError(f"cannot open the response cache {self.path}: {exc}") from None

    def get(self, key: str) -> dict | None:
        with self._lock:
            row = self._db.execute(
                "SELECT text, model, usage, finish_reason FROM responses WHERE key = ?", (key,)
            ).fetchone()
        if row is None:
            return None
        return {"text": row[0], "model": row[1], "usage": json.loads(row[2] or "{}"), "finish_reason": row[3]}

    def put(self, key: str, text: str, model: str | None = None, usage: dict | None = None,
            finish_reason: str | None = None) -> bool:
        """Store one usable response (committed at once); refuses empty and truncated outputs."""
        if not text or not text.strip() or finish_reason == "length":
            return False
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO responses (key, model, text, usage, finish_reason, created) VALUES (?,?,?,?,?,?)",
                (key, model, text, json.dumps(usage or {}), finish_reason, time.time()),
            )
        return True  # autocommit (isolation_level=None): the row is on disk now

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
