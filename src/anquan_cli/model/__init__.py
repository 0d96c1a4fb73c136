"""Pydantic records, the ledger's words, IDs, dates and the credit-code check."""
