"""Adding and changing records through the api: thin over store/writer.py, the code the
commands write with, under the same model validation (and, as the rules move into the models'
validators, the same rules)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from anquan_cli.api.handle import OpenLedger
from anquan_cli.errors import UsageError
from anquan_cli.model.enums import RecordKind
from anquan_cli.model.records import MODELS, Hazard, Record
from anquan_cli.store.change import Changed
from anquan_cli.store.writer import Writer


def writer(ledger: OpenLedger, *, office: str | None = None, commit: bool = True) -> Writer:
    """A writer for the ledger on behalf of an office: the one named, else this clone's own
    (`anquan office set`, or $ANQUAN_OFFICE). A district holds no records of its own."""
    from anquan_cli.store.office import Office, current_office, office_code

    if office is not None:
        chosen = Office(office, office_code(ledger.settings, office))
    else:
        found = current_office(ledger.root, ledger.settings)
        if found is None:
            raise UsageError(
                "尚未设置本台账副本所属办所：请运行 anquan office set 办所名称，"
                "或设置环境变量 ANQUAN_OFFICE，或在调用时给出 office"
            )
        chosen = found
    return Writer(ledger.root, ledger.settings, chosen, commit=commit)


def add(
    ledger: OpenLedger,
    kind: RecordKind,
    fields: Mapping[str, Any],
    *,
    day: date,
    message: str | None = None,
    office: str | None = None,
    commit: bool = True,
) -> Record:
    """A new record of that kind under a fresh ID of the office for that day, written and
    committed; its fields are validated by its model first (UsageError naming the field)."""
    return _create(writer(ledger, office=office, commit=commit), kind, fields, day, message)


def _create(
    chosen: Writer, kind: RecordKind, fields: Mapping[str, Any], day: date, message: str | None
) -> Record:
    from anquan_cli.store.validation import construct

    model = MODELS[kind]
    construct(model, {"id": "X", **fields})  # refused before an ID is taken
    return chosen.create(
        kind,
        day,
        lambda new_id: construct(model, {"id": new_id, **fields}),
        message or f"新增{kind.label} {{id}}",
    )


def add_enterprise(
    ledger: OpenLedger,
    *,
    name: str,
    day: date | None = None,
    office: str | None = None,
    commit: bool = True,
    **fields: Any,
) -> Record:
    """A new unit (its ID carries the day it was registered, today by default)."""
    data = {"name": name, **fields}
    day = day or date.today()
    return add(
        ledger, RecordKind.ENTERPRISE, data, day=day, message=f"新增单位 {{id}}：{name}",
        office=office, commit=commit,
    )  # fmt: skip


def add_dated(
    ledger: OpenLedger,
    kind: RecordKind,
    *,
    day: date,
    office: str | None = None,
    commit: bool = True,
    **fields: Any,
) -> Record:
    """A new inspection, penalty, accident or activity dated `day` (its `date` field)."""
    return add(ledger, kind, {"date": day, **fields}, day=day, office=office, commit=commit)


def add_inspection(ledger: OpenLedger, *, day: date, **fields: Any) -> Record:
    return add_dated(ledger, RecordKind.INSPECTION, day=day, **fields)


def add_penalty(ledger: OpenLedger, *, day: date, **fields: Any) -> Record:
    return add_dated(ledger, RecordKind.PENALTY, day=day, **fields)


def add_accident(ledger: OpenLedger, *, day: date, **fields: Any) -> Record:
    return add_dated(ledger, RecordKind.ACCIDENT, day=day, **fields)


def add_activity(ledger: OpenLedger, *, day: date, **fields: Any) -> Record:
    return add_dated(ledger, RecordKind.ACTIVITY, day=day, **fields)


def add_hazard(
    ledger: OpenLedger,
    *,
    enterprise: str,
    description: str,
    found: date,
    office: str | None = None,
    commit: bool = True,
    **fields: Any,
) -> Hazard:
    """A new hazard (整改中), its history begun with 发现 by the office."""
    from anquan_cli.model.lifecycle import found_step

    chosen = writer(ledger, office=office, commit=commit)
    data = {
        "enterprise": enterprise,
        "found": found,
        "description": description,
        **fields,
        "history": [found_step(found, chosen.office.name)],
    }
    record = _create(chosen, RecordKind.HAZARD, data, found, f"新增隐患 {{id}}：{description}")
    assert isinstance(record, Hazard)
    return record


def rectify(
    ledger: OpenLedger,
    hazard_id: str,
    day: date,
    *,
    by: str | None = None,
    note: str | None = None,
    office: str | None = None,
    commit: bool = True,
    using: Writer | None = None,
) -> Hazard:
    """整改完成: the hazard's file gains the step, as `anquan rectify` writes it. `using`: a
    writer the caller has made already (then office and commit are its own)."""
    from anquan_cli.model.lifecycle import rectify as step

    chosen = using or writer(ledger, office=office, commit=commit)
    before = chosen.read(hazard_id.strip().upper(), Hazard)
    after = _stepped(lambda: step(before, day, by, note))
    chosen.update(before, after, f"隐患 {after.id} 已整改")
    return after


def verify(
    ledger: OpenLedger,
    hazard_id: str,
    day: date,
    by: str,
    *,
    passed: bool = True,
    note: str | None = None,
    office: str | None = None,
    commit: bool = True,
    using: Writer | None = None,
) -> Hazard:
    """复查验收: passing closes the hazard out (销号), failing sends it back to 整改中.
    `using`: as for rectify."""
    from anquan_cli.model.lifecycle import verify as step

    chosen = using or writer(ledger, office=office, commit=commit)
    before = chosen.read(hazard_id.strip().upper(), Hazard)
    after = _stepped(lambda: step(before, day, by, passed=passed, note=note))
    message = (
        f"隐患 {after.id} 验收通过，销号" if passed else f"隐患 {after.id} 验收不通过，退回整改"
    )
    chosen.update(before, after, message)
    return after


def change(
    ledger: OpenLedger,
    record_id: str,
    assignments: list[str],
    *,
    today: date | None = None,
    office: str | None = None,
    commit: bool = True,
    using: Writer | None = None,
) -> Changed:
    """`anquan set ID 字段=值 …`: the record's fields changed under the add- commands' rules
    (store/change.py), written keeping comments and committed with a Chinese message; nothing
    is written when nothing changes. `using`: as for rectify."""
    from anquan_cli.store.change import change_record

    chosen = using or writer(ledger, office=office, commit=commit)
    changed = change_record(chosen, record_id, assignments, today or date.today())
    if changed.changes:
        chosen.update(changed.before, changed.after, changed.message)
    return changed


def _stepped(make: Any) -> Hazard:
    from anquan_cli.model.lifecycle import StepRefused

    try:
        result: Hazard = make()
    except StepRefused as refused:
        raise UsageError(str(refused)) from None
    return result


def file_archive(
    ledger: OpenLedger,
    *,
    day: date,
    item: str,
    year: int,
    office: str | None = None,
    village: str | None = None,
    note: str | None = None,
    writing_office: str | None = None,
    commit: bool = True,
) -> Record:
    """安全专卷: record that an office (or a village) filed one item for a year; refused
    (UsageError) for an item not in archive_items, an office or village the ledger does not
    list, or an item that holder already filed that year."""
    return filed_by(
        writer(ledger, office=writing_office, commit=commit),
        day=day,
        item=item,
        year=year,
        office=office,
        village=village,
        note=note,
    )


def filed_by(
    chosen: Writer,
    *,
    day: date,
    item: str,
    year: int,
    office: str | None,
    village: str | None,
    note: str | None = None,
) -> Record:
    """`file_archive` through a writer the caller already has (the command's)."""
    from anquan_cli.model.archive import filing_refusal
    from anquan_cli.model.records import Filing
    from anquan_cli.store.loader import load_entries
    from anquan_cli.store.validation import construct

    fields = {
        "office": office,
        "village": village,
        "item": item,
        "year": year,
        "date": day,
        "note": note,
    }
    candidate = construct(Filing, {"id": "X", **fields})
    entries, _ = load_entries(chosen.root, (RecordKind.FILING,))
    filed = [entry.record for entry in entries if isinstance(entry.record, Filing)]
    why = filing_refusal(candidate, chosen.settings, filed)
    if why is not None:
        raise UsageError(why)
    return chosen.create(
        RecordKind.FILING,
        day,
        lambda new_id: construct(Filing, {"id": new_id, **fields}),
        f"安全专卷归档 {{id}}：{candidate.holder} {year}年度 {item}",
    )
