"""Hand-written templates for the in-scope intents.

Slot syntax used in every template string:

* ``{V}`` base-form verb phrase, ``{G}`` gerund verb phrase, ``{O}`` object phrase,
  ``{N}`` noun phrase (all replaced before entities are filled);
* ``{x}`` optional profanity ("damn " or nothing);
* ``{order_id}``, ``{invoice_id}``, ... any key of ``vocab.ENTITY_GENERATORS``:
  replaced by a generated value and annotated as that entity;
* ``{num}``, ``{month}``, ``{adj}``: unannotated fillers.

An intent spec has ``groups`` (each a dict of ``verbs`` as ``(base, gerund)`` pairs and
``objects``), optional ``nouns`` and ``extras`` (complete templates), and optional
``mix`` weights for (base frames, gerund frames, noun frames, extras).
"""
from __future__ import annotations

# ---------------------------------------------------------------------------
# Generic frames
# ---------------------------------------------------------------------------
BASE_FRAMES = [
    "{V} {O}", "{V} {O}", "{V} {O}", "{V} {O} please", "please {V} {O}", "pls {V} {O}",
    "I want to {V} {O}", "I need to {V} {O}", "I'd like to {V} {O}", "I would like to {V} {O}",
    "I wanna {V} {O}", "wanna {V} {O}", "want to {V} {O}", "need to {V} {O}", "gotta {V} {O}",
    "I have to {V} {O}", "I have got to {V} {O}", "I must {V} {O}", "i gotta {V} {O}",
    "how do I {V} {O}?", "how can I {V} {O}?", "how could I {V} {O}", "how to {V} {O}?",
    "how do i {V} {O}", "how would I {V} {O}?", "how can i {V} {O} online?",
    "where can I {V} {O}?", "where do I {V} {O}?", "where to {V} {O}",
    "what do I need to do to {V} {O}?", "what do I have to do to {V} {O}",
    "what should I do to {V} {O}?", "what's the procedure to {V} {O}?",
    "I don't know how to {V} {O}", "I do not know how I can {V} {O}",
    "i dont know what to do to {V} {O}", "I'm not sure how to {V} {O}",
    "can you help me {V} {O}?", "could you help me to {V} {O}?", "can u help me {V} {O}",
    "would you help me {V} {O}", "can you {V} {O}?", "could you {V} {O} for me?",
    "can I {V} {O}?", "could I {V} {O}?", "is it possible to {V} {O}?",
    "would it be possible to {V} {O}?", "is there a way to {V} {O}?", "any way to {V} {O}?",
    "help me {V} {O}", "help me to {V} {O}", "help to {V} {O}", "I need help to {V} {O}",
    "need assistance to {V} {O}", "I want help to {V} {O}", "I want assistance to {V} {O}",
    "I need some help to {V} {O}", "I'd like some help to {V} {O}",
    "I try to {V} {O}", "I'm trying to {V} {O}", "I am trying to {V} {O} but it doesn't work",
    "I cannot {V} {O}", "I can't {V} {O}, can you help?", "i cant {V} {O}",
    "I need to {V} {O}, how do I do it?", "I want to {V} {O}, can I get some help?",
    "I have to {V} {O}, help me", "I need to {V} {O} asap", "I need to {V} {O} right now",
    "tell me how to {V} {O}", "show me how to {V} {O}", "explain how to {V} {O}",
    "let me {V} {O}", "I'm calling to {V} {O}", "I call to {V} {O}",
    "I was wondering if I could {V} {O}", "I want to know how to {V} {O}",
    "I'd want to {V} {O}", "I need to {V} {O} but I don't know how",
    "hey I need to {V} {O}", "hi, I would like to {V} {O}", "ok so I want to {V} {O}",
    "is there any chance to {V} {O}?", "I really need to {V} {O} today",
    "guys I want to {V} {O}", "quick question, how do I {V} {O}?",
    "what are the steps to {V} {O}?", "where should I go to {V} {O}?",
    "I'd appreciate help to {V} {O}", "I have no idea how to {V} {O}",
]

GERUND_FRAMES = [
    "{G} {O}", "{G} {O}", "help {G} {O}", "help me {G} {O}", "help with {G} {O}",
    "I need help {G} {O}", "I want help {G} {O}", "I need assistance {G} {O}",
    "want assistance {G} {O}", "assistance {G} {O}", "need support {G} {O}",
    "problems {G} {O}", "I have problems {G} {O}", "I have a problem with {G} {O}",
    "problem with {G} {O}", "I'm having trouble {G} {O}", "trouble {G} {O}",
    "issues {G} {O}", "I have issues {G} {O}", "errors {G} {O}", "I get an error {G} {O}",
    "information about {G} {O}", "I want information about {G} {O}",
    "I have a question about {G} {O}", "tell me more about {G} {O}",
    "can you tell me more about {G} {O}?", "can you help me {G} {O}?",
    "could you help me with {G} {O}?", "I'm interested in {G} {O}",
    "question about {G} {O}", "I need some help {G} {O}", "any help {G} {O}?",
    "I got stuck {G} {O}", "there is a problem {G} {O}", "support {G} {O}",
    "guide me through {G} {O}", "I'd like help {G} {O}", "need a hand {G} {O}",
    "what about {G} {O}?", "I'm stuck {G} {O}",
]

NOUN_FRAMES = [
    "{N}", "{N}", "{N}", "{N}?", "help with {N}", "{N} help", "question about {N}",
    "information about {N}", "info on {N}", "I have a question about {N}",
    "I need help with {N}", "I want information about {N}", "I need info about {N}",
    "{N} please", "what about {N}?", "need help with {N}", "problem with {N}",
    "can you help with {N}?", "tell me about {N}", "I'd like some information about {N}",
    "assistance with {N}", "I need assistance with {N}", "where can I find info on {N}?",
]

# ---------------------------------------------------------------------------
# Shared object phrases
# ---------------------------------------------------------------------------
ORDER_WITH_ID = [
    "order {order_id}", "order {order_id}", "purchase {order_id}", "purchase {order_id}",
    "my order {order_id}", "the order {order_id}", "my {x}order {order_id}",
    "order number {order_id}", "order no {order_id}", "order nr {order_id}",
    "the purchase {order_id}", "my purchase {order_id}", "order id {order_id}",
    "my order with number {order_id}", "the order with the id {order_id}",
    "order {order_id} please", "the {x}purchase {order_id}",
]
ORDER_NO_ID = [
    "my order", "the order", "my {x}order", "my purchase", "the purchase", "an order",
    "a purchase", "my last order", "my recent order", "the order I made yesterday",
    "the purchase I made last week", "my latest purchase", "order", "purchase", "my orders",
    "the {x}purchase", "this order",
]
ORDERS = ORDER_WITH_ID * 2 + ORDER_NO_ID

ADDRESS_WORDS = ["address", "shipping address", "delivery address", "postal address",
                 "shipping addres", "delivery addres"]

# ---------------------------------------------------------------------------
# Intent specs
# ---------------------------------------------------------------------------
INTENTS: dict = {}

INTENTS["cancel_order"] = {
    "groups": [{
        "verbs": [("cancel", "cancelling"), ("cancel", "canceling"), ("cancel", "cancelling"),
                  ("call off", "calling off"), ("revoke", "revoking"), ("abort", "aborting"),
                  ("withdraw", "withdrawing"), ("annul", "annulling"), ("stop", "stopping"),
                  ("void", "voiding")],
        "objects": ORDERS,
    }],
    "nouns": ["order cancellation", "cancellation of order {order_id}", "cancelling order",
              "canceling order", "purchase cancellation", "cancel order {order_id}",
              "cancellation of my order", "cancel purchase", "cancel my order"],
    "extras": [
        "I don't want order {order_id} anymore",
        "i dont want the {x}purchase i made anymore, can i cancel it",
        "I changed my mind, cancel order {order_id}",
        "I cannot afford this item, cancel order {order_id}",
        "I can't afford this anymore, please cancel purchase {order_id}",
        "I ordered by mistake, cancel it please",
        "I ordered the wrong thing, I want to cancel order {order_id}",
        "I no longer need order {order_id}, cancel it",
        "please do not ship order {order_id}, I want to cancel",
        "stop my order {order_id} from being sent, I want it cancelled",
        "I want my order {order_id} cancelled",
        "get order {order_id} cancelled",
        "I'd like my purchase {order_id} to be cancelled",
        "cancel it, order {order_id}",
        "cancel {order_id}",
        "scrap my order",
        "forget about order {order_id}, cancel it",
    ],
}

