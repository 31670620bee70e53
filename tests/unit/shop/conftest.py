"""Fixtures for the shop tests: a fresh, seeded database per test on SQLite and (when
reachable) PostgreSQL, isolated in its own schema so shared databases are not clobbered."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Iterator, Optional

import pytest

from shopassist.settings import get_settings
from shopassist.shop.db import dispose_engines
from shopassist.shop.models import utcnow
from shopassist.shop.seed import ensure_seeded

PG_URL = os.environ.get("SHOP_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

_pg_state: dict = {}


def _pg_unavailable_reason() -> Optional[str]:
    """None when PostgreSQL answers, else why not (checked once per session)."""
    if "reason" not in _pg_state:
        try:
            import psycopg

            from sqlalchemy.engine import make_url

            url = make_url(PG_URL).set(drivername="postgresql")
            dsn = url.render_as_string(hide_password=False)
            with psycopg.connect(dsn, connect_timeout=3) as conn:
                conn.execute("SELECT 1")
            _pg_state["reason"] = None
        except Exception as exc:  # any failure means: skip, with the reason
            _pg_state["reason"] = f"PostgreSQL not reachable at {PG_URL}: {exc}".strip()
    return _pg_state["reason"]


def _pg_admin(sql: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    dsn = make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(autouse=True)
def _isolate_shop_env() -> Iterator[None]:
    """Restore SHOP_* environment variables and drop cached settings/engines after each
    test (the CLI's --db option writes SHOP_DATABASE_URL into os.environ)."""
    saved = {k: v for k, v in os.environ.items() if k.startswith("SHOP_")}
    yield
    for key in [k for k in os.environ if k.startswith("SHOP_")]:
        if key not in saved:
            del os.environ[key]
    os.environ.update(saved)
    get_settings.cache_clear()
    dispose_engines()


@dataclass(frozen=True)
class ShopDB:
    backend: str
    url: str
    now: datetime  # the seeding "now" (naive UTC)


def _use_url(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("SHOP_DATABASE_URL", url)
    get_settings.cache_clear()
    dispose_engines()


@contextmanager
def _database(backend: str, tmp_path, monkeypatch) -> Iterator[ShopDB]:
    """An empty database (no tables) selected through SHOP_DATABASE_URL."""
    schema = None
    if backend == "postgres":
        reason = _pg_unavailable_reason()
        if reason:
            pytest.skip(reason)
        schema = f"shoptest_{uuid.uuid4().hex[:12]}"
        _pg_admin(f'CREATE SCHEMA "{schema}"')
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    else:
        url = f"sqlite:///{tmp_path / 'shop.db'}"
    _use_url(monkeypatch, url)
    try:
        yield ShopDB(backend=backend, url=url, now=utcnow().replace(microsecond=0))
    finally:
        dispose_engines()
        get_settings.cache_clear()
        if schema:
            _pg_admin(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgres"])
def empty_db(request: pytest.FixtureRequest, tmp_path, monkeypatch) -> Iterator[ShopDB]:
    """An empty database on SQLite and on PostgreSQL (skipped if unreachable)."""
    with _database(request.param, tmp_path, monkeypatch) as db:
        yield db


@pytest.fixture(params=["sqlite", "postgres"])
def shop_db(request: pytest.FixtureRequest, tmp_path, monkeypatch) -> Iterator[ShopDB]:
    """A freshly seeded demo shop, on SQLite and on PostgreSQL (skipped if unreachable)."""
    with _database(request.param, tmp_path, monkeypatch) as db:
        ensure_seeded(now=db.now)
        yield db


@pytest.fixture
def sqlite_shop(tmp_path, monkeypatch) -> Iterator[ShopDB]:
    """A freshly seeded demo shop on SQLite only (for the non-core tests)."""
    with _database("sqlite", tmp_path, monkeypatch) as db:
        ensure_seeded(now=db.now)
        yield db
