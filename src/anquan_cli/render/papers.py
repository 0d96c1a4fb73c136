"""What each 执法文书 says, from the records: the data its template is filled with.

Every name here is one a template can use (README lists them). Dates are written as documents
write them (2024年11月6日); a hazard's 整改 and 验收 outcome is its replayed state
(model/lifecycle.py), never the stored status.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from anquan_cli.model.dates import chinese_date
from anquan_cli.model.enums import Action, DocumentKind, Level, Status, Verdict
from anquan_cli.model.lifecycle import is_overdue_on, last_step, state_on
from anquan_cli.model.records import Enterprise, Hazard, Inspection
from anquan_cli.model.settings import Settings
from anquan_cli.render.official import Picture

_VERIFIED = (Action.PASSED, Action.SENT_BACK)


@dataclass(frozen=True)
class Evidence:
    """A hazard's photos: before and after 整改 (paths the store found)."""

    before: list[Picture] = field(default_factory=list)
    after: list[Picture] = field(default_factory=list)


def office_full(settings: Settings, office: str) -> str:
    """东溪镇 + 应急办 → 东溪镇应急办; an office already named with its town stays as it is."""
    return office if office.startswith(settings.name) else f"{settings.name}{office}"


def _unit(unit: Enterprise | None, hazard: Hazard | None = None) -> dict[str, Any]:
    if unit is None:
        place = hazard.place if hazard is not None else None
        return {"name": place or "", "address": place or "", "representative": "", "phone": ""}
    return {
        "id": unit.id,
        "name": unit.name,
        "address": unit.address or "",
        "legal_rep": unit.legal_rep or "",
        "principal": unit.principal or "",
        "representative": unit.legal_rep or unit.principal or "",
        "phone": unit.phone or "",
        "credit_code": unit.credit_code or "",
        "sector": unit.sector or "",
        "village": unit.village or "",
    }


def _inspection(visit: Inspection, office: str) -> dict[str, Any]:
    return {
        "id": visit.id,
        "date": chinese_date(visit.date),
        "type": visit.type,
        "campaign": visit.campaign or "",
        "leader": visit.leader or "",
        "inspectors": "、".join(visit.inspectors),
        "office": visit.office or office,
        "partners": "、".join(visit.partners),
        "note": visit.note or "",
    }


def _hazard(number: int, hazard: Hazard) -> dict[str, Any]:
    return {
        "no": number,
        "id": hazard.id,
        "description": hazard.description,
        "level": str(hazard.level),
        "major": hazard.level is Level.MAJOR,
        "basis": hazard.basis or "",
        "measures": hazard.measures or "",
        "responsible": hazard.responsible or "",
        "deadline": chinese_date(hazard.deadline) if hazard.deadline else "",
        "found": chinese_date(hazard.found),
    }


def _common(
    kind: DocumentKind, settings: Settings, office: str, record_id: str, doc_no: str, day: date
) -> dict[str, Any]:
    return {
        "kind": str(kind),
        "office": {"name": office, "town": settings.name, "full": office_full(settings, office)},
        "record_id": record_id,
        "doc_no": doc_no,
        "date": chinese_date(day),
    }


