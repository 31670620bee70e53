"""Which curated tone variations exist for a response (they live in domain.yml, issue-5 block).

A calm (apologetic) or friendly (brief) version ``<response>_<tone>`` keeps exactly the
placeholders of the original, so the facts it shows are the same (tests/unit/sentiment checks
this against domain.yml).
"""
from __future__ import annotations

from typing import Dict, Tuple

TONED: Dict[str, Tuple[str, ...]] = {
    "utter_order_status": ("calm", "friendly"),
    "utter_order_eta": ("calm",),
    "utter_cancel_refused": ("calm",),
    "utter_cancel_done": ("calm",),
    "utter_refund_done": ("calm",),
    "utter_order_not_on_account": ("calm",),
    "utter_ticket_created": ("calm",),
    "utter_not_allowed": ("calm",),
    "utter_service_error": ("calm",),
    "utter_default": ("calm",),
}

#: frustration from which the acknowledgement says "sorry you had to ask again"
REPEAT_ACK_LEVEL = 0.5


def toned_response(response: str, tone: str) -> str:
    """``utter_x_calm`` when the tone has a curated version of ``utter_x``, else ``utter_x``."""
    return f"{response}_{tone}" if tone in TONED.get(response, ()) else response


def acknowledgement(tone: str, frustration: float) -> str:
    """The opening acknowledgement response for a calm reply, or "" for other tones."""
    if tone != "calm":
        return ""
    return "utter_tone_ack_repeat" if frustration >= REPEAT_ACK_LEVEL else "utter_tone_ack"
