"""An apology instead of silence, for every channel, when a turn fails or takes too long.

Rasa 3.6 logs "Encountered an exception while running action …" when the action server is down,
slow or broken, and sends the customer nothing. Every channel of ours hands its messages to Rasa
through :func:`guard` (REST, socket.io, Slack, Messenger), which

- notices those failures in the turn it runs (a log filter on Rasa's loggers, scoped to the turn
  with a context variable, so concurrent turns do not see each other's failures);
- gives the whole turn ``SHOP_TURN_TIMEOUT`` seconds (10); past it the customer gets the apology
  and the turn finishes in the background;
- sends ``SORRY`` through the turn's own output channel after whatever was already said;
- sets Rasa's timeout for one action call (5 minutes in Rasa 3.6, not configurable there) to
  ``SHOP_ACTION_TIMEOUT`` seconds (3) and masks personal data in the process's logs
  (:func:`install`, called when a channel is loaded).

The next message is handled normally as soon as the failing part is back: nothing is cached.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from typing import Any, Awaitable, Callable, List, Optional

from rasa.core.channels.channel import UserMessage

from shopassist.privacy import install_log_masking
from shopassist.settings import get_settings
from shopassist.texts import apology_for, text

logger = logging.getLogger(__name__)

SORRY = text("error.turn_failed", "en")  # the English apology (apology_for picks the language)

_SETTINGS = get_settings()  # read once when Rasa loads the channels
TURN_TIMEOUT = _SETTINGS.turn_timeout
ACTION_TIMEOUT = _SETTINGS.action_timeout

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

# --- failures Rasa only logs -------------------------------------------------------------------------
_turn_failures: contextvars.ContextVar[Optional[List[str]]] = contextvars.ContextVar("shop_turn_failures",
                                                                                      default=None)
_FAILURE_MARKERS = ("Encountered an exception while running action", "Failed to run custom action",
                    "Failed to execute custom action")


class ActionFailureRecorder(logging.Filter):
    """Notes, for the turn being handled in this task, that Rasa swallowed an action's failure."""

    def filter(self, record: logging.LogRecord) -> bool:
        failures = _turn_failures.get()
        if failures is not None and record.levelno >= logging.ERROR:
            message = str(record.msg)
            if any(marker in message for marker in _FAILURE_MARKERS):
                failures.append(message[:200])
        return True


_recorder = ActionFailureRecorder()


def install() -> None:
    """Process-wide set-up, done once when Rasa loads a channel (idempotent)."""
    install_log_masking()
    for name in ("rasa.core.processor", "rasa.core.actions.action", "rasa.core.actions.loops",
                 "rasa.core.actions.forms"):
        log = logging.getLogger(name)
        if _recorder not in log.filters:
            log.addFilter(_recorder)
    try:  # Rasa 3.6 hard-codes 300 s for an action call; a customer should not wait that long
        import rasa.core.actions.action as rasa_action

        rasa_action.DEFAULT_REQUEST_TIMEOUT = ACTION_TIMEOUT  # type: ignore[attr-defined]
    except Exception:  # pragma: no cover - a Rasa without that constant
        logger.warning("could not set the action call timeout")


async def run_turn(on_new_message: OnNewMessage, message: UserMessage, timeout: float = TURN_TIMEOUT) -> List[str]:
    """Hand ``message`` to Rasa; what went wrong in that turn (empty: nothing)."""
    failures: List[str] = []

    async def run() -> None:
        _turn_failures.set(failures)  # this task's own context: only this turn's failures
        await on_new_message(message)

    task = asyncio.ensure_future(run())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout)
    except asyncio.TimeoutError:
        logger.error("%s: turn for %s took over %.1f s; answered with an apology", message.input_channel,
                     message.sender_id, timeout)
        task.add_done_callback(_log_late_failure)
        failures.append("timeout")
    except asyncio.CancelledError:
        task.cancel()
        raise
    except Exception:
        logger.exception("%s: failed to handle a message from %s", message.input_channel, message.sender_id)
        failures.append("exception")
    return failures


async def apologise(message: UserMessage) -> None:
    """Send the apology through the turn's output channel (a broken channel is logged, not raised)."""
    try:
        await message.output_channel.send_text_message(message.sender_id, apology_for(message.text))
    except Exception:
        logger.exception("%s: could not even send the apology to %s", message.input_channel, message.sender_id)


def guard(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message`` that apologises through the message's own channel when the turn fails."""

    async def guarded(message: UserMessage) -> None:
        failures = await run_turn(on_new_message, message)
        if failures:
            logger.warning("%s: %d failure(s) in the turn of %s; the customer gets an apology",
                           message.input_channel, len(failures), message.sender_id)
            await apologise(message)

    return guarded


def _log_late_failure(task: "asyncio.Future[Any]") -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("a timed-out turn failed later: %r", task.exception())
