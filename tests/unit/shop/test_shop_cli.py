"""The ``python -m shopassist.shop`` command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from shopassist.settings import get_settings
from shopassist.shop.cli import main
from shopassist.shop.db import dispose_engines

REPO = Path(__file__).resolve().parents[3]


def test_cli_seed_list_info(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SHOP_DATABASE_URL", url)
    get_settings.cache_clear()
    dispose_engines()
    try:
        assert main(["customers"]) == 1
        assert "run `python -m shopassist.shop seed`" in capsys.readouterr().err.replace("\n", " ")
        assert main(["seed"]) == 0
        out = capsys.readouterr().out
        assert "cli.db" in out and "seeded" in out
        assert main(["seed"]) == 0
        assert "already seeded" in capsys.readouterr().out
        assert main(["customers"]) == 0
        assert "alice@example.com" in capsys.readouterr().out
        assert main(["orders", "--customer", "bob@example.com"]) == 0
        out = capsys.readouterr().out
        assert "10000011" in out and "10000012" in out and "10000001 " not in out
        assert main(["info"]) == 0
        assert "return_window_days" in capsys.readouterr().out
        assert main(["reset"]) == 0
    finally:
        dispose_engines()
        get_settings.cache_clear()


def test_cli_bad_url(capsys):
    # main(--db) writes SHOP_DATABASE_URL; the autouse fixture restores the environment.
    assert main(["--db", "oracle+nope://x/y", "info"]) == 1
    assert "unsupported URL scheme 'oracle+nope'" in capsys.readouterr().err


def test_cli_unreachable_database(capsys):
    assert main(["--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "customers"]) == 1
    assert "cannot use the database" in capsys.readouterr().err


def test_module_entry_point(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "SHOP_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}",
           "COLUMNS": "200"}
    out = subprocess.run([sys.executable, "-m", "shopassist.shop", "seed"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "m.db" in out.stdout
