"""`python -m copydesk` and the `copydesk` script of the wheel run the C++ command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import copydesk
from copydesk import Document, Paragraph, Text


def installed_script() -> str:
    """The `copydesk` console script installed with this interpreter's package."""
    candidate = Path(sysconfig.get_path("scripts")) / "copydesk"
    if candidate.is_file():
        return str(candidate)
    found = shutil.which("copydesk")
    assert found, "the wheel's copydesk script is not installed"
    return found


def test_python_m_copydesk_version() -> None:
    r = subprocess.run([sys.executable, "-m", "copydesk", "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert copydesk.__version__ in r.stdout


def test_python_m_copydesk_converts(tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    src.write_text(Document(blocks=[Paragraph([Text("你好")])]).to_json(), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "copydesk", str(src), "-t", "json"], capture_output=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    assert Document.from_json(r.stdout).blocks == [Paragraph([Text("你好")])]


def test_python_m_copydesk_reports_errors_with_exit_code(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "copydesk", str(tmp_path / "missing.txt"), "-t", "json"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert "missing.txt" in r.stderr


def test_installed_script(tmp_path: Path) -> None:
    script = installed_script()
    r = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert copydesk.__version__ in r.stdout
    r = subprocess.run([script, "--list-formats"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "docx" in r.stdout and "plain" in r.stdout
    src = tmp_path / "a.json"
    src.write_text(Document(blocks=[Paragraph([Text("x")])]).to_json(), encoding="utf-8")
    out = tmp_path / "b.json"
    r = subprocess.run([script, str(src), "-o", str(out)], capture_output=True, text=True, timeout=60,
                       env={**os.environ})
    assert r.returncode == 0, r.stderr
    assert Document.from_json(out.read_bytes()).blocks == [Paragraph([Text("x")])]


def test_main_function_returns_the_exit_code() -> None:
    from copydesk.__main__ import main

    assert main(["--help"]) == 0
    assert main(["--no-such-option"]) != 0
