"""Commands that add records and move a hazard through its life."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from anquan_cli.cli.console import note, result
from anquan_cli.cli.context import writer_for
from anquan_cli.cli.options import LedgerOption, NoCommitOption, to_date, to_money
from anquan_cli.cli.prompts import ask_text, require
from anquan_cli.errors import UsageError
from anquan_cli.model.dates import check_year, parse_month
from anquan_cli.model.enums import HazardSource, Level, RecordKind

if TYPE_CHECKING:
    # Models and the store are imported inside each command, so `--help` starts fast.
    from anquan_cli.model.records import Hazard, Inspection, Patrol, SelfCheck
    from anquan_cli.model.settings import Settings
    from anquan_cli.store.units import UnitName
    from anquan_cli.store.writer import Writer


def _units(writer: Writer) -> list[UnitName]:
    from anquan_cli.store.units import unit_names

    return unit_names(writer.root)


def _unit(writer: Writer, query: str | None) -> UnitName:
    """Resolve --enterprise, asking with name/pinyin completion on a terminal."""
    from anquan_cli.store.lookup import completions
    from anquan_cli.store.units import find_unit

    if query is None:
        from anquan_cli.cli.console import stdin_is_terminal

        if not stdin_is_terminal():
            raise UsageError("缺少必填选项 --enterprise")
        query = ask_text(
            "单位（名称、编号或拼音首字母）",
            hints=completions(_units(writer)),
            check=lambda text: find_unit(writer.root, text),
        )
    return find_unit(writer.root, query)


def _listed(value: str | None, allowed: tuple[str, ...] | None, what: str, flag: str) -> None:
    if value is not None and allowed is not None and value not in allowed:
        raise UsageError(f"{flag}：{what}“{value}”不在台账设置的列表中，可选：{'、'.join(allowed)}")


def _check_lists(
    settings: Settings,
    *,
    sector: str | None = None,
    village: str | None = None,
    office: str | None = None,
    leader: str | None = None,
) -> None:
    _listed(sector, tuple(s.name for s in settings.sectors), "行业领域", "--sector")
    _listed(village, settings.villages, "村(社区)", "--village")
    offices = tuple(o.name for o in settings.offices) if settings.offices else None
    _listed(office, offices, "办所", "--office")
    _listed(leader, settings.leaders, "领导", "--leader")


def _past(day: date, flag: str, today: date) -> date:
    """The date of something done: by today, in a year a record's ID can carry."""
    from anquan_cli.model.dates import check_past

    try:
        return check_past(day, today)
    except ValueError as error:
        raise UsageError(f"{flag}：{error}") from None


def _required_date(value: str | None, flag: str, question: str, today: date) -> date:
    """A required date of something done (asked for on a terminal), checked as _past."""
    from anquan_cli.model.dates import check_past, parse_date

    text = require(value, flag, question, check=lambda given: check_past(parse_date(given), today))
    parsed = to_date(text, flag)
    assert parsed is not None
    return _past(parsed, flag, today)


