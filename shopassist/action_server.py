"""Our entry point for the action server: rasa-sdk's server, on localhost, with a shared secret.

    python -m shopassist.action_server [--port 5055] [--actions actions]
    python -m shopassist.action_server write-endpoints OUT [--base endpoints.yml] [--action-url URL]

Serving (the default command):

- binds to ``SANIC_HOST`` or 127.0.0.1 (rasa-sdk's own default is 0.0.0.0);
- when ``ACTION_SERVER_TOKEN`` is set, every request except ``GET /health`` must carry it, as
  ``Authorization: Bearer <token>``, ``X-Action-Token: <token>`` or ``?token=<token>`` (what Rasa's
  ``action_endpoint: token:`` sends). Missing → 401, wrong → 403, compared in constant time with
  ``hmac.compare_digest``; the rejection is logged without the token. Unset → no check (as before);
- installs the log masking of :mod:`shopassist.privacy` (emails, phones, cards, addresses).

``write-endpoints`` writes the endpoints file the Rasa server is started with (scripts/servers.sh
and the tests): the committed ``endpoints.yml`` plus what the environment configures. Rasa's own
``${VAR}`` substitution refuses to start when a variable is unset, so optional settings cannot live
in endpoints.yml itself:

- ``action_endpoint.url`` from ``--action-url`` (scripts/servers.sh passes ``ACTION_PORT``'s URL);
- ``ACTION_SERVER_TOKEN`` → ``action_endpoint.headers.Authorization: Bearer …`` (a header, so the
  secret never appears in a URL or an access log); the file is written with mode 0600;
- ``RASA_TRACKER_STORE_URL`` (``sqlite:///path`` or ``postgresql://user[:pw]@host[:port]/db``) →
  ``tracker_store``; unset → SQLite in ``$SHOP_VAR_DIR/rasa_tracker.db`` (default ``var/``);
- ``RASA_LOCK_STORE_URL`` (``redis://[:pw@]host[:port][/db]``) → Redis ``lock_store`` (needed when
  ``SANIC_WORKERS`` > 1; ``RASA_LOCK_KEY_PREFIX`` names its keys); unset → Rasa's in-memory lock store;
- ``RASA_EVENT_BROKER_URL`` (``amqp://user:pw@host:port/?queue=name``) → Rasa's pika
  ``event_broker``; unset → the SQL event broker in ``$SHOP_VAR_DIR/rasa_events.db``; ``off`` → none.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
from functools import partial
from pathlib import Path
from typing import Any, Dict, Optional
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
TOKEN_ENV = "ACTION_SERVER_TOKEN"
logger = logging.getLogger("shopassist.action_server")


# --- authentication -------------------------------------------------------------------------------
def presented_token(headers: Any, args: Any) -> Optional[str]:
    """The token a request carries (header or query parameter), or None."""
    auth = headers.get("authorization") or ""
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    if headers.get("x-action-token"):
        return headers.get("x-action-token")
    value = args.get("token") if args is not None else None
    return value or None


def check_token(expected: str, given: Optional[str]) -> Optional[int]:
    """None when ``given`` matches ``expected``; else the HTTP status to answer (401 or 403)."""
    if not given:
        return 401
    if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode("utf-8")):
        return 403
    return None


def add_auth(app: Any, token: Optional[str]) -> None:
    """Reject requests without the shared secret (no-op when ``token`` is empty)."""
    if not token:
        return
    from sanic import response

    @app.on_request
    async def require_token(request: Any) -> Any:
        if request.method == "GET" and request.path == "/health":
            return None
        status = check_token(token, presented_token(request.headers, request.args))
        if status is None:
            return None
        logger.warning("action server: rejected %s %s from %s (%s token)", request.method, request.path,
                       request.ip, "missing" if status == 401 else "wrong")
        return response.json({"error": "unauthorized" if status == 401 else "forbidden"}, status=status)


def _app_factory(action_executor: Any, token: Optional[str], **kwargs: Any) -> Any:
    """Built in the main process and in every Sanic worker (must be module-level to be pickled)."""
    from rasa_sdk.endpoint import create_app_for_serve

    from shopassist.privacy import install_log_masking

    install_log_masking()
    app = create_app_for_serve(action_executor, **kwargs)
    add_auth(app, token)
    from shopassist.settings import get_settings

    if get_settings().kb_warmup:  # in each worker that serves, not in Sanic's main process
        app.register_listener(_warm_up_listener, "before_server_start")
    return app


async def _warm_up_listener(app: Any, loop: Any) -> None:
    """In a serving worker: the same logging as the main process (a spawned worker starts without
    it), then the background warm-up."""
    from rasa_sdk import utils

    from shopassist.warmup import start_background_warm_up

    utils.configure_colored_logging(os.environ.get("ACTION_LOG_LEVEL", "INFO"))
    start_background_warm_up()


def serve(port: int, actions_package: str, log_level: str = "INFO") -> None:
    """Run the action server (blocking)."""
    from rasa_sdk import utils
    from rasa_sdk.executor import ActionExecutor
    from sanic import Sanic
    from sanic.worker.loader import AppLoader

    from shopassist.privacy import install_log_masking

    host = os.environ.setdefault("SANIC_HOST", "127.0.0.1")
    utils.configure_colored_logging(log_level)
    install_log_masking()
    utils.update_sanic_log_level()
    token = os.environ.get(TOKEN_ENV) or None

    executor = ActionExecutor()
    executor.register_package(actions_package)
    # Under `python -m` this file is __main__; Sanic's workers unpickle the factory by module name.
    from shopassist import action_server as this_module

    loader = AppLoader(factory=partial(this_module._app_factory, executor, token, cors_origins=None))
    app = loader.load()
    logger.info("action server on http://%s:%s (shared secret %s)", host, port, "required" if token else "off")
    app.prepare(host=host, port=port, workers=utils.number_of_sanic_workers())
    Sanic.serve(primary=app, app_loader=loader)


# --- the endpoints file for the Rasa server ---------------------------------------------------------
def tracker_store_config(url: Optional[str], var_dir: Path) -> Dict[str, Any]:
    """Rasa's ``tracker_store`` section for a database URL (default: SQLite under ``var_dir``)."""
    if not url:
        return {"type": "SQL", "dialect": "sqlite", "db": str((var_dir / "rasa_tracker.db").resolve())}
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[0].lower()
    if scheme == "sqlite":
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if not path:
            raise SystemExit(f"RASA_TRACKER_STORE_URL: no file in {url!r} (use sqlite:///path/to/file.db)")
        return {"type": "SQL", "dialect": "sqlite", "db": str(Path(path).resolve())}
    if scheme in ("postgresql", "postgres"):
        # Rasa passes the section's ``url`` as the store's ``host`` (a ``host`` key would clash).
        config: Dict[str, Any] = {"type": "SQL", "dialect": "postgresql", "url": parts.hostname or "127.0.0.1",
                                  "port": parts.port or 5432, "db": parts.path.lstrip("/") or "rasa"}
        if parts.username:
            config["username"] = unquote(parts.username)
        if parts.password:
            config["password"] = unquote(parts.password)
        config["login_db"] = config["db"]
        return config
    raise SystemExit(f"RASA_TRACKER_STORE_URL: unsupported scheme {parts.scheme!r} (sqlite:/// or postgresql://)")


