"""The dashboard's JSON routes on simulated history (the browser test runs them behind the login)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine

from shopassist.insights.consumer import Consumer
from shopassist.insights.dashboard import handle
from shopassist.insights.simulate import publish, simulate
from shopassist.insights.sources import SqlSource


def test_routes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'rasa_events.db'}"
    publish(simulate(150, days=10, seed=2, now=1_764_000_000.0), broker_url=url)
    engine = create_engine(f"sqlite:///{tmp_path / 'shop.db'}")
    Consumer(SqlSource(url), engine).drain()
    status, page, kind = handle("GET", "/dashboard", "", None, engine)
    assert status == 200 and "chart.umd.min.js" in page and kind.startswith("text/html")
    status, data, _ = handle("GET", "/api/insights", "language=zh&channel=webchat", None, engine)
    assert status == 200 and data["filters"] == {"channel": "webchat", "language": "zh"}
    assert set(data["by_language"]) == {"zh"} and set(data["by_channel"]) == {"webchat"}
    assert data["pain_points"] and data["overall"]["conversations"] > 0
    status, drill, _ = handle("GET", "/api/insights/topics/0/conversations", "", None, engine)
    assert status == 200 and drill["conversations"]
    assert handle("GET", "/api/insights/topics/99/conversations", "", None, engine)[0] == 404
    status, faq, _ = handle("GET", "/api/insights/faq", "refresh=1", None, engine)
    assert status == 200 and isinstance(faq, list)
    assert handle("POST", "/api/insights/faq/999/approve", "", {"answer": "x"}, engine)[0] == 404
    assert handle("GET", "/nothing", "", None, engine) is None
