"""Rules over a loaded ledger, each a small function yielding Problems."""
