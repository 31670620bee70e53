"""The rolling frustration measure and the tone it implies (shopassist.sentiment)."""

from shopassist.sentiment import Turn, frustration_level, reply_tone, turns_from_events
from shopassist.sentiment.frustration import Trend, caps_shouting
from shopassist.settings import get_settings

OFFER = get_settings().handoff_frustration_threshold


def neutral(text: str = "where is my order?", intent: str = "track_order") -> Turn:
    return Turn(text=text, intent=intent, label="neutral", score=0.0)


def angry(text: str = "this is ridiculous, my order is late", intent: str = "complaint") -> Turn:
    return Turn(text=text, intent=intent, label="negative", score=-0.9)


def test_calm_conversation_is_not_frustrated() -> None:
    assert frustration_level([]) == 0.0
    assert frustration_level([neutral("hi", "greet"), neutral()]) < 0.1
    assert reply_tone(frustration_level([neutral()]), "neutral") == "neutral"


def test_one_angry_message_calms_the_tone_but_does_not_offer_a_person() -> None:
    level = frustration_level([angry()])
    assert 0.3 <= level < OFFER
    assert reply_tone(level, "negative") == "calm"


def test_frustration_builds_up_over_negative_turns_and_repeats() -> None:
    turns = [angry("where is my order", "track_order"), angry("WHERE IS MY ORDER???", "track_order")]
    assert frustration_level(turns) >= OFFER
    assert frustration_level(turns) > frustration_level(turns[:1])


def test_repeated_failures_alone_cross_the_threshold() -> None:
    turns = [Turn(text=f"blah {i}", intent="nlu_fallback", after_failure=i > 0) for i in range(3)]
    assert frustration_level(turns) >= OFFER


def test_frustration_decays_when_the_conversation_recovers() -> None:
    turns = [angry(), angry("still nothing!!", "track_order")]
    high = frustration_level(turns)
    recovered = turns + [neutral("ok", "affirm"), Turn("thanks, great", "thank", "positive", 0.9)]
    assert frustration_level(recovered) < high * 0.5


def test_a_value_given_on_request_does_not_cool_the_mood() -> None:
    opened = [angry("I want to cancel order 10000012, this is ridiculous!!!", "cancel_order")]
    with_email = opened + [neutral("bob@example.com", "inform")]
    assert frustration_level(with_email) == frustration_level(opened)
    assert reply_tone(frustration_level(with_email), "neutral") == "calm"
    # a message of the customer's own does let the mood settle
    assert frustration_level(opened + [neutral()]) < frustration_level(opened)


def test_all_caps_and_bangs_add_pressure() -> None:
    assert caps_shouting("WHERE IS MY PARCEL")
    assert not caps_shouting("where is my DHL parcel")
    assert not caps_shouting("OK")
    assert frustration_level([neutral("WHERE IS MY PARCEL!!", "track_order")]) > frustration_level([neutral()])


def test_positive_customer_gets_a_friendly_tone() -> None:
    assert reply_tone(frustration_level([Turn("thanks so much!", "thank", "positive", 0.9)]), "positive") == "friendly"


def test_turns_from_tracker_events() -> None:
    events = [
        {"event": "session_started"},
        {"event": "user", "text": "where is 10000003",
         "parse_data": {"intent": {"name": "track_order"}, "sentiment": {"label": "neutral", "score": 0.0}}},
        {"event": "bot", "text": "sorry", "metadata": {"utter_action": "utter_default"}},
        {"event": "user", "text": "useless bot",
         "parse_data": {"intent": {"name": "nlu_fallback"}, "sentiment": {"label": "negative", "score": -0.8}}},
        {"event": "user", "text": "/affirm", "parse_data": {"intent": {"name": "affirm"},
                                                          "sentiment": {"label": "negative", "score": -0.5}}},
    ]
    turns = turns_from_events(events)
    assert [t.intent for t in turns] == ["track_order", "nlu_fallback", "affirm"]
    assert turns[1].after_failure and not turns[0].after_failure
    assert turns[1].label == "negative" and turns[1].score == -0.8
    assert turns[2].label == "neutral"  # a button press has no sentiment of its own
    # a new session starts from scratch
    assert turns_from_events(events + [{"event": "session_started"}]) == []


def test_trend_direction() -> None:
    assert Trend([0.5, 0.4, -0.6, -0.9]).direction == "worsening"
    assert Trend([-0.8, -0.5, 0.6, 0.9]).direction == "improving"
    assert Trend([0.0]).direction == "steady"
