"""Slack connector: Rasa's ``SlackInput`` with strict request signing, instant acks and no duplicates.

credentials.yml::

    shopassist.channels.slack.SignedSlackInput:
      use_threads: false

Secrets come from the environment (never from files in the repository):
``SLACK_BOT_TOKEN`` (xoxb-...), ``SLACK_SIGNING_SECRET``; optional ``SLACK_CHANNEL`` (a channel id
the bot also listens to without being mentioned) and ``SLACK_API_URL`` (the Web API base URL,
default https://slack.com/api/; the tests point it at a local stand-in). Without the two
secrets the channel stays mounted at /webhooks/slack/webhook but answers 503 and logs why, so
the assistant starts without any Slack set-up.

What differs from Rasa 3.6's built-in connector:
- every POST is verified (HMAC-SHA256 of ``v0:timestamp:body``, 5-minute replay window,
  constant-time comparison) before anything is parsed; failures get 401 and a log line;
- the request is acknowledged at once and the dialogue runs in the background (Slack gives up
  after 3 s and retries);
- redelivered events (``X-Slack-Retry-Num``, whatever the reason) and the twin events Slack sends
  for one message (``message`` + ``app_mention``) are dropped by event id and message timestamp,
  so a customer never gets the same answer twice;
- when an action fails or the turn is too slow the customer gets an apology, not silence
  (:mod:`shopassist.channels.guard`);
- the URL verification challenge is answered in the format Slack documents;
- replies go through a Web API client whose base URL is configurable; more than five buttons are
  allowed (Slack takes 25 per actions block); the legacy ``as_user`` flag is not sent.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from shopassist.channels import formats
from shopassist.channels.guard import guard, install
from shopassist.channels.security import RecentKeys, verify_slack_signature

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
#: message subtypes that still are a customer writing to us
_USER_SUBTYPES = {None, "thread_broadcast", "file_share"}


class ShopSlackBot(SlackBot):
    """Posts replies with ``chat.postMessage`` to a configurable Web API base URL."""

    def __init__(
        self,
        token: Text,
        slack_channel: Optional[Text] = None,
        thread_id: Optional[Text] = None,
        proxy: Optional[Text] = None,
        api_url: Text = DEFAULT_API_URL,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        base_url = api_url if api_url.endswith("/") else api_url + "/"
        self.client = AsyncWebClient(token=token, proxy=proxy, base_url=base_url)

    async def _post_message(self, channel: Text, **kwargs: Any) -> None:
        kwargs.pop("as_user", None)  # legacy flag; refused by apps with granular bot scopes
        kwargs.pop("type", None)
        if self.thread_id:
            kwargs.setdefault("thread_ts", self.thread_id)
        try:
            await self.client.chat_postMessage(channel=channel, **kwargs)
        except SlackApiError as error:
            logger.error("slack: chat.postMessage to %s failed: %s", channel, error.response.get("error", error))
        except Exception as error:  # network trouble must not break the conversation state
            logger.error("slack: chat.postMessage to %s failed: %r", channel, error)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in formats.split_paragraphs(text):
            await self._post_message(self.slack_channel or recipient_id, text=part)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self._post_message(
            self.slack_channel or recipient_id, text=text, blocks=formats.slack_button_blocks(text, buttons)
        )

    async def send_quick_replies(
        self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies, **kwargs)

    async def send_elements(self, recipient_id: Text, elements: Iterable[Dict[Text, Any]], **kwargs: Any) -> None:
        elements = list(elements)
        await self._post_message(
            self.slack_channel or recipient_id,
            text=", ".join(str(e.get("title", "")) for e in elements),
            blocks=formats.slack_element_blocks(elements),
        )


class SignedSlackInput(SlackInput):
    """Slack Events API and interactivity webhook at /webhooks/slack/webhook."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        install()
        c = dict(credentials or {})
        env = os.environ
        return cls(
            slack_token=c.get("slack_token") or env.get("SLACK_BOT_TOKEN", ""),
            slack_channel=c.get("slack_channel") or env.get("SLACK_CHANNEL") or None,
            proxy=c.get("proxy"),
            slack_retry_reason_header=c.get("slack_retry_reason_header", "x-slack-retry-reason"),
            slack_retry_number_header=c.get("slack_retry_number_header", "x-slack-retry-num"),
            errors_ignore_retry=c.get("errors_ignore_retry"),
            use_threads=bool(c.get("use_threads", False)),
            slack_signing_secret=c.get("slack_signing_secret") or env.get("SLACK_SIGNING_SECRET", ""),
            conversation_granularity=c.get("conversation_granularity", "sender"),
            api_url=c.get("api_url") or env.get("SLACK_API_URL") or DEFAULT_API_URL,
        )

    def __init__(self, slack_token: Text, *args: Any, api_url: Text = DEFAULT_API_URL, **kwargs: Any) -> None:
        self.api_url = api_url
        self.enabled = False
        self.recent = RecentKeys(ttl=3600)
        super().__init__(slack_token, *args, **kwargs)

    def _validate_credentials(self) -> None:
        """Never fails start-up: without secrets the channel is off and says so."""
        missing = [name for name, value in (("SLACK_SIGNING_SECRET", self.slack_signing_secret),
                                            ("SLACK_BOT_TOKEN", self.slack_token)) if not value]
        self.enabled = not missing
        if missing:
            logger.warning(
                "Slack channel is OFF: %s not set. /webhooks/slack/webhook answers 503 until they are set "
                "(see docs/channels.md).", " and ".join(missing))
        else:
            logger.info("Slack channel is on: webhook /webhooks/slack/webhook, replies via %s", self.api_url)

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> OutputChannel:
        return ShopSlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_url)

    # --- request handling ----------------------------------------------------------------------
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "disabled"})

        @slack_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.enabled:
                logger.warning("slack: refused a request from %s: the Slack channel is off "
                               "(SLACK_SIGNING_SECRET / SLACK_BOT_TOKEN not set)", request.ip)
                return response.text("Slack channel not configured", status=HTTPStatus.SERVICE_UNAVAILABLE)
            problem = verify_slack_signature(
                self.slack_signing_secret,
                request.headers.get("X-Slack-Request-Timestamp"),
                request.headers.get("X-Slack-Signature"),
                request.body,
            )
            if problem:
                logger.warning("slack: rejected request from %s: %s", request.ip, problem)
                return response.text("invalid or missing Slack signature", status=HTTPStatus.UNAUTHORIZED)

            content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            try:
                if content_type == "application/json":
                    return self._on_event(request, json.loads(request.body or b"{}"), on_new_message)
                if content_type == "application/x-www-form-urlencoded":
                    return self._on_interaction(request, json.loads(request.form.get("payload") or "{}"),
                                                on_new_message)
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                logger.warning("slack: malformed request from %s: %r", request.ip, error)
                return response.text("malformed request", status=HTTPStatus.BAD_REQUEST)
            return response.text("unsupported content type", status=HTTPStatus.UNSUPPORTED_MEDIA_TYPE)

        return slack_webhook

    def _ack(self, note: Text = "") -> HTTPResponse:
        return response.text(note, status=HTTPStatus.OK)

    def _redelivered(self, request: Request, *keys: Text) -> bool:
        """Record ``keys``; true when any was seen before (a retry or a twin event)."""
        seen = [self.recent.seen(key) for key in keys if key]  # record every key, no short cut
        if any(seen):
            logger.info("slack: ignored a redelivered event %s (retry %s, reason %s)", keys[0],
                        request.headers.get(self.retry_num_header) or "-",
                        request.headers.get(self.retry_reason_header) or "-")
            return True
        return False

    def _on_event(self, request: Request, body: Dict[Text, Any],
                  on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        if body.get("type") == "url_verification":
            return response.json({"challenge": body.get("challenge", "")})
        event = body.get("event") or {}
        if not self._is_user_message(body) or event.get("subtype") not in _USER_SUBTYPES:
            logger.debug("slack: skipped a %s event that is no customer message", event.get("type"))
            return self._ack("ignored")
        users = list(body.get("authed_users") or [])
        if not users and body.get("authorizations"):
            users = [body["authorizations"][0].get("user_id")]
        metadata = {"out_channel": event.get("channel"), "thread_id": event.get("thread_ts", event.get("ts")),
                    "users": users}
        if not self._is_supported_channel(body, metadata):
            logger.info("slack: ignored a message in channel %s (not a DM, mention or SLACK_CHANNEL)",
                        metadata["out_channel"])
            return self._ack("ignored")
        retry = request.headers.get(self.retry_num_header)
        if self._redelivered(request, f"event:{body.get('event_id')}" if body.get("event_id") else "",
                             f"message:{event.get('channel')}:{event.get('ts')}" if event.get("ts") else ""):
            return response.text("duplicate", status=HTTPStatus.OK, headers={"X-Slack-No-Retry": "1"})
        if retry:
            logger.info("slack: retry #%s of an event we never received; handling it", retry)
        sender = event.get("user", "")
        self._dispatch(
            on_new_message,
            self._sanitize_user_message(event.get("text", ""), users),
            self._get_conversation_id(sender, metadata["out_channel"], metadata["thread_id"]),
            metadata,
        )
        return self._ack()

    def _on_interaction(self, request: Request, payload: Dict[Text, Any],
                        on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        if not self._is_interactive_message(payload):
            return self._ack("ignored")
        action = payload["actions"][0]
        text = self._get_interactive_response(action)
        if text is None:
            return self._ack("ignored")  # link buttons have no value
        sender = (payload.get("user") or {}).get("id", "")
        if self._redelivered(request, f"action:{sender}:{action.get('action_ts') or payload.get('trigger_id')}"):
            return self._ack("duplicate")
        message = payload.get("message") or {}
        channel = (payload.get("channel") or {}).get("id") or (payload.get("container") or {}).get("channel_id")
        metadata = {"out_channel": channel, "thread_id": message.get("thread_ts", message.get("ts")),
                    "users": [sender]}
        self._dispatch(on_new_message, text, self._get_conversation_id(sender, channel, metadata["thread_id"]),
                       metadata)
        return self._ack()

    def _dispatch(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], text: Text,
                  sender_id: Optional[Text], metadata: Dict[Text, Any]) -> None:
        """Hand the message to the dialogue in the background; the HTTP answer goes out now."""
        thread_id = metadata.get("thread_id") if self.use_threads else None
        message = UserMessage(text, self.get_output_channel(metadata.get("out_channel"), thread_id), sender_id,
                              input_channel=self.name(), metadata=metadata)

        async def handle() -> None:
            try:
                await guard(on_new_message)(message)  # an apology, not silence, when the turn fails
            except Exception:
                logger.exception("slack: failed to handle a message from %s", sender_id)

        task = asyncio.create_task(handle())
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)
