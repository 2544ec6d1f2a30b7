"""The generation backend interface and registry.

A backend is a small registered object with ``name``, ``version``, ``model`` and
``generate_batch(requests) -> results`` (one result per request, same order). Requests are plain
frozen dataclasses carrying everything any backend needs: the rendered chat ``messages`` (for
LLM backends), sampling ``params``, the ``index`` of the sample and its derived ``seed``, and a
structured ``context`` (claim, genre, subclaim, idea) that an offline backend uses instead of
the messages. Requests in one batch are independent, so an async backend may send them
concurrently (``asyncio.gather``) inside ``generate_batch`` or expose ``agenerate_batch``.

Third-party backends register through the ``negkit.backends`` entry-point group::

    [project.entry-points."negkit.backends"]
    my-backend = "my_pkg.backend:BACKEND"
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence, runtime_checkable

from ..registry import Registry

STAGE_IDEAS = "ideas"
STAGE_DOCUMENT = "document"
STAGE_REVISION = "revision"


def derive_seed(seed: int, *parts: Any) -> int:
    """A 63-bit seed from ``seed`` and any parts, stable across processes and Python versions."""
    h = hashlib.sha256(repr((int(seed),) + tuple(parts)).encode("utf-8")).digest()
    return int.from_bytes(h[:8], "big") >> 1


@dataclass(frozen=True)
class GenerationRequest:
    """One unit of work for a backend.

    ``stage`` is ``ideas`` (result: ``items``), ``document`` or ``revision`` (result: ``text``).
    ``key`` identifies the request in logs and caches; ``index`` is the sample index within its
    stage and ``seed`` the per-request seed derived from the run seed, so results do not depend
    on batch composition or order.
    """

    stage: str
    key: str
    index: int
    seed: int
    messages: tuple[dict, ...] = ()
    params: dict = field(default_factory=dict, hash=False, compare=False)
    context: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass
class GenerationResult:
    """What a backend returns for one request (``error`` set means no usable output)."""

    key: str
    text: str | None = None
    items: list[str] = field(default_factory=list)
    #: backend-defined data per idea (same length as ``items``), passed on to document requests
    item_meta: list[dict] = field(default_factory=list)
    model: str | None = None
    usage: dict = field(default_factory=dict)  # prompt_tokens, completion_tokens
    cost: float = 0.0
    error: str | None = None


@runtime_checkable
class Backend(Protocol):
    name: str
    version: int
    model: str | None
    #: stages the backend implements (the pipeline skips or refuses the others)
    stages: frozenset

    def generate_batch(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]: ...


BACKENDS: Registry[Backend] = Registry("generation backend", "negkit.backends")


def get_backend(ref: "str | Backend") -> Backend:
    """A backend by ``name`` or ``name@version``, or the object itself if one is passed."""
    if not isinstance(ref, str):
        return ref
    from . import template_backend  # noqa: F401  (registers the offline backend)

    return BACKENDS.get(ref)
