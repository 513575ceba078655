"""``source.read_plainly``: the screen's lean read gives what ``read_source`` gives for an ordinary
file, and None (leave it to ``read_source``, which words the error) for everything else."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from livemigrate.source import SourceError, plain_source, read_plainly, read_source


def _same_as_read_source(path: Path, max_bytes: int | None = None) -> None:
    read = read_plainly(str(path), max_bytes)
    usual = read_source(path, max_bytes=max_bytes, for_writing=False)
    assert read is not None
    plain = plain_source(str(path), *read)
    assert (plain.path, plain.target, plain.data, plain.identity) == (usual.path, usual.target, usual.data,
                                                                      usual.identity)


@pytest.mark.parametrize("data", [b"", b"x = 1\n", b"\xef\xbb\xbfprint('hi')\r\n", b"a" * 300_000])
def test_an_ordinary_file_reads_as_read_source_reads_it(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(data)
    _same_as_read_source(path)
    _same_as_read_source(path, max_bytes=len(data))  # exactly at the limit is allowed


def test_a_symlink_is_read_under_its_own_name_as_check_reads_it(tmp_path: Path) -> None:
    (tmp_path / "real.py").write_bytes(b"y = 2\n")
    link = tmp_path / "link.py"
    link.symlink_to(tmp_path / "real.py")
    _same_as_read_source(link)
    assert plain_source(str(link), *read_plainly(str(link))).path == link


def _refused_by_read_source(path: Path, max_bytes: int | None = None) -> None:
    assert read_plainly(str(path), max_bytes) is None
    with pytest.raises(SourceError):
        read_source(path, max_bytes=max_bytes, for_writing=False)


def test_what_read_source_refuses_is_left_to_it(tmp_path: Path) -> None:
    binary = tmp_path / "blob.py"
    binary.write_bytes(b"x = 1\x00\n")
    _refused_by_read_source(binary)
    big = tmp_path / "big.py"
    big.write_bytes(b"#" * 101)
    _refused_by_read_source(big, max_bytes=100)
    _refused_by_read_source(tmp_path / "missing.py")
    folder = tmp_path / "pkg.py"
    folder.mkdir()
    _refused_by_read_source(folder)
    dangling = tmp_path / "dangling.py"
    dangling.symlink_to(tmp_path / "nowhere.py")
    _refused_by_read_source(dangling)
    assert read_plainly(str(tmp_path / "nul\x00.py")) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_never_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    got: list = []
    reader = threading.Thread(target=lambda: got.append(read_plainly(str(fifo))), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "read_plainly blocked on a FIFO"
    assert got == [None]


def test_a_file_that_changes_while_read_is_left_to_read_source(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"x = 1\n")
    real_read = os.read

    def read_then_grow(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        with open(path, "ab") as handle:
            handle.write(b"y = 2\n")
        return data

    monkeypatch.setattr(os, "read", read_then_grow)
    assert read_plainly(str(path)) is None
