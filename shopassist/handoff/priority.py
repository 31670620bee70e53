"""Who an agent should take first: a priority for each handoff request from the conversation
(frustration, sentiment) and the customer's history (profile signals, issue #12)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from shopassist.insights.profiles import history_signals

#: points per reason; the queue is ordered by the sum, then by arrival
WEIGHTS = {
    "frustrated": 2,
    "getting angrier": 1,
    "unhappy before": 2,
    "open tickets": 1,
    "high value": 1,
}
LEVELS = ((4, "urgent"), (2, "high"), (0, "normal"))


def assess(summary: Dict[str, Any], profile: Optional[Dict[str, Any]], frustration_threshold: float) -> Dict[str, Any]:
    """``{"score", "level", "reasons"}`` for a request with this summary (handoff.summary) and profile."""
    reasons: List[str] = []
    if float(summary.get("frustration") or 0.0) >= frustration_threshold:
        reasons.append("frustrated")
    if summary.get("sentiment_trend") == "worsening":
        reasons.append("getting angrier")
    reasons += history_signals(profile)
    score = sum(WEIGHTS.get(r, 0) for r in reasons)
    level = next(name for floor, name in LEVELS if score >= floor)
    return {"score": score, "level": level, "reasons": reasons}


def queue_order(request: Dict[str, Any]) -> tuple:
    """Sort key for waiting requests: highest priority first, then oldest first."""
    priority = (request.get("summary") or {}).get("priority") or {}
    return (-int(priority.get("score") or 0), request["id"])
