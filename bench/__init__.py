"""Load and resource benchmark of the assistant (`make bench`, `make bench-smoke`).

Starts our stack (Rasa server + action server on a freshly seeded SQLite shop) and a plain
`rasa init` baseline bot on free localhost ports, drives the REST webhook with an asyncio+httpx
load generator at several concurrency levels, and writes JSON, a Markdown table and a plot
into bench/results/. See docs/benchmarks.md.
"""
