"""Messenger connector: Rasa's ``FacebookInput`` with SHA-256 signatures, instant acks, async sends.

credentials.yml::

    shopassist.channels.facebook.SignedFacebookInput: {}

Secrets come from the environment: ``FACEBOOK_VERIFY_TOKEN`` (any string you also type into the
webhook set-up), ``FACEBOOK_APP_SECRET`` (App settings > Basic), ``FACEBOOK_PAGE_ACCESS_TOKEN``;
optional ``FACEBOOK_GRAPH_URL`` (default https://graph.facebook.com/v19.0; the tests point it at a
local stand-in). Without them the channel stays mounted at /webhooks/facebook/webhook but answers
503 and logs why.

What differs from Rasa 3.6's built-in connector, which checks the legacy SHA-1 ``X-Hub-Signature``
with ``==``, answers 200 to forged requests and blocks the event loop on ``requests``:
- POSTs need a valid ``X-Hub-Signature-256`` (constant-time); otherwise 401 and a log line;
- the webhook subscription check compares the verify token in constant time, 403 on mismatch;
- every messaging event of a batch is handled (not only the first), echoes/deliveries/reads are
  skipped, redelivered events are dropped by message id, and the request is acknowledged at once;
- replies go out with aiohttp (never blocking), with ``appsecret_proof``; more than three buttons
  become quick replies instead of being dropped; ``elements`` become a generic template (cards);
- when an action fails or the turn is too slow the customer gets an apology, not silence
  (:mod:`shopassist.channels.guard`).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Text, Union

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from shopassist.channels import formats
from shopassist.channels.guard import guard, install
from shopassist.channels.security import RecentKeys, tokens_equal, verify_hub_signature_256

logger = logging.getLogger(__name__)

DEFAULT_GRAPH_URL = "https://graph.facebook.com/v19.0"


class AsyncMessengerBot(OutputChannel):
    """Sends replies with the Messenger Send API (``POST {graph}/me/messages``)."""

    @classmethod
    def name(cls) -> Text:
        return "facebook"

    def __init__(self, page_access_token: Text, app_secret: Text = "", graph_url: Text = DEFAULT_GRAPH_URL) -> None:
        self.page_access_token = page_access_token
        self.graph_url = graph_url.rstrip("/")
        self.params = {"access_token": page_access_token}
        if app_secret:
            self.params["appsecret_proof"] = hmac.new(
                app_secret.encode("utf-8"), page_access_token.encode("utf-8"), hashlib.sha256).hexdigest()
        super().__init__()

    async def _post(self, body: Dict[Text, Any]) -> None:
        url = f"{self.graph_url}/me/messages"
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15)) as session:
                async with session.post(url, params=self.params, json=body) as reply:
                    if reply.status >= 400:
                        logger.error("facebook: Send API answered %s: %s", reply.status, (await reply.text())[:500])
        except Exception as error:  # network trouble must not break the conversation state
            logger.error("facebook: Send API call failed: %r", error)

    async def send_message(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        await self._post({"recipient": {"id": recipient_id}, "messaging_type": "RESPONSE", "message": message})

    async def send_action(self, recipient_id: Text, sender_action: Text) -> None:
        """``typing_on``, ``typing_off`` or ``mark_seen``."""
        await self._post({"recipient": {"id": recipient_id}, "sender_action": sender_action})

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in formats.split_paragraphs(text):
            await self.send_message(recipient_id, formats.fb_text(part))

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self.send_message(recipient_id, formats.fb_image(image))

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_message(recipient_id, formats.fb_buttons(text, buttons))

    async def send_quick_replies(
        self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_message(recipient_id, formats.fb_quick_replies(text, quick_replies))

    async def send_elements(self, recipient_id: Text, elements: Iterable[Dict[Text, Any]], **kwargs: Any) -> None:
        await self.send_message(recipient_id, formats.fb_generic(elements))

    async def send_attachment(  # type: ignore[override]
        self, recipient_id: Text, attachment: Any, **kwargs: Any
    ) -> None:
        if isinstance(attachment, dict):
            await self.send_message(recipient_id, {"attachment": attachment})
        else:
            await self.send_text_message(recipient_id, str(attachment))

    async def send_custom_json(
        self, recipient_id: Text, json_message: Union[List, Dict[Text, Any]], **kwargs: Any
    ) -> None:
        """A raw Send API ``message`` object (or a list of them)."""
        for message in json_message if isinstance(json_message, list) else [json_message]:
            message = dict(message)
            target = (message.pop("sender", None) or {}).get("id", recipient_id)
            await self.send_message(target, message)


class SignedFacebookInput(FacebookInput):
    """Messenger webhook at /webhooks/facebook/webhook."""

    @classmethod
    def name(cls) -> Text:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        install()
        c = dict(credentials or {})
        env = os.environ
        return cls(
            c.get("verify") or env.get("FACEBOOK_VERIFY_TOKEN", ""),
            c.get("secret") or env.get("FACEBOOK_APP_SECRET", ""),
            c.get("page-access-token") or env.get("FACEBOOK_PAGE_ACCESS_TOKEN", ""),
            graph_url=c.get("graph_url") or env.get("FACEBOOK_GRAPH_URL") or DEFAULT_GRAPH_URL,
        )

    def __init__(self, fb_verify: Text, fb_secret: Text, fb_access_token: Text,
                 graph_url: Text = DEFAULT_GRAPH_URL) -> None:
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.graph_url = graph_url
        self.recent = RecentKeys(ttl=3600)
        self._background_tasks: "set[asyncio.Task]" = set()
        missing = [name for name, value in (("FACEBOOK_VERIFY_TOKEN", fb_verify), ("FACEBOOK_APP_SECRET", fb_secret),
                                            ("FACEBOOK_PAGE_ACCESS_TOKEN", fb_access_token)) if not value]
        self.enabled = not missing
        if missing:
            logger.warning("Messenger channel is OFF: %s not set. /webhooks/facebook/webhook answers 503 until "
                           "they are (see docs/channels.md).", ", ".join(missing))
        else:
            logger.info("Messenger channel is on: webhook /webhooks/facebook/webhook, replies via %s", graph_url)

    def get_output_channel(self) -> OutputChannel:
        return AsyncMessengerBot(self.fb_access_token, self.fb_secret, self.graph_url)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        fb_webhook = Blueprint("fb_webhook", __name__)

        @fb_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "disabled"})

        @fb_webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            if not self.enabled:
                logger.warning("facebook: refused a subscription check from %s: the channel is off", request.ip)
                return response.text("Messenger channel not configured", status=HTTPStatus.SERVICE_UNAVAILABLE)
            if request.args.get("hub.mode") == "subscribe" and tokens_equal(
                    request.args.get("hub.verify_token"), self.fb_verify):
                logger.info("facebook: webhook subscription verified")
                return response.text(request.args.get("hub.challenge", ""))
            logger.warning("facebook: refused a subscription check from %s: wrong hub.verify_token", request.ip)
            return response.text("wrong verify token", status=HTTPStatus.FORBIDDEN)

        @fb_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.enabled:
                logger.warning("facebook: refused a request from %s: the Messenger channel is off", request.ip)
                return response.text("Messenger channel not configured", status=HTTPStatus.SERVICE_UNAVAILABLE)
            problem = verify_hub_signature_256(self.fb_secret, request.headers.get("X-Hub-Signature-256"),
                                               request.body)
            if problem:
                logger.warning("facebook: rejected request from %s: %s", request.ip, problem)
                return response.text("invalid or missing X-Hub-Signature-256", status=HTTPStatus.UNAUTHORIZED)
            try:
                body = json.loads(request.body or b"{}")
                messages = self._user_messages(body)
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                logger.warning("facebook: malformed request from %s: %r", request.ip, error)
                return response.text("malformed request", status=HTTPStatus.BAD_REQUEST)
            if messages:
                self._dispatch(on_new_message, messages)
            return response.text("EVENT_RECEIVED")

        return fb_webhook

    def _user_messages(self, body: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        """(sender, text, metadata) of every new customer message or postback in a batch."""
        if body.get("object") != "page":
            return []
        found = []
        for entry in body.get("entry") or []:
            for event in entry.get("messaging") or []:
                sender = (event.get("sender") or {}).get("id")
                message = event.get("message") or {}
                text: Optional[Text] = None
                key = ""
                if message and not message.get("is_echo"):
                    if (message.get("quick_reply") or {}).get("payload"):
                        text = message["quick_reply"]["payload"]
                    elif message.get("text"):
                        text = message["text"]
                    elif message.get("attachments"):
                        text = (message["attachments"][0].get("payload") or {}).get("url")
                    key = f"mid:{message['mid']}" if message.get("mid") else ""
                elif event.get("postback"):
                    text = event["postback"].get("payload") or event["postback"].get("title")
                    key = f"postback:{event['postback'].get('mid') or (sender, event.get('timestamp'))}"
                if not text or not sender:
                    continue  # echoes, deliveries, reads, reactions
                if key and self.recent.seen(key):
                    logger.info("facebook: ignored a redelivered event %s", key)
                    continue
                found.append({"sender": sender, "text": text,
                              "metadata": {"recipient": (event.get("recipient") or {}).get("id"),
                                           "timestamp": event.get("timestamp")}})
        return found

    def _dispatch(self, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                  messages: List[Dict[Text, Any]]) -> None:
        """Handle the batch in order, in the background; the HTTP answer goes out now."""

        async def handle() -> None:
            for item in messages:
                out = self.get_output_channel()
                await out.send_action(item["sender"], "mark_seen")
                await out.send_action(item["sender"], "typing_on")
                try:
                    # an apology, not silence, when the turn fails (shopassist.channels.guard)
                    await guard(on_new_message)(UserMessage(item["text"], out, item["sender"],
                                                            input_channel=self.name(), metadata=item["metadata"]))
                except Exception:
                    logger.exception("facebook: failed to handle a message from %s", item["sender"])
                finally:
                    await out.send_action(item["sender"], "typing_off")

        task = asyncio.create_task(handle())
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)
