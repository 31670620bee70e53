"""Business rules as pure functions over :class:`~shopassist.settings.Settings`.

No database access here. ``reason`` values are short machine codes; the bot renders text.
Durations in days are business days (Mon–Fri).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import NamedTuple, Optional, Tuple

from shopassist.settings import Settings, get_settings

from .models import OrderStatus

__all__ = [
    "Decision",
    "CancelDecision",
    "ReturnDecision",
    "RefundPolicy",
    "can_cancel",
    "can_change",
    "can_change_address",
    "return_eligible",
    "refund_policy",
    "delivery_days",
    "delivery_estimate",
    "shipping_fee",
    "add_business_days",
    "to_cents",
]

# Reason codes (stable API for the bot's responses).
OK = "ok"
NOT_PAID = "not_paid"  # cancellable for free: nothing was charged yet
WITHIN_GRACE = "within_grace_period"
FEE_APPLIES = "fee_applies"
ALREADY_SHIPPED = "already_shipped"
ALREADY_DELIVERED = "already_delivered"
ALREADY_CANCELLED = "already_cancelled"
ALREADY_RETURNED = "already_returned"
NOT_DELIVERED = "not_delivered"
WITHIN_WINDOW = "within_return_window"
WINDOW_EXPIRED = "return_window_expired"

_LOCKED_REASONS = {
    OrderStatus.SHIPPED: ALREADY_SHIPPED,
    OrderStatus.DELIVERED: ALREADY_DELIVERED,
    OrderStatus.CANCELLED: ALREADY_CANCELLED,
    OrderStatus.RETURNED: ALREADY_RETURNED,
}


class Decision(NamedTuple):
    """Whether something is allowed, and the machine reason code."""

    allowed: bool
    reason: str


class CancelDecision(NamedTuple):
    """Cancellation verdict; ``fee`` in the shop currency (0.0 when free or refused)."""

    allowed: bool
    fee: float
    reason: str


class ReturnDecision(NamedTuple):
    """Return/refund eligibility of a delivered order; ``deadline`` is the last day (UTC)."""

    allowed: bool
    reason: str
    deadline: Optional[date]


class RefundPolicy(NamedTuple):
    """Values the bot needs to explain the refund/cancellation policy."""

    return_window_days: int
    refund_processing_days: Tuple[int, int]
    cancellation_grace_hours: int
    cancellation_fee: float
    currency: str


def to_cents(amount: float) -> int:
    """Convert an amount in currency units to integer cents (rounded half up)."""
    return int(round(float(amount) * 100 + 1e-9))


def _settings(settings: Optional[Settings]) -> Settings:
    return settings if settings is not None else get_settings()


def can_cancel(
    status: str,
    paid_at: Optional[datetime],
    now: datetime,
    settings: Optional[Settings] = None,
) -> CancelDecision:
    """Cancellation rule: free before payment or within the grace period after it,
    ``cancellation_fee`` later, impossible once shipped."""
    cfg = _settings(settings)
    if status in _LOCKED_REASONS:
        return CancelDecision(False, 0.0, _LOCKED_REASONS[status])
    if status == OrderStatus.PLACED or paid_at is None:
        return CancelDecision(True, 0.0, NOT_PAID)
    if now - paid_at <= timedelta(hours=cfg.cancellation_grace_hours):
        return CancelDecision(True, 0.0, WITHIN_GRACE)
    return CancelDecision(True, float(cfg.cancellation_fee), FEE_APPLIES)


def can_change(status: str) -> Decision:
    """Order lines can be changed until the order ships."""
    if status in _LOCKED_REASONS:
        return Decision(False, _LOCKED_REASONS[status])
    return Decision(True, OK)


def can_change_address(status: str) -> Decision:
    """The shipping address can be changed until the order ships."""
    return can_change(status)


def return_eligible(
    delivered_at: Optional[datetime],
    now: datetime,
    settings: Optional[Settings] = None,
) -> ReturnDecision:
    """Delivered orders can be returned for ``return_window_days`` calendar days."""
    cfg = _settings(settings)
    if delivered_at is None:
        return ReturnDecision(False, NOT_DELIVERED, None)
    deadline = delivered_at + timedelta(days=cfg.return_window_days)
    if now <= deadline:
        return ReturnDecision(True, WITHIN_WINDOW, deadline.date())
    return ReturnDecision(False, WINDOW_EXPIRED, deadline.date())


def refund_policy(settings: Optional[Settings] = None) -> RefundPolicy:
    """The refund/cancellation policy values from settings."""
    cfg = _settings(settings)
    return RefundPolicy(
        return_window_days=cfg.return_window_days,
        refund_processing_days=tuple(cfg.refund_processing_days),  # type: ignore[arg-type]
        cancellation_grace_hours=cfg.cancellation_grace_hours,
        cancellation_fee=float(cfg.cancellation_fee),
        currency=cfg.currency,
    )


def add_business_days(start: date, days: int) -> date:
    """``start`` plus ``days`` business days (weekends skipped)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def delivery_days(method: str, settings: Optional[Settings] = None) -> Tuple[int, int]:
    """(min, max) business days for a shipping method ('standard' or 'express')."""
    cfg = _settings(settings)
    if method == "express":
        return tuple(cfg.express_delivery_days)  # type: ignore[return-value]
    if method == "standard":
        return tuple(cfg.standard_delivery_days)  # type: ignore[return-value]
    raise ValueError(f"unknown shipping method: {method!r}")


def delivery_estimate(
    method: str, shipped_on: date, settings: Optional[Settings] = None
) -> Tuple[date, date]:
    """Earliest and latest delivery date for a parcel shipped on ``shipped_on``."""
    low, high = delivery_days(method, settings)
    return add_business_days(shipped_on, low), add_business_days(shipped_on, high)


def shipping_fee(method: str, subtotal: float, settings: Optional[Settings] = None) -> float:
    """Shipping fee: standard is free from ``free_shipping_threshold``; express always costs."""
    cfg = _settings(settings)
    if method == "express":
        return float(cfg.express_shipping_fee)
    if method == "standard":
        return 0.0 if subtotal >= cfg.free_shipping_threshold else float(cfg.standard_shipping_fee)
    raise ValueError(f"unknown shipping method: {method!r}")
