"""Problems are values; two exceptions separate the user's mistakes from ours."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "错误"
    WARNING = "警告"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the ledger, located at a file and line."""

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def render(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else "警告："
        location = f"{self.path}:{self.line}" if self.line else self.path
        return f"{location}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class AnquanError(Exception):
    """A mistake in the user's input or ledger: shown as one Chinese line, exit 1."""

    exit_code = 1

    def __init__(self, message: str, path: Path | str | None = None, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        location = f"{self.path}:{self.line}" if self.line else self.path
        return f"{location}: {self.message}"


class UsageError(AnquanError):
    """A wrong flag, an unknown ID, no ledger found: exit 2."""

    exit_code = 2
