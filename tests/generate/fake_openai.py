"""A small scriptable OpenAI-compatible chat server on 127.0.0.1 for backend tests and benchmarks.

``POST /v1/chat/completions`` (and ``/chat/completions``). The prompt of a request is the
content of its last message. ``script`` maps a prompt substring to a list of actions used in
order for the requests whose prompt contains it (then the default, a normal answer):

    {"status": 429, "retry_after": 1}   an error status (with a Retry-After header)
    {"status": 500} / {"status": 401} / {"status": 400}
    {"hang": 5}                         sleep 5 s before answering normally
    {"finish_reason": "length"}         a truncated answer
    {"content": ""}                     empty content
    {"content": "text"}                 this text
    {"no_usage": True}                  no usage block

``requests[prompt]`` counts every request, ``completed[prompt]`` the 200 answers fully written.
``GET /stats`` returns both counters as JSON (``{"requests": {...}, "completed": {...}}``).

The server is a single asyncio event loop (HTTP/1.1 keep-alive, one task per connection), so a
latency of 200 ms with hundreds of connections costs no threads. Two modes:

* in-thread (default): the loop runs in a daemon thread of the calling process; the counters,
  ``bodies`` and ``arrivals`` are plain attributes, and ``script``/``reply`` may be changed at
  any time (tests);
* ``subprocess=True``: the server runs in its own Python process, like a real LLM server, so its
  CPU work does not compete with the client for the GIL (benchmarks). ``reply`` must be None
  (the default answer), ``script`` must be JSON; the counters are read over HTTP with
  :meth:`FakeOpenAI.stats` (``requests``/``completed`` then raise). Standalone::

    python tests/generate/fake_openai.py --port 0 --latency 0.2   # prints "listening on <api_base>"
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess as _subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter

_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            408: "Request Timeout", 429: "Too Many Requests", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


def _default_reply(prompt: str) -> str:
    return f"Answer to: {prompt}"


class _Core:
    """The request handling and the counters, shared by both modes (runs on the server's loop)."""

    def __init__(self, latency: float, script: dict | None, reply):
        self.latency = latency
        self.script = {k: list(v) for k, v in (script or {}).items()}
        self.reply = reply or _default_reply
        self.requests: Counter = Counter()
        self.completed: Counter = Counter()
        self.bodies: list[dict] = []
        self.arrivals: list[tuple[float, str]] = []
        self.lock = threading.Lock()  # the in-thread mode's caller may edit `script` meanwhile
        self.conns: set[asyncio.Task] = set()

    def action(self, prompt: str) -> dict:
        with self.lock:
            for sub, actions in self.script.items():
                if sub in prompt and actions:
                    return actions.pop(0)
        return {}

    async def connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self.conns.add(task)
        try:
            while True:
                line = await reader.readline()
                if not line.strip():
                    break
                try:
                    method, path, _version = line.decode("latin-1").split(" ", 2)
                except ValueError:
                    break
                headers: dict[str, str] = {}
                while True:
                    h = await reader.readline()
                    if h in (b"\r\n", b"\n", b""):
                        break
                    k, _, v = h.decode("latin-1").partition(":")
                    headers[k.strip().lower()] = v.strip()
                if headers.get("transfer-encoding", "").lower() == "chunked":
                    raw = await self._chunked(reader)
                else:
                    n = int(headers.get("content-length") or 0)
                    raw = await reader.readexactly(n) if n else b""
                await self.handle(method, path, raw, writer)
                if headers.get("connection", "").lower() == "close":
                    break
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:
            pass
        finally:
            self.conns.discard(task)
            try:
                writer.close()
            except Exception:
                pass

    @staticmethod
    async def _chunked(reader: asyncio.StreamReader) -> bytes:
        parts = []
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):  # trailers
                    pass
                return b"".join(parts)
            parts.append(await reader.readexactly(size))
            await reader.readline()

    async def handle(self, method: str, path: str, raw: bytes, writer: asyncio.StreamWriter) -> None:
        path = path.split("?", 1)[0].rstrip("/")
        if method == "GET" and path == "/stats":
            with self.lock:
                payload = {"requests": dict(self.requests), "completed": dict(self.completed)}
            await self.send(writer, 200, payload)
            return
        if method != "POST" or path not in ("/v1/chat/completions", "/chat/completions"):
            await self.send(writer, 404, {"error": {"message": "not found", "type": "invalid_request_error"}})
            return
        body = json.loads(raw or b"{}")
        msgs = body.get("messages") or [{}]
        prompt = str(msgs[-1].get("content") or "")
        with self.lock:
            self.requests[prompt] += 1
            self.bodies.append(body)
            self.arrivals.append((time.monotonic(), prompt))
        act = self.action(prompt)
        if self.latency:
            await asyncio.sleep(self.latency)
        if "hang" in act:
            await asyncio.sleep(act["hang"])
        status = act.get("status", 200)
        if status != 200:
            headers = {}
            if "retry_after" in act:
                headers["Retry-After"] = str(act["retry_after"])
            kind = {401: "invalid_api_key", 400: "invalid_request_error", 429: "rate_limit_exceeded"}.get(status, "server_error")
            await self.send(writer, status, {"error": {"message": f"fake {status} error", "type": kind, "code": kind}}, headers)
            return
        content = act.get("content", self.reply(prompt))
        out = {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": act.get("finish_reason", "stop")}],
        }
        if not act.get("no_usage"):
            out["usage"] = {"prompt_tokens": 10 + len(prompt.split()), "completion_tokens": len(content.split()),
                            "total_tokens": 10 + len(prompt.split()) + len(content.split())}
        if await self.send(writer, 200, out):
            with self.lock:
                self.completed[prompt] += 1

    @staticmethod
    async def send(writer: asyncio.StreamWriter, status: int, payload: dict, headers: dict | None = None) -> bool:
        data = json.dumps(payload).encode()
        head = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}", "Content-Type: application/json",
                f"Content-Length: {len(data)}"]
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if writer.is_closing():
            return False
        try:
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + data)
            await writer.drain()
            return True
        except (ConnectionError, RuntimeError):
            return False

    async def start_server(self, port: int = 0) -> asyncio.AbstractServer:
        return await asyncio.start_server(self.connection, "127.0.0.1", port, backlog=1024)

    async def close_connections(self) -> None:
        tasks = [t for t in self.conns if not t.done()]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


