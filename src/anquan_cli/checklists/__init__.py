"""Bundled checklists (检查表), one YAML file each; a ledger's checklists/NAME.yaml overrides one."""
