"""Procedurally generated training pairs for the answer generator.

Every example draws fresh values (numbers, prices, durations, countries, brands, lists, yes/no
polarity), so the only way to be right is to copy the values from the fact; a model trained on
fixed facts memorises them and fails when the documents change. A share of the targets is the
fact verbatim. ``kb_pairs`` adds the dev questions of tests/data/kb_questions.yml with the real
answering sentences, their numbers randomised too (the test questions stay held out).
"""

from __future__ import annotations

import random
import re
from typing import Callable, Iterator, List, NamedTuple, Optional, Tuple

__all__ = ["Example", "make_example", "generate", "format_input", "TEMPLATES", "TONES"]


class Example(NamedTuple):
    """One training pair; ``tone`` is the reply style the sentiment layer asks for."""

    question: str
    fact: str
    answer: str
    tone: str = "neutral"


# Openers per tone: the generator learns to start with one of them and then word the same facts.
TONES = {
    "neutral": [""],
    "apologetic": ["I'm sorry for the trouble. ", "I'm sorry about that. ", "Apologies for the inconvenience. ",
                   "I understand this is frustrating. ", "Sorry for the hassle. "],
    "friendly": ["Happy to help! ", "Good question! ", "Sure! ", "Glad you asked! "],
}

COUNTRIES = ["Germany", "Austria", "Belgium", "Denmark", "France", "Italy", "Luxembourg", "the Netherlands", "Poland",
             "Spain", "Switzerland", "the United Kingdom", "Sweden", "Norway", "Portugal", "Ireland", "Finland",
             "Czechia", "Greece", "Hungary", "Canada", "Japan", "Australia", "Brazil", "Mexico", "Turkey"]
BRANDS = ["Nordkind", "Velora", "Brixton", "Aurum", "Kestrel", "Lumio", "Taiga", "Solvik", "Marlow", "Oakridge",
          "Zephyr", "Halden", "Corvo", "Ember", "Fjord", "Quill", "Riva", "Sable", "Tundra", "Vento"]
CARRIERS = ["DHL", "UPS", "DPD", "GLS", "FedEx", "Hermes", "PostNL", "Royal Mail", "La Poste", "Bpost"]
PAYMENTS = ["PayPal", "Apple Pay", "Google Pay", "Klarna", "bank transfer", "credit card", "Visa", "Mastercard",
            "American Express", "gift card", "SEPA direct debit", "Sofort", "iDEAL", "Bancontact"]
CITIES = ["Leipzig", "Berlin", "Hamburg", "Vienna", "Lyon", "Milan", "Rotterdam", "Krakow", "Seville", "Aarhus"]
ITEMS = ["cosmetics", "underwear", "swimwear", "gift cards", "earrings", "software", "perfume", "food", "mattresses",
         "custom prints", "engraved items", "face masks", "plants", "books", "toys"]
PRODUCTS = ["wool jumper", "leather bag", "cast iron pan", "laptop", "sofa", "rain jacket", "coffee machine",
            "silk scarf", "running shoes", "oak table", "headphones", "desk lamp"]
CURRENCIES = ["€", "$", "£"]
TIME_UNITS = ["days", "business days", "hours", "minutes", "weeks", "months", "years", "calendar days"]
ACCOUNTS = ["Free", "Standard", "Premium", "Platinum", "Gold", "Pro", "Basic", "Plus"]


def price(rng: random.Random) -> str:
    cur = rng.choice(CURRENCIES)
    value = rng.choice([rng.randint(1, 30) + rng.choice([0, 0.5, 0.9, 0.95, 0.99, 0.49]), rng.randint(5, 300)])
    return f"{cur}{value:,.2f}" if rng.random() < 0.8 else f"{cur}{int(value)}"


def num(rng: random.Random, low: int = 1, high: int = 90) -> int:
    return rng.randint(low, high)


def span(rng: random.Random, high: int = 14) -> str:
    a = rng.randint(1, high - 1)
    return f"{a}–{rng.randint(a + 1, high)}" if rng.random() < 0.8 else f"{a} to {rng.randint(a + 1, high)}"


