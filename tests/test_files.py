"""Issue 9, "never lose a byte": how livemigrate finds, reads and rewrites a user's files.

Unit tests call ``livemigrate.source`` and ``livemigrate.discovery`` directly. The ``test_cli_*``
tests drive the CLI in-process: what the user sees.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from livemigrate import source
from livemigrate.discovery import iter_source_files
from livemigrate.settings import Settings
from livemigrate.source import (SourceError, SourceFile, cleanup_stale_temp_files, read_source,
                                write_atomically, write_fixed)

from test_cli import FIXED, SESSION, run

ROOT = os.geteuid() == 0
OLD = b"from google import genai\nMODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
NEW = b"from google import genai\nMODEL = 'gemini-3.1-flash-live-preview'\n"


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def found(paths, settings: Settings | None = None) -> list[Path | str]:
    """Discovery results, errors as their one-line text."""
    return [str(item) if isinstance(item, SourceError) else item
            for item in iter_source_files(paths, settings or Settings())]


@pytest.fixture
def no_hang():
    """Fail instead of blocking forever (opening a FIFO for reading blocks until a writer comes)."""
    def on_alarm(signum, frame):
        raise TimeoutError("blocked: a FIFO or socket was opened")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def unix_socket(tmp_path: Path):
    sock = socket.socket(socket.AF_UNIX)
    path = tmp_path / "server.py"
    sock.bind(str(path))
    yield path
    sock.close()


# --- reading ----------------------------------------------------------------------------

def test_read_source_captures_bytes_and_identity_of_the_resolved_target(tmp_path: Path) -> None:
    real = tmp_path / "real.py"
    real.write_bytes(OLD)
    link = tmp_path / "link.py"
    link.symlink_to(real.name)
    src = read_source(link)
    st = real.stat()
    assert isinstance(src, SourceFile)
    assert src.data == OLD and src.path == link and src.target == real.resolve()
    assert src.key == (st.st_dev, st.st_ino) == read_source(real).key
    ident = src.identity
    assert (ident.st_dev, ident.st_ino, ident.size, ident.mtime_ns) == (st.st_dev, st.st_ino, len(OLD), st.st_mtime_ns)


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "generated.py"
    with big.open("wb") as handle:
        handle.truncate(12_500_000)  # sparse: the limit is checked before a byte is read
    with pytest.raises(SourceError) as raised:
        read_source(big, max_bytes=10_000_000)
    assert str(raised.value) == f"{big}: is 12.5 MB, above the max-file-size limit (10 MB); skipped"
    exact = tmp_path / "exact.py"
    exact.write_bytes(b"x" * 100)
    assert read_source(exact, max_bytes=100).data == b"x" * 100
    with pytest.raises(SourceError, match=r"is 101 bytes, above the max-file-size limit \(100 bytes\)"):
        exact.write_bytes(b"x" * 101)
        read_source(exact, max_bytes=100)


def test_read_source_keeps_the_old_refusals(tmp_path: Path) -> None:
    (tmp_path / "blob.py").write_bytes(b"LiveConnectConfig\x00")
    with pytest.raises(SourceError, match="looks binary"):
        read_source(tmp_path / "blob.py")
    with pytest.raises(SourceError, match="is a directory"):
        read_source(tmp_path)
    with pytest.raises(SourceError, match="no such file"):
        read_source(tmp_path / "missing.py")


def test_read_source_never_opens_a_fifo(tmp_path: Path, no_hang) -> None:
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match=r"is a FIFO \(named pipe\), not a regular file; skipped"):
        read_source(fifo)


# --- writing ----------------------------------------------------------------------------

def test_write_fixed_replaces_atomically_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(OLD)
    path.chmod(0o754)
    write_fixed(read_source(path), NEW)
    assert path.read_bytes() == NEW
    assert stat.S_IMODE(path.stat().st_mode) == 0o754
    assert listing(tmp_path) == ["a.py"]


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "lib" / "real.py"
    real.parent.mkdir()
    real.write_bytes(OLD)
    link = tmp_path / "link.py"
    link.symlink_to(Path("lib") / "real.py")
    write_fixed(read_source(link), NEW)
    assert link.is_symlink() and os.readlink(link) == os.path.join("lib", "real.py")
    assert real.read_bytes() == NEW
    assert listing(tmp_path) == ["lib", "link.py"] and listing(real.parent) == ["real.py"]


def test_the_same_target_reached_twice_is_found_once(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_bytes(OLD)
    (tmp_path / "link.py").symlink_to("a.py")
    os.link(tmp_path / "a.py", tmp_path / "hard.py")
    assert found([tmp_path / "a.py", tmp_path / "link.py", tmp_path]) == [tmp_path / "a.py"]
    assert found([tmp_path]) == [tmp_path / "a.py"]


def test_the_same_target_reached_twice_is_written_once(tmp_path: Path) -> None:
    """The engine checks one key per write; a second write of a stale read would be refused."""
    (tmp_path / "a.py").write_bytes(OLD)
    (tmp_path / "link.py").symlink_to("a.py")
    first, second = read_source(tmp_path / "a.py"), read_source(tmp_path / "link.py")
    assert first.key == second.key
    write_fixed(first, NEW)
    with pytest.raises(SourceError, match="changed on disk while fixing; not written"):
        write_fixed(second, NEW)


def test_hard_link_is_kept(tmp_path: Path) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_bytes(OLD + b"# a longer original, so the in-place rewrite must also truncate\n")
    os.link(a, b)
    inode = a.stat().st_ino
    write_fixed(read_source(a), NEW)
    assert a.read_bytes() == b.read_bytes() == NEW
    assert a.stat().st_ino == b.stat().st_ino == inode and a.stat().st_nlink == 2
    assert listing(tmp_path) == ["a.py", "b.py"]


def test_hard_link_that_grows_is_kept(tmp_path: Path) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_bytes(OLD)
    os.link(a, b)
    longer = NEW + b"# and more\n" * 1000
    write_fixed(read_source(b), longer)
    assert a.read_bytes() == longer and a.stat().st_ino == b.stat().st_ino


def test_hard_link_rewrite_that_fails_puts_the_original_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_bytes(OLD)
    os.link(a, b)
    src = read_source(a)
    real_fsync = os.fsync
    calls = []

    def fsync_fails_once_in_place(fd):  # the temp file's fsync passes; the in-place one fails
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_fails_once_in_place)
    with pytest.raises(SourceError) as raised:
        write_fixed(src, NEW)
    assert str(raised.value) == (f"{a}: is hard-linked and cannot be rewritten in place (Input/output error); "
                                 f"left unchanged")
    assert a.read_bytes() == b.read_bytes() == OLD and listing(tmp_path) == ["a.py", "b.py"]


def test_hard_link_rewrite_and_restore_failing_keep_the_fixed_code(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_bytes(OLD)
    os.link(a, b)
    src = read_source(a)
    real_fsync = os.fsync
    calls = []

    def in_place_fsyncs_fail(fd):
        calls.append(fd)
        if len(calls) >= 2:
            raise OSError(5, "Input/output error")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", in_place_fsyncs_fail)
    with pytest.raises(SourceError, match="the file may be damaged: the fixed code is in ") as raised:
        write_fixed(src, NEW)
    kept = Path(str(raised.value).rsplit(" is in ", 1)[1])
    assert kept.parent == tmp_path and kept.read_bytes() == NEW


def test_read_only_file_is_skipped_untouched(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(OLD)
    path.chmod(0o444)
    before = path.stat()
    with pytest.raises(SourceError) as raised:
        write_fixed(read_source(path), NEW)
    assert str(raised.value) == f"{path}: is read-only; not written"
    after = path.stat()
    assert path.read_bytes() == OLD
    assert (after.st_ino, after.st_mode, after.st_mtime_ns) == (before.st_ino, before.st_mode, before.st_mtime_ns)
    assert listing(tmp_path) == ["a.py"]


@pytest.mark.parametrize("edit", ["between", "during"])
def test_the_users_save_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(OLD)
    src = read_source(path)
    users = OLD + b"# typed while livemigrate ran\n"
    if edit == "between":
        path.write_bytes(users)
    else:  # after the temp file is complete, just before it would replace the original
        monkeypatch.setattr(source, "_before_commit", lambda tmp: path.write_bytes(users))
    with pytest.raises(SourceError) as raised:
        write_fixed(src, NEW)
    assert str(raised.value) == f"{path}: changed on disk while fixing; not written"
    assert path.read_bytes() == users
    assert listing(tmp_path) == ["a.py"]


def test_same_bytes_saved_again_still_counts_as_a_change(tmp_path: Path) -> None:
    """An editor that saves by rename makes a new inode; one that rewrites moves the mtime."""
    path = tmp_path / "a.py"
    path.write_bytes(OLD)
    src = read_source(path)
    (tmp_path / "new").write_bytes(OLD)
    os.replace(tmp_path / "new", path)
    with pytest.raises(SourceError, match="changed on disk"):
        write_fixed(src, NEW)
    src = read_source(path)
    os.utime(path, ns=(src.identity.mtime_ns + 10**9, src.identity.mtime_ns + 10**9))
    with pytest.raises(SourceError, match="changed on disk"):
        write_fixed(src, NEW)
    assert path.read_bytes() == OLD


@pytest.mark.parametrize("users", [OLD[:-1] + b"#", OLD + b"# grown\n"], ids=["same-size", "grown"])
def test_other_bytes_behind_the_same_size_and_mtime_count_as_a_change(tmp_path: Path, users: bytes) -> None:
    """The bytes read are what a write compares with, not only size and mtime (a coarse
    clock, or a tool that restores mtimes, can hide an edit)."""
    path = tmp_path / "a.py"
    path.write_bytes(OLD)
    src = read_source(path)
    with path.open("r+b") as handle:  # in place: the same inode
        handle.write(users)
    os.utime(path, ns=(src.identity.mtime_ns, src.identity.mtime_ns))
    if len(users) == len(OLD):
        assert os.stat(path).st_size == src.identity.size
    with pytest.raises(SourceError, match="changed on disk"):
        write_fixed(src, NEW)
    assert path.read_bytes() == users


def test_deleted_or_retargeted_while_fixing(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(OLD)
    src = read_source(path)
    path.unlink()
    with pytest.raises(SourceError, match="was deleted or moved while fixing; not written"):
        write_fixed(src, NEW)
    assert listing(tmp_path) == []
    (tmp_path / "one.py").write_bytes(OLD)
    (tmp_path / "two.py").write_bytes(OLD)
    link = tmp_path / "link.py"
    link.symlink_to("one.py")
    src = read_source(link)
    link.unlink()
    link.symlink_to("two.py")
    with pytest.raises(SourceError, match="changed on disk while fixing"):
        write_fixed(src, NEW)
    assert (tmp_path / "one.py").read_bytes() == (tmp_path / "two.py").read_bytes() == OLD


@pytest.mark.skipif(not ROOT, reason="only root may give a file to another owner")
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(OLD)
    os.chown(path, 4321, 4322)
    path.chmod(0o640)
    write_fixed(read_source(path), NEW)
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 4322, 0o640)
    assert path.read_bytes() == NEW


def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(OLD)
    try:
        os.setxattr(path, "user.livemigrate-test", b"kept")
    except (OSError, AttributeError):
        pytest.skip("this filesystem has no user extended attributes")
    write_fixed(read_source(path), NEW)
    assert os.getxattr(path, "user.livemigrate-test") == b"kept"


def test_a_folder_without_room_for_a_temp_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root may create files anywhere, so the refusal is simulated at the temp file's creation."""
    path = tmp_path / "a.py"
    path.write_bytes(OLD)
    src = read_source(path)
    real_open = os.open

    def refuse_temp(name, flags, *args, **kwargs):
        if str(name).endswith(".livemigrate"):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_temp)
    with pytest.raises(SourceError) as raised:
        write_fixed(src, NEW)
    assert str(raised.value) == (f"{path}: cannot be written: its folder {tmp_path} does not let us create a "
                                 f"temporary file; not written")
    assert path.read_bytes() == OLD


