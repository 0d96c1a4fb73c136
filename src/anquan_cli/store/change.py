"""`set ID 字段=值 …`: change a record's fields under the rules its add- command applies.

Fields are named by their code name (status) or their Chinese title (状态); an attribute of a
unit as attributes.燃气报警装置 or 属性.燃气报警装置. An empty value clears an optional field.
The new record is validated as a whole (the model's rules), then against the ledger's lists,
the dates of things done, and the records it refers to; any refusal leaves the file as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from anquan_cli.errors import UsageError
from anquan_cli.model.dates import parse_date
from anquan_cli.model.ids import kind_of_id, normalize_id
from anquan_cli.model.records import (
    MODELS,
    Enterprise,
    Hazard,
    Inspection,
    Patrol,
    Record,
    SelfCheck,
)
from anquan_cli.model.rules import CITED_FIELDS, CITERS, Context, refusals
from anquan_cli.store.citing import citing
from anquan_cli.store.validation import construct, suggest, title_of
from anquan_cli.store.writer import Writer, record_data

ATTRIBUTES = "attributes"
_ATTRIBUTE_PREFIXES = (f"{ATTRIBUTES}.", "属性.")

_FIXED: dict[str, str] = {"id": "编号不能修改"}
_BY_STEPS = "隐患的状态和历程由 rectify、verify 登记，不能用 set 修改"
_CITES: dict[str, type[Record]] = {
    "enterprise": Enterprise,
    "point": Enterprise,
    "inspection": Inspection,
    "hazard": Hazard,
    "patrol": Patrol,
    "self_check": SelfCheck,
}
"""Fields that cite another record by its ID, and the kind of record each cites."""


@dataclass(frozen=True)
class Change:
    """One field changed: its title and its text before and after."""

    key: str
    title: str
    before: str
    after: str


@dataclass(frozen=True)
class Changed:
    before: Record
    after: Record
    changes: list[Change]

    @property
    def message(self) -> str:
        """The commit message, in Chinese: 修改企业 DX-E-…：状态 在营→停产."""
        parts = "，".join(
            f"{c.title} {c.before or '（空）'}→{c.after or '（空）'}" for c in self.changes
        )
        return f"修改{self.after.KIND.label} {self.after.id}：{parts}"


def parse_assignments(texts: list[str]) -> list[tuple[str, str]]:
    """字段=值 pairs as given; a pair without = or a field given twice is refused."""
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for text in texts:
        key, sep, value = text.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"{text} 应写成 字段=值（如 状态=停产；值留空则清除该字段）")
        if key in seen:
            raise UsageError(f"字段 {key} 给了两次")
        seen.add(key)
        pairs.append((key, value.strip()))
    if not pairs:
        raise UsageError("请给出要修改的 字段=值，如 anquan set DX-E-2611-YJB01 状态=停产")
    return pairs


def field_name(model: type[Record], key: str) -> str:
    """The field a key names, by code name or Chinese title; else a usage error naming the
    nearest field."""
    if key in model.model_fields:
        return key
    for name, field in model.model_fields.items():
        if field.title == key:
            return name
    guess = suggest(model, key)
    hint = f"，是否为 {guess}（{title_of(model, guess)}）？" if guess else ""
    label = model.KIND.label
    raise UsageError(f"{key} 不是{label}的字段{hint}")


def change_record(writer: Writer, record_id: str, texts: list[str], today: date) -> Changed:
    """The record with its fields changed and checked (not yet written)."""
    wanted = normalize_id(record_id)
    kind = kind_of_id(wanted)
    if kind is None:
        raise UsageError(f"找不到编号为 {record_id} 的记录")
    model = MODELS[kind]
    before = writer.read_alone(wanted, model)
    data = before.model_dump(mode="python")
    given: set[str] = set()
    for key, value in parse_assignments(texts):
        _assign(model, data, key, value, given)
    _fill(before, data, given, today)
    for name in given:
        _check_value(writer, before, data, name)
    data = {k: v for k, v in data.items() if v is not None}
    after = construct(model, data)
    rules = Context(writer.settings, today, _cited(writer, after, given))
    # the ledger's rules (model/rules.py), as add-*, the import and check hold them; a problem
    # the record had before the change is not the change's, and check names it already
    had = set(refusals(before, rules))
    new = [(loc, why) for loc, why in refusals(after, rules) if (loc, why) not in had]
    if new:
        raise UsageError("；".join(f"{title_of(model, str(loc[0]))}：{why}" for loc, why in new))
    if given & CITED_FIELDS:
        broken = _broken_citers(writer, before, after, today)
        if broken:
            raise UsageError("；".join(broken))
    return Changed(before, after, _changes(model, before, after))


def _broken_citers(writer: Writer, before: Record, after: Record, today: date) -> list[str]:
    """What the change would break in the records citing this one (a hazard found before its
    inspection's new date, a penalty dated before its hazard's new 发现日期, either of
    another unit than the one it cites): the rules check holds them to, each reason after
    the record it is of. A problem such a record had before the change is not the change's."""
    citers = CITERS.get(type(after), ())
    if not citers:
        return []

    def as_cited(record: Record) -> Context:
        return Context(writer.settings, today, lambda i: record if i == record.id else None)

    was, now = as_cited(before), as_cited(after)
    broken = []
    for citer in citing(writer.root, after.id, citers):
        had = set(refusals(citer, was))
        for loc, why in refusals(citer, now):
            if (loc, why) not in had:
                broken.append(f"引用本记录的{citer.KIND.label} {citer.id}：{why}")
    return broken


