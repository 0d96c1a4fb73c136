"""`due --format text`: one short message per office or village, to paste into a WeChat
group: plain Chinese lines, numbered, no table characters; and the words the table and the
calendar share with it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anquan_cli.render.numbers import cn_date, cn_number
from anquan_cli.stats.figures import UNKNOWN

SHOWN = 10
"""Items of one list a message names; the rest are counted (`anquan due` shows them all)."""

PLAN_WORDS = {
    "inspections": {"what": "检查计划", "verb": "检查", "unit": "家次"},
    "patrols": {"what": "巡查计划", "verb": "巡查", "unit": "次"},
}
CYCLE_WORDS = "每{months}个月至少检查一次"

SECTION_TITLES = {
    "overdue": "逾期未整改隐患",
    "due_soon": "{days}日内到期隐患",
    "supervised": "挂牌督办隐患临近整改期限（{supervised_days}日内）",
    "plans_behind": "本月计划进度落后",
    "units_due_inspection": "按检查周期到期应检查的单位",
    "units_without_self_check": "本月尚未开展企业自查的单位",
    "submissions_due": "尚未报送的月度台账",
}
SECTION_WORDS = {
    "overdue": "处",
    "due_soon": "处",
    "supervised": "处",
    "plans_behind": "项",
    "units_due_inspection": "家",
    "units_without_self_check": "家",
    "submissions_due": "个月",
}


def entry_title(kind: str, name: str) -> str:
    """How an entry is named: the office or village, or who is missing when unrecorded."""
    if name == UNKNOWN:
        return "未填写监管责任单位" if kind == "by_office" else "未填写村(社区)"
    return name


def section_title(section: str, data: Mapping[str, Any]) -> str:
    return SECTION_TITLES[section].format(
        days=data["days"], supervised_days=data["supervised_days"]
    )


def hazard_state(days_left: int) -> str:
    """已逾期 N 天 / 今日到期 / 还有 N 天."""
    if days_left < 0:
        return f"已逾期{-days_left}天"
    if days_left == 0:
        return "今日到期"
    return f"还有{days_left}天"


def hazard_text(h: Mapping[str, Any]) -> str:
    listed = "，挂牌督办" if h["supervision"] else ""
    major = "【重大】" if h["level"] == "重大" else ""
    who = f"，责任人{h['responsible']}" if h["responsible"] else ""
    return (
        f"{major}{h['unit']}：{h['description']}（整改期限{cn_date(h['deadline'])}，"
        f"{hazard_state(h['days_left'])}{listed}{who}）"
    )


def plan_text(p: Mapping[str, Any]) -> str:
    words = PLAN_WORDS[p["kind"]]
    return (
        f"{p['name']}{words['what']}：本月计划{words['verb']}{p['planned']}{words['unit']}，"
        f"按进度应完成{p['expected']}{words['unit']}，已完成{p['done']}{words['unit']}"
    )


def unit_text(u: Mapping[str, Any]) -> str:
    stopped = "，停产" if u["status"] == "停产" else ""
    cycle = CYCLE_WORDS.format(months=u["cycle_months"])
    if u["last_inspected"] is None:
        return f"{u['name']}（{u['risk_level']}风险{stopped}，{cycle}，尚无检查记录）"
    late = f"，已逾期{-u['days_left']}天" if u["days_left"] < 0 else ""
    return (
        f"{u['name']}（{u['risk_level']}风险{stopped}，{cycle}，上次检查"
        f"{cn_date(u['last_inspected'])}，应于{cn_date(u['next_due'])}前检查{late}）"
    )


def submission_text(m: Mapping[str, Any]) -> str:
    """2024年10月台账（应于2024年11月5日前报送，已逾期15天）."""
    year, number = m["month"][:4], int(m["month"][5:7])
    return f"{m['name']}{year}年{number}月台账（应于{cn_date(m['due'])}前报送，{hazard_state(m['days_left'])}）"


def message(data: Mapping[str, Any]) -> str:
    """Every entry's message, apart by a blank line; one line when nothing is due."""
    parts = [
        _entry_message(data, kind, name, entry)
        for kind in ("by_office", "by_village")
        for name, entry in data[kind].items()
    ]
    if not parts:
        return f"截至{cn_date(data['as_of'])}，没有逾期、临期或落后的事项。"
    return "\n\n".join(parts)


def _entry_message(data: Mapping[str, Any], kind: str, name: str, entry: Mapping[str, Any]) -> str:
    title = entry_title(kind, name)
    lines = [f"【{title}】安全生产待办事项（截至{cn_date(data['as_of'])}）"]
    if not any(entry.values()):
        lines.append("没有逾期、临期或落后的事项。")
        return "\n".join(lines)
    number = 0
    for section, items in entry.items():
        if not items:
            continue
        number += 1
        head = f"{cn_number(number)}、{section_title(section, data)}"
        if section == "units_without_self_check":
            names = "、".join(u["name"] for u in items[:SHOWN])
            more = f"等{len(items)}家" if len(items) > SHOWN else ""
            lines.append(f"{head}{len(items)}家：{names}{more}。")
            continue
        if section == "plans_behind":
            lines.append(f"{head}：")
            lines += [f"{plan_text(p)}。" for p in items]
            continue
        lines.append(f"{head}{len(items)}{SECTION_WORDS[section]}：")
        text = {"units_due_inspection": unit_text, "submissions_due": submission_text}.get(
            section, hazard_text
        )
        lines += [f"{i}. {text(item)}" for i, item in enumerate(items[:SHOWN], 1)]
        if len(items) > SHOWN:
            lines.append(f"……另有{len(items) - SHOWN}{SECTION_WORDS[section]}，详见台账。")
    lines.append("请抓紧落实，办结后及时登记。")
    return "\n".join(lines)
