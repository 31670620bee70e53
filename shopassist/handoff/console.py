"""Agent console: a small web page + JSON API for the handoff queue (own process, 127.0.0.1:8090).

    .venv/bin/python -m shopassist.handoff.console [--port 8090]

Login: the password ``SHOP_AGENT_PASSWORD``; when unset, one is generated into
``var/agent_password`` (mode 0600) and its path is printed. The browser gets an HMAC-signed,
HttpOnly, SameSite=Strict session cookie; scripts send ``Authorization: Bearer <password>``.

API (JSON):
    GET  /api/queue                          waiting and active conversations with summaries
    GET  /api/conversations/<id>             one request: summary, stored and live transcript
    POST /api/conversations/<id>/claim       {"agent"}: the agent takes it (status active)
    POST /api/conversations/<id>/reply       {"text", "agent"}: message to the customer
    POST /api/conversations/<id>/release     hand back to the bot (status closed)

Replies and hand-backs go through the Rasa server's handoff channel
(:mod:`shopassist.channels.handoff`, shared secret ``SHOP_HANDOFF_SECRET``), which delivers them
on the customer's channel. Standard library HTTP server: a handful of agents, no framework needed.
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import time
from http import cookies
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import httpx

from shopassist.settings import get_settings

from . import service

logger = logging.getLogger("shopassist.handoff.console")
COOKIE = "agent_session"
SESSION_SECONDS = 12 * 3600
MAX_BODY = 64 * 1024
PAGE = Path(__file__).with_name("console.html")


def password_from_env_or_file(var_dir: Path) -> Tuple[str, Optional[Path]]:
    """SHOP_AGENT_PASSWORD, or a generated one kept in var/agent_password (0600) and its path."""
    configured = get_settings().agent_password
    if configured:
        return configured, None
    path = var_dir / "agent_password"
    if path.exists():
        return path.read_text().strip(), path
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(18)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    return value, path


class Console:
    """State shared by the request handlers: password, signing key, Rasa URL and secret."""

    def __init__(self, password: str, rasa_url: str, handoff_secret: str) -> None:
        self.password = password
        self.key = hashlib.sha256(b"agent-console:" + password.encode()).digest()
        self.rasa_url = rasa_url.rstrip("/")
        self.handoff_secret = handoff_secret

    def session_token(self, now: Optional[float] = None) -> str:
        """``<expiry>.<hmac>``: valid until expiry, only for this password."""
        expiry = str(int((time.time() if now is None else now) + SESSION_SECONDS))
        return expiry + "." + hmac.new(self.key, expiry.encode(), hashlib.sha256).hexdigest()

    def valid_token(self, token: str) -> bool:
        """A session token signed with our key and not expired."""
        expiry, _, mac = token.partition(".")
        good = hmac.new(self.key, expiry.encode(), hashlib.sha256).hexdigest()
        return expiry.isdigit() and hmac.compare_digest(mac, good) and int(expiry) > time.time()

    def rasa(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Call the Rasa server's handoff channel with the shared secret."""
        headers = {"X-Handoff-Secret": self.handoff_secret}
        return httpx.request(method, f"{self.rasa_url}/webhooks/handoff{path}", headers=headers, timeout=15, **kwargs)


