"""Throughput of the litellm backend against a local fake OpenAI server (no network).

The server answers every request after a fixed latency; with ``concurrency`` requests in flight
the ideal throughput is ``concurrency / latency`` requests per second. Prints the achieved rate
and its ratio to the ideal::

    python benchmarks/bench_generate.py [--n 320] [--concurrency 32] [--latency 0.2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "generate"))

from fake_openai import FakeOpenAI  # noqa: E402

from negkit.generate.backend import GenerationRequest  # noqa: E402
from negkit.generate.llm import LiteLLMBackend  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=320)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--latency", type=float, default=0.2)
    args = ap.parse_args(argv)
    with FakeOpenAI(latency=args.latency) as server:
        b = LiteLLMBackend("openai/fake-model", api_base=server.api_base, api_key="sk-dummy",
                           concurrency=args.concurrency, timeout=30)
        try:
            # warm-up: import litellm, create the HTTP client (not timed)
            b.generate_batch([GenerationRequest("document", "warm", 0, 0, ({"role": "user", "content": "warm-up"},))])
            reqs = [GenerationRequest("document", f"d{i}", i, i, ({"role": "user", "content": f"prompt {i}"},))
                    for i in range(args.n)]
            t0 = time.perf_counter()
            res = b.generate_batch(reqs)
            elapsed = time.perf_counter() - t0
        finally:
            b.close()
    failed = sum(1 for r in res if r.error)
    achieved = args.n / elapsed
    ideal = args.concurrency / args.latency
    print(f"requests: {args.n} (failed {failed}), concurrency {args.concurrency}, latency {args.latency * 1000:.0f} ms")
    print(f"elapsed: {elapsed:.2f} s (ideal {args.n / ideal:.2f} s)")
    print(f"throughput: {achieved:.1f} req/s, ideal {ideal:.1f} req/s, ratio {achieved / ideal:.2f}")


if __name__ == "__main__":
    main()
