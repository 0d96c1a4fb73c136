"""Report templates bundled with anquan (packaged as anquan_cli.templates)."""