def lock_store_config(url: Optional[str], key_prefix: Optional[str] = None) -> Optional[Dict[str, Any]]:
    """Rasa's ``lock_store`` section for ``redis://[:password@]host[:port][/db]`` (None: in memory).

    ``key_prefix`` (``RASA_LOCK_KEY_PREFIX``, default ``shopassist``) keeps several deployments
    (or test runs) on one Redis apart; Rasa accepts only letters and digits there."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise SystemExit(f"RASA_LOCK_STORE_URL: expected redis://host:port/db, got {url!r}")
    config: Dict[str, Any] = {"type": "redis", "url": parts.hostname or "127.0.0.1", "port": parts.port or 6379,
                              "db": int(parts.path.lstrip("/") or 0), "key_prefix": key_prefix or "shopassist"}
    if not config["key_prefix"].isalnum():
        raise SystemExit(f"RASA_LOCK_KEY_PREFIX must be letters and digits, got {key_prefix!r}")
    if parts.password:
        config["password"] = unquote(parts.password)
    if parts.scheme == "rediss":
        config["use_ssl"] = True
    return config


def build_endpoints(base: Path, action_url: Optional[str], env: Dict[str, str]) -> Dict[str, Any]:
    """endpoints.yml with the environment's settings applied (see the module docstring)."""
    import yaml

    data = yaml.safe_load(base.read_text()) if base.exists() else {}
    data = data or {}
    action = dict(data.get("action_endpoint") or {})
    if action_url:
        action["url"] = action_url
    token = env.get(TOKEN_ENV)
    if token:
        action["headers"] = {**(action.get("headers") or {}), "Authorization": f"Bearer {token}"}
    data["action_endpoint"] = action
    var_dir = Path(env.get("SHOP_VAR_DIR") or ROOT / "var")
    data["tracker_store"] = tracker_store_config(env.get("RASA_TRACKER_STORE_URL"), var_dir)
    lock = lock_store_config(env.get("RASA_LOCK_STORE_URL"), env.get("RASA_LOCK_KEY_PREFIX"))
    if lock:
        data["lock_store"] = lock
    from shopassist.insights.broker import event_broker_config

    broker = event_broker_config(env.get("RASA_EVENT_BROKER_URL"), var_dir)
    if broker:
        data["event_broker"] = broker
    return data


def write_endpoints(out: Path, base: Path = ROOT / "endpoints.yml", action_url: Optional[str] = None,
                    env: Optional[Dict[str, str]] = None) -> Path:
    """Write the generated endpoints file (mode 0600: it may hold the shared secret)."""
    import yaml

    data = build_endpoints(base, action_url, dict(os.environ if env is None else env))
    from shopassist.insights.broker import ensure_sql_events_table

    ensure_sql_events_table(data.get("event_broker"))  # before several workers race to create it
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(str(out), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("# Generated by `python -m shopassist.action_server write-endpoints` from endpoints.yml;"
                     " do not edit.\n")
        yaml.safe_dump(data, handle, sort_keys=False)
    os.chmod(out, 0o600)
    return out


def main(argv: Optional[list] = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["write-endpoints"]:
        parser = argparse.ArgumentParser(prog="python -m shopassist.action_server write-endpoints")
        parser.add_argument("out", type=Path)
        parser.add_argument("--base", type=Path, default=ROOT / "endpoints.yml")
        parser.add_argument("--action-url")
        args = parser.parse_args(argv[1:])
        print(write_endpoints(args.out, args.base, args.action_url))
        return
    parser = argparse.ArgumentParser(prog="python -m shopassist.action_server")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_PORT", 5055)))
    parser.add_argument("--actions", default="actions")
    parser.add_argument("--log-level", default=os.environ.get("ACTION_LOG_LEVEL", "INFO"))
    args = parser.parse_args(argv)
    serve(args.port, args.actions, args.log_level)


if __name__ == "__main__":
    main()
