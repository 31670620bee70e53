"""The cached action-response validator behaves exactly like Rasa's own check (run in the Rasa venv)."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
RASA_PY = ROOT / ".venv-rasa" / "bin" / "python"

SCRIPT = r'''
import time
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

action = RemoteAction("action_x", EndpointConfig("http://127.0.0.1:1"))
good = {"events": [{"event": "slot", "name": "a", "value": 1}], "responses": [{"text": "hi"}]}
bad = {"events": [{"event": "slot", "name": "a", "value": 1}], "responses": "not a list"}

def outcome(payload):
    try:
        return action._validate_action_result(payload)
    except ValidationError as e:
        return "error:" + e.message.split(".")[0]

before = (outcome(good), outcome(bad))
t0 = time.perf_counter(); [outcome(good) for _ in range(20)]; slow = time.perf_counter() - t0
import shopassist.nlu.tokenizer  # installs the speed-up, as loading our model does
assert RemoteAction._validate_action_result.__module__ == "shopassist.nlu.rasa_speedups"
after = (outcome(good), outcome(bad))
t0 = time.perf_counter(); [outcome(good) for _ in range(20)]; fast = time.perf_counter() - t0
print(before == after, before[0], after[1].startswith("error:"), round(slow / fast, 1))
'''


def test_cached_validator_accepts_and_rejects_like_rasa() -> None:
    out = subprocess.run([str(RASA_PY), "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    same, good_ok, bad_rejected, speedup = out.stdout.split()[-4:]
    assert same == "True" and good_ok == "True" and bad_rejected == "True"
    assert float(speedup) > 1.0  # faster; the measured figure is in docs/benchmarks.md
