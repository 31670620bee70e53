"""Fixtures for the Slack and Messenger tests.

- ``platform_api``: a local stand-in for Slack's Web API and Facebook's Graph API (the only fake):
  it records every call the channel code makes and answers like the real APIs.
- ``channel_stack``: a Rasa server started like `make run` (credentials.yml, our signed channels)
  with test secrets in its environment and ``SLACK_API_URL`` / ``FACEBOOK_GRAPH_URL`` pointing at
  the stand-in; it shares the action server and database of the ``actions`` fixture.

Both are session-wide singletons shared by test_slack.py and test_facebook.py (pytest registers
an imported fixture once per module, so the instance is cached here).
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import yaml

from .conftest import AUTH_TOKEN, RASA_BIN, ROOT, Stack, free_port, newest_model, stop, wait_for

SLACK_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # the example secret of Slack's docs
SLACK_BOT_TOKEN = "xoxb-test-" + uuid.uuid4().hex[:12]
FB_APP_SECRET = "test-app-secret-" + uuid.uuid4().hex[:8]
FB_VERIFY_TOKEN = "test-verify-" + uuid.uuid4().hex[:8]
FB_PAGE_TOKEN = "EAAtest" + uuid.uuid4().hex[:12]
GRAPH_VERSION = "v19.0"


@dataclass
class ApiCall:
    method: str
    path: str
    query: Dict[str, List[str]]
    headers: Dict[str, str]
    body: Any


@dataclass
class PlatformAPI:
    """Stand-in for https://slack.com/api/ and https://graph.facebook.com/ on localhost."""

    url: str
    calls: List[ApiCall] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def slack_url(self) -> str:
        return f"{self.url}/slack/api/"

    @property
    def graph_url(self) -> str:
        return f"{self.url}/graph/{GRAPH_VERSION}"

    def record(self, call: ApiCall) -> None:
        with self.lock:
            self.calls.append(call)

    def matching(self, predicate: Callable[[ApiCall], bool]) -> List[ApiCall]:
        with self.lock:
            return [c for c in self.calls if predicate(c)]

    def wait_for(self, predicate: Callable[[ApiCall], bool], count: int = 1, timeout: float = 60) -> List[ApiCall]:
        """The matching calls once there are ``count`` of them (fails after ``timeout`` s)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.matching(predicate)
            if len(found) >= count:
                return found
            time.sleep(0.2)
        pytest.fail(f"expected {count} matching API call(s) within {timeout} s; got: "
                    f"{[(c.path, c.body) for c in self.calls][-10:]}")

    # --- the two platforms' calls ----------------------------------------------------------------
    def slack_posts(self, channel: str) -> List[ApiCall]:
        return self.matching(lambda c: c.path.endswith("/chat.postMessage") and c.body.get("channel") == channel)

    def wait_slack_posts(self, channel: str, count: int = 1, timeout: float = 60) -> List[ApiCall]:
        return self.wait_for(lambda c: c.path.endswith("/chat.postMessage") and c.body.get("channel") == channel,
                             count, timeout)

    def fb_messages(self, psid: str) -> List[ApiCall]:
        return self.matching(lambda c: c.path.endswith("/me/messages") and "message" in c.body
                             and c.body.get("recipient", {}).get("id") == psid)

    def wait_fb_messages(self, psid: str, count: int = 1, timeout: float = 60) -> List[ApiCall]:
        return self.wait_for(lambda c: c.path.endswith("/me/messages") and "message" in c.body
                             and c.body.get("recipient", {}).get("id") == psid, count, timeout)


def _handler(api: PlatformAPI) -> type:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            ctype = (self.headers.get("Content-Type") or "").split(";")[0]
            if ctype == "application/json":
                body = json.loads(raw or b"{}")
            else:
                body = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            parts = urlsplit(self.path)
            api.record(ApiCall("POST", parts.path, parse_qs(parts.query), dict(self.headers), body))
            if parts.path.startswith("/slack/api/"):
                if self.headers.get("Authorization") != f"Bearer {SLACK_BOT_TOKEN}":
                    reply: Dict[str, Any] = {"ok": False, "error": "invalid_auth"}
                else:
                    reply = {"ok": True, "channel": body.get("channel"), "ts": f"{time.time():.6f}",
                             "message": {"text": body.get("text")}}
            elif parts.path.startswith(f"/graph/{GRAPH_VERSION}/me/messages"):
                if parse_qs(parts.query).get("access_token") != [FB_PAGE_TOKEN]:
                    self._json(400, {"error": {"message": "Invalid OAuth access token.", "code": 190}})
                    return
                reply = {"recipient_id": body.get("recipient", {}).get("id"), "message_id": "m_" + uuid.uuid4().hex}
            else:
                self._json(404, {"error": "unknown endpoint"})
                return
            self._json(200, reply)

        def _json(self, status: int, payload: Dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


_SHARED: Dict[str, Any] = {}


def _platform_api() -> PlatformAPI:
    if "api" not in _SHARED:
        server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
        api = PlatformAPI(f"http://127.0.0.1:{server.server_address[1]}")
        server.RequestHandlerClass = _handler(api)
        threading.Thread(target=server.serve_forever, daemon=True, name="platform-api").start()
        _SHARED["api"], _SHARED["api_server"] = api, server
    return _SHARED["api"]


@pytest.fixture(scope="session")
def platform_api() -> Iterator[PlatformAPI]:
    api = _platform_api()
    yield api
    server = _SHARED.pop("api_server", None)
    _SHARED.pop("api", None)
    if server is not None:
        server.shutdown()
        server.server_close()


@dataclass
class ChannelStack:
    rasa_url: str
    api: PlatformAPI
    log: Path
    proc: subprocess.Popen

    def tracker(self, sender: str) -> dict:
        reply = httpx.get(f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": AUTH_TOKEN}, timeout=10)
        reply.raise_for_status()
        return reply.json()

    def user_texts(self, sender: str) -> List[str]:
        """What reached the dialogue from ``sender`` (user events in the tracker)."""
        return [e.get("text") for e in self.tracker(sender).get("events", []) if e.get("event") == "user"]

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture(scope="session")
def channel_stack(actions: Stack, platform_api: PlatformAPI) -> Iterator[ChannelStack]:
    """A Rasa server with the Slack and Messenger channels switched on (secrets in its environment)."""
    if "stack" in _SHARED:
        yield _SHARED["stack"]
        return
    port = free_port()
    log = actions.tmp / "rasa-channels.log"
    endpoints = actions.tmp / "endpoints-channels.yml"
    endpoints.write_text(yaml.safe_dump({"action_endpoint": {"url": f"{actions.action_url}/webhook"}}))
    env = dict(actions.env, SLACK_SIGNING_SECRET=SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN=SLACK_BOT_TOKEN,
               SLACK_API_URL=platform_api.slack_url, FACEBOOK_APP_SECRET=FB_APP_SECRET,
               FACEBOOK_VERIFY_TOKEN=FB_VERIFY_TOKEN, FACEBOOK_PAGE_ACCESS_TOKEN=FB_PAGE_TOKEN,
               FACEBOOK_GRAPH_URL=platform_api.graph_url)
    proc = subprocess.Popen(
        [str(RASA_BIN), "run", "--model", str(newest_model()), "-i", "127.0.0.1", "--port", str(port),
         "--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml"),
         "--enable-api", "--auth-token", AUTH_TOKEN],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    stack = ChannelStack(f"http://127.0.0.1:{port}", platform_api, log, proc)
    _SHARED["stack"] = stack
    try:
        wait_for(f"{stack.rasa_url}/status?token={AUTH_TOKEN}", proc, log, 240)
        yield stack
    finally:
        if _SHARED.pop("stack", None) is not None:
            stop(proc)


def wait_until(predicate: Callable[[], Any], timeout: float = 30, interval: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()
