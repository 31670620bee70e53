"""The plain Rasa baseline: the `rasa init` example bot (same Rasa, same machine), plus the
example custom action that `rasa init` ships commented out (`action_hello_world`), wired to the
`bot_challenge` rule so the baseline also has a custom-action turn to compare our DB turns with.

Created and trained once into var/bench/baseline/ (git-ignored); reruns reuse the model and
the training times recorded in var/bench/baseline/bench-train.json.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Dict

from .common import BENCH_VAR, RASA_BIN, base_env

BASELINE_DIR = BENCH_VAR / "baseline"
MARKER = BASELINE_DIR / "bench-train.json"

ACTIONS_PY = '''# The example custom action of `rasa init`, uncommented (benchmark baseline).
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


class ActionHelloWorld(Action):

    def name(self) -> Text:
        return "action_hello_world"

    def run(self, dispatcher: CollectingDispatcher,
            tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:

        dispatcher.utter_message(text="Hello World!")

        return []
'''


def _run(argv, cwd: Path, log: Path) -> float:
    began = time.monotonic()
    with log.open("ab") as out:
        subprocess.run(argv, cwd=cwd, env=base_env(), stdout=out, stderr=subprocess.STDOUT, check=True)
    return round(time.monotonic() - began, 1)


def newest(models: Path) -> Path:
    found = sorted(models.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not found:
        raise RuntimeError(f"no model in {models}")
    return found[-1]


def ensure_baseline(log=print) -> Dict[str, object]:
    """Create + train the baseline bot unless cached. Returns dir, model and training times."""
    if MARKER.exists():
        info = json.loads(MARKER.read_text())
        model = Path(info["model"])
        if model.exists():
            info["cached"] = True
            return info
    if BASELINE_DIR.exists():
        shutil.rmtree(BASELINE_DIR)
    BASELINE_DIR.mkdir(parents=True, exist_ok=True)  # --no-prompt wants an existing (empty) folder
    train_log = BENCH_VAR / "baseline-train.log"
    train_log.write_text("")
    log("baseline: rasa init --no-prompt (creates the example bot and trains it) ...")
    init_s = _run([str(RASA_BIN), "init", "--no-prompt", "--init-dir", str(BASELINE_DIR)], BENCH_VAR, train_log)
    # The custom action: uncomment the example and let the bot_challenge rule run it.
    (BASELINE_DIR / "actions" / "actions.py").write_text(ACTIONS_PY)
    domain = (BASELINE_DIR / "domain.yml").read_text()
    if "action_hello_world" not in domain:
        domain = domain.replace("session_config:", "actions:\n  - action_hello_world\n\nsession_config:", 1)
        (BASELINE_DIR / "domain.yml").write_text(domain)
    rules = (BASELINE_DIR / "data" / "rules.yml").read_text()
    (BASELINE_DIR / "data" / "rules.yml").write_text(
        rules.replace("  - intent: bot_challenge\n  - action: utter_iamabot", "  - intent: bot_challenge\n  - action: action_hello_world"))
    for old in (BASELINE_DIR / "models").glob("*.tar.gz"):
        old.unlink()
    log("baseline: rasa train with the custom action (NLU comes from Rasa's cache) ...")
    retrain_s = _run([str(RASA_BIN), "train"], BASELINE_DIR, train_log)
    info = {"dir": str(BASELINE_DIR), "model": str(newest(BASELINE_DIR / "models")),
            "train_s": init_s, "retrain_with_action_s": retrain_s,
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"), "cached": False,
            "note": "train_s = the full training inside `rasa init --no-prompt` (init bot as shipped)"}
    MARKER.write_text(json.dumps(info, indent=1))
    return info
