"""How `livemigrate check` runs on whole repositories, against baselines timed in the same run.

(a) A real, large code base that hardly touches the Live API: Django 5.2 (its wheel, unpacked),
    first with no Live file (cold), then with one Live app added (fixtures/apps/voice_agent):
    cold without a cache, cold writing the cache, and warm (every file a cache hit), each as a
    fresh process with the default --jobs, against `ruff check --no-cache --select E,F` on the
    same tree. Processes run from compiled bytecode, as an installed tool does.
(b) A Live-heavy tree: every Python file of fixtures/ (rule fixtures, notebooks' twins, apps)
    copied N times, so nearly every file is parsed. `livemigrate check` cold (default --jobs
    and --jobs 1) against a `libcst.parse_module` plus libcst's PositionProvider of the same
    files in one process (the bare parse is printed too), and `fix --diff` against `check`.

Every number is the wall time of a fresh process (start-up and imports included), and each
ratio is against a baseline measured in this run, so the numbers mean something on any
machine. Not a test: nothing here asserts a time.

    python benchmarks/repo_scale.py                      # downloads Django from PyPI
    python benchmarks/repo_scale.py --django-dir DIR     # an unpacked tree you already have
    python benchmarks/repo_scale.py --copies 20 --skip-django
    python benchmarks/repo_scale.py --ruff /path/to/ruff # else ruff on PATH, else a temp venv
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(REPO), "LIVEMIGRATE_NO_CACHE": ""}
ENV.pop("LIVEMIGRATE_CACHE_DIR", None)


def timed(command: list[str], repeat: int, before=None, cwd: Path | None = None,
          same_output: list[bytes] | None = None) -> float:
    """Median wall time of ``command`` as a fresh process (``before`` runs untimed each time).
    ``same_output``: every run must print what the first run of the group printed (the
    variants of a check on one tree report the same findings): a run that broke early and
    quickly (say, one that found nothing to parse) is not timed as a fast one."""
    samples = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        samples.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
        if same_output is not None:
            if not same_output:
                same_output.append(done.stdout)
            elif done.stdout != same_output[0]:
                lines, expected = len(done.stdout.splitlines()), len(same_output[0].splitlines())
                sys.exit(f"{' '.join(command)} printed other findings than the first run on this tree "
                         f"({lines} lines, not {expected}): not timed")
    return statistics.median(samples)


def livemigrate(*args: str) -> list[str]:
    return [sys.executable, "-m", "livemigrate", "check", "--quiet", *args]


def find_ruff(given: str | None, scratch: Path) -> str | None:
    if given:
        return given
    if shutil.which("ruff"):
        return shutil.which("ruff")
    print("ruff is not on PATH: installing it from PyPI into a temporary venv ...", flush=True)
    venv = scratch / "ruff-venv"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "ruff"], check=True,
                       capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"  skipped the ruff baseline: cannot install ruff ({exc})")
        return None
    return str(venv / "bin" / "ruff")


def django_tree(given: str | None, scratch: Path) -> Path | None:
    if given:  # a copy: the Live app is added to it
        shutil.copytree(given, scratch / "django", symlinks=True)
        return scratch / "django"
    print("downloading the Django 5.2 wheel from PyPI ...", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "django==5.2.*", "--no-deps", "--only-binary",
                        ":all:", "-d", str(scratch / "wheel")], check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"  skipped part (a): cannot download Django ({exc}); pass --django-dir to use a local tree")
        return None
    (wheel,) = (scratch / "wheel").glob("*.whl")
    tree = scratch / "django"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tree)
    return tree


def describe(tree: Path) -> str:
    from livemigrate.prefilter import may_touch_live_api

    files = [p for p in tree.rglob("*") if p.suffix in (".py", ".pyi", ".ipynb") and p.is_file()]
    data = [p.read_bytes() for p in files]
    lines = sum(d.count(b"\n") for d in data)
    parsed = sum(1 for d in data if may_touch_live_api(d))
    return f"{len(files)} files, {lines} lines, {parsed} pass the prefilter"


def print_table(title: str, rows: list[tuple[str, float]], baseline: float | None, baseline_name: str) -> None:
    print(f"\n{title}")
    for name, seconds in rows:
        ratio = f"{seconds / baseline:7.2f}x {baseline_name}" if baseline else ""
        print(f"  {name:<48} {seconds:8.2f} s  {ratio}")


# What one Python process cannot go below on part (a): no imports beyond os, no settings, no
# ignore rules, one substring test per file. Printed so that a ratio to ruff can be read against
# what the language allows (on a 2-core machine it is about ruff's own time).
_FLOOR = """
import os, sys
def walk(folder, found):
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if not entry.name.startswith("."):
                walk(entry.path, found)
        elif entry.name.endswith((".py", ".pyi", ".ipynb")):
            found.append(entry.path)
