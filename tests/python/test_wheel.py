"""The wheel of scripts/wheel carries what it needs: installed into a fresh virtual environment, the
package and its `copydesk` command work while the system's libxml2, libdeflate and fmt are hidden.

The wheel is $COPYDESK_WHEEL (scripts/test sets it); hiding the libraries takes root (a private
mount namespace in which /dev/null is bind-mounted over each of them).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# What the wheel must not take from the system: libxml2 and what it needs, libdeflate, fmt.
BUNDLED = re.compile(r"\blib(xml2|deflate|fmt|icu\w+|lzma)\b[^ ]*\.so")
HIDDEN = re.compile(r"\blib(xml2|deflate|fmt)\.so")


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding only the wheel (no dependencies, no index)."""
    wheel = os.environ.get("COPYDESK_WHEEL")
    if not wheel:
        pytest.skip("COPYDESK_WHEEL not set: build the wheel with scripts/wheel and point it there")
    assert Path(wheel).is_file(), f"COPYDESK_WHEEL={wheel} does not exist"
    env = tmp_path_factory.mktemp("wheel-venv")
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=300)
    subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--no-index", "--no-deps",
                    str(Path(wheel).resolve())], check=True, timeout=300)
    return env


def ldd(path: Path) -> list[str]:
    r = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


def resolved(line: str) -> str:
    """The real file an ldd line resolved to (`name => path (address)`), or "" when not found."""
    target = line.split("=>")[1].split("(")[0].strip() if "=>" in line else ""
    return os.path.realpath(target) if target.startswith("/") else ""


def core_module(env: Path) -> Path:
    found = list(env.glob("lib/python*/site-packages/copydesk/_core*.so"))
    assert len(found) == 1, found
    return found[0]


def test_the_command_links_none_of_them(wheel_env: Path) -> None:
    lines = ldd(wheel_env / "bin" / "copydesk")
    assert any("libc.so" in line for line in lines)  # ldd did list the libraries
    assert [line for line in lines if BUNDLED.search(line)] == []


def test_the_module_loads_them_from_the_wheel(wheel_env: Path) -> None:
    lines = [line for line in ldd(core_module(wheel_env)) if BUNDLED.search(line)]
    assert any("libxml2" in line for line in lines), "the module no longer needs libxml2? update this test"
    libs = os.path.realpath(core_module(wheel_env).parent.parent / "copydesk.libs")
    for line in lines:
        assert resolved(line).startswith(libs + "/"), f"not from the wheel's {libs}: {line}"


def system_libraries(copydesk_bin: Path) -> list[str]:
    """The real files of the system's libxml2, libdeflate and fmt, as the CMake-built program loads them."""
    paths = {resolved(line) for line in ldd(copydesk_bin) if HIDDEN.search(line)}
    assert len(paths) == 3, f"expected libxml2, libdeflate and fmt in ldd {copydesk_bin}: {paths}"
    return sorted(paths)


CHECK = r"""
import ctypes, json, subprocess, sys
from pathlib import Path
hidden, examples, out, command = sys.argv[1].split(":"), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
report = {"loadable": []}
for lib in hidden:  # the control: the system's copies really are gone
    try:
        ctypes.CDLL(lib)
        report["loadable"].append(lib)
    except OSError:
        pass
import copydesk
report["titles"], report["round_trips"] = {}, []
for src in sorted(examples.glob("*.txt")):
    doc = copydesk.read(src)
    report["titles"][src.name] = doc.metadata.title
    for fmt in ("docx", "epub", "jats", "json", "plain"):
        back = copydesk.read(copydesk.write(doc, format=fmt), format=fmt)
        report["round_trips"].append([src.name, fmt, copydesk.stringify(back) == copydesk.stringify(doc)])
    copydesk.convert(src, out / (src.stem + ".epub"))
    report["titles"][src.stem + ".epub"] = copydesk.read(out / (src.stem + ".epub")).metadata.title
r = subprocess.run([command, "--version"], capture_output=True, text=True)
report["version"] = [r.returncode, r.stdout.strip(), r.stderr, copydesk.__version__]
r = subprocess.run([command, str(examples / "zh-news.txt"), "-o", str(out / "cli.docx")], capture_output=True, text=True)
report["cli"] = [r.returncode, r.stderr]
report["titles"]["cli.docx"] = copydesk.read(out / "cli.docx").metadata.title if r.returncode == 0 else None
print(json.dumps(report))
"""


def test_runs_without_the_system_libraries(wheel_env: Path, copydesk_bin: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("hiding the system's libraries takes root and unshare (util-linux)")
    hidden = system_libraries(copydesk_bin)
    script = tmp_path / "check.py"
    script.write_text(CHECK, encoding="utf-8")
    mounts = " && ".join(f"mount --bind /dev/null '{p}'" for p in hidden)
    args = [str(wheel_env / "bin" / "python"), str(script), ":".join(hidden), str(EXAMPLES), str(tmp_path),
            str(wheel_env / "bin" / "copydesk")]
    shell = f"{mounts} && exec \"$@\""
    r = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", shell, "sh", *args],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["loadable"] == [], "the system's libraries were not hidden"
    for src, fmt, same in report["round_trips"]:
        assert same, f"{src} through {fmt} lost text"
    assert len(report["round_trips"]) == 5 * len(list(EXAMPLES.glob("*.txt"))) >= 10
    assert report["version"] == [0, f"copydesk {report['version'][3]}", "", report["version"][3]]
    assert report["cli"] == [0, ""]
    titles = report["titles"]
    assert titles["zh-news.txt"] and titles["cli.docx"] == titles["zh-news.txt"]
    assert titles["zh-news.epub"] == titles["zh-news.txt"] and titles["en-news.epub"] == titles["en-news.txt"]
    # Outside the namespace the libraries are still there: the control of the control.
    assert Path(hidden[0]).stat().st_size > 0
