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

import json
import os
import signal
import sqlite3
import subprocess
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
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
               WEBCHAT_PORT=str(free_port()), AGENT_PORT=str(free_port()))
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


# --- bounded load-and-fault run: many concurrent customers, the action server killed and restarted ----
LOAD_CANCELLATIONS = [("10001043", "samir@example.com"), ("10001049", "tina@example.com"),
                      ("10001055", "ugo@example.com"), ("10001061", "william@example.com"),
                      ("10001067", "yusuf@example.com"), ("10001073", "anton@example.com")]
LOAD_TRACKERS = 18  # customers asking where Alice's order 10000003 is (read-only)
LOAD_BUDGET_S = 420  # the whole run stops by itself well before this


def tracker_user_texts(servers: Servers, sender: str) -> List[str]:
    """The user messages of a conversation, straight from the SQL tracker store (SQLite here)."""
    engine = sqlalchemy.create_engine(f"sqlite:///{servers.var / 'rasa_tracker.db'}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(sqlalchemy.text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' "
                                                "ORDER BY id"), {"s": sender}).scalars().all()
        return [json.loads(row).get("text") for row in rows]
    finally:
        engine.dispose()


def test_load_and_fault_run_with_concurrent_customers(servers: Servers) -> None:
    """24 customers at once (8 in flight), 6 of them cancelling distinct orders; meanwhile the
    action server is killed and restarted twice. A customer who gets the apology says the same
    again (at most 4 times), as people do. Figures: sent, replies, lost (no reply or an HTTP
    error; goal 0), apologies, and inconsistent database or tracker state (goal 0)."""
    db_url = servers.env["SHOP_DATABASE_URL"]
    for number, _ in LOAD_CANCELLATIONS:
        assert order_state(db_url, number) == ("placed", 0)
    figures = {"sent": 0, "replies": 0, "lost": 0, "apologies": 0}
    sent_by: Dict[str, List[str]] = {}
    confirmed: Dict[str, bool] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + LOAD_BUDGET_S

    def say(sender: str, text: str) -> str:
        """Say ``text`` until it is answered without an apology (bounded); the answer."""
        answer = ""
        for _ in range(4):
            assert time.monotonic() < deadline, "load run over its time budget"
            with lock:
                figures["sent"] += 1
                sent_by.setdefault(sender, []).append(text)
            try:
                answer = " ".join(m.get("text") or "" for m in servers.say(sender, text, timeout=60))
            except httpx.HTTPError:
                answer = ""
            with lock:
                figures["replies" if answer.strip() else "lost"] += 1
                figures["apologies"] += SORRY_MARK in answer
            if answer.strip() and SORRY_MARK not in answer:
                return answer
            time.sleep(2)
        return answer

    def tracker(i: int) -> None:
        sender = f"load-track-{i}-" + uuid.uuid4().hex[:6]
        say(sender, "where is my order 10000003?")
        say(sender, "alice@example.com")
        say(sender, "thanks")

    def canceller(number: str, email: str) -> None:
        sender = f"load-cancel-{number}-" + uuid.uuid4().hex[:6]
        say(sender, f"I want to cancel my order {number}")
        say(sender, email)
        confirmed[number] = "cancelled" in say(sender, "yes").lower()

    chaos_errors: List[BaseException] = []

    def chaos() -> None:
        # Kill when the load is under way (after the 8th and the 36th message), not at fixed
        # times: on an idle machine the 72 messages can all be answered before a timed kill.
        try:
            for after in (8, 36):
                while figures["sent"] < after and time.monotonic() < deadline:
                    time.sleep(0.05)
                servers.kill("actions")
                time.sleep(3)
                servers.start()  # only the action server is down; Rasa keeps running
        except BaseException as error:  # reported by the test, not lost in the thread
            chaos_errors.append(error)

    started = time.monotonic()
    killer = threading.Thread(target=chaos, name="chaos")
    killer.start()
    try:
        with ThreadPoolExecutor(8) as pool:
            jobs = [pool.submit(tracker, i) for i in range(LOAD_TRACKERS)]
            jobs += [pool.submit(canceller, number, email) for number, email in LOAD_CANCELLATIONS]
            for job in jobs:
                job.result()
    finally:
        killer.join()  # never leave a restarted action server behind the fixture's back
    elapsed = time.monotonic() - started
    assert not chaos_errors, chaos_errors

    inconsistent = 0
    for number, _ in LOAD_CANCELLATIONS:  # cancelled exactly once when confirmed, untouched otherwise
        inconsistent += order_state(db_url, number) != (("cancelled", 1) if confirmed.get(number) else ("placed", 0))
    for sender, texts in sent_by.items():  # every message is in the tracker store exactly once
        inconsistent += tracker_user_texts(servers, sender) != texts
    print(f"\nload-and-fault run: {len(sent_by)} customers, {elapsed:.0f} s, action server killed twice: "
          f"sent={figures['sent']} replies={figures['replies']} lost={figures['lost']} "
          f"apologies={figures['apologies']} inconsistent={inconsistent} "
          f"cancellations confirmed={sum(confirmed.values())}/{len(LOAD_CANCELLATIONS)}")
    assert figures["lost"] == 0 and inconsistent == 0
    assert figures["replies"] == figures["sent"]
    assert figures["apologies"] > 0, "the faults were not felt: the test proves nothing"
    assert all(confirmed.values()) and len(confirmed) == len(LOAD_CANCELLATIONS)


LOCKED_ORDER = ("10001079", "bianca@example.com")  # placed (seeded); no other test touches it


def test_locked_database_gets_a_graceful_reply_within_3_s_and_service_resumes(servers: Servers) -> None:
    """Another process holds the shop database's write lock while the customer confirms a
    cancellation: the write gives up after 2 s (busy timeout) and the action answers politely;
    nothing changes; once the lock is gone the same conversation cancels the order, once."""
    number, email = LOCKED_ORDER
    db_url = servers.env["SHOP_DATABASE_URL"]
    sender = "locked-" + uuid.uuid4().hex[:8]
    assert "email" in servers.texts(sender, f"I want to cancel my order {number}").lower()
    started = time.monotonic()
    quote = servers.texts(sender, email)
    baseline = time.monotonic() - started  # a normal turn with database work, on this machine now
    assert number in quote and "cancel" in quote.lower(), quote

    holder = sqlite3.connect(db_url.split(":///", 1)[1], timeout=1, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # what a long write elsewhere (a batch job, a migration) does
    try:
        started = time.monotonic()
        reply = servers.texts(sender, "yes")
        elapsed = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    print(f"\nlocked database: graceful reply after {elapsed:.2f} s (a normal turn: {baseline:.2f} s)")
    assert SORRY_MARK in reply and "Traceback" not in reply, reply
    assert elapsed < max(3.0, baseline + 2.5), f"reply after {elapsed:.1f} s"
    assert order_state(db_url, number) == ("placed", 0)

    # no restart: the same conversation asks again and it works
    again = servers.texts(sender, f"I want to cancel my order {number}")
    if "email" in again.lower():  # verification is per conversation; it may ask again
        again = servers.texts(sender, email)
    assert number in again and "cancel" in again.lower(), again
    assert "cancelled" in servers.texts(sender, "yes").lower()
    assert order_state(db_url, number) == ("cancelled", 1)
