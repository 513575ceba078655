"""``python -m livemigrate``: the same command as the ``livemigrate`` console script."""

import sys

from livemigrate.cli import main

sys.exit(main())
