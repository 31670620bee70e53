"""NLU evaluation (`python -m shopassist.evaluation`); metric code is rasa-free."""
