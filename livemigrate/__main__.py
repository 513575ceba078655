"""``python -m livemigrate``: the same command as the ``livemigrate`` console script."""

import sys

from livemigrate.fastpath import main

sys.exit(main())