INTENTS["change_order"] = {
    "groups": [
        {"verbs": [("change", "changing"), ("modify", "modifying"), ("edit", "editing"),
                   ("update", "updating"), ("correct", "correcting"), ("fix", "fixing"),
                   ("adjust", "adjusting"), ("alter", "altering")],
         "objects": ORDERS},
        {"verbs": [("add", "adding"), ("include", "including"), ("put", "putting")],
         "objects": ["an item to order {order_id}", "something to order {order_id}",
                     "a product to purchase {order_id}", "an article to my order {order_id}",
                     "more items to my order", "another item to the order",
                     "a {x}product to order {order_id}", "an article to order {order_id}"]},
        {"verbs": [("remove", "removing"), ("delete", "deleting"), ("take out", "taking out"),
                   ("drop", "dropping")],
         "objects": ["an item from order {order_id}", "something from order {order_id}",
                     "some items from purchase {order_id}", "a product from my order",
                     "an article from order {order_id}", "one item from the purchase",
                     "a {x}product from order {order_id}"]},
        {"verbs": [("swap", "swapping"), ("switch", "switching"), ("replace", "replacing"),
                   ("exchange", "exchanging"), ("change", "changing")],
         "objects": ["an item of order {order_id}", "a product of purchase {order_id}",
                     "several products of order {order_id}", "something of purchase {order_id}",
                     "the size in order {order_id}", "the color of an item in my order",
                     "an article in my order", "a {x}product in order {order_id}",
                     "the quantity in order {order_id}"]},
    ],
    "nouns": ["order modification", "changes to order {order_id}", "edit order",
              "modify purchase {order_id}", "order change", "change my order",
              "add item to order", "remove item from order {order_id}"],
    "extras": [
        "I missed an item in order {order_id}, I need to add it",
        "I forgot to add something to my order {order_id}",
        "I ordered the wrong size in order {order_id}, can I change it?",
        "I want 2 instead of 1 in order {order_id}",
        "can I still make changes to purchase {order_id}?",
        "there's a mistake in my order {order_id}, I need to fix it",
        "I need to update the items in order {order_id}",
        "I'd like a different color for an item in order {order_id}",
    ],
}

INTENTS["change_shipping_address"] = {
    "groups": [{
        "verbs": [("change", "changing"), ("modify", "modifying"), ("edit", "editing"),
                  ("update", "updating"), ("correct", "correcting"), ("fix", "fixing"),
                  ("amend", "amending")],
        "objects": [f"{p} {a}" for p in ["my", "the", "my {x}", "my current"]
                    for a in ADDRESS_WORDS] + ["the address", "my address",
                                               "the address on order {order_id}",
                                               "the delivery address for order {order_id}",
                                               "where my order is shipped"],
    }],
    "nouns": ["delivery address change", "shipping address change", "address change",
              "change of address", "change the address", "change my shipping address",
              "update address", "wrong shipping address", "address correction"],
    "extras": [
        "I entered a wrong {x}shipping address, can I change it?",
        "I typed in the wrong delivery address",
        "I chose the wrong address by mistake",
        "I have entered a wrong address",
        "I moved, I need to update my address",
        "I moved to {delivery_city}, please change my address",
        "my address changed, how do I update it?",
        "the shipping address on my account is wrong, I need to correct it",
        "I made a typo in my delivery address",
        "can you send order {order_id} to a different address instead?",
        "the address I gave you is old, I need to change it",
    ],
}

INTENTS["set_up_shipping_address"] = {
    "groups": [{
        "verbs": [("set up", "setting up"), ("add", "adding"), ("enter", "entering"),
                  ("submit", "submitting"), ("register", "registering"), ("save", "saving"),
                  ("create", "creating"), ("set", "setting"), ("input", "inputting")],
        "objects": [f"{p} {a}" for p in ["a", "a new", "my new", "another", "a secondary",
                                        "my secondary", "a second", "the new", "a {x}new",
                                        "my", "an additional", "a different"]
                    for a in ["shipping address", "delivery address", "address"]],
    }],
    "nouns": ["new shipping address", "new delivery address", "secondary address",
              "set up shipping address", "add address", "additional delivery address",
              "shipping address setup"],
    "extras": [
        "my new delivery address isnt valid, I need help",
        "my second delivery address shows as invalid",
        "why can't I set up my new delivery address?",
        "why is my new shipping address not valid",
        "the system won't accept my new {x}shipping address",
        "it says my new address is invalid",
        "I don't have a shipping address saved yet, how do I add one?",
        "I want to add a second address for deliveries",
        "I want to save an extra address for my office",
        "I can't enter a new delivery address, it keeps failing",
        "how do I set a shipping address up?",
        "set a delivery address up",
    ],
}

INTENTS["check_cancellation_fee"] = {
    "groups": [{
        "verbs": [("check", "checking"), ("see", "seeing"), ("know", "knowing"),
                  ("find out", "finding out"), ("view", "viewing"), ("look up", "looking up"),
                  ("find", "finding"), ("get information about", "getting information about")],
        "objects": [f"{d}{f}" for d in ["the ", "the early ", "your ", "the {x}", "my ", ""]
                    for f in ["cancellation fee", "cancellation fees", "cancellation charge",
                              "cancellation penalty", "termination fee", "termination penalties",
                              "early exit fee", "exit fees", "withdrawal fee", "withdrawal penalties",
                              "cancellation costs", "termination charges", "early termination fee"]],
    }],
    "nouns": ["cancellation fee", "cancellation fees", "early termination fee",
              "termination penalties", "exit fee", "withdrawal charges", "cancellation charge",
              "cancellation penalty", "fee for cancelling"],
    "extras": [
        "how much does it cost to cancel?",
        "is there a fee if I cancel my order?",
        "do you charge anything for cancelling an order?",
        "what is the cancellation penalty",
        "will I be charged if I cancel order {order_id}?",
        "how much is the early exit fee",
        "do I have to pay a penalty to cancel?",
        "what are your termination charges",
        "is cancelling free or is there a charge?",
        "how much will I pay for cancelling",
        "are there any fees for early termination?",
    ],
}

_INV = ["invoice", "bill", "invoices", "bills", "invoce", "receipt"]
INVOICE_OBJS = (
    [f"{d}{w} {{invoice_id}}" for d in ["", "my ", "the ", "my {x}"] for w in _INV] * 2
    + [f"{d}{w} from {{person_name}}" for d in ["", "my ", "the "] for w in _INV]
    + [f"{d}{w}" for d in ["my ", "the ", "my {x}", "my last "] for w in _INV]
    + ["invoice number {invoice_id}", "bill no {invoice_id}", "{invoice_id}",
       "invoices from last month", "my invoice from {month}", "the bill from {num} months ago",
       "invoices from {num} purchases ago", "the invoice for order {order_id}",
       "my bills from last year", "the invoice of my last purchase"]
)

INTENTS["check_invoice"] = {
    "groups": [{
        "verbs": [("check", "checking"), ("see", "seeing"), ("find", "finding"),
                  ("look for", "looking for"), ("locate", "locating"), ("view", "viewing"),
                  ("take a quick look at", "taking a quick look at"),
                  ("give a quick look at", "giving a quick look at"),
                  ("look at", "looking at"), ("review", "reviewing"), ("consult", "consulting"),
                  ("check", "checking"), ("see", "seeing"), ("display", "displaying")],
        "objects": INVOICE_OBJS,
    }],
    "nouns": ["check invoice {invoice_id}", "see bill {invoice_id}", "invoice {invoice_id}",
              "bills from {person_name}", "view invoices", "where are my invoices",
              "find invoice", "check my bill"],
    "extras": [
        "where can I see my invoices?", "where are my bills",
        "{chk} the {invw} from {person_name}", "{chk} my {invw} from {person_name}",
        "{chk} {invw} from {person_name}", "{chk} {invw} {invoice_id}", "{chk} my {invw} {invoice_id}",
        "show me invoice {invoice_id}", "show me the bills from {person_name}",
        "can I see my {x}invoice {invoice_id} online?",
        "I can't find my invoice from {person_name}",
        "what does invoice {invoice_id} say",
        "what's on my bill {invoice_id}?",
        "I want to have a look at the invoice {invoice_id}",
        "display my bill from {person_name}",
    ],
}

