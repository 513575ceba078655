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

Every number is the wall time of a fresh process (start-up and imports included), the median
of --repeat runs. The commands compared run in rounds, each once a round (see ``timed``), and
each ratio is the median of the rounds' own ratios to a baseline measured in this run: the
numbers mean something on any machine, and a shared machine's load, which changes from one
minute to the next, weighs on both sides of a ratio alike. The bars of issue 10 are summed up
at the end. Not a test: nothing here asserts a time.

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


class Row:
    """One command of a :class:`Group`: its name, its samples (one per round), and what it
    must print (``same_output``: every run of the list prints what its first run printed; the
    variants of a check on one tree report the same findings, so a run that broke early and
    quickly, say one that found nothing to parse, is not timed as a fast one)."""

    def __init__(self, name: str, command: list[str], before=None, cwd: Path | None = None,
                 same_output: list[bytes] | None = None) -> None:
        self.name, self.command, self.before, self.cwd, self.same_output = name, command, before, cwd, same_output
        self.samples: list[float] = []

    def run(self) -> None:
        if self.before is not None:
            self.before()
        start = time.perf_counter()
        done = subprocess.run(self.command, cwd=self.cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.samples.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(self.command)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
        if self.same_output is not None:
            if not self.same_output:
                self.same_output.append(done.stdout)
            elif done.stdout != self.same_output[0]:
                lines, expected = len(done.stdout.splitlines()), len(self.same_output[0].splitlines())
                sys.exit(f"{' '.join(self.command)} printed other findings than the first run on this tree "
                         f"({lines} lines, not {expected}): not timed")

    @property
    def seconds(self) -> float:
        return statistics.median(self.samples)

    def ratio(self, baseline: "Row") -> float:
        """The median, over rounds, of this row's time over the baseline's in the same round."""
        return statistics.median(mine / theirs for mine, theirs in zip(self.samples, baseline.samples))


def timed(rows: list[Row], repeat: int) -> list[Row]:
    """Run ``rows`` ``repeat`` rounds, every row once a round, the order turned by one each
    round (no row always runs first, or right after the same one). On a shared machine the
    load changes over a run: a baseline timed in one minute and a command in the next differ
    by more than the margins measured here, while two runs seconds apart see the same load,
    so each ratio pairs the runs of one round (see :meth:`Row.ratio`)."""
    for round_ in range(repeat):
        turn = round_ % len(rows)
        for row in rows[turn:] + rows[:turn]:
            row.run()
    if hasattr(os, "getloadavg"):  # another program's load weighs on --jobs 2 most
        LOADS.append(os.getloadavg()[0])
    return rows


LOADS: list[float] = []  # the 1-minute load average after each group of rows


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


def print_table(title: str, rows: list[Row], baseline: Row | None, baseline_name: str) -> None:
    print(f"\n{title}")
    for row in rows:
        ratio = f"{row.ratio(baseline):7.2f}x {baseline_name}" if baseline else ""
        print(f"  {row.name:<56} {row.seconds:8.2f} s  {ratio}")


BARS: list[tuple[str, float, float]] = []  # (the bar, its limit, the ratio measured)


def bar(name: str, ratio: float, limit: float) -> None:
    BARS.append((name, limit, ratio))


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

    def ruff_row() -> list[Row]:
        if not ruff:
            return []
        return [Row("ruff check --no-cache --select E,F (baseline)",
                    [ruff, "check", "--no-cache", "--select", "E,F", "--exit-zero", "--quiet", str(tree)], cwd=scratch)]

    # The bar's first case: no Live file at all, so nothing heavy should be imported.
    print(f"\n(a) Django 5.2, no Live file: {describe(tree)}")
    rows = timed([*ruff_row(),
                  Row("livemigrate check --no-cache (cold)", livemigrate("--no-cache", str(tree)), cwd=scratch,
                      same_output=[b""]),
                  Row("floor: bare `python -S` walk + read + one `in`",
                      [sys.executable, "-S", "-c", _FLOOR, str(tree)], cwd=scratch)], args.repeat)
    baseline = rows[0] if ruff else None
    print_table("   wall time of a fresh process, default --jobs", rows, baseline, "ruff")
    if baseline:
        bar("cold check, Django with no Live file / ruff", rows[1].ratio(baseline), 1.0)

    shutil.copytree(REPO / "fixtures" / "apps" / "voice_agent", app, dirs_exist_ok=True)
    cache = scratch / "cache-a"
    print(f"\n    Django 5.2 + one Live app: {describe(tree)}")
    app_findings: list[bytes] = []  # every variant reports the app's findings, and the same ones
    cold = Row("livemigrate check --no-cache (cold)", livemigrate("--no-cache", str(tree)), cwd=scratch,
               same_output=app_findings)
    cold.run()  # untimed: the findings every variant must print
    cold.samples.clear()
    if not app_findings[0]:
        sys.exit("livemigrate check found nothing in the Live app: not timed")
    warm = Row("livemigrate check, warm (cache hits)", livemigrate("--cache-dir", str(cache), str(tree)),
               cwd=scratch, same_output=app_findings)
    warm.run()  # fills the cache (untimed)
    warm.samples.clear()
    rows = timed([*ruff_row(), cold,
                  Row("livemigrate check, cold, writing the cache", livemigrate("--cache-dir", str(cache), str(tree)),
                      before=lambda: shutil.rmtree(cache, ignore_errors=True), cwd=scratch,
                      same_output=app_findings),
                  warm], args.repeat)
    baseline = rows[0] if ruff else None
    print_table("   wall time of a fresh process, default --jobs", rows, baseline, "ruff")
    if baseline:
        bar("warm check, Django + a Live app / ruff", warm.ratio(baseline), 1.5)


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

    findings: list[bytes] = []  # every variant of check reports the same findings
    one = Row("livemigrate check --no-cache --jobs 1", livemigrate("--no-cache", "--jobs", "1", str(tree)),
              cwd=scratch, same_output=findings)
    one.run()  # untimed: the findings every variant must print
    one.samples.clear()
    if not findings[0]:
        sys.exit("livemigrate check found nothing in the Live-heavy tree: not timed")
    cache = scratch / "cache-b"
    warm = Row("livemigrate check, warm (cache hits)", livemigrate("--cache-dir", str(cache), str(tree)),
               cwd=scratch, same_output=findings)
    warm.run()  # fills the cache (untimed)
    warm.samples.clear()
    diffs: list[bytes] = []
    fix = Row("livemigrate fix --diff --no-cache --jobs 1",
              [sys.executable, "-m", "livemigrate", "fix", "--diff", "--quiet", "--no-cache", "--jobs", "1", str(tree)],
              cwd=scratch, same_output=diffs)
    bare = Row("libcst.parse_module, one process", parse(False))
    baseline = Row("libcst.parse_module + positions, one process (baseline)", parse(True))
    jobs = Row("livemigrate check --no-cache (default --jobs)", livemigrate("--no-cache", str(tree)), cwd=scratch,
               same_output=findings)
    timed([bare, baseline, jobs, one, warm, fix], args.repeat)
    if not diffs[0]:
        sys.exit("livemigrate fix --diff changed nothing in the Live-heavy tree: not timed")
    print_table("   wall time of a fresh process", [bare, baseline, jobs, one, warm], baseline, "parse+positions")
    print_table("   default --jobs against --jobs 1", [one, jobs], one, "--jobs 1")
    print_table("   fix --diff against check, both --jobs 1", [one, fix], one, "check")
    bar("Live-heavy check --jobs 1 / parse+positions", one.ratio(baseline), 1.2)
    bar(f"Live-heavy check --jobs {default_jobs_here()} / --jobs 1", jobs.ratio(one), 0.6)
    bar("Live-heavy fix --diff / check, --jobs 1", fix.ratio(one), 1.5)


def default_jobs_here() -> int:
    from livemigrate.parallel import default_jobs

    return default_jobs()


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
    if BARS:
        print(f"\nthe bars (issue 10), each ratio the median of the rounds' own ratios (load average after "
              f"each group: {', '.join(f'{load:.1f}' for load in LOADS)} on {os.cpu_count()} CPUs)")
        for name, limit, ratio in BARS:
            print(f"  {name:<56} {ratio:6.2f}x  (bar {limit:.1f}x: {'met' if ratio <= limit else 'NOT met'})")
        if LOADS and max(LOADS) > (os.cpu_count() or 1) + 0.5:  # this run itself keeps one to two busy
            print("  other programs kept the CPUs busy during this run: the --jobs ratio (and, less, the "
                  "others) says more about them than about livemigrate; run it again on a quiet machine")


if __name__ == "__main__":
    main()
