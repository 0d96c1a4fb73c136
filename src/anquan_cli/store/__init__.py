"""The ledger on disk: find it, read and write YAML, atomic writes, git."""