INTENTS["get_invoice"] = {
    "groups": [{
        "verbs": [("get", "getting"), ("download", "downloading"), ("receive", "receiving"),
                  ("obtain", "obtaining"), ("request", "requesting"), ("print", "printing"),
                  ("get a copy of", "getting a copy of"), ("export", "exporting"),
                  ("get", "getting"), ("download", "downloading")],
        "objects": INVOICE_OBJS,
    }],
    "nouns": ["download invoice {invoice_id}", "get bill {invoice_id}", "invoice copy",
              "copy of my invoice", "invoice pdf", "get invoices from {person_name}",
              "invoice download", "send me the bill"],
    "extras": [
        "send me invoice {invoice_id}", "email me the bill from {person_name}",
        "{getv} the {invw} from {person_name}", "{getv} my {invw} from {person_name}",
        "{getv} {invw} from {person_name}", "{getv} {invw} {invoice_id}", "{getv} my {invw} {invoice_id}",
        "{getv} {invw} from {month}", "{getv} {invw} from {num} purchases ago",
        "mail me my invoice {invoice_id}", "can you send me a copy of my bill?",
        "I lost my invoice {invoice_id}, can you send it to me?",
        "i lost the {x}invoice from {person_name}, mail it to me",
        "I need a pdf of invoice {invoice_id}",
        "please email me the invoice for order {order_id}",
        "I need my invoice for my tax return",
        "I need the bill from {person_name} for my records",
        "can I get a duplicate of invoice {invoice_id}?",
        "send the invoices from {month} to my email",
        "will you mail me my invoice from last year?",
    ],
}

INTENTS["check_payment_methods"] = {
    "groups": [{
        "verbs": [("check", "checking"), ("see", "seeing"), ("list", "listing"),
                  ("know", "knowing"), ("find out", "finding out"), ("view", "viewing")],
        "objects": [f"{d}{a}{p}" for d in ["the ", "your ", "ur ", "", "the {x}"]
                    for a in ["available ", "accepted ", "", "allowed "]
                    for p in ["payment methods", "payment options", "payment modalities",
                              "ways to pay", "payment types"]]
        + ["what payment methods are accepted", "what payment options you accept",
           "which payment methods are allowed", "what payment options are available",
           "what payment modalities are there", "how I can pay"],
    }],
    "nouns": ["payment methods", "payment options", "payment modalities", "accepted payments",
              "ways of payment", "available payment methods", "payment types"],
    "extras": [
        "what payment methods do you accept?", "which payment options do you have",
        "do you accept PayPal?", "can I pay with a credit card?", "can I pay by bank transfer?",
        "do you take Apple Pay", "can I pay with Klarna?", "is cash on delivery possible?",
        "do you accept Visa or Mastercard?", "can I pay in installments?",
        "how can I pay for my order?", "what are the ways to pay",
        "do you accept debit cards?", "can i pay with bitcoin",
    ],
}

INTENTS["check_refund_policy"] = {
    "groups": [{
        "verbs": [("check", "checking"), ("see", "seeing"), ("know", "knowing"),
                  ("read", "reading"), ("understand", "understanding"), ("find out", "finding out"),
                  ("review", "reviewing")],
        "objects": [f"{d}{p}" for d in ["your ", "the ", "ur ", "your {x}"]
                    for p in ["refund policy", "reimbursement policy", "money back guarantee",
                              "money back policy", "return policy", "refund terms",
                              "refund conditions", "refund rules"]]
        + ["in which cases I can ask for a refund", "in what situations I can request a refund",
           "under what circumstances I can get my money back",
           "how long refunds usually take", "how long reimbursements take",
           "if I'm eligible for a refund", "whether I can be refunded"],
    }],
    "nouns": ["refund policy", "reimbursement policy", "money back guarantee",
              "refund conditions", "return and refund policy", "refund rules"],
    "extras": [
        "in which cases can I ask for a refund?", "in what situations am I allowed a refund",
        "{how} in what cases can I request my money back", "{how} in which cases can I ask to be reimbursed",
        "{how} in which situations am I allowed to ask for a refund", "{how} under what circumstances can I request a refund",
        "{how} in which cases can I ask to be refunded", "{how} in what cases can I request reimbursements",
        "{how} how long refunds usually take", "{how} when I can ask for my money back",
        "{how} if I can get a refund for a used item", "{how} your money back guarantee",
        "under what circumstances can I request my money back?",
        "when am I entitled to a refund?", "what is your refund policy?",
        "how long do refunds usually take?", "how long does a reimbursement take",
        "are shipping charges reimbursable?", "are service fees refundable?",
        "do you offer a money back guarantee?", "can I get a refund on sale items?",
        "within how many days can I ask for a refund?", "what's your policy on refunds",
        "is there a time limit for refunds?", "do you refund digital products?",
        "which items are eligible for a refund?",
    ],
}

_REFUND_WORDS = ["refund", "reimbursement", "compensation", "rebate", "restitution",
                 "money back", "my money back", "refunds", "reimbursements"]

INTENTS["get_refund"] = {
    "groups": [
        {"verbs": [("get", "getting"), ("request", "requesting"), ("ask for", "asking for"),
                   ("obtain", "obtaining"), ("receive", "receiving"), ("demand", "demanding"),
                   ("claim", "claiming"), ("get back", "getting back")],
         "objects": [f"{d}{w}" for d in ["a ", "my ", "a {x}", "", "a full "]
                     for w in ["refund", "reimbursement", "compensation", "rebate",
                               "refund of my money", "reimbursement of money",
                               "compensation of money"]]
         + ["my money back", "refunds", "rebates", "my {x}money back",
            "a refund for order {order_id}", "a refund for purchase {order_id}",
            "a refund of {refund_amount} dollars", "a refund of ${refund_amount}",
            "my {refund_amount} dollars back", "{refund_amount} euros back"]},
        {"verbs": [("refund", "refunding"), ("reimburse", "reimbursing"), ("rebate", "rebating")],
         "objects": ["{refund_amount} dollars", "${refund_amount}", "{refund_amount} euros",
                     "my order", "order {order_id}", "the purchase", "{refund_amount} usd",
                     "me", "my money"]},
    ],
    "nouns": ["refund", "refund please", "money back", "reimbursement request",
              "refund request", "I want a refund", "refund my money", "give me my money back"],
    "extras": [
        "I paid ${refund_amount} for an item, I need a refund",
        "I paid {refund_amount} dollars for this order, I want my compensation",
        "i paid ${refund_amount} for this product how do i get a refund",
        "I have paid ${refund_amount} for this item and I want my money back",
        "the product was broken, I want a refund",
        "I returned the item, now I want my money back",
        "give me back my {x}money",
        "I want to be reimbursed for order {order_id}",
        "please refund me", "refund me now", "i want my money back now",
        "I was charged twice, refund the second payment",
        "the item never arrived, I want a refund",
    ],
}

INTENTS["track_refund"] = {
    "mix": {"extra": 0.45},
    "groups": [{
        "verbs": [("track", "tracking"), ("check", "checking"), ("see", "seeing"),
                  ("follow", "following"), ("know", "knowing"), ("find out", "finding out"),
                  ("check on", "checking on")],
        "objects": [f"{d}{s}" for d in ["the status of my ", "the status of the ", "my ",
                                        "the progress of my ", "the {x}status of my "]
                    for s in ["refund", "reimbursement", "compensation", "rebate", "restitution"]]
        + ["where my refund is", "if my refund was processed", "when I'll get my money back",
           "if there is anything new on my refund", "whether my reimbursement has been processed",
           "the refund status", "how my refund is going", "the refund for order {order_id}"],
    }],
    "nouns": ["refund status", "status of my refund", "refund tracking", "refund update",
              "reimbursement status", "where is my refund"],
    "extras": [
        "I'm waiting for a refund of {amt}", "I expect a compensation of {amt}",
        "{wait} a {rword} of {amt}", "{wait} a {rword} of {amt}", "{wait} a {rword} of {amt}",
        "{wait} a {rword} of {amt}, {proc}", "{wait} a {rword} of {amt} {proc}",
        "{wait} a {rword}, {proc}", "{wait} my {rword}", "{wait} a {rword} of {amt} since last week",
        "i expect a refund of {amt}, was it processed", "I am waiting for a reimbursement of {amt}",
        "I expect a restitution of {amt}", "im waiting for a rebate of {amt}, has it been processed?",
        "I'm still waiting for my refund", "I expect a reimbursement, has it been processed?",
        "where is my {x}refund?", "has my refund been processed?", "was my refund processed already",
        "when will I get my refund?", "when will my money be returned?",
        "any news about my refund?", "is there anything new on my reimbursement?",
        "my refund hasn't arrived yet", "I am waiting for a rebate of {amt}, was it processed",
        "it's been two weeks and I still don't have my refund",
        "i expect a restitution of {amt}",
        "I'm waiting for a compensation, when will it come?",
        "did you already send my refund?", "how long until my refund arrives?",
        "I was told I'd get a refund, where is it?",
    ],
}

