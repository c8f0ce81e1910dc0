"""`python -m resilient_zcc` runs the command line."""

from .cli import main

main()
