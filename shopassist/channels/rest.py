"""REST channel with input checks and a reply even when the action server fails.

credentials.yml::

    shopassist.channels.rest.ShopRestInput: {}

Customers post to the same URL as with Rasa's built-in channel: ``POST /webhooks/rest/webhook``
with ``{"sender": "...", "message": "...", "metadata": {...}}`` (``GET /webhooks/rest/`` is the
health check). Compared with Rasa 3.6's ``RestInput``:

- protocol errors get a JSON error and a 4xx, never a traceback: a body over
  ``SHOP_REST_MAX_BODY`` bytes (default 64 KiB) → 413; a content type other than JSON → 415;
  invalid UTF-8 or invalid JSON, a body that is not an object, a missing/overlong sender, a
  ``message`` that is not a string or ``metadata`` that is not an object → 400;
- a message over ``SHOP_MAX_MESSAGE_CHARS`` (2,000) or with nothing in it (empty, whitespace or
  only control characters) gets a polite answer and never reaches the dialogue; control and
  invisible format characters are removed from the text before it does;
- the client cannot choose ``input_channel`` (Rasa's channel lets it claim e.g. "slack", and the
  assistant trusts sender ids only on channels that authenticate them); ``?stream=true`` is not
  offered;
- when an action fails or the turn takes over ``SHOP_TURN_TIMEOUT`` seconds the customer gets
  ``SORRY`` after whatever was already said (:mod:`shopassist.channels.guard`, shared with the
  socket.io, Slack and Messenger channels), and the next message is handled normally once the
  action server is back;
- with ``SHOP_WORKER_HEADER=1`` replies carry ``X-Shop-Worker: <pid>`` (which Sanic worker answered;
  the scale-out test uses it).
"""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from shopassist.channels.guard import guard, install
from shopassist.settings import get_settings

logger = logging.getLogger(__name__)

TOO_LONG = "That message is too long for me (at most {limit:,} characters). Could you say it in fewer words?"
EMPTY = "I didn't get a message there. What can I help you with?"

_SETTINGS = get_settings()  # read once when Rasa loads the channel
MAX_MESSAGE_CHARS = _SETTINGS.max_message_chars
MAX_BODY_BYTES = _SETTINGS.rest_max_body
MAX_SENDER_CHARS = 128
WORKER_HEADER = _SETTINGS.worker_header  # SHOP_WORKER_HEADER=1: say which Sanic worker answered

# --- input cleaning ----------------------------------------------------------------------------------
_KEEP = {"\n", "\t"}


def clean_text(text: str) -> str:
    """``text`` without control, format (zero-width, bidi) and unassigned characters or lone
    surrogates; tabs and newlines become spaces; NFC-normalised and stripped."""
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in _KEEP:
            out.append(" ")
        elif category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", re.sub(r" {2,}", " ", "".join(out))).strip()


class BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def parse_body(content_type: str, body: bytes) -> Dict[str, Any]:
    """The request's JSON object, or ``BadRequest`` with the status to answer."""
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest(413, f"request body too large (at most {MAX_BODY_BYTES} bytes)")
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media != "application/json":
        raise BadRequest(415, "Content-Type must be application/json")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(400, "body is not valid UTF-8") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise BadRequest(400, "body is not valid JSON") from None
    if not isinstance(data, dict):
        raise BadRequest(400, "body must be a JSON object")
    sender = data.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest(400, '"sender" must be a non-empty string')
    if len(sender) > MAX_SENDER_CHARS or clean_text(sender) != sender.strip() or sender != sender.strip():
        raise BadRequest(400, f'"sender" must be at most {MAX_SENDER_CHARS} printable characters')
    message = data.get("message")
    if message is not None and not isinstance(message, str):
        raise BadRequest(400, '"message" must be a string')
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest(400, '"metadata" must be an object')
    return data


def _error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message, "status": status}, status=status)


class ShopRestInput(RestInput):
    """The REST webhook at /webhooks/rest/webhook, with checks and graceful failure."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        install()
        return cls()

    def _extract_input_channel(self, req: Request) -> Text:
        return self.name()  # never what the client claims

    async def handle_turn(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], text: str,
                          sender: str, metadata: Optional[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Run one turn; the bot's messages, with the apology (:mod:`.guard`) if anything failed."""
        collector = CollectingOutputChannel()
        await guard(on_new_message)(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
        return list(collector.messages)  # a copy: a timed-out turn may still add to the collector

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                data = parse_body(request.headers.get("content-type", ""), request.body or b"")
            except BadRequest as bad:
                logger.info("rest: rejected a request from %s: %s", request.ip, bad.message)
                return _error(bad.status, bad.message)
            sender = data["sender"]
            raw = data.get("message") or ""
            if len(raw) > MAX_MESSAGE_CHARS:
                return response.json([{"recipient_id": sender, "text": TOO_LONG.format(limit=MAX_MESSAGE_CHARS)}])
            text = clean_text(raw)
            if not text:
                return response.json([{"recipient_id": sender, "text": EMPTY}])
            messages = await self.handle_turn(on_new_message, text, sender, data.get("metadata"))
            # os.getpid() at reply time: Sanic workers are forked after this channel was loaded
            return response.json(messages, headers={"X-Shop-Worker": str(os.getpid())} if WORKER_HEADER else None)

        return webhook
