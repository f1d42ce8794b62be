"""The command line's one usage error: a mistake in how a command was called, found after parsing (a flag that does
not fit the others, a column that is not there). Every command prints it as ``stance COMMAND: error: ...`` and exits
with code 2, as argparse does for its own errors."""

from __future__ import annotations

__all__ = ["UsageError"]


class UsageError(Exception):
    """A usage error found after parsing (exit code 2); the message says what to change."""
