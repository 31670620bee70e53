"""Every channel apologises instead of going silent when the action server is down or hangs, and
works again, without a restart, when it is back (shopassist/channels/guard.py).

One Rasa server started like `make run` (credentials.yml: our REST, socket.io, Slack and Messenger
channels) with its own action server, which the tests kill, restart, freeze (SIGSTOP) and thaw.
The customers talk over the real protocols: socket.io over a websocket (what the webchat page
does, spoken here with a small Engine.IO v4 client), Slack Events API and Messenger webhooks
signed like the platforms sign them, REST. Only Slack's and Facebook's servers are stand-ins
(channel_fixtures.platform_api); the apologies are read where they arrive.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterator, List

import httpx
import pytest
import websockets

from shopassist.action_server import write_endpoints

from .channel_fixtures import (  # noqa: F401  (fixtures)
    FB_APP_SECRET,
    FB_PAGE_TOKEN,
    FB_VERIFY_TOKEN,
    SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET,
    PlatformAPI,
    platform_api,
    wait_until,
)
from .conftest import RASA_BIN, ROOT, Stack, free_port, newest_model, stop, wait_for
from .test_facebook import messaging, page_event
from .test_facebook import post as fb_post
from .test_slack import ids, message_event, post_event

pytestmark = pytest.mark.servers

SORRY_MARK = "something went wrong on our side"


# --- a small socket.io client (Engine.IO v4 over a websocket, like the webchat page) -----------------
async def _socketio_turn(url: str, session_id: str, text: str, wait: float) -> List[dict]:
    """Send one ``user_uttered`` in the session ``session_id``; the ``bot_uttered`` payloads that
    arrive within ``wait`` seconds after the first one (or until ``wait`` if none comes)."""
    ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    replies: List[dict] = []
    async with websockets.connect(ws_url, open_timeout=10) as ws:
        assert (await ws.recv()).startswith("0")  # Engine.IO open
        await ws.send("40")  # Socket.IO connect to "/"
        deadline = time.monotonic() + 10
        sent = False
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return replies
            try:
                packet = await asyncio.wait_for(ws.recv(), remaining)
            except asyncio.TimeoutError:
                return replies
            if packet == "2":  # Engine.IO ping
                await ws.send("3")
            elif packet.startswith("40"):
                await ws.send("42" + json.dumps(["session_request", {"session_id": session_id}]))
            elif packet.startswith("42"):
                event, *args = json.loads(packet[2:])
                if event == "session_confirm" and not sent:
                    await ws.send("42" + json.dumps(["user_uttered", {"message": text, "session_id": session_id}]))
                    sent, deadline = True, time.monotonic() + wait
                elif event == "bot_uttered":
                    replies.append(args[0])
                    deadline = min(deadline, time.monotonic() + 2)  # the rest of this turn's messages


def socketio_turn(url: str, session_id: str, text: str, wait: float = 30) -> str:
    return " ".join(r.get("text") or "" for r in asyncio.run(_socketio_turn(url, session_id, text, wait)))


# --- the stack -------------------------------------------------------------------------------------------
@dataclass
class FaultStack:
    rasa_url: str
    api: PlatformAPI
    env: Dict[str, str]
    action_port: int
    action_log: Path
    action_proc: subprocess.Popen

    def start_actions(self) -> None:
        self.action_proc = _action_server(self.action_port, self.env, self.action_log)
        wait_for(f"http://127.0.0.1:{self.action_port}/health", self.action_proc, self.action_log, 90)

    def signal_actions(self, sig: int) -> None:
        """Signal the action server's whole process group (Sanic serves from a child process)."""
        os.killpg(self.action_proc.pid, sig)

    def kill_actions(self) -> None:
        self.signal_actions(signal.SIGKILL)
        self.action_proc.wait(timeout=20)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # until the worker child is gone too
            try:
                os.killpg(self.action_proc.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)


def _action_server(port: int, env: Dict[str, str], log: Path) -> subprocess.Popen:
    """Our action server entry point in its own process group, as scripts/servers.sh starts it."""
    return subprocess.Popen([sys.executable, "-m", "shopassist.action_server", "--actions", "actions", "--port",
                             str(port)], cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                            start_new_session=True)


@pytest.fixture(scope="module")
def faults(actions: Stack, platform_api: PlatformAPI) -> Iterator[FaultStack]:
    tmp = actions.tmp / "channel-faults"
    tmp.mkdir(exist_ok=True)
    env = dict(actions.env, SHOP_VAR_DIR=str(tmp), SHOP_KB_WARMUP="false",
               SLACK_SIGNING_SECRET=SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN=SLACK_BOT_TOKEN,
               SLACK_API_URL=platform_api.slack_url, FACEBOOK_APP_SECRET=FB_APP_SECRET,
               FACEBOOK_VERIFY_TOKEN=FB_VERIFY_TOKEN, FACEBOOK_PAGE_ACCESS_TOKEN=FB_PAGE_TOKEN,
               FACEBOOK_GRAPH_URL=platform_api.graph_url)
    action_port, rasa_port = free_port(), free_port()
    stack = FaultStack(f"http://127.0.0.1:{rasa_port}", platform_api, env, action_port, tmp / "actions.log",
                       _action_server(action_port, env, tmp / "actions.log"))
    endpoints = write_endpoints(tmp / "endpoints.yml", action_url=f"http://127.0.0.1:{action_port}/webhook", env=env)
    log = tmp / "rasa.log"
    rasa = subprocess.Popen(
        [str(RASA_BIN), "run", "--model", str(newest_model()), "-i", "127.0.0.1", "--port", str(rasa_port),
         "--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml")],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{action_port}/health", stack.action_proc, stack.action_log, 90)
        wait_for(f"{stack.rasa_url}/", rasa, log, 300)
        yield stack
    finally:
        stop(rasa)
        try:
            stack.signal_actions(signal.SIGCONT)
            stack.signal_actions(signal.SIGTERM)
            stack.action_proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        try:
            stack.signal_actions(signal.SIGKILL)  # whatever is left of the group
        except ProcessLookupError:
            pass


