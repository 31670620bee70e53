"""Rasa event (as the broker publishes it) → one analytics row, personal data masked."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from typing import Any, Dict, Optional

from shopassist.privacy import mask

__all__ = ["event_key", "to_row", "KEPT_EVENTS"]

# the events the analytics use; others (e.g. "action_execution_rejected") are counted but not stored
KEPT_EVENTS = {"user", "bot", "action", "slot", "session_started", "restart", "pause", "resume"}


def event_key(event: Dict[str, Any]) -> str:
    """A stable id for an event: the same event delivered twice has the same key."""
    return hashlib.sha256(json.dumps(event, sort_keys=True, default=str).encode()).hexdigest()


def _clip(text: Optional[str], n: int) -> Optional[str]:
    return None if text is None else text[:n]


def to_row(event: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The ``insights_events`` row for ``event``, or None when the analytics do not keep it."""
    kind = event.get("event")
    if kind not in KEPT_EVENTS:
        return None
    ts = float(event.get("timestamp") or 0.0)
    row: Dict[str, Any] = {
        "event_key": event_key(event), "sender_id": str(event.get("sender_id") or "")[:255], "type": kind,
        "timestamp": ts, "day": datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%d"),
        "channel": None, "intent": None, "confidence": None, "name": None, "value": None, "text": None,
        "sentiment": None, "sentiment_score": None,
    }
    if kind == "user":
        parse = event.get("parse_data") or {}
        intent = parse.get("intent") or {}
        sentiment = parse.get("sentiment") or {}
        row.update(channel=_clip(event.get("input_channel"), 64), intent=_clip(intent.get("name"), 64),
                   confidence=intent.get("confidence"), text=mask(event.get("text") or ""),
                   sentiment=_clip(sentiment.get("label"), 16) if isinstance(sentiment, dict) else None,
                   sentiment_score=sentiment.get("score") if isinstance(sentiment, dict) else None)
    elif kind == "bot":
        row["text"] = mask(event.get("text") or "")
    elif kind == "action":
        row["name"] = _clip(event.get("name"), 128)
    elif kind == "slot":
        row["name"] = _clip(event.get("name"), 128)
        value = event.get("value")
        row["value"] = None if value is None else _clip(mask(json.dumps(value) if not isinstance(value, str) else value), 255)
    return row