def test_write_atomically_keeps_working_and_keeps_links(tmp_path: Path) -> None:
    real = tmp_path / "real.py"
    real.write_bytes(OLD)
    (tmp_path / "link.py").symlink_to("real.py")
    os.link(real, tmp_path / "hard.py")
    write_atomically(tmp_path / "link.py", NEW)
    assert (tmp_path / "link.py").is_symlink()
    assert real.read_bytes() == (tmp_path / "hard.py").read_bytes() == NEW
    real.chmod(0o444)
    with pytest.raises(OSError, match="is read-only; not written"):  # the CLI catches OSError
        write_atomically(real, OLD)


def test_signal_handlers_are_restored_after_writing(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(OLD)
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    seen = {}
    source._before_commit = lambda tmp: seen.update({sig: signal.getsignal(sig) for sig in before})
    try:
        write_fixed(read_source(path), NEW)
    finally:
        source._before_commit = None
    assert seen[signal.SIGTERM] is not before[signal.SIGTERM]  # ours while writing
    assert {sig: signal.getsignal(sig) for sig in before} == before


# --- interrupted runs -------------------------------------------------------------------

CHILD = r"""
import signal, sys, time
from pathlib import Path
from livemigrate import source

signal.signal(signal.SIGINT, signal.default_int_handler)  # as in an interactive shell
path, ready = Path(sys.argv[1]), Path(sys.argv[2])
src = source.read_source(path)

def pause(tmp):
    ready.with_suffix(".part").write_text(str(tmp))
    ready.with_suffix(".part").rename(ready)  # the parent must never see it half-written
    time.sleep(60)

source._before_commit = pause
source.write_fixed(src, b"fixed\n")
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_during_a_write_leaves_no_temp_file(tmp_path: Path, signum: int) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    path = folder / "a.py"
    path.write_bytes(OLD)
    ready = tmp_path / "ready"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(ready)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        assert ready.exists(), f"the child never reached the write (exit {child.poll()})"
        temp = Path(ready.read_text())
        assert temp.exists() and temp.parent == folder  # the temp file really was there
        child.send_signal(signum)
        code = child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
        stderr = child.stderr.read().decode(errors="replace")
        child.stderr.close()
    assert code == -signum, f"exit {code}; the child said:\n{stderr}"  # it still dies of the signal
    assert listing(folder) == ["a.py"]
    assert path.read_bytes() == OLD


CHILD_SIGNAL_MID_COPY = r"""
import os, signal, sys
from pathlib import Path
from livemigrate import source

path = Path(sys.argv[1])
src = source.read_source(path)
real_pwrite = os.pwrite

def pwrite_after_a_sigterm(fd, data, offset):
    os.kill(os.getpid(), signal.SIGTERM)  # arrives as the in-place copy begins
    return real_pwrite(fd, data, offset)

os.pwrite = pwrite_after_a_sigterm
source.write_fixed(src, sys.argv[2].encode())
"""


def test_a_signal_never_cuts_an_in_place_copy_in_half(tmp_path: Path) -> None:
    """A hard-linked file is rewritten in place; a signal then waits until the copy is whole."""
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_bytes(OLD)
    os.link(a, b)
    longer = (NEW.decode() + "# grows, so room is reserved first\n" * 200)
    child = subprocess.run([sys.executable, "-c", CHILD_SIGNAL_MID_COPY, str(a), longer], capture_output=True,
                           timeout=60)
    assert child.returncode == -signal.SIGTERM, child.stderr.decode()
    assert a.read_bytes() == b.read_bytes() == longer.encode()
    assert listing(tmp_path) == ["a.py", "b.py"]


def test_write_fixed_from_a_worker_thread(tmp_path: Path) -> None:
    """Only the main thread may set signal handlers; a worker thread still writes."""
    import threading

    path = tmp_path / "a.py"
    path.write_bytes(OLD)
    errors = []
    worker = threading.Thread(target=lambda: _capture(errors, write_fixed, read_source(path), NEW))
    worker.start()
    worker.join()
    assert errors == [] and path.read_bytes() == NEW and listing(tmp_path) == ["a.py"]


def _capture(errors: list, function, *args) -> None:
    try:
        function(*args)
    except BaseException as exc:  # reported to the main thread's assertion
        errors.append(exc)


def test_stale_temp_files_are_removed_and_nothing_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = []
    monkeypatch.setattr(source, "_before_commit", lambda tmp: names.append(tmp.name))
    (tmp_path / "a.py").write_bytes(OLD)
    write_fixed(read_source(tmp_path / "a.py"), NEW)
    (ours,) = names  # a name exactly as a killed run would have left it
    old = time.time() - 7200

    def leave(name: str, kind: str = "file") -> Path:
        path = tmp_path / name
        if kind == "dir":
            path.mkdir()
        elif kind == "link":
            path.symlink_to("a.py")
        else:
            path.write_bytes(b"partial")
        os.utime(path, (old, old), follow_symlinks=False)
        return path

    stale = leave(ours)
    mkstemp_style = leave(".a.py.k2_x9q0z.livemigrate")  # what write_atomically made before
    kept = [
        leave(".a.py.livemigrate"), leave("a.py.1a2b3c4d.livemigrate"), leave(".a.py.1a2b3c4d.livemigrate.bak"),
        leave(".a.py.1A2B3C4D.livemigrate"), leave(".a.py.1a2b3c4.livemigrate"),
        leave(".gone.py.1a2b3c4d.livemigrate"),  # its file is gone: not provably ours
        leave(".a.py.deadbeef.livemigrate", "dir"), leave(".a.py.cafebabe.livemigrate", "link"),
    ]
    fresh = tmp_path / ".a.py.0badf00d.livemigrate"
    fresh.write_bytes(b"another run is writing this right now")
    removed = cleanup_stale_temp_files(tmp_path, max_age=3600)
    assert sorted(removed) == sorted([stale, mkstemp_style])
    assert not stale.exists() and not mkstemp_style.exists()
    assert all(os.path.lexists(p) for p in (*kept, fresh))
    assert (tmp_path / "a.py").read_bytes() == NEW


# --- discovery --------------------------------------------------------------------------

def test_discovery_order_suffixes_and_exclusion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ["b.py", "a/z.py", "a-b.py", "stubs.pyi", "notes.txt", "venv/x.py", "src/gen/y.py", "pkg/__init__.py"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)  # without a config file, anchored patterns are relative to the current folder
    settings = Settings(extend_exclude=("src/gen",))
    assert found([tmp_path], settings) == [tmp_path / n for n in ["a/z.py", "a-b.py", "b.py", "pkg/__init__.py", "stubs.pyi"]]
    # a file named directly is included even where a walk would exclude it; one that is neither
    # Python nor a notebook is skipped with an error, never linted as Python
    assert found([tmp_path / "notes.txt", tmp_path / "venv" / "x.py"], settings) == [
        f"{tmp_path / 'notes.txt'}: is not a Python file or notebook; skipped", tmp_path / "venv" / "x.py"]
    assert found([tmp_path / "missing.py"]) == [f"{tmp_path / 'missing.py'}: no such file or directory"]


def test_fifo_and_socket_named_explicitly_are_skipped_with_an_error(tmp_path: Path, unix_socket: Path, no_hang) -> None:
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    (tmp_path / "ok.py").write_text("x = 1\n")
    assert found([fifo, unix_socket, tmp_path / "ok.py"]) == [
        f"{fifo}: is a FIFO (named pipe), not a regular file; skipped",
        f"{unix_socket}: is a socket, not a regular file; skipped",
        tmp_path / "ok.py",
    ]
    assert found([Path("/dev/null")]) == ["/dev/null: is a device, not a regular file; skipped"]


def test_fifo_and_socket_inside_a_folder_are_ignored(tmp_path: Path, unix_socket: Path, no_hang) -> None:
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "dev.py").symlink_to("/dev/null")
    (tmp_path / "ok.py").write_text("x = 1\n")
    assert found([tmp_path]) == [tmp_path / "ok.py"]


def test_symlink_loops_do_not_hang(tmp_path: Path, no_hang) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")
    (tmp_path / "sub" / "self").symlink_to(".")
    (tmp_path / "a.py").symlink_to("b.py")
    (tmp_path / "b.py").symlink_to("a.py")
    (tmp_path / "sub" / "ok.py").write_text("x = 1\n")
    assert found([tmp_path]) == [tmp_path / "sub" / "ok.py"]
    (error,) = found([tmp_path / "a.py"])
    assert error.startswith(f"{tmp_path / 'a.py'}: cannot be read: ") and "symbolic links" in error
    assert found([tmp_path / "sub" / "up"]) == [tmp_path / "sub" / "up" / "sub" / "ok.py"]


def test_symlinked_file_in_a_folder_is_found_and_dangling_ones_ignored(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("x = 1\n")
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "linked.py").symlink_to(elsewhere)
    (tmp_path / "proj" / "dangling.py").symlink_to(tmp_path / "gone.py")
    assert found([tmp_path / "proj"]) == [tmp_path / "proj" / "linked.py"]
    assert found([tmp_path / "proj" / "dangling.py"]) == [
        f"{tmp_path / 'proj' / 'dangling.py'}: is a broken symbolic link (its target does not exist)"]


def _refuse_scandir(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Root reads every folder, so the refusal is simulated where the walk lists a folder."""
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


@pytest.mark.parametrize("which", ["nested", "top"])
def test_unreadable_folder_is_an_error_not_silence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.py").write_text("x = 1\n")
    (tmp_path / "z.py").write_text("x = 1\n")
    locked = tmp_path / "locked" if which == "nested" else tmp_path
    _refuse_scandir(monkeypatch, locked)
    error = f"{locked}: cannot be read: permission denied; its files were not checked"
    expected = [tmp_path / "a.py", error, tmp_path / "z.py"] if which == "nested" else [error]
    assert found([tmp_path]) == expected


@pytest.mark.skipif(ROOT, reason="root reads unreadable folders")
def test_unreadable_folder_for_real(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.py").write_text("x = 1\n")
    locked.chmod(0)
    try:
        assert found([tmp_path]) == [f"{locked}: cannot be read: permission denied; its files were not checked"]
    finally:
        locked.chmod(0o755)


# --- the command line -------------------------------------------------------------------

def test_cli_fix_writes_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real.py").write_text(SESSION)
    (tmp_path / "link.py").symlink_to("real.py")
    assert run("fix", str(tmp_path / "link.py")).exit_code == 0
    assert (tmp_path / "link.py").is_symlink()
    assert (tmp_path / "real.py").read_text() == FIXED


def test_cli_fix_keeps_a_hard_link(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SESSION)
    os.link(tmp_path / "a.py", tmp_path / "b.py")
    assert run("fix", str(tmp_path / "a.py")).exit_code == 0
    assert (tmp_path / "b.py").read_text() == FIXED
    assert (tmp_path / "a.py").stat().st_ino == (tmp_path / "b.py").stat().st_ino


def test_cli_fix_leaves_a_read_only_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_text(SESSION)
    path.chmod(0o444)
    result = run("fix", str(tmp_path))
    assert result.exit_code == 2
    assert f"{path}: " in result.stderr and "is read-only; not written" in result.stderr
    assert path.read_text() == SESSION


def test_cli_a_fifo_named_on_the_command_line(tmp_path: Path, no_hang) -> None:
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    result = run("check", str(fifo))
    assert result.exit_code == 2
    assert f"{fifo}: is a FIFO (named pipe), not a regular file; skipped" in result.stderr


def test_cli_unreadable_folder_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "agent.py").write_text(SESSION)
    _refuse_scandir(monkeypatch, tmp_path / "locked")
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'locked'}: cannot be read: permission denied" in result.stderr


