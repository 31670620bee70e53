"""Deterministic generator of labelled sentiment training messages (our own templates).

The sentiment classifier (:mod:`shopassist.nlu.sentiment`) is trained on these messages during
``rasa train``; the public file ``../shared/data/sentiment_dev.csv`` is only used to measure it.
Customers rarely write "I am angry": most negative messages state a failure (late, lost, no
answer, charged twice, on hold for hours) and a demand, so the templates compose a problem, an
optional consequence/emotion and an optional demand. Neutral messages are requests, questions and
facts; positive ones are thanks and praise. Mixed messages ("thanks, but it still hasn't arrived")
are labelled by their complaint, as a human annotator would.

Pure standard library, so it runs in either virtual environment.
"""
from __future__ import annotations

import random
from typing import List, Tuple

LABELS = ("negative", "neutral", "positive")

THINGS = ["order", "package", "parcel", "delivery", "refund", "item", "shoes", "jacket", "laptop",
          "phone", "bag", "flight", "booking", "ticket", "reservation", "account", "payment",
          "invoice", "return", "replacement", "luggage", "subscription", "card"]
COMPANY = ["you guys", "your company", "this shop", "your service", "your team", "your app",
           "your website", "customer service", "your support", "this airline", "your staff"]
TIMES = ["2 hours", "3 days", "a week", "two weeks", "45 minutes", "an hour", "10 days",
         "since Monday", "all morning", "3 weeks", "over a month", "5 hours", "ten days",
         "two hours", "three weeks", "four days"]

