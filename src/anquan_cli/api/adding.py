"""Adding records through the api: one function per kind, the code every `add-*` command calls
(the command only asks for what is missing, parses its flags and prints the new ID).

Each record is validated by its model and held to its ledger's rules (model/rules.py: text,
settings lists, dates against `today` when given and against the records it cites) before an
ID is taken; a refusal is one UsageError naming the command's flag (--found, --attr …).
`office` is always the office that records (its code is in the new ID; default this clone's
own); a record's own office field has its own keyword (`supervisor`, `by_office`,
`plan_office`). `using`: a writer the caller has made already (then office and commit are its
own). Record IDs (units, inspections …) may be given in any case; a unit also by its name.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from anquan_cli.api.handle import OpenLedger
from anquan_cli.errors import UsageError
from anquan_cli.model.enums import HazardSource, RecordKind
from anquan_cli.model.records import MODELS, Hazard, Record

if TYPE_CHECKING:
    from anquan_cli.model.records import Inspection, Patrol, SelfCheck
    from anquan_cli.store.units import UnitName
    from anquan_cli.store.writer import Writer

_FLAGS: dict[RecordKind, dict[str, str]] = {
    RecordKind.ENTERPRISE: {"attributes": "--attr"},
    RecordKind.INSPECTION: {"partners": "--with"},
    RecordKind.HAZARD: {
        "supervision.level": "--supervision",
        "supervision.doc_no": "--supervision-doc",
    },
}
"""The flag of a field whose name is not its flag's (`obey` says --field otherwise)."""


def _chosen(ledger: OpenLedger, office: str | None, commit: bool, using: Writer | None) -> Writer:
    from anquan_cli.api.writing import writer

    return using or writer(ledger, office=office, commit=commit)


def _create(
    chosen: Writer,
    kind: RecordKind,
    fields: Mapping[str, Any],
    day: date,
    message: str,
    today: date | None,
) -> Record:
    """The record validated and held to its ledger's rules before an ID is taken, then
    written under a fresh ID of the writer's office for `day`, and committed."""
    from anquan_cli.api.writing import rules_of
    from anquan_cli.store.validation import construct

    model = MODELS[kind]
    rules = rules_of(chosen, today)
    flags = _FLAGS.get(kind)
    construct(model, {"id": "X", **fields}, rules, flags)  # refused before an ID is taken
    return chosen.create(
        kind, day, lambda new_id: construct(model, {"id": new_id, **fields}, rules, flags), message
    )


def add(
    ledger: OpenLedger,
    kind: RecordKind,
    fields: Mapping[str, Any],
    *,
    day: date,
    message: str | None = None,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
) -> Record:
    """A new record of that kind from its fields as they are, under a fresh ID for `day`
    (the kind's own function fills in what its command would: prefer it)."""
    chosen = _chosen(ledger, office, commit, using)
    return _create(chosen, kind, fields, day, message or f"新增{kind.label} {{id}}", today)


def _unit(chosen: Writer, query: str) -> UnitName:
    from anquan_cli.store.units import find_unit

    return find_unit(chosen.root, query)


def _id(text: str | None) -> str | None:
    return text.strip().upper() if text else None


def add_enterprise(
    ledger: OpenLedger,
    *,
    name: str,
    supervisor: str | None = None,
    day: date | None = None,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
    **fields: Any,
) -> Record:
    """A new unit (its ID carries the day it was registered, today by default); `supervisor`
    is its 监管责任单位. A second unit of the same name is refused."""
    from anquan_cli.api.writing import rules_of
    from anquan_cli.model.records import Enterprise
    from anquan_cli.store.units import registered_as
    from anquan_cli.store.validation import construct

    chosen = _chosen(ledger, office, commit, using)
    data = {"name": name, "office": supervisor, **fields}
    construct(Enterprise, {"id": "X", **data}, rules_of(chosen, today), _FLAGS[Enterprise.KIND])
    other = registered_as(chosen.root, name)
    if other is not None:
        raise UsageError(f"单位“{other.name}”已登记，编号 {other.id}")
    day = day or today or date.today()
    return _create(chosen, RecordKind.ENTERPRISE, data, day, f"新增单位 {{id}}：{name}", today)


def add_dated(
    ledger: OpenLedger,
    kind: RecordKind,
    *,
    day: date,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
    **fields: Any,
) -> Record:
    """A new record dated `day` (its `date` field), its fields as they are."""
    chosen = _chosen(ledger, office, commit, using)
    data = {"date": day, **fields}
    return _create(chosen, kind, data, day, f"新增{kind.label} {{id}}", today)


