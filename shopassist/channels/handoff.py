"""Agent side of a live handoff, inside the Rasa server: ``/webhooks/handoff/...``.

The agent console (:mod:`shopassist.handoff.console`) calls these endpoints with the shared
secret ``SHOP_HANDOFF_SECRET`` (header ``X-Handoff-Secret``; without the variable every call
gets 503):

* ``GET  /transcript?sender=ID``  the conversation's events (the live transcript);
* ``POST /reply {"sender", "text", "agent"}``  the agent's message: logged in the tracker as a
  bot message marked ``{"agent": name}`` and delivered through the customer's channel;
* ``POST /resume {"sender"}``  hands the conversation back to the bot (un-pauses it, clears
  ``handoff_active``, the bot says so).

Delivery: webchat (socket.io) customers get the message pushed at once. The REST channel is
request/response, so its messages wait in an in-memory outbox that the client polls with
``GET /webhooks/handoff/poll?sender=ID`` (no secret: like the REST webhook itself, the sender id
is the client's key); lost if the Rasa server restarts while undelivered.
"""
from __future__ import annotations

import hmac
import logging
import os
from collections import defaultdict
from typing import Any, Awaitable, Callable, DefaultDict, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOOutput
from rasa.core.actions.action import create_bot_utterance
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered, ConversationResumed, SlotSet
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

_socketio: Dict[str, Any] = {}
OUTBOX: DefaultDict[str, List[Dict[str, Any]]] = defaultdict(list)
MAX_TEXT = 4000


def register_socketio(sio: Any, bot_message_evt: str) -> None:
    """Called by the socket.io channel when its server is created."""
    _socketio["sio"] = sio
    _socketio["event"] = bot_message_evt


def _authorised(request: Request) -> Optional[HTTPResponse]:
    secret = os.environ.get("SHOP_HANDOFF_SECRET", "")
    if not secret:
        return response.json({"error": "handoff is not configured (SHOP_HANDOFF_SECRET)"}, status=503)
    given = request.headers.get("x-handoff-secret", "")
    if not hmac.compare_digest(given.encode(), secret.encode()):
        return response.json({"error": "unauthorised"}, status=401)
    return None


def _sender(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise ValueError('"sender" must be a non-empty string of at most 200 characters')
    return value


def _agent_request(request: Request, from_body: bool) -> Tuple[str, Dict[str, Any], Optional[HTTPResponse]]:
    """The checks every agent route makes: the shared secret, then the sender (from the JSON body
    or the query). Returns (sender, body, refusal); a refusal is the response to send instead."""
    denied = _authorised(request)
    if denied:
        return "", {}, denied
    body = request.json if from_body and isinstance(request.json, dict) else {}
    try:
        sender = _sender(body.get("sender") if from_body else request.args.get("sender"))
    except ValueError as bad:
        return "", body, response.json({"error": str(bad)}, status=400)
    return sender, body, None


def _output_for(channel: Optional[str], sender: str) -> OutputChannel:
    if channel == "socketio" and "sio" in _socketio:
        return SocketIOOutput(_socketio["sio"], _socketio["event"])
    return CollectingOutputChannel()


def _keep_collected(output: OutputChannel, sender: str) -> None:
    if isinstance(output, CollectingOutputChannel):
        OUTBOX[sender].extend(output.messages)


class HandoffInput(InputChannel):
    """Endpoints the agent console uses to talk to a paused conversation."""

    @classmethod
    def name(cls) -> Text:
        return "handoff"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("shop_handoff", __name__)

        @hook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok", "socketio": "sio" in _socketio})

        @hook.route("/poll", methods=["GET"])
        async def poll(request: Request) -> HTTPResponse:
            try:
                sender = _sender(request.args.get("sender"))
            except ValueError as bad:
                return response.json({"error": str(bad)}, status=400)
            return response.json(OUTBOX.pop(sender, []))

        @hook.route("/transcript", methods=["GET"])
        async def transcript(request: Request) -> HTTPResponse:
            sender, _, refused = _agent_request(request, from_body=False)
            if refused:
                return refused
            agent = request.app.ctx.agent
            tracker = await agent.processor.get_tracker(sender)
            state = tracker.current_state(event_verbosity=_all_events())
            return response.json({"sender": sender, "paused": tracker.is_paused(),
                                  "events": state.get("events") or [], "slots": state.get("slots") or {}})

        @hook.route("/reply", methods=["POST"])
        async def reply(request: Request) -> HTTPResponse:
            sender, body, refused = _agent_request(request, from_body=True)
            if refused:
                return refused
            text = str(body.get("text") or "").strip()
            if not text or len(text) > MAX_TEXT:
                return response.json({"error": f'"text" must be 1-{MAX_TEXT} characters'}, status=400)
            name = str(body.get("agent") or "agent")[:80]
            agent = request.app.ctx.agent
            async with agent.lock_store.lock(sender):
                tracker = await agent.processor.get_tracker(sender)
                channel = tracker.get_latest_input_channel()
                tracker.update(BotUttered(text, metadata={"agent": name}))
                await agent.processor.save_tracker(tracker)
            output = _output_for(channel, sender)
            await output.send_response(sender, {"text": text})
            _keep_collected(output, sender)
            return response.json({"delivered": "push" if channel == "socketio" else "poll", "channel": channel})

        @hook.route("/resume", methods=["POST"])
        async def resume(request: Request) -> HTTPResponse:
            sender, body, refused = _agent_request(request, from_body=True)
            if refused:
                return refused
            agent = request.app.ctx.agent
            action = "utter_handoff_ended"
            async with agent.lock_store.lock(sender):
                tracker = await agent.processor.get_tracker(sender)
                channel = tracker.get_latest_input_channel()
                output = _output_for(channel, sender)
                tracker.update(ConversationResumed())
                tracker.update(SlotSet("handoff_active", False))
                tracker.update(SlotSet("handoff_offered", False))
                message = await agent.nlg.generate(action, tracker, output.name()) or {}
                tracker.update(ActionExecuted(action))
                tracker.update(create_bot_utterance(dict(message, utter_action=action)))
                # The bot listens again: without this the next message would follow the
                # utterance instead of action_listen and the rules would not apply.
                tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
                await agent.processor.save_tracker(tracker)
            await output.send_response(sender, message)
            _keep_collected(output, sender)
            return response.json({"resumed": True, "channel": channel})

        return hook


def _all_events() -> Any:
    from rasa.shared.core.trackers import EventVerbosity
    return EventVerbosity.ALL