INTENTS["complaint"] = {
    "groups": [{
        "verbs": [("file", "filing"), ("make", "making"), ("lodge", "lodging"),
                  ("submit", "submitting"), ("raise", "raising"), ("open", "opening"),
                  ("register", "registering"), ("send", "sending")],
        "objects": [f"{a}{w}{t}" for a in ["a ", "a {x}", "a formal ", "a customer ",
                                          "a consumer ", ""]
                    for w in ["complaint", "claim", "reclamation", "grievance"]
                    for t in ["", " against your company", " against your business",
                              " against ur organization", " about your service"]],
    }],
    "nouns": ["complaint", "consumer complaint", "customer claim", "formal complaint",
              "complaint against your company", "I want to complain"],
    "extras": [
        "I want to complain about your service", "making claim", "make a claim", "claim against you", "I'm unhappy with your service, I want to complain",
        "I'm really unhappy with ur service, I want to make a claim",
        "the experience with you was terrible, I want to file a complaint",
        "my experience with your company was awful, where do I complain?",
        "your service is terrible and I want to complain",
        "I am very dissatisfied and want to file a {x}complaint",
        "this is unacceptable, I want to lodge a complaint",
        "your delivery guy was rude, I want to make a complaint",
        "I'm calling to complain", "how do I complain", "where can I complain?",
        "who do I complain to?", "I'm furious with your company, I want to file a claim",
        "the customer service was awful, complaint please",
    ],
}

INTENTS["review"] = {
    "groups": [{
        "verbs": [("leave", "leaving"), ("write", "writing"), ("submit", "submitting"),
                  ("send", "sending"), ("give", "giving"), ("post", "posting"),
                  ("share", "sharing"), ("provide", "providing")],
        "objects": [f"{a}{w}{t}" for a in ["a ", "some ", "my ", "an ", ""]
                    for w in ["review", "feedback", "comment", "opinion", "rating"]
                    for t in ["", " about your products", " for a service", " about ur company",
                              " for your services", " about a product", " about my purchase"]],
    }],
    "nouns": ["product review", "feedback", "leave a review", "customer feedback",
              "review for a product", "rate a product"],
    "extras": [
        "I want to rate my purchase {rating} stars",
        "I'd give the product {rating} stars",
        "I'd like to give you {rating} out of 5",
        "is there an address to leave a comment?", "do you have a section to leave a review?",
        "where can I rate the product?", "I want to tell you what I think about your products",
        "I loved the jacket, where can I write a review?",
        "how do I leave feedback for a service?", "can I post a review on your site",
        "I want to share my experience with a product",
        "is there an e-mail to send feedback?",
        "do you have a method to submit a review?",
    ],
}

INTENTS["contact_customer_service"] = {
    "groups": [
        {"verbs": [("contact", "contacting"), ("call", "calling"), ("reach", "reaching"),
                   ("talk to", "talking to"), ("speak with", "speaking with"),
                   ("get in touch with", "getting in touch with"), ("email", "emailing"),
                   ("speak to", "speaking to"), ("write to", "writing to")],
         "objects": [f"{d}{w}" for d in ["", "the ", "your ", "ur ", "the {x}"]
                     for w in ["customer service", "customer support", "customer assistance",
                               "customer care", "support team", "help desk", "service team",
                               "customer service department"]]},
        {"verbs": [("check", "checking"), ("see", "seeing"), ("know", "knowing"),
                   ("find out", "finding out")],
         "objects": ["what hours I can call customer service",
                     "at what time customer support is available",
                     "the customer service opening hours", "the customer service phone number",
                     "the support email address", "when customer care is open",
                     "what hours I can reach customer assistance"]},
    ],
    "nouns": ["customer service", "customer support", "customer service number",
              "customer support mail", "customer service hours", "support phone number",
              "customer care contact", "service hotline", "contact details"],
    "extras": [
        "what is the customer service phone number?", "do you have an e-mail for customer support?",
        "when is customer service open?", "what are your support hours?",
        "how can I contact you?", "how do I reach your support team?",
        "do you have a free phone number to call customer service?",
        "is customer support available on weekends?", "what's your hotline number",
        "at what time can I call customer service", "is there a support email?",
        "how do I get in touch with the shop?",
    ],
}

INTENTS["contact_human_agent"] = {
    "groups": [{
        "verbs": [("talk to", "talking to"), ("speak to", "speaking to"), ("chat with", "chatting with"),
                  ("speak with", "speaking with"), ("talk with", "talking with"),
                  ("contact", "contacting"), ("get", "getting"), ("be transferred to", "being transferred to"),
                  ("connect with", "connecting with")],
        "objects": [f"{d}{w}" for d in ["a ", "an ", "a real ", "a {x}", "some ", "a live "]
                    for w in ["human", "person", "agent", "operator", "assistant",
                              "representative", "employee", "human being", "human agent"]]
        + ["someone", "somebody", "a real person", "an actual human", "live agent",
           "someone real", "a live agent"],
    }],
    "nouns": ["human", "agent", "real person", "live agent", "human agent please",
              "operator", "representative", "talk to human", "person please"],
    "extras": [
        "I want a human", "let me talk to a person", "get me a human",
        "transfer me to an agent", "I don't want to talk to a bot",
        "you aren't helpful, I want to chat with an agent",
        "I cannot understand you, I need to talk to a real person",
        "is there a human I can talk to?", "can I speak to someone real please",
        "put me through to an operator", "connect me to a representative",
        "you're useless, give me a human", "I need a real person, not a machine",
        "stop, I want an operator", "escalate this to a human",
    ],
}

_ACC = ["account", "profile", "acount", "user account"]


def _acc_objs(prefixes):
    out = []
    for p in prefixes:
        for a in _ACC:
            out.append(f"{p}{{account_type}} {a}")
    return out


INTENTS["create_account"] = {
    "groups": [{
        "verbs": [("create", "creating"), ("open", "opening"), ("make", "making"),
                  ("set up", "setting up"), ("register", "registering"), ("start", "starting"),
                  ("sign up for", "signing up for"), ("get", "getting")],
        "objects": _acc_objs(["a ", "an ", "a new ", "new ", "", "my ", "a {x}"]) * 2
        + _acc_objs(["a "])
        + [f"a {{account_type}} account for my {r}" for r in
           ["wife", "husband", "daughter", "son", "fiancee", "mother", "bride", "kid", "friend"]]
        + ["an account", "a new account", "a user account", "a profile", "an account with you",
           "a customer account", "a new profile"],
    }],
    "nouns": ["new account", "account creation", "create account", "open an account",
              "sign up", "new {account_type} account", "registration of a new account"],
    "extras": [
        "I'm not registered yet, how do I create a {account_type} account?",
        "I need a {account_type} account", "i need a new {account_type} account",
        "another {account_type} account", "new {account_type} account", "a {account_type} account please",
        "create user", "new user", "create a user", "I want a new user", "open a new profile",
        "I want one more {account_type} account", "an additional {account_type} account for my {kin}",
        "{account_type} account for my {kin}", "I'd like an account",
        "i havent signed up yet, I want to open a {account_type} account",
        "I want to become a member", "how do I register?", "I want to sign up",
        "can I join as a {account_type} member?", "I'd like to sign up for {account_type}",
        "I need a {account_type} account, can I open one?",
        "what do I need to open an account?",
    ],
}

INTENTS["delete_account"] = {
    "groups": [{
        "verbs": [("delete", "deleting"), ("close", "closing"), ("remove", "removing"),
                  ("cancel", "cancelling"), ("terminate", "terminating"), ("deactivate", "deactivating"),
                  ("erase", "erasing"), ("get rid of", "getting rid of")],
        "objects": _acc_objs(["my ", "the ", "a ", "", "my {x}"]) * 2
        + ["my account", "the account", "my profile", "my user account", "my {x}account",
           "my data and account"],
    }],
    "nouns": ["account deletion", "account removal", "delete account", "close my account",
              "termination of my {account_type} account", "account cancellation",
              "removal of my {account_type} account", "deleting {account_type} account"],
    "extras": [
        "I no longer use my {account_type} account, how can I close it?",
        "I don't make use of the {account_type} account, how do I cancel it?",
        "I do not use my {x}user anymore, I need to cancel it", "delete my user",
        "I don't use my account anymore, remove it", "close my user account please",
        "I don't need my {account_type} account anymore, delete it",
        "please erase all my data and my account",
        "I want to leave your platform and remove my profile",
        "unsubscribe me from everything and delete my account",
        "how do I get rid of my account?",
    ],
}

