"""Account tasks: create, delete, edit, switch type, password reset, newsletter."""

import json
import re

from shopassist.insights.profiles import export_customer, forget_customer, refresh_profiles
from shopassist.shop import service
from shopassist.shop.db import get_engine
from shopassist.shop.errors import AlreadyExists

from .outcome import Outcome, TaskContext

_UNSUBSCRIBE = re.compile(r"\b(un-?subscri\w*|stop|cancel\w*|opt[- ]?out|remove|no (more|longer))\b", re.I)


def create_account(ctx: TaskContext) -> Outcome:
    """Open an account."""
    email = ctx.slot("customer_email")
    try:
        customer = service.create_account(email, ctx.slot("person_name"), ctx.slot("account_type") or "standard")
    except AlreadyExists:
        return Outcome.say("utter_account_exists", email=email)
    return Outcome.say("utter_account_created", name=customer.name, account_type=customer.account_type, email=customer.email)


def delete_quote(ctx: TaskContext) -> Outcome:
    """Ask before deleting the account."""
    return Outcome(replies=[("utter_delete_quote", {})], pending=True)


def delete_account(ctx: TaskContext) -> Outcome:
    """Delete the account (personal data anonymised) and forget the identity in this chat."""
    service.delete_account(ctx.customer_id)
    forget_customer(get_engine(), ctx.customer_id)  # profile and conversation history go too
    return Outcome(
        replies=[("utter_account_deleted", {})],
        slots={"customer_id": None, "customer_email": None, "order_id": None, "person_name": None},
    )


def export_data(ctx: TaskContext) -> Outcome:
    """Right of access: mail the full copy of what the shop holds to the address on file and say
    in the chat what it contains (the chat window itself shows no more than counts)."""
    refresh_profiles(get_engine(), {ctx.customer_id})  # the profile as of now, not as of the last event batch
    document = export_customer(get_engine(), ctx.customer_id)
    subject = "您的个人数据副本" if ctx.lang == "zh" else "A copy of your personal data"
    email = service.mail_customer(ctx.customer_id, subject, json.dumps(document, ensure_ascii=False, indent=1))
    profile = document.get("profile") or {}
    return Outcome.say(
        "utter_data_export_sent", email=email, orders=len(document["orders"]),
        addresses=len(document["addresses"]), tickets=len(document["tickets"]), reviews=len(document["reviews"]),
        messages=len(document["conversations"]),
        categories=", ".join(profile.get("favourite_categories") or []) or "-",
    )


def edit_account(ctx: TaskContext) -> Outcome:
    """Change name, email or phone."""
    field, value = ctx.slot("account_field"), ctx.slot("account_value")
    customer = service.edit_account(ctx.customer_id, **{field: value})
    slots = {"customer_email": customer.email} if field == "email" else {}
    return Outcome(replies=[("utter_account_updated", {"account_field": field, "account_value": value})], slots=slots)


def switch_account(ctx: TaskContext) -> Outcome:
    """Change the account type."""
    customer = service.switch_account_type(ctx.customer_id, ctx.slot("account_type"))
    return Outcome.say("utter_account_switched", account_type=customer.account_type)


def recover_password(ctx: TaskContext) -> Outcome:
    """Send a reset link; the answer is the same whether or not the account exists."""
    email = ctx.slot("customer_email")
    service.request_password_reset(email)
    return Outcome.say("utter_password_reset", email=email)


def wants_unsubscribe(text: str) -> bool:
    """Whether a newsletter request asks to stop it."""
    return bool(_UNSUBSCRIBE.search(text or ""))


def newsletter(ctx: TaskContext) -> Outcome:
    """Subscribe or unsubscribe, as the request said."""
    email = ctx.slot("customer_email")
    subscribe = not wants_unsubscribe(ctx.slot("task_text") or "")
    service.set_newsletter(email, subscribe)
    return Outcome.say("utter_newsletter_on" if subscribe else "utter_newsletter_off", email=email)
