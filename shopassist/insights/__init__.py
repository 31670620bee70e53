"""Customer insights: conversation events leave Rasa through its event broker (SQL by default,
RabbitMQ in production), an analytics consumer stores them (idempotent, resumable, personal data
masked), and metrics/report turn them into figures."""
