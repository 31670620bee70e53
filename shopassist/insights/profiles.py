"""Customer profiles computed from orders, reviews, tickets and conversations; the data a
customer may ask to see (export) or to have removed (forget).

    python -m shopassist.insights.profiles show|export|forget CUSTOMER_ID

Conversations are linked to a customer by the ``customer_id`` slot the actions set after
verification. ``forget`` removes the profile and strips the customer's conversations of their
text and sender id, so counts and rates stay correct while nothing points to the person.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import time
from collections import Counter
from typing import Any, Dict, List, Optional, Set

from sqlalchemy import Float, Integer, Text, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from .models import ConversationEvent, InsightsBase, ensure_tables

__all__ = ["CustomerProfile", "build_profile", "refresh_profiles", "get_profile", "export_customer",
           "forget_customer", "linked_senders", "history_signals"]


class CustomerProfile(InsightsBase):
    """The latest computed profile of one customer (JSON)."""

    __tablename__ = "insights_profiles"

    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[str] = mapped_column(Text)
    updated: Mapped[float] = mapped_column(Float, default=time.time)


def linked_senders(session: Session, customer_id: int) -> Set[str]:
    """Conversations in which this customer was verified."""
    rows = session.scalars(select(ConversationEvent.sender_id).where(ConversationEvent.type == "slot",
                                                                      ConversationEvent.name == "customer_id",
                                                                      ConversationEvent.value == str(customer_id)))
    return set(rows)


def _top(counter: Counter, n: int = 3) -> List[str]:
    return [k for k, _ in counter.most_common(n) if k]


def build_profile(session: Session, customer_id: int) -> Dict[str, Any]:
    """The profile of one customer, from the shop tables and the analytics events."""
    from shopassist.shop.models import Customer, Order, OrderStatus, Product, Review, Ticket

    customer = session.get(Customer, customer_id)
    if customer is None:
        raise KeyError(f"no customer {customer_id}")
    categories, brands, colors, prices = Counter(), Counter(), Counter(), []
    value, count, last = 0, 0, None
    for order in session.scalars(select(Order).where(Order.customer_id == customer_id)):
        if order.status == OrderStatus.CANCELLED:
            continue
        count += 1
        value += order.total_cents - sum(r.amount_cents for r in order.refunds if r.status == "paid")
        last = max(last or order.created_at, order.created_at)
        for line in order.lines:
            product = session.get(Product, line.sku)
            if product is None:
                continue
            categories[product.category] += line.quantity
            brands[product.brand] += line.quantity
            if product.color:
                colors[product.color] += line.quantity
            prices.append(line.unit_price_cents)
    catalog = sorted(session.scalars(select(Product.price_cents)))
    band = None
    if prices and catalog:
        median = statistics.median(prices)
        low, high = catalog[len(catalog) // 3], catalog[2 * len(catalog) // 3]
        band = "budget" if median < low else "premium" if median > high else "mid-range"
    ratings = [r.rating for r in session.scalars(select(Review).where(Review.customer_id == customer_id))]
    open_tickets = sum(1 for t in session.scalars(select(Ticket).where(Ticket.customer_id == customer_id))
                       if t.status == "open")
    senders = linked_senders(session, customer_id)
    csat = _csat_scores(session, senders)
    language, sentiments = "en", []
    if senders:
        events = session.scalars(select(ConversationEvent).where(ConversationEvent.sender_id.in_(senders))
                                 .order_by(ConversationEvent.timestamp))
        for e in events:
            if e.type == "slot" and e.name == "language" and e.value:
                language = e.value.strip('"')
            elif e.type == "user" and e.sentiment:
                score = abs(e.sentiment_score or 1.0)
                sentiments.append(score if e.sentiment == "positive" else -score if e.sentiment == "negative" else 0.0)
    return {
        "customer_id": customer_id, "account_type": customer.account_type, "orders": count,
        "last_order": last.isoformat() if last else None, "lifetime_value_cents": value,
        "favourite_categories": _top(categories), "favourite_brands": _top(brands), "favourite_colors": _top(colors, 2),
        "price_band": band, "reviews": len(ratings), "mean_rating": round(statistics.mean(ratings), 2) if ratings else None,
        "open_tickets": open_tickets, "language": language, "conversations": len(senders),
        "sentiment_history": [round(s, 2) for s in sentiments[-10:]],
        "mean_sentiment": round(statistics.mean(sentiments), 3) if sentiments else None,
        "csat_ratings": len(csat), "mean_csat": round(statistics.mean(csat), 2) if csat else None,
    }


def _csat_scores(session: Session, senders: Set[str]) -> List[int]:
    """The 1-5 ratings given in this customer's conversations (the table exists: refresh_profiles)."""
    from shopassist.handoff.models import CsatRating

    if not senders:
        return []
    return list(session.scalars(select(CsatRating.score).where(CsatRating.sender_id.in_(senders))))


def history_signals(profile: Optional[Dict[str, Any]]) -> List[str]:
    """What an agent (and the reply tone) should know from the customer's history: ``unhappy
    before`` (mostly negative messages or a mean rating of 2 or less), ``open tickets``,
    ``high value`` (lifetime value from ``SHOP_HANDOFF_HIGH_VALUE_CENTS``). Empty for unknown customers."""
    from shopassist.settings import get_settings

    if not profile:
        return []
    signals = []
    mean_sentiment, mean_csat = profile.get("mean_sentiment"), profile.get("mean_csat")
    if (mean_sentiment is not None and mean_sentiment <= -0.3) or (mean_csat is not None and mean_csat <= 2):
        signals.append("unhappy before")
    if profile.get("open_tickets"):
        signals.append("open tickets")
    if (profile.get("lifetime_value_cents") or 0) >= get_settings().handoff_high_value_cents:
        signals.append("high value")
    return signals