# --- one customer per channel ------------------------------------------------------------------------
def _rest(stack: FaultStack) -> Callable[[str], str]:
    sender = "fault-rest-" + uuid.uuid4().hex[:8]

    def say(text: str) -> str:
        reply = httpx.post(f"{stack.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                           timeout=60)
        return " ".join(m.get("text") or "" for m in reply.json())

    return say


def _socketio(stack: FaultStack) -> Callable[[str], str]:
    session = "fault-sio-" + uuid.uuid4().hex[:8]
    return lambda text: socketio_turn(stack.rasa_url, session, text)


def _slack(stack: FaultStack) -> Callable[[str], str]:
    who = ids()

    def say(text: str) -> str:
        before = len(stack.api.slack_posts(who["channel"]))
        assert post_event(stack, message_event(who, text)).status_code == 200  # type: ignore[arg-type]
        if not wait_until(lambda: len(stack.api.slack_posts(who["channel"])) > before, timeout=30):
            return ""  # silence
        time.sleep(1.5)  # the rest of the turn's messages
        return " ".join(c.body.get("text", "") for c in stack.api.slack_posts(who["channel"])[before:])

    return say


def _messenger(stack: FaultStack) -> Callable[[str], str]:
    sender = str(7_100_000_000_000_000 + uuid.uuid4().int % 10**15)

    def say(text: str) -> str:
        before = len(stack.api.fb_messages(sender))
        assert fb_post(stack, page_event(messaging(sender, text))).status_code == 200  # type: ignore[arg-type]
        if not wait_until(lambda: len(stack.api.fb_messages(sender)) > before, timeout=30):
            return ""  # silence
        time.sleep(1.5)
        return " ".join((c.body["message"].get("text") or "") for c in stack.api.fb_messages(sender)[before:])

    return say


CHANNELS = {"rest": _rest, "socketio": _socketio, "slack": _slack, "facebook": _messenger}


def _all(customers: Dict[str, Callable[[str], str]], text: str) -> Dict[str, tuple]:
    """Every channel's customer says ``text`` at the same time; channel → (reply, seconds)."""
    def one(item: tuple) -> tuple:
        name, say = item
        started = time.monotonic()
        return name, (say(text), time.monotonic() - started)

    with ThreadPoolExecutor(len(customers)) as pool:
        return dict(pool.map(one, customers.items()))


def _start_order_question(customers: Dict[str, Callable[[str], str]]) -> None:
    for name, (reply, _) in _all(customers, "where is my order 10000003?").items():
        assert "email" in reply.lower(), (name, reply)


def _resumes(customers: Dict[str, Callable[[str], str]]) -> None:
    for name, (reply, _) in _all(customers, "alice@example.com").items():
        assert "10000003" in reply and "DHL" in reply and SORRY_MARK not in reply, (name, reply)


def test_every_channel_apologises_when_the_action_server_is_down(faults: FaultStack) -> None:
    customers = {name: make(faults) for name, make in CHANNELS.items()}
    _start_order_question(customers)
    faults.kill_actions()
    try:
        answers = _all(customers, "alice@example.com")  # needs the action server (form validation)
    finally:
        faults.start_actions()
    silent = {name: reply for name, (reply, _) in answers.items() if SORRY_MARK not in reply}
    assert not silent, f"no apology on {sorted(silent)}: {silent}"
    for name, (reply, seconds) in answers.items():
        assert "Traceback" not in reply
        assert seconds < 10, f"{name}: apology after {seconds:.1f} s"
    _resumes(customers)  # same Rasa server, no restart


def test_every_channel_apologises_within_seconds_when_the_action_server_hangs(faults: FaultStack) -> None:
    customers = {name: make(faults) for name, make in CHANNELS.items()}
    _start_order_question(customers)
    faults.signal_actions(signal.SIGSTOP)  # accepts connections, never answers
    try:
        answers = _all(customers, "alice@example.com")
    finally:
        faults.signal_actions(signal.SIGCONT)
    silent = {name: reply for name, (reply, _) in answers.items() if SORRY_MARK not in reply}
    assert not silent, f"no apology on {sorted(silent)}: {silent}"
    print("\nhanging action server, seconds to the apology: "
          + ", ".join(f"{name} {seconds:.1f}" for name, (_, seconds) in answers.items()))
    for name, (reply, seconds) in answers.items():
        # SHOP_ACTION_TIMEOUT (3 s) + processing; Slack/Messenger readers wait 1.5 s for more messages
        assert seconds < 8, f"{name}: apology after {seconds:.1f} s"
    _resumes(customers)
