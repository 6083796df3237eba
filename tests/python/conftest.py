"""Shared pytest fixtures for the copydesk tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def _find_cli() -> Path | None:
    """The copydesk program: $COPYDESK_BIN, else the newest build*/tools/copydesk, else PATH."""
    env = os.environ.get("COPYDESK_BIN")
    if env:
        return Path(env).resolve()
    built = [p for p in REPO_ROOT.glob("build*/tools/copydesk") if p.is_file() and os.access(p, os.X_OK)]
    if built:
        return max(built, key=lambda p: p.stat().st_mtime)
    on_path = shutil.which("copydesk")
    return Path(on_path) if on_path else None


@pytest.fixture(scope="session")
def copydesk_bin() -> Path:
    """Path of the copydesk command-line program under test."""
    path = _find_cli()
    if path is None:
        pytest.skip("copydesk program not found: build it, or set COPYDESK_BIN")
    if not path.is_file():
        pytest.fail(f"COPYDESK_BIN={path} does not exist")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of real documents: $COPYDESK_CORPUS, else ../shared/corpus beside the checkout.

    Tests that need it are skipped (never passed) when it is absent.
    """
    path = corpus_path()
    if not path.is_dir():
        pytest.skip(f"{NO_CORPUS}: {path}")
    return path


# Every corpus skip's reason starts with this; the summary counts them in one line.
NO_CORPUS = "corpus not found"


def corpus_path() -> Path:
    env = os.environ.get("COPYDESK_CORPUS")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "corpus"


def _skip_reason(report: pytest.TestReport) -> str:
    reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
    return reason.removeprefix("Skipped: ")


# Without the corpus (a fresh clone), its tests are skipped and reported in one
# line instead of one per test; they are moved out of "skipped" so that -rs
# lists only other skips, and the final line counts them as "skipped (no corpus)".
def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    skipped = terminalreporter.stats.get("skipped", [])
    corpus = [r for r in skipped if _skip_reason(r).startswith(NO_CORPUS)]
    if not corpus:
        return
    terminalreporter.stats["skipped"] = [r for r in skipped if r not in corpus]
    terminalreporter.stats["skipped (no corpus)"] = corpus
    terminalreporter.write_line(
        f"{len(corpus)} test{'' if len(corpus) == 1 else 's'} skipped: {'it needs' if len(corpus) == 1 else 'they need'} the corpus of real documents, not found at {corpus_path()}; "
        "set COPYDESK_CORPUS or place it at ../shared/corpus beside the checkout")


# In CI every tool is installed, so a skip means a test silently did not run.
# With COPYDESK_NO_SKIPS=1 (set by scripts/test) a skip fails the test, except
# for reasons listed in COPYDESK_ALLOWED_SKIPS (substrings, separated by "|").
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("COPYDESK_NO_SKIPS") != "1" or not report.skipped:
        return
    reason = _skip_reason(report)
    allowed = [a for a in os.environ.get("COPYDESK_ALLOWED_SKIPS", "").split("|") if a]
    if any(a in reason for a in allowed):
        return
    report.outcome = "failed"
    report.longrepr = f"skipped in a run that allows no skips (COPYDESK_NO_SKIPS=1): {reason}"
