"""Human handoff: the queue of conversations waiting for an agent, call-back requests, CSAT.

Tables live in the shop database (same engine, their own metadata, created on first use).
The agent console (:mod:`shopassist.handoff.console`) reads and updates them; the Rasa server's
handoff channel (:mod:`shopassist.channels.handoff`) delivers agent replies to the customer.
"""
