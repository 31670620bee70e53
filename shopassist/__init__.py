"""ShopAssist: domain package of the e-commerce customer-service assistant.

Importable on its own (never imports rasa or rasa_sdk). Sub-packages:

- :mod:`shopassist.settings` – typed settings, the single source of business rules.
- :mod:`shopassist.shop` – demo shop database (models, seed, service functions, CLI).
"""

__version__ = "0.1.0"
