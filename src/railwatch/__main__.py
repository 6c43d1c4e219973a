"""`python -m railwatch` runs the command line."""

from railwatch.cli import main

main()