def add_inspection(
    ledger: OpenLedger,
    *,
    enterprise: str,
    day: date,
    by_office: str | None = None,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
    **fields: Any,
) -> Record:
    """A visit to a unit on `day`; `by_office` is the 检查单位 (default the recording office),
    `partners` the other units that came along."""
    chosen = _chosen(ledger, office, commit, using)
    unit = _unit(chosen, enterprise)
    data = {
        "enterprise": unit.id,
        "date": day,
        **fields,
        "office": by_office or chosen.office.name,
    }
    message = f"新增检查 {{id}}：{unit.name} {day}"
    return _create(chosen, RecordKind.INSPECTION, data, day, message, today)


def add_hazard(
    ledger: OpenLedger,
    *,
    description: str,
    enterprise: str | None = None,
    found: date | None = None,
    inspection: str | None = None,
    patrol: str | None = None,
    self_check: str | None = None,
    place: str | None = None,
    village: str | None = None,
    sector: str | None = None,
    source: HazardSource | str | None = None,
    on_the_spot: bool = False,
    supervision: str | None = None,
    supervision_doc: str | None = None,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
    **fields: Any,
) -> Hazard:
    """A new hazard, its history begun with 发现 by the recording office (and 整改 the same day
    if `on_the_spot`). Found by an inspection, a patrol or a unit's self-check (one of them),
    whose date it takes by default (else today) and whose unit (a patrol: its point) it is
    at unless `enterprise` says; or at a `place` of a `village` with no unit."""
    from anquan_cli.model.lifecycle import fixed_on_spot_step, found_step, state_after
    from anquan_cli.model.records import Inspection, Patrol, SelfCheck

    chosen = _chosen(ledger, office, commit, using)
    if sum(x is not None for x in (inspection, patrol, self_check)) > 1:
        raise UsageError("--inspection、--patrol、--self-check 只能给一个：一处隐患出自一次检查")
    visit = chosen.read(_id(inspection) or "", Inspection) if inspection else None
    round_ = chosen.read(_id(patrol) or "", Patrol) if patrol else None
    checked = chosen.read(_id(self_check) or "", SelfCheck) if self_check else None
    cited: Inspection | Patrol | SelfCheck | None = visit or round_ or checked
    origin = _source_of(HazardSource(source) if source else None, round_, checked)
    unit = _hazard_unit(chosen, enterprise, visit, round_, checked, place)
    if unit is not None:
        if village is not None or sector is not None:
            raise UsageError("--village、--sector 只用于无单位的隐患（--place）")
    else:
        village = village or (round_.village if round_ else None)
    day = found or (cited.date if cited else today or date.today())
    if on_the_spot and fields.get("deadline") is not None:
        raise UsageError("--on-the-spot 与 --deadline 只能给一个：当场整改的隐患没有整改期限")
    history = [found_step(day, chosen.office.name)]
    if on_the_spot:
        history.append(fixed_on_spot_step(day, chosen.office.name))
    listed = None
    if supervision is not None or supervision_doc is not None:
        # a document number alone takes the model's default level
        listed = {"level": supervision, "doc_no": supervision_doc}
    data = {
        "enterprise": unit.id if unit else None,
        "village": None if unit else village,
        "place": place,
        "sector": None if unit else sector,
        "office": None if unit else chosen.office.name,
        "found": day,
        "description": description,
        "inspection": visit.id if visit else None,
        "patrol": round_.id if round_ else None,
        "self_check": checked.id if checked else None,
        **fields,
        "supervision": listed,
        "source": origin,
        "on_the_spot": on_the_spot,
        "status": state_after(history[-1].action),
        "history": history,
    }
    message = f"新增隐患 {{id}}：{description}"
    record = _create(chosen, RecordKind.HAZARD, data, day, message, today)
    assert isinstance(record, Hazard)
    return record


def _source_of(
    given: HazardSource | None, patrol: Patrol | None, self_check: SelfCheck | None
) -> HazardSource:
    """The hazard's source: the cited patrol's or self-check's, else the one given, else 检查."""
    cited = HazardSource.PATROL if patrol else HazardSource.SELF_CHECK if self_check else None
    if cited is not None and given is not None and given is not cited:
        flag = "--patrol" if patrol else "--self-check"
        raise UsageError(f"{flag} 的隐患来源是{cited}，与 --source {given} 不符")
    return cited or given or HazardSource.INSPECTION


