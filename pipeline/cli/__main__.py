"""`python -m milliard.cli` runs the command line."""
from milliard.cli import main

main()