def add_enterprise(
    name: Annotated[str | None, typer.Option("--name", help="单位名称")] = None,
    credit_code: Annotated[
        str | None, typer.Option("--credit-code", help="统一社会信用代码（18位）")
    ] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="行业领域")] = None,
    subtype: Annotated[
        str | None, typer.Option("--subtype", help="类别，如 九小场所 的 小餐馆")
    ] = None,
    village: Annotated[str | None, typer.Option("--village", help="所属村(社区)")] = None,
    address: Annotated[str | None, typer.Option("--address", help="地址")] = None,
    principal: Annotated[str | None, typer.Option("--principal", help="主要负责人")] = None,
    legal_rep: Annotated[
        str | None, typer.Option("--legal-rep", help="法定代表人（执法文书上写明）")
    ] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="联系电话")] = None,
    risk_level: Annotated[
        str | None, typer.Option("--risk-level", help="风险等级：重大/较大/一般/低")
    ] = None,
    office: Annotated[str | None, typer.Option("--office", help="监管责任单位（办所）")] = None,
    short_name: Annotated[str | None, typer.Option("--short-name", help="简称")] = None,
    attribute: Annotated[
        list[str] | None,
        typer.Option(
            "--attr", metavar="<键=值>", help="属性 键=值，可重复，如 燃气报警装置=已安装"
        ),
    ] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记生产经营单位（企业、场所、自建房等），输出新编号。"""
    from anquan_cli.model.records import Enterprise
    from anquan_cli.store.lookup import fold_name
    from anquan_cli.store.validation import construct

    writer = writer_for(ledger, no_commit)
    name = require(name, "--name", "单位名称")
    _check_lists(writer.settings, sector=sector, village=village, office=office)
    attributes = _attributes(attribute or [])
    fields = {
        "name": name,
        "short_name": short_name,
        "credit_code": credit_code,
        "sector": sector,
        "subtype": subtype,
        "village": village,
        "address": address,
        "principal": principal,
        "legal_rep": legal_rep,
        "phone": phone,
        "risk_level": risk_level,
        "office": office,
        "attributes": attributes,
    }
    construct(Enterprise, {"id": "X", **fields})
    existing = [u for u in _units(writer) if fold_name(u.name) == fold_name(name)]
    if existing:
        raise UsageError(f"单位“{existing[0].name}”已登记，编号 {existing[0].id}")
    record = writer.create(
        RecordKind.ENTERPRISE,
        date.today(),
        lambda new_id: construct(Enterprise, {"id": new_id, **fields}),
        f"新增单位 {{id}}：{name}",
    )
    result(record.id)


def _attributes(texts: list[str]) -> dict[str, str]:
    """--attr 键=值, repeated; a key given twice is refused rather than one value dropped."""
    attributes: dict[str, str] = {}
    for text in texts:
        key, sep, value = text.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--attr：{text} 应写成 键=值")
        if key in attributes:
            raise UsageError(f"--attr：属性“{key}”给了两次（{attributes[key]}、{value.strip()}）")
        attributes[key] = value.strip()
    return attributes


def add_inspection(
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", "-e", help="单位：编号、名称或拼音首字母")
    ] = None,
    on: Annotated[str | None, typer.Option("--date", metavar="<日期>", help="检查日期")] = None,
    type_: Annotated[str, typer.Option("--type", help="检查类型")] = "日常检查",
    campaign: Annotated[str | None, typer.Option("--campaign", help="专项行动")] = None,
    leader: Annotated[str | None, typer.Option("--leader", help="带队领导")] = None,
    inspectors: Annotated[
        str | None,
        typer.Option("--inspectors", help="检查人员，用逗号、顿号、分号、斜杠或空格分隔"),
    ] = None,
    office: Annotated[
        str | None,
        typer.Option("--office", help="检查单位，如 区应急局（默认：本副本的办所）"),
    ] = None,
    partners: Annotated[
        str | None,
        typer.Option("--with", help="联合检查的其他单位，如 规划所,派出所"),
    ] = None,
    doc_no: Annotated[str | None, typer.Option("--doc-no", help="文书编号")] = None,
    note_: Annotated[str | None, typer.Option("--note", help="备注")] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记一次检查（可写检查单位和联合检查单位），输出新编号。"""
    from anquan_cli.model.records import Inspection
    from anquan_cli.store.validation import construct

    writer = writer_for(ledger, no_commit)
    unit = _unit(writer, enterprise)
    day = _required_date(on, "--date", "检查日期", date.today())
    _check_lists(writer.settings, leader=leader)
    fields = {
        "enterprise": unit.id,
        "date": day,
        "type": type_,
        "campaign": campaign,
        "leader": leader,
        "inspectors": inspectors,
        "office": office or writer.office.name,
        "partners": partners,
        "doc_no": doc_no,
        "note": note_,
    }
    record = writer.create(
        RecordKind.INSPECTION,
        day,
        lambda new_id: construct(Inspection, {"id": new_id, **fields}),
        f"新增检查 {{id}}：{unit.name} {day}",
    )
    result(record.id)


