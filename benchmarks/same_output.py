"""Whether two checkouts of livemigrate print the same: the guard for speed work.

A change made for speed must not change any output. This runs the same commands with two
checkouts (this one, and ``--before``: another worktree, say ``git worktree add --detach
/tmp/before HEAD``) on the same copies of fixtures/ and, with ``--django-dir``, of a Django tree
with one Live app added, and compares what each printed (standard output, standard error, the
exit code) and, for ``fix`` without ``--diff``, the trees each left, byte for byte. Every
command runs with --jobs 1 and --jobs 2, cold and against a cache.

    python benchmarks/same_output.py --before /tmp/before --django-dir /tmp/dj0
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def commands(trees: list[str]) -> list[list[str]]:
    """The commands compared (run in a folder holding ``fx`` and the given trees)."""
    runs: list[list[str]] = []
    for jobs in ("1", "2"):
        common = ["--no-cache", "--jobs", jobs]
        runs += [["check", *common, "fx"],
                 ["check", *common, "--output-format", "json", "fx"],
                 ["check", *common, "--output-format", "sarif", "fx"],
                 ["fix", "--diff", *common, "fx"],
                 ["fix", "--diff", "--unsafe-fixes", *common, "fx"],
                 ["fix", "--diff", "--fix-style", "gate", *common, "fx"]]
        for tree in trees:
            runs += [["check", *common, tree], ["fix", "--diff", *common, tree]]
    runs += [["check", "--cache-dir", "cache", "fx"], ["check", "--cache-dir", "cache", "fx"],
             ["fix", "--diff", "--cache-dir", "cache", "fx"], ["check", "--no-cache", "--select", "LM1", "fx"]]
    return runs


def run_all(checkout: Path, work: Path, trees: list[str], label: str) -> list[tuple[bytes, bytes, int]]:
    env = {**os.environ, "PYTHONPATH": str(checkout), "LIVEMIGRATE_NO_CACHE": ""}
    env.pop("LIVEMIGRATE_CACHE_DIR", None)
    shutil.rmtree(work / "cache", ignore_errors=True)
    out = []
    for command in commands(trees):
        done = subprocess.run([sys.executable, "-m", "livemigrate", *command], cwd=work, env=env,
                              capture_output=True, check=False)
        out.append((done.stdout, done.stderr, done.returncode))
    for unsafe in ([], ["--unsafe-fixes"]):  # fixes written to a copy
        shutil.rmtree(work / "written", ignore_errors=True)
        shutil.copytree(work / "fx", work / "written")
        done = subprocess.run([sys.executable, "-m", "livemigrate", "fix", "--no-cache", *unsafe, "written"],
                              cwd=work, env=env, capture_output=True, check=False)
        out.append((done.stdout, done.stderr, done.returncode))
        shutil.move(str(work / "written"), str(work / f"written-{label}{'-unsafe' if unsafe else ''}"))
    return out


def same_trees(left: Path, right: Path) -> bool:
    compared = filecmp.dircmp(left, right)
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    return not mismatch and not errors and all(same_trees(left / d, right / d) for d in compared.common_dirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the other checkout (its folder holds livemigrate/)")
    parser.add_argument("--django-dir", help="an unpacked Django tree: checked with one Live app added")
    args = parser.parse_args()
    before = Path(args.before).resolve()
    with tempfile.TemporaryDirectory(prefix="livemigrate-same-") as scratch:
        work = Path(scratch)
        shutil.copytree(REPO / "fixtures", work / "fx")
        trees = []
        if args.django_dir:
            shutil.copytree(args.django_dir, work / "dj", symlinks=True)
            shutil.copytree(REPO / "fixtures" / "apps" / "voice_agent", work / "dj" / "live_app")
            trees.append("dj")
        mine, theirs = run_all(REPO, work, trees, "mine"), run_all(before, work, trees, "theirs")
        labels = [" ".join(c) for c in commands(trees)] + ["fix (its output)", "fix --unsafe-fixes (its output)"]
        differ = [label for label, a, b in zip(labels, mine, theirs) if a != b]
        for suffix, option in (("", ""), ("-unsafe", " --unsafe-fixes")):
            labels.append(f"fix{option}: the tree written")
            if not same_trees(work / f"written-mine{suffix}", work / f"written-theirs{suffix}"):
                differ.append(labels[-1])
    for label in differ:
        print(f"differs: livemigrate {label}")
    print(f"{len(labels)} outputs, {len(differ)} of them different" if differ else
          f"{len(labels)} outputs: the same, byte for byte")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
