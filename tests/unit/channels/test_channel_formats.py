"""How replies look on Slack and Messenger (shopassist.channels.formats)."""

from __future__ import annotations

from shopassist.channels import formats

RATINGS = [{"title": f"⭐ {n}", "payload": f'/inform{{"rating":"{n}"}}'} for n in range(1, 6)]


def test_slack_buttons_keep_more_than_five_and_carry_the_payload() -> None:
    blocks = formats.slack_button_blocks("How would you rate us?", RATINGS)
    assert blocks[0]["text"]["text"] == "How would you rate us?"
    buttons = blocks[1]["elements"]
    assert [b["text"]["text"] for b in buttons] == [r["title"] for r in RATINGS]
    assert buttons[4]["value"] == '/inform{"rating":"5"}'
    assert len({b["action_id"] for b in buttons}) == 5


def test_slack_splits_more_than_25_buttons_into_blocks() -> None:
    blocks = formats.slack_button_blocks("many", [{"title": str(n), "payload": str(n)} for n in range(30)])
    assert [len(b["elements"]) for b in blocks[1:]] == [25, 5]


def test_slack_product_cards() -> None:
    blocks = formats.slack_element_blocks([{"title": "Jacket", "subtitle": "€129", "image_url": "https://x/j.png",
                                            "buttons": [{"title": "Buy", "payload": "/place_order"}]}])
    assert blocks[0]["accessory"]["image_url"] == "https://x/j.png"
    assert blocks[1]["elements"][0]["value"] == "/place_order"


def test_messenger_up_to_three_buttons_is_a_button_template() -> None:
    message = formats.fb_buttons("Shall I cancel it?", [{"title": "Yes, cancel it", "payload": "/affirm"},
                                                        {"title": "No, keep it", "payload": "/deny"}])
    payload = message["attachment"]["payload"]
    assert payload["template_type"] == "button"
    assert payload["buttons"][0] == {"type": "postback", "title": "Yes, cancel it", "payload": "/affirm"}


def test_messenger_more_than_three_buttons_become_quick_replies() -> None:
    message = formats.fb_buttons("Rate us", RATINGS)
    assert message["text"] == "Rate us"
    assert [q["payload"] for q in message["quick_replies"]] == [r["payload"] for r in RATINGS]
    assert all(q["content_type"] == "text" for q in message["quick_replies"])


def test_messenger_titles_are_clipped_to_20_characters() -> None:
    message = formats.fb_quick_replies("x", [{"title": "A very long product name indeed", "payload": "/p"}])
    assert len(message["quick_replies"][0]["title"]) == 20


def test_messenger_generic_template_and_images() -> None:
    cards = formats.fb_generic([{"title": "Jacket", "subtitle": "€129", "image_url": "https://x/j.png",
                                 "buttons": [{"title": "Buy", "payload": "/buy"},
                                             {"title": "Shop", "url": "https://x"}]}])
    element = cards["attachment"]["payload"]["elements"][0]
    assert element["image_url"] == "https://x/j.png"
    assert element["buttons"][1] == {"type": "web_url", "url": "https://x", "title": "Shop"}
    assert formats.fb_image("https://x/i.png")["attachment"]["payload"]["url"] == "https://x/i.png"


def test_paragraphs_become_separate_messages() -> None:
    assert formats.split_paragraphs("one\n\ntwo\n\n") == ["one", "two"]
    assert formats.split_paragraphs("") == [""]
