"""scripts/find-python.sh: finds the interpreter Rasa needs, or says clearly how to get one."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "find-python.sh"


def test_finds_a_python_310() -> None:
    out = subprocess.run([str(SCRIPT), "3.10"], capture_output=True, text=True, check=True).stdout.strip()
    version = subprocess.run([out, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version == "3.10"


def test_missing_interpreter_fails_with_instructions(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PYENV_ROOT": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run([str(SCRIPT), "3.99"], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "no Python 3.99 interpreter found" in result.stderr
    assert "pyenv install 3.99" in result.stderr and "PYTHON399=" in result.stderr


def test_explicit_interpreter_must_have_the_right_version(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PYENV_ROOT": str(tmp_path), "HOME": str(tmp_path), "PYTHON399": "/bin/true"}
    result = subprocess.run([str(SCRIPT), "3.99"], capture_output=True, text=True, env=env)
    assert result.returncode == 1
