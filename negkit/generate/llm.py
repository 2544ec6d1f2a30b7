"""The ``litellm`` backend: any chat model litellm can reach, with concurrency, retries, a cache
and a cost cap.

::

    backend = LiteLLMBackend("openai/gpt-4o-mini", concurrency=32, cache_path="gen-cache.sqlite",
                             max_cost=5.0, params={"temperature": 1.0})
    results = backend.generate_batch(requests)

Requests of a batch are sent concurrently (at most ``concurrency`` in flight) from one asyncio
event loop that the backend keeps in a background thread (litellm caches HTTP clients per loop).
Their starts are spaced by the loop's measured CPU time per request (a few milliseconds of
litellm's own work), so that requests do not travel in waves that queue for the loop on the way
out and back (see :class:`_Pacer`). Per request:

* cache hit (``cache_path``): no request is sent;
* 429 (waits ``Retry-After`` when the server gives one), 408/409, 5xx, timeouts and connection
  errors are retried up to ``max_retries`` times with exponential backoff and full jitter;
* 401/403 (authentication) and 400/404/422 (bad request, unknown model) stop the whole run
  with a :class:`~negkit.errors.NegkitError` naming the model and API base; a context-window
  or content-policy error only fails its request;
* if the first ``fail_fast_after`` requests (default 8) all fail, the run stops:
  ``the first N requests all failed: <error>``;
* ``finish_reason == "length"`` is an error (``truncated``), as is empty content; neither is cached;
* ``max_cost`` (dollars): no new request starts once the spent cost plus the expected cost of
  the requests in flight would exceed it; the requests not sent get an error
  (``not sent: max_cost ...``) and :attr:`LiteLLMBackend.budget_exhausted` becomes true.
  The cost comes from litellm's price table (``litellm.cost_per_token``); a model litellm has no
  price for costs 0 (see :attr:`LiteLLMBackend.notes`), and ``max_cost`` with such a model is
  an error because it could not be enforced.

Token usage comes from ``response.usage``, or is counted offline with tiktoken
(:mod:`negkit.tokenizers`) when the server sends none.

litellm is imported lazily (it takes seconds) with ``LITELLM_LOCAL_MODEL_COST_MAP=True`` set
unless the user set it, so it never fetches its price map from the network.
"""

from __future__ import annotations

import asyncio
import email.utils
import os
import random
import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from ..errors import NegkitError
from .backend import (
    BACKENDS,
    STAGE_DOCUMENT,
    STAGE_IDEAS,
    STAGE_REVISION,
    GenerationRequest,
    GenerationResult,
)
from .cache import ResponseCache, cache_key

RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529})
AUTH_STATUS = frozenset({401, 403})
BAD_REQUEST_STATUS = frozenset({400, 404, 422})

_litellm = None
_litellm_lock = threading.Lock()


def import_litellm():
    """litellm, imported once, offline (local price map), quiet."""
    global _litellm
    if _litellm is None:
        with _litellm_lock:
            if _litellm is None:
                os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
                try:
                    import litellm
                except ImportError:
                    raise NegkitError("the litellm backend needs litellm (pip install litellm)") from None
                litellm.suppress_debug_info = True
                _litellm = litellm
    return _litellm


@dataclass
class Progress:
    """Counters handed to the progress callback after every finished request."""

    total: int = 0
    done: int = 0  # succeeded (sent or cached)
    failed: int = 0
    cached: int = 0
    skipped: int = 0  # not sent because of max_cost
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


