"""The endpoints file for the scale-out set-up (shopassist.action_server, shopassist.scaleout).

Rasa builds its SQL tracker store and Redis lock store with ``host=<section's url>`` plus the
section's other keys, so the host must be given as ``url``; a ``host`` key makes Rasa fail at
start (``got multiple values for keyword argument 'host'``). The running stack is tested in
tests/integration/test_scaleout.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shopassist import scaleout
from shopassist.action_server import build_endpoints, lock_store_config, tracker_store_config


def test_postgres_tracker_store_section_uses_url_for_the_host() -> None:
    config = tracker_store_config("postgresql://shop:s%40cret@db.internal:5433/conversations", Path("/tmp"))
    assert config == {"type": "SQL", "dialect": "postgresql", "url": "db.internal", "port": 5433,
                      "db": "conversations", "username": "shop", "password": "s@cret", "login_db": "conversations"}


def test_redis_lock_store_section_with_prefix() -> None:
    config = lock_store_config("redis://:pw@127.0.0.1:6379/3", "tenant7")
    assert config == {"type": "redis", "url": "127.0.0.1", "port": 6379, "db": 3, "key_prefix": "tenant7",
                      "password": "pw"}
    assert lock_store_config(None) is None
    with pytest.raises(SystemExit):
        lock_store_config("redis://127.0.0.1/1", "not-alnum")  # Rasa would quietly ignore it


def test_build_endpoints_from_the_environment(tmp_path: Path) -> None:
    base = tmp_path / "endpoints.yml"
    base.write_text('action_endpoint:\n  url: "http://127.0.0.1:5055/webhook"\n')
    data = build_endpoints(base, None, {"RASA_TRACKER_STORE_URL": "postgresql://postgres@127.0.0.1:5432/test",
                                        "RASA_LOCK_STORE_URL": "redis://127.0.0.1:6379/1"})
    assert data["tracker_store"]["dialect"] == "postgresql" and "host" not in data["tracker_store"]
    assert data["lock_store"]["key_prefix"] == "shopassist"


def test_scaleout_settings_defaults_and_overrides() -> None:
    config = scaleout.settings({"SANIC_WORKERS": "4"})
    assert config["SANIC_WORKERS"] == "4"
    assert config["RASA_LOCK_STORE_URL"].startswith("redis://")
    assert config["SHOP_DATABASE_URL"].startswith("postgresql+psycopg://")


def test_prepare_refuses_several_workers_without_redis() -> None:
    with pytest.raises(SystemExit, match="Redis lock store"):
        scaleout.prepare({"SANIC_WORKERS": "2", "RASA_LOCK_STORE_URL": "memory://"}, seed=False)


def test_missing_redis_is_reported_clearly() -> None:
    with pytest.raises(scaleout.ServiceMissing, match="Redis is not reachable"):
        scaleout.check_redis("redis://127.0.0.1:1/0")
