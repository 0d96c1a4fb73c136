"""Periods and the figures reports quote: pure functions over records."""
