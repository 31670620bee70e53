"""Processes, ports, memory and small helpers shared by the benchmark modules."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import httpx

ROOT = Path(__file__).resolve().parents[1]
RASA_VENV = ROOT / ".venv-rasa"
APP_VENV = ROOT / ".venv"
RASA_BIN = RASA_VENV / "bin" / "rasa"
RASA_PY = RASA_VENV / "bin" / "python"
APP_PY = APP_VENV / "bin" / "python"
BENCH_VAR = ROOT / "var" / "bench"
DEFAULT_PORTS = {5005, 5055, 8080}  # `make run` may be using these: never bind them


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (never one of the `make run` defaults)."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in DEFAULT_PORTS:
            return port


def base_env(**extra: str) -> Dict[str, str]:
    env = dict(os.environ)
    env.update(RASA_TELEMETRY_ENABLED="false", SANIC_HOST="127.0.0.1", PYTHONUNBUFFERED="1",
               HF_HUB_OFFLINE="1", TF_CPP_MIN_LOG_LEVEL="2", PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def _children(pid: int) -> List[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid:
            kids.append(int(entry))
    return kids


def _vmrss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mib(pid: int) -> float:
    """Resident set size of ``pid`` and all its descendants (VmRSS from /proc), in MiB."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _vmrss_kib(current)
        todo.extend(_children(current))
    return round(total / 1024, 1)


def loadavg() -> List[float]:
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return []


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


class Server:
    """One background server process with its log file."""

    def __init__(self, name: str, argv: List[str], cwd: Path, env: Dict[str, str], log: Path) -> None:
        self.name, self.argv, self.cwd, self.env, self.log = name, argv, cwd, env, log
        self.proc: Optional[subprocess.Popen] = None
        self.started = 0.0
        self.ready_s: Optional[float] = None

    def start(self) -> "Server":
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.started = time.monotonic()
        self.proc = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env, stdout=self.log.open("wb"),
                                     stderr=subprocess.STDOUT, start_new_session=True)
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def wait_http(self, url: str, timeout: float) -> float:
        """Poll ``url`` until it answers 200; returns seconds since start. Raises if it died."""
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    self.ready_s = round(time.monotonic() - self.started, 2)
                    return self.ready_s
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"{self.name}: {url} did not answer within {timeout} s:\n{self.tail()}")

    def wait_log(self, needle: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.log.read_text(errors="replace"):
                return True
            if self.proc is not None and self.proc.poll() is not None:
                return False
            time.sleep(0.5)
        return False

    def tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def rss(self) -> float:
        return rss_mib(self.pid) if self.proc is not None and self.proc.poll() is None else 0.0

    def stop(self) -> None:
        """Terminate this server's process group (only what we started), kill it if it hangs."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, 15)
        except ProcessLookupError:
            return
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, 9)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)


def stop_all(servers: Iterable[Server]) -> None:
    for server in servers:
        server.stop()
