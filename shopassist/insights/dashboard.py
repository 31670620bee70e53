"""The insights dashboard behind the agent login: one HTML page (Chart.js served locally from
webchat/vendor) and the JSON routes it calls. The agent console mounts ``handle`` for paths under
``/dashboard``, ``/static/`` and ``/api/insights`` after its own login check."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any, Dict, Optional, Tuple
from urllib.parse import parse_qs

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

__all__ = ["handle", "PAGE"]

ROOT = Path(__file__).resolve().parents[2]
PAGE = Path(__file__).with_name("dashboard.html")
STATIC = {"chart.umd.min.js": ROOT / "webchat" / "vendor" / "chart.umd.min.js"}

Response = Tuple[int, Any, str]  # status, body (bytes, str or JSON-able), content type


def _filters(query: str):
    from .metrics import Filters

    q = {k: v[0] for k, v in parse_qs(query).items() if v and v[0]}
    return Filters(q.get("since"), q.get("until"), q.get("intent"), q.get("channel"), q.get("language"))


def _transcripts(engine: Engine, senders, limit: int = 20):
    from .models import ConversationEvent

    with Session(engine) as session:
        rows = session.scalars(select(ConversationEvent).where(ConversationEvent.sender_id.in_(list(senders)[:limit]),
                                                               ConversationEvent.type.in_(["user", "bot"]))
                               .order_by(ConversationEvent.sender_id, ConversationEvent.timestamp))
        out: Dict[str, list] = {}
        for e in rows:
            out.setdefault(e.sender_id, []).append({"from": "customer" if e.type == "user" else "bot",
                                                     "text": e.text, "intent": e.intent, "sentiment": e.sentiment})
        return out


def handle(method: str, path: str, query: str, body: Optional[Dict[str, Any]], engine: Engine) -> Optional[Response]:
    """Serve one dashboard request (the caller has checked the login); None when not ours."""
    from .metrics import summary

    if method == "GET" and path in ("/dashboard", "/dashboard/"):
        return 200, PAGE.read_text(encoding="utf-8"), "text/html; charset=utf-8"
    if method == "GET" and path.startswith("/static/"):
        file = STATIC.get(path[len("/static/"):])
        if file is None or not file.exists():
            return 404, {"error": "not found (run make webchat)"}, "application/json"
        return 200, file.read_bytes(), "application/javascript"
    if method == "GET" and path == "/api/insights":
        from .topics import pain_points

        filters = _filters(query)
        data = summary(engine, filters)
        data["pain_points"] = [dict(asdict(t), id=i, senders=len(t.senders)) for i, t in enumerate(pain_points(engine))]
        data["filters"] = {k: v for k, v in vars(filters).items() if v}
        return 200, data, "application/json"
    if method == "GET" and path.startswith("/api/insights/topics/") and path.endswith("/conversations"):
        from .topics import pain_points

        try:
            index = int(path.split("/")[4])
            topic = pain_points(engine)[index]
        except (ValueError, IndexError):
            return 404, {"error": "no such topic"}, "application/json"
        return 200, {"topic": topic.label, "conversations": _transcripts(engine, topic.senders)}, "application/json"
    if path == "/api/insights/faq" and method == "GET":
        from .faq import FaqSuggestion, suggest
        from .models import ensure_tables

        ensure_tables(engine)
        if "refresh=1" in query:
            suggest(engine)
        with Session(engine) as session:
            items = session.scalars(select(FaqSuggestion).order_by(FaqSuggestion.status, FaqSuggestion.asked.desc()))
            return 200, [{"id": s.id, "question": s.question, "asked": s.asked, "language": s.language,
                          "examples": json.loads(s.examples), "draft": s.draft, "draft_source": s.draft_source,
                          "status": s.status, "answer": s.answer} for s in items], "application/json"
    if method == "POST" and path.startswith("/api/insights/faq/"):
        from .faq import approve, reject

        parts = path.split("/")
        try:
            item, action = int(parts[4]), parts[5]
        except (ValueError, IndexError):
            return 404, {"error": "not found"}, "application/json"
        try:
            if action == "approve":
                written = approve(engine, item, (body or {}).get("answer"))
                return 200, {"status": "approved", "file": str(written)}, "application/json"
            if action == "reject":
                reject(engine, item)
                return 200, {"status": "rejected"}, "application/json"
        except KeyError:
            return 404, {"error": f"no suggestion {item}"}, "application/json"
        except ValueError as exc:
            return 400, {"error": str(exc)}, "application/json"
        return 404, {"error": "not found"}, "application/json"
    if method == "GET" and path.startswith("/api/profiles/"):
        from .profiles import get_profile, refresh_profiles

        try:
            customer = int(path.rsplit("/", 1)[1])
        except ValueError:
            return 404, {"error": "not found"}, "application/json"
        refresh_profiles(engine, {customer})
        profile = get_profile(engine, customer)
        return (200, profile, "application/json") if profile else (404, {"error": "no such customer"}, "application/json")
    return None
