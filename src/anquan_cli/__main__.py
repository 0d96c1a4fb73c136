"""`python -m anquan_cli` runs the command line."""

from anquan_cli.cli.app import main

main()
