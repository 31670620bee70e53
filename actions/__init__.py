"""Custom actions: thin rasa-sdk glue over the `shopassist` package.

Each module maps slots to calls of the shop service and the results to domain responses;
no SQL and no business rules live here.
"""
