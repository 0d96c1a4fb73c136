"""Commands that add records and move a hazard through its life."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from anquan_cli.cli.console import note, result
from anquan_cli.cli.context import writing_to
from anquan_cli.cli.options import LedgerOption, NoCommitOption, to_date, to_money
from anquan_cli.cli.prompts import ask_unit, listed, require, required_date
from anquan_cli.errors import UsageError
from anquan_cli.model.enums import HazardSource, Level

# The api and the store are imported inside each command, so `--help` starts fast.


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
    from anquan_cli import api

    writer, book = writing_to(ledger, no_commit)
    record = api.add_enterprise(
        book,
        name=require(name, "--name", "单位名称"),
        supervisor=office,
        short_name=short_name,
        credit_code=credit_code,
        sector=sector,
        subtype=subtype,
        village=village,
        address=address,
        principal=principal,
        legal_rep=legal_rep,
        phone=phone,
        risk_level=risk_level,
        attributes=_attributes(attribute or []),
        using=writer,
        today=date.today(),
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
    from anquan_cli import api

    writer, book = writing_to(ledger, no_commit)
    unit = ask_unit(writer, enterprise)
    today = date.today()
    record = api.add_inspection(
        book,
        enterprise=unit,
        day=required_date(on, "--date", "检查日期", today),
        by_office=office,
        type=type_,
        campaign=campaign,
        leader=leader,
        inspectors=inspectors,
        partners=partners,
        doc_no=doc_no,
        note=note_,
        using=writer,
        today=today,
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
    from anquan_cli import api
    from anquan_cli.api.adding import hazard_needs_unit

    writer, book = writing_to(ledger, no_commit)
    if hazard_needs_unit(enterprise, inspection, patrol, self_check, place):
        enterprise = ask_unit(writer, None)
    text = require(description, "--description", "隐患描述")
    record = api.add_hazard(
        book,
        description=text,
        enterprise=enterprise,
        found=to_date(found, "--found"),
        inspection=inspection,
        patrol=patrol,
        self_check=self_check,
        place=place,
        village=village,
        sector=sector,
        source=source,
        on_the_spot=on_the_spot,
        supervision=supervision,
        supervision_doc=supervision_doc,
        level=level,
        category=category,
        campaign=campaign,
        measures=measures,
        responsible=responsible,
        deadline=to_date(deadline, "--deadline"),
        funds=to_money(funds, "--funds"),
        plan=plan,
        using=writer,
        today=date.today(),
    )
    missing = record.missing_assurances()
    if missing:
        note(f"提示：重大隐患“五落实”尚缺 {'、'.join(missing)}")
    result(record.id)


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

    writer, book = writing_to(ledger, no_commit)
    writer.read(hazard_id.strip().upper(), Hazard)  # an unknown ID before the date is asked
    today = date.today()
    day = required_date(on, "--date", "整改完成日期", today)
    after = api.rectify(book, hazard_id, day, by=by, note=note_, using=writer, today=today)
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

    writer, book = writing_to(ledger, no_commit)
    writer.read(hazard_id.strip().upper(), Hazard)  # an unknown ID before the date is asked
    today = date.today()
    day = required_date(on, "--date", "验收日期", today)
    inspector = require(by, "--by", "验收人")
    after = api.verify(
        book, hazard_id, day, inspector, passed=not failed, note=note_, using=writer, today=today
    )
    result(after.status.value)


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
    from anquan_cli import api

    writer, book = writing_to(ledger, no_commit)
    if person is None:
        enterprise = ask_unit(writer, enterprise)
    today = date.today()
    day = required_date(on, "--date", "处罚日期", today)
    amount = to_money(
        require(fine, "--fine", "罚款金额（元）", check=lambda text: to_money(text, "--fine")),
        "--fine",
    )
    assert amount is not None
    record = api.add_penalty(
        book,
        day=day,
        fine=amount,
        enterprise=enterprise,
        person=person,
        domain=domain,
        village=village,
        inspection=inspection,
        hazard=hazard,
        doc_no=doc_no,
        reason=reason,
        using=writer,
        today=today,
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
    from anquan_cli import api

    writer, book = writing_to(ledger, no_commit)
    today = date.today()
    day = required_date(on, "--date", "事故日期", today)
    sectors = [s.name for s in writer.settings.sectors]
    sector = require(
        domain,
        "--domain",
        "行业领域",
        sectors,
        check=lambda text: listed(text, sectors, "行业领域", "--domain"),
    )
    record = api.add_accident(
        book,
        day=day,
        domain=sector,
        enterprise=enterprise,
        place=place,
        person=person,
        deaths=deaths,
        injuries=injuries,
        grade=grade,
        summary=summary,
        using=writer,
        today=today,
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
    from anquan_cli import api

    writer, book = writing_to(ledger, no_commit)
    today = date.today()
    day = required_date(on, "--date", "日期", today)
    kinds = writer.settings.activity_kinds
    chosen = require(
        kind,
        "--kind",
        "类型",
        list(kinds),
        check=lambda text: listed(text, kinds, "类型", "--kind"),
    )
    record = api.add_activity(
        book,
        day=day,
        kind=chosen,
        leader=leader,
        count=count,
        people=people,
        what=what,
        quantity=quantity,
        measure=measure,
        campaign=campaign,
        note=note_,
        using=writer,
        today=today,
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
    from anquan_cli import api
    from anquan_cli.api.adding import plan_month

    writer, book = writing_to(ledger, no_commit)
    if village is None and patrols is None:  # an inspection plan: its office asked for
        offices = [o.name for o in writer.settings.offices or ()]
        office = require(
            office, "--office", "办所", check=lambda text: listed(text, offices, "办所", "--office")
        )
    which = require(month, "--month", "月份", check=plan_month)
    record = api.add_plan(
        book,
        month=which,
        plan_office=office,
        inspections=inspections,
        sector=sector,
        village=village,
        patrols=patrols,
        using=writer,
        today=date.today(),
    )
    result(record.id)


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

    writer, book = writing_to(ledger, no_commit)
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