found = []
walk(sys.argv[1], found)
hits = 0
for path in found:
    with open(path, "rb") as handle:
        hits += b"gemini-" in handle.read()
"""


def part_a(args, scratch: Path) -> None:
    tree = django_tree(args.django_dir, scratch)
    if tree is None:
        return
    app = tree / "live_app"
    shutil.rmtree(app, ignore_errors=True)  # a given tree may hold one already
    ruff = find_ruff(args.ruff, scratch)

    def ruff_row() -> tuple[float | None, list]:
        if not ruff:
            return None, []
        seconds = timed([ruff, "check", "--no-cache", "--select", "E,F", "--exit-zero", "--quiet", str(tree)],
                        args.repeat, cwd=scratch)
        return seconds, [("ruff check --no-cache --select E,F (baseline)", seconds)]

    # The bar's first case: no Live file at all, so nothing heavy should be imported.
    print(f"\n(a) Django 5.2, no Live file: {describe(tree)}")
    baseline, rows = ruff_row()
    rows.append(("livemigrate check --no-cache (cold)",
                 timed(livemigrate("--no-cache", str(tree)), args.repeat, cwd=scratch, same_output=[b""])))
    rows.append(("floor: bare `python -S` walk + read + one `in`",
                 timed([sys.executable, "-S", "-c", _FLOOR, str(tree)], args.repeat, cwd=scratch)))
    print_table("   wall time of a fresh process, default --jobs", rows, baseline, "ruff")

    shutil.copytree(REPO / "fixtures" / "apps" / "voice_agent", app, dirs_exist_ok=True)
    cache = scratch / "cache-a"
    print(f"\n    Django 5.2 + one Live app: {describe(tree)}")
    baseline, rows = ruff_row()
    app_findings: list[bytes] = []  # every variant reports the app's findings, and the same ones
    rows.append(("livemigrate check --no-cache (cold)",
                 timed(livemigrate("--no-cache", str(tree)), args.repeat, cwd=scratch, same_output=app_findings)))
    if not app_findings[0]:
        sys.exit("livemigrate check found nothing in the Live app: not timed")
    rows.append(("livemigrate check, cold, writing the cache",
                 timed(livemigrate("--cache-dir", str(cache), str(tree)), args.repeat,
                       before=lambda: shutil.rmtree(cache, ignore_errors=True), cwd=scratch,
                       same_output=app_findings)))
    rows.append(("livemigrate check, warm (cache hits)",
                 timed(livemigrate("--cache-dir", str(cache), str(tree)), args.repeat, cwd=scratch,
                       same_output=app_findings)))
    print_table("   wall time of a fresh process, default --jobs", rows, baseline, "ruff")


def part_b(args, scratch: Path) -> None:
    tree = scratch / "live-heavy"
    sources = sorted((REPO / "fixtures").rglob("*.py"))
    for copy in range(args.copies):
        for source in sources:
            target = tree / f"copy_{copy:03}" / source.relative_to(REPO / "fixtures")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    listing = scratch / "live-heavy.txt"
    listing.write_text("\n".join(str(p) for p in sorted(tree.rglob("*.py"))))
    print(f"\n(b) Live-heavy tree, fixtures/ x {args.copies}: {describe(tree)}")
    def parse(positions: bool) -> list[str]:
        # the bar's "+ positions": libcst's PositionProvider pass run directly, without
        # MetadataWrapper's extra visitor pass (the cheaper, stricter baseline)
        resolve = "    libcst.metadata.PositionProvider()._gen_impl(m)\n" if positions else ""
        return [sys.executable, "-c",
                "import sys, libcst, libcst.metadata\n"
                "for path in open(sys.argv[1]).read().split('\\n'):\n"
                "    try: m = libcst.parse_module(open(path, 'rb').read())\n"
                "    except Exception: continue\n" + resolve, str(listing)]

    bare = timed(parse(False), args.repeat)
    baseline = timed(parse(True), args.repeat)
    findings: list[bytes] = []  # every variant of check reports the same findings
    one = timed(livemigrate("--no-cache", "--jobs", "1", str(tree)), args.repeat, cwd=scratch, same_output=findings)
    if not findings[0]:
        sys.exit("livemigrate check found nothing in the Live-heavy tree: not timed")
    rows = [("libcst.parse_module, one process", bare),
            ("libcst.parse_module + positions, one process (baseline)", baseline),
            ("livemigrate check --no-cache (default --jobs)",
             timed(livemigrate("--no-cache", str(tree)), args.repeat, cwd=scratch, same_output=findings)),
            ("livemigrate check --no-cache --jobs 1", one)]
    cache = scratch / "cache-b"
    timed(livemigrate("--cache-dir", str(cache), str(tree)), 1, cwd=scratch, same_output=findings)
    rows.append(("livemigrate check, warm (cache hits)",
                 timed(livemigrate("--cache-dir", str(cache), str(tree)), args.repeat, cwd=scratch,
                       same_output=findings)))
    print_table("   wall time of a fresh process", rows, baseline, "parse+positions")
    diffs: list[bytes] = []
    fix = timed([sys.executable, "-m", "livemigrate", "fix", "--diff", "--quiet", "--no-cache", "--jobs", "1",
                 str(tree)], args.repeat, cwd=scratch, same_output=diffs)
    if not diffs[0]:
        sys.exit("livemigrate fix --diff changed nothing in the Live-heavy tree: not timed")
    print_table("   fix --diff against check, both --jobs 1",
                [("livemigrate check --no-cache --jobs 1 (baseline)", one),
                 ("livemigrate fix --diff --no-cache --jobs 1", fix)], one, "check")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--django-dir", help="an unpacked Django tree (else the 5.2 wheel is downloaded)")
    parser.add_argument("--skip-django", action="store_true", help="run part (b) only")
    parser.add_argument("--skip-live-heavy", action="store_true", help="run part (a) only")
    parser.add_argument("--ruff", help="the ruff executable (else ruff on PATH, else installed into a temp venv)")
    parser.add_argument("--copies", type=int, default=10, help="copies of fixtures/ in part (b)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median is printed)")
    args = parser.parse_args()
    from livemigrate.parallel import default_jobs

    print(f"default --jobs here: {default_jobs()} (os.cpu_count() = {os.cpu_count()})")
    with tempfile.TemporaryDirectory(prefix="livemigrate-bench-") as scratch:
        # An installed tool runs from compiled bytecode: a PYTHONDONTWRITEBYTECODE in the
        # environment would make every timed process compile livemigrate again (~0.2 s).
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
        subprocess.run(livemigrate("--no-cache", str(REPO / "fixtures" / "apps")), env=ENV,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # compile once, untimed
        if not args.skip_django:
            part_a(args, Path(scratch))
        if not args.skip_live_heavy:
            part_b(args, Path(scratch))


if __name__ == "__main__":
    main()