def add_hazard(
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", "-e", help="单位：编号、名称或拼音首字母")
    ] = None,
    description: Annotated[str | None, typer.Option("--description", "-d", help="隐患描述")] = None,
    found: Annotated[
        str | None,
        typer.Option("--found", metavar="<日期>", help="发现日期（默认：检查日期或今天）"),
    ] = None,
    inspection: Annotated[str | None, typer.Option("--inspection", help="所属检查编号")] = None,
    level: Annotated[Level, typer.Option("--level", help="隐患等级")] = Level.GENERAL,
    category: Annotated[str | None, typer.Option("--category", help="隐患类别")] = None,
    measures: Annotated[str | None, typer.Option("--measures", help="整改措施")] = None,
    responsible: Annotated[str | None, typer.Option("--responsible", help="整改责任人")] = None,
    deadline: Annotated[
        str | None, typer.Option("--deadline", metavar="<日期>", help="整改期限")
    ] = None,
    funds: Annotated[str | None, typer.Option("--funds", help="整改资金（元）")] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="应急预案")] = None,
    campaign: Annotated[str | None, typer.Option("--campaign", help="专项行动")] = None,
    supervision: Annotated[
        str | None,
        typer.Option("--supervision", help="挂牌督办级别，如 区级（只给文号时为 挂牌督办）"),
    ] = None,
    supervision_doc: Annotated[
        str | None, typer.Option("--supervision-doc", help="挂牌督办文号")
    ] = None,
    source: Annotated[
        HazardSource | None,
        typer.Option("--source", help="隐患来源：检查（默认）/巡查/企业自查/举报/交办"),
    ] = None,
    on_the_spot: Annotated[
        bool, typer.Option("--on-the-spot", help="当场整改：发现当日即已整改（不设整改期限）")
    ] = False,
    patrol: Annotated[
        str | None, typer.Option("--patrol", help="发现隐患的巡查编号（来源：巡查）")
    ] = None,
    self_check: Annotated[
        str | None, typer.Option("--self-check", help="发现隐患的企业自查编号（来源：企业自查）")
    ] = None,
    village: Annotated[
        str | None, typer.Option("--village", help="村(社区)（无单位的隐患，与 --place 同用）")
    ] = None,
    place: Annotated[
        str | None,
        typer.Option("--place", help="地点：无单位的隐患（如 滑坡点、河堤、路段）"),
    ] = None,
    sector: Annotated[
        str | None, typer.Option("--sector", help="行业领域（无单位的隐患，如 地质灾害）")
    ] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记隐患（状态：整改中），输出新编号。"""
    from anquan_cli.model.lifecycle import fixed_on_spot_step, found_step, state_after
    from anquan_cli.model.records import Hazard, Inspection, Patrol, SelfCheck
    from anquan_cli.store.validation import construct

    writer = writer_for(ledger, no_commit)
    if sum(x is not None for x in (inspection, patrol, self_check)) > 1:
        raise UsageError("--inspection、--patrol、--self-check 只能给一个：一处隐患出自一次检查")
    visit = writer.read(inspection.strip().upper(), Inspection) if inspection else None
    round_ = writer.read(patrol.strip().upper(), Patrol) if patrol else None
    checked = writer.read(self_check.strip().upper(), SelfCheck) if self_check else None
    cited: Inspection | Patrol | SelfCheck | None = visit or round_ or checked
    origin = _source_of(source, round_, checked)
    unit = _hazard_unit(writer, enterprise, visit, round_, checked, place)
    if unit is not None:
        if village is not None or sector is not None:
            raise UsageError("--village、--sector 只用于无单位的隐患（--place）")
        for related in (visit, checked):
            if related is not None:
                _same_unit(related, unit)
    else:
        village = village or (round_.village if round_ else None)
        _check_lists(writer.settings, village=village, sector=sector)
    text = require(description, "--description", "隐患描述")
    today = date.today()
    given = to_date(found, "--found")
    day = _past(given, "--found", today) if given else (cited.date if cited else today)
    if cited is not None and day < cited.date:
        raise UsageError(
            f"--found：发现日期 {day} 早于所引{cited.KIND.label} {cited.id} 的日期 {cited.date}"
        )
    until = to_date(deadline, "--deadline")
    if until is not None:
        _deadline_after(until, day)
    if on_the_spot and until is not None:
        raise UsageError("--on-the-spot 与 --deadline 只能给一个：当场整改的隐患没有整改期限")
    history = [found_step(day, writer.office.name)]
    if on_the_spot:
        history.append(fixed_on_spot_step(day, writer.office.name))
    fields = {
        "enterprise": unit.id if unit else None,
        "village": None if unit else village,
        "place": place,
        "sector": None if unit else sector,
        "office": None if unit else writer.office.name,
        "found": day,
        "description": text,
        "level": level,
        "category": category,
        "inspection": visit.id if visit else None,
        "patrol": round_.id if round_ else None,
        "self_check": checked.id if checked else None,
        "campaign": campaign,
        "measures": measures,
        "responsible": responsible,
        "deadline": until,
        "funds": to_money(funds, "--funds"),
        "plan": plan,
        "supervision": _supervision(supervision, supervision_doc),
        "source": origin,
        "on_the_spot": on_the_spot,
        "status": state_after(history[-1].action),
        "history": history,
    }
    record = writer.create(
        RecordKind.HAZARD,
        day,
        lambda new_id: construct(Hazard, {"id": new_id, **fields}),
        f"新增隐患 {{id}}：{text}",
    )
    missing = record.missing_assurances()
    if missing:
        note(f"提示：重大隐患“五落实”尚缺 {'、'.join(missing)}")
    result(record.id)


def _source_of(
    given: HazardSource | None, patrol: Patrol | None, self_check: SelfCheck | None
) -> HazardSource:
    """The hazard's source: the cited patrol's or self-check's, else --source, else 检查."""
    cited = HazardSource.PATROL if patrol else HazardSource.SELF_CHECK if self_check else None
    if cited is not None and given is not None and given is not cited:
        flag = "--patrol" if patrol else "--self-check"
        raise UsageError(f"{flag} 的隐患来源是{cited}，与 --source {given} 不符")
    return cited or given or HazardSource.INSPECTION


