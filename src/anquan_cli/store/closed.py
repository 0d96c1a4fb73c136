"""Closed periods: the figures as submitted (报送), kept in git so later changes show up.

`anquan close` writes closed/2024-Q4.json (the report's JSON figures, the day and the office),
commits it and tags the commit `closed/2024-Q4`. A later report of that period calls `compare`
to learn where today's figures differ from the submitted ones and which records changed since.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.model.enums import RecordKind
from anquan_cli.model.ids import ID_PATTERN
from anquan_cli.store import git
from anquan_cli.store.scan import Scan

CLOSED_DIR = "closed"
TAG_PREFIX = "closed/"
_SKIPPED = ("ledger", "period")
"""Keys of the figures that describe the report rather than count anything."""


def period_key(kind: str, start: date, end: date) -> str:
    """The name a period is filed under: 2024-Q4, 2024-11, 2024-H2, 2024, or a range."""
    match kind:
        case "quarter":
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        case "month":
            return f"{start:%Y-%m}"
        case "half":
            return f"{start.year}-H{1 if start.month <= 6 else 2}"
        case "year":
            return f"{start.year}"
    return f"{start.isoformat()}_{end.isoformat()}"


def file_of(root: Path, key: str) -> Path:
    return root / CLOSED_DIR / f"{key}.json"


@dataclass(frozen=True)
class Submission:
    """What a close recorded."""

    key: str
    label: str
    closed_on: str
    office: str
    figures: dict[str, Any]


def read(root: Path, key: str) -> Submission | None:
    """The submission of that period, or None when it was never closed."""
    path = file_of(root, key)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Submission(
            key, data["label"], data["closed_on"], data["office"], dict(data["figures"])
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise AnquanError(f"报送记录无法读取：{error}", f"{CLOSED_DIR}/{key}.json") from None


def _record_changes_pending(root: Path) -> list[str]:
    folders = [kind.value for kind in RecordKind]
    completed = git.run(root, ["status", "--porcelain", "-z", "-uall", "--", *folders])
    return sorted({entry[3:] for entry in completed.stdout.split("\0") if len(entry) > 3})


def record(
    root: Path, key: str, label: str, figures: Mapping[str, Any], office: str, today: date
) -> Submission:
    """File the figures as submitted: write, commit, tag. Refuses a period already closed."""
    git.require_repository(root)
    git.ensure_can_commit(root)
    earlier = read(root, key)
    if earlier is not None:
        raise UsageError(
            f"{label}已于 {earlier.closed_on} 由{earlier.office}报送（{CLOSED_DIR}/{key}.json），不能重复报送"
        )
    tag = TAG_PREFIX + key
    if git.run(root, ["rev-parse", "-q", "--verify", f"refs/tags/{tag}"], check=False).stdout:
        raise UsageError(f"标签 {tag} 已存在：{label}已报送过")
    pending = _record_changes_pending(root)
    if pending:
        raise AnquanError(
            f"有未提交的记录改动：{'、'.join(pending[:5])}{' 等' if len(pending) > 5 else ''}；"
            "报送的数字须与 git 中的记录一致，请先提交再报送"
        )
    submission = Submission(key, label, today.isoformat(), office, dict(figures))
    from anquan_cli.store.journal import Change
    from anquan_cli.store.lock import write_lock
    from anquan_cli.store.transaction import Commit, NameTaken, write_changes

    body = {
        "label": label,
        "closed_on": submission.closed_on,
        "office": office,
        "figures": submission.figures,
    }
    text = json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    change = Change(f"{CLOSED_DIR}/{key}.json", text.encode("utf-8"))
    try:
        with write_lock(root):
            write_changes(root, [change], Commit(f"报送 {label} 数据", office))
    except NameTaken:
        raise UsageError(f"{CLOSED_DIR}/{key}.json 已存在，不能重复报送") from None
    message = git.signed(f"报送 {label} 数据", office)
    git.run(root, [*git.identity(root, office), "tag", "-a", tag, "-m", message])
    return submission


@dataclass(frozen=True)
class FigureChange:
    """One figure that is no longer what was submitted."""

    key: str
    submitted: Any
    now: Any


@dataclass(frozen=True)
class RecordChange:
    """A record added, changed or deleted since the period was closed."""

    record_id: str
    change: str
    path: str


@dataclass(frozen=True)
class Differences:
    """How today's figures of a closed period stand against the submitted ones."""

    key: str
    label: str
    closed_on: str
    office: str
    figures: tuple[FigureChange, ...]
    records: tuple[RecordChange, ...]

    @property
    def same(self) -> bool:
        return not self.figures and not self.records

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "closed_on": self.closed_on,
            "office": self.office,
            "figures": [f.__dict__ for f in self.figures],
            "records": [r.__dict__ for r in self.records],
        }


