"""The SQL broker's ``events`` table is created before Rasa starts (two Sanic workers otherwise
race to create it and one dies with "table events already exists"), and Rasa's own broker
writes into the table created here in a form the analytics consumer reads back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from shopassist.action_server import write_endpoints
from shopassist.insights.broker import ensure_sql_events_table, sqlite_events_path
from shopassist.insights.sources import SqlSource

ROOT = Path(__file__).resolve().parents[3]
RASA_PY = ROOT / ".venv-rasa" / "bin" / "python"

# Rasa 3.6's SQLEventBroker, opened on the table created here, publishes one event.
PUBLISH = """
import asyncio, sys
from rasa.core.brokers.broker import EventBroker
from rasa.utils.endpoints import EndpointConfig

async def main():
    broker = await EventBroker.create(EndpointConfig(type="SQL", dialect="sqlite", db=sys.argv[1]))
    broker.publish({"sender_id": "tbl-1", "event": "user", "text": "where is my parcel?", "timestamp": 1.0})
    await broker.close()

asyncio.run(main())
"""


def test_write_endpoints_creates_the_sql_broker_table(tmp_path: Path) -> None:
    env = {"SHOP_VAR_DIR": str(tmp_path / "var")}
    write_endpoints(tmp_path / "endpoints.yml", action_url="http://127.0.0.1:1/webhook", env=env)
    path = sqlite_events_path(tmp_path / "var")
    engine = create_engine(f"sqlite:///{path}")
    try:
        columns = {column["name"] for column in inspect(engine).get_columns("events")}
    finally:
        engine.dispose()
    assert columns == {"id", "sender_id", "data"}


def test_no_table_for_other_brokers_and_a_second_call_keeps_the_rows(tmp_path: Path) -> None:
    assert ensure_sql_events_table(None) is None
    assert ensure_sql_events_table({"type": "pika", "url": "127.0.0.1"}) is None
    config = {"type": "SQL", "dialect": "sqlite", "db": str(tmp_path / "events.db")}
    assert ensure_sql_events_table(config) == tmp_path / "events.db"
    engine = create_engine(f"sqlite:///{tmp_path / 'events.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO events (sender_id, data) VALUES ('a', '{}')")
    ensure_sql_events_table(config)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar_one() == 1
    engine.dispose()


@pytest.mark.skipif(not RASA_PY.exists(), reason="needs the Rasa venv (make setup)")
def test_rasas_broker_writes_into_the_precreated_table_and_the_consumer_reads_it(tmp_path: Path) -> None:
    db = tmp_path / "rasa_events.db"
    ensure_sql_events_table({"type": "SQL", "dialect": "sqlite", "db": str(db)})
    done = subprocess.run([str(RASA_PY), "-c", PUBLISH, str(db)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    source = SqlSource(f"sqlite:///{db}")
    try:
        batch = source.fetch(0, 10)
    finally:
        source.close()
    assert [(event["sender_id"], event["text"]) for _, event in batch] == [("tbl-1", "where is my parcel?")]