def _hazard_unit(
    writer: Writer,
    query: str | None,
    visit: Inspection | None,
    patrol: Patrol | None,
    self_check: SelfCheck | None,
    place: str | None,
) -> UnitName | None:
    """The unit a new hazard is at: --enterprise, else the cited inspection's or
    self-check's, else the patrol's point; None for a hazard at a place (--place)."""
    if query:
        return _unit(writer, query)
    for related in (visit, self_check):
        if related is not None:
            return _unit(writer, related.enterprise)
    if place:
        return None
    if patrol is not None and patrol.point:
        return _unit(writer, patrol.point)
    if patrol is not None:
        raise UsageError(f"巡查 {patrol.id} 没有点位单位：请给 --enterprise，或用 --place 写明地点")
    return _unit(writer, None)


def _deadline_after(until: date, found: date) -> None:
    """A deadline may lie ahead, but not before the hazard was found nor past 2099 (a typo
    such as 2204 would keep the hazard from ever being overdue)."""
    if until < found:
        raise UsageError(f"--deadline：整改期限 {until} 早于发现日期 {found}")
    try:
        check_year(until)
    except ValueError as error:
        raise UsageError(f"--deadline：{error}") from None


def _supervision(level: str | None, doc_no: str | None) -> dict[str, str | None] | None:
    """挂牌督办 from --supervision/--supervision-doc; a document number alone implies the
    default level, as the import reads a 督办文号 column without a 督办级别 one."""
    from anquan_cli.model.records import DEFAULT_SUPERVISION_LEVEL

    if level is None and doc_no is None:
        return None
    return {"level": level or DEFAULT_SUPERVISION_LEVEL, "doc_no": doc_no}