def _hazard_unit(
    chosen: Writer,
    query: str | None,
    visit: Inspection | None,
    patrol: Patrol | None,
    self_check: SelfCheck | None,
    place: str | None,
) -> UnitName | None:
    """The unit a new hazard is at: the one given, else the cited inspection's or
    self-check's, else the patrol's point; None for a hazard at a place."""
    if query:
        return _unit(chosen, query)
    for related in (visit, self_check):
        if related is not None:
            return _unit(chosen, related.enterprise)
    if place:
        return None
    if patrol is not None and patrol.point:
        return _unit(chosen, patrol.point)
    if patrol is not None:
        raise UsageError(f"巡查 {patrol.id} 没有点位单位：请给 --enterprise，或用 --place 写明地点")
    raise UsageError("缺少必填选项 --enterprise（无单位的隐患请用 --place 写明地点）")


def hazard_needs_unit(
    enterprise: str | None,
    inspection: str | None,
    patrol: str | None,
    self_check: str | None,
    place: str | None,
) -> bool:
    """Whether a new hazard's unit must be asked for: nothing given says where it is."""
    return not (enterprise or inspection or patrol or self_check or place)


def hazard_data(
    chosen: Writer, enterprise: str, description: str, found: date, fields: Mapping[str, Any]
) -> dict[str, Any]:
    """A new hazard's fields when another record's making brings it (a failed checklist item):
    its history begun with 发现 by the writing office."""
    from anquan_cli.model.lifecycle import found_step

    return {
        "enterprise": enterprise,
        "found": found,
        "description": description,
        **fields,
        "history": [found_step(found, chosen.office.name)],
    }


def add_penalty(
    ledger: OpenLedger,
    *,
    day: date,
    fine: Decimal | str | int,
    enterprise: str | None = None,
    person: str | None = None,
    domain: str | None = None,
    village: str | None = None,
    inspection: str | None = None,
    hazard: str | None = None,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
    **fields: Any,
) -> Record:
    """A penalty on a unit, or on a `person` (then with the case's own `domain` and
    `village`), dated `day`."""
    chosen = _chosen(ledger, office, commit, using)
    if person is not None and enterprise is not None:
        raise UsageError("--enterprise 与 --person 只能给一个")
    if person is None and (domain is not None or village is not None):
        raise UsageError(
            "--domain、--village 只用于处罚个人（--person）；单位按其行业领域和村(社区)计"
        )
    if person is None and enterprise is None:
        raise UsageError("缺少必填选项 --enterprise（处罚个人时用 --person）")
    from anquan_cli.model.records import Inspection

    unit = _unit(chosen, enterprise) if enterprise is not None else None
    # what it cites must be there, and of its kind (check's `references`)
    visit = chosen.read(_id(inspection) or "", Inspection) if inspection else None
    case = chosen.read(_id(hazard) or "", Hazard) if hazard else None
    data = {
        "enterprise": unit.id if unit else None,
        "person": person,
        "domain": domain,
        "village": village,
        "date": day,
        "fine": fine,
        "inspection": visit.id if visit else None,
        "hazard": case.id if case else None,
        **fields,
    }
    party = unit.name if unit else person
    message = f"新增行政处罚 {{id}}：{party} 罚款{fine}元"
    return _create(chosen, RecordKind.PENALTY, data, day, message, today)


def add_accident(
    ledger: OpenLedger,
    *,
    day: date,
    domain: str,
    enterprise: str | None = None,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
    **fields: Any,
) -> Record:
    """An accident of a 行业领域 on `day`, at a unit or a `place`."""
    chosen = _chosen(ledger, office, commit, using)
    unit = _unit(chosen, enterprise) if enterprise else None
    data = {"date": day, "domain": domain, "enterprise": unit.id if unit else None, **fields}
    message = f"新增事故 {{id}}：{domain} {day}"
    return _create(chosen, RecordKind.ACCIDENT, data, day, message, today)


def add_activity(
    ledger: OpenLedger,
    *,
    day: date,
    kind: str,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
    **fields: Any,
) -> Record:
    """An activity of the recording office (a meeting, 宣传 with a quantity and its measure
    word …) on `day`."""
    chosen = _chosen(ledger, office, commit, using)
    data = {"date": day, "kind": kind, **fields, "office": chosen.office.name}
    quantity, measure = fields.get("quantity"), fields.get("measure")
    what = fields.get("what")
    amount = f" {what or kind}{quantity}{measure}" if quantity is not None else ""
    who = fields.get("leader") or chosen.office.name
    message = f"新增工作活动 {{id}}：{who} {kind}{amount}"
    return _create(chosen, RecordKind.ACTIVITY, data, day, message, today)


