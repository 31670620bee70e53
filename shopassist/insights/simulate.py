"""Realistic past conversations for a fresh install, fed through the same event path as live ones
(Rasa's event broker → the analytics consumer), so the report has something to show.

    python -m shopassist.insights.simulate [--conversations 400] [--days 30] [--seed 7]

Deterministic for a seed: running it twice produces the same events, which the consumer counts
once. Sender ids start with ``sim-`` so simulated conversations can be told apart.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

__all__ = ["simulate", "publish", "main"]

# (intent, weight, customer messages en, customer messages zh, bot reply en, bot reply zh)
SCENARIOS: List[Tuple[str, float, List[str], List[str], str, str]] = [
    ("track_order", 9, ["where is my order {o}?", "has {o} shipped yet", "tracking for order {o} please"],
     ["我的订单{o}到哪了", "订单{o}发货了吗"], "Order {o} was shipped with DHL.", "订单{o}已由DHL发出。"),
    ("cancel_order", 5, ["cancel order {o}", "I want to cancel {o}"], ["取消订单{o}", "帮我取消{o}"],
     "Order {o} is cancelled.", "订单{o}已取消。"),
    ("get_refund", 5, ["I want my money back for {o}", "refund for order {o} please"], ["订单{o}退款"],
     "The refund for {o} is on its way.", "订单{o}的退款已在处理中。"),
    ("delivery_period", 4, ["how long does delivery take?", "when will it arrive"], ["多久能到", "啥时候到货"],
     "Standard delivery takes 3–5 business days.", "标准配送需要3–5个工作日。"),
    ("complaint", 4, ["the jacket arrived torn, this is unacceptable", "your service is terrible, third time asking",
                      "WHERE IS MY PARCEL", "the shoes fell apart after a week"],
     ["质量太差了，差评", "三次了还没解决，投诉！！！", "呵呵，又延迟了"],
     "I'm sorry about that. I've noted your complaint.", "非常抱歉，我们已记录您的投诉。"),
    ("payment_issue", 3, ["I was charged twice", "my card payment failed"], ["被扣了两次钱", "付款失败了"],
     "I'm sorry, let me check the payment.", "抱歉，我来查一下付款。"),
    ("check_invoice", 3, ["I need the invoice for {o}", "send me my invoice"], ["我要订单{o}的发票"],
     "The invoice for {o} is in your email.", "订单{o}的发票已发到您的邮箱。"),
    ("change_shipping_address", 2, ["change the address of {o}", "wrong address on {o}"], ["修改订单{o}的地址"],
     "Which new address should order {o} go to?", "订单{o}要改成哪个地址？"),
    ("ask_question", 4, ["can I return a gift without the receipt?", "do you ship to Austria?",
                         "is there a warranty on headphones?", "can I pay by bank transfer?"],
     ["没有小票可以退货吗", "可以寄到奥地利吗"], "Here is what our help pages say.", "以下是帮助页面的说明。"),
    ("contact_human_agent", 2, ["I want to talk to a human", "agent please"], ["转人工", "我要找客服"],
     "I'll connect you with a colleague.", "我为您转接人工客服。"),
    ("search_product", 4, ["a warm waterproof jacket under 150", "black running shoes size 42"],
     ["有没有防水外套", "黑色跑鞋"], "Here are some products you might like.", "为您找到这些商品。"),
]
CHANNELS = [("webchat", 0.5), ("rest", 0.2), ("slack", 0.15), ("facebook", 0.15)]
IDK_EN = "I'm sorry, I couldn't find that in our help pages, and I'd rather not guess."
IDK_ZH = "抱歉，帮助页面里没有找到相关内容，我不想乱猜。"
CLOSINGS_EN, CLOSINGS_ZH = ["thanks", "thank you, bye", "great"], ["谢谢", "好的，谢谢"]


def _choice(rng: random.Random, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def conversation(rng: random.Random, n: int, start: float) -> Iterator[Dict]:
    """The events of one simulated conversation."""
    sender = f"sim-{n:05d}"
    scenario = rng.choices(SCENARIOS, weights=[s[1] for s in SCENARIOS])[0]
    intent, _, texts_en, texts_zh, reply_en, reply_zh = scenario
    zh = rng.random() < 0.2
    channel = _choice(rng, CHANNELS)
    order = str(10000000 + rng.randint(100, 9999))
    t = start
    angry = intent == "complaint" or rng.random() < 0.1

    def ev(kind: str, **fields) -> Dict:
        nonlocal t
        t += rng.uniform(0.05, 0.4) if kind != "user" else rng.uniform(4, 40)
        return {"event": kind, "timestamp": round(t, 3), "sender_id": sender, **fields}

    def user(text: str, name: str, label: str) -> Dict:
        return ev("user", text=text, input_channel=channel,
                  parse_data={"intent": {"name": name, "confidence": round(rng.uniform(0.55, 0.99), 3)},
                              "sentiment": {"label": label, "score": round(rng.uniform(0.55, 0.95), 3)}})

    yield ev("action", name="action_session_start")
    if zh:
        yield ev("slot", name="language", value="zh")
    yield ev("action", name="action_listen")
    label = "negative" if angry else rng.choice(["neutral", "neutral", "positive"])
    text = rng.choice(texts_zh if zh else texts_en).format(o=order)
    yield user(text, intent, label)
    roll = rng.random()
    if roll < 0.08:  # not understood
        yield ev("action", name="action_default_fallback")
        yield ev("bot", text="抱歉，我没听懂。" if zh else "Sorry, I didn't get that.")
        return
    if intent == "ask_question" and roll < 0.25:
        yield ev("action", name="action_answer_question")
        yield ev("bot", text=IDK_ZH if zh else IDK_EN)
        return
    if roll < 0.15:  # left in the middle of a form
        yield ev("action", name="utter_ask_order_id")
        yield ev("bot", text="请提供订单号。" if zh else "What is your order number?")
        return
    yield ev("action", name="action_run_task")
    yield ev("bot", text=(reply_zh if zh else reply_en).format(o=order))
    if intent == "contact_human_agent" or (angry and rng.random() < 0.5):
        yield ev("action", name="action_handoff_request")
        yield ev("slot", name="handoff_active", value=True)
        yield ev("bot", text="已为您转接人工客服。" if zh else "A colleague will take over shortly.")
        return
    yield ev("action", name="action_listen")
    yield user(rng.choice(CLOSINGS_ZH if zh else CLOSINGS_EN), "thank", "positive")
    yield ev("action", name="utter_you_are_welcome")
    yield ev("bot", text="不客气！" if zh else "You're welcome!")
    if rng.random() < 0.6:  # the rating buttons' payload arrives as the user's message
        score = rng.choice([1, 2, 3, 3]) if angry else rng.choice([3, 4, 4, 5, 5])
        yield user(f'/csat_rate{{"csat_score": "{score}"}}', "csat_rate", "neutral")


def simulate(conversations: int = 400, days: int = 30, seed: int = 7,
             now: Optional[float] = None) -> List[Dict]:
    """Events of ``conversations`` conversations spread over the last ``days`` days."""
    rng = random.Random(seed)
    end = now if now is not None else time.time()
    end = end - end % 86400  # whole days: the same seed gives the same events all day
    events: List[Dict] = []
    for n in range(conversations):
        start = end - rng.uniform(0, days * 86400)
        events.extend(conversation(rng, n, start))
    return events


def publish(events: List[Dict], broker_url: Optional[str] = None, var_dir: Optional[Path] = None) -> str:
    """Put ``events`` where Rasa's event broker puts them (SQL table or RabbitMQ queue)."""
    import os

    url = broker_url if broker_url is not None else os.environ.get("RASA_EVENT_BROKER_URL", "")
    if url.startswith("amqp://"):
        import pika
        from urllib.parse import parse_qs, urlsplit

        from .broker import DEFAULT_QUEUE

        queue = (parse_qs(urlsplit(url).query).get("queue") or [DEFAULT_QUEUE])[0]
        connection = pika.BlockingConnection(pika.URLParameters(url.split("?", 1)[0]))
        channel = connection.channel()
        channel.queue_declare(queue=queue, durable=True)
        for e in events:
            channel.basic_publish("", queue, json.dumps(e).encode(), pika.BasicProperties(delivery_mode=2))
        connection.close()
        return f"amqp queue {queue}"
    from sqlalchemy import create_engine, select

    from shopassist.settings import get_settings

    from .broker import rasa_events_table, sqlite_events_path

    target = url or f"sqlite:///{sqlite_events_path(Path(var_dir or get_settings().var_dir))}"
    table = rasa_events_table()
    engine = create_engine(target)
    table.metadata.create_all(engine)
    with engine.begin() as conn:
        if conn.execute(select(table.c.id).where(table.c.sender_id.like("sim-%")).limit(1)).first():
            engine.dispose()
            return f"{target} (simulated history already there)"
        conn.execute(table.insert(), [{"sender_id": e["sender_id"], "data": json.dumps(e)} for e in events])
    engine.dispose()
    return target


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopassist.insights.simulate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=400)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--broker", default=None, help="default: RASA_EVENT_BROKER_URL or the SQL broker table")
    args = parser.parse_args(argv)
    events = simulate(args.conversations, args.days, args.seed)
    where = publish(events, args.broker)
    print(f"{len(events)} events of {args.conversations} simulated conversations -> {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
