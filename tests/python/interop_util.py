"""Helpers of the interop tests: run a program, split plain text into paragraphs."""

from __future__ import annotations

import subprocess


def run(args: list[str]) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, each joined onto one line, indents removed."""
    blocks = [" ".join(line.strip().lstrip("\u3000") for line in b.splitlines()) for b in text.split("\n\n")]
    return [b.strip() for b in blocks if b.strip()]