def plan_month(text: str) -> tuple[str, date]:
    """A plan's month as 2024-11, and its first day (which dates the plan's ID); its year is
    the record's rules' to hold to 2000–2099."""
    from anquan_cli.model.dates import parse_month

    try:
        which = parse_month(text)
        return which, date(int(which[:4]), int(which[5:]), 1)
    except ValueError as error:
        raise UsageError(f"--month：{error}") from None


def add_plan(
    ledger: OpenLedger,
    *,
    month: str,
    plan_office: str | None = None,
    inspections: int | None = None,
    sector: str | None = None,
    village: str | None = None,
    patrols: int | None = None,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
) -> Record:
    """A month's plan: `plan_office`'s inspections (家次, of a sector or all), or a
    `village`'s patrols."""
    chosen = _chosen(ledger, office, commit, using)
    which, first_day = plan_month(month)
    if village is not None or patrols is not None:
        if plan_office is not None or inspections is not None or sector is not None:
            raise UsageError(
                "巡查计划（--village、--patrols）与检查计划（--office、--inspections、--sector）"
                "应分别登记"
            )
        if village is None or patrols is None:
            raise UsageError("巡查计划须同时给 --village 和 --patrols")
        data: dict[str, Any] = {"village": village, "month": which, "patrols": patrols}
        message = f"新增巡查计划 {{id}}：{village} {which} {patrols}次"
    else:
        if plan_office is None:
            raise UsageError("缺少必填选项 --office")
        if inspections is None:
            raise UsageError("缺少必填选项 --inspections")
        data = {"office": plan_office, "month": which, "inspections": inspections}
        data["sector"] = sector
        message = f"新增检查计划 {{id}}：{plan_office} {which} {inspections}家次"
    return _create(chosen, RecordKind.PLAN, data, first_day, message, today)


def add_patrol(
    ledger: OpenLedger,
    *,
    day: date,
    village: str,
    by: str | list[str],
    kind: str | None = None,
    point: str | None = None,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
    **fields: Any,
) -> Record:
    """A patrol of a village (走山走水、守卡守点 …) on `day`, by its people, at a `point` (a
    unit: a landslide spot, a pond …) or none; its kind defaults to the ledger's first."""
    chosen = _chosen(ledger, office, commit, using)
    chosen_kind = kind.strip() if kind else chosen.settings.patrol_kinds[0]
    unit = _unit(chosen, point) if point else None
    data = {
        "date": day,
        "village": village,
        "point": unit.id if unit else None,
        "kind": chosen_kind,
        "by": by,
        **fields,
        "office": chosen.office.name,
    }
    message = f"新增巡查 {{id}}：{village} {chosen_kind} {day}"
    return _create(chosen, RecordKind.PATROL, data, day, message, today)


def add_self_check(
    ledger: OpenLedger,
    *,
    enterprise: str,
    day: date,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
    **fields: Any,
) -> Record:
    """A unit's own inspection (班组/部门/厂长 `level`) on `day`, recorded by the office."""
    chosen = _chosen(ledger, office, commit, using)
    unit = _unit(chosen, enterprise)
    data = {"enterprise": unit.id, "date": day, **fields, "office": chosen.office.name}
    message = f"新增企业自查 {{id}}：{unit.name} {day}"
    return _create(chosen, RecordKind.SELF_CHECK, data, day, message, today)


def submit(
    ledger: OpenLedger,
    *,
    month: str,
    day: date,
    submitter_office: str | None = None,
    village: str | None = None,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
) -> Record:
    """报送: that `submitter_office` or `village` handed in its month's 台账 on `day`, recorded
    by `office` (the one handed to, as a rule). Refused as every record is (model/rules.py:
    lists, a day before the month began or after today, the office handed to handing in) and
    as a party's second submission of that month."""
    from anquan_cli.model.records import Submission
    from anquan_cli.model.reporting import second_submission
    from anquan_cli.store.loader import load_entries

    chosen = _chosen(ledger, office, commit, using)
    which, _ = plan_month(month)
    if (submitter_office is None) == (village is None):
        raise UsageError("请用 --office 或 --village 写明报送的办所或村(社区)（只写一个）")
    data: dict[str, Any] = {
        "month": which,
        "office": submitter_office,
        "village": village,
        "date": day,
    }
    draft = Submission.model_validate({"id": "X", **{k: v for k, v in data.items() if v}})
    entries, _ = load_entries(chosen.root, (RecordKind.SUBMISSION,))
    others = [e.record for e in entries if isinstance(e.record, Submission)]
    refused = second_submission(draft, others)
    if refused is not None:
        raise UsageError(refused)
    message = f"新增报送 {{id}}：{draft.party} {which}台账 {day}"
    return _create(chosen, RecordKind.SUBMISSION, data, day, message, today)