def rectify_command(
    hazard_id: Annotated[str, typer.Argument(metavar="编号", help="隐患编号")],
    on: Annotated[str | None, typer.Option("--date", metavar="<日期>", help="整改完成日期")] = None,
    by: Annotated[str | None, typer.Option("--by", help="经办人")] = None,
    note_: Annotated[str | None, typer.Option("--note", help="整改情况说明")] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记隐患已整改，输出新状态。"""
    from anquan_cli import api
    from anquan_cli.model.records import Hazard

    writer = writer_for(ledger, no_commit)
    writer.read(hazard_id.strip().upper(), Hazard)  # an unknown ID before the date is asked
    day = _required_date(on, "--date", "整改完成日期", date.today())
    book = api.open_ledger(writer.root)
    after = api.rectify(book, hazard_id, day, by=by, note=note_, using=writer)
    result(after.status.value)


def verify_command(
    hazard_id: Annotated[str, typer.Argument(metavar="编号", help="隐患编号")],
    on: Annotated[str | None, typer.Option("--date", metavar="<日期>", help="验收日期")] = None,
    by: Annotated[str | None, typer.Option("--by", help="验收人")] = None,
    failed: Annotated[bool, typer.Option("--fail", help="验收不通过，退回整改")] = False,
    note_: Annotated[str | None, typer.Option("--note", help="验收意见")] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """复查验收：通过即销号，--fail 退回整改中。输出新状态。"""
    from anquan_cli import api
    from anquan_cli.model.records import Hazard

    writer = writer_for(ledger, no_commit)
    writer.read(hazard_id.strip().upper(), Hazard)  # an unknown ID before the date is asked
    day = _required_date(on, "--date", "验收日期", date.today())
    inspector = require(by, "--by", "验收人")
    book = api.open_ledger(writer.root)
    after = api.verify(book, hazard_id, day, inspector, passed=not failed, note=note_, using=writer)
    result(after.status.value)


def _same_unit(related: Inspection | Hazard | SelfCheck, unit: UnitName) -> None:
    """An inspection or hazard a record refers to must be of the record's own unit."""
    if related.enterprise != unit.id:
        raise UsageError(
            f"{related.KIND.label} {related.id} 属于另一单位（{related.enterprise}），"
            "与 --enterprise 不符"
        )


def add_penalty(
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", "-e", help="单位：编号、名称或拼音首字母")
    ] = None,
    person: Annotated[
        str | None, typer.Option("--person", help="当事人姓名（处罚个人时，代替 --enterprise）")
    ] = None,
    domain: Annotated[str | None, typer.Option("--domain", help="行业领域（处罚个人时）")] = None,
    village: Annotated[
        str | None, typer.Option("--village", help="所属村(社区)（处罚个人时）")
    ] = None,
    on: Annotated[str | None, typer.Option("--date", metavar="<日期>", help="处罚日期")] = None,
    fine: Annotated[str | None, typer.Option("--fine", help="罚款金额（元）")] = None,
    doc_no: Annotated[str | None, typer.Option("--doc-no", help="处罚决定书文号")] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="案由")] = None,
    inspection: Annotated[str | None, typer.Option("--inspection", help="相关检查编号")] = None,
    hazard: Annotated[str | None, typer.Option("--hazard", help="相关隐患编号")] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记行政处罚（对单位，或用 --person 对个人），输出新编号。"""
    from anquan_cli.model.records import Hazard, Inspection, Penalty
    from anquan_cli.store.validation import construct

    writer = writer_for(ledger, no_commit)
    if person is not None and enterprise is not None:
        raise UsageError("--enterprise 与 --person 只能给一个")
    if person is None and (domain is not None or village is not None):
        raise UsageError(
            "--domain、--village 只用于处罚个人（--person）；单位按其行业领域和村(社区)计"
        )
    unit = _unit(writer, enterprise) if person is None else None
    _listed(domain, tuple(s.name for s in writer.settings.sectors), "行业领域", "--domain")
    _check_lists(writer.settings, village=village)
    day = _required_date(on, "--date", "处罚日期", date.today())
    amount = to_money(
        require(fine, "--fine", "罚款金额（元）", check=lambda text: to_money(text, "--fine")),
        "--fine",
    )
    for related in (
        writer.read(inspection.strip().upper(), Inspection) if inspection else None,
        writer.read(hazard.strip().upper(), Hazard) if hazard else None,
    ):
        if related is not None and unit is not None:
            _same_unit(related, unit)
    fields = {
        "enterprise": unit.id if unit else None,
        "person": person,
        "domain": domain,
        "village": village,
        "date": day,
        "fine": amount,
        "doc_no": doc_no,
        "reason": reason,
        "inspection": inspection.strip().upper() if inspection else None,
        "hazard": hazard.strip().upper() if hazard else None,
    }
    party = unit.name if unit else person
    record = writer.create(
        RecordKind.PENALTY,
        day,
        lambda new_id: construct(Penalty, {"id": new_id, **fields}),
        f"新增行政处罚 {{id}}：{party} 罚款{amount}元",
    )
    result(record.id)


def add_accident(
    on: Annotated[str | None, typer.Option("--date", metavar="<日期>", help="事故日期")] = None,
    domain: Annotated[str | None, typer.Option("--domain", help="行业领域")] = None,
    enterprise: Annotated[str | None, typer.Option("--enterprise", "-e", help="事故单位")] = None,
    place: Annotated[str | None, typer.Option("--place", help="地点（无单位时）")] = None,
    person: Annotated[str | None, typer.Option("--person", help="当事人姓名")] = None,
    deaths: Annotated[int, typer.Option("--deaths", min=0, help="死亡人数")] = 0,
    injuries: Annotated[int, typer.Option("--injuries", min=0, help="受伤人数")] = 0,
    grade: Annotated[
        str | None,
        typer.Option("--grade", help="事故等级：一般事故/较大事故/重大事故/特别重大事故"),
    ] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="简要经过")] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记生产安全事故，输出新编号。"""
    from anquan_cli.model.records import Accident
    from anquan_cli.store.units import find_unit
    from anquan_cli.store.validation import construct

    writer = writer_for(ledger, no_commit)
    day = _required_date(on, "--date", "事故日期", date.today())
    sectors = tuple(s.name for s in writer.settings.sectors)
    sector = require(
        domain,
        "--domain",
        "行业领域",
        sectors,
        check=lambda text: _listed(text, sectors, "行业领域", "--domain"),
    )
    _listed(sector, sectors, "行业领域", "--domain")
    if enterprise and place:
        raise UsageError("--enterprise 与 --place 只能给一个")
    unit = find_unit(writer.root, enterprise) if enterprise else None
    fields = {
        "date": day,
        "domain": sector,
        "enterprise": unit.id if unit else None,
        "place": place,
        "person": person,
        "deaths": deaths,
        "injuries": injuries,
        "grade": grade,
        "summary": summary,
    }
    record = writer.create(
        RecordKind.ACCIDENT,
        day,
        lambda new_id: construct(Accident, {"id": new_id, **fields}),
        f"新增事故 {{id}}：{sector} {day}",
    )
    result(record.id)