INTENTS["edit_account"] = {
    "groups": [{
        "verbs": [("edit", "editing"), ("update", "updating"), ("change", "changing"),
                  ("modify", "modifying"), ("correct", "correcting")],
        "objects": [f"{i} on {p}{{account_type}} {a}"
                    for i in ["information", "info", "data", "details", "personal data",
                              "my details", "the information"]
                    for p in ["my ", "the ", ""] for a in ["account", "profile"]]
        + _acc_objs(["my ", "the ", ""])
        + ["my account details", "my profile information", "my personal data",
           "my account info", "my user profile", "the name on my account",
           "my email address on the account", "my phone number in my profile"],
    }],
    "nouns": ["account details", "profile update", "edit account", "update account info",
              "edit {account_type} account", "account settings", "change personal details"],
    "extras": [
        "I need to change the email on my account to {email}",
        "I need to edit my user", "I'd like to edit my user details",
        "update my user details", "modify my user", "change my user info",
        "edit my {account_type} user", "I want to change details on my profile",
        "update my phone number to {phone}", "my name is wrong in my profile, please fix it",
        "I want to change my username", "how do I edit my profile details?",
        "can I update my personal info?", "my account details are outdated",
    ],
}

# Right of access (issue #12): a copy of what the shop holds about the customer.
INTENTS["request_data_export"] = {
    "groups": [{
        "verbs": [("download", "downloading"), ("export", "exporting"), ("see", "seeing"),
                  ("access", "accessing"), ("request", "requesting"), ("obtain", "obtaining"),
                  ("get", "getting"), ("view", "viewing")],
        "objects": ["my personal data", "my data", "the data you have on me", "all my information",
                    "a copy of my data", "a copy of my personal data", "the information you store about me",
                    "everything you know about me", "my {account_type} account data", "my stored data",
                    "the personal information you keep", "my data under GDPR", "a data export"],
    }],
    "nouns": ["data export", "GDPR request", "GDPR data request", "data access request", "subject access request",
              "copy of my data", "personal data copy", "export of my personal data", "my data",
              "right of access"],
    "extras": [
        "what do you know about me?", "what data do you have on me?", "what information do you store about me?",
        "which personal data do you keep about me?", "send me everything you have about me",
        "I want to know what you store about me", "what have you saved about me?",
        "do you keep my chat history?", "GDPR: I request access to my personal data",
        "under GDPR I want a copy of all data linked to my account", "what personal info do you hold on me",
        "show me what you know about me", "what's in my customer profile?", "email me a copy of my data",
        "i want my data", "what do u have on me", "do you store my address and phone number?",
        "what do you track about me?", "I'd like a report of the data you've collected about me",
    ],
}

INTENTS["switch_account"] = {
    "mix": {"extra": 0.3},
    "groups": [{
        "verbs": [("switch to", "switching to"), ("change to", "changing to"), ("use", "using"),
                  ("move to", "moving to"), ("upgrade to", "upgrading to"),
                  ("downgrade to", "downgrading to"), ("go to", "going to"),
                  ("migrate to", "migrating to")],
        "objects": _acc_objs(["the ", "a ", "my ", "", "the {x}"]) * 2
        + ["another account", "a different account", "another profile", "my other account",
           "a different plan", "another {account_type} profile"],
    }],
    "nouns": ["switch account", "account switch", "change account type", "upgrade account",
              "switch to {account_type}", "plan change", "upgrade to {account_type}"],
    "extras": [
        "I want to upgrade my account to {account_type}", "make my account {account_type}",
        "changing to the {account_type} account", "change to the {x}{account_type} account",
        "assistance changing to the {account_type} account", "I want to change to {account_type}",
        "using the {account_type} account", "use the {account_type} profile",
        "i want help changing to the {account_type} account", "switch me to {account_type}",
        "can I downgrade from {account_type} to {account_type}?",
        "how do I log in with my other account?", "switch profile",
        "I want to change my plan to {account_type}",
    ],
}

INTENTS["delivery_options"] = {
    "groups": [
        {"verbs": [("check", "checking"), ("see", "seeing"), ("know", "knowing"),
                   ("find out", "finding out"), ("list", "listing"), ("compare", "comparing")],
         "objects": [f"{d}{w}" for d in ["the ", "your ", "ur ", "", "the available "]
                     for w in ["delivery options", "shipping options", "shipping methods",
                               "delivery methods", "shipment options", "options for delivery",
                               "methods for shipping", "shipping choices"]]
         + ["what delivery options are there", "what shipping methods you offer",
            "which shipping options I can choose", "if you offer express shipping"]},
        {"verbs": [("ship to", "shipping to"), ("deliver to", "delivering to"),
                   ("send orders to", "sending orders to"), ("order from", "ordering from"),
                   ("place an order from", "placing an order from")],
         "objects": ["{delivery_city}", "{delivery_country}", "{delivery_city}", "{delivery_country}",
                     "{delivery_city}, {delivery_country}"]},
    ],
    "nouns": ["delivery options", "shipping options", "shipping methods", "express shipping",
              "delivery methods", "shipment options", "options for delivery"],
    "mix": {"extra": 0.6},
    "extras": [
        "do you ship to {delivery_country}?", "do you deliver to {delivery_city}?",
        "{ship} to {delivery_city}", "{ship} to {delivery_country}", "{ship} to {delivery_city}?",
        "{ship} to {delivery_country}?", "{ship} to {delivery_city} possible?",
        "do you {shipv} to {delivery_city}?", "do you {shipv} to {delivery_country}",
        "do u {shipv} to {delivery_city}", "do ya {shipv} to {delivery_country}?",
        "can you {shipv} to {delivery_city}?", "will you {shipv} to {delivery_country}",
        "can I order from {delivery_country}?", "can i place an order from {delivery_city}",
        "is it possible to place an order from {delivery_country}?",
        "is it possible to order from {delivery_country}", "could I order from {delivery_city}",
        "can I buy from {delivery_city}?", "can I shop from {delivery_country}?",
        "I live in {delivery_city}, can I order?", "I'm in {delivery_country}, do you ship here?",
        "would it be possible to place an order from {delivery_city}",
        "do you offer {ship} to {delivery_country}?", "what are the {ship} options to {delivery_city}",
        "how can I get my order delivered to {delivery_city}?",
        "I want to order from {delivery_country}, is that possible?",
        "can I order from {delivery_city}?", "can I place an order from {delivery_country}?",
        "is it possible to order from {delivery_city}", "do u ship to {delivery_city}",
        "do you offer express delivery?", "is next day delivery available?",
        "can I pick up my order in a store?", "do you have standard and express shipping?",
        "which carriers do you use?", "do you ship internationally?",
        "do you deliver to {delivery_city}, {delivery_country}?",
        "can you ship my order to {delivery_country}?", "is shipping to {delivery_country} possible?",
        "what shipping methods do you have", "can i choose the courier",
    ],
}

INTENTS["delivery_period"] = {  # noqa: E501
    "groups": [{
        "verbs": [("check", "checking"), ("see", "seeing"), ("know", "knowing"),
                  ("find out", "finding out"), ("estimate", "estimating")],
        "objects": [f"{q} {d}{p} {v}" for q in ["when", "how soon"]
                    for d in ["my ", "the ", "my {x}"]
                    for p in ["order", "package", "parcel", "item", "purchase", "shipment", "product",
                              "article", "delivery"]
                    for v in ["will arrive", "is going to arrive", "arrives", "is gonna arrive"]][::3]
        + [f"how long {t}" for t in ["the shipping takes", "delivery takes",
                                     "it takes for my order to arrive", "it takes to deliver",
                                     "shipping usually takes"]]
        + [f"how soon I can expect {d}{p}" for d in ["my ", "the "]
           for p in ["order", "package", "parcel", "purchase", "item"]]
        + ["the delivery period", "the shipping period", "the delivery time",
           "the estimated delivery date", "the delivery times"],
    }],
    "nouns": ["delivery period", "delivery time", "shipping time", "shipping period",
              "delivery times", "how long is shipping", "estimated delivery time",
              "shipping duration"],
    "extras": [
        "when will my {x}package arrive?", "when will my order arrive", "how long does shipping take?",
        "how long does delivery take to {delivery_country}?", "how soon can I expect my parcel?",
        "when is my purchase going to arrive?", "how many days does delivery take?",
        "will it arrive before the weekend?", "will my item arrive by Friday?",
        "how long will it take for the product to get here?",
        "how long do deliveries usually take", "what is the delivery period for this purchase?",
        "when can i expect my stuff", "how many days until my package arrives",
        "how long does it take to ship to {delivery_city}?",
    ],
}

