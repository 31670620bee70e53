"""How bot messages look on Slack and Messenger (stdlib only, so unit tests need no Rasa).

Rasa hands an output channel text, buttons (``{"title", "payload"}``), images and "elements"
(cards: ``{"title", "subtitle", "image_url", "buttons"}``); these functions turn them into the
JSON the Slack Web API and the Messenger Send API expect, within each platform's limits.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List

#: Slack: an actions block holds at most 25 elements; button text at most 75 characters.
SLACK_MAX_BUTTONS = 25
SLACK_MAX_BUTTON_TEXT = 75
SLACK_MAX_BUTTON_VALUE = 2000
#: Messenger: a button template holds at most 3 buttons, quick replies at most 13; titles 20 chars.
FB_MAX_TEMPLATE_BUTTONS = 3
FB_MAX_QUICK_REPLIES = 13
FB_MAX_TITLE = 20
FB_MAX_TEXT = 2000
FB_MAX_TEMPLATE_TEXT = 640
FB_MAX_ELEMENTS = 10


def _clip(text: Any, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_paragraphs(text: str) -> List[str]:
    """Rasa's convention: a blank line separates messages."""
    return [part for part in (p.strip() for p in (text or "").strip().split("\n\n")) if part] or [text or ""]


# --- Slack -----------------------------------------------------------------------------------
def slack_button_blocks(text: str, buttons: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """A section with ``text`` and actions blocks of buttons (25 per block) whose value is the payload."""
    blocks: List[Dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": text or " "}}]
    elements = [
        {
            "type": "button",
            "text": {"type": "plain_text", "emoji": True,
                     "text": _clip(button.get("title", ""), SLACK_MAX_BUTTON_TEXT)},
            "value": _clip(button.get("payload", button.get("title", "")), SLACK_MAX_BUTTON_VALUE),
            "action_id": f"shopassist_button_{index}",
        }
        for index, button in enumerate(buttons)
    ]
    for start in range(0, len(elements), SLACK_MAX_BUTTONS):
        blocks.append({"type": "actions", "elements": elements[start : start + SLACK_MAX_BUTTONS]})
    return blocks


def slack_element_blocks(elements: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Product cards as Slack sections with an image accessory and their buttons."""
    blocks: List[Dict[str, Any]] = []
    for element in elements:
        text = f"*{element.get('title', '')}*"
        if element.get("subtitle"):
            text += f"\n{element['subtitle']}"
        section: Dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
        # Slack fetches images itself: a page-relative placeholder (webchat's assets) is left out.
        if str(element.get("image_url") or "").startswith(("https://", "http://")):
            section["accessory"] = {"type": "image", "image_url": element["image_url"],
                                    "alt_text": str(element.get("title", "product"))}
        blocks.append(section)
        if element.get("buttons"):
            blocks.extend(slack_button_blocks("", element["buttons"])[1:])
    return blocks


# --- Messenger -------------------------------------------------------------------------------
def fb_text(text: str) -> Dict[str, Any]:
    return {"text": _clip(text, FB_MAX_TEXT)}


def fb_image(url: str) -> Dict[str, Any]:
    return {"attachment": {"type": "image", "payload": {"url": url, "is_reusable": True}}}


def fb_button(button: Dict[str, Any]) -> Dict[str, Any]:
    """A postback button, or a web_url button when the Rasa button carries a ``url``."""
    if button.get("url"):
        return {"type": "web_url", "url": button["url"], "title": _clip(button.get("title", ""), FB_MAX_TITLE)}
    return {
        "type": "postback",
        "title": _clip(button.get("title", ""), FB_MAX_TITLE),
        "payload": str(button.get("payload", button.get("title", ""))),
    }


def fb_quick_replies(text: str, replies: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {
        "text": _clip(text, FB_MAX_TEXT),
        "quick_replies": [
            {"content_type": "text", "title": _clip(r.get("title", ""), FB_MAX_TITLE),
             "payload": str(r.get("payload", r.get("title", "")))}
            for r in replies[:FB_MAX_QUICK_REPLIES]
        ],
    }


def fb_buttons(text: str, buttons: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Up to 3 buttons: a button template; more: quick replies (Messenger allows up to 13)."""
    if len(buttons) <= FB_MAX_TEMPLATE_BUTTONS and len(text or "") <= FB_MAX_TEMPLATE_TEXT:
        return {
            "attachment": {
                "type": "template",
                "payload": {"template_type": "button", "text": text or " ", "buttons": [fb_button(b) for b in buttons]},
            }
        }
    return fb_quick_replies(text, buttons)


def fb_generic(elements: Iterable[Dict[str, Any]]) -> Dict[str, Any]:
    """Product cards: Messenger's generic template (at most 10 cards, 3 buttons each)."""
    cards = []
    for element in list(elements)[:FB_MAX_ELEMENTS]:
        card = {key: element[key] for key in ("title", "subtitle", "image_url", "default_action") if element.get(key)}
        if not str(card.get("image_url", "https://")).startswith(("https://", "http://")):
            card.pop("image_url")  # Messenger needs an absolute URL
        card["title"] = _clip(card.get("title", ""), 80)
        if element.get("buttons"):
            card["buttons"] = [fb_button(b) for b in element["buttons"][:FB_MAX_TEMPLATE_BUTTONS]]
        cards.append(card)
    return {"attachment": {"type": "template", "payload": {"template_type": "generic", "elements": cards}}}