NEG_PROBLEMS = [
    "my {thing} still hasn't arrived", "my {thing} never arrived", "my {thing} is {time} late",
    "my {thing} was cancelled without any notice", "my {thing} got cancelled again",
    "my {thing} arrived broken", "my {thing} arrived damaged", "you lost my {thing}",
    "my {thing} is missing", "the {thing} you sent is the wrong one", "i was charged twice",
    "i've been on hold for {time}", "i've been waiting {time} for a reply",
    "i have been waiting for {time}", "waiting for {time} now", "it's been {time}",
    "nobody answers the phone", "no one has responded to my emails", "still no refund after {time}",
    "your website keeps crashing", "the app won't let me log in", "i can't get through to anyone",
    "my {thing} was delayed again", "i got charged a fee i never agreed to",
    "the tracking hasn't updated in {time}", "your agent hung up on me", "the staff was rude",
    "i was promised a callback that never came", "i keep getting the same useless answer",
    "the {thing} stopped working after {time}", "you sent me someone else's {thing}",
    "my {thing} is stuck in transit for {time}", "the checkout failed three times",
    "you cancelled my {thing} and kept my money", "i'm still waiting on my {thing}",
    "delayed again", "cancelled again", "{time} on hold and nobody picked up",
    "you broke my {thing}", "the quality is terrible", "the {thing} is a cheap knockoff",
    "i was overcharged", "my refund was rejected for no reason", "this is the third time i ask",
    "my {thing} was left in the rain", "the courier never showed up", "you ignored my complaint",
    "customer service is useless", "the chat bot doesn't understand anything",
    "i've asked {time} ago and still nothing", "my {thing} was delivered to the wrong address",
    "can't get a straight answer", "the {thing} looks nothing like the pictures",
    "still waiting", "no response at all", "missed my connection because of you",
    # complaints phrased as questions: the commonest form (measured error analysis)
    "why do i have to call {n} times to get an answer?", "how is this acceptable?",
    "why is my {thing} always late?", "how hard is it to answer an email?",
    "been sitting here for {time} waiting, what is going on?", "why did nobody tell me?",
    "is there a better time to call? i've called {n} times and never get a person",
    "why was my {thing} cancelled and nobody told me?", "why can't anyone help me?",
    "how can you not know where my {thing} is?", "what's the point of tracking if it never updates?",
    "why do some people get a refund and i don't?", "who do i need to talk to to get my money back?",
    "so i just wait forever?", "are you kidding me?", "seriously, {time} and still no {thing}?",
    "how many times do i have to explain this?", "why does it say unable to process every time?",
    "my {thing} is late, what can you do?", "gonna miss my appointment because of this",
    "waited {time} in line for nothing", "{n} calls and still no answer",
    "the only option offered was to pay again", "your system keeps failing",
    "no seat, no bag, no help", "i regret ordering from {company}", "i'm never using {company} again",
    "{company} keeps making excuses", "this is the {nth} time my {thing} is delayed",
    "they told me to call back later, again", "your site keeps erroring out",
    "stuck on the phone for {time}", "still no word on my {thing}", "you still haven't fixed it",
    "my {thing} got lost and nobody cares", "you charged me but the {thing} never came",
]
NEG_FEELINGS = [
    "this is ridiculous", "this is unacceptable", "worst service ever", "i'm so frustrated",
    "i'm really disappointed", "what a joke", "terrible experience", "never again",
    "i'm furious", "this is a nightmare", "absolutely awful", "so annoying", "i'm fed up",
    "thanks for nothing", "seriously?", "unbelievable", "what a mess", "shame on {company}",
    "{company} should be ashamed", "i'm done with {company}", "horrible", "pathetic",
    "this is a disgrace", "so disappointed", "not happy at all", "this is so stressful",
    "great, just great", "love waiting forever", "thanks a lot for ruining my week",
    "", "", "", "",
]
NEG_DEMANDS = [
    "i want my money back", "fix this now", "i want to speak to a manager", "refund me",
    "give me a real person", "i demand an explanation", "i'm filing a complaint",
    "i will never order again", "i'm cancelling everything", "do something", "why is this so hard?",
    "why does nobody care?", "what are you going to do about it?", "how hard can it be?",
    "where is my {thing}?", "when will this be fixed?", "", "", "", "",
]
NEU_MESSAGES = [
    "where is my {thing}?", "can you check the status of my {thing}?", "how do i change my address?",
    "what payment methods do you accept?", "do you ship to {place}?", "i'd like to return an item",
    "how long does delivery take?", "can i change the size of my {thing}?",
    "i need an invoice for my {thing}", "what is your return policy?", "is there a fee to cancel?",
    "my order number is {num}", "my email is {name}@example.com", "i want to cancel my {thing}",
    "how do i create an account?", "can i pay with paypal?", "i need to update my phone number",
    "when will my refund be processed?", "is the {thing} available in blue?",
    "do you have this in size {size}?", "i am going to the store now", "i ordered it on {day}",
    "what are your opening hours?", "can someone call me back?", "i want to talk to an agent",
    "please send the receipt to my email", "how much is express shipping?", "i'll check later",
    "do you deliver on weekends?", "can i pick it up in store?", "what's the tracking number?",
    "i'm flying to {place} on {day}", "are pets allowed?", "is there wifi on board?",
    "can i add a bag to my booking?", "what time does the {thing} arrive?",
    "i moved to {place} last month", "is my {thing} covered by warranty?",
    "how do i reset my password?", "i need to change my {thing}", "following up on my {thing}",
    "any update on my {thing}?", "just checking on my {thing}", "ok", "i see", "hello",
    "hi there", "can you help me with my {thing}?", "i have a question about my {thing}",
    "what happens if i miss the delivery?", "the {thing} is for my sister",
    "can i use a gift card?", "i sent you a message about my {thing}",
    "will the {thing} come with a charger?", "is there a student discount?",
    "please confirm my {thing}", "i'd like to book a {thing} for {day}", "yes", "no", "sure",
    "the order number is {num}, email {name}@example.com", "send me the invoice please",
    "which courier do you use?", "how do i subscribe to the newsletter?",
]
POS_MESSAGES = [
    "thank you so much!", "thanks, that was really helpful", "great service, thank you",
    "you guys are awesome", "love {company}!", "my {thing} arrived early, thank you!",
    "perfect, thanks a lot", "excellent support, very quick", "the {thing} is amazing",
    "really happy with my {thing}", "best shop ever", "thanks for the quick refund",
    "wonderful experience as always", "your agent was super friendly", "that solved it, thanks!",
    "great, that works for me", "brilliant, thank you", "i appreciate the help",
    "you made my day", "thanks for sorting this out so fast", "fantastic, much appreciated",
    "the {thing} fits perfectly, love it", "smooth delivery, well done", "kudos to your team",
    "thanks {name}, you were very helpful", "happy customer here", "awesome, thanks!",
    "great job", "very impressed with {company}", "5 stars", "such a pleasant experience",
    "thank you for the upgrade!", "that's great news", "nice, thanks", "cheers, all sorted",
    "you're the best", "lovely, thank you", "amazing customer service", "so glad it worked out",
    "thanks again for your help", "superb quality", "the new {thing} is great",
]
# Sarcasm: praise words around a failure; labelled by the failure.
NEG_SARCASM = [
    "thanks for losing my {thing}", "great job losing my {thing} again",
    "love how nobody answers the phone", "nothing like {time} on hold to start the day",
    "so glad i paid extra for a {thing} that never came", "wonderful, my {thing} is late again",
    "awesome, {time} and still no update", "really loving the {time} wait",
    "best customer service ever. not", "what a great way to treat loyal customers",
    "so helpful, said nobody ever", "fantastic, another cancelled {thing}",
    "perfect timing to crash your app",
]
# Disappointment and verdicts without an angry word.
NEG_VERDICTS = [
    "maybe train your staff", "you really need to fix your app", "not impressed with {company}",
    "expected better from {company}", "{company} used to be my favourite, not anymore",
    "stuck in {place} with no {thing} and no answers", "your new policy makes no sense",
    "i can't believe this is how you treat people", "this is why i stopped ordering from {company}",
    "still not resolved", "no apology, nothing", "this has ruined my {day}",
    "the {thing} was dirty and the staff didn't care", "you keep changing my {thing} without asking",
    "hours wasted because of your mistake", "nobody knows what they're doing",
]
# Plans, facts, follow-ups and short acknowledgements: neutral.
NEU_EXTRA = [
    "my {thing} is booked for {day}", "i'll try again tomorrow", "does the {thing} include {extra}?",
    "is it possible to {action} online?", "what's your policy on {policy}?",
    "will there be {extra} on {day}?", "if i {action}, can i still get a refund?", "got it",
    "will do", "fair enough", "makes sense", "haha ok", "interesting",
    "just booked my {thing} for {day}", "sent you the details by email",
    "here is my confirmation number {num}", "is the {clock} {thing} on time?",
    "who should i contact about my {thing}?", "we have {n} bags, is that ok?",
    "what's the weight limit for a {thing}?", "where do i find my booking reference?",
    "how early should i arrive?", "can my {relative} pick up the {thing}?",
    "my {relative} is travelling alone, what do we need?", "i'll be in {place} on {day}",
    "please advise", "let me know", "thanks, will check",
]
POS_EXTRA = [
    "excited to try the new {thing}", "love the new {thing}", "best {thing} ever",
    "great flight, great crew", "the upgrade made my day", "so smooth, well done {company}",
    "always a pleasure", "your team went above and beyond", "credit where it's due, that was quick",
    "we love you {company}",
]
ACTIONS = ["change my seat", "update my address", "cancel my order", "change my booking",
           "add a bag", "pay by invoice", "use a voucher", "reschedule the delivery"]
