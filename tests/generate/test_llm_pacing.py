"""The litellm backend's request pacing, and the fake server's subprocess mode (throughput work)."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path

import pytest

from negkit.generate.backend import GenerationRequest
from negkit.generate.llm import LiteLLMBackend, _Pacer

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai import FakeOpenAI  # noqa: E402

needs_litellm = pytest.mark.skipif(importlib.util.find_spec("litellm") is None, reason="needs litellm")


class FakeCPU:
    """A CPU clock the test advances by hand."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def pacer_with(clock: FakeCPU, **kw) -> _Pacer:
    p = _Pacer(**kw)
    p.cpu = clock  # instance attribute shadows the static method
    return p


def run_attempts(p: _Pacer, clock: FakeCPU, n: int, cpu_each: float) -> None:
    for _ in range(n):
        clock.now += cpu_each
        p.done()


def test_pacer_spaces_starts():
    async def main():
        p = _Pacer(prior=0.02)
        loop = asyncio.get_running_loop()
        starts = []

        async def one():
            await p.wait()
            starts.append(loop.time())

        await asyncio.gather(*(one() for _ in range(5)))
        return sorted(starts)

    starts = asyncio.run(main())
    # the k-th start is due k spacings after the first; a late wake-up of one waiter may bring the
    # next one closer to it, never ahead of its own slot (less the loop's clock resolution)
    late = [s - starts[0] - k * 0.02 for k, s in enumerate(starts)]
    assert all(x >= -0.002 for x in late), late


def test_pacer_does_not_delay_a_start_after_a_pause():
    async def main():
        p = _Pacer(prior=0.05)
        loop = asyncio.get_running_loop()
        await p.wait()
        await asyncio.sleep(0.08)  # longer than the spacing: the next start is due already
        t0 = loop.time()
        await p.wait()
        return loop.time() - t0

    assert asyncio.run(main()) < 0.01


def test_pacer_measures_cpu_per_attempt_from_the_first_done():
    clock = FakeCPU()
    p = pacer_with(clock, prior=0.005)
    p.new_batch()
    clock.now += 0.5  # starting the first wave: before any attempt finished, not counted
    run_attempts(p, clock, 1, 0.003)
    assert p.samples == 0 and p.spacing == 0.005
    run_attempts(p, clock, 200, 0.003)
    assert p.samples > 10
    assert p.spacing == pytest.approx(0.003, rel=0.02)


def test_pacer_leaves_out_cache_hits():
    clock = FakeCPU()
    p = pacer_with(clock, prior=0.002)
    p.new_batch()
    for _ in range(200):
        clock.now += 0.01  # a cache hit's work
        p.exclude(0.01)
        clock.now += 0.002
        p.done()
    assert p.spacing == pytest.approx(0.002, rel=0.02)


def test_pacer_one_off_moves_the_estimate_a_little():
    clock = FakeCPU()
    p = pacer_with(clock, prior=0.003)
    p.new_batch()
    run_attempts(p, clock, 100, 0.003)
    clock.now += 2.0  # one very slow window (a slow callback, a collection)
    run_attempts(p, clock, 4, 0.003)
    assert 0.003 < p.spacing < 0.005
    run_attempts(p, clock, 200, 0.003)
    assert p.spacing == pytest.approx(0.003, rel=0.02)
    # a lasting change is followed, up to max_spacing
    run_attempts(p, clock, 400, 0.2)
    assert p.spacing == pytest.approx(p.max_spacing, rel=0.02)


@needs_litellm
def test_backend_spaces_its_requests():
    reqs = [GenerationRequest("document", f"d{i}", i, i, ({"role": "user", "content": f"prompt {i}"},))
            for i in range(8)]
    with FakeOpenAI(latency=0.5) as server:
        b = LiteLLMBackend("openai/fake-model", api_base=server.api_base, api_key="sk-dummy", concurrency=8, timeout=10)
        try:
            # the first call imports litellm's provider code and builds its client; time the second batch
            b.generate_batch([GenerationRequest("document", "warm", 0, 0, ({"role": "user", "content": "warm-up"},))])
            b._pacer.spacing = 0.03  # larger than any loop's CPU per request: the spacing is the pacer's
            res = b.generate_batch(reqs)
        finally:
            b.close()
        arrivals = sorted(t for t, p in server.arrivals if p != "warm-up")
    assert [r.text for r in res] == [f"Answer to: prompt {i}" for i in range(8)]
    # all 8 were started before the first answer (0.5 s), 30 ms apart
    assert arrivals[-1] - arrivals[0] >= 7 * 0.03 * 0.8, arrivals
    assert arrivals[-1] - arrivals[0] < 0.5
    assert b._pacer.samples >= 1 and 0 < b._pacer.spacing <= b._pacer.max_spacing


@needs_litellm
def test_fake_server_in_its_own_process():
    with pytest.raises(ValueError):
        FakeOpenAI(reply=lambda p: p, subprocess=True)
    reqs = [GenerationRequest("document", f"d{i}", i, i, ({"role": "user", "content": f"prompt {i}"},))
            for i in range(3)]
    server = FakeOpenAI(latency=0.05, script={"prompt 1": [{"status": 500}]}, subprocess=True).start()
    try:
        b = LiteLLMBackend("openai/fake-model", api_base=server.api_base, api_key="sk-dummy", backoff_base=0.05)
        try:
            res = b.generate_batch(reqs)
        finally:
            b.close()
        stats = server.stats()
        with pytest.raises(AttributeError, match="stats"):
            server.requests
        assert server.total == 4
        proc = server._proc
    finally:
        server.stop()
    assert [r.text for r in res] == [f"Answer to: prompt {i}" for i in range(3)]
    assert stats["requests"] == {"prompt 0": 1, "prompt 1": 2, "prompt 2": 1}
    assert stats["completed"] == {"prompt 0": 1, "prompt 1": 1, "prompt 2": 1}
    assert b.stats.retries == 1
    assert proc.poll() is not None  # stop() ended the server process
