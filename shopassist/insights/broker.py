"""Rasa's ``event_broker`` section from ``RASA_EVENT_BROKER_URL``.

- unset → Rasa's SQL event broker in ``$SHOP_VAR_DIR/rasa_events.db`` (the embedded default);
- ``amqp://user:password@host:port/?queue=name`` → Rasa's ``pika`` (RabbitMQ) broker (default
  virtual host; TLS through Rasa's own ``RABBITMQ_SSL_*`` variables);
- ``off`` → no broker (no analytics).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Optional
from urllib.parse import parse_qs, unquote, urlsplit

__all__ = ["event_broker_config", "DEFAULT_QUEUE", "sqlite_events_path", "rasa_events_table",
           "ensure_sql_events_table"]

DEFAULT_QUEUE = "shopassist_events"


def sqlite_events_path(var_dir: Path) -> Path:
    """Where the embedded SQL event broker writes."""
    return Path(var_dir).resolve() / "rasa_events.db"


def rasa_events_table() -> Any:
    """Rasa 3.6's SQL event broker table ``events(id, sender_id, data)`` (``SQLBrokerEvent`` in
    rasa/core/brokers/sql.py; what ``sources.SqlSource`` reads), on its own MetaData."""
    from sqlalchemy import Column, Integer, MetaData, String, Table, Text

    return Table("events", MetaData(), Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
                 Column("data", Text))


def ensure_sql_events_table(config: Optional[Dict[str, Any]]) -> Optional[Path]:
    """Create the SQL broker's ``events`` table before Rasa starts; the database file it is in.

    Rasa's SQL event broker runs ``create_all`` in every Sanic worker without catching the
    race (its tracker store does catch it): with two workers starting together, one can fail
    with "table events already exists" and never come up. Created here first, both find it.
    """
    if not config or config.get("type") != "SQL" or config.get("dialect") != "sqlite":
        return None
    from sqlalchemy import create_engine

    path = Path(config["db"])
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}")
    try:
        rasa_events_table().create(engine, checkfirst=True)
    finally:
        engine.dispose()
    return path


def event_broker_config(url: Optional[str], var_dir: Path) -> Optional[Dict[str, Any]]:
    """The ``event_broker`` section for endpoints.yml (None: no broker)."""
    if url and url.strip().lower() == "off":
        return None
    if not url:
        return {"type": "SQL", "dialect": "sqlite", "db": str(sqlite_events_path(var_dir))}
    parts = urlsplit(url)
    if parts.scheme != "amqp":
        raise SystemExit(f"RASA_EVENT_BROKER_URL: expected amqp://user:pw@host:port/?queue=name or 'off', got {url!r}")
    queue = (parse_qs(parts.query).get("queue") or [DEFAULT_QUEUE])[0]
    config: Dict[str, Any] = {"type": "pika", "url": parts.hostname or "127.0.0.1", "port": parts.port or 5672,
                              "username": unquote(parts.username or "guest"),
                              "password": unquote(parts.password or "guest"), "queues": [queue]}
    return config
