"""NLU training-data generator (own templates) for the shop assistant.

Import-safe without rasa: ``shopassist.nlu.generate`` writes ``data/nlu/*.yml``.
"""