class _Fatal(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


_NUMBERED = re.compile(r"^\s*(?:\d{1,3}[.):]|[-*•]|\(\d{1,3}\))\s+(.*\S)\s*$")


def parse_ideas(text: str, n: int | None = None) -> list[str]:
    """Ideas from a numbered (or bulleted) list; unmarked continuation lines join the item above.

    Without any list marker, each non-empty line is an idea. At most ``n`` are kept.
    """
    items: list[str] = []
    marked = False
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        m = _NUMBERED.match(line)
        if m:
            marked = True
            items.append(m.group(1).strip())
        elif marked and items:
            items[-1] = f"{items[-1]} {line.strip()}"
        else:
            items.append(line.strip())
    if marked:  # drop a preamble line before the list ("Here are 3 ideas:")
        first = next(i for i, line in enumerate(t for t in (text or "").splitlines() if t.strip()) if _NUMBERED.match(line))
        items = items[first:]
    items = [re.sub(r"^\*\*(.+?)\*\*:?\s*", r"\1: ", s).strip() for s in items]
    items = [s for s in items if s]
    return items[:n] if n else items


def _status(exc: BaseException) -> int | None:
    s = getattr(exc, "status_code", None)
    if isinstance(s, int):
        return s
    resp = getattr(exc, "response", None)
    s = getattr(resp, "status_code", None)
    return s if isinstance(s, int) else None


def _retry_after(exc: BaseException) -> float | None:
    """Seconds from a Retry-After (or retry-after-ms) header on the error's response, if any."""
    headers: dict = {}
    for src in (getattr(exc, "litellm_response_headers", None), getattr(getattr(exc, "response", None), "headers", None),
                getattr(exc, "headers", None)):
        if src:
            try:
                headers.update({str(k).lower(): str(v) for k, v in dict(src).items()})
            except Exception:
                pass
    if "retry-after-ms" in headers:
        try:
            return max(0.0, float(headers["retry-after-ms"]) / 1000.0)
        except ValueError:
            pass
    val = headers.get("retry-after")
    if val is None:
        return None
    try:
        return max(0.0, float(val))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(val)
            return max(0.0, when.timestamp() - time.time())
        except Exception:
            return None


def _short(exc: BaseException, limit: int = 300) -> str:
    msg = str(getattr(exc, "message", None) or exc) or type(exc).__name__
    msg = " ".join(msg.split())
    return msg if len(msg) <= limit else msg[: limit - 3] + "..."


class _Pacer:
    """Spaces the starts of HTTP requests by the event loop's CPU time per request.

    All of litellm's per-request Python work (building the request, parsing the answer, its
    logging and cost bookkeeping: about 4 ms a request on a 2-core machine) runs on the one
    event-loop thread. Requests started together come back together, and the loop serves such a
    wave in round-robin, one ``await`` step of each request at a time: every request of the wave
    waits for the CPU time of the whole wave, on the way out and on the way back, and the next
    wave starts together again. At 200 ms latency and 32 in flight that cost a third of the
    throughput while the loop was idle most of the time. Starting requests no closer together
    than the loop's CPU time per request keeps them apart, so the wave never forms; it does not
    cap the throughput below what the loop could do anyway (one request per that CPU time is
    the loop's own limit).

    The CPU time per request is measured, not guessed: ``time.thread_time()`` of the loop thread
    per finished attempt, from the first attempt a batch finishes on (before it, the loop only
    starts requests), over windows of ``window`` attempts; the windows are averaged (the prior
    counting as one) and then smoothed with ``alpha``. The work on cache hits is left out.
    Until the first window ends the spacing is ``prior`` seconds.
    """

    def __init__(self, prior: float = 0.005, max_spacing: float = 0.05, alpha: float = 0.1, window: int = 4):
        self.spacing = prior
        self.max_spacing = max_spacing
        self.alpha = alpha
        self.window = window
        self.samples = 0
        self._next = 0.0
        self._done = 0
        self._mark: tuple[float, int] | None = None  # (loop thread CPU, attempts done) where the window began
        self._excluded = 0.0

    @staticmethod
    def cpu() -> float:
        """CPU seconds of the calling thread (the loop's, when called from a coroutine)."""
        return time.thread_time()

    def new_batch(self) -> None:
        """Measure afresh from the batch's first finished attempt."""
        self._mark = None
        self._excluded = 0.0

    def exclude(self, seconds: float) -> None:
        """Loop CPU spent on something other than a sent request (a cache hit)."""
        self._excluded += seconds

    async def wait(self) -> None:
        """Wait for this attempt's start slot."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        start = max(now, self._next)
        self._next = start + self.spacing
        if start > now:
            await asyncio.sleep(start - now)

    def done(self) -> None:
        """An attempt finished (whatever its outcome)."""
        self._done += 1
        cpu = self.cpu()
        if self._mark is None:
            self._mark, self._excluded = (cpu, self._done), 0.0
            return
        cpu0, done0 = self._mark
        n = self._done - done0
        if n < self.window:
            return
        sample = max(0.0, cpu - cpu0 - self._excluded) / n
        self._mark, self._excluded = (cpu, self._done), 0.0
        # a one-off (a slow progress callback, a garbage collection) moves the estimate a little only
        sample = min(sample, 4 * self.spacing + 0.001, self.max_spacing)
        self.samples += 1
        self.spacing += max(self.alpha, 1 / (self.samples + 1)) * (sample - self.spacing)


class LiteLLMBackend:
    """A generation backend over ``litellm.acompletion`` (see the module docstring)."""

    name: str = "litellm"
    version: int = 1
    stages: frozenset = frozenset({STAGE_IDEAS, STAGE_DOCUMENT, STAGE_REVISION})
    uses_messages: bool = True

    def __init__(
        self,
        model: str,
        api_base: str | None = None,
        api_key: str | None = None,
        concurrency: int = 32,
        timeout: float = 60,
        max_retries: int = 5,
        cache_path: str | os.PathLike | None = None,
        max_cost: float | None = None,
        params: dict | None = None,
        *,
        progress: Callable[[dict], None] | None = None,
        fail_fast_after: int = 8,
        backoff_base: float = 0.5,
        backoff_max: float = 30.0,
        max_retry_after: float = 120.0,
    ):
        if not model:
            raise NegkitError("the litellm backend needs a model (e.g. openai/gpt-4o-mini)")
        if concurrency < 1:
            raise NegkitError("concurrency must be >= 1")
        if timeout <= 0:
            raise NegkitError("timeout must be > 0")
        if max_retries < 0:
            raise NegkitError("max_retries must be >= 0")
        if max_cost is not None and max_cost < 0:
            raise NegkitError("max_cost must be >= 0")
        self.model = model
        self.api_base = api_base
        self.api_key = api_key
        self.concurrency = int(concurrency)
        self.timeout = float(timeout)
        self.max_retries = int(max_retries)
        self.cache_path = str(cache_path) if cache_path else None
        self.max_cost = max_cost
        self.params = dict(params or {})
        self.progress = progress
        self.fail_fast_after = int(fail_fast_after)
        self.backoff_base = float(backoff_base)
        self.backoff_max = float(backoff_max)
        self.max_retry_after = float(max_retry_after)
        #: cumulative counters over all batches of this backend
        self.stats = Progress()
        #: one-line remarks for the user (unknown price, ...)
        self.notes: list[str] = []
        self.budget_exhausted = False
        self._cache: ResponseCache | None = ResponseCache(self.cache_path) if self.cache_path else None
        self._sent_results = 0  # finished non-cached requests (for fail-fast)
        self._sent_failures = 0
        self._first_error: str | None = None
        self._cost_known: bool | None = None
        self._seed_supported: bool | None = None
        self._encoding = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._pacer = _Pacer()

    # ------------------------------------------------------------------ setup helpers
    def __repr__(self) -> str:
        return f"LiteLLMBackend(model={self.model!r}, api_base={self.api_base!r}, concurrency={self.concurrency})"

    def _where(self) -> str:
        return f"model '{self.model}' at {self.api_base or 'the provider default endpoint'}"

    def _price_model(self):
        """Whether litellm's local price table knows self.model."""
        litellm = import_litellm()
        try:
            litellm.cost_per_token(model=self.model, prompt_tokens=1, completion_tokens=1)
            return True
        except Exception:
            return False

    def _setup(self) -> None:
        if self._cost_known is not None:
            return
        litellm = import_litellm()
        self._cost_known = self._price_model()
        if not self._cost_known:
            if self.max_cost is not None:
                raise NegkitError(
                    f"max_cost cannot be enforced: litellm has no price for model '{self.model}' "
                    "(drop --max-cost, or use a model name litellm knows)"
                )
            self.notes.append(f"litellm has no price for model '{self.model}': cost is counted as $0")
        try:
            provider = litellm.get_llm_provider(self.model)[1]
            supported = litellm.get_supported_openai_params(model=self.model, custom_llm_provider=provider) or []
            self._seed_supported = "seed" in supported
        except Exception:
            self._seed_supported = False

    def _start_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None or self._loop.is_closed():
            loop = asyncio.new_event_loop()
            t = threading.Thread(target=loop.run_forever, name="negkit-litellm-loop", daemon=True)
            t.start()
            self._loop, self._thread = loop, t
        return self._loop

    def close(self) -> None:
        """Stop the event loop thread and close the cache (the backend can be used again)."""
        if self._loop is not None and not self._loop.is_closed():
            try:  # cancel what litellm left running (its logging worker) before the loop goes away
                asyncio.run_coroutine_threadsafe(_cancel_pending(), self._loop).result(timeout=5)
            except Exception:
                pass
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._loop.close()
        self._loop = self._thread = None
        if self._cache is not None:
            self._cache.close()
            self._cache = ResponseCache(self.cache_path) if self.cache_path else None

    # ------------------------------------------------------------------ the interface
    def generate_batch(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
        """One result per request, same order. Raises NegkitError on a fatal error (auth, bad request)."""
        if not requests:
            return []
        self._setup()
        loop = self._start_loop()
        fut = asyncio.run_coroutine_threadsafe(self.agenerate_batch(requests), loop)
        try:
            return fut.result()
        except KeyboardInterrupt:
            fut.cancel()
            raise

    async def agenerate_batch(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
        self._setup()
        self.stats.total += len(requests)
        self._pacer.new_batch()
        sem = asyncio.Semaphore(self.concurrency)
        state = {"in_flight": 0}
        tasks = [asyncio.ensure_future(self._one(r, sem, state)) for r in requests]
        try:
            return list(await asyncio.gather(*tasks))
        except _Fatal as exc:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise NegkitError(exc.message) from None

    # ------------------------------------------------------------------ one request
    def _key(self, r: GenerationRequest) -> str:
        return cache_key(r.messages, self.model, {**self.params, **r.params}, r.index, r.seed)

    def _report(self) -> None:
        if self.progress is not None:
            try:
                self.progress(self.stats.as_dict())
            except Exception:
                pass

    def _avg_cost(self) -> float:
        sent = self.stats.done - self.stats.cached
        return self.stats.cost / sent if sent > 0 else 0.0

    def _over_budget(self, in_flight: int) -> bool:
        if self.max_cost is None:
            return False
        return self.stats.cost + self._avg_cost() * (in_flight + 1) > self.max_cost or self.stats.cost >= self.max_cost

    async def _one(self, r: GenerationRequest, sem: asyncio.Semaphore, state: dict) -> GenerationResult:
        key = self._key(r) if self._cache is not None else ""
        if self._cache is not None:
            cpu0 = self._pacer.cpu()
            hit = self._cache.get(key)
            if hit is not None:
                res = self._parse(r, hit["text"], hit.get("model") or self.model, dict(hit.get("usage") or {}), 0.0)
                self.stats.cached += 1
                if res.error:
                    self.stats.failed += 1
                else:
                    self.stats.done += 1
                self._report()
                self._pacer.exclude(self._pacer.cpu() - cpu0)
                return res
            self._pacer.exclude(self._pacer.cpu() - cpu0)
        async with sem:
            if self.budget_exhausted or self._over_budget(state["in_flight"]):
                self.budget_exhausted = True
                self.stats.skipped += 1
                self._report()
                return GenerationResult(
                    r.key, model=self.model,
                    error=f"not sent: max_cost ${self.max_cost:g} reached (spent ${self.stats.cost:.4f})")
            state["in_flight"] += 1
            try:
                res = await self._send(r, key)
            finally:
                state["in_flight"] -= 1
        self._sent_results += 1
        if res.error:
            self.stats.failed += 1
            self._sent_failures += 1
            self._first_error = self._first_error or res.error
        else:
            self.stats.done += 1
        self._report()
        n = self.fail_fast_after
        if n and self._sent_results == n and self._sent_failures == n:
            raise _Fatal(f"the first {n} requests to {self._where()} all failed: {self._first_error}")
        return res

    async def _send(self, r: GenerationRequest, key: str) -> GenerationResult:
        litellm = import_litellm()
        kwargs: dict[str, Any] = {**self.params, **r.params}
        if self._seed_supported and "seed" not in kwargs:
            kwargs["seed"] = int(r.seed) % (2**31)
        if self.api_base:
            kwargs["api_base"] = self.api_base
        if self.api_key:
            kwargs["api_key"] = self.api_key
        messages = [dict(m) for m in r.messages]
        if not messages:
            return GenerationResult(r.key, model=self.model, error="the request has no messages")
        last_error = "unknown error"
        for attempt in range(self.max_retries + 1):
            await self._pacer.wait()
            try:
                resp = await _within(
                    litellm.acompletion(model=self.model, messages=messages, timeout=self.timeout,
                                        num_retries=0, max_retries=0, **kwargs),
                    self.timeout + 5,
                )
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # classify
                self._pacer.done()
                status = _status(exc)
                cls = type(exc).__name__
                if status in AUTH_STATUS or cls in ("AuthenticationError", "PermissionDeniedError"):
                    raise _Fatal(f"authentication failed for {self._where()}: {_short(exc)} "
                                 "(check the API key)") from None
                if cls in ("ContextWindowExceededError", "ContentPolicyViolationError"):
                    return GenerationResult(r.key, model=self.model, error=f"{cls}: {_short(exc)}")
                if status in BAD_REQUEST_STATUS or cls in ("BadRequestError", "NotFoundError",
                                                          "UnprocessableEntityError", "UnsupportedParamsError"):
                    raise _Fatal(f"bad request to {self._where()}: {_short(exc)}") from None
                timeout_like = isinstance(exc, asyncio.TimeoutError) or cls in ("Timeout", "APITimeoutError")
                conn_like = cls in ("APIConnectionError", "ServiceUnavailableError", "InternalServerError")
                retryable = timeout_like or conn_like or status in RETRYABLE_STATUS or (status or 0) >= 500
                last_error = f"{'timeout after %gs' % self.timeout if timeout_like else cls}: {_short(exc)}"
                if not retryable:
                    return GenerationResult(r.key, model=self.model, error=last_error)
                if attempt >= self.max_retries:
                    break
                delay = min(self.backoff_max, self.backoff_base * (2**attempt)) * random.uniform(0.5, 1.0)
                ra = _retry_after(exc) if status == 429 or status == 503 else None
                if ra is not None:
                    delay = min(self.max_retry_after, ra) + random.uniform(0, 0.1 * max(ra, 0.1))
                self.stats.retries += 1
                await asyncio.sleep(delay)
                continue
            self._pacer.done()
            return self._from_response(r, key, resp, messages)
        return GenerationResult(r.key, model=self.model,
                                error=f"failed after {self.max_retries + 1} attempts: {last_error}")

    # ------------------------------------------------------------------ responses
    def _count(self, text: str) -> int:
        try:
            if self._encoding is None:
                from ..tokenizers import get_encoding

                try:
                    self._encoding = get_encoding(self.model.split("/")[-1])
                except NegkitError:
                    self._encoding = get_encoding("cl100k_base")
            return len(self._encoding.encode_ordinary(text))
        except Exception:
            return max(1, len(text) // 4) if text else 0

    def _from_response(self, r: GenerationRequest, key: str, resp: Any, messages: list[dict]) -> GenerationResult:
        try:
            choice = resp.choices[0]
            finish = getattr(choice, "finish_reason", None)
            text = getattr(choice.message, "content", None) or ""
        except Exception:
            return GenerationResult(r.key, model=self.model, error="malformed response (no choices)")
        model = getattr(resp, "model", None) or self.model
        u = getattr(resp, "usage", None)
        pt = int(getattr(u, "prompt_tokens", 0) or 0) if u is not None else 0
        ct = int(getattr(u, "completion_tokens", 0) or 0) if u is not None else 0
        if u is None or (pt == 0 and ct == 0):
            pt = sum(self._count(str(m.get("content") or "")) + 4 for m in messages)
            ct = self._count(text)
            usage = {"prompt_tokens": pt, "completion_tokens": ct, "estimated": True}
        else:
            usage = {"prompt_tokens": pt, "completion_tokens": ct}
        cost = self._cost(pt, ct)
        self.stats.prompt_tokens += pt
        self.stats.completion_tokens += ct
        self.stats.cost += cost
        if finish == "length":
            return GenerationResult(r.key, text=None, model=model, usage=usage, cost=cost,
                                    error=f"truncated: finish_reason=length after {ct} completion tokens "
                                          "(raise max_tokens)")
        if not text.strip():
            return GenerationResult(r.key, model=model, usage=usage, cost=cost, error="empty: the model returned no text")
        res = self._parse(r, text, model, usage, cost)
        if not res.error and self._cache is not None:
            self._cache.put(key, text, model, usage, finish)
        return res

    def _cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        if not self._cost_known:
            return 0.0
        try:
            p, c = import_litellm().cost_per_token(model=self.model, prompt_tokens=prompt_tokens,
                                                   completion_tokens=completion_tokens)
            return float(p) + float(c)
        except Exception:
            return 0.0

    def _parse(self, r: GenerationRequest, text: str, model: str, usage: dict, cost: float) -> GenerationResult:
        if r.stage == STAGE_IDEAS:
            n = int(r.context.get("n_ideas", 0) or 0) or None
            items = parse_ideas(text, n)
            if not items:
                return GenerationResult(r.key, model=model, usage=usage, cost=cost, error="no ideas in the output")
            return GenerationResult(r.key, items=items, item_meta=[{} for _ in items], model=model, usage=usage, cost=cost)
        if r.stage in (STAGE_DOCUMENT, STAGE_REVISION):
            return GenerationResult(r.key, text=text.strip(), model=model, usage=usage, cost=cost)
        return GenerationResult(r.key, model=model, usage=usage, cost=cost,
                                error=f"the litellm backend has no '{r.stage}' stage")


async def _within(aw, seconds: float):
    """``await aw`` with a deadline: ``asyncio.timeout`` (3.11+) runs it in the calling task,
    where ``asyncio.wait_for`` (3.10) wraps it in one more task per request."""
    if hasattr(asyncio, "timeout"):
        async with asyncio.timeout(seconds):
            return await aw
    return await asyncio.wait_for(aw, seconds)


async def _cancel_pending() -> None:
    me = asyncio.current_task()
    tasks = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _factory_default() -> LiteLLMBackend:
    """The registered instance: model from NEGKIT_MODEL (set options by building your own)."""
    return LiteLLMBackend(os.environ.get("NEGKIT_MODEL", "openai/gpt-4o-mini"),
                          api_base=os.environ.get("NEGKIT_API_BASE") or None)


LITELLM_BACKEND = BACKENDS.register(_factory_default())
