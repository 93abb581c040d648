"""`python -m bot` runs the bot, like `tend run`."""

import sys

from bot.cli import main

sys.exit(main(sys.argv[1:] or ["run"]))
