"""shopassist.privacy: what is masked in log output, and what stays readable."""

from __future__ import annotations

import logging

import pytest

from shopassist.privacy import PiiFilter, install_log_masking, mask


@pytest.mark.parametrize("text,secret,placeholder", [
    ("I am alice@example.com", "alice@example.com", "<email>"),
    ("mail: Bob.Chen+shop@mail.example.co.uk please", "Bob.Chen+shop@mail.example.co.uk", "<email>"),
    ("my card is 4111 1111 1111 1111", "4111 1111 1111 1111", "<card>"),
    ("card 4111-1111-1111-1111 exp 12/27", "4111-1111-1111-1111", "<card>"),
    ("pay with 5500005555555559", "5500005555555559", "<card>"),
    ("call me on +49 170 1234567", "+49 170 1234567", "<phone>"),
    ("phone (030) 1234-5678 after 5", "(030) 1234-5678", "<phone>"),
    ("my number is 0170/1234567", "0170/1234567", "<phone>"),
    ("+1-202-555-0143", "+1-202-555-0143", "<phone>"),
    ("ship it to 12 Baker Street, London", "12 Baker Street", "<address>"),
    ("new address: 221B Baker St. please", "221B Baker St", "<address>"),
    ("Hauptstraße 5, 10115 Berlin", "Hauptstraße 5", "<address>"),
    ("send to Lindenweg 12a", "Lindenweg 12a", "<address>"),
    ("1600 Pennsylvania Avenue NW, Washington", "1600 Pennsylvania Avenue", "<address>"),
    ("10 Rue de Rivoli, Paris", "Rue de Rivoli", "<address>"),
])
def test_personal_data_is_masked(text: str, secret: str, placeholder: str) -> None:
    masked = mask(text)
    assert secret not in masked
    assert placeholder in masked


@pytest.mark.parametrize("text", [
    "where is my order 10000003?",
    "invoice INV-20000002 for order 10000002",
    "delivered on 2026-11-26 at 07:20:42",
    "Couldn't connect to the server at 'http://127.0.0.1:5055/webhook'",
    "confidence 0.9876543 for intent track_order",
    "cancelled; refund of €282.05 in 5–7 business days",
    "tracking JJD0003900071234 with DHL",
    "Received user message 'hi' with intent greet",
])
def test_operational_details_stay_readable(text: str) -> None:
    assert mask(text) == text


def test_mask_handles_odd_input() -> None:
    assert mask(None) == ""
    assert mask("") == ""
    assert mask(12345) == "12345"
    assert mask("\x00\ufffd bob@example.com \U0001F600") == "\x00\ufffd <email> \U0001F600"


def test_filter_masks_message_arguments_and_traceback() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "user %s said %r", ("bob@example.com", "call +49 170 1234567"), None)
    try:
        raise ValueError("bad card 4111 1111 1111 1111")
    except ValueError:
        import sys
        record.exc_info = sys.exc_info()
    assert PiiFilter().filter(record) is True
    text = logging.Formatter().format(record)
    assert "bob@example.com" not in text and "1234567" not in text and "4111" not in text
    assert "<email>" in text and "<phone>" in text and "<card>" in text


@pytest.fixture
def restore_logging():
    """install_log_masking() changes the process: undo it so other tests see plain records."""
    import shopassist.privacy as privacy

    factory = logging.getLogRecordFactory()
    yield
    logging.setLogRecordFactory(factory)
    if privacy._installed is not None:
        for handler in logging.getLogger().handlers:
            handler.removeFilter(privacy._installed)
    privacy._installed = None


def test_installed_masking_covers_every_logger(caplog: pytest.LogCaptureFixture, restore_logging: None) -> None:
    install_log_masking()
    install_log_masking()  # idempotent
    with caplog.at_level(logging.INFO):
        logging.getLogger("rasa.core.processor").info("Received user message 'alice@example.com, 12 Baker Street'")
        logging.getLogger("some.lib").warning("card %s", "4111111111111111")
    text = caplog.text
    assert "alice@example.com" not in text and "Baker" not in text and "4111111111111111" not in text
    assert "<email>" in text and "<address>" in text and "<card>" in text
