"""Bounded asyncio + httpx load generator for the REST webhook (all traffic to 127.0.0.1).

Each virtual customer has its own sender id per conversation and runs scripted multi-turn
conversations back to back until the level's time is up or its conversation cap is reached
(a conversation that has started is finished). Every turn is recorded with its type, latency,
and whether it failed (transport/HTTP/timeout/empty reply = error) or answered something other
than the script expected (= unexpected; counted, not an error).
"""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence

import httpx

# Turn types and the category each belongs to (the "rule/DB" vs "free-form" split).
OURS_TYPES = {"greet": "rule", "track": "db", "verify": "db", "cancel_quote": "db", "cancel_confirm": "db",
              "faq": "free_form", "goodbye": "rule"}
BASELINE_TYPES = {"greet": "rule", "custom_action": "custom_action", "goodbye": "rule"}
FAQ = "can I return a gift without the receipt?"


@dataclass
class Order:
    number: str
    email: str
    status: str


@dataclass
class TurnRecord:
    kind: str
    seconds: float
    error: Optional[str] = None
    unexpected: bool = False
    end: float = 0.0


@dataclass
class LevelResult:
    concurrency: int
    wall_s: float
    turns: List[TurnRecord] = field(default_factory=list)
    conversations: int = 0
    conversations_aborted: int = 0
    confirmed_cancellations: int = 0
    not_cancellable_quotes: int = 0


class ConversationFailed(Exception):
    pass


def cancellable_orders(db_path: Path, exclude_emails: Sequence[str] = ()) -> List[Order]:
    """Orders that can still be cancelled (placed/paid), with their owner's email."""
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute("SELECT o.number, c.email, o.status FROM orders o JOIN customers c ON c.id = o.customer_id "
                           "WHERE o.status IN ('placed', 'paid') AND c.deleted = 0 ORDER BY o.number").fetchall()
    finally:
        con.close()
    return [Order(n, e, s) for n, e, s in rows if e not in set(exclude_emails)]


def _text(messages: List[dict]) -> str:
    return " ".join(m.get("text") or "" for m in messages)


def _payloads(messages: List[dict]) -> set:
    return {b.get("payload") for m in messages for b in (m.get("buttons") or [])}


class Conversation:
    """One customer's conversation: sends turns and records them."""

    def __init__(self, client: httpx.AsyncClient, url: str, sender: str, result: LevelResult, timeout: float) -> None:
        self.client, self.url, self.sender, self.result, self.timeout = client, url, sender, result, timeout

    async def say(self, kind: str, text: str, expect: Optional[Callable[[List[dict]], bool]] = None) -> List[dict]:
        began = time.perf_counter()
        error, messages = None, []
        try:
            reply = await self.client.post(self.url, json={"sender": self.sender, "message": text}, timeout=self.timeout)
            if reply.status_code != 200:
                error = f"HTTP {reply.status_code}"
            else:
                messages = reply.json()
                if not messages:
                    error = "empty reply"
        except (httpx.HTTPError, ValueError) as exc:
            error = type(exc).__name__
        seconds = time.perf_counter() - began
        unexpected = error is None and expect is not None and not expect(messages)
        self.result.turns.append(TurnRecord(kind, seconds, error, unexpected, time.perf_counter()))
        if error:
            raise ConversationFailed(error)
        return messages


async def shop_conversation(conv: Conversation, order: Order, confirm: str) -> None:
    """greet → track order → verify (email) → cancel quote → confirm → FAQ → goodbye."""
    await conv.say("greet", "hi", lambda m: "assistant" in _text(m))
    await conv.say("track", f"where is my order {order.number}?", lambda m: "email" in _text(m).lower())
    await conv.say("verify", order.email, lambda m: order.number in _text(m))
    quote = await conv.say("cancel_quote", "ok, cancel it", lambda m: order.number in _text(m))
    if "/affirm" in _payloads(quote):
        if confirm == "yes":
            await conv.say("cancel_confirm", "yes", lambda m: "cancelled" in _text(m).lower())
            conv.result.confirmed_cancellations += 1
        else:
            await conv.say("cancel_confirm", "no", lambda m: "haven't changed" in _text(m).lower())
    else:  # someone else cancelled it earlier in this level: the quote says it can't be cancelled
        conv.result.not_cancellable_quotes += 1
    await conv.say("faq", FAQ, lambda m: len(_text(m)) > 20)
    await conv.say("goodbye", "bye", lambda m: "goodbye" in _text(m).lower())