def add_activity(
    on: Annotated[str | None, typer.Option("--date", metavar="<日期>", help="日期")] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="类型，如 专题会议/部署/带队检查/宣传/劝导/执法（见台账设置）"),
    ] = None,
    leader: Annotated[str | None, typer.Option("--leader", help="领导")] = None,
    count: Annotated[int, typer.Option("--count", min=1, help="次数")] = 1,
    people: Annotated[int | None, typer.Option("--people", min=0, help="参加人数")] = None,
    quantity: Annotated[
        int | None, typer.Option("--quantity", min=0, help="数量，如 发放宣传资料 20000（份）")
    ] = None,
    measure: Annotated[
        str | None, typer.Option("--measure", help="数量的计量单位：份/条/次/人次/场")
    ] = None,
    what: Annotated[
        str | None,
        typer.Option("--what", help="数量所计的事项，如 发放宣传资料、悬挂横幅（默认：类型）"),
    ] = None,
    campaign: Annotated[str | None, typer.Option("--campaign", help="专项行动")] = None,
    note_: Annotated[str | None, typer.Option("--note", help="内容")] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记领导和办所的工作活动（会议、部署、带队检查、宣传、劝导……），输出新编号。"""
    from anquan_cli.model.records import Activity
    from anquan_cli.store.validation import construct

    writer = writer_for(ledger, no_commit)
    day = _required_date(on, "--date", "日期", date.today())
    kinds = writer.settings.activity_kinds
    chosen = require(
        kind,
        "--kind",
        "类型",
        list(kinds),
        check=lambda text: _listed(text, kinds, "类型", "--kind"),
    )
    _listed(chosen, kinds, "类型", "--kind")
    _listed(measure, writer.settings.measures, "计量单位", "--measure")
    _check_lists(writer.settings, leader=leader)
    fields = {
        "date": day,
        "kind": chosen,
        "leader": leader,
        "count": count,
        "people": people,
        "what": what,
        "quantity": quantity,
        "measure": measure,
        "campaign": campaign,
        "office": writer.office.name,
        "note": note_,
    }
    construct(Activity, {"id": "X", **fields})
    amount = f" {what or chosen}{quantity}{measure}" if quantity is not None else ""
    record = writer.create(
        RecordKind.ACTIVITY,
        day,
        lambda new_id: construct(Activity, {"id": new_id, **fields}),
        f"新增工作活动 {{id}}：{leader or writer.office.name} {chosen}{amount}",
    )
    result(record.id)


def add_plan(
    office: Annotated[str | None, typer.Option("--office", help="办所（检查计划）")] = None,
    month: Annotated[str | None, typer.Option("--month", help="月份，如 2024-11")] = None,
    inspections: Annotated[
        int | None, typer.Option("--inspections", min=0, help="计划检查家次")
    ] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="行业领域")] = None,
    village: Annotated[str | None, typer.Option("--village", help="村(社区)（巡查计划）")] = None,
    patrols: Annotated[
        int | None, typer.Option("--patrols", min=0, help="计划巡查次数（与 --village 同用）")
    ] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记办所的月度检查计划，输出新编号。"""
    from anquan_cli.model.records import Plan
    from anquan_cli.store.validation import construct

    writer = writer_for(ledger, no_commit)
    if village is not None or patrols is not None:
        _patrol_plan(writer, village, month, patrols, office, inspections, sector)
        return
    name = require(
        office, "--office", "办所", check=lambda text: _check_lists(writer.settings, office=text)
    )
    which, first_day = _month(require(month, "--month", "月份", check=_month))
    if inspections is None:
        raise UsageError("缺少必填选项 --inspections")
    _check_lists(writer.settings, office=name, sector=sector)
    fields = {"office": name, "month": which, "inspections": inspections, "sector": sector}
    record = writer.create(
        RecordKind.PLAN,
        first_day,
        lambda new_id: construct(Plan, {"id": new_id, **fields}),
        f"新增检查计划 {{id}}：{name} {which} {inspections}家次",
    )
    result(record.id)


