"""Typed errors raised by the shop service.

Every error carries a short machine ``code`` (and ``reason`` for :class:`NotAllowed`);
the bot renders the prose. ``OrderNotFound`` / ``InvoiceNotFound`` are raised identically
for unknown ids and for ids owned by someone else, so nothing is revealed.
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "ShopError",
    "OrderNotFound",
    "InvoiceNotFound",
    "CustomerNotFound",
    "ProductNotFound",
    "NotAllowed",
    "AlreadyExists",
    "InvalidInput",
]


class ShopError(Exception):
    """Base class of all shop errors."""

    code = "shop_error"


class OrderNotFound(ShopError):
    """The order does not exist or does not belong to the customer (indistinguishable)."""

    code = "order_not_found"

    def __init__(self) -> None:
        super().__init__("order not found")


class InvoiceNotFound(ShopError):
    """The invoice does not exist or does not belong to the customer (indistinguishable)."""

    code = "invoice_not_found"

    def __init__(self) -> None:
        super().__init__("invoice not found")


class CustomerNotFound(ShopError):
    """No active customer with that id / email."""

    code = "customer_not_found"

    def __init__(self) -> None:
        super().__init__("customer not found")


class ProductNotFound(ShopError):
    """Unknown product SKU."""

    code = "product_not_found"

    def __init__(self, sku: str = "") -> None:
        self.sku = sku
        super().__init__(f"product not found: {sku}" if sku else "product not found")


class NotAllowed(ShopError):
    """The action is not permitted in the current state; ``reason`` is a machine code."""

    code = "not_allowed"

    def __init__(self, reason: str, detail: Optional[str] = None) -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(reason if detail is None else f"{reason}: {detail}")


class AlreadyExists(ShopError):
    """A unique record (e.g. an account email) already exists."""

    code = "already_exists"

    def __init__(self, what: str = "record") -> None:
        self.what = what
        super().__init__(f"{what} already exists")


class InvalidInput(ShopError):
    """A value supplied by the user is malformed; ``field`` names it, ``reason`` says why."""

    code = "invalid_input"

    def __init__(self, field: str, reason: str = "invalid") -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"invalid {field}: {reason}")
