"""``python -m livemigrate.shim [OPTIONS] app.py [ARGS]``: run a program with the shim installed
(the same command as ``livemigrate run``; see :mod:`livemigrate.shim.run`)."""

from livemigrate.shim.run import run_command

if __name__ == "__main__":  # pragma: no cover - exercised in a subprocess by the tests
    run_command.main(prog_name="python -m livemigrate.shim")
