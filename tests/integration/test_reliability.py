"""Faults, on servers started exactly like `make run` (scripts/servers.sh) with a shared secret
between Rasa and the action server, on the test's shop database:

- the Rasa server is restarted in the middle of a form and the conversation goes on (the SQL
  tracker store in the test's var/);
- the action server is killed mid-conversation: the customer gets an apology, not silence; after
  `servers.sh start` brings it back, the next turn works;
- the action server hangs (SIGSTOP): the apology comes within ~3 s; after SIGCONT, service resumes;
- a bounded fault run: messages sent / replies / lost / inconsistent.

The `servers` fixture is shared with test_security.py (one set of servers per session).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List

import httpx
import pytest
import sqlalchemy

from .conftest import ROOT, Stack, free_port

SORRY_MARK = "something went wrong on our side"
ACTION_TOKEN = "act-" + uuid.uuid4().hex


@dataclass
class Servers:
    """scripts/servers.sh with its own var/ directory and ports."""

    env: Dict[str, str]
    var: Path
    rasa_url: str
    action_url: str

    def sh(self, command: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(["scripts/servers.sh", command], cwd=ROOT, env=self.env, capture_output=True,
                              text=True, timeout=timeout)

    def start(self) -> None:
        done = self.sh("start")
        assert done.returncode == 0, f"servers.sh start failed:\n{done.stdout}\n{done.stderr}\n{self.logs()}"

    def pid(self, name: str) -> int:
        return int((self.var / "run" / f"{name}.pid").read_text())

    def kill(self, name: str) -> None:
        """Kill one server's whole process group (setsid in servers.sh) and wait until it is gone."""
        pid = self.pid(name)
        os.killpg(pid, signal.SIGKILL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.killpg(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)

    def signal_group(self, name: str, sig: int) -> None:
        os.killpg(self.pid(name), sig)

    def say(self, sender: str, text: str, timeout: float = 30) -> List[dict]:
        reply = httpx.post(f"{self.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                           timeout=timeout)
        reply.raise_for_status()
        return reply.json()

    def texts(self, sender: str, text: str) -> str:
        return " ".join(m.get("text") or "" for m in self.say(sender, text))

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
                         for p in sorted((self.var / "log").glob("*.log")))


_SERVERS: Dict[str, Servers] = {}


@pytest.fixture(scope="session")
def servers(actions: Stack, request: pytest.FixtureRequest) -> Iterator[Servers]:
    """Action server + Rasa server via scripts/servers.sh (token on, HTTP API off, no webchat)."""
    if "servers" in _SERVERS:
        yield _SERVERS["servers"]
        return
    var = actions.tmp / "servers-var"
    rasa_port, action_port = free_port(), free_port()
    env = dict(actions.env, SHOP_VAR_DIR=str(var), RASA_PORT=str(rasa_port), ACTION_PORT=str(action_port),
               ACTION_SERVER_TOKEN=ACTION_TOKEN, SHOP_NO_WEBCHAT="1", SHOP_KB_WARMUP="false",
               WEBCHAT_PORT=str(free_port()))
    for name in ("RASA_ENABLE_API", "RASA_AUTH_TOKEN", "RASA_TRACKER_STORE_URL", "RASA_LOCK_STORE_URL",
                 "RASA_ENDPOINTS", "SANIC_WORKERS"):
        env.pop(name, None)
    s = Servers(env, var, f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}")
    _SERVERS["servers"] = s
    try:
        s.start()
        yield s
    finally:
        s.sh("stop", timeout=60)
        _SERVERS.pop("servers", None)


def test_conversation_survives_a_rasa_restart_in_the_middle_of_a_form(servers: Servers) -> None:
    sender = "restart-" + uuid.uuid4().hex[:8]
    assert "email" in servers.texts(sender, "where is my order 10000003?").lower()
    assert (servers.var / "rasa_tracker.db").exists()

    servers.kill("rasa")
    servers.start()  # starts only what is not running: the Rasa server

    reply = servers.texts(sender, "alice@example.com")  # the form's answer, after the restart
    assert "verified" in reply and "10000003" in reply and "DHL" in reply, reply


def test_action_server_down_gets_an_apology_and_service_resumes(servers: Servers) -> None:
    sender = "down-" + uuid.uuid4().hex[:8]
    assert "email" in servers.texts(sender, "where is my order 10000003?").lower()
    servers.kill("actions")
    try:
        started = time.monotonic()
        reply = servers.say(sender, "alice@example.com")
        assert time.monotonic() - started < 10
        assert reply and SORRY_MARK in reply[-1]["text"], reply
        assert "Traceback" not in str(reply)
    finally:
        servers.start()  # brings the action server back; Rasa keeps running
    reply_text = servers.texts(sender, "alice@example.com")
    assert "10000003" in reply_text and "DHL" in reply_text, reply_text


def test_hanging_action_server_gets_an_apology_within_seconds(servers: Servers) -> None:
    sender = "slow-" + uuid.uuid4().hex[:8]
    assert "email" in servers.texts(sender, "where is my order 10000003?").lower()
    servers.signal_group("actions", signal.SIGSTOP)  # accepts connections, never answers
    try:
        started = time.monotonic()
        reply = servers.say(sender, "alice@example.com")
        elapsed = time.monotonic() - started
    finally:
        servers.signal_group("actions", signal.SIGCONT)
    assert SORRY_MARK in reply[-1]["text"], reply
    assert elapsed < 6, f"apology took {elapsed:.1f} s"  # SHOP_ACTION_TIMEOUT (3 s) + processing
    reply_text = servers.texts(sender, "alice@example.com")
    assert "10000003" in reply_text and "DHL" in reply_text, reply_text


def order_state(db_url: str, number: str) -> tuple:
    """(status, number of 'cancelled' events) of an order, read straight from the shop database."""
    engine = sqlalchemy.create_engine(db_url)
    try:
        with engine.connect() as conn:
            status = conn.execute(sqlalchemy.text("SELECT id, status FROM orders WHERE number = :n"), {"n": number}).one()
            events = conn.execute(sqlalchemy.text(
                "SELECT count(*) FROM order_events WHERE order_id = :i AND status = 'cancelled'"), {"i": status[0]}).scalar()
        return status[1], events
    finally:
        engine.dispose()


FAULT_ORDER = "10001019"  # a placed order of jonas@example.com (seeded); no other test touches it


def test_fault_run_loses_no_message_and_applies_nothing_twice(servers: Servers) -> None:
    """Six conversations track an order; half-way the action server is killed and restarted;
    a seventh cancels an order across a fault. Every message must get a reply (an answer or the
    apology), and the cancellation must be applied exactly once."""
    db_url = servers.env["SHOP_DATABASE_URL"]
    assert order_state(db_url, FAULT_ORDER) == ("placed", 0)
    sent = replies = lost = apologies = 0
    senders = [f"fault-{i}-" + uuid.uuid4().hex[:6] for i in range(7)]

    def talk(sender: str, text: str) -> str:
        nonlocal sent, replies, lost, apologies
        sent += 1
        answer = servers.texts(sender, text)
        if answer.strip():
            replies += 1
        else:
            lost += 1
        if SORRY_MARK in answer:
            apologies += 1
        return answer

    for sender in senders[:3]:
        talk(sender, "where is my order 10000003?")
    servers.kill("actions")
    for sender in senders[:3]:
        talk(sender, "alice@example.com")  # apologies
    servers.start()
    for sender in senders[:3]:
        assert "DHL" in talk(sender, "alice@example.com")
    for sender in senders[3:6]:
        talk(sender, "where is my order 10000003?")
        assert "DHL" in talk(sender, "alice@example.com")

    # A cancellation across a fault: quote, action server killed at "yes", restarted, "yes" again.
    canceller = senders[6]
    talk(canceller, f"I want to cancel my order {FAULT_ORDER}")
    quote = talk(canceller, "jonas@example.com")
    assert FAULT_ORDER in quote and "cancel" in quote.lower(), quote
    servers.kill("actions")
    assert SORRY_MARK in talk(canceller, "yes")
    assert order_state(db_url, FAULT_ORDER) == ("placed", 0)
    servers.start()
    assert "cancelled" in talk(canceller, "yes").lower()
    talk(canceller, "yes")  # a stray repeat must not cancel (or refund) twice
    status, cancel_events = order_state(db_url, FAULT_ORDER)
    inconsistent = int(status != "cancelled") + int(cancel_events != 1)
    print(f"\nfault run: sent={sent} replies={replies} lost={lost} apologies={apologies} "
          f"inconsistent={inconsistent}")
    assert lost == 0 and inconsistent == 0
    assert apologies == 4
