"""Socket.io channel (the webchat page) that apologises instead of going silent.

credentials.yml::

    shopassist.channels.socket_io.ShopSocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true

Rasa 3.6's ``SocketIOInput`` unchanged (same name ``socketio``, same ``/socket.io`` path and
events), except that every message goes through :func:`shopassist.channels.guard.guard`: when an
action fails or the turn is too slow, the customer gets the apology as a ``bot_uttered`` event; and
its socket.io server is registered with :mod:`shopassist.channels.handoff`, which emits agent
messages to the room named after the customer's session id.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from shopassist.channels import handoff
from shopassist.channels.guard import guard, install


class ShopSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel with the apology on failure."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        install()
        return super().from_credentials(credentials)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(guard(on_new_message))
        # agent replies (handoff) are emitted through this server to the customer's session room
        handoff.register_socketio(self.sio, self.bot_message_evt)
        return blueprint
