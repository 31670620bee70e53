"""Start our assistant and the baseline bot (both servers each) on free localhost ports."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import yaml

from .common import APP_PY, RASA_BIN, ROOT, Server, base_env, free_port

AUTH_TOKEN = "bench-" + uuid.uuid4().hex[:10]


@dataclass
class Stack:
    name: str
    rasa: Server
    actions: Server
    rasa_url: str
    action_url: str
    tmp: Path
    db_path: Optional[Path] = None
    pristine_db: Optional[Path] = None
    start_s: Dict[str, float] = field(default_factory=dict)

    @property
    def servers(self) -> List[Server]:
        return [self.rasa, self.actions]

    def rss(self) -> Dict[str, float]:
        rasa, actions = self.rasa.rss(), self.actions.rss()
        return {"rasa_mib": rasa, "actions_mib": actions, "total_mib": round(rasa + actions, 1)}

    def restore_db(self) -> None:
        """Put the freshly seeded shop back (SQLite online backup into the live file), so every
        load level starts with the same cancellable orders. The action server keeps its engine."""
        if not (self.db_path and self.pristine_db):
            return
        src, dst = sqlite3.connect(self.pristine_db), sqlite3.connect(self.db_path, timeout=30)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()

    def stop(self) -> None:
        for server in (self.rasa, self.actions):
            server.stop()


def newest_model() -> Path:
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise RuntimeError("no trained model in models/: run `make train`")
    return models[-1]


def _rasa_server(name: str, model: Path, port: int, endpoints: Path, credentials: Path, cwd: Path,
                 env: Dict[str, str], log: Path) -> Server:
    return Server(name, [str(RASA_BIN), "run", "--model", str(model), "-i", "127.0.0.1", "--port", str(port),
                         "--endpoints", str(endpoints), "--credentials", str(credentials),
                         "--enable-api", "--auth-token", AUTH_TOKEN], cwd, env, log)


def _wait(stack: Stack, rasa_timeout: float = 300) -> Stack:
    try:
        stack.start_s["actions_s"] = stack.actions.wait_http(f"{stack.action_url}/health", 120)
        stack.start_s["rasa_s"] = stack.rasa.wait_http(f"{stack.rasa_url}/status?token={AUTH_TOKEN}", rasa_timeout)
        stack.start_s["both_s"] = max(stack.start_s["actions_s"], stack.start_s["rasa_s"])
    except Exception:
        stack.stop()
        raise
    return stack


def start_ours(model: Optional[Path] = None, log=print) -> Stack:
    """A freshly seeded SQLite shop in a temp dir, our action server and Rasa server on it."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-ours-"))
    db_path = tmp / "shop.db"
    # Only the database moves: the knowledge-base index stays in var/kb_index (built by make kb-index).
    env = base_env(SHOP_DATABASE_URL=f"sqlite:///{db_path}")
    subprocess.run([str(APP_PY), "-m", "shopassist.shop", "reset"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    pristine = tmp / "shop-pristine.db"
    src, dst = sqlite3.connect(db_path), sqlite3.connect(pristine)
    src.backup(dst)
    src.close()
    dst.close()
    action_port, rasa_port = free_port(), free_port()
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump({"action_endpoint": {"url": f"http://127.0.0.1:{action_port}/webhook"}}))
    model = model or newest_model()
    log(f"ours: model {model.name}, action server :{action_port}, Rasa :{rasa_port}, db {db_path}")
    actions = Server("ours-actions", [str(APP_PY), "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)],
                     ROOT, env, tmp / "actions.log").start()
    rasa = _rasa_server("ours-rasa", model, rasa_port, endpoints, ROOT / "credentials.yml", ROOT, env,
                        tmp / "rasa.log").start()
    stack = Stack("ours", rasa, actions, f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", tmp,
                  db_path, pristine)
    return _wait(stack)


def start_baseline(baseline: Dict[str, object], log=print) -> Stack:
    """The `rasa init` bot with `rasa run actions` (rasa-sdk 3.6 in .venv-rasa)."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-baseline-"))
    bot = Path(str(baseline["dir"]))
    action_port, rasa_port = free_port(), free_port()
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump({"action_endpoint": {"url": f"http://127.0.0.1:{action_port}/webhook"}}))
    env = base_env()
    log(f"baseline: model {Path(str(baseline['model'])).name}, action server :{action_port}, Rasa :{rasa_port}")
    actions = Server("baseline-actions", [str(RASA_BIN), "run", "actions", "--port", str(action_port)],
                     bot, env, tmp / "actions.log").start()
    rasa = _rasa_server("baseline-rasa", Path(str(baseline["model"])), rasa_port, endpoints, bot / "credentials.yml",
                        bot, env, tmp / "rasa.log").start()
    stack = Stack("baseline", rasa, actions, f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", tmp)
    return _wait(stack)


def cleanup(stack: Stack) -> None:
    shutil.rmtree(stack.tmp, ignore_errors=True)
