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
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default listen backlog (5) drops connections under concurrency


class FakeOpenAI:
    def __init__(self, latency: float = 0.0, script: dict | None = None, reply=None):
        self.latency = latency
        self.script = {k: list(v) for k, v in (script or {}).items()}
        self.reply = reply or (lambda prompt: f"Answer to: {prompt}")
        self.requests: Counter = Counter()
        self.completed: Counter = Counter()
        self.bodies: list[dict] = []
        self.arrivals: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle
    def start(self) -> "FakeOpenAI":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):  # quiet
                pass

            def do_POST(self):
                fake._handle(self)

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def total(self) -> int:
        return sum(self.requests.values())

    # -- handling
    def _action(self, prompt: str) -> dict:
        with self._lock:
            for sub, actions in self.script.items():
                if sub in prompt and actions:
                    return actions.pop(0)
        return {}

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        if h.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            return self._send(h, 404, {"error": {"message": "not found", "type": "invalid_request_error"}})
        n = int(h.headers.get("Content-Length") or 0)
        body = json.loads(h.rfile.read(n) or b"{}")
        msgs = body.get("messages") or [{}]
        prompt = str(msgs[-1].get("content") or "")
        with self._lock:
            self.requests[prompt] += 1
            self.bodies.append(body)
            self.arrivals.append((time.monotonic(), prompt))
        act = self._action(prompt)
        if self.latency:
            time.sleep(self.latency)
        if "hang" in act:
            time.sleep(act["hang"])
        status = act.get("status", 200)
        if status != 200:
            headers = {}
            if "retry_after" in act:
                headers["Retry-After"] = str(act["retry_after"])
            kind = {401: "invalid_api_key", 400: "invalid_request_error", 429: "rate_limit_exceeded"}.get(status, "server_error")
            return self._send(h, status, {"error": {"message": f"fake {status} error", "type": kind, "code": kind}}, headers)
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
        if self._send(h, 200, out):
            with self._lock:
                self.completed[prompt] += 1

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, payload: dict, headers: dict | None = None) -> bool:
        data = json.dumps(payload).encode()
        try:
            h.send_response(status)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(data)
            h.wfile.flush()
            return True
        except (BrokenPipeError, ConnectionResetError):
            return False