EXTRAS = ["wifi", "a meal", "free returns", "a charger", "insurance", "gift wrapping", "seat selection"]
POLICIES = ["pets", "refunds", "lost items", "price matching", "late returns", "carry-on bags"]
RELATIVES = ["mum", "son", "daughter", "husband", "wife", "grandmother"]
CLOCKS = ["7am", "2pm", "9:30", "6 pm", "noon"]
PLACES = ["Berlin", "Paris", "Boston", "Denver", "London", "Madrid", "Chicago", "Rome"]
DAYS = ["Monday", "Friday", "the weekend", "tomorrow", "May 3rd", "next week"]
NAMES = ["anna", "tom", "li", "maria", "sam", "julia"]
SIZES = ["S", "M", "L", "42", "10"]

PREFIXES = ["", "", "", "hi, ", "hello, ", "hey ", "excuse me, ", "@shop ", "@support "]
POS_TAILS = ["", "", " :)", " 😊", "!", "!!", " ❤️", " #happy", " thanks again"]
NEG_TAILS = ["", "", "", "!", "!!!", " >:(", " #fail", " 😡", "...", " smh"]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(n=rng.choice(["3", "4", "five", "ten", "6"]),
                           nth=rng.choice(["third", "fourth", "fifth"]),
                           thing=rng.choice(THINGS), company=rng.choice(COMPANY),
                           time=rng.choice(TIMES), place=rng.choice(PLACES), day=rng.choice(DAYS),
                           num=rng.randint(10000000, 99999999), name=rng.choice(NAMES),
                           size=rng.choice(SIZES), action=rng.choice(ACTIONS),
                           extra=rng.choice(EXTRAS), policy=rng.choice(POLICIES),
                           relative=rng.choice(RELATIVES), clock=rng.choice(CLOCKS))


