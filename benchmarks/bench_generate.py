"""Throughput of the litellm backend against a local fake OpenAI server (no network).

The server (``tests/generate/fake_openai.py``) runs in its own process, as a real LLM server
would, so its work does not compete with the client for the GIL. It answers every request after
a fixed latency; with ``concurrency`` requests in flight the ideal throughput is
``concurrency / latency`` requests per second. Prints the achieved rate, its ratio to the ideal,
the client's CPU time per request, and checks with the server that every request was answered::

    python benchmarks/bench_generate.py [--n 1000] [--model M ...] [--concurrency 32] [--latency 0.2] [--ceiling]

``--ceiling`` also measures the server alone, with a plain aiohttp client at the same
concurrency (no litellm): the best rate this server and machine allow.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "generate"))

from fake_openai import FakeOpenAI  # noqa: E402

from negkit.generate.backend import GenerationRequest  # noqa: E402
from negkit.generate.llm import LiteLLMBackend  # noqa: E402


async def _plain_client(api_base: str, n: int, concurrency: int) -> float:
    """Seconds for n requests with a bare aiohttp session (the server's ceiling)."""
    import aiohttp

    sem = asyncio.Semaphore(concurrency)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        async def one(i: int) -> None:
            async with sem:
                async with session.post(f"{api_base}/chat/completions", headers={"Authorization": "Bearer sk-dummy"},
                                        json={"model": "fake-model",
                                              "messages": [{"role": "user", "content": f"ceiling {i}"}]}) as resp:
                    body = await resp.json()
                    assert resp.status == 200 and body["choices"][0]["message"]["content"], body

        await one(-1)  # connect (not timed)
        t0 = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(n)))
        return time.perf_counter() - t0


def run_one(model: str, server, args) -> tuple[float, float, int, int]:
    """(seconds, client CPU seconds, failed, wrong) for ``args.n`` requests with ``model``."""
    b = LiteLLMBackend(model, api_base=server.api_base, api_key="sk-dummy", concurrency=args.concurrency, timeout=30)
    try:
        # warm-up: import litellm, create the HTTP client (not timed)
        b.generate_batch([GenerationRequest("document", "warm", 0, 0, ({"role": "user", "content": "warm-up"},))])
        reqs = [GenerationRequest("document", f"d{i}", i, i, ({"role": "user", "content": f"prompt {i}"},))
                for i in range(args.n)]
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        res = b.generate_batch(reqs)
        elapsed = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
    finally:
        b.close()
    failed = sum(1 for r in res if r.error)
    wrong = sum(1 for i, r in enumerate(res) if r.text != f"Answer to: prompt {i}")
    return elapsed, cpu, failed, wrong


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="requests timed (the first wave's start-up weighs less in a longer run)")
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--model", action="append",
                    help="model string the client sends; repeatable (default: openai/fake-model, which litellm "
                         "has no price for, and openai/gpt-4o-mini, which it prices)")
    ap.add_argument("--ceiling", action="store_true", help="also time the server with a plain aiohttp client")
    args = ap.parse_args(argv)
    models = args.model or ["openai/fake-model", "openai/gpt-4o-mini"]
    ideal = args.concurrency / args.latency
    print(f"{args.n} requests per model, concurrency {args.concurrency}, latency {args.latency * 1000:.0f} ms; "
          f"ideal {ideal:.1f} req/s ({args.n / ideal:.2f} s)")
    with FakeOpenAI(latency=args.latency, subprocess=True) as server:
        for model in models:
            elapsed, cpu, failed, wrong = run_one(model, server, args)
            achieved = args.n / elapsed
            print(f"{model}: {achieved:.1f} req/s in {elapsed:.2f} s, ratio {achieved / ideal:.2f}; "
                  f"client CPU {cpu / args.n * 1000:.2f} ms per request; failed {failed}, wrong text {wrong}")
        answered = sum(server.stats()["completed"].values())
        print(f"server answered {answered} requests (incl. {len(models)} warm-up)")
        if args.ceiling:
            ceiling = asyncio.run(_plain_client(server.api_base, args.n, args.concurrency))
            print(f"server ceiling (plain aiohttp client, same run): {args.n / ceiling:.1f} req/s, "
                  f"ratio {args.n / ceiling / ideal:.2f}")


if __name__ == "__main__":
    main()
