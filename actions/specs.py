"""What each task needs before it can run: the table the form validator reads."""

from dataclasses import dataclass
from typing import Dict, Tuple


@dataclass(frozen=True)
class TaskSpec:
    """Details a task needs.

    needs_order: the task is about one order (its number is asked for).
    needs_identity: the customer must prove who they are (email + an order number of theirs,
        or a chat sender already linked to a customer) before anything is shown or changed.
    extra: further slots, asked in this order.
    confirm: the task changes or deletes something, so the bot asks "shall I go ahead?" first.
    """

    needs_order: bool = False
    needs_identity: bool = False
    extra: Tuple[str, ...] = ()
    confirm: bool = False


TASKS: Dict[str, TaskSpec] = {
    "track_order": TaskSpec(needs_order=True, needs_identity=True),
    "delivery_period": TaskSpec(needs_order=True, needs_identity=True),
    "cancel_order": TaskSpec(needs_order=True, needs_identity=True, confirm=True),
    # Answered from policy alone unless the customer names an order.
    "check_cancellation_fee": TaskSpec(),
    "change_order": TaskSpec(needs_order=True, needs_identity=True, extra=("line_sku", "quantity"), confirm=True),
    "change_shipping_address": TaskSpec(
        needs_order=True, needs_identity=True, extra=("shipping_address",), confirm=True
    ),
    "set_up_shipping_address": TaskSpec(needs_identity=True, extra=("shipping_address",)),
    "get_refund": TaskSpec(needs_order=True, needs_identity=True, confirm=True),
    "track_refund": TaskSpec(needs_identity=True),
    "get_invoice": TaskSpec(needs_identity=True),
    "check_invoice": TaskSpec(needs_identity=True),
    "create_account": TaskSpec(extra=("customer_email", "person_name", "account_type")),
    "delete_account": TaskSpec(needs_identity=True, confirm=True),
    "edit_account": TaskSpec(needs_identity=True, extra=("account_field", "account_value")),
    # Right of access (issue #12): what the shop knows about the customer, mailed to them.
    "request_data_export": TaskSpec(needs_identity=True),
    "switch_account": TaskSpec(needs_identity=True, extra=("account_type",)),
    "recover_password": TaskSpec(extra=("customer_email",)),
    "newsletter_subscription": TaskSpec(extra=("customer_email",)),
    "review": TaskSpec(extra=("rating", "feedback_text")),
    # Tickets need a way to reply: the email is asked unless the customer is known.
    "complaint": TaskSpec(extra=("feedback_text", "customer_email")),
    "contact_human_agent": TaskSpec(extra=("phone",)),
    "payment_issue": TaskSpec(extra=("feedback_text", "customer_email")),
    "registration_problems": TaskSpec(extra=("feedback_text", "customer_email")),
    # Shopping (issue #8): the cart becomes an order of the verified customer after a yes.
    "checkout": TaskSpec(needs_identity=True, confirm=True),
}

#: Slots that belong to one task and are cleared when it ends (order and identity are kept
#: so that "cancel it" after tracking refers to the same order).
TASK_SLOTS = (
    "task",
    "task_text",
    "invoice_id",
    "person_name",
    "account_type",
    "shipping_address",
    "line_sku",
    "quantity",
    "account_field",
    "account_value",
    "rating",
    "feedback_text",
    "phone",
    "refund_amount",
    "pending_action",
    "failed_attempts",
)

#: Marks a task that was stopped because the customer could not be verified.
VERIFICATION_FAILED = "verification_failed"
MAX_VERIFICATION_ATTEMPTS = 3


def _about_order(task: str, spec: TaskSpec, has_order: bool, has_invoice: bool) -> bool:
    # A fee question about a named order, or an invoice asked for without its number,
    # turns into a question about an order.
    if spec.needs_order:
        return True
    return (task == "check_cancellation_fee" and has_order) or (task == "get_invoice" and not has_invoice)


def needs_identity(task: str, *, has_order: bool, has_invoice: bool = False) -> bool:
    """Whether ``task`` shows or changes a customer's data (so identity must be proven)."""
    spec = TASKS.get(task)
    if spec is None:
        return False
    return spec.needs_identity or _about_order(task, spec, has_order, has_invoice)


def required_slots(task: str, *, verified: bool, has_order: bool, has_invoice: bool = False) -> Tuple[str, ...]:
    """Slots the form asks for, in order, for ``task`` given what is already known."""
    spec = TASKS.get(task)
    if spec is None:
        return ()
    identity = needs_identity(task, has_order=has_order, has_invoice=has_invoice) and not verified
    slots = []
    if _about_order(task, spec, has_order, has_invoice) or identity:
        slots.append("order_id")
    if identity:
        slots.append("customer_email")
    slots.extend(s for s in spec.extra if s not in slots)
    return tuple(slots)
