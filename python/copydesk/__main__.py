"""``python -m copydesk`` and the ``copydesk`` command: the C++ command line, unchanged."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from . import _core


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the copydesk command line with ``argv`` (default: sys.argv[1:]); returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    # The C++ side writes to the same file descriptors: flush what Python buffered first.
    sys.stdout.flush()
    sys.stderr.flush()
    return _core.cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
