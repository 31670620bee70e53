"""The webchat page server: local files only, config for the widget, no npm internals."""

from __future__ import annotations

import httpx
import pytest

from shopassist.channels.webpage import WEBCHAT_DIR, serve_in_thread


@pytest.fixture
def page():
    server = serve_in_thread(port=0, rasa_url="http://127.0.0.1:5999/")
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_page_and_widget_are_served(page: str) -> None:
    index = httpx.get(f"{page}/")
    assert index.status_code == 200
    assert "widget.js" in index.text and "config.js" in index.text
    assert "http" not in index.text.split("<body>")[1].replace("http-equiv", "")  # nothing remote
    assert httpx.get(f"{page}/widget.js").status_code == 200
    assert httpx.get(f"{page}/widget.css").status_code == 200


def test_config_points_the_widget_at_rasa(page: str) -> None:
    config = httpx.get(f"{page}/config.js")
    assert config.headers["content-type"].startswith("application/javascript")
    assert '"socketUrl": "http://127.0.0.1:5999"' in config.text


def test_npm_internals_are_not_served(page: str) -> None:
    assert httpx.get(f"{page}/node_modules/socket.io-client/package.json").status_code == 404
    assert httpx.get(f"{page}/package.json").status_code == 404
    assert httpx.get(f"{page}/../credentials.yml").status_code == 404


def test_socket_io_client_is_vendored_or_explained(page: str) -> None:
    reply = httpx.get(f"{page}/vendor/socket.io.min.js")
    if (WEBCHAT_DIR / "vendor" / "socket.io.min.js").exists():
        assert reply.status_code == 200
    else:
        assert reply.status_code == 500 and "make webchat" in reply.text
