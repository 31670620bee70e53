"""Request authentication for the Slack and Messenger webhooks (stdlib only).

Slack signs ``v0:{X-Slack-Request-Timestamp}:{raw body}`` with HMAC-SHA256 and the app's signing
secret, sends it as ``X-Slack-Signature: v0=<hex>``, and asks receivers to refuse timestamps more
than five minutes off (replay protection). Meta signs the raw body with HMAC-SHA256 and the app
secret and sends ``X-Hub-Signature-256: sha256=<hex>``. Both comparisons are constant time.

The verify functions return ``None`` when the request is authentic, else a short reason for the
log (never echoed to the caller).
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import OrderedDict
from typing import Optional, Union

#: Slack's replay window: requests signed more than this many seconds away from now are refused.
SLACK_MAX_AGE_S = 5 * 60

Body = Union[bytes, bytearray, str]


def _bytes(body: Body) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def slack_signature(secret: str, timestamp: Union[str, int], body: Body) -> str:
    """The ``X-Slack-Signature`` value Slack sends for ``body`` at ``timestamp``."""
    base = b"v0:" + str(timestamp).encode("ascii") + b":" + _bytes(body)
    return "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()


def verify_slack_signature(
    secret: str,
    timestamp: Optional[str],
    signature: Optional[str],
    body: Body,
    now: Optional[float] = None,
    max_age: int = SLACK_MAX_AGE_S,
) -> Optional[str]:
    """``None`` if the request is signed by Slack within the replay window, else the reason."""
    if not secret:
        return "no signing secret configured"
    if not signature:
        return "missing X-Slack-Signature"
    if not timestamp:
        return "missing X-Slack-Request-Timestamp"
    try:
        sent = int(timestamp)
    except ValueError:
        return "malformed X-Slack-Request-Timestamp"
    age = (time.time() if now is None else now) - sent
    if abs(age) > max_age:
        when = f"{int(age)} s old" if age > 0 else f"{int(-age)} s in the future"
        return f"stale request: timestamp is {when} (limit {max_age} s)"
    expected = slack_signature(secret, sent, body)
    if not hmac.compare_digest(expected.encode("ascii"), signature.strip().encode("utf-8", "replace")):
        return "signature mismatch"
    return None


def hub_signature_256(app_secret: str, body: Body) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends for ``body``."""
    return "sha256=" + hmac.new(app_secret.encode("utf-8"), _bytes(body), hashlib.sha256).hexdigest()


def verify_hub_signature_256(app_secret: str, header: Optional[str], body: Body) -> Optional[str]:
    """``None`` if ``header`` is Meta's SHA-256 signature of ``body``, else the reason.

    Only SHA-256 is accepted: the legacy SHA-1 ``X-Hub-Signature`` header is ignored.
    """
    if not app_secret:
        return "no app secret configured"
    if not header:
        return "missing X-Hub-Signature-256"
    if not header.startswith("sha256="):
        return "X-Hub-Signature-256 is not a sha256 signature"
    expected = hub_signature_256(app_secret, body)
    if not hmac.compare_digest(expected.encode("ascii"), header.strip().encode("utf-8", "replace")):
        return "signature mismatch"
    return None


def tokens_equal(given: Optional[str], expected: Optional[str]) -> bool:
    """Constant-time comparison of two secrets; an unset expected secret never matches."""
    if not expected or given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class RecentKeys:
    """Keys seen in the last ``ttl`` seconds (at most ``size``): drops redelivered events.

    ``seen(key)`` records the key and says whether it had been recorded before.
    """

    def __init__(self, ttl: float = 3600.0, size: int = 10_000) -> None:
        self.ttl = ttl
        self.size = size
        self._keys: "OrderedDict[str, float]" = OrderedDict()
        self._lock = threading.Lock()

    def seen(self, key: str, now: Optional[float] = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            while self._keys:
                oldest, at = next(iter(self._keys.items()))
                if now - at <= self.ttl and len(self._keys) < self.size:
                    break
                self._keys.popitem(last=False)
            if key in self._keys:
                return True
            self._keys[key] = now
            return False

    def __len__(self) -> int:
        return len(self._keys)