def _style(text: str, rng: random.Random, caps_p: float = 0.0) -> str:
    if rng.random() < caps_p:
        return text.upper()
    if rng.random() < 0.5:
        return text[:1].upper() + text[1:]
    return text


def negative(rng: random.Random) -> str:
    """One complaint: a problem, maybe a feeling, maybe a demand (order shuffled sometimes)."""
    roll = rng.random()
    if roll < 0.15:  # sarcasm, sometimes with the problem spelled out
        parts = [_fill(rng.choice(NEG_SARCASM), rng)]
        if rng.random() < 0.4:
            parts.append(_fill(rng.choice(NEG_PROBLEMS), rng))
        return _style(rng.choice(PREFIXES) + ". ".join(parts) + rng.choice(POS_TAILS + NEG_TAILS), rng)
    pool = NEG_VERDICTS if roll < 0.35 else NEG_PROBLEMS
    parts = [_fill(rng.choice(pool), rng)]
    for pool, p in ((NEG_FEELINGS, 0.6), (NEG_DEMANDS, 0.4)):
        if rng.random() < p:
            part = _fill(rng.choice(pool), rng)
            if part:
                parts.append(part)
    if len(parts) > 1 and rng.random() < 0.3:
        parts.insert(0, parts.pop())
    if rng.random() < 0.15:  # mixed: polite opener, complaint wins
        parts.insert(0, rng.choice(["thanks, but", "i love you guys but", "nice try but", "ok but"]))
    text = rng.choice(PREFIXES) + ". ".join(parts) + rng.choice(NEG_TAILS)
    return _style(text, rng, caps_p=0.08)


def neutral(rng: random.Random) -> str:
    """A request, question or fact without an opinion."""
    pool = NEU_MESSAGES + NEU_EXTRA
    text = _fill(rng.choice(pool), rng)
    if rng.random() < 0.3:
        text = text + " " + _fill(rng.choice(pool), rng)
    return _style(rng.choice(PREFIXES) + text, rng)


def positive(rng: random.Random) -> str:
    """Thanks or praise, sometimes after a neutral statement."""
    pool = POS_MESSAGES + POS_EXTRA
    text = _fill(rng.choice(pool), rng)
    if rng.random() < 0.3:
        text = _fill(rng.choice(pool), rng) + " " + text
    if rng.random() < 0.2:
        text = _fill(rng.choice(["got my {thing} today. ", "just picked up my {thing}. ",
                                 "refund received. ", "flight was on time. "]), rng) + text
    return _style(rng.choice(PREFIXES) + text + rng.choice(POS_TAILS), rng, caps_p=0.03)


# Customer-service traffic is mostly complaints; the training mix follows that prior.
MIX = {"negative": 1.6, "neutral": 1.0, "positive": 1.0}


def generate(n_per_label: int = 1500, seed: int = 7) -> List[Tuple[str, str]]:
    """About ``n_per_label * MIX[label]`` distinct (text, label) pairs per label, deterministic."""
    rng = random.Random(seed)
    out: List[Tuple[str, str]] = []
    for label, make in (("negative", negative), ("neutral", neutral), ("positive", positive)):
        target = int(n_per_label * MIX[label])
        seen = set()
        tries = 0
        while len(seen) < target and tries < target * 20:
            tries += 1
            text = make(rng)
            if text not in seen:
                seen.add(text)
                out.append((text, label))
    rng.shuffle(out)
    return out
