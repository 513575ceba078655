"""``python -m livemigrate``: the same command as the ``livemigrate`` console script."""

from livemigrate.fastpath import console_main

console_main()
