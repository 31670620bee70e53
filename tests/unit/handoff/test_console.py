"""Agent console: login, session cookies, the generated password, the queue API (real HTTP, temp DB)."""

import threading
from http.server import ThreadingHTTPServer

import httpx
import pytest

from shopassist.handoff import console, service
from shopassist.settings import get_settings
from shopassist.shop.db import dispose_engines


@pytest.fixture
def server(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOP_DATABASE_URL", f"sqlite:///{tmp_path / 'shop.db'}")
    monkeypatch.setenv("SHOP_HANDOFF_OPEN_DAYS", "[0,1,2,3,4,5,6]")
    monkeypatch.setenv("SHOP_HANDOFF_OPEN_HOURS", "[0,24]")
    get_settings.cache_clear()
    dispose_engines()
    console.Handler.console = console.Console("s3cret-password", "http://127.0.0.1:9", "x")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), console.Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    get_settings.cache_clear()
    dispose_engines()


def test_session_tokens_expire_and_are_bound_to_the_password() -> None:
    c = console.Console("pw-one", "http://x", "s")
    token = c.session_token()
    assert c.valid_token(token)
    assert not console.Console("pw-two", "http://x", "s").valid_token(token)
    assert not c.valid_token(c.session_token(now=0))  # expired long ago
    assert not c.valid_token("garbage") and not c.valid_token("123.abc")


def test_generated_password_is_private_and_stable(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("SHOP_AGENT_PASSWORD", raising=False)
    get_settings.cache_clear()
    first, path = console.password_from_env_or_file(tmp_path)
    assert path == tmp_path / "agent_password" and oct(path.stat().st_mode & 0o777) == "0o600"
    assert console.password_from_env_or_file(tmp_path)[0] == first and len(first) >= 20
    monkeypatch.setenv("SHOP_AGENT_PASSWORD", "from-env")
    get_settings.cache_clear()
    assert console.password_from_env_or_file(tmp_path) == ("from-env", None)
    get_settings.cache_clear()


def test_login_required_then_cookie_session_lists_the_queue(server) -> None:
    service.request_handoff("cust-1", "rest", [{"event": "user", "text": "help!!", "parse_data": {
        "intent": {"name": "contact_human_agent"}, "sentiment": {"label": "negative", "score": -0.7}}}], {})
    assert httpx.get(f"{server}/api/queue").status_code == 401
    assert "Password" in httpx.get(f"{server}/").text
    wrong = httpx.post(f"{server}/login", data={"password": "nope"})
    assert wrong.status_code == 401 and "Wrong password" in wrong.text
    with httpx.Client(base_url=server) as client:
        login = client.post("/login", data={"password": "s3cret-password"})
        assert login.status_code == 303 and "HttpOnly" in login.headers["set-cookie"]
        assert "SameSite=Strict" in login.headers["set-cookie"]
        queue = client.get("/api/queue").json()
        assert [r["sender_id"] for r in queue] == ["cust-1"]
        assert queue[0]["summary"]["intents"] == ["contact_human_agent"]
        assert "Hand back to the bot" in client.get("/").text
        assert client.get("/api/conversations/999").status_code == 404
        # the Rasa server is unreachable here: the console says so instead of failing
        reply = client.post(f"/api/conversations/{queue[0]['id']}/reply", json={"text": "hi"})
        assert reply.status_code == 502
        assert client.post(f"/api/conversations/{queue[0]['id']}/reply", json={}).status_code == 400
        assert client.post("/api/conversations/1/reply", content=b"{not json",
                           headers={"Content-Type": "application/json"}).status_code == 400
    bearer = httpx.get(f"{server}/api/queue", headers={"Authorization": "Bearer s3cret-password"})
    assert bearer.status_code == 200