def refresh_profiles(engine: Engine, customer_ids: Optional[Set[int]] = None) -> int:
    """Recompute the profiles of ``customer_ids`` (all customers when None); returns how many."""
    from shopassist.handoff.models import Base as HandoffBase, CsatRating
    from shopassist.shop.models import Customer

    ensure_tables(engine)
    HandoffBase.metadata.create_all(engine, tables=[CsatRating.__table__])  # ratings are part of a profile
    with Session(engine) as session, session.begin():
        ids = customer_ids if customer_ids is not None else set(
            session.scalars(select(Customer.id).where(Customer.deleted.is_(False))))
        done = 0
        for cid in ids:
            try:
                data = build_profile(session, cid)
            except KeyError:
                continue
            row = session.get(CustomerProfile, cid) or CustomerProfile(customer_id=cid)
            row.data, row.updated = json.dumps(data), time.time()
            session.add(row)
            done += 1
        return done


def get_profile(engine: Engine, customer_id: int) -> Optional[Dict[str, Any]]:
    """The stored profile, or None."""
    ensure_tables(engine)
    with Session(engine) as session:
        row = session.get(CustomerProfile, customer_id)
        return json.loads(row.data) if row else None


def export_customer(engine: Engine, customer_id: int) -> Dict[str, Any]:
    """Everything the shop holds about a customer, as one JSON-able document."""
    from shopassist.shop.models import Customer, NewsletterSubscription, Order, Review, Ticket

    ensure_tables(engine)
    with Session(engine) as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise KeyError(f"no customer {customer_id}")
        senders = linked_senders(session, customer_id)
        newsletter = session.scalars(select(NewsletterSubscription)
                                     .where(NewsletterSubscription.email == customer.email)).first()
        messages = session.scalars(select(ConversationEvent).where(ConversationEvent.sender_id.in_(senders),
                                                                   ConversationEvent.type.in_(["user", "bot"]))
                                   .order_by(ConversationEvent.timestamp)) if senders else []
        return {
            "customer": {"id": customer.id, "email": customer.email, "name": customer.name, "phone": customer.phone,
                         "account_type": customer.account_type, "created_at": customer.created_at.isoformat()},
            "addresses": [{"label": a.label, "street": a.street, "city": a.city, "postcode": a.postcode,
                           "country": a.country} for a in customer.addresses],
            "orders": [{"number": o.number, "status": o.status, "total_cents": o.total_cents,
                        "created_at": o.created_at.isoformat(),
                        "lines": [{"sku": li.sku, "name": li.name, "quantity": li.quantity} for li in o.lines]}
                       for o in session.scalars(select(Order).where(Order.customer_id == customer_id))],
            "tickets": [{"kind": t.kind, "status": t.status, "text": t.text, "created_at": t.created_at.isoformat()}
                        for t in session.scalars(select(Ticket).where(Ticket.customer_id == customer_id))],
            "reviews": [{"sku": r.sku, "rating": r.rating, "text": r.text}
                        for r in session.scalars(select(Review).where(Review.customer_id == customer_id))],
            "newsletter": bool(newsletter and newsletter.subscribed),
            "profile": (json.loads(p.data) if (p := session.get(CustomerProfile, customer_id)) else None),
            "conversations": [{"when": m.timestamp, "from": "customer" if m.type == "user" else "assistant",
                               "text": m.text} for m in messages],
        }


def forget_customer(engine: Engine, customer_id: int) -> int:
    """Remove the profile and detach the customer's conversations (text, sender id, identity slots);
    counts stay. Returns the number of events anonymised. (The account itself is anonymised by
    ``shopassist.shop.service.delete_account``.)"""
    ensure_tables(engine)
    with Session(engine) as session, session.begin():
        row = session.get(CustomerProfile, customer_id)
        if row is not None:
            session.delete(row)
        senders = linked_senders(session, customer_id)
        changed = 0
        for sender in senders:
            alias = "forgotten-" + hashlib.sha256(f"{sender}|{time.time()}".encode()).hexdigest()[:12]
            result = session.execute(update(ConversationEvent).where(ConversationEvent.sender_id == sender)
                                     .values(sender_id=alias, text=None, value=None))
            changed += result.rowcount or 0
        return changed


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopassist.insights.profiles", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["show", "export", "forget", "refresh"])
    parser.add_argument("customer_id", nargs="?", type=int)
    args = parser.parse_args(argv)
    from shopassist.shop.db import get_engine

    engine = get_engine()
    if args.command == "refresh":
        print(f"refreshed {refresh_profiles(engine, {args.customer_id} if args.customer_id else None)} profiles")
    elif args.customer_id is None:
        parser.error(f"{args.command} needs a customer id")
    elif args.command == "show":
        refresh_profiles(engine, {args.customer_id})
        print(json.dumps(get_profile(engine, args.customer_id), indent=1, ensure_ascii=False))
    elif args.command == "export":
        print(json.dumps(export_customer(engine, args.customer_id), indent=1, ensure_ascii=False))
    else:
        print(f"anonymised {forget_customer(engine, args.customer_id)} conversation events")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
