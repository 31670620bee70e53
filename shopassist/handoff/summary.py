"""Transcript and summary of a conversation from Rasa tracker events (plain dicts)."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List

from shopassist.sentiment.frustration import Trend, frustration_level, turns_from_events

ORDER_ID_RE = re.compile(r"\b\d{8}\b")


def transcript(events: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """User and bot messages in order: {who, text, time, intent?, sentiment?}."""
    out: List[Dict[str, Any]] = []
    for event in events:
        kind = event.get("event")
        if kind not in ("user", "bot"):
            continue
        stamp = event.get("timestamp")
        when = datetime.fromtimestamp(stamp, timezone.utc).isoformat(timespec="seconds") if stamp else None
        if kind == "user":
            parse = event.get("parse_data") or {}
            out.append({"who": "customer", "text": event.get("text") or "", "time": when,
                        "intent": (parse.get("intent") or {}).get("name"),
                        "sentiment": parse.get("sentiment")})
        else:
            meta = event.get("metadata") or {}
            out.append({"who": "agent" if meta.get("agent") else "bot", "text": event.get("text") or "",
                        "time": when})
    return out


def summarise(events: List[Dict[str, Any]], slots: Dict[str, Any]) -> Dict[str, Any]:
    """Intent history, order ids mentioned, sentiment trend and frustration, verified customer."""
    turns = turns_from_events(events)
    intents = [t.intent for t in turns if t.intent]
    orders: List[str] = []
    for event in events:
        if event.get("event") != "user":
            continue
        for entity in (event.get("parse_data") or {}).get("entities") or []:
            if entity.get("entity") == "order_id" and str(entity.get("value")) not in orders:
                orders.append(str(entity.get("value")))
        for found in ORDER_ID_RE.findall(event.get("text") or ""):
            if found not in orders:
                orders.append(found)
    if slots.get("order_id") and str(slots["order_id"]) not in orders:
        orders.append(str(slots["order_id"]))
    scores = [t.score for t in turns if not t.text.startswith("/")]
    trend = Trend(scores)
    return {
        "intents": intents,
        "order_ids": orders,
        "customer_email": slots.get("customer_email"),
        "verified": bool(slots.get("customer_id")),
        "customer_id": slots.get("customer_id"),  # the console shows the customer profile next to it
        "sentiment_scores": scores,
        "sentiment_trend": trend.direction,
        "sentiment_mean": round(sum(scores) / len(scores), 3) if scores else 0.0,
        "frustration": frustration_level(turns),
        "last_message": turns[-1].text if turns else "",
    }
