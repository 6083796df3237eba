"""The `copydesk` command that pip installs is the C++ program itself, not a Python script."""

from __future__ import annotations

import statistics
import subprocess
import sysconfig
import time
from pathlib import Path

import copydesk

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def installed_command() -> Path:
    """The `copydesk` in the scripts folder of this interpreter's environment (its bin/ on PATH)."""
    path = Path(sysconfig.get_path("scripts")) / "copydesk"
    assert path.is_file(), f"pip installed no copydesk command at {path}"
    return path


def test_the_command_is_an_elf_executable() -> None:
    head = installed_command().read_bytes()[:4]
    assert head == b"\x7fELF", f"not a native program (starts with {head!r}): a Python script?"


def test_the_command_prints_the_package_version() -> None:
    r = subprocess.run([installed_command(), "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["copydesk", copydesk.__version__]


def test_the_command_converts_an_example_to_docx(tmp_path: Path) -> None:
    src = EXAMPLES / "zh-news.txt"
    out = tmp_path / "zh-news.docx"
    r = subprocess.run([installed_command(), str(src), "-o", str(out)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:2] == b"PK"
    expected = copydesk.read(src)
    got = copydesk.read(out)
    assert got.metadata.title == expected.metadata.title != ""
    assert got.blocks == expected.blocks


def test_the_command_starts_in_milliseconds() -> None:
    """A sanity bound, not a benchmark: a Python shim that imports the package takes ~70 ms."""
    command = [str(installed_command()), "--version"]
    subprocess.run(command, capture_output=True, check=True, timeout=60)  # page cache warm
    times = []
    for _ in range(20):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, timeout=60)
        times.append(time.perf_counter() - start)
    median_ms = statistics.median(times) * 1000
    assert median_ms < 20, f"copydesk --version: median {median_ms:.1f} ms over 20 runs"
