"""Engine and session factory.

Engines are created lazily (never at import) and cached per URL. ``session_scope()``
opens one session per call, commits on success and rolls back on any exception.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, Optional

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from shopassist.settings import SettingsError, get_settings

from .models import Base

__all__ = [
    "get_engine",
    "dispose_engines",
    "session_scope",
    "use_session",
    "init_db",
    "reset_db",
    "safe_url",
]

_lock = threading.Lock()
_engines: Dict[str, Engine] = {}
_sessionmakers: Dict[Engine, sessionmaker] = {}


def _create_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise SettingsError(f"invalid database URL {url!r}: {exc}") from exc
    echo = get_settings().database_echo
    try:
        if parsed.get_backend_name() != "sqlite":
            return create_engine(url, echo=echo, pool_pre_ping=True)
        database = parsed.database or ""
        if database in ("", ":memory:"):
            # One shared connection, otherwise each connection sees its own empty DB.
            engine = create_engine(
                url,
                echo=echo,
                connect_args={"check_same_thread": False},
                poolclass=StaticPool,
            )
        else:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
    except NoSuchModuleError as exc:
        raise SettingsError(f"unsupported database URL {safe_url(url)!r}: {exc}") from exc

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if database not in ("", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")  # readers don't block the action server
        # A locked database fails after 2 s: the action can still answer politely within Rasa's 3 s
        # action timeout (issue #7), instead of the customer waiting for a generic apology.
        cur.execute("PRAGMA busy_timeout=2000")
        cur.close()

    return engine


def get_engine(url: Optional[str] = None) -> Engine:
    """Return the (cached) engine for ``url`` or for the configured ``database_url``."""
    url = url or str(get_settings().database_url)
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _create_engine(url)
        return engine


def dispose_engines() -> None:
    """Dispose and forget all cached engines (tests; after changing ``SHOP_DATABASE_URL``)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _sessionmakers.clear()


def _sessionmaker(engine: Engine) -> sessionmaker:
    with _lock:
        maker = _sessionmakers.get(engine)
        if maker is None:
            # expire_on_commit=False: views are built inside the session anyway, but a
            # caller may still read simple attributes after commit without a reload.
            maker = _sessionmakers[engine] = sessionmaker(bind=engine, expire_on_commit=False)
        return maker


@contextmanager
def session_scope(engine: Optional[Engine] = None) -> Iterator[Session]:
    """Open a session; commit when the block succeeds, roll back when it raises."""
    session = _sessionmaker(engine or get_engine())()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def use_session(session: Optional[Session] = None) -> Iterator[Session]:
    """Yield ``session`` unchanged (the caller owns its transaction) or a fresh scope."""
    if session is not None:
        yield session
    else:
        with session_scope() as own:
            yield own


def init_db(engine: Optional[Engine] = None) -> None:
    """Create all shop tables that do not exist yet."""
    Base.metadata.create_all(engine or get_engine())


def reset_db(engine: Optional[Engine] = None) -> None:
    """Drop and re-create the shop tables (only ours; other tables are left alone)."""
    engine = engine or get_engine()
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)


def safe_url(url: Optional[str] = None) -> str:
    """The database URL with any password masked, for printing."""
    url = url or str(get_settings().database_url)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