INTENTS["newsletter_subscription"] = {
    "groups": [
        {"verbs": [("subscribe to", "subscribing to"), ("sign up to", "signing up to"),
                   ("sign up for", "signing up for"), ("join", "joining"), ("receive", "receiving"),
                   ("get", "getting"), ("register for", "registering for")],
         "objects": [f"{d}{w}" for d in ["the ", "your ", "ur ", "the {x}", "your company ",
                                        "the corporate ", "ur corporate "]
                     for w in ["newsletter", "newsletters", "mailing list", "email newsletter",
                               "newslettre"]]},
        {"verbs": [("unsubscribe from", "unsubscribing from"), ("unsubscribe to", "unsubscribing to"),
                   ("cancel", "cancelling"), ("stop", "stopping"), ("opt out of", "opting out of"),
                   ("leave", "leaving")],
         "objects": ["the newsletter", "your newsletter", "my newsletter subscription",
                     "the company newsletter", "ur corporate newsletter", "the mailing list",
                     "the {x}newsletter", "the promotional emails", "your marketing emails"]},
        {"verbs": [("check", "checking"), ("see", "seeing"), ("manage", "managing")],
         "objects": ["my newsletter subscription", "the status of my newsletter subscription",
                     "my newsletter preferences", "my email subscription"]},
    ],
    "nouns": ["newsletter", "newsletter subscription", "newsletter unsubscribe",
              "subscribe newsletter", "stop newsletter", "mailing list",
              "newsletter sign up"],
    "extras": [
        "stop sending me newsletters", "I get too many emails from you, unsubscribe me",
        "please remove {email} from your mailing list", "add {email} to the newsletter",
        "I don't want your promotional emails anymore", "how do I get your newsletter?",
        "am I subscribed to the newsletter?", "i want to get news about offers by email",
    ],
}

INTENTS["payment_issue"] = {
    "groups": [
        {"verbs": [("report", "reporting"), ("notify of", "notifying of"), ("inform of", "informing of"),
                   ("solve", "solving"), ("fix", "fixing"), ("resolve", "resolving"),
                   ("sort out", "sorting out")],
         "objects": [f"{a}{w}{t}" for a in ["a ", "an ", "", "a {x}", "the "]
                     for w in ["problem", "issue", "error", "trouble"]
                     for t in [" with payment", " with my payment", " with online payment",
                               " with payments", " with the checkout payment",
                               " with my credit card payment"]]
         + ["payment problems", "payment errors", "payment issues", "errors with payments",
            "problems with online payment", "troubles with payments"]},
    ],
    "nouns": ["payment issue", "payment problem", "payment error", "payment failed",
              "problem paying", "help regarding payments", "issue with payments",
              "card declined"],
    "extras": [
        "my payment failed", "my card was declined", "I can't pay for my order",
        "i cant pay, there's an error at checkout", "the payment doesn't go through",
        "I was charged but the order failed", "PayPal payment not working",
        "my credit card keeps getting rejected", "why was my payment rejected?",
        "the payment page shows an error", "I got charged twice for order {order_id}",
        "payment is stuck on processing", "I'm unable to complete the payment",
    ],
}

INTENTS["place_order"] = {
    "mix": {"extra": 0.25},
    "groups": [{
        "verbs": [("buy", "buying"), ("purchase", "purchasing"), ("order", "ordering"),
                  ("acquire", "acquiring"), ("shop", "shopping"), ("earn", "earning"),
                  ("get", "getting")],
        "objects": [f"{q}{w}" for q in ["some ", "several ", "a few ", "an ", "a ",
                                       "some of your ", "several of your ", "a few of ur ",
                                       "some {x}", ""]
                    for w in ["item", "items", "product", "products", "article", "articles",
                              "things", "stuff"]]},
        {"verbs": [("place", "placing"), ("make", "making"), ("submit", "submitting"),
                   ("complete", "completing")],
         "objects": ["an order", "a new order", "a purchase", "my order", "an {x}order",
                     "an order online", "a new purchase"]},
    ],
    "nouns": ["make order", "place order", "new order", "buying item", "making a purchase",
              "order placement", "buy something", "how to order", "checkout"],
    "extras": [
        "I want to buy something from your shop", "how does ordering work?",
        "I need to purchase something", "I want to order something", "buy something",
        "I want to do a purchase", "I want to make a {x}purchase", "purchase some stuff",
        "i dont know how to purchase a product", "I'd like to buy a few things",
        "I'd like to order this {category}", "can I buy the {color} {category}?",
        "how do I order online?",
        "I want to purchase a gift", "I'm ready to order", "take my order please",
    ],
}

INTENTS["recover_password"] = {
    "groups": [{
        "verbs": [("recover", "recovering"), ("reset", "resetting"), ("retrieve", "retrieving"),
                  ("restore", "restoring"), ("change", "changing"), ("get back", "getting back"),
                  ("renew", "renewing")],
        "objects": [f"{d}{w}" for d in ["my ", "the ", "my {x}", "my account ", "my user ",
                                       "my profile ", "my user account ", ""]
                    for w in ["password", "pwd", "pass", "PIN code", "PIN", "access key",
                              "key", "login password", "passcode", "credentials"]],
    }],
    "nouns": ["password recovery", "forgot password", "password reset", "lost password",
              "reset pwd", "PIN code recovery", "key retrieval", "new password"],
    "extras": [
        "I forgot my password", "i forgot my pwd, where do I restore it?",
        "I can't log in, I forgot my password", "I lost my PIN code",
        "I don't remember my password", "I'm locked out of my account",
        "the password reset email never arrived", "send me a password reset link",
        "I can't remember my login credentials", "how do I get a new password?",
        "my password doesn't work anymore",
    ],
}

INTENTS["registration_problems"] = {
    "mix": {"extra": 0.3},
    "groups": [{
        "verbs": [("report", "reporting"), ("notify of", "notifying of"), ("inform of", "informing of"),
                  ("solve", "solving"), ("fix", "fixing"), ("resolve", "resolving")],
        "objects": [f"{a}{w}{t}" for a in ["a ", "an ", "", "a {x}"]
                    for w in ["problem", "issue", "error", "trouble"]
                    for t in [" with registration", " with the sign-up", " with signup",
                              " with my registration", " signing up", " registering",
                              " with the registration form"]]
        + ["registration problems", "signup errors", "sign-up issues", "registration errors",
           "problems with signup"],
    }],
    "nouns": ["registration problem", "signup issue", "sign up error", "registration error",
              "can't register", "help registering", "registration not working"],
    "extras": [
        "I can't register", "the registration form doesn't work", "I cannot sign up",
        "{probl} creating user", "{probl} creating an account", "{probl} creating my account",
        "{probl} creating a user account", "{probl} opening an account", "{probl} registering",
        "{probl} signing up", "report {probl} creating user", "notify of {probl} creating user account",
        "help creating account", "I get an error creating my account",
        "I get an error when I try to register", "the sign-up page keeps failing",
        "I never got the confirmation email after signing up",
        "it says my email {email} is already registered but I never signed up",
        "registration fails with an error", "why can't I create a profile?",
        "the signup button doesn't do anything", "I can't finish the registration",
    ],
}

INTENTS["track_order"] = {
    "groups": [
        {"verbs": [("track", "tracking"), ("locate", "locating"), ("find", "finding"),
                   ("follow", "following"), ("trace", "tracing")],
         "objects": ORDERS},
        {"verbs": [("check", "checking"), ("see", "seeing"), ("know", "knowing"),
                   ("get", "getting"), ("find out", "finding out")],
         "objects": [f"the {s} of {o}" for s in ["status", "ETA", "current status",
                                                "estimated time of arrival", "tracking info",
                                                "whereabouts"]
                     for o in ORDER_WITH_ID[:8] + ["my order", "my purchase", "my package"]]
         + ["where my order is", "where order {order_id} is", "where my {x}package is",
            "order {order_id} status", "purchase {order_id} current status"]},
    ],
    "nouns": ["order status", "track order {order_id}", "order tracking", "status of order {order_id}",
              "ETA of order {order_id}", "where is my order", "tracking number", "order {order_id} status",
              "track my package", "parcel tracking"],
    "extras": [
        "where is my order {order_id}?", "where is my {x}package?", "where's my stuff",
        "what is the status of purchase {order_id}", "has order {order_id} shipped yet?",
        "has my order been shipped?", "is my order on the way?", "what's the ETA of order {order_id}",
        "my order {order_id} hasn't arrived, where is it?", "order {order_id} where is it",
        "did you ship {order_id} already?", "what happened to my order {order_id}",
        "show me the ETA of order {order_id}", "see order {order_id} current status",
        "is order {order_id} out for delivery?", "{order_id} status",
    ],
}

