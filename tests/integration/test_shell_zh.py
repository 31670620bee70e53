"""`make shell` in Chinese (issue 11): Rasa's interactive shell in a pseudo-terminal, a Chinese
greeting and a Chinese request answered in Chinese, then a switch back to English."""

from __future__ import annotations

import pexpect
import pytest
import yaml

from .conftest import ROOT, Stack, free_port, newest_model
from .test_shell import ANSI, PROMPT, shell_command

pytestmark = pytest.mark.servers


def test_rasa_shell_in_chinese(actions: Stack, tmp_path) -> None:
    newest_model()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump({"action_endpoint": {"url": f"{actions.action_url}/webhook"}}))
    command = shell_command(str(endpoints), free_port())
    env = dict(actions.env, TERM="xterm", COLUMNS="120", LINES="40", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    transcript = tmp_path / "shell-zh-transcript.txt"
    shell = pexpect.spawn(command[0], command[1:], cwd=str(ROOT), env=env, encoding="utf-8", timeout=60,
                          dimensions=(40, 120))
    shell.logfile_read = transcript.open("w")
    try:
        shell.expect("Bot loaded", timeout=300)
        shell.expect(PROMPT)
        shell.sendline("你好")
        shell.expect("商店小助手")
        shell.expect(PROMPT)
        shell.sendline("我想注销账号")
        shell.expect("订单号")
        shell.expect(PROMPT)
        shell.sendline("说英文吧")
        shell.expect("continue in English")
        shell.expect(PROMPT)
        shell.sendline("/stop")
        shell.expect(pexpect.EOF, timeout=60)
    except (pexpect.TIMEOUT, pexpect.EOF) as error:
        shell.logfile_read.flush()
        pytest.fail(f"rasa shell did not answer as expected ({type(error).__name__}); output:\n"
                    f"{ANSI.sub('', transcript.read_text(errors='replace'))[-3000:]}")
    finally:
        shell.close(force=True)