def _leaves(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every number (or null rate) in nested mappings, keyed by its dotted path; lists skipped."""
    for key, value in data.items():
        if not prefix and key in _SKIPPED:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _leaves(value, path + ".")
        elif value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            yield path, value


def figure_changes(
    submitted: Mapping[str, Any], now: Mapping[str, Any]
) -> tuple[FigureChange, ...]:
    before, after = dict(_leaves(submitted)), dict(_leaves(now))
    return tuple(
        FigureChange(key, before.get(key), after.get(key))
        for key in sorted(set(before) | set(after), key=lambda k: (not k.startswith("totals."), k))
        if before.get(key) != after.get(key) and not (before.get(key, 0) == after.get(key, 0) == 0)
    )


_CHANGE_WORDS = {"A": "新增", "M": "修改", "D": "删除", "R": "改名", "T": "修改"}


def _changed_since(root: Path, base: str) -> Iterator[RecordChange]:
    folders = [kind.value for kind in RecordKind]
    diff = git.run(root, ["diff", "--name-status", "--no-renames", "-z", base, "--", *folders])
    fields = [f for f in diff.stdout.split("\0") if f]
    for status, path in zip(fields[::2], fields[1::2], strict=False):
        yield _change(path, _CHANGE_WORDS.get(status[:1], "修改"))
    untracked = git.run(root, ["ls-files", "-z", "--others", "--exclude-standard", "--", *folders])
    for path in untracked.stdout.split("\0"):
        if path:
            yield _change(path, "新增")


def _change(path: str, word: str) -> RecordChange:
    stem = PurePosixPath(path).stem
    return RecordChange(stem if ID_PATTERN.match(stem) else path, word, path)


def _base_in_town(town: Path, closed_at: str) -> str | None:
    """A town's last commit at the time the district closed the period."""
    found = git.run(town, ["rev-list", "-1", f"--before={closed_at}", "HEAD"], check=False)
    return found.stdout.strip() or None


def changed_records(scanned: Scan, key: str) -> tuple[RecordChange, ...]:
    """Records changed since the period's tag (in a district: in each town since that time)."""
    tag = f"refs/tags/{TAG_PREFIX}{key}"
    root = scanned.root
    if not git.is_repository(root):
        return ()
    if git.run(root, ["rev-parse", "-q", "--verify", tag], check=False).returncode:
        return ()
    if not scanned.towns:
        return tuple(sorted(set(_changed_since(root, tag)), key=lambda c: c.record_id))
    closed_at = git.run(root, ["log", "-1", "--format=%cI", tag]).stdout.strip()
    found: set[RecordChange] = set()
    for town in scanned.towns:
        base = _base_in_town(town.root, closed_at) if git.is_repository(town.root) else None
        if base is not None:
            found.update(_changed_since(town.root, base))
    return tuple(sorted(found, key=lambda c: c.record_id))


def compare(scanned: Scan, key: str, summary: Mapping[str, Any]) -> Differences | None:
    """Today's figures (the report's JSON data) against those submitted; None if not closed."""
    submission = read(scanned.root, key)
    if submission is None:
        return None
    return Differences(
        key,
        submission.label,
        submission.closed_on,
        submission.office,
        figure_changes(submission.figures, summary),
        changed_records(scanned, key),
    )
