"""Scale-out set-up: PostgreSQL for conversations and the shop, Redis for Rasa's lock store.

    python -m shopassist.scaleout prepare     # check the services, create the databases, seed the shop
    python -m shopassist.scaleout env         # the settings `prepare` and `make run-prod` use, as KEY=value

``scripts/servers.sh prod`` (what ``make run-prod`` runs) calls ``prepare`` and then starts the
usual servers with ``SANIC_WORKERS`` Rasa workers; tests/integration/test_scaleout.py starts the
stack the same way. Settings (environment, defaults in brackets):

- ``RASA_TRACKER_STORE_URL`` [postgresql://postgres@127.0.0.1:5432/shopassist]: Rasa's SQL tracker
  store; the database is created when missing (connecting to the server's ``postgres`` database);
- ``SHOP_DATABASE_URL`` [postgresql+psycopg://postgres@127.0.0.1:5432/shopassist]: the shop; created
  when missing and seeded when empty (``python -m shopassist.shop seed``, idempotent);
- ``RASA_LOCK_STORE_URL`` [redis://127.0.0.1:6379/1] and ``RASA_LOCK_KEY_PREFIX`` [shopassist]:
  Rasa's Redis lock store, which serialises the turns of one conversation across workers;
- ``SANIC_WORKERS`` [2]: Rasa workers behind one port. Rasa 3.6 silently falls back to one worker
  without a Redis lock store; ``prepare`` refuses that combination instead.

Only the standard library and psycopg (the app environment has it) are used; Redis is spoken to
with a few lines of its text protocol (RESP), so no Redis client is needed in this environment.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from typing import Any, Dict, List, Mapping, Optional, Sequence
from urllib.parse import unquote, urlsplit

DEFAULTS = {
    "RASA_TRACKER_STORE_URL": "postgresql://postgres@127.0.0.1:5432/shopassist",
    "SHOP_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:5432/shopassist",
    "RASA_LOCK_STORE_URL": "redis://127.0.0.1:6379/1",
    "RASA_LOCK_KEY_PREFIX": "shopassist",
    "SANIC_WORKERS": "2",
}


class ServiceMissing(RuntimeError):
    """A service the scale-out set-up needs is not reachable (the message says which and how)."""


def settings(env: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """The scale-out settings: the environment's values, else the defaults."""
    env = os.environ if env is None else env
    return {key: env.get(key) or default for key, default in DEFAULTS.items()}


# --- Redis (RESP over a socket) ----------------------------------------------------------------------
def _read_reply(stream: Any) -> Any:
    line = stream.readline()
    if not line:
        raise ConnectionError("Redis closed the connection")
    kind, rest = line[:1], line[1:].rstrip(b"\r\n")
    if kind == b"+":
        return rest.decode()
    if kind == b"-":
        raise ConnectionError(f"Redis error: {rest.decode(errors='replace')}")
    if kind == b":":
        return int(rest)
    if kind == b"$":
        size = int(rest)
        if size < 0:
            return None
        data = stream.read(size + 2)
        return data[:-2].decode(errors="replace")
    if kind == b"*":
        count = int(rest)
        return None if count < 0 else [_read_reply(stream) for _ in range(count)]
    raise ConnectionError(f"unexpected Redis reply {line[:40]!r}")


def redis_command(url: str, *args: str, timeout: float = 3.0) -> Any:
    """Run one Redis command on the database named in ``url`` (``redis://[:pw@]host[:port][/db]``)."""
    parts = urlsplit(url)
    commands: List[Sequence[str]] = []
    if parts.password:
        commands.append(("AUTH", unquote(parts.password)))
    if (parts.path or "/").strip("/"):
        commands.append(("SELECT", parts.path.strip("/")))
    commands.append(args)
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=timeout) as sock:
        payload = b"".join(
            f"*{len(c)}\r\n".encode() + b"".join(f"${len(a.encode())}\r\n{a}\r\n".encode() for a in c)
            for c in commands)
        sock.sendall(payload)
        stream = sock.makefile("rb")
        replies = [_read_reply(stream) for _ in commands]
    return replies[-1]


def redis_delete_prefix(url: str, prefix: str) -> int:
    """Delete every key starting with ``prefix`` (tests clean up their lock keys); the count."""
    deleted, cursor = 0, "0"
    while True:
        cursor, keys = redis_command(url, "SCAN", cursor, "MATCH", prefix + "*", "COUNT", "500")
        if keys:
            deleted += int(redis_command(url, "DEL", *keys))
        if cursor == "0":
            return deleted