def _assign(
    model: type[Record], data: dict[str, Any], key: str, value: str, given: set[str]
) -> None:
    for prefix in _ATTRIBUTE_PREFIXES:
        if key.startswith(prefix) and ATTRIBUTES in model.model_fields:
            attribute = key[len(prefix) :].strip()
            if not attribute:
                raise UsageError(f"{key}：请写出属性名，如 属性.燃气报警装置=已安装")
            attributes = dict(data.get(ATTRIBUTES) or {})
            if value:
                attributes[attribute] = value
            else:
                attributes.pop(attribute, None)
            data[ATTRIBUTES] = attributes
            given.add(ATTRIBUTES)
            return
    name = field_name(model, key)
    if name in _FIXED:
        raise UsageError(_FIXED[name])
    if model is Hazard and name in ("status", "history"):
        raise UsageError(_BY_STEPS)
    if name == ATTRIBUTES:
        raise UsageError(f"{key}：属性请逐项写成 属性.名称=值")
    data[name] = value if value else None
    given.add(name)


def _fill(before: Record, data: dict[str, Any], given: set[str], today: date) -> None:
    """What follows from a change: a unit's changed status is dated today unless a date is given;
    a hazard's 发现 step moves with its 发现日期."""
    if (
        isinstance(before, Enterprise)
        and "status" in given
        and "status_date" not in given
        and data.get("status") != before.status
    ):
        data["status_date"] = today
        given.add("status_date")
    if isinstance(before, Hazard) and "found" in given and data.get("found"):
        found = _date(data["found"], "found", Hazard)
        history = [step.model_dump(mode="python") for step in before.history]
        if history:  # a later step dated before it is the rules' (日期顺序颠倒)
            history[0]["date"] = found
        data["history"] = history


def _date(value: Any, name: str, model: type[Record]) -> date:
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except ValueError as error:
        raise UsageError(f"{title_of(model, name)}：{error}") from None


def _check_value(writer: Writer, before: Record, data: dict[str, Any], name: str) -> None:
    """What a value given by name or query is taken as: a unit by its name, an ID as written
    by the add- commands; a unit's new name not another unit's."""
    value = data.get(name)
    if value is None:
        return
    if name == "enterprise":
        from anquan_cli.store.units import find_unit

        data[name] = find_unit(writer.root, str(value)).id
    elif name in _CITES:
        data[name] = normalize_id(str(value))
    elif name == "name" and isinstance(before, Enterprise):
        _unique_name(writer, before, str(value))


def _unique_name(writer: Writer, unit: Enterprise, name: str) -> None:
    from anquan_cli.store.units import registered_as

    other = registered_as(writer.root, name, but=unit.id)
    if other is not None:
        raise UsageError(f"单位“{other.name}”已登记，编号 {other.id}")


def _cited(writer: Writer, record: Record, given: set[str]) -> Callable[[str], Record | None]:
    """The records the changed record cites, read by ID; one the change names must be there
    and of the kind its field cites (check's `references` would refuse it otherwise)."""
    from anquan_cli.errors import AnquanError

    found: dict[str, Record] = {}
    for name, model in _CITES.items():
        target = getattr(record, name, None)
        if not isinstance(target, str):
            continue
        try:
            found[target] = writer.read(target, model)
        except AnquanError:
            if name in given:
                raise
    return found.get


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{k}：{_text(v)}" for k, v in value.items())
    return str(getattr(value, "value", value))


def _changes(model: type[Record], before: Record, after: Record) -> list[Change]:
    old, new = record_data(before), record_data(after)
    changes = []
    for key in dict.fromkeys([*old, *new]):
        if key == "history" or old.get(key) == new.get(key):
            continue
        changes.append(Change(key, title_of(model, key), _text(old.get(key)), _text(new.get(key))))
    return changes
