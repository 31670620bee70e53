"""Command line: ``python -m shopassist.shop seed|reset|customers|orders|info``.

``--db URL`` overrides ``SHOP_DATABASE_URL`` for one call. The URL in use is always printed
(password masked).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Optional, Sequence

from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from shopassist.settings import SettingsError, get_settings

from .db import dispose_engines, get_engine, safe_url, session_scope
from .models import Base, Customer, Order
from .seed import DEMO, ensure_seeded, reset

__all__ = ["main", "build_parser"]


class CliError(Exception):
    """A user-facing error: printed without a traceback, exit code 1."""


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser of the shop CLI."""
    parser = argparse.ArgumentParser(prog="python -m shopassist.shop",
                                     description="Demo shop database tools.")
    parser.add_argument("--db", metavar="URL",
                        help="database URL (default: SHOP_DATABASE_URL or var/shop.db)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("seed", help="create tables and seed demo data (no-op when already seeded)")
    sub.add_parser("reset", help="drop the shop tables, re-create and seed")
    sub.add_parser("customers", help="list customers")
    orders = sub.add_parser("orders", help="list orders")
    orders.add_argument("--customer", metavar="EMAIL", help="only this customer's orders")
    orders.add_argument("--limit", type=int, default=50, help="max rows (default 50)")
    sub.add_parser("info", help="settings, database and row counts")
    return parser


def _require_tables(engine: Engine) -> None:
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        if not Path(str(url.database)).exists():
            raise CliError(f"no database at {url.database}; run `python -m shopassist.shop seed`")
    if not inspect(engine).has_table(Order.__tablename__):
        raise CliError("the shop tables do not exist; run `python -m shopassist.shop seed`")


def _cmd_seed(console: Console, engine: Engine, do_reset: bool) -> None:
    report = reset(engine) if do_reset else ensure_seeded(engine)
    if report.seeded:
        console.print("[green]seeded[/green] demo data")
    else:
        console.print("already seeded, nothing to do (use [bold]reset[/bold] to start over)")
    table = Table("table", "rows")
    for name, count in report.counts.items():
        table.add_row(name, str(count))
    console.print(table)
    console.print(f"demo: {DEMO['alice_email']} owns orders 10000001–10000006, "
                  f"{DEMO['bob_email']} owns 10000011–10000012")


def _cmd_customers(console: Console, engine: Engine) -> None:
    _require_tables(engine)
    with session_scope(engine) as s:
        rows = s.execute(
            select(Customer.id, Customer.email, Customer.name, Customer.account_type,
                   func.count(Order.id), Customer.deleted)
            .outerjoin(Order, Order.customer_id == Customer.id)
            .group_by(Customer.id).order_by(Customer.id)
        ).all()
    table = Table("id", "email", "name", "type", "orders", title=f"{len(rows)} customers")
    for cid, email, name, kind, count, deleted in rows:
        table.add_row(str(cid), email, name + (" (deleted)" if deleted else ""), kind, str(count))
    console.print(table)


def _cmd_orders(console: Console, engine: Engine, email: Optional[str], limit: int) -> None:
    _require_tables(engine)
    stmt = select(Order, Customer.email).join(Customer)
    if email:
        stmt = stmt.where(Customer.email == email.strip().lower())
    stmt = stmt.order_by(Order.number).limit(max(1, limit))
    with session_scope(engine) as s:
        rows = [(o.number, mail, o.status, o.shipping_method, o.total_cents, o.created_at,
                 o.shipment.tracking_number if o.shipment else "")
                for o, mail in s.execute(stmt).all()]
    if email and not rows:
        raise CliError(f"no orders for {email!r}")
    currency = get_settings().currency
    table = Table("order", "customer", "status", "method", f"total ({currency})", "created",
                  "tracking", title=f"{len(rows)} orders")
    for number, mail, status, method, total, created, tracking in rows:
        table.add_row(number, mail, status, method, f"{total / 100:.2f}",
                      created.strftime("%Y-%m-%d"), tracking)
    console.print(table)


def _cmd_info(console: Console, engine: Engine) -> None:
    cfg = get_settings()
    rules = Table("setting", "value", title="business rules")
    for name in ("currency", "return_window_days", "cancellation_grace_hours", "cancellation_fee",
                 "refund_processing_days", "standard_delivery_days", "express_delivery_days",
                 "standard_shipping_fee", "express_shipping_fee", "free_shipping_threshold",
                 "support_hours", "support_phone", "support_email"):
        rules.add_row(name, str(getattr(cfg, name)))
    rules.add_row("payment_methods", "; ".join(cfg.payment_methods))
    console.print(rules)
    _require_tables(engine)
    counts = Table("table", "rows", title="database")
    with session_scope(engine) as s:
        for table in Base.metadata.sorted_tables:
            counts.add_row(table.name, str(s.scalar(select(func.count()).select_from(table))))
    console.print(counts)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the CLI; returns the process exit code."""
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    console = Console(soft_wrap=True)  # long URLs and paths stay on one line
    err = Console(stderr=True, soft_wrap=True)
    if args.db:
        os.environ["SHOP_DATABASE_URL"] = args.db
        get_settings.cache_clear()
        dispose_engines()
    try:
        url = str(get_settings().database_url)
        console.print(f"database: [bold]{safe_url(url)}[/bold]")
        engine = get_engine(url)
        if args.command in ("seed", "reset"):
            _cmd_seed(console, engine, args.command == "reset")
        elif args.command == "customers":
            _cmd_customers(console, engine)
        elif args.command == "orders":
            _cmd_orders(console, engine, args.customer, args.limit)
        else:
            _cmd_info(console, engine)
    except (SettingsError, CliError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 1
    except OperationalError as exc:
        err.print(f"[red]error:[/red] cannot use the database: {str(exc.orig).strip()}")
        return 1
    except SQLAlchemyError as exc:
        err.print(f"[red]error:[/red] database error: {exc}")
        return 1
    return 0