def listing(items: List[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def pick(rng: random.Random, pool: List[str], low: int = 2, high: int = 5) -> List[str]:
    return rng.sample(pool, rng.randint(low, min(high, len(pool))))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# Each template: rng → (question, fact, answer). Facts sometimes carry a distractor sentence.
def t_return_window(r):
    n, unit = num(r, 7, 120), r.choice(["days", "calendar days"])
    fact = f"You can return items within {n} {unit} of delivery, without giving a reason."
    q = r.choice(["how long do I have to return something?", "how many days can I send items back?",
                  "what is the return period?", "until when can I return an order?", "is there a time limit for returns?"])
    return q, fact, f"You can return items within {n} {unit} of delivery."


def t_fee(r):
    thing = r.choice(["cancellation", "return", "express delivery", "standard shipping", "gift wrapping",
                      "a late payment", "a reminder", "cash handling", "a second delivery attempt", "engraving"])
    p = price(r)
    fact = f"The fee for {thing} is {p} per order."
    q = r.choice([f"how much is {thing}?", f"what does {thing} cost?", f"is there a charge for {thing}?",
                  f"what's the fee for {thing}?"])
    return q, fact, f"{_cap(thing)} costs {p} per order."


def t_delivery(r):
    method, s = r.choice(["standard", "express", "economy", "next-day", "international"]), span(r)
    country = r.choice(COUNTRIES)
    fact = f"{_cap(method)} delivery to {country} takes {s} business days."
    q = r.choice([f"how long does {method} delivery to {country} take?", f"when will my {method} parcel arrive in {country}?",
                  f"how many days for {method} shipping to {country}?", f"delivery time to {country}?"])
    return q, fact, f"{_cap(method)} delivery to {country} takes {s} business days."


def t_threshold(r):
    p = price(r)
    fact = f"Standard shipping is free for orders of {p} or more."
    q = r.choice(["when is shipping free?", "from what amount is delivery free?", "is there free shipping?",
                  "what's the minimum order for free delivery?"])
    return q, fact, r.choice([f"Standard shipping is free for orders of {p} or more.", f"Shipping is free from {p}."])


def t_countries(r):
    cs = pick(r, COUNTRIES, 3, 7)
    fact = f"We deliver to {listing(cs)}."
    if r.random() < 0.5:
        c = r.choice(cs)
        return f"do you ship to {c}?", fact, f"Yes, we deliver to {c}."
    other = r.choice([c for c in COUNTRIES if c not in cs])
    return f"do you deliver to {other}?", fact + f" We do not ship to {other}.", f"No, we do not ship to {other}."


def t_brands(r):
    bs = pick(r, BRANDS, 2, 5)
    cat = r.choice(PRODUCTS)
    fact = f"Our {cat} range includes products from {listing(bs)}."
    q = r.choice([f"which brands of {cat} do you have?", f"what {cat} brands do you sell?"])
    return q, fact, f"We have {cat} products from {listing(bs)}."


def t_payments(r):
    ps = pick(r, PAYMENTS, 2, 6)
    fact = f"We accept the following payment methods: {listing(ps)}."
    if r.random() < 0.4:
        return r.choice(["how can I pay?", "which payment methods do you accept?", "what are the ways to pay?"]), fact, \
            f"You can pay with {listing(ps)}."
    if r.random() < 0.5:
        p = r.choice(ps)
        return f"can I pay with {p}?", fact, f"Yes, you can pay with {p}."
    other = r.choice([p for p in PAYMENTS if p not in ps])
    return f"can I pay with {other}?", f"{_cap(other)} is not available as a payment method. " + fact, \
        f"No, {other} is not available as a payment method."


def t_can(r):
    item = r.choice(ITEMS)
    allowed = r.random() < 0.5
    verb = r.choice(["returned", "exchanged", "refunded", "shipped abroad", "gift-wrapped"])
    fact = f"{_cap(item)} can {'' if allowed else 'not '}be {verb}."
    fact = fact.replace("can not", "cannot")
    q = r.choice([f"can {item} be {verb}?", f"is it possible to have {item} {verb}?", f"are {item} {verb}?"])
    ans = f"Yes, {item} can be {verb}." if allowed else f"No, {item} cannot be {verb}."
    return q, fact, ans


def t_contact(r):
    kind = r.random()
    if kind < 0.35:
        phone = f"+{r.randint(30, 49)} {r.randint(10, 99)} {r.randint(1000, 9999)} {r.randint(1000, 9999)}"
        return r.choice(["what's your phone number?", "how can I call you?", "which number do I call?"]), \
            f"You can call our customer service at {phone}.", f"You can call us at {phone}."
    if kind < 0.7:
        user = r.choice(["support", "help", "service", "care", "hello"])
        dom = r.choice(["shopassist", "nordshop", "velora-store", "example-shop"])
        email = f"{user}@{dom}.{r.choice(['example', 'com', 'de', 'eu'])}"
        return r.choice(["what's your email address?", "where can I email you?", "how do I write to you?"]), \
            f"You can email us at {email}.", f"You can email us at {email}."
    d1, d2 = r.sample(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], 2)
    h1, h2 = r.randint(6, 11), r.randint(15, 22)
    hours = f"{d1}–{d2} {h1}:00–{h2}:00"
    return r.choice(["when are you open?", "what are your opening hours?", "when can I reach support?"]), \
        f"Our customer service team is available {hours}.", f"Our customer service is available {hours}."


def t_duration(r):
    thing = r.choice(["a refund", "a repair", "the reset link", "a welcome code", "a gift card", "a bank transfer reservation",
                      "an email reply", "a complaint reply", "the guarantee", "a battery warranty", "parcel storage"])
    n, unit = num(r, 1, 60), r.choice(TIME_UNITS)
    verb = r.choice(["takes", "is valid for", "lasts"])
    fact = f"{_cap(thing)} {verb} {n} {unit}."
    q = r.choice([f"how long does {thing} take?", f"how long is {thing} valid?", f"how long for {thing}?",
                  f"what's the duration of {thing}?"])
    return q, fact, f"{_cap(thing)} {verb} {n} {unit}."


def t_percent(r):
    n = r.choice([5, 10, 15, 20, 25, 30, 40, 50])
    what = r.choice(["newsletter subscribers", "new customers", "students", "Premium members", "app users"])
    days = num(r, 7, 60)
    fact = f"{_cap(what)} receive a code for {n}% off their next order, valid for {days} days."
    q = r.choice([f"what discount do {what} get?", f"is there a discount for {what}?"])
    return q, fact, f"{_cap(what)} get {n}% off their next order, valid for {days} days."


def t_place(r):
    city = r.choice(CITIES)
    thing = r.choice(["warehouse", "showroom", "head office", "returns centre"])
    fact = f"Our {thing} is in {city}."
    return r.choice([f"where is your {thing}?", f"in which city is the {thing}?"]), fact, f"Our {thing} is in {city}."


def t_carriers(r):
    cs = pick(r, CARRIERS, 1, 3)
    fact = f"We ship with {listing(cs)}."
    return r.choice(["which carrier do you use?", "who delivers my parcel?", "which delivery company ships it?"]), \
        fact, f"We ship with {listing(cs)}."


def t_minimum(r):
    n = num(r, 6, 20)
    fact = f"Your password must have at least {n} characters."
    return r.choice(["how long must my password be?", "what are the password rules?"]), fact, \
        f"Your password needs at least {n} characters."


def t_accounts(r):
    acs = pick(r, ACCOUNTS, 2, 4)
    fact = f"We offer {len(acs)} account types: {listing(acs)}."
    return r.choice(["what account types are there?", "which memberships do you offer?"]), fact, \
        f"We offer {listing(acs)} accounts."


def t_temperature(r):
    n = r.choice([20, 30, 40, 60, 90])
    prod = r.choice(PRODUCTS)
    fact = f"The {prod} cover can be washed at no more than {n} °C."
    return f"at what temperature can I wash the {prod} cover?", fact, f"You can wash it at up to {n} °C."


def t_yesno_time(r):
    n = num(r, 2, 72)
    fact = f"You can cancel an order free of charge within {n} hours after payment."
    return r.choice(["can I cancel for free?", "is cancelling free?", "how long can I cancel without a fee?"]), fact, \
        f"Yes, within {n} hours after payment you can cancel free of charge."


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
STATUSES = ["placed", "paid", "shipped", "delivered", "cancelled", "returned"]


def date(r) -> str:
    return f"{r.randint(1, 28)} {r.choice(MONTHS)}"


def order_no(r) -> str:
    return str(r.randint(10000000, 99999999))


def t_order_status(r):
    """Database facts about an order (status, date, carrier): the generator words them too."""
    oid, st, d = order_no(r), r.choice(STATUSES), date(r)
    if st == "shipped":
        carrier = r.choice(CARRIERS)
        fact = f"Order {oid} was shipped on {d} with {carrier}."
        ans = r.choice([f"Your order {oid} was shipped on {d} with {carrier}.",
                        f"Order {oid} left our warehouse on {d} and is on its way with {carrier}."])
    else:
        fact = f"Order {oid} is {st} since {d}."
        ans = f"Your order {oid} is {st} since {d}."
    q = r.choice(["where is my order?", f"what's the status of order {oid}?", "has my order shipped yet?",
                  f"any news on {oid}?", "what happened to my order?"])
    return q, fact, ans


def t_refund_amount(r):
    oid, p, d, s = order_no(r), price(r), date(r), span(r, 12)
    fact = f"A refund of {p} for order {oid} was issued on {d}. It reaches your original payment method within {s} business days."
    q = r.choice(["where is my refund?", f"did you refund order {oid}?", "when do I get my money back?",
                  "how much was refunded?"])
    return q, fact, f"We issued a refund of {p} for order {oid} on {d}; it reaches you within {s} business days."


def t_warranty(r):
    prod, n = r.choice(PRODUCTS), num(r, 1, 5)
    unit = r.choice(["years", "months"]) if n > 1 else r.choice(["year", "month"])
    if unit.startswith("month"):
        n = num(r, 3, 36)
        unit = "months"
    fact = f"Every {prod} comes with a {n}-{unit.rstrip('s')} warranty from the date of delivery."
    q = r.choice([f"how long is the warranty on the {prod}?", f"is there a guarantee for the {prod}?",
                  f"what warranty does the {prod} have?"])
    return q, fact, f"The {prod} has a {n}-{unit.rstrip('s')} warranty from the date of delivery."


def t_not_available(r):
    service, country = r.choice(["Express delivery", "Cash on delivery", "Gift wrapping", "Same-day delivery",
                                 "Pickup in store", "Installation"]), r.choice(COUNTRIES)
    fact = f"{service} is not available in {country}."
    q = r.choice([f"can I get {service.lower()} in {country}?", f"do you offer {service.lower()} to {country}?",
                  f"is {service.lower()} possible in {country}?"])
    return q, fact, r.choice([f"No, {service.lower()} is not available in {country}.",
                              f"I'm afraid {service.lower()} is not available in {country}."])


def t_limit(r):
    n, what = num(r, 2, 20), r.choice(["items per order", "gift cards per order", "vouchers per order",
                                      "addresses per account", "payment cards per account"])
    fact = f"You can use at most {n} {what}."
    q = r.choice([f"how many {what} can I have?", f"is there a limit on {what}?", f"what's the maximum of {what}?"])
    return q, fact, f"You can have at most {n} {what}."


def t_document(r):
    doc, h = r.choice(["invoice", "receipt", "credit note", "order confirmation", "return label"]), num(r, 1, 72)
    fact = f"The {doc} is sent as a PDF to your email address within {h} hours."
    q = r.choice([f"where do I get the {doc}?", f"when will I receive my {doc}?", f"how do I get a {doc}?"])
    return q, fact, f"We email the {doc} as a PDF within {h} hours."


def t_copy(r):
    """Policy sentences without numbers: the right answer is the sentence itself."""
    fact = r.choice([
        f"Once an order has shipped it can no longer be {r.choice(['cancelled', 'changed', 'redirected'])}.",
        f"We cannot deliver to {r.choice(['PO boxes', 'parcel lockers', 'military addresses', 'islands'])}.",
        f"{_cap(r.choice(ITEMS))} must be returned unopened and in the original packaging.",
        f"Your account can be deleted in the {r.choice(['privacy', 'account', 'settings'])} section of your profile.",
        f"Reviews are published after a {r.choice(['short', 'manual', 'quick'])} check by our team.",
    ])
    q = r.choice(["what's the rule here?", "can you tell me more about this?", "what are the conditions?",
                  "is that possible?", "how does that work?"])
    return q, fact, fact


TEMPLATES: List[Callable[[random.Random], Tuple[str, str, str]]] = [
    t_return_window, t_fee, t_delivery, t_threshold, t_countries, t_brands, t_payments, t_can, t_contact,
    t_duration, t_percent, t_place, t_carriers, t_minimum, t_accounts, t_temperature, t_yesno_time,
    t_order_status, t_refund_amount, t_warranty, t_not_available, t_limit, t_document, t_copy,
]

_DISTRACTORS = [
    "Prices include VAT.", "Orders ship from Monday to Friday.", "Please keep your receipt.",
    "Contact us if you have questions.", "This applies to all orders.",
]


def with_tone(rng: random.Random, answer: str) -> Tuple[str, str]:
    """A random tone (mostly neutral) and the answer opened the way that tone asks for."""
    tone = rng.choices(list(TONES), weights=[0.7, 0.2, 0.1])[0]
    return tone, rng.choice(TONES[tone]) + answer


def make_example(rng: random.Random) -> Example:
    q, fact, answer = rng.choice(TEMPLATES)(rng)
    if rng.random() < 0.15:
        answer = fact  # verbatim copy
    if rng.random() < 0.2:
        fact = fact + " " + rng.choice(_DISTRACTORS)
    tone, answer = with_tone(rng, answer)
    return Example(q, fact, answer, tone)


_NUMBER = re.compile(r"\d+")


def randomise_numbers(rng: random.Random, *texts: str) -> List[str]:
    """Replace every integer with a random one, consistently across ``texts``."""
    mapping = {}

    def sub(match: "re.Match[str]") -> str:
        old = match.group(0)
        if old not in mapping:
            mapping[old] = str(rng.randint(1, 99) if len(old) <= 2 else rng.randint(100, 9999))
        return mapping[old]

    return [_NUMBER.sub(sub, t) for t in texts]


def kb_pairs(rng: random.Random, split: str = "dev") -> List[Example]:
    """Questions of one split of tests/data/kb_questions.yml with their real answering sentence."""
    from shopassist.knowledge.chunking import chunk_all
    from shopassist.knowledge.documents import load_documents
    from shopassist.knowledge.questions import load_questions

    sentences = [s for p in chunk_all(load_documents()) for s in p.sentences]
    questions, _ = load_questions()
    pairs = []
    for q in questions:
        if q.split != split:
            continue
        sentence = next((s for s in sentences if q.answer in s), None)
        if sentence:
            pairs.append(Example(q.q, sentence, sentence))
    return pairs


def generate(n: int, seed: int = 0, kb_share: float = 0.1) -> Iterator[Example]:
    """``n`` examples: procedural ones plus (``kb_share``) real KB dev pairs with randomised numbers."""
    rng = random.Random(seed)
    kb: Optional[List[Example]] = None
    for _ in range(n):
        if kb_share and rng.random() < kb_share:
            if kb is None:
                kb = kb_pairs(rng) or []
            if kb:
                q, fact, answer, _ = rng.choice(kb)
                fact, answer = randomise_numbers(rng, fact, answer)
                tone, answer = with_tone(rng, answer)
                yield Example(q, fact, answer, tone)
                continue
        yield make_example(rng)


def format_input(question: str, fact: str, tone: str = "neutral") -> str:
    """The model's input; the tone marker is only present when a non-neutral tone is asked for."""
    prefix = "" if tone == "neutral" else f"tone: {tone} "
    return f"{prefix}question: {question} fact: {fact}"
