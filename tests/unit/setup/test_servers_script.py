"""scripts/servers.sh refuses to start on a port another program holds (instead of reporting
success because the other program answers the health check)."""

import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_start_refuses_a_busy_port_and_starts_nothing(tmp_path: Path) -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        env = {"PATH": "/usr/bin:/bin", "SHOP_VAR_DIR": str(tmp_path), "RASA_PORT": str(port), "ACTION_PORT": "1"}
        result = subprocess.run([str(ROOT / "scripts" / "servers.sh"), "start"], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr and "RASA_PORT=" in result.stderr
    assert not list((tmp_path / "run").glob("*.pid"))  # nothing was started
