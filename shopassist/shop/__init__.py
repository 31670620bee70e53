"""Demo shop: SQLAlchemy models, engine/session factory, deterministic seed, service API.

Nothing heavy happens at import time; the engine is created on first use from
``shopassist.settings.get_settings().database_url``.

Typical use::

    from shopassist.shop import service
    customer = service.verify_customer("alice@example.com", "#10000003")
    order = service.get_order("10000003", customer.id)
"""
