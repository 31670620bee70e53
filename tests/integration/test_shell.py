"""`make shell` in a pseudo-terminal: Rasa's interactive shell against the real action server,
driven with pexpect through a short conversation (text answers and a button choice)."""

from __future__ import annotations

import re

import pexpect
import pytest
import yaml

from .conftest import RASA_BIN, ROOT, Stack, free_port, newest_model

pytestmark = pytest.mark.servers

PROMPT = "Your input ->"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def shell_command(endpoints: str, port: int) -> list:
    """What `make shell` runs (Makefile target `shell`), with this test's action server and a free port."""
    return [str(RASA_BIN), "shell", "-i", "127.0.0.1", "--port", str(port), "--endpoints", endpoints,
            "--model", str(ROOT / "models")]


def test_rasa_shell_conversation(actions: Stack, tmp_path) -> None:
    newest_model()  # fails with a clear message when there is no model
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump({"action_endpoint": {"url": f"{actions.action_url}/webhook"}}))
    command = shell_command(str(endpoints), free_port())
    env = dict(actions.env, TERM="xterm", COLUMNS="120", LINES="40")
    transcript = tmp_path / "shell-transcript.txt"
    shell = pexpect.spawn(command[0], command[1:], cwd=str(ROOT), env=env, encoding="utf-8", timeout=60,
                          dimensions=(40, 120))
    shell.logfile_read = transcript.open("w")
    try:
        shell.expect("Bot loaded", timeout=300)
        shell.expect(PROMPT)

        shell.sendline("hello")
        shell.expect(r"shop assistant")
        shell.expect(PROMPT)

        shell.sendline("/review")
        shell.expect(r"How would you rate us")
        shell.expect(r"⭐ 5")  # buttons are offered as a choice list
        shell.send("\x1b[B" * 4)  # arrow down to the 5th button
        shell.send("\r")
        shell.expect(r"Tell me about your experience")
        shell.expect(PROMPT)

        shell.sendline("Lovely jacket, it fits perfectly")
        shell.expect(r"5-star review")
        shell.expect(PROMPT)

        shell.sendline("/stop")
        shell.expect(pexpect.EOF, timeout=60)
    except (pexpect.TIMEOUT, pexpect.EOF) as error:
        shell.logfile_read.flush()
        pytest.fail(f"rasa shell did not answer as expected ({type(error).__name__}); output:\n"
                    f"{ANSI.sub('', transcript.read_text(errors='replace'))[-3000:]}")
    finally:
        shell.close(force=True)
    assert shell.exitstatus in (0, None) or shell.signalstatus is not None
