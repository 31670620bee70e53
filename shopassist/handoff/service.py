"""Queue operations, business hours and CSAT storage/report (plain functions, own sessions)."""
from __future__ import annotations

import json
import logging
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select

from shopassist.settings import Settings, get_settings
from shopassist.shop.db import get_engine, session_scope

from .models import Base, CsatRating, HandoffRequest, utcnow
from .priority import assess, queue_order
from .summary import summarise, transcript

logger = logging.getLogger(__name__)
_created: set = set()
_lock = threading.Lock()


def engine() -> Engine:
    """The shop database's engine, with the handoff tables created on first use."""
    eng = get_engine()
    with _lock:
        if id(eng) not in _created:
            Base.metadata.create_all(eng)
            _created.add(id(eng))
    return eng


def agents_available(now: Optional[datetime] = None, settings: Optional[Settings] = None) -> bool:
    """Whether live agents work at ``now`` (aware datetime; default: the current time)."""
    settings = settings or get_settings()
    local = (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(settings.handoff_timezone))
    start, end = settings.handoff_open_hours
    return local.weekday() in settings.handoff_open_days and start <= local.hour < end


@dataclass
class QueuedRequest:
    """What the bot tells the customer after a handoff was requested."""

    id: int
    ticket: str
    kind: str
    position: int


def request_handoff(sender_id: str, channel: str, events: List[Dict[str, Any]], slots: Dict[str, Any],
                    reason: str = "requested", now: Optional[datetime] = None) -> QueuedRequest:
    """Queue the conversation for a live agent, or file a call-back outside business hours.

    A conversation already waiting or held by an agent is not queued twice.
    """
    kind = "live" if agents_available(now) else "callback"
    summary = summarise(events, slots)
    # the profile is refreshed (its own transaction) before the queue's transaction begins
    summary["priority"] = assess(summary, customer_profile(summary.get("customer_id")),
                                 get_settings().handoff_frustration_threshold)
    with session_scope(engine()) as session:
        existing = session.scalars(select(HandoffRequest).where(
            HandoffRequest.sender_id == sender_id, HandoffRequest.kind == "live",
            HandoffRequest.status.in_(("waiting", "active")))).first()
        row = existing or HandoffRequest(sender_id=sender_id, channel=channel or "", kind=kind,
                                         status="waiting", reason=reason)
        row.transcript = json.dumps(transcript(events), ensure_ascii=False)
        row.summary = json.dumps(summary, ensure_ascii=False)
        if existing is None:
            session.add(row)
        session.flush()
        position = 0
        if row.kind == "live":  # place in the queue as agents see it: by priority, then arrival
            waiting = session.scalars(select(HandoffRequest).where(
                HandoffRequest.kind == "live", HandoffRequest.status == "waiting")).all()
            ordered = sorted((as_dict(r) for r in waiting), key=queue_order)
            position = next(i for i, r in enumerate(ordered, 1) if r["id"] == row.id)
        return QueuedRequest(row.id, row.ticket, row.kind, position)


def customer_profile(customer_id: Any) -> Optional[Dict[str, Any]]:
    """The verified customer's profile, refreshed now; None for unknown customers or on any error
    (the profile helps to order the queue and the agent, it is never a reason to fail)."""
    if customer_id in (None, ""):
        return None
    try:
        from shopassist.insights.profiles import get_profile, refresh_profiles

        refresh_profiles(get_engine(), {int(customer_id)})
        return get_profile(get_engine(), int(customer_id))
    except Exception:
        logger.exception("profile for customer %s unavailable", customer_id)
        return None


def as_dict(row: HandoffRequest, full: bool = False) -> Dict[str, Any]:
    """A request as JSON-able dict (``full`` adds the transcript)."""
    data = {"id": row.id, "ticket": row.ticket, "sender_id": row.sender_id, "channel": row.channel,
            "kind": row.kind, "status": row.status, "reason": row.reason, "agent": row.agent,
            "created_at": row.created_at.isoformat(timespec="seconds"),
            "summary": json.loads(row.summary or "{}")}
    if full:
        data["transcript"] = json.loads(row.transcript or "[]")
    return data


