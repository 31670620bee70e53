"""Customer-facing channels: signed Slack and Messenger connectors and the webchat page server.

Rasa loads ``shopassist.channels.slack.SignedSlackInput`` and
``shopassist.channels.facebook.SignedFacebookInput`` from credentials.yml (inside the Rasa
environment: stdlib, Sanic, aiohttp, slack_sdk). ``security``, ``formats`` and ``webpage`` are
stdlib only, so the test suite and the page server import them without Rasa. This package must
not import Rasa at import time.
"""
