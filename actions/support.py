"""Support tasks: reviews, complaints, call-backs, payment and sign-up problems."""

from shopassist import texts
from shopassist.settings import get_settings
from shopassist.shop import service

from .outcome import Outcome, TaskContext



def review(ctx: TaskContext) -> Outcome:
    """Store a review with its rating."""
    rating = int(ctx.slot("rating"))
    service.add_review(rating, ctx.slot("feedback_text") or "", customer_id=ctx.customer_id)
    return Outcome.say("utter_review_saved", rating=rating)


def ticket(kind: str):
    """A handler that files the description as a ticket of ``kind``."""

    def handle(ctx: TaskContext) -> Outcome:
        created = service.open_ticket(
            kind,
            ctx.slot("feedback_text") or ctx.slot("task_text") or "",
            customer_id=ctx.customer_id,
            sender_id=ctx.sender_id,
            email=ctx.slot("customer_email"),
        )
        return Outcome.say("utter_ticket_created", kind=texts.text(f"ticket.{kind}", ctx.lang) if f"ticket.{kind}" in texts.TEXTS else kind, ticket=created.number)

    return handle


def registration_problem(ctx: TaskContext) -> Outcome:
    """File a sign-up problem and give the usual fixes."""
    created = service.open_ticket(
        "registration_problem", ctx.slot("feedback_text") or "", sender_id=ctx.sender_id, email=ctx.slot("customer_email")
    )
    return Outcome.say("utter_registration_help", ticket=created.number)


def callback(ctx: TaskContext) -> Outcome:
    """Create a call-back ticket for a human agent."""
    created = service.open_ticket(
        "callback",
        ctx.slot("task_text") or "call-back requested",
        customer_id=ctx.customer_id,
        sender_id=ctx.sender_id,
        phone=ctx.slot("phone"),
    )
    return Outcome.say("utter_callback_created", phone=ctx.slot("phone"), ticket=created.number, hours=get_settings().support_hours)
