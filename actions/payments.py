"""Refund and invoice tasks."""

from shopassist.settings import get_settings
from shopassist.shop import service
from shopassist.shop.errors import NotAllowed

from shopassist import texts

from .common import money, reason_text
from .outcome import Outcome, TaskContext


def refund_quote(ctx: TaskContext) -> Outcome:
    """Check the order can be refunded and ask before starting the return."""
    order = service.get_order(ctx.slot("order_id"), ctx.customer_id)
    if order.status == "cancelled":
        # Cancelled orders are refunded automatically: show where that refund is.
        return track_refund(ctx)
    if order.status != "delivered":
        code = "not_delivered" if order.status in ("placed", "paid", "shipped") else f"already_{order.status}"
        return Outcome.say("utter_refund_refused", order_id=order.order_id, reason=reason_text(code, ctx.lang))
    decision = service.return_eligibility(order.order_id, ctx.customer_id)
    if not decision.allowed:
        return Outcome.say("utter_refund_refused", order_id=order.order_id, reason=reason_text(decision.reason, ctx.lang))
    return Outcome(
        replies=[("utter_refund_quote", {"order_id": order.order_id, "amount": money(order.total, order.currency)})],
        pending=True,
    )


def request_refund(ctx: TaskContext) -> Outcome:
    """Start the return and the refund."""
    try:
        refund = service.request_refund(ctx.slot("order_id"), ctx.customer_id, reason=ctx.slot("task_text") or "")
    except NotAllowed as exc:
        return Outcome.say("utter_refund_refused", order_id=ctx.slot("order_id"), reason=reason_text(exc.reason, ctx.lang))
    low, high = get_settings().refund_processing_days
    return Outcome.say(
        "utter_refund_done",
        order_id=refund.order_id,
        amount=money(refund.amount, refund.currency),
        status=refund.status,
        min_days=low,
        max_days=high,
    )


def track_refund(ctx: TaskContext) -> Outcome:
    """Where the customer's refunds are (of one order when named)."""
    refunds = service.refund_status(ctx.customer_id, order_id=ctx.slot("order_id"))
    if not refunds:
        refunds = service.refund_status(ctx.customer_id)
    if not refunds:
        return Outcome.say("utter_no_refunds")
    lines = []
    for refund in refunds:
        when = texts.text("refund.expected", ctx.lang, date=texts.day(refund.expected_by, ctx.lang)) if refund.expected_by else ""
        lines.append(texts.text("refund.line", ctx.lang, amount=money(refund.amount, refund.currency),
                                order_id=refund.order_id, status=texts.status_name(refund.status, ctx.lang), when=when))
    return Outcome.say("utter_refund_status", refunds=" ".join(lines))


def get_invoice(ctx: TaskContext) -> Outcome:
    """One invoice (by its number or its order), sent to the customer's email."""
    invoice = service.get_invoice(ctx.customer_id, invoice_id=ctx.slot("invoice_id"), order_id=ctx.slot("order_id"))
    email = service.send_invoice(ctx.customer_id, invoice.invoice_number)
    return Outcome.say(
        "utter_invoice",
        invoice_number=invoice.invoice_number,
        order_id=invoice.order_id,
        amount=money(invoice.amount, invoice.currency),
        issued=texts.day(invoice.issued_at, ctx.lang, long=True),
        email=email,
    )


def check_invoices(ctx: TaskContext) -> Outcome:
    """The customer's invoices."""
    invoices = service.list_invoices(ctx.customer_id)
    if not invoices:
        return Outcome.say("utter_no_invoices")
    listed = texts.text("list.sep", ctx.lang).join(
        texts.text("invoice.item", ctx.lang, number=inv.invoice_number, order_id=inv.order_id,
                   amount=money(inv.amount, inv.currency), date=texts.day(inv.issued_at, ctx.lang, long=True))
        for inv in invoices
    )
    return Outcome.say("utter_invoice_list", invoices=listed)
