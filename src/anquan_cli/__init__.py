"""anquan: 安全生产台账 — a work-safety ledger kept as YAML files in git."""

__version__ = "0.1.0"