def _patrol_plan(
    writer: Writer,
    village: str | None,
    month: str | None,
    patrols: int | None,
    office: str | None,
    inspections: int | None,
    sector: str | None,
) -> None:
    """add-plan --village V --patrols N: a village's patrols planned for a month."""
    from anquan_cli.model.records import Plan
    from anquan_cli.store.validation import construct

    if office is not None or inspections is not None or sector is not None:
        raise UsageError(
            "巡查计划（--village、--patrols）与检查计划（--office、--inspections、--sector）"
            "应分别登记"
        )
    if village is None or patrols is None:
        raise UsageError("巡查计划须同时给 --village 和 --patrols")
    _check_lists(writer.settings, village=village)
    which, first_day = _month(require(month, "--month", "月份", check=_month))
    fields = {"village": village, "month": which, "patrols": patrols}
    record = writer.create(
        RecordKind.PLAN,
        first_day,
        lambda new_id: construct(Plan, {"id": new_id, **fields}),
        f"新增巡查计划 {{id}}：{village} {which} {patrols}次",
    )
    result(record.id)


def _month(text: str) -> tuple[str, date]:
    """A plan's month as 2024-11, and its first day (which dates the plan's ID)."""
    try:
        which = parse_month(text)
        return which, check_year(date(int(which[:4]), int(which[5:]), 1))
    except ValueError as error:
        raise UsageError(f"--month：{error}") from None


def set_command(
    record_id: Annotated[str, typer.Argument(metavar="编号", help="记录编号")],
    assignments: Annotated[
        list[str],
        typer.Argument(metavar="字段=值…", help="如 状态=停产、village=西岭村；值留空则清除"),
    ],
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """修改一条记录的字段（与 add- 命令同样的规则），提交 git；输出改动。"""
    from anquan_cli import api

    writer = writer_for(ledger, no_commit)
    book = api.open_ledger(writer.root)
    changed = api.change(book, record_id, assignments, using=writer)
    if not changed.changes:
        note(f"{changed.after.id} 没有改动")
        return
    for change in changed.changes:
        result(f"{change.title}：{change.before or '（空）'} → {change.after or '（空）'}")


def register(app: typer.Typer) -> None:
    app.command("add-enterprise")(add_enterprise)
    app.command("add-inspection")(add_inspection)
    app.command("add-hazard")(add_hazard)
    app.command("rectify")(rectify_command)
    app.command("verify")(verify_command)
    app.command("add-penalty")(add_penalty)
    app.command("add-accident")(add_accident)
    app.command("add-activity")(add_activity)
    app.command("add-plan")(add_plan)
    app.command("set")(set_command)
