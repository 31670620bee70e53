"""Serve the demo shop page with the chat widget (stdlib only; runs in either environment).

    python -m shopassist.channels.webpage --port 8080 --rasa-url http://127.0.0.1:5005

Everything comes from ``webchat/`` on this machine; the socket.io client is copied from npm into
``webchat/vendor/`` by ``make webchat``. ``/config.js`` tells the widget where Rasa's socket.io
channel is (``--rasa-url``, default ``$RASA_URL`` or http://127.0.0.1:5005).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional

WEBCHAT_DIR = Path(__file__).resolve().parents[2] / "webchat"
VENDOR_HINT = "webchat/vendor/socket.io.min.js is missing: run `make webchat` (copies the socket.io client from npm)"


class PageHandler(SimpleHTTPRequestHandler):
    """Static files from ``webchat/`` plus a generated ``/config.js``; node_modules stays private."""

    rasa_url = "http://127.0.0.1:5005"
    quiet = False

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        path = self.path.split("?", 1)[0]
        if path == "/config.js":
            config = {"socketUrl": self.rasa_url, "socketPath": "/socket.io/"}
            body = f"window.SHOPASSIST_CONFIG = {json.dumps(config)};\n".encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            return
        if path.startswith("/node_modules") or path.startswith("/package"):
            self.send_error(404)
            return
        if path == "/vendor/socket.io.min.js" and not (WEBCHAT_DIR / "vendor" / "socket.io.min.js").exists():
            self.send_error(500, VENDOR_HINT)
            return
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        if not self.quiet:
            super().log_message(format, *args)


def make_server(host: str = "127.0.0.1", port: int = 8080, rasa_url: str = "http://127.0.0.1:5005",
                quiet: bool = False) -> ThreadingHTTPServer:
    handler = type("ConfiguredPageHandler", (PageHandler,), {"rasa_url": rasa_url.rstrip("/"), "quiet": quiet})
    return ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(WEBCHAT_DIR)))


def serve_in_thread(host: str = "127.0.0.1", port: int = 0, rasa_url: str = "http://127.0.0.1:5005"
                    ) -> ThreadingHTTPServer:
    """Start the page server in a daemon thread (for tests); ``server.shutdown()`` stops it."""
    server = make_server(host, port, rasa_url, quiet=True)
    threading.Thread(target=server.serve_forever, name="webchat-page", daemon=True).start()
    return server


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("BIND_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEBCHAT_PORT", "8080")))
    parser.add_argument("--rasa-url", default=os.environ.get("RASA_URL", "http://127.0.0.1:5005"),
                        help="where the browser reaches Rasa's socket.io channel")
    args = parser.parse_args(argv)
    if not (WEBCHAT_DIR / "vendor" / "socket.io.min.js").exists():
        print(f"error: {VENDOR_HINT}", file=sys.stderr)
        return 1
    server = make_server(args.host, args.port, args.rasa_url)
    print(f"webchat page on http://{args.host}:{server.server_address[1]}/ (Rasa socket.io at {args.rasa_url})",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
