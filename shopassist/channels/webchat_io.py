"""Rasa's socket.io channel, remembered so that an agent's reply can reach the chat page later.

Identical to Rasa's ``socketio`` channel (same name, same events); the only addition is that
its socket.io server is registered with :mod:`shopassist.channels.handoff`, which emits agent
messages to the room named after the customer's session id (with ``session_persistence`` the
chat page's socket joins that room).
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput

from shopassist.channels import handoff


class ShopSocketIOInput(SocketIOInput):
    """socket.io channel whose server the handoff channel can emit through."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> SocketBlueprint:
        blueprint = super().blueprint(on_new_message)
        handoff.register_socketio(self.sio, self.bot_message_evt)
        return blueprint
