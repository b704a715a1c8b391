"""``python -m draftkit``."""

from draftkit.cli import main

main()