async def baseline_conversation(conv: Conversation, order: Optional[Order], confirm: str) -> None:
    """The same shape on the `rasa init` bot: greet, five custom-action turns, goodbye."""
    hello = lambda m: "Hello World!" in _text(m)  # noqa: E731
    await conv.say("greet", "hello", lambda m: "how are you" in _text(m).lower())
    for text in ("are you a bot?", "am I talking to a bot?", "are you a human?", "am I talking to a human?",
                 "are you a bot?"):
        await conv.say("custom_action", text, hello)
    await conv.say("goodbye", "bye", lambda m: "bye" in _text(m).lower())


SCENARIOS = {"ours": shop_conversation, "baseline": baseline_conversation}


async def run_level(rasa_url: str, scenario: str, concurrency: int, duration: float, max_conversations: int,
                    orders: Sequence[Order] = (), confirm: str = "yes", timeout: float = 30.0,
                    hard_limit: Optional[float] = None) -> LevelResult:
    """``concurrency`` customers for ``duration`` seconds (at most ``max_conversations`` each)."""
    script = SCENARIOS[scenario]
    url = f"{rasa_url}/webhooks/rest/webhook"
    result = LevelResult(concurrency, 0.0)
    pool: Iterator[Optional[Order]] = itertools.cycle(orders) if orders else itertools.repeat(None)
    run_id = uuid.uuid4().hex[:6]
    limits = httpx.Limits(max_connections=concurrency + 4, max_keepalive_connections=concurrency + 4)
    began = time.perf_counter()
    deadline = began + duration

    async def customer(index: int, client: httpx.AsyncClient) -> None:
        for number in range(max_conversations):
            if number and time.perf_counter() >= deadline:
                return
            conv = Conversation(client, url, f"bench-{scenario}-{run_id}-c{concurrency}-{index}-{number}", result, timeout)
            result.conversations += 1
            try:
                await script(conv, next(pool), confirm)
            except ConversationFailed:
                result.conversations_aborted += 1

    async with httpx.AsyncClient(limits=limits) as client:
        tasks = [asyncio.create_task(customer(i, client)) for i in range(concurrency)]
        limit = hard_limit if hard_limit is not None else duration + 120
        done, pending = await asyncio.wait(tasks, timeout=limit)
        for task in pending:  # bounded in time no matter what
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for task in done:
            task.result()
    ends = [t.end for t in result.turns]
    result.wall_s = round((max(ends) if ends else time.perf_counter()) - began, 3)
    return result


async def parse_latencies(rasa_url: str, token: str, texts: Sequence[str], n: int, timeout: float = 30.0) -> Dict[str, object]:
    """Sequential POST /model/parse (NLU only), ``n`` requests cycling through ``texts``."""
    latencies, errors = [], 0
    async with httpx.AsyncClient() as client:
        for text in itertools.islice(itertools.cycle(texts), n):
            began = time.perf_counter()
            try:
                reply = await client.post(f"{rasa_url}/model/parse", params={"token": token}, json={"text": text},
                                          timeout=timeout)
                ok = reply.status_code == 200 and "intent" in reply.json()
            except (httpx.HTTPError, ValueError):
                ok = False
            if ok:
                latencies.append(time.perf_counter() - began)
            else:
                errors += 1
    return {"latencies": latencies, "errors": errors}


def run(coro):
    return asyncio.run(coro)