# ---------------------------------------------------------------------------
# Small-talk and dialogue intents (complete templates only)
# ---------------------------------------------------------------------------
INTENTS["greet"] = {"extras": [
    "hi", "hello", "hey", "hey there", "hi there", "hello there", "good morning",
    "good afternoon", "good evening", "hiya", "howdy", "yo", "hallo", "heya", "greetings",
    "hi!", "hello bot", "hey assistant", "morning", "hi, anyone there?", "hello?",
    "hey, how are you?", "good day", "hi hi", "helo", "hellooo", "hey buddy",
    "hi shop", "hello, I have a question", "hey, quick question",
]}
INTENTS["goodbye"] = {"extras": [
    "bye", "goodbye", "bye bye", "see you", "see you later", "ciao", "cya", "talk to you later",
    "have a nice day", "good night", "that's all, bye", "I'm done, goodbye", "later",
    "farewell", "bye for now", "ok bye", "catch you later", "have a good one", "see ya",
    "I have to go now, bye", "thanks, bye", "nothing else, bye",
]}
INTENTS["affirm"] = {"extras": [
    "yes", "yes please", "yeah", "yep", "yup", "sure", "of course", "correct", "that's right",
    "right", "exactly", "ok", "okay", "sounds good", "absolutely", "definitely", "indeed",
    "yes, that's correct", "y", "affirmative", "go ahead", "do it", "confirm", "I confirm",
    "yes do it", "perfect", "that is correct", "yes that's it", "sure thing", "alright",
    "fine", "great, yes", "yes, cancel it", "please do", "yes I'm sure", "ja", "si",
]}
INTENTS["deny"] = {"extras": [
    "no", "nope", "no thanks", "no thank you", "nah", "not really", "never", "no way",
    "don't", "do not", "that's wrong", "incorrect", "not at all", "no, that's not right",
    "n", "negative", "stop", "cancel that", "no don't do it", "I don't think so",
    "absolutely not", "don't do that", "not now", "wrong", "no, never mind", "nein",
    "that is not correct", "no that's not it", "no, leave it",
    "forget it", "no, forget it", "never mind", "nevermind", "no, stop", "stop it", "leave it",
    "forget about it", "drop it", "no, never mind", "I changed my mind", "not anymore",
]}
INTENTS["thank"] = {"extras": [
    "thanks", "thank you", "thank you so much", "thanks a lot", "many thanks", "thx", "ty",
    "cheers", "much appreciated", "thanks for the help", "great, thanks", "thank you very much",
    "awesome, thank you", "thanks a bunch", "perfect, thanks", "thanks!", "that helped, thanks",
    "appreciate it", "thank u", "tysm", "nice, thanks", "ok thanks", "cool thanks",
]}


# The hand-written small-talk phrases are always emitted verbatim (see generate.sample_intent),
# so that the exact-match classifier knows every one of them.
for _name in ("greet", "goodbye", "affirm", "deny", "thank"):
    INTENTS[_name]["core"] = list(INTENTS[_name]["extras"])


def _combos(heads, tails, prefixes=("",), ends=("", "!", ".", " :)")) -> list:
    """Every prefix + head + tail + end: short small-talk needs many distinct surface forms,
    or the classifier stays unsure about one-word messages such as "hi" or "thanks"."""
    return [f"{p}{h}{t}{e}" for p in prefixes for h in heads for t in tails for e in ends]


INTENTS["greet"]["extras"] += _combos(
    ["hi", "hello", "hey", "hiya", "heya", "hey there", "hi there", "hello there", "good morning",
     "good afternoon", "good evening", "morning", "howdy"],
    ["", " bot", " team", " everyone", " assistant", " guys"],
    ends=("", "!", "!!", ".", " :)", " 👋"),
)
INTENTS["thank"]["extras"] += _combos(
    ["thanks", "thank you", "thx", "ty", "cheers", "many thanks", "thank u", "much appreciated",
     "appreciate it", "tysm", "thanks a lot"],
    ["", " so much", " very much", " for the help", " for your help", " for helping"],
    prefixes=("", "ok ", "ok, ", "great, ", "perfect, ", "cool ", "awesome ", "nice, ", "oh "),
)
INTENTS["goodbye"]["extras"] += _combos(
    ["bye", "goodbye", "bye bye", "see you", "see ya", "cya", "have a nice day", "take care"],
    ["", " now", " for now", " then"],
    prefixes=("", "ok ", "ok, ", "thanks, ", "alright, "),
)

INTENTS["bot_challenge"] = {"extras": [
    "are you a bot?", "are you a human?", "am I talking to a bot?", "are you real?",
    "is this a robot?", "am I chatting with a machine?", "are you an AI?", "who am I talking to?",
    "are you a real person?", "is this automated?", "r u a bot", "are you human or a bot",
    "what are you?", "are you a computer?", "am i talking to a real person", "is this a chatbot?",
    "are you artificial intelligence", "who are you?", "what is your name?",
]}

INTENTS["inform"] = {"extras": [
    "{order_id}", "{order_id}", "{order_id}", "order {order_id}", "it's {order_id}",
    "my order number is {order_id}", "the order id is {order_id}", "order number {order_id}",
    "{invoice_id}", "{invoice_id}", "invoice {invoice_id}", "the invoice number is {invoice_id}",
    "{email}", "{email}", "it's {email}", "my email is {email}", "email: {email}",
    "you can reach me at {email}", "my e-mail address is {email}",
    "{phone}", "my phone is {phone}", "my number is {phone}", "phone: {phone}",
    "call me on {phone}", "it is {phone}",
    "{person_name}", "{person_name}", "my name is {person_name}", "I'm {person_name}",
    "name: {person_name}", "this is {person_name}", "it's for {person_name}",
    "{account_type}", "{account_type}", "{account_type} account", "the {account_type} one",
    "I have a {account_type} account", "I'd like {account_type}", "{account_type} please",
    "{rating} stars", "{rating}", "{rating} out of 5", "I'd say {rating}", "{rating} star",
    "to {delivery_city}, {delivery_country}", "to {delivery_city}", "{delivery_city}",
    "{delivery_country}", "I live in {delivery_city}", "in {delivery_country}",
    "ship it to {delivery_city}", "{delivery_city}, {delivery_country}",
    "the amount was {refund_amount} dollars", "{refund_amount} dollars",
    "it was ${refund_amount}", "it's {order_id}, I think", "here you go: {order_id}",
    "number {order_id}", "sure, {email}", "yes it's {order_id}",
]}

# Follow-ups that refer back to the order the conversation is about ("ok, cancel it"): measured,
# "ok, cancel it" fell to nlu_fallback (cancel_order 0.38) without them.
_FOLLOW_PREFIXES = ("", "ok ", "ok, ", "then ", "actually ", "alright, ", "in that case ", "now ", "hmm, ")
_FOLLOW_ENDS = ("", " please", " then", " now", " for me", "!")


def _followups(cores) -> list:
    return _combos(cores, [""], prefixes=_FOLLOW_PREFIXES, ends=_FOLLOW_ENDS)


INTENTS["cancel_order"]["followups"] = _followups([
    "cancel it", "cancel the order", "cancel this order", "cancel that one", "can you cancel it",
    "I want to cancel it", "I'd like to cancel it", "just cancel it", "cancel it instead", "let's cancel it"])
INTENTS["track_order"]["followups"] = _followups([
    "where is it", "where is it now", "has it shipped", "track it", "what's its status", "can you track it"])
INTENTS["delivery_period"]["followups"] = _followups([
    "when will it arrive", "when does it arrive", "when will it get here", "when will I get it"])
INTENTS["get_refund"]["followups"] = _followups([
    "refund it", "I want my money back for it", "return it", "I'd like a refund for it", "can I get a refund for it"])
