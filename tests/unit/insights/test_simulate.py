"""Simulated past conversations go through the SQL broker table and the consumer like live ones."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine

from shopassist.insights.consumer import Consumer
from shopassist.insights.metrics import summary
from shopassist.insights.report import write_report
from shopassist.insights.simulate import publish, simulate
from shopassist.insights.sources import SqlSource


def test_simulated_history_is_deterministic_and_counted_once(tmp_path: Path) -> None:
    now = 1_764_000_000.0
    events = simulate(120, days=10, seed=3, now=now)
    assert events == simulate(120, days=10, seed=3, now=now)
    assert {e["event"] for e in events} >= {"user", "bot", "action", "slot"}
    url = f"sqlite:///{tmp_path / 'rasa_events.db'}"
    publish(events, broker_url=url)
    assert "already there" in publish(events, broker_url=url)
    engine = create_engine(f"sqlite:///{tmp_path / 'shop.db'}")
    consumer = Consumer(SqlSource(url), engine)
    assert consumer.drain() == len(events) and consumer.stored == len(events)
    data = summary(engine)
    overall = data["overall"]
    assert overall["conversations"] == 120
    assert 0 < overall["handoff_rate"] < 0.5 and 0 < overall["abandonment"] < 0.5
    assert set(data["by_language"]) == {"en", "zh"} and len(data["by_day"]) >= 8
    assert set(data["by_channel"]) == {"webchat", "rest", "slack", "facebook"}
    report = write_report(tmp_path / "report", engine=engine)
    text = report.read_text()
    assert "| all conversations | 120 |" in text and "![intents](intents.png)" in text
    assert (tmp_path / "report" / "messages_per_day.png").stat().st_size > 1000


def test_csat_from_the_rating_payload_and_its_relation_to_sentiment(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'rasa_events.db'}"
    publish(simulate(300, days=10, seed=4, now=1_764_000_000.0), broker_url=url)
    engine = create_engine(f"sqlite:///{tmp_path / 'shop.db'}")
    Consumer(SqlSource(url), engine).drain()
    data = summary(engine)
    assert data["overall"]["csat_n"] > 50 and 1 <= data["overall"]["csat"] <= 5
    moods = data["csat_by_sentiment"]
    assert moods["negative"]["csat"] < moods["positive"]["csat"]  # angry conversations rate lower
    assert "## CSAT by the conversation's sentiment" in write_report(tmp_path / "r", engine=engine).read_text()
