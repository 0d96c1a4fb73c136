"""Problems are values; two exceptions separate the user's mistakes from ours."""

from __future__ import annotations

import errno
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

    def to_dict(self) -> dict[str, str | int | None]:
        """For `check --format json`: severity as "error" or "warning", no line as null."""
        return {
            "path": self.path,
            "line": self.line or None,
            "severity": "error" if self.is_error else "warning",
            "message": self.message,
        }


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


_OS_REASONS = {
    errno.EROFS: "文件系统为只读",
    errno.EEXIST: "文件已存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有操作权限",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.ENOENT: "文件或文件夹不存在",
}


def os_reason(error: OSError) -> str:
    """Why the system refused a read or write, in Chinese for the common cases
    (the system's own words otherwise)."""
    return _OS_REASONS.get(error.errno or 0) or error.strerror or str(error)
