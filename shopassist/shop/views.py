"""Plain, immutable result objects returned by the service (never ORM rows).

Amounts are floats in ``currency`` units (rounded to cents); datetimes are timezone-aware
UTC. ``to_dict()`` gives a JSON-safe dict (dates as ISO strings) for slots/logging.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Dict, Optional, Tuple

__all__ = [
    "CustomerRef",
    "AddressView",
    "OrderLineView",
    "OrderView",
    "CancellationQuote",
    "RefundView",
    "InvoiceView",
    "TicketView",
    "ProductView",
    "DeliveryOption",
    "PaymentMethodView",
]


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


class _View:
    def to_dict(self) -> Dict[str, Any]:
        """JSON-safe dict of the fields (nested views included)."""
        return _jsonable(dataclasses.asdict(self))  # type: ignore[call-overload]


@dataclass(frozen=True)
class CustomerRef(_View):
    id: int
    email: str
    name: str
    phone: Optional[str]
    account_type: str


@dataclass(frozen=True)
class AddressView(_View):
    id: int
    label: str
    street: str
    city: str
    postcode: str
    country: str
    is_default: bool
    text: str  # one-line rendering: "street, postcode city, country"


@dataclass(frozen=True)
class OrderLineView(_View):
    sku: str
    name: str
    quantity: int
    unit_price: float
    line_total: float


@dataclass(frozen=True)
class OrderView(_View):
    order_id: str  # 8-digit order number
    status: str  # placed | paid | shipped | delivered | cancelled | returned
    items: Tuple[OrderLineView, ...]
    subtotal: float
    shipping_fee: float
    total: float
    currency: str
    shipping_method: str  # standard | express
    shipping_address: str
    created_at: datetime
    paid_at: Optional[datetime]
    shipped_at: Optional[datetime]
    delivered_at: Optional[datetime]
    cancelled_at: Optional[datetime]
    carrier: Optional[str]
    tracking_number: Optional[str]
    estimated_delivery: Optional[date]  # shipment ETA, or the latest expected date if unshipped
    invoice_number: Optional[str]


@dataclass(frozen=True)
class CancellationQuote(_View):
    order_id: str
    allowed: bool
    fee: float
    reason: str  # policy reason code, e.g. "not_paid", "fee_applies", "already_shipped"
    refund_amount: float  # what would be refunded (0 for unpaid orders)
    currency: str


@dataclass(frozen=True)
class RefundView(_View):
    refund_id: int
    order_id: str
    amount: float
    currency: str
    status: str  # requested | approved | paid
    reason: str
    requested_at: datetime
    paid_at: Optional[datetime]
    expected_by: Optional[date]  # latest expected payout date (None once paid)


@dataclass(frozen=True)
class InvoiceView(_View):
    invoice_number: str  # "INV-" + 8 digits
    order_id: str
    amount: float
    currency: str
    issued_at: datetime
    order_status: str


@dataclass(frozen=True)
class TicketView(_View):
    number: str  # "T-000123"
    kind: str
    status: str
    created_at: datetime


@dataclass(frozen=True)
class ProductView(_View):
    sku: str
    name: str
    category: str
    brand: str
    color: Optional[str]
    sizes: Tuple[str, ...]
    material: Optional[str]
    price: float
    currency: str
    stock: int
    in_stock: bool
    description: str


@dataclass(frozen=True)
class DeliveryOption(_View):
    method: str  # standard | express
    label: str
    fee: float
    currency: str
    min_days: int  # business days
    max_days: int
    free_from: Optional[float]  # subtotal from which the fee is waived (None: never)


@dataclass(frozen=True)
class PaymentMethodView(_View):
    kind: str
    last4: Optional[str]
    label: str  # e.g. "Visa ending in 4242"
    is_default: bool
