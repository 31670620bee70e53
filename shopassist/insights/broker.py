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

__all__ = ["event_broker_config", "DEFAULT_QUEUE", "sqlite_events_path"]

DEFAULT_QUEUE = "shopassist_events"


def sqlite_events_path(var_dir: Path) -> Path:
    """Where the embedded SQL event broker writes."""
    return Path(var_dir).resolve() / "rasa_events.db"


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
