"""Errors negkit reports to users as one line, never as a traceback."""

from __future__ import annotations


class NegkitError(Exception):
    """A user-facing error: the CLI prints ``negkit: error: <message>`` and exits non-zero."""

    exit_code = 2


class InputError(NegkitError):
    """Bad user input located in a file: ``path:line: problem``."""

    def __init__(self, path: str, problem: str, line: int | None = None):
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class EditError(NegkitError, ValueError):
    """Edits that overlap or fall outside their text."""
