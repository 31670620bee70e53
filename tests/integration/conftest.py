"""Real servers for the integration tests: a seeded SQLite shop, the action server and the
Rasa server (newest model in models/), each started as its own process on a free localhost port.

`make test` trains the model first; running pytest alone needs `make train` once.
"""

from __future__ import annotations

import os
import socket
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List

import httpx
import pytest
import yaml

from shopassist.action_server import write_endpoints
from shopassist.settings import get_settings
from shopassist.shop.db import dispose_engines

ROOT = Path(__file__).resolve().parents[2]
RASA_BIN = ROOT / ".venv-rasa" / "bin" / "rasa"
AUTH_TOKEN = "test-token-" + uuid.uuid4().hex[:8]
HANDOFF_SECRET = "handoff-" + uuid.uuid4().hex


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def newest_model() -> Path:
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        pytest.fail("no trained model in models/: run `make train` (make test does it for you)")
    return models[-1]


def wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    """Poll ``url`` until it answers 200, failing early if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"{url} did not come up within {timeout} s:\n{log.read_text()[-3000:]}")


@dataclass
class Stack:
    """Handles to the running servers and helpers to talk to them."""

    rasa_url: str
    action_url: str
    db_url: str
    env: Dict[str, str]
    action_proc: subprocess.Popen
    tmp: Path

    def say(self, sender: str, text: str) -> List[dict]:
        """Send one message through the REST channel and return the bot's messages."""
        reply = httpx.post(
            f"{self.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30
        )
        reply.raise_for_status()
        return reply.json()

    def texts(self, sender: str, text: str) -> str:
        """The bot's reply texts to ``text`` joined into one string."""
        return " ".join(m.get("text", "") for m in self.say(sender, text))

    def tracker(self, sender: str) -> dict:
        """The conversation's tracker through the (token-protected) HTTP API."""
        reply = httpx.get(f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": AUTH_TOKEN}, timeout=10)
        reply.raise_for_status()
        return reply.json()


def start_action_server(port: int, env: Dict[str, str], log: Path) -> subprocess.Popen:
    """The action server as `make run` starts it (our entry point, shopassist/action_server.py), on ``port``."""
    return subprocess.Popen(
        [sys.executable, "-m", "shopassist.action_server", "--actions", "actions", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


@pytest.fixture(scope="session")
def actions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A freshly seeded SQLite shop and the action server on it (this process uses the same DB)."""
    tmp = tmp_path_factory.mktemp("stack")
    db_url = f"sqlite:///{tmp / 'shop.db'}"
    # a copy of the knowledge base, so a test can change documents while the servers run
    shutil.copytree(ROOT / "kb", tmp / "kb")
    env = dict(os.environ, SHOP_DATABASE_URL=db_url, SHOP_VAR_DIR=str(tmp), RASA_TELEMETRY_ENABLED="false",
               SANIC_HOST="127.0.0.1", PYTHONUNBUFFERED="1", SHOP_KB_DIR=str(tmp / "kb"), SHOP_KB_RELOAD_SECONDS="1")
    # issue 5: the handoff channel's secret, and live agents around the clock (deterministic tests)
    env.update(SHOP_HANDOFF_SECRET=HANDOFF_SECRET, SHOP_HANDOFF_OPEN_DAYS="[0,1,2,3,4,5,6]",
               SHOP_HANDOFF_OPEN_HOURS="[0,24]")
    subprocess.run([sys.executable, "-m", "shopassist.shop", "reset"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    action_port = free_port()
    action_log = tmp / "actions.log"
    action_proc = start_action_server(action_port, env, action_log)
    saved_url = os.environ.get("SHOP_DATABASE_URL")
    os.environ["SHOP_DATABASE_URL"] = db_url
    get_settings.cache_clear()
    dispose_engines()
    stack = Stack("", f"http://127.0.0.1:{action_port}", db_url, env, action_proc, tmp)
    try:
        wait_for(f"{stack.action_url}/health", action_proc, action_log, 60)
        yield stack
    finally:
        stop(stack.action_proc)
        if saved_url is None:
            os.environ.pop("SHOP_DATABASE_URL", None)
        else:
            os.environ["SHOP_DATABASE_URL"] = saved_url
        get_settings.cache_clear()
        dispose_engines()


@pytest.fixture(scope="session")
def stack(actions: Stack) -> Iterator[Stack]:
    """The action server plus the Rasa server (REST channel on, HTTP API behind a token)."""
    rasa_port = free_port()
    rasa_log = actions.tmp / "rasa.log"
    # endpoints.yml as `make run` generates it: this action server, SQL tracker store in tmp/
    endpoints = write_endpoints(actions.tmp / "endpoints.yml", action_url=f"{actions.action_url}/webhook",
                                env=actions.env)
    rasa_proc = subprocess.Popen(
        [str(RASA_BIN), "run", "--model", str(newest_model()), "-i", "127.0.0.1", "--port", str(rasa_port),
         "--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml"),
         "--enable-api", "--auth-token", AUTH_TOKEN],
        cwd=ROOT, env=actions.env, stdout=rasa_log.open("wb"), stderr=subprocess.STDOUT,
    )
    actions.rasa_url = f"http://127.0.0.1:{rasa_port}"
    try:
        # TEST_RASA_START_TIMEOUT: loading the model takes far longer on a busy shared machine
        wait_for(f"{actions.rasa_url}/status?token={AUTH_TOKEN}", rasa_proc, rasa_log,
                 float(os.environ.get("TEST_RASA_START_TIMEOUT", "600")))
        yield actions
    finally:
        stop(rasa_proc)


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server process, killing it if it does not stop in time."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def sender() -> str:
    """A fresh conversation id."""
    return "test-" + uuid.uuid4().hex[:10]


def reply_text(messages: List[dict]) -> str:
    """Join the texts of bot messages."""
    return " ".join(m.get("text", "") for m in messages)


def buttons(messages: List[dict]) -> List[dict]:
    """All buttons offered in bot messages."""
    return [b for m in messages for b in (m.get("buttons") or [])]


def domain_dict() -> dict:
    """domain.yml as the action server receives it."""
    return yaml.safe_load((ROOT / "domain.yml").read_text())

