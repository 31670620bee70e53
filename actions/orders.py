"""Order tasks: tracking, delivery dates, cancelling, changing lines and addresses."""

from datetime import date
from typing import Optional

from shopassist.shop import policy, service
from shopassist.shop.views import OrderView
from shopassist.settings import get_settings

from .common import describe_items, money, reason_text
from .outcome import Outcome, TaskContext


def _date(value: Optional[date]) -> str:
    return value.strftime("%A, %d %B") if value else "soon"


def _order(ctx: TaskContext) -> OrderView:
    return service.get_order(ctx.slot("order_id"), ctx.customer_id)


def status_detail(order: OrderView) -> str:
    """One sentence about where the order is, from its status and shipment."""
    if order.status == "shipped":
        return (
            f"It left our warehouse with {order.carrier} (tracking number {order.tracking_number}) "
            f"and should arrive by {_date(order.estimated_delivery)}."
        )
    if order.status == "delivered":
        return f"It was delivered on {_date(order.delivered_at.date() if order.delivered_at else None)}."
    if order.status in ("placed", "paid"):
        return f"It hasn't shipped yet; we expect it to arrive by {_date(order.estimated_delivery)}."
    if order.status == "cancelled":
        return "It was cancelled, so it won't be delivered."
    return "It was returned to us."


def track(ctx: TaskContext) -> Outcome:
    """Status, carrier and dates of the order."""
    order = _order(ctx)
    return Outcome.say(
        "utter_order_status",
        order_id=order.order_id,
        items=describe_items(order.items),
        status=order.status,
        status_detail=status_detail(order),
    )


def delivery_period(ctx: TaskContext) -> Outcome:
    """When the order arrives."""
    order = _order(ctx)
    return Outcome.say("utter_order_eta", order_id=order.order_id, status=order.status, eta_detail=status_detail(order))


def _fee_text(fee: float, reason: str) -> str:
    if fee > 0:
        return f"A cancellation fee of {money(fee)} applies because the order was paid more than {get_settings().cancellation_grace_hours} hours ago."
    return "Cancelling it is free of charge."


def cancellation_fee(ctx: TaskContext) -> Outcome:
    """The fee for a named order, or the policy when no order was named."""
    if not ctx.slot("order_id") or ctx.customer_id is None:
        cfg = get_settings()
        return Outcome.say(
            "utter_fee_policy",
            grace_hours=cfg.cancellation_grace_hours,
            fee=money(cfg.cancellation_fee),
            return_days=cfg.return_window_days,
        )
    quote = service.cancellation_quote(ctx.slot("order_id"), ctx.customer_id)
    text = _fee_text(quote.fee, quote.reason) if quote.allowed else "It can't be cancelled any more: " + reason_text(quote.reason)
    return Outcome.say("utter_fee_for_order", order_id=quote.order_id, fee_text=text)


def cancel_quote(ctx: TaskContext) -> Outcome:
    """Ask before cancelling, with the fee; or explain why it can't be cancelled."""
    quote = service.cancellation_quote(ctx.slot("order_id"), ctx.customer_id)
    if not quote.allowed:
        return Outcome.say("utter_cancel_refused", order_id=quote.order_id, reason=reason_text(quote.reason))
    order = _order(ctx)
    return Outcome(
        replies=[
            (
                "utter_cancel_quote",
                {
                    "order_id": order.order_id,
                    "items": describe_items(order.items),
                    "total": money(order.total, order.currency),
                    "fee_text": _fee_text(quote.fee, quote.reason),
                },
            )
        ],
        pending=True,
    )


def cancel(ctx: TaskContext) -> Outcome:
    """Cancel the order (the shop re-checks the rules and records a refund if paid)."""
    before = service.cancellation_quote(ctx.slot("order_id"), ctx.customer_id)
    order = service.cancel_order(ctx.slot("order_id"), ctx.customer_id)
    if before.refund_amount > 0:
        days = get_settings().refund_processing_days
        refund = f"We'll refund {money(before.refund_amount, order.currency)} to your original payment method within {days[0]}–{days[1]} business days."
    else:
        refund = "Nothing was charged, so there's nothing to refund."
    return Outcome.say("utter_cancel_done", order_id=order.order_id, refund_text=refund)


def change_quote(ctx: TaskContext) -> Outcome:
    """Ask before changing an order line; refuse when the order already shipped."""
    order = _order(ctx)
    decision = policy.can_change(order.status)
    if not decision.allowed:
        return Outcome.say("utter_change_refused", order_id=order.order_id, reason=reason_text(decision.reason))
    line = next(line for line in order.items if line.sku == ctx.slot("line_sku"))
    return Outcome(
        replies=[("utter_change_quote", {"item": line.name, "order_id": order.order_id, "quantity": ctx.slot("quantity")})],
        pending=True,
    )


def change(ctx: TaskContext) -> Outcome:
    """Apply the line change; quantity 0 removes the line."""
    order = service.update_order_line(ctx.slot("order_id"), ctx.customer_id, ctx.slot("line_sku"), int(ctx.slot("quantity")))
    return Outcome.say(
        "utter_change_done", order_id=order.order_id, items=describe_items(order.items), total=money(order.total, order.currency)
    )


def address_quote(ctx: TaskContext) -> Outcome:
    """Ask before changing the shipping address; refuse once the order shipped."""
    order = _order(ctx)
    decision = policy.can_change_address(order.status)
    if not decision.allowed:
        return Outcome.say("utter_address_refused", order_id=order.order_id, reason=reason_text(decision.reason))
    return Outcome(
        replies=[("utter_address_quote", {"order_id": order.order_id, "address": ctx.slot("shipping_address")})], pending=True
    )


def change_address(ctx: TaskContext) -> Outcome:
    """Change the order's shipping address."""
    order = service.change_shipping_address(ctx.slot("order_id"), ctx.customer_id, ctx.slot("shipping_address"))
    return Outcome.say("utter_address_done", order_id=order.order_id, address=order.shipping_address)


def set_default_address(ctx: TaskContext) -> Outcome:
    """Save the customer's default shipping address."""
    address = service.set_default_address(ctx.customer_id, ctx.slot("shipping_address"))
    return Outcome.say("utter_default_address_done", address=address.text)