class FakeOpenAI:
    def __init__(self, latency: float = 0.0, script: dict | None = None, reply=None, *, subprocess: bool = False):
        if subprocess and reply is not None:
            raise ValueError("a subprocess FakeOpenAI has the default reply only (reply cannot cross processes)")
        self._subprocess = subprocess
        self._core = _Core(latency, script, reply)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.AbstractServer | None = None
        self._proc: _subprocess.Popen | None = None
        self._port: int | None = None

    # -- lifecycle
    def start(self) -> "FakeOpenAI":
        if self._subprocess:
            return self._start_process()
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(target=loop.run_forever, name="fake-openai", daemon=True)
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(self._core.start_server(), loop).result(timeout=10)
        self._port = self._server.sockets[0].getsockname()[1]
        return self

    def _start_process(self) -> "FakeOpenAI":
        cmd = [sys.executable, "-u", os.path.abspath(__file__), "--port", "0", "--latency", repr(self._core.latency),
               "--exit-with-stdin"]
        if self._core.script:
            cmd += ["--script", json.dumps(self._core.script)]
        # the server exits when its stdin closes, so it cannot outlive a killed parent
        self._proc = _subprocess.Popen(cmd, stdin=_subprocess.PIPE, stdout=_subprocess.PIPE, text=True)
        line = self._proc.stdout.readline()
        if not line.startswith("listening on "):
            self._proc.kill()
            self._proc.wait()
            raise RuntimeError(f"the fake server did not start: {line!r}")
        self._port = int(line.rsplit(":", 1)[1].split("/", 1)[0])
        return self

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=5)
            except _subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc.stdout.close()
            self._proc.stdin.close()
            self._proc = None
        if self._loop is not None:
            loop = self._loop

            async def _shutdown():
                self._server.close()
                await self._core.close_connections()
                await self._server.wait_closed()

            try:
                asyncio.run_coroutine_threadsafe(_shutdown(), loop).result(timeout=5)
            except Exception:
                pass
            loop.call_soon_threadsafe(loop.stop)
            self._thread.join(timeout=5)
            loop.close()
            self._loop = self._thread = self._server = None

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- where
    @property
    def port(self) -> int:
        return self._port

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # -- scripting and counters (in-thread: attributes; subprocess: stats() over HTTP)
    def _local(self, what: str):
        if self._subprocess:
            raise AttributeError(f"{what} lives in the server process: use FakeOpenAI.stats()")
        return self._core

    @property
    def latency(self) -> float:
        return self._core.latency

    @latency.setter
    def latency(self, value: float) -> None:
        self._local("latency").latency = value

    @property
    def script(self) -> dict:
        return self._local("script").script

    @script.setter
    def script(self, value: dict) -> None:
        core = self._local("script")
        with core.lock:
            core.script = {k: list(v) for k, v in (value or {}).items()}

    @property
    def reply(self):
        return self._local("reply").reply

    @reply.setter
    def reply(self, fn) -> None:
        self._local("reply").reply = fn or _default_reply

    requests = property(lambda self: self._local("requests").requests)
    completed = property(lambda self: self._local("completed").completed)
    bodies = property(lambda self: self._local("bodies").bodies)
    arrivals = property(lambda self: self._local("arrivals").arrivals)

    def stats(self) -> dict[str, Counter]:
        """``{"requests": Counter, "completed": Counter}``, fetched over HTTP (works in both modes)."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/stats", timeout=10) as resp:
            data = json.load(resp)
        return {k: Counter(v) for k, v in data.items()}

    @property
    def total(self) -> int:
        if self._subprocess:
            return sum(self.stats()["requests"].values())
        return sum(self._core.requests.values())


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="a fake OpenAI-compatible chat server (see the module docstring)")
    ap.add_argument("--port", type=int, default=0, help="0: any free port (printed)")
    ap.add_argument("--latency", type=float, default=0.0, help="seconds before every answer")
    ap.add_argument("--script", default=None, help="the script, as JSON")
    ap.add_argument("--exit-with-stdin", action="store_true", help="stop when stdin reaches end of file")
    args = ap.parse_args(argv)
    core = _Core(args.latency, json.loads(args.script) if args.script else None, None)

    async def run() -> None:
        server = await core.start_server(args.port)
        port = server.sockets[0].getsockname()[1]
        stop = asyncio.Event()
        try:  # FakeOpenAI.stop() sends SIGTERM: close cleanly
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        except (NotImplementedError, AttributeError):  # no loop signal handlers on Windows
            pass
        if args.exit_with_stdin:
            loop = asyncio.get_running_loop()

            def watch() -> None:
                try:  # the raw descriptor: a buffered read would hold a lock at interpreter exit
                    while os.read(0, 65536):
                        pass
                except OSError:
                    pass
                loop.call_soon_threadsafe(stop.set)

            threading.Thread(target=watch, daemon=True).start()
        print(f"listening on http://127.0.0.1:{port}/v1", flush=True)
        async with server:
            await stop.wait()
            server.close()
            await core.close_connections()

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
