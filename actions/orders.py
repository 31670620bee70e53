"""Order tasks: tracking, delivery dates, cancelling, changing lines and addresses."""

from datetime import date
from typing import Optional

from shopassist import texts
from shopassist.shop import policy, service
from shopassist.shop.views import OrderView
from shopassist.settings import get_settings

from .common import describe_items, money, reason_text
from .outcome import Outcome, TaskContext


def _date(value: Optional[date], lang: str = "en") -> str:
    return texts.day(value, lang)


def _order(ctx: TaskContext) -> OrderView:
    return service.get_order(ctx.slot("order_id"), ctx.customer_id)


def status_detail(order: OrderView, lang: str = "en") -> str:
    """One sentence about where the order is, from its status and shipment."""
    if order.status == "shipped":
        return texts.text("detail.shipped", lang, carrier=order.carrier, tracking=order.tracking_number,
                          date=_date(order.estimated_delivery, lang))
    if order.status == "delivered":
        return texts.text("detail.delivered", lang,
                          date=_date(order.delivered_at.date() if order.delivered_at else None, lang))
    if order.status in ("placed", "paid"):
        return texts.text("detail.pending", lang, date=_date(order.estimated_delivery, lang))
    if order.status == "cancelled":
        return texts.text("detail.cancelled", lang)
    return texts.text("detail.returned", lang)


def track(ctx: TaskContext) -> Outcome:
    """Status, carrier and dates of the order."""
    order = _order(ctx)
    return Outcome.say(
        "utter_order_status",
        order_id=order.order_id,
        items=describe_items(order.items),
        status=texts.status_name(order.status, ctx.lang),
        status_detail=status_detail(order, ctx.lang),
    )


def delivery_period(ctx: TaskContext) -> Outcome:
    """When the order arrives."""
    order = _order(ctx)
    return Outcome.say("utter_order_eta", order_id=order.order_id, status=texts.status_name(order.status, ctx.lang),
                       eta_detail=status_detail(order, ctx.lang))


def _fee_text(fee: float, reason: str, lang: str = "en") -> str:
    if fee > 0:
        return texts.text("fee.applies", lang, fee=money(fee), hours=get_settings().cancellation_grace_hours)
    return texts.text("fee.free", lang)


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
    text = (_fee_text(quote.fee, quote.reason, ctx.lang) if quote.allowed
            else texts.text("fee.locked", ctx.lang, reason=reason_text(quote.reason, ctx.lang)))
    return Outcome.say("utter_fee_for_order", order_id=quote.order_id, fee_text=text)


def cancel_quote(ctx: TaskContext) -> Outcome:
    """Ask before cancelling, with the fee; or explain why it can't be cancelled."""
    quote = service.cancellation_quote(ctx.slot("order_id"), ctx.customer_id)
    if not quote.allowed:
        return Outcome.say("utter_cancel_refused", order_id=quote.order_id, reason=reason_text(quote.reason, ctx.lang))
    order = _order(ctx)
    return Outcome(
        replies=[
            (
                "utter_cancel_quote",
                {
                    "order_id": order.order_id,
                    "items": describe_items(order.items),
                    "total": money(order.total, order.currency),
                    "fee_text": _fee_text(quote.fee, quote.reason, ctx.lang),
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
        refund = texts.text("refund.will", ctx.lang, amount=money(before.refund_amount, order.currency),
                            low=days[0], high=days[1])
    else:
        refund = texts.text("refund.nothing", ctx.lang)
    return Outcome.say("utter_cancel_done", order_id=order.order_id, refund_text=refund)


def change_quote(ctx: TaskContext) -> Outcome:
    """Ask before changing an order line; refuse when the order already shipped."""
    order = _order(ctx)
    decision = policy.can_change(order.status)
    if not decision.allowed:
        return Outcome.say("utter_change_refused", order_id=order.order_id, reason=reason_text(decision.reason, ctx.lang))
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
        return Outcome.say("utter_address_refused", order_id=order.order_id, reason=reason_text(decision.reason, ctx.lang))
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
