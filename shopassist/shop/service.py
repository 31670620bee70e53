"""Public service API of the demo shop (re-exports the topic modules).

Import from here: ``from shopassist.shop import service`` then ``service.get_order(...)``.
Every function accepts an optional keyword ``session``; without it the call runs in its
own transaction. Results are frozen dataclasses of plain values (see :mod:`.views`).
"""

from __future__ import annotations

from .accounts import (
    create_account,
    customer_for_sender,
    delete_account,
    edit_account,
    find_customer_by_email,
    get_customer,
    link_sender,
    list_addresses,
    newsletter_status,
    mail_customer,
    request_password_reset,
    saved_payment_methods,
    set_default_address,
    set_newsletter,
    switch_account_type,
    unlink_sender,
    verify_customer,
)
from .catalog import (
    categories,
    delivery_options,
    get_product,
    payment_methods,
    refund_policy,
    search_products,
)
from .errors import (
    AlreadyExists,
    CustomerNotFound,
    InvalidInput,
    InvoiceNotFound,
    NotAllowed,
    OrderNotFound,
    ProductNotFound,
    ShopError,
)
from .ids import normalize_email, normalize_invoice_id, normalize_order_id
from .orders import (
    add_order_line,
    cancel_order,
    cancellation_quote,
    change_shipping_address,
    get_invoice,
    get_order,
    list_invoices,
    list_orders,
    refund_status,
    request_refund,
    return_eligibility,
    send_invoice,
    update_order_line,
)
from .support import add_review, open_ticket
from .views import (
    AddressView,
    CancellationQuote,
    CustomerRef,
    DeliveryOption,
    InvoiceView,
    OrderLineView,
    OrderView,
    PaymentMethodView,
    ProductView,
    RefundView,
    TicketView,
)

__all__ = [
    # accounts
    "verify_customer", "customer_for_sender", "link_sender", "unlink_sender",
    "find_customer_by_email", "get_customer", "create_account", "delete_account",
    "edit_account", "switch_account_type", "request_password_reset", "mail_customer", "set_default_address",
    "list_addresses", "set_newsletter", "newsletter_status", "saved_payment_methods",
    # orders
    "get_order", "list_orders", "cancellation_quote", "cancel_order", "update_order_line",
    "add_order_line", "change_shipping_address", "request_refund", "refund_status",
    "get_invoice", "list_invoices", "send_invoice", "return_eligibility",
    # support
    "open_ticket", "add_review",
    # catalogue / shop info
    "search_products", "get_product", "categories", "delivery_options", "payment_methods",
    "refund_policy",
    # ids
    "normalize_order_id", "normalize_invoice_id", "normalize_email",
    # errors
    "ShopError", "OrderNotFound", "InvoiceNotFound", "CustomerNotFound", "ProductNotFound",
    "NotAllowed", "AlreadyExists", "InvalidInput",
    # views
    "CustomerRef", "AddressView", "OrderLineView", "OrderView", "CancellationQuote",
    "RefundView", "InvoiceView", "TicketView", "ProductView", "DeliveryOption",
    "PaymentMethodView",
]
