"""A record's history from git: every commit that touched its file, field by field.

`git log --follow` names the commits (and the file's path at each, across renames); one
`git cat-file --batch` call reads every version; consecutive versions are compared key by key
and each key is named with its Chinese title from the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from anquan_cli.model.records import Record
from anquan_cli.store import git
from anquan_cli.store.yamlread import YamlProblem, parse_bytes

_RECORD = "\x1e"
_FIELD = "\x1f"
_FORMAT = (
    f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%an{_FIELD}"
    f"%(trailers:key={git.OFFICE_TRAILER},valueonly,separator=%x2C){_FIELD}%s"
)


@dataclass(frozen=True)
class FieldChange:
    """One key of the record: its Chinese title and its text before and after."""

    key: str
    title: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Revision:
    """One commit that changed the record's file."""

    commit: str
    when: str
    office: str | None
    author: str
    message: str
    path: str
    changes: tuple[FieldChange, ...]
    created: bool = False
    deleted: bool = False
    unreadable: bool = False


@dataclass(frozen=True)
class _Commit:
    sha: str
    when: str
    author: str
    office: str | None
    subject: str
    path: str | None


def _commits(root: Path, path: str) -> list[_Commit]:
    completed = git.run(root, ["log", "--follow", "--name-only", _FORMAT, "--", path])
    commits = []
    for chunk in completed.stdout.split(_RECORD):
        if not chunk.strip():
            continue
        head, _, names = chunk.partition("\n")
        parts = head.split(_FIELD)
        if len(parts) != 5:
            continue
        sha, when, author, office, subject = parts
        touched = [n for n in names.splitlines() if n.strip()]
        commits.append(
            _Commit(
                sha, when, author, office.strip() or None, subject, touched[0] if touched else None
            )
        )
    return commits[::-1]


def _versions(root: Path, specs: list[str]) -> list[bytes | None]:
    """The file's bytes at each `commit:path`, None where it does not exist."""
    if not specs:
        return []
    import subprocess

    completed = subprocess.run(
        [git.require_git(), "cat-file", "--batch"],
        cwd=root,
        input=("\n".join(specs) + "\n").encode("utf-8"),
        capture_output=True,
        check=False,
    )
    data, at = completed.stdout, 0
    found: list[bytes | None] = []
    for _ in specs:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found.append(data[at : at + size])
            at += size + 1
        else:
            found.append(None)
    return found


def _parse(raw: bytes | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        return parse_bytes(raw)
    except YamlProblem:
        return None


def text_of(value: Any, model: type[BaseModel] | None = None) -> str:
    """A field's value as a line of Chinese text: lists joined with 、, mappings as 名：值."""
    if isinstance(value, list):
        return "、".join(text_of(item, model) for item in value)
    if isinstance(value, dict):
        return "，".join(f"{_title(model, k)}：{text_of(v)}" for k, v in value.items())
    return "" if value is None else str(value)


def _title(model: type[BaseModel] | None, key: str) -> str:
    field = model.model_fields.get(key) if model is not None else None
    return field.title if field is not None and field.title else key


def _item_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model of a nested value (a hazard's history steps, its supervision), if any."""
    field = model.model_fields.get(key)
    if field is None:
        return None
    annotation = field.annotation
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def diff_fields(
    before: Mapping[str, Any], after: Mapping[str, Any], model: type[Record]
) -> tuple[FieldChange, ...]:
    """Keys whose value differs, in the model's field order; a list that only grew shows what
    was added."""
    order = list(model.model_fields)
    keys = sorted(
        set(before) | set(after), key=lambda k: (order.index(k) if k in order else len(order), k)
    )
    changes = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        nested = _item_model(model, key)
        if isinstance(old, list) and isinstance(new, list) and new[: len(old)] == old:
            changes.append(
                FieldChange(key, _title(model, key), None, text_of(new[len(old) :], nested))
            )
            continue
        changes.append(
            FieldChange(
                key,
                _title(model, key),
                None if old is None else text_of(old, nested),
                None if new is None else text_of(new, nested),
            )
        )
    return tuple(changes)


def record_log(root: Path, path: str, model: type[Record]) -> list[Revision]:
    """Every commit that changed the record's file, oldest first, with what changed."""
    git.require_repository(root)
    commits = _commits(root, path)
    known = path
    paths = []
    for commit in reversed(commits):  # newest first: a rename's older name is met later
        known = commit.path or known
        paths.append(known)
    paths.reverse()
    raw = _versions(root, [f"{c.sha}:{p}" for c, p in zip(commits, paths, strict=True)])
    revisions: list[Revision] = []
    previous: dict[str, Any] | None = None
    for commit, shown, content in zip(commits, paths, raw, strict=True):
        data = _parse(content)
        created = previous is None and content is not None
        deleted = content is None
        changes = diff_fields(previous or {}, data or {}, model) if data is not None else ()
        revisions.append(
            Revision(
                commit=commit.sha[:10],
                when=commit.when,
                office=commit.office,
                author=commit.author,
                message=commit.subject,
                path=shown,
                changes=changes,
                created=created,
                deleted=deleted,
                unreadable=content is not None and data is None,
            )
        )
        if data is not None or deleted:
            previous = data
    return revisions


@dataclass(frozen=True)
class OfficeActivity:
    """An office's latest commit, and whether it changed any record this month."""

    office: str
    last_when: str | None
    last_message: str | None
    updated_this_month: bool
    changes_this_month: int


UNSIGNED = "（未注明办所）"


def office_activity(root: Path, offices: list[str], month: str) -> list[OfficeActivity]:
    """Per office (the listed ones first, then any seen in git): last change and this month's.

    `month` is 2024-11; a commit counts for the month by its author date. Merges made by
    sync are not anyone's change; a commit without the office trailer is shown under its
    author's name with 未注明办所.
    """
    from anquan_cli.model.enums import RecordKind

    git.require_repository(root)
    folders = tuple(f"{kind.value}/" for kind in RecordKind)
    completed = git.run(root, ["log", "--no-merges", "--name-only", _FORMAT])
    last: dict[str, tuple[str, str]] = {}
    counts: dict[str, int] = dict.fromkeys(offices, 0)
    for chunk in completed.stdout.split(_RECORD):
        head, _, names = chunk.partition("\n")
        parts = head.split(_FIELD)
        if len(parts) != 5:
            continue
        _, when, author, office, subject = parts
        who = office.strip() or f"{author}{UNSIGNED}"
        last.setdefault(who, (when, subject))
        counts.setdefault(who, 0)
        touches_records = any(n.startswith(folders) for n in names.splitlines())
        if touches_records and when.startswith(month):
            counts[who] += 1
    order = list(dict.fromkeys(offices)) + sorted(set(counts) - set(offices))
    return [
        OfficeActivity(
            name,
            last.get(name, (None, None))[0],
            last.get(name, (None, None))[1],
            counts[name] > 0,
            counts[name],
        )
        for name in order
    ]