def _answers(visit: Inspection) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The checklist an inspection was walked from (name, version) and the items it checked
    (an item left 未检查 was not checked, and is not listed)."""
    checklist = {"name": visit.checklist or "", "version": visit.checklist_version or ""}
    items = [
        {
            "no": answer.item,
            "text": answer.text or "",
            "result": str(answer.result),
            "note": answer.note or "",
        }
        for answer in visit.answers
        if answer.result is not Verdict.UNCHECKED
    ]
    return checklist, items


def record_data(
    settings: Settings,
    office: str,
    doc_no: str,
    visit: Inspection,
    unit: Enterprise | None,
    hazards: Sequence[Hazard],
) -> dict[str, Any]:
    """现场检查记录: the unit, the visit, the items checked (when walked from a checklist) and
    the problems found."""
    checklist, items = _answers(visit)
    return {
        **_common(DocumentKind.RECORD, settings, office, visit.id, doc_no, visit.date),
        "unit": _unit(unit),
        "inspection": _inspection(visit, office),
        "checklist": checklist,
        "items": items,
        "hazards": [_hazard(n, h) for n, h in enumerate(hazards, start=1)],
    }


def notice_data(
    settings: Settings,
    office: str,
    doc_no: str,
    visit: Inspection,
    unit: Enterprise | None,
    hazards: Sequence[Hazard],
) -> dict[str, Any]:
    """整改通知书: the inspection's hazards with their 依据, measures and deadlines."""
    listed = [_hazard(n, h) for n, h in enumerate(hazards, start=1)]
    deadlines = [h.deadline for h in hazards if h.deadline is not None]
    return {
        **_common(DocumentKind.NOTICE, settings, office, visit.id, doc_no, visit.date),
        "unit": _unit(unit),
        "inspection": _inspection(visit, office),
        "hazards": listed,
        "deadline": chinese_date(max(deadlines)) if deadlines else "",
    }


def review_day(hazards: Sequence[Hazard]) -> date | None:
    """The day of the latest 复查验收 (passed or sent back) of these hazards; None if none was."""
    days = [s.date for h in hazards for s in h.history if s.action in _VERIFIED]
    return max(days) if days else None


def _rectified(hazard: Hazard, day: date) -> str:
    step = last_step(hazard, (Action.RECTIFIED,), day)
    if step is None:
        return "未整改"
    said = f"{chinese_date(step.date)}整改完成"
    return f"{said}：{step.note}" if step.note else said


def _outcome(hazard: Hazard, day: date) -> str:
    state = state_on(hazard, day)
    verified = last_step(hazard, _VERIFIED, day)
    note = f"（{verified.note}）" if verified is not None and verified.note else ""
    if state is Status.CLOSED:
        return f"验收合格，予以销号{note}"
    if state is Status.RECTIFIED:
        return "已整改，待复查验收"
    if verified is not None and verified.action is Action.SENT_BACK:
        return f"整改不到位，退回整改{note}"
    return "逾期未整改" if is_overdue_on(hazard, day) else "尚未整改"


def review_data(
    settings: Settings,
    office: str,
    doc_no: str,
    record_id: str,
    unit: Enterprise | None,
    hazards: Sequence[Hazard],
    day: date,
    notice_no: str | None = None,
    evidence: Mapping[str, Evidence] | None = None,
) -> dict[str, Any]:
    """复查意见书: each hazard's 整改 and 验收 outcome on the day of the 复查, its photos
    before and after side by side, and the conclusion."""
    listed = []
    photos = []
    unfinished = []
    for number, hazard in enumerate(hazards, start=1):
        row = _hazard(number, hazard)
        row["rectified"] = _rectified(hazard, day)
        row["outcome"] = _outcome(hazard, day)
        row["closed"] = state_on(hazard, day) is Status.CLOSED
        if not row["closed"]:
            unfinished.append(str(number))
        listed.append(row)
        shown = (evidence or {}).get(hazard.id)
        if shown is not None and (shown.before or shown.after):
            photos.append(
                {
                    "no": number,
                    "description": hazard.description,
                    "before": shown.before[0] if shown.before else "（无照片）",
                    "after": shown.after[0] if shown.after else "（无照片）",
                }
            )
    if not unfinished:
        conclusion = "上述隐患已整改到位，经复查验收合格，予以销号。"
    else:
        which = "、".join(unfinished)
        conclusion = (
            f"第{which}项隐患未整改到位，请你单位继续整改，整改完成后及时申请复查；"
            "整改期间应当采取措施，确保安全生产。"
        )
    found = min(h.found for h in hazards)
    return {
        **_common(DocumentKind.REVIEW, settings, office, record_id, doc_no, day),
        "unit": _unit(unit, hazards[0]),
        "hazards": listed,
        "photos": photos,
        "found": chinese_date(found),
        "reviewed": chinese_date(day),
        "notice_no": notice_no or "",
        "conclusion": conclusion,
        "all_closed": not unfinished,
    }
