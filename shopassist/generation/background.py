"""First start: train the answer generator in the background while the assistant already answers.

    python -m shopassist.generation.background start|status|stop

``start`` (called by ``scripts/servers.sh start``, i.e. ``make run``) launches the training command
when no trained generator exists, at the lowest CPU priority, resumable from its checkpoints and
bounded by ``SHOP_GENERATOR_AUTOTRAIN_STEPS`` / ``SHOP_GENERATOR_AUTOTRAIN_MINUTES``. Until it has
finished the action server answers extractively; it looks for the model every
``SHOP_GENERATOR_POLL_SECONDS`` and switches to generated answers without a restart.
``SHOP_GENERATOR_AUTOTRAIN=0`` turns this off.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

from shopassist.settings import get_settings

from . import default_model_dir

__all__ = ["start", "status", "stop", "training_command"]


def _run_dir() -> Path:
    cfg = get_settings()
    path = Path(cfg.var_dir) / "run"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _pid_file() -> Path:
    return _run_dir() / "generator-train.pid"


def _log_file() -> Path:
    path = Path(get_settings().var_dir) / "log"
    path.mkdir(parents=True, exist_ok=True)
    return path / "generator-train.log"


def _running_pid() -> Optional[int]:
    try:
        pid = int(_pid_file().read_text().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def training_command(out: Path, eval_n: int = 100) -> List[str]:
    """The bounded, resumable training command the background run executes."""
    cfg = get_settings()
    return ["nice", "-n", "19", sys.executable, "-m", "shopassist.generation.train", "--out", str(out),
            "--steps", str(cfg.generator_autotrain_steps), "--resume", "--save-every", "100",
            "--threads", str(max(1, os.cpu_count() or 1)), "--max-minutes", str(cfg.generator_autotrain_minutes),
            "--eval-n", str(eval_n)]


def start(eval_n: int = 100) -> str:
    """Launch background training when it is enabled and no model exists; returns what happened."""
    cfg = get_settings()
    out = default_model_dir()
    if (out / "final" / "config.json").exists():
        return f"generator: ready ({out / 'final'})"
    if not cfg.generator_autotrain:
        return "generator: none trained and SHOP_GENERATOR_AUTOTRAIN=0: answers stay extractive (make train-generator)"
    pid = _running_pid()
    if pid:
        return f"generator: already training in the background (pid {pid}); {status()}"
    out.mkdir(parents=True, exist_ok=True)
    with open(_log_file(), "ab") as log:
        proc = subprocess.Popen(training_command(out, eval_n), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=str(cfg.project_root), start_new_session=True)
    _pid_file().write_text(str(proc.pid))
    return (f"generator: training in the background (pid {proc.pid}, at most {cfg.generator_autotrain_minutes:.0f} min, "
            f"log {_log_file()}); answers are extractive until it is ready")


def status() -> str:
    """One line: ready, training (step, ETA) or not trained."""
    out = default_model_dir()
    progress = out / "progress.json"
    info = json.loads(progress.read_text()) if progress.exists() else None
    pid = _running_pid()
    if (out / "final" / "config.json").exists():
        return f"generator: ready ({out / 'final'})"
    if pid and info:
        eta = f", about {info['eta_s'] // 60} min left" if info.get("eta_s") is not None else ""
        return f"generator: training step {info['step']}/{info['steps']} (loss {info.get('loss')}){eta}"
    if pid:
        return "generator: training is starting"
    return "generator: not trained (answers are extractive; make run trains it in the background)"


def stop() -> str:
    """Stop background training (it resumes from its last checkpoint at the next start)."""
    pid = _running_pid()
    _pid_file().unlink(missing_ok=True)
    if not pid:
        return "generator: no background training"
    try:
        os.killpg(pid, signal.SIGTERM)
    except OSError:
        os.kill(pid, signal.SIGTERM)
    return f"stopped generator training (pid {pid}); it resumes at the next start"


def main(argv: Optional[List[str]] = None) -> int:
    command = (argv if argv is not None else sys.argv[1:] or ["status"])[0]
    actions = {"start": start, "status": status, "stop": stop}
    if command not in actions:
        print(f"usage: python -m shopassist.generation.background {'|'.join(actions)}", file=sys.stderr)
        return 2
    print(actions[command]())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
