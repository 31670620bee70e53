"""The shopping cart (a list of ``{"sku", "quantity"}`` kept in the ``cart`` slot) and checkout:
turning it into a new order for a verified customer, to their default address."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopassist.shop._common import active_customer, address_text, order_view, recompute_totals
from shopassist.shop.db import use_session
from shopassist.shop.errors import NotAllowed
from shopassist.shop.models import Order, OrderEvent, OrderLine, Product
from shopassist.shop.views import OrderView, ProductView

__all__ = ["CartLine", "add", "lines", "total", "total_with_shipping", "place_order", "MAX_QUANTITY"]

MAX_QUANTITY = 10


@dataclass(frozen=True)
class CartLine:
    product: ProductView
    quantity: int


def add(cart: Optional[Sequence[Dict[str, Any]]], sku: str, quantity: int = 1) -> List[Dict[str, Any]]:
    """The cart with ``quantity`` more of ``sku`` (capped at :data:`MAX_QUANTITY`)."""
    items = [dict(item) for item in (cart or []) if isinstance(item, dict) and item.get("sku")]
    for item in items:
        if item["sku"] == sku:
            item["quantity"] = min(MAX_QUANTITY, int(item.get("quantity") or 1) + quantity)
            return items
    return items + [{"sku": sku, "quantity": max(1, min(MAX_QUANTITY, quantity))}]


def lines(cart: Optional[Sequence[Dict[str, Any]]], catalog: Dict[str, ProductView]) -> List[CartLine]:
    """Cart lines for the products that still exist."""
    return [CartLine(catalog[item["sku"]], int(item.get("quantity") or 1))
            for item in (cart or []) if isinstance(item, dict) and item.get("sku") in catalog]


def total(cart_lines: Sequence[CartLine]) -> float:
    """The products' total (without shipping)."""
    return round(sum(line.product.price * line.quantity for line in cart_lines), 2)


def total_with_shipping(cart_lines: Sequence[CartLine]) -> float:
    """What the order would cost with standard shipping (free above the threshold)."""
    from shopassist.shop import policy

    subtotal = total(cart_lines)
    return round(subtotal + policy.shipping_fee("standard", subtotal), 2)


def _next_number(s: Session) -> str:
    highest = s.scalar(select(func.max(Order.number)))
    return str(int(highest or 10000000) + 1)


def place_order(customer_id: int, cart: Sequence[Dict[str, Any]], *, session: Optional[Session] = None) -> OrderView:
    """A new order (status ``placed``) with the cart's products, shipped to the default address.

    Raises :class:`NotAllowed` ("out_of_stock") when a product ran out since it was added, and
    ("empty_cart") for an empty cart; stock is reserved in the same transaction.
    """
    if not cart:
        raise NotAllowed("empty_cart")
    with use_session(session) as s:
        customer = active_customer(s, customer_id)
        address = next((a for a in customer.addresses if a.is_default), None) or (customer.addresses or [None])[0]
        order = Order(number=_next_number(s), customer_id=customer.id, status="placed", shipping_method="standard",
                      shipping_address=(f"{customer.name}, " + address_text(address.street, address.postcode,
                                                                            address.city, address.country))
                      if address else "")
        for item in cart:
            product = s.get(Product, str(item["sku"]))
            qty = max(1, min(MAX_QUANTITY, int(item.get("quantity") or 1)))
            if product is None or product.stock < qty:
                raise NotAllowed("out_of_stock")
            product.stock -= qty
            order.lines.append(OrderLine(sku=product.sku, name=product.name, quantity=qty,
                                         unit_price_cents=product.price_cents))
        s.add(order)
        recompute_totals(order)
        order.events.append(OrderEvent(status="placed", note="chat checkout"))
        s.flush()
        return order_view(order)
