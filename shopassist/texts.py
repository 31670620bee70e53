"""Per-language catalogue of the sentence parts that actions build in Python (issue 11).

Whole replies are domain responses with a Chinese conditional variation; what actions put
*into* them (refusal reasons, status sentences, fee and refund sentences, list items) comes
from here, so a Chinese customer never gets an English fragment inside a Chinese reply.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Dict, List, Optional

LANGUAGES = ("en", "zh")

TEXTS: Dict[str, Dict[str, str]] = {
    # the channels' apology when a turn fails or is too slow (shopassist/channels/guard.py)
    "error.turn_failed": {
        "en": "Sorry, something went wrong on our side and I couldn't finish that. Please try again in a "
              "moment. If it keeps happening, our support team is happy to help.",
        "zh": "抱歉，我们这边出了点问题，刚才的请求没能完成。请稍后再试；如果一直这样，我们的客服很乐意帮您。"},
    # refusal reasons of the shop (codes from shopassist.shop.policy / service)
    "reason.already_shipped": {
        "en": "it has already shipped. Once it arrives you can return it instead.",
        "zh": "订单已发货。收到后您可以申请退货。"},
    "reason.already_delivered": {
        "en": "it has already been delivered. You can return it instead.",
        "zh": "订单已签收，您可以申请退货。"},
    "reason.already_cancelled": {"en": "it is already cancelled.", "zh": "订单已经取消了。"},
    "reason.already_returned": {"en": "it has already been returned.", "zh": "订单已经退货了。"},
    "reason.not_delivered": {
        "en": "it hasn't been delivered yet. You can cancel it instead while it hasn't shipped.",
        "zh": "订单还没有签收。发货前您可以直接取消订单。"},
    "reason.return_window_expired": {"en": "the return window for this order has closed.",
                                     "zh": "该订单已超过退货期限。"},
    "reason.not_paid": {"en": "nothing has been charged for it yet.", "zh": "该订单尚未扣款。"},
    "reason.last_line": {
        "en": "an order must keep at least one item. You can cancel the order instead.",
        "zh": "订单至少要保留一件商品，您可以直接取消订单。"},
    "reason.out_of_stock": {"en": "that item is out of stock.", "zh": "该商品缺货。"},
    "reason.refund_already_requested": {"en": "a refund for this order has already been requested.",
                                        "zh": "该订单已经申请过退款。"},
    "reason.nothing_to_refund": {"en": "nothing was paid for it, so there is nothing to refund.",
                                 "zh": "该订单没有付款，无需退款。"},
    "reason.default": {"en": "that isn't possible for this order right now.",
                       "zh": "该订单目前无法办理此操作。"},
    # order status names (English keeps the shop's word)
    "status.placed": {"en": "placed", "zh": "已下单"},
    "status.paid": {"en": "paid", "zh": "已付款"},
    "status.shipped": {"en": "shipped", "zh": "已发货"},
    "status.delivered": {"en": "delivered", "zh": "已签收"},
    "status.cancelled": {"en": "cancelled", "zh": "已取消"},
    "status.returned": {"en": "returned", "zh": "已退货"},
    "status.requested": {"en": "requested", "zh": "已申请"},
    "status.approved": {"en": "approved", "zh": "已批准"},
    "status.refunded": {"en": "refunded", "zh": "已退款"},
    "status.rejected": {"en": "rejected", "zh": "已拒绝"},
    # where the order is
    "detail.shipped": {
        "en": "It left our warehouse with {carrier} (tracking number {tracking}) and should arrive by {date}.",
        "zh": "已由{carrier}从仓库发出（运单号{tracking}），预计{date}前送达。"},
    "detail.delivered": {"en": "It was delivered on {date}.", "zh": "已于{date}签收。"},
    "detail.pending": {"en": "It hasn't shipped yet; we expect it to arrive by {date}.",
                       "zh": "还没有发货，预计{date}前送达。"},
    "detail.cancelled": {"en": "It was cancelled, so it won't be delivered.",
                         "zh": "订单已取消，不会再配送。"},
    "detail.returned": {"en": "It was returned to us.", "zh": "商品已退回给我们。"},
    "date.soon": {"en": "soon", "zh": "近期"},
    # fees and refunds
    "fee.applies": {
        "en": "A cancellation fee of {fee} applies because the order was paid more than {hours} hours ago.",
        "zh": "该订单付款已超过{hours}小时，取消需支付{fee}的手续费。"},
    "fee.free": {"en": "Cancelling it is free of charge.", "zh": "现在取消免费。"},
    "fee.locked": {"en": "It can't be cancelled any more: {reason}", "zh": "已无法取消：{reason}"},
    "refund.will": {
        "en": "We'll refund {amount} to your original payment method within {low}–{high} business days.",
        "zh": "我们会在{low}–{high}个工作日内将{amount}退回原支付方式。"},
    "refund.nothing": {"en": "Nothing was charged, so there's nothing to refund.",
                       "zh": "该订单未扣款，无需退款。"},
    "refund.line": {"en": "Refund of {amount} for order {order_id}: {status}{when}.",
                    "zh": "订单{order_id}的退款{amount}：{status}{when}。"},
    "refund.expected": {"en": ", expected by {date}", "zh": "，预计{date}前到账"},
    "invoice.item": {"en": "{number} (order {order_id}, {amount}, {date})",
                     "zh": "{number}（订单{order_id}，{amount}，{date}）"},
    "delivery.option": {"en": "{label}: {low}–{high} business days, {fee}.",
                        "zh": "{label}：{low}–{high}个工作日，{fee}。"},
    "ticket.complaint": {"en": "complaint", "zh": "投诉"},
    "ticket.payment_issue": {"en": "payment problem", "zh": "付款问题"},
    "button.human": {"en": "Talk to a person", "zh": "转人工客服"},
    "list.sep": {"en": "; ", "zh": "；"},
}

# Names of the default payment methods (settings.DEFAULT_PAYMENT_METHODS); others stay as set.
PAYMENT_METHODS_ZH = {
    "Credit card (Visa, Mastercard, American Express)": "信用卡（Visa、Mastercard、American Express）",
    "Bank transfer": "银行转账",
    "Invoice (Klarna)": "发票付款（Klarna）",
}

_DATE_FORMATS = {"en": "%A, %d %B", "zh": "%m月%d日"}
_LONG_DATE_FORMATS = {"en": "%d %B %Y", "zh": "%Y年%m月%d日"}


def lang_of(value: Optional[str]) -> str:
    """A supported language code (``en`` for anything unknown)."""
    return value if value in LANGUAGES else "en"


def text(key: str, lang: str = "en", **values: Any) -> str:
    """The catalogue entry ``key`` in ``lang`` (English when missing), formatted."""
    entry = TEXTS[key]
    return entry.get(lang_of(lang), entry["en"]).format(**values)


def status_name(status: str, lang: str = "en") -> str:
    """An order/refund status word in the customer's language."""
    return text(f"status.{status}", lang) if f"status.{status}" in TEXTS else status


def reason(code: str, lang: str = "en") -> str:
    """A customer-readable sentence for a shop reason code."""
    key = f"reason.{code}"
    return text(key if key in TEXTS else "reason.default", lang)


def day(value: Optional[date], lang: str = "en", long: bool = False) -> str:
    """A date as customers read it ("Monday, 03 March" / "03月03日"), or "soon"."""
    if value is None:
        return text("date.soon", lang)
    formats = _LONG_DATE_FORMATS if long else _DATE_FORMATS
    return value.strftime(formats[lang_of(lang)])


def payment_method(name: str, lang: str = "en") -> str:
    """A payment method's name in ``lang`` (brand names stay as they are)."""
    return PAYMENT_METHODS_ZH.get(name, name) if lang_of(lang) == "zh" else name


def join(items: List[str], lang: str = "en") -> str:
    """A list in running text: "a, b" / "a、b"."""
    return ("、" if lang_of(lang) == "zh" else ", ").join(items)


def apology_for(message: Optional[str]) -> str:
    """The turn-failure apology in the language of the customer's message (English when unsure)."""
    from shopassist.nlu.langdetect import detect

    return text("error.turn_failed", "zh" if detect(message or "").language == "zh" else "en")