def check_redis(url: str) -> None:
    """``ServiceMissing`` unless Redis answers PING at ``url``."""
    try:
        if redis_command(url, "PING") != "PONG":
            raise ServiceMissing(f"Redis at {url} did not answer PING")
    except OSError as error:  # ConnectionError included
        raise ServiceMissing(f"Redis is not reachable at {url} ({error}); start it or set RASA_LOCK_STORE_URL") from None


# --- PostgreSQL ----------------------------------------------------------------------------------------
def _pg_conninfo(url: str, database: Optional[str] = None) -> Dict[str, Any]:
    parts = urlsplit(url)
    info: Dict[str, Any] = {"host": parts.hostname or "127.0.0.1", "port": parts.port or 5432,
                            "dbname": database or parts.path.lstrip("/") or "postgres", "connect_timeout": 3}
    if parts.username:
        info["user"] = unquote(parts.username)
    if parts.password:
        info["password"] = unquote(parts.password)
    return info


def pg_database(url: str) -> str:
    """The database named in a PostgreSQL URL."""
    return urlsplit(url).path.lstrip("/")


def pg_admin(url: str, sql: str, params: Sequence[Any] = ()) -> List[tuple]:
    """Run ``sql`` in autocommit on the server's ``postgres`` database (CREATE/DROP DATABASE)."""
    import psycopg

    try:
        with psycopg.connect(**_pg_conninfo(url, "postgres"), autocommit=True) as conn:
            cursor = conn.execute(sql, params)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []
    except psycopg.OperationalError as error:
        raise ServiceMissing(f"PostgreSQL is not reachable at {_safe(url)} ({str(error).strip()})") from None


def ensure_database(url: str) -> bool:
    """Create the URL's database when it does not exist; True when it was created."""
    name = pg_database(url)
    if not name or not name.replace("_", "").isalnum():
        raise SystemExit(f"{_safe(url)}: the database name must be letters, digits and underscores")
    if pg_admin(url, "SELECT 1 FROM pg_database WHERE datname = %s", (name,)):
        return False
    pg_admin(url, f'CREATE DATABASE "{name}"')
    return True


def drop_database(url: str) -> None:
    """Drop the URL's database, ending its sessions first (tests)."""
    name = pg_database(url)
    pg_admin(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                  "pg_backend_pid()", (name,))
    pg_admin(url, f'DROP DATABASE IF EXISTS "{name}"')


def _safe(url: str) -> str:
    parts = urlsplit(url)
    return url.replace(f":{parts.password}@", ":***@") if parts.password else url


def prepare(env: Optional[Mapping[str, str]] = None, seed: bool = True) -> Dict[str, str]:
    """Check Redis and PostgreSQL, create the databases and seed the shop; the settings used."""
    config = settings(env)
    try:
        workers = int(config["SANIC_WORKERS"])
    except ValueError:
        raise SystemExit(f"SANIC_WORKERS must be a number, got {config['SANIC_WORKERS']!r}") from None
    if workers > 1 and not config["RASA_LOCK_STORE_URL"].startswith(("redis://", "rediss://")):
        raise SystemExit("SANIC_WORKERS > 1 needs a Redis lock store (RASA_LOCK_STORE_URL=redis://...); "
                         "Rasa would quietly run one worker")
    if not config["RASA_LOCK_KEY_PREFIX"].isalnum():
        raise SystemExit("RASA_LOCK_KEY_PREFIX must be letters and digits (Rasa ignores any other prefix)")
    check_redis(config["RASA_LOCK_STORE_URL"])
    for key in ("RASA_TRACKER_STORE_URL", "SHOP_DATABASE_URL"):
        if urlsplit(config[key]).scheme.split("+", 1)[0] in ("postgresql", "postgres"):
            ensure_database(config[key])
    if seed:
        from shopassist.settings import get_settings
        from shopassist.shop.db import dispose_engines, get_engine
        from shopassist.shop.seed import ensure_seeded

        os.environ["SHOP_DATABASE_URL"] = config["SHOP_DATABASE_URL"]
        get_settings.cache_clear()
        dispose_engines()
        ensure_seeded(get_engine())
        dispose_engines()
    return config


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopassist.scaleout", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["prepare", "env"])
    args = parser.parse_args(argv)
    if args.command == "env":
        for key, value in settings().items():
            print(f"{key}={value}")
        return 0
    try:
        config = prepare()
    except ServiceMissing as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    print(f"scale-out ready: {config['SANIC_WORKERS']} Rasa workers, tracker store "
          f"{_safe(config['RASA_TRACKER_STORE_URL'])}, shop {_safe(config['SHOP_DATABASE_URL'])}, "
          f"lock store {_safe(config['RASA_LOCK_STORE_URL'])} (prefix {config['RASA_LOCK_KEY_PREFIX']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
