"""The litellm backend against a local fake OpenAI-compatible server (no network)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("litellm")

from negkit.errors import NegkitError  # noqa: E402
from negkit.generate.backend import BACKENDS, GenerationRequest  # noqa: E402
from negkit.generate.cache import ResponseCache, cache_key  # noqa: E402
from negkit.generate.llm import LiteLLMBackend, parse_ideas  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai import FakeOpenAI  # noqa: E402

HERE = Path(__file__).parent


def req(i: int, stage: str = "document", prompt: str | None = None, **ctx) -> GenerationRequest:
    return GenerationRequest(stage, f"{stage}:{i}", i, 1000 + i,
                             ({"role": "system", "content": "sys"}, {"role": "user", "content": prompt or f"prompt {i}"}),
                             {}, ctx)


def backend(server: FakeOpenAI, **kw) -> LiteLLMBackend:
    kw.setdefault("timeout", 5)
    kw.setdefault("backoff_base", 0.05)
    return LiteLLMBackend(kw.pop("model", "openai/fake-model"), api_base=server.api_base, api_key="sk-dummy", **kw)


@pytest.fixture
def server():
    s = FakeOpenAI().start()
    yield s
    s.stop()


def test_registered():
    assert BACKENDS.get("litellm").name == "litellm"


def test_success_text_and_usage(server):
    seen = []
    b = backend(server, progress=seen.append)
    try:
        res = b.generate_batch([req(0), req(1)])
    finally:
        b.close()
    assert [r.text for r in res] == ["Answer to: prompt 0", "Answer to: prompt 1"]
    assert all(r.error is None for r in res)
    assert res[0].usage == {"prompt_tokens": 12, "completion_tokens": 4}
    assert res[0].model
    assert server.requests["prompt 0"] == 1
    assert server.bodies[0]["seed"] == 1000 or server.bodies[1]["seed"] in (1000, 1001)
    assert seen and seen[-1]["done"] == 2 and seen[-1]["prompt_tokens"] == 24
    assert any("no price" in n for n in b.notes)


def test_ideas_parsed(server):
    server.reply = lambda p: "Here are the ideas:\n1. A blog post by a coach.\n2) A news report\n   from London.\n3. A tweet."
    b = backend(server)
    try:
        (r,) = b.generate_batch([req(0, "ideas", n_ideas=2)])
    finally:
        b.close()
    assert r.items == ["A blog post by a coach.", "A news report from London."]
    assert parse_ideas("- one\n- two") == ["one", "two"]


def test_usage_fallback_counts_tokens(server):
    server.script = {"prompt 0": [{"no_usage": True}]}
    b = backend(server)
    try:
        (r,) = b.generate_batch([req(0)])
    finally:
        b.close()
    assert r.usage["estimated"] and r.usage["completion_tokens"] > 0 and r.usage["prompt_tokens"] > 0


def test_429_retry_after_is_honoured(server):
    server.script = {"prompt 0": [{"status": 429, "retry_after": 1}]}
    b = backend(server)
    b._setup()
    try:
        t0 = time.monotonic()
        (r,) = b.generate_batch([req(0)])
        elapsed = time.monotonic() - t0
    finally:
        b.close()
    assert r.error is None and r.text
    assert server.requests["prompt 0"] == 2
    gap = server.arrivals[1][0] - server.arrivals[0][0]
    assert 0.95 <= gap < 2.0, gap
    assert elapsed < 3


def test_500_then_success(server):
    server.script = {"prompt 0": [{"status": 500}, {"status": 503}]}
    b = backend(server)
    try:
        (r,) = b.generate_batch([req(0)])
    finally:
        b.close()
    assert r.error is None and server.requests["prompt 0"] == 3
    assert b.stats.retries == 2


def test_500_exhausts_retries(server):
    server.script = {"prompt 0": [{"status": 500}] * 3}
    b = backend(server, max_retries=2)
    try:
        r0, r1 = b.generate_batch([req(0), req(1)])
    finally:
        b.close()
    assert r0.error and "failed after 3 attempts" in r0.error and r1.error is None


def test_hang_times_out_then_retries(server):
    server.script = {"prompt 0": [{"hang": 3}]}
    b = backend(server, timeout=0.5)
    b._setup()
    try:
        t0 = time.monotonic()
        (r,) = b.generate_batch([req(0)])
        elapsed = time.monotonic() - t0
    finally:
        b.close()
    assert r.error is None and r.text
    assert server.requests["prompt 0"] == 2
    assert elapsed < 2.5


def test_truncated_and_empty_are_errors_and_not_cached(server, tmp_path):
    server.script = {"prompt 0": [{"finish_reason": "length"}], "prompt 1": [{"content": ""}]}
    cache = tmp_path / "c.sqlite"
    b = backend(server, cache_path=cache)
    try:
        r0, r1, r2 = b.generate_batch([req(0), req(1), req(2)])
    finally:
        b.close()
    assert r0.error.startswith("truncated") and r0.text is None
    assert r1.error.startswith("empty")
    assert r2.error is None
    assert len(ResponseCache(cache)) == 1
    b2 = backend(server, cache_path=cache)
    try:
        again = b2.generate_batch([req(0), req(1), req(2)])
    finally:
        b2.close()
    assert all(r.error is None for r in again)
    assert server.requests["prompt 0"] == 2 and server.requests["prompt 1"] == 2 and server.requests["prompt 2"] == 1


def test_401_fails_fast(server):
    server.script = {"prompt": [{"status": 401}] * 50}
    b = backend(server, concurrency=2)
    try:
        with pytest.raises(NegkitError) as ei:
            b.generate_batch([req(i) for i in range(20)])
    finally:
        b.close()
    msg = str(ei.value)
    assert "authentication failed" in msg and "openai/fake-model" in msg and server.api_base in msg
    assert server.total <= 3  # the requests in flight when the first 401 came back


def test_400_fails_fast(server):
    server.script = {"prompt": [{"status": 400}] * 50}
    b = backend(server, concurrency=2)
    try:
        with pytest.raises(NegkitError, match="bad request to model 'openai/fake-model'"):
            b.generate_batch([req(i) for i in range(10)])
    finally:
        b.close()
    assert server.total <= 3


def test_first_requests_all_failed_stops(server):
    server.script = {"prompt": [{"status": 500}] * 100}
    b = backend(server, max_retries=0, fail_fast_after=4, concurrency=2)
    try:
        with pytest.raises(NegkitError, match="the first 4 requests .* all failed: .*InternalServerError"):
            b.generate_batch([req(i) for i in range(30)])
    finally:
        b.close()
    assert server.total < 10


def test_cache_second_run_sends_nothing(server, tmp_path):
    cache = tmp_path / "c.sqlite"
    reqs = [req(i) for i in range(6)]
    b = backend(server, cache_path=cache)
    try:
        first = b.generate_batch(reqs)
    finally:
        b.close()
    assert server.total == 6
    b2 = backend(server, cache_path=cache)
    try:
        second = b2.generate_batch(reqs)
    finally:
        b2.close()
    assert server.total == 6
    assert [r.text for r in second] == [r.text for r in first]
    assert b2.stats.cached == 6
    # another sample (index/seed) or other params is another key
    assert cache_key(reqs[0].messages, "m", {}, 0, 1) != cache_key(reqs[0].messages, "m", {}, 1, 1)
    assert cache_key(reqs[0].messages, "m", {"temperature": 1}, 0) != cache_key(reqs[0].messages, "m", {}, 0)


_CHILD = """
import sys
sys.path.insert(0, {here!r})
from negkit.generate.backend import GenerationRequest
from negkit.generate.llm import LiteLLMBackend
b = LiteLLMBackend("openai/fake-model", api_base={base!r}, api_key="sk-dummy", concurrency=4, cache_path={cache!r})
reqs = [GenerationRequest("document", f"d{{i}}", i, i, ({{"role": "user", "content": f"prompt {{i}}"}},)) for i in range({n})]
b.generate_batch(reqs)
print("finished")
"""


def test_resume_after_sigkill(tmp_path):
    n = 40
    cache = str(tmp_path / "c.sqlite")
    with FakeOpenAI(latency=0.1) as s:
        code = _CHILD.format(here=str(HERE), base=s.api_base, cache=cache, n=n)
        env = dict(os.environ, LITELLM_LOCAL_MODEL_COST_MAP="True")
        p = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                if Path(cache).exists():
                    try:
                        with sqlite3.connect(cache, timeout=5) as db:
                            if db.execute("SELECT COUNT(*) FROM responses").fetchone()[0] >= 8:
                                break
                    except sqlite3.OperationalError:
                        pass
                time.sleep(0.02)
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=5)
        finally:
            if p.poll() is None:
                p.kill()
        assert p.returncode == -signal.SIGKILL
        with sqlite3.connect(cache, timeout=5) as db:
            stored = db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
        assert 8 <= stored < n
        time.sleep(0.2)  # let the server read whatever the dead process had already written
        first_run = dict(s.requests)
        b = LiteLLMBackend("openai/fake-model", api_base=s.api_base, api_key="sk-dummy", concurrency=4, cache_path=cache)
        try:
            res = b.generate_batch([GenerationRequest("document", f"d{i}", i, i, ({"role": "user", "content": f"prompt {i}"},))
                                    for i in range(n)])
        finally:
            b.close()
        assert all(r.error is None for r in res)
        assert b.stats.cached == stored
        resent = {p_: c for p_, c in s.requests.items() if c > 1}
        # only requests that were in flight when the process died (at most `concurrency`) are sent again
        assert len(resent) <= 4, resent
        assert sum(s.requests.values()) == sum(first_run.values()) + (n - stored)
        assert len(s.requests) == n


def test_cost_cap_stops_scheduling(server):
    server.reply = lambda p: "word " * 200
    b = backend(server, model="openai/gpt-4o-mini", max_cost=0.0003, concurrency=2)
    try:
        res = b.generate_batch([req(i) for i in range(20)])
    finally:
        b.close()
    sent = [r for r in res if r.error is None]
    skipped = [r for r in res if r.error and r.error.startswith("not sent: max_cost")]
    assert sent and skipped and len(sent) + len(skipped) == 20
    assert all(r.cost > 0 for r in sent)
    assert b.budget_exhausted and server.total == len(sent)
    # at most the requests in flight when the cap was reached overshoot it
    per = sent[0].cost
    assert b.stats.cost <= 0.0003 + 2 * per


def test_max_cost_needs_a_known_price(server):
    b = backend(server, max_cost=1.0)
    with pytest.raises(NegkitError, match="max_cost cannot be enforced"):
        b.generate_batch([req(0)])
    b.close()