def test_cli_the_users_save_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user saves after the engine read the file and before `fix` writes it."""
    from livemigrate.engine import Linter

    path = tmp_path / "agent.py"
    path.write_text(SESSION)
    users = SESSION + "# saved by the user while livemigrate ran\n"
    real_fix_bytes = Linter.fix_bytes

    def fix_then_user_saves(self, *args, **kwargs):
        report = real_fix_bytes(self, *args, **kwargs)
        path.write_text(users)
        return report

    monkeypatch.setattr(Linter, "fix_bytes", fix_then_user_saves)
    result = run("fix", str(path))
    assert result.exit_code == 2
    assert f"{path}: changed on disk while fixing; not written" in result.stderr
    assert path.read_text() == users


def test_cli_fix_removes_stale_temp_files_of_a_killed_run(tmp_path: Path) -> None:
    (tmp_path / "agent.py").write_text(SESSION)
    stale = tmp_path / ".agent.py.1a2b3c4d.livemigrate"
    stale.write_text(SESSION[:40])
    os.utime(stale, (time.time() - 7200,) * 2)
    assert run("fix", str(tmp_path)).exit_code == 0
    assert listing(tmp_path) == ["agent.py"]


def test_cli_max_file_size(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.livemigrate]\nmax-file-size = "1KB"\n')
    (tmp_path / "agent.py").write_text(SESSION)
    big = tmp_path / "big.py"
    big.write_text(SESSION + "#" * 2000 + "\n")
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert f"{big}: is {big.stat().st_size} bytes, above the max-file-size limit (1000 bytes); skipped" in result.stderr
    assert "agent.py:4:9: LM001" in result.stdout