class Handler(BaseHTTPRequestHandler):
    """Routes of the console (see the module docstring)."""

    console: Console
    server_version = "ShopAssistAgentConsole"

    # --- plumbing -----------------------------------------------------------------------------
    def log_message(self, fmt: str, *args: Any) -> None:  # to logging, not stderr spam
        logger.info("%s " + fmt, self.address_string(), *args)

    def _send(self, status: int, body: Any, content_type: str = "application/json",
              headers: Optional[Dict[str, str]] = None) -> None:
        data = body if isinstance(body, bytes) else (
            json.dumps(body, ensure_ascii=False).encode() if content_type == "application/json" else str(body).encode())
        self.send_response(status)
        self.send_header("Content-Type", content_type + ("; charset=utf-8" if "charset" not in content_type else ""))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> Dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ValueError("request body too large")
        raw = self.rfile.read(length) if length else b""
        if "application/x-www-form-urlencoded" in (self.headers.get("Content-Type") or ""):
            from urllib.parse import parse_qs
            return {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
        try:
            data = json.loads(raw or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError("malformed JSON") from exc
        if not isinstance(data, dict):
            raise ValueError("JSON object expected")
        return data

    def _logged_in(self) -> bool:
        auth = self.headers.get("Authorization") or ""
        if auth.startswith("Bearer "):
            return hmac.compare_digest(auth[7:].encode(), self.console.password.encode())
        jar = cookies.SimpleCookie(self.headers.get("Cookie") or "")
        return COOKIE in jar and self.console.valid_token(jar[COOKIE].value)

    # --- routes -------------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        """The page, the login form, the queue and conversations."""
        try:
            if self.path in ("/", "/index.html"):
                if not self._logged_in():
                    return self._send(200, LOGIN_FORM, "text/html")
                return self._send(200, PAGE.read_bytes(), "text/html")
            if self.path == "/health":
                return self._send(200, {"status": "ok"})
            if self.path.split("?")[0] in ("/dashboard", "/dashboard/") and not self._logged_in():
                return self._send(200, LOGIN_FORM, "text/html")
            if not self._logged_in():
                return self._send(401, {"error": "login required"})
            if self._insights("GET", None):
                return None
            if self.path == "/api/queue":
                return self._send(200, service.list_requests())
            match = re.fullmatch(r"/api/conversations/(\d+)", self.path)
            if match:
                return self._conversation(int(match.group(1)))
            return self._send(404, {"error": "not found"})
        except Exception:
            logger.exception("console GET %s failed", self.path)
            return self._send(500, {"error": "internal error"})

    def do_POST(self) -> None:  # noqa: N802
        """Login, logout and the conversation actions."""
        try:
            body = self._body()
        except ValueError as bad:
            return self._send(400, {"error": str(bad)})
        try:
            if self.path == "/login":
                given = str(body.get("password") or "")
                if not hmac.compare_digest(given.encode(), self.console.password.encode()):
                    time.sleep(0.5)  # slows guessing
                    return self._send(401, LOGIN_FORM.replace("<!--error-->", "<p class=err>Wrong password.</p>"),
                                      "text/html")
                cookie = (f"{COOKIE}={self.console.session_token()}; HttpOnly; SameSite=Strict; Path=/; "
                          f"Max-Age={SESSION_SECONDS}")
                return self._send(303, b"", "text/plain", {"Location": "/", "Set-Cookie": cookie})
            if self.path == "/logout":
                return self._send(303, b"", "text/plain",
                                  {"Location": "/", "Set-Cookie": f"{COOKIE}=; Max-Age=0; Path=/"})
            if not self._logged_in():
                return self._send(401, {"error": "login required"})
            if self._insights("POST", body):
                return None
            match = re.fullmatch(r"/api/conversations/(\d+)/(claim|reply|release)", self.path)
            if not match:
                return self._send(404, {"error": "not found"})
            return self._act(int(match.group(1)), match.group(2), body)
        except httpx.HTTPError as exc:
            logger.error("console: the Rasa server is unreachable: %r", exc)
            return self._send(502, {"error": "the assistant server is unreachable"})
        except Exception:
            logger.exception("console POST %s failed", self.path)
            return self._send(500, {"error": "internal error"})

    def _insights(self, method: str, body: Optional[Dict[str, Any]]) -> bool:
        """The insights dashboard and its API (shopassist.insights.dashboard); False when not one of its paths."""
        from shopassist.insights.dashboard import handle
        from shopassist.shop.db import get_engine

        path, _, query = self.path.partition("?")
        answer = handle(method, path, query, body, get_engine())
        if answer is None:
            return False
        status, payload, content_type = answer
        self._send(status, payload, content_type)
        return True

    def _conversation(self, request_id: int) -> None:
        request = service.get_request(request_id)
        if request is None:
            return self._send(404, {"error": "no such conversation"})
        try:
            live = self.console.rasa("GET", "/transcript", params={"sender": request["sender_id"]})
            if live.status_code == 200:
                from .summary import transcript
                request["transcript"] = transcript(live.json().get("events") or [])
                request["paused"] = live.json().get("paused")
        except httpx.HTTPError:
            request["live"] = False  # the stored transcript is still shown
        request["profile"] = service.customer_profile((request.get("summary") or {}).get("customer_id"))
        return self._send(200, request)

    def _act(self, request_id: int, action: str, body: Dict[str, Any]) -> None:
        request = service.get_request(request_id)
        if request is None:
            return self._send(404, {"error": "no such conversation"})
        agent = str(body.get("agent") or "agent")[:80]
        sender = request["sender_id"]
        if action == "claim":
            return self._send(200, service.set_status(request_id, "active", agent=agent))
        if action == "reply":
            text = str(body.get("text") or "").strip()
            if not text:
                return self._send(400, {"error": '"text" is required'})
            if request["status"] == "closed":
                return self._send(409, {"error": "the conversation was handed back to the bot"})
            sent = self.console.rasa("POST", "/reply", json={"sender": sender, "text": text, "agent": agent})
            if sent.status_code != 200:
                return self._send(502, {"error": "delivery failed", "detail": sent.text[:200]})
            service.set_status(request_id, "active", agent=agent)
            return self._send(200, {"sent": True, **sent.json()})
        resumed = self.console.rasa("POST", "/resume", json={"sender": sender})
        if resumed.status_code != 200:
            return self._send(502, {"error": "hand-back failed", "detail": resumed.text[:200]})
        live = self.console.rasa("GET", "/transcript", params={"sender": sender})
        events = live.json().get("events") if live.status_code == 200 else None
        return self._send(200, service.set_status(request_id, "closed", agent=agent, events=events))


LOGIN_FORM = """<!doctype html><html lang=en><head><meta charset=utf-8><title>Agent console: sign in</title>
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto}.err{color:#b00}</style></head>
<body><h1>Agent console</h1><!--error--><form method=post action=/login>
<label>Password <input type=password name=password autofocus required></label> <button>Sign in</button>
</form></body></html>"""


def main(argv: Optional[list] = None) -> int:
    """Serve the console on 127.0.0.1 (only) until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m shopassist.handoff.console")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("AGENT_PORT", "8090")))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    password, path = password_from_env_or_file(Path(settings.var_dir))
    if path:
        print(f"agent console password: in {path}", flush=True)
    secret = settings.handoff_secret or os.environ.get("SHOP_HANDOFF_SECRET", "")
    if not secret:
        print("warning: SHOP_HANDOFF_SECRET is unset: replies to customers will fail", flush=True)
    Handler.console = Console(password, settings.handoff_rasa_url, secret)
    service.engine()  # create the tables before the first request
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print(f"agent console on http://{args.host}:{args.port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
