"""How fast `livemigrate check` runs on a real code base, against baselines from the same run.

The code base is this interpreter's standard library (hundreds of files and lines that never
touch the Live API) plus this repository's Live fixtures and corpus (files that do). Printed:
wall time of each step and its ratio to CPython's own `ast.parse` over the same files, so the
numbers mean something on any machine. Not a test: nothing here asserts a time.

    python benchmarks/lint_speed.py [--repeat 3] [--limit 800]
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sysconfig
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def corpus(limit: int) -> list[tuple[str, bytes]]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = [p for p in sorted(stdlib.rglob("*.py")) if "site-packages" not in p.parts and "test" not in p.parts][:limit]
    files += sorted((REPO / "tests" / "corpus").rglob("*.py")) + sorted((REPO / "fixtures").rglob("*.py"))
    out = []
    for path in files:
        try:
            out.append((str(path), path.read_bytes()))
        except OSError:
            continue
    return out


def timed(step, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=800, help="standard-library files to include")
    args = parser.parse_args()

    import libcst as cst

    from livemigrate.engine import Linter
    from livemigrate.prefilter import may_touch_live_api

    files = corpus(args.limit)
    linter = Linter()
    live = [(p, d) for p, d in files if may_touch_live_api(d)]
    lines = sum(d.count(b"\n") for _, d in files)

    def ast_parse_all():
        for path, data in files:
            try:
                ast.parse(data, path)
            except (SyntaxError, ValueError):
                pass

    def prefilter_all():
        for _, data in files:
            may_touch_live_api(data)

    def libcst_parse_all():
        for _, data in files:
            try:
                cst.parse_module(data)
            except Exception:
                pass

    def check_all():
        for path, data in files:
            linter.check_bytes(data, path)

    def fix_all():
        for path, data in live:
            linter.fix_bytes(data, path)

    baseline = timed(ast_parse_all, args.repeat)
    rows = [
        ("ast.parse every file (baseline)", baseline),
        ("byte prefilter every file", timed(prefilter_all, args.repeat)),
        ("libcst.parse_module every file", timed(libcst_parse_all, max(1, args.repeat - 2))),
        ("livemigrate check every file", timed(check_all, args.repeat)),
        ("livemigrate fix the Live files", timed(fix_all, args.repeat)),
    ]
    print(f"{len(files)} files, {lines} lines; {len(live)} pass the prefilter and are parsed")
    for name, seconds in rows:
        print(f"{name:<36} {seconds * 1000:9.1f} ms  {seconds / baseline:7.2f}x baseline")


if __name__ == "__main__":
    main()
