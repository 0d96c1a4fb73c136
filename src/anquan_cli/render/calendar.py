"""`due --format ics`: the deadlines as a calendar any calendar program opens (RFC 5545).

Written here rather than with a library: a calendar of all-day events is a few dozen lines,
and the rules that matter are few: CRLF line ends, lines folded at 75 octets (never inside a
UTF-8 character), TEXT values escaped, and a UID per record that stays the same from one run
to the next, so importing a newer calendar updates each event instead of adding a second.
The test suite reads the output back with the `icalendar` package.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from anquan_cli.render.due import (
    CYCLE_WORDS,
    PLAN_WORDS,
    entry_title,
    hazard_state,
)
from anquan_cli.render.numbers import cn_date

LINE_OCTETS = 75
PRODUCT = "-//anquan//anquan due//ZH"
DOMAIN = "anquan"


@dataclass(frozen=True)
class Event:
    """One all-day event."""

    uid: str
    day: date
    summary: str
    description: str
    category: str


def calendar(data: Mapping[str, Any]) -> bytes:
    """The calendar of `due --format json`'s data: one event per hazard's deadline, per
    plan's month end, per unit's inspection (its cycle's end, the as-of day if never
    inspected), per unit's month-end self-check and per month's 报送 due date."""
    stamp = date.fromisoformat(data["as_of"])
    name = f"{data['ledger']}安全生产待办"
    return ics(name, events(data), stamp)


def events(data: Mapping[str, Any]) -> list[Event]:
    ledger = data["ledger"]
    as_of = date.fromisoformat(data["as_of"])
    made: dict[str, Event] = {}  # an office's and a village's entries may share an item
    for kind in ("by_office", "by_village"):
        for name, entry in data[kind].items():
            owner = entry_title(kind, name)
            for event in _entry_events(ledger, owner, entry, as_of):
                made.setdefault(event.uid, event)
    return list(made.values())


def _entry_events(
    ledger: str, owner: str, entry: Mapping[str, Any], as_of: date
) -> Iterable[Event]:
    for section in ("overdue", "due_soon", "supervised"):
        for h in entry[section]:
            listed = h["supervision"]
            mark = "【挂牌督办】" if listed else ""
            summary = f"{mark}隐患整改期限：{h['unit']} {h['description']}"
            lines = [
                f"隐患编号：{h['id']}（{h['level']}隐患）",
                f"单位或地点：{h['unit']}，{h['village']}",
                f"整改期限：{cn_date(h['deadline'])}，{hazard_state(h['days_left'])}",
                f"整改责任人：{h['responsible'] or '未填写'}；监管单位：{h['office']}",
            ]
            if listed:
                lines.append(f"挂牌督办：{listed['level']} {listed['doc_no'] or ''}".rstrip())
            yield Event(
                f"{h['id']}.deadline@{DOMAIN}",
                date.fromisoformat(h["deadline"]),
                summary,
                "\n".join([*lines, f"{owner}"]),
                "隐患整改",
            )
    for p in entry["plans_behind"]:
        words = PLAN_WORDS[p["kind"]]
        digest = _digest(ledger, p["kind"], p["name"])
        yield Event(
            f"plan.{p['month']}.{p['kind']}.{digest}@{DOMAIN}",
            date.fromisoformat(p["due"]),
            f"{words['what']}落后：{p['name']}（{p['done']}/{p['planned']}{words['unit']}）",
            f"{p['month']}计划{words['verb']}{p['planned']}{words['unit']}，"
            f"按进度截至{cn_date(as_of)}应完成{p['expected']}{words['unit']}，"
            f"已完成{p['done']}{words['unit']}",
            "计划",
        )
    for u in entry["units_due_inspection"]:
        last = u["last_inspected"]
        day = date.fromisoformat(u["next_due"]) if u["next_due"] else as_of
        since = f"上次检查：{cn_date(last)}" if last else "尚无检查记录"
        stopped = "（停产）" if u["status"] == "停产" else ""
        yield Event(
            f"{u['id']}.inspection@{DOMAIN}",
            day,
            f"到期应检查：{u['name']}{stopped}",
            f"{u['risk_level']}风险，{CYCLE_WORDS.format(months=u['cycle_months'])}；{since}；"
            f"{u['village']}，监管单位：{u['office']}",
            "检查周期",
        )
    for u in entry["units_without_self_check"]:
        yield Event(
            f"{u['id']}.self-check.{u['month']}@{DOMAIN}",
            date.fromisoformat(u["due"]),
            f"企业自查：{u['name']}本月尚未自查",
            f"{u['sector']}，{u['village']}，监管单位：{u['office']}；{u['month']}尚无企业自查记录",
            "企业自查",
        )

    for m in entry["submissions_due"]:
        year, number = m["month"][:4], int(m["month"][5:7])
        yield Event(
            f"submission.{m['month']}.{m['kind']}.{_digest(ledger, m['kind'], m['name'])}@{DOMAIN}",
            date.fromisoformat(m["due"]),
            f"报送台账：{m['name']}{year}年{number}月",
            f"{m['name']}{year}年{number}月的台账应于{cn_date(m['due'])}前报送，"
            f"截至{cn_date(as_of)}尚未报送（{m['mark']}）",
            "报送",
        )


def _digest(*parts: str) -> str:
    """A short stable name for what has no ID of its own (an office's month plan)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def ics(name: str, events: Iterable[Event], stamp: date) -> bytes:
    """A VCALENDAR of all-day events; DTSTAMP is the as-of day (no hidden clock)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(event.summary)}",
            f"DESCRIPTION:{escape(event.description)}",
            f"CATEGORIES:{escape(event.category)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) + b"\r\n" for line in lines)


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line ends written as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> bytes:
    """The line in UTF-8, cut into pieces of at most 75 octets (a continuation line's leading
    space counts), never inside a character, joined by CRLF and a space."""
    data = line.encode("utf-8")
    pieces = []
    start, limit = 0, LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its lead
            end -= 1
        pieces.append(data[start:end])
        start, limit = end, LINE_OCTETS - 1
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)