def list_requests(statuses: Tuple[str, ...] = ("waiting", "active")) -> List[Dict[str, Any]]:
    """Requests in the given states: by state in the order asked, then highest priority and oldest first."""
    with session_scope(engine()) as session:
        rows = session.scalars(select(HandoffRequest).where(HandoffRequest.status.in_(statuses))).all()
        requests = [as_dict(row) for row in rows]
    return sorted(requests, key=lambda r: (statuses.index(r["status"]), *queue_order(r)))


def get_request(request_id: int) -> Optional[Dict[str, Any]]:
    """One request with its transcript, or None."""
    with session_scope(engine()) as session:
        row = session.get(HandoffRequest, request_id)
        return as_dict(row, full=True) if row else None


def set_status(request_id: int, status: str, agent: Optional[str] = None,
               events: Optional[List[Dict[str, Any]]] = None) -> Optional[Dict[str, Any]]:
    """Claim (active) or close a request; ``events`` refreshes the stored transcript."""
    with session_scope(engine()) as session:
        row = session.get(HandoffRequest, request_id)
        if row is None:
            return None
        row.status = status
        row.updated_at = utcnow()
        if agent:
            row.agent = agent
        if events is not None:
            row.transcript = json.dumps(transcript(events), ensure_ascii=False)
        session.flush()
        return as_dict(row)


def record_csat(sender_id: str, score: int, intent: str, events: List[Dict[str, Any]],
                slots: Dict[str, Any]) -> int:
    """Store a 1-5 rating with the conversation's mean sentiment and frustration; its id."""
    if not 1 <= int(score) <= 5:
        raise ValueError(f"CSAT score must be 1-5, got {score}")
    summary = summarise(events, slots)
    mean = summary["sentiment_mean"]
    label = "negative" if mean <= -0.2 else "positive" if mean >= 0.2 else "neutral"
    with session_scope(engine()) as session:
        handed = session.scalar(select(func.count()).select_from(HandoffRequest)
                                .where(HandoffRequest.sender_id == sender_id))
        row = CsatRating(sender_id=sender_id, score=int(score), intent=intent or "", sentiment=label,
                         sentiment_score=mean, frustration=summary["frustration"], handed_off=int(bool(handed)))
        session.add(row)
        session.flush()
        return row.id


def csat_report() -> Dict[str, Any]:
    """CSAT (mean score, share of 4-5, count) overall, per intent and per conversation sentiment."""
    with session_scope(engine()) as session:
        rows = [(r.score, r.intent, r.sentiment, r.handed_off) for r in session.scalars(select(CsatRating))]

    def block(scores: List[int]) -> Dict[str, Any]:
        return {"n": len(scores), "mean": round(sum(scores) / len(scores), 2) if scores else None,
                "satisfied": round(sum(s >= 4 for s in scores) / len(scores), 3) if scores else None}

    by_intent: Dict[str, List[int]] = defaultdict(list)
    by_sentiment: Dict[str, List[int]] = defaultdict(list)
    by_handoff: Dict[str, List[int]] = defaultdict(list)
    for score, intent, sentiment, handed in rows:
        by_intent[intent or "(none)"].append(score)
        by_sentiment[sentiment].append(score)
        by_handoff["handed off" if handed else "bot only"].append(score)
    return {"overall": block([r[0] for r in rows]),
            "by_intent": {k: block(v) for k, v in sorted(by_intent.items())},
            "by_sentiment": {k: block(v) for k, v in sorted(by_sentiment.items())},
            "by_handoff": {k: block(v) for k, v in sorted(by_handoff.items())}}


def render_report(report: Dict[str, Any]) -> str:
    """The CSAT report as Markdown tables."""
    lines = ["# CSAT report", "", f"Overall: {report['overall']}", ""]
    for title, key in (("per intent", "by_intent"), ("per conversation sentiment", "by_sentiment"),
                       ("handoff", "by_handoff")):
        lines += [f"## CSAT {title}", "", "| group | n | mean | share 4-5 |", "|---|---|---|---|"]
        for name, b in report[key].items():
            lines.append(f"| {name} | {b['n']} | {b['mean']} | {b['satisfied']} |")
        lines.append("")
    return "\n".join(lines)
