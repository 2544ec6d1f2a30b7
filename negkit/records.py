"""Plain typed records shared by every part of negkit.

Character offsets into the ORIGINAL text field are the one currency: spans, mentions,
edits and findings all use ``start``/``end`` (end exclusive) into the text as read.
No spaCy object ever appears here; these records pickle cleanly for process pools.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Literal, TypeVar, Union

from .errors import EditError

Polarity = Literal["asserted", "negated", "attributed"]
ClaimRef = Union[Literal["main"], int]
POLARITIES: tuple[str, ...] = ("asserted", "negated", "attributed")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Mention:
    """A sentence-like unit of a document that states a claim, with its polarity."""

    start: int
    end: int
    polarity: Polarity
    claim: ClaimRef
    text: str
    score: float = 0.0
    terms: tuple[str, ...] = ()
    reason: str = ""
    anchors: tuple[tuple[int, int], ...] = ()  # char spans of the claim terms found in it

    def to_row(self, line: int) -> dict:
        """The exact `negkit mentions --format jsonl` row (other tools rely on this shape)."""
        return {
            "line": line,
            "start": self.start,
            "end": self.end,
            "polarity": self.polarity,
            "claim": self.claim,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` of the ORIGINAL text with ``replacement``."""

    start: int
    end: int
    replacement: str
    transform: str = ""

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "replacement": self.replacement, "transform": self.transform}


@dataclass(frozen=True, slots=True)
class Document:
    """One corpus record: the text field value plus where it came from."""

    text: str
    line: int  # 1-based line number of the JSONL row
    path: str = "-"
    record_id: str | None = None
    text_field: str = "text"
    claim_id: str | None = None
    meta: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that could not be read; reported, counted, never silently dropped."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A lint finding, located by character offsets into the record's text field."""

    path: str
    line: int
    start: int
    end: int
    code: str
    severity: Severity
    message: str
    text: str = ""
    record_id: str | None = None
    fingerprint: str = ""

    @property
    def col(self) -> int:
        return self.start + 1


def apply_edits(text: str, edits: Iterable) -> str:
    """Apply edits given against ``text`` (insertions at one point keep their listed order)."""
    items = []
    for k, e in enumerate(edits):
        if isinstance(e, dict):
            e = Edit(int(e["start"]), int(e["end"]), str(e["replacement"]), str(e.get("transform", "")))
        if not (0 <= e.start <= e.end <= len(text)):
            raise EditError(f"edit {e.start}..{e.end} is outside the text (length {len(text)})")
        items.append((e.start, e.end, k, e))
    items.sort(key=lambda x: (x[0], x[1], x[2]))
    out, pos = [], 0
    for s, e, _, ed in items:
        if s < pos:
            raise EditError(f"edits overlap at offset {s}")
        out.append(text[pos:s])
        out.append(ed.replacement)
        pos = e
    out.append(text[pos:])
    return "".join(out)


_T = TypeVar("_T")


def batched(items: Iterable[_T], size: int, budget: int | None = None,
            cost: Callable[[_T], int] = len) -> Iterator[list[_T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily from ``items``;
    with a ``budget``, a list also closes once its items' summed ``cost`` reaches it."""
    buf: list[_T] = []
    spent = 0
    for x in items:
        buf.append(x)
        if budget is not None:
            spent += cost(x)
        if len(buf) >= size or (budget is not None and spent >= budget):
            yield buf
            buf, spent = [], 0
    if buf:
        yield buf