INTENTS["change_shipping_address"]["followups"] = _followups([
    "change its address", "change the delivery address", "send it to another address", "ship it somewhere else"])
INTENTS["get_invoice"]["followups"] = _followups([
    "send me the invoice", "I need its invoice", "get me the invoice for it"])
INTENTS["check_cancellation_fee"]["followups"] = _followups([
    "how much does it cost to cancel it", "is there a fee to cancel it", "what's the fee to cancel it"])
INTENTS["change_order"]["followups"] = _followups([
    "change it", "modify it", "change the items", "remove an item from it"])

# Free-form questions about the shop's policies that no task intent covers: answered from the
# knowledge base (kb/). Topics follow the documents: warranty, care, gift cards, customs…
INTENTS["ask_question"] = {"extras": [
    "does the warranty cover a broken zipper?", "how long is the warranty on electronics?",
    "is there a guarantee on the headphones", "what does the manufacturer warranty include",
    "my blender stopped working after a year, is that covered?", "what isn't covered by the warranty?",
    "how do I report a faulty item", "the kettle is defective, what now?",
    "how should I wash the wool sweater", "can I put the jeans in the dryer?",
    "how do I clean leather shoes", "how do I take care of a wooden table",
    "is the frying pan dishwasher safe?", "how do I look after my new boots",
    "do you sell gift cards?", "can I pay with a gift card", "how long is a gift card valid?",
    "can I pay in instalments?", "is paying by card on your site secure?",
    "do I pay customs when you ship to {delivery_country}?", "are there import duties for {delivery_country}?",
    "can you deliver to a packstation?", "can I get my parcel sent to a PO box?",
    "what happens if I'm not home when the parcel comes?", "my parcel arrived damaged, what should I do?",
    "why did my order come in two parcels?", "can I pick up my order in your showroom?",
    "where is your showroom?", "are you open on public holidays?", "do you work on Sundays?",
    "can I get an invoice with my company's VAT number?", "can you correct the address on my invoice?",
    "do you use cookies?", "what do you do with my personal data?", "do you sell my data?",
    "which items can't be returned?", "can I return underwear?", "can I exchange it for another size?",
    "do I have to pay for the return shipping?", "what if I send the return back late?",
    "do discount codes work on sale items?", "will you refund the difference if the price drops?",
    "what happens if an item is out of stock after I ordered?", "can I get a partial refund?",
    "when exactly is my card charged?", "why was I charged twice?", "what is your postal address?",
    "which carrier do you use?", "do you ship on weekends?", "what counts as a business day?",
    "how many order emails will I get?", "is there a premium membership?",
    "what's the difference between the account types?", "do you have a loyalty program?",
    "can I return a gift without the receipt?", "does shipping to {delivery_country} cost extra?",
    "can I change the name on my account?", "how do you protect my payment details?",
]}

INTENTS["search_product"] = {"extras": [
    "do you have {adj} {category} under {price}", "do you have {category}?",
    "show me {color} {category} size {size}", "show me {color} {category}",
    "I'm looking for {adj} {category}", "I'm looking for {brand} {category}",
    "do you sell {brand} {category}?", "any {color} {category} in size {size}?",
    "{category} under {price}", "{color} {category}", "{brand} {category} size {size}",
    "find me {category} below {price} euros", "I need {adj} {category} for less than {price}",
    "search for {category}", "search {brand} {category}", "looking for {category} in {color}",
    "are there {category} from {brand} in stock?", "do you have the {brand} {category} in {color}?",
    "show me {category} from {brand} under {price} dollars", "what {category} do you have",
    "I want to see your {category}", "recommend me some {category}",
    "cheapest {category} you have", "{category} in size {size}",
    "do you carry {brand}?", "show {color} {category} size {size} max {price}",
    "I need new {category}, something {color}", "is the {color} {category} available in {size}?",
    "have you got {category} for kids", "browse {category}",
    "what's the price of the {brand} {category}?", "any {adj} {category} on sale?",
    "looking for a gift, maybe {category} under {price}",
    "do you have {category} by {brand} in size {size}",
    "do you sell {color} {category}", "{brand} {category} under {price}", "I want {adj} {category}",
]}

# --- conversational shopping (issue #8) ------------------------------------------------------
# Natural product requests (the catalog search ranks by meaning, so whole needs are in scope).
INTENTS["search_product"]["extras"] += [
    "a {adj} {category} for hiking under {price}", "something to keep me warm when camping",
    "I need something for my kitchen", "something to read on holiday", "a gift for a child",
    "what do you have for yoga?", "show me {category} between {price} and 300",
    "I need {category} for running", "{adj} {category} for the office",
    "something to listen to music on the go", "do you have anything for dry skin?",
    "I'm looking for a present for a coffee lover", "{category} from {brand}",
    "show me {adj} {category} in {color}", "any {category} in stock?",
    "I want to buy {category}", "I want to buy {color} {category} under {price}",
    "I'd like to buy {adj} {category}", "looking to buy {category} from {brand}",
    "need a {category} that is {adj}", "find {category} over {price}",
    "what have you got in {color}, size {size}?", "I'm after {category} max {price} euros",
]

INTENTS["refine_search"] = {"extras": [
    "cheaper", "something cheaper", "cheaper please", "any cheaper ones?", "show me cheaper ones",
    "do you have something cheaper?", "too expensive", "that's too expensive", "less expensive ones",
    "anything more affordable?", "more expensive ones", "something more premium", "show me pricier ones",
    "in {color}", "in {color} please", "do you have it in {color}?", "what about {color}?",
    "the same in {color}", "only {color} ones", "are there {color} ones?", "got any in {color}?",
    "in size {size}", "size {size}", "do you have them in size {size}?", "what about size {size}",
    "only {brand}", "from {brand} instead", "just {brand} please", "only ones from {brand}",
    "under {price}", "only under {price} euros", "below {price} please", "max {price}",
    "show more", "show me more", "more please", "more results", "next", "next page",
    "any other options?", "what else do you have?", "other ones?", "show me other ones",
    "anything else?", "more like these", "load more", "see more",
    "cheaper and in {color}", "in {color} and under {price}", "the same but cheaper",
    "what about {category} instead?", "show me {color} ones in size {size}",
]}

INTENTS["select_product"] = {"extras": [
    "the first one", "the second one", "the third one", "the fourth one", "the fifth one",
    "the last one", "the 2nd one", "the 1st one", "number {num}", "number 2", "number 1",
    "tell me more about the first one", "tell me more about the second one",
    "more details on the third one", "what about the second one?", "show me the first one",
    "I like the second one", "details of the last one please", "can you describe the first one?",
    "more info on number 3", "the second", "the first", "what's the third one like?",
    "tell me about number 2", "describe the last one", "info about the 4th one",
    "let me see the second", "what is the first one made of?", "is the second one any good?",
]}

INTENTS["add_to_cart"] = {"extras": [
    "add it to my cart", "add it to cart", "add to cart", "add this to my cart",
    "put it in my cart", "put it in the basket", "add the second one to my cart",
    "add the first one to the cart", "I'll take it", "I'll take the second one",
    "I'll take the first one", "I want this one", "add that one to my basket",
    "put the third one in my cart", "add the last one to my cart", "add it to my basket please",
    "yes add it to the cart", "I'll buy the second one", "I'll buy it", "cart it",
    "add number 2 to my cart", "put that in my shopping cart", "add one to my cart",
    "can you add it to my cart?", "please add the first one to my basket",
]}

INTENTS["checkout"] = {"extras": [
    "check out", "checkout", "go to checkout", "proceed to checkout", "check out please",
    "I want to check out", "pay for my cart", "buy what's in my cart",
    "place the order for my cart", "order what's in my cart", "I'm done shopping, check out",
    "let's check out", "checkout now", "I'm ready to check out", "complete the checkout",
    "pay for the items in my cart", "order the items in my basket", "take me to checkout",
    "finish my order from the cart", "I'd like to pay for my basket",
]}

INTENTS["recommend_product"] = {"extras": [
    "what would you recommend?", "what do you recommend?", "any recommendations?",
    "any suggestions for me?", "recommend something", "recommend something for me",
    "what should I buy?", "what's popular right now?", "what are your best sellers?",
    "suggest something I might like", "what else would I like?", "show me something I'd like",
    "do you have any recommendations for me?", "what do other customers buy?",
    "surprise me", "what's trending?", "give me some ideas", "what goes well with my last order?",
    "keep shopping", "show me your bestsellers", "can you suggest a few products?",
]}
