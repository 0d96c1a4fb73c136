"""Inspecting with a checklist: the checklists a ledger can use, and one inspection written
with its answers and a hazard for each failed item, as one change (`anquan inspect`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from anquan_cli.api.handle import OpenLedger
from anquan_cli.errors import AnquanError
from anquan_cli.model.checklist import Checklist, answers_of, hazard_fields
from anquan_cli.model.enums import RecordKind, Verdict
from anquan_cli.model.records import Hazard, Inspection, Record
from anquan_cli.store.checklists import Found, find_checklist, list_checklists
from anquan_cli.store.writer import Writer

Answers = Mapping[int, tuple[Verdict, str | None]]
"""Item number → (合格/不合格/不涉及, note); an item left out is 未检查."""


def checklists(ledger: OpenLedger) -> tuple[list[Found], list[AnquanError]]:
    """Every checklist the ledger can use: its own (checklists/NAME.yaml) and the bundled ones,
    and the problem of each of its own files that cannot be read."""
    return list_checklists(ledger.root)


def checklist(ledger: OpenLedger, name: str) -> Found:
    """One checklist by name, the ledger's own before the bundled one (UsageError if none)."""
    return find_checklist(ledger.root, name)


@dataclass(frozen=True)
class Inspected:
    """What `inspect` wrote: the inspection, and one hazard per failed item, in item order."""

    inspection: Inspection
    hazards: list[Hazard]


def inspect(
    ledger: OpenLedger,
    *,
    enterprise: str,
    checklist: Checklist,
    answers: Answers,
    day: date,
    deadline: date | None = None,
    office: str | None = None,
    commit: bool = True,
    using: Writer | None = None,
    today: date | None = None,
    **fields: Any,
) -> Inspected:
    """One inspection of the unit (its ID) recording the checklist's name, version and every
    item's answer, plus a hazard for each failed item pre-filled from the item (text, 依据,
    measures, level) and citing the inspection; all written and committed as one change.
    `fields`: the inspection's other fields (leader, inspectors, type, campaign …). Every
    record is held to the ledger's rules (model/rules.py) as `add-*` holds it."""
    from anquan_cli.api.adding import hazard_data
    from anquan_cli.api.writing import rules_of, writer
    from anquan_cli.store.validation import construct

    chosen = using or writer(ledger, office=office, commit=commit)
    rules = rules_of(chosen, today)
    recorded = answers_of(checklist, answers)
    visit = {
        "enterprise": enterprise,
        "date": day,
        "office": chosen.office.name,
        **fields,
        "checklist": checklist.name,
        "checklist_version": checklist.version,
        "answers": [a.model_dump(exclude_none=True) for a in recorded],
    }
    failed = [a for a in recorded if a.result is Verdict.FAILED]
    findings: list[dict[str, Any]] = []
    for answer in failed:
        item = checklist.item(answer.item)
        assert item is not None
        pre = hazard_fields(item, answer)
        extra = {k: v for k, v in pre.items() if k != "description"}
        extra.update(deadline=deadline, campaign=fields.get("campaign"))
        findings.append(hazard_data(chosen, enterprise, pre["description"], day, extra))

    def build(ids: list[str]) -> list[Record]:
        made: list[Record] = [construct(Inspection, {"id": ids[0], **visit}, rules)]
        made += [
            construct(Hazard, {"id": new_id, **data, "inspection": ids[0]}, rules)
            for new_id, data in zip(ids[1:], findings, strict=True)
        ]
        return made

    build(["X"] * (1 + len(findings)))  # refused before any ID is taken
    wanted = [(RecordKind.INSPECTION, day)] + [(RecordKind.HAZARD, day)] * len(findings)
    found = f"，不合格 {len(failed)} 项，登记隐患 {len(failed)} 处" if failed else ""
    message = f"新增检查 {{id}}：按检查表“{checklist.name}”（{checklist.version}）检查{found}"
    records = chosen.create_together(wanted, build, message)
    inspection = records[0]
    assert isinstance(inspection, Inspection)
    hazards = [r for r in records[1:] if isinstance(r, Hazard)]
    return Inspected(inspection, hazards)


def read_answers_file(path: Path, checklist: Checklist) -> Answers:
    """An answers file (`3: 不合格 灭火器过期`, one item a line) read against the checklist;
    AnquanError naming the file, the line and why."""
    from anquan_cli.errors import os_reason
    from anquan_cli.model.checklist import AnswerProblem, read_answers
    from anquan_cli.store.yamlread import YamlProblem, decode, line_of, parse_text

    shown = str(path)
    try:
        text = decode(path.read_bytes())
        data = parse_text(text)
    except OSError as error:
        raise AnquanError(f"无法读取答案文件：{os_reason(error)}", shown) from None
    except YamlProblem as problem:
        raise AnquanError(problem.message, shown, problem.line) from None
    try:
        return read_answers(data, checklist)
    except AnswerProblem as problem:
        raise AnquanError(str(problem), shown, line_of(text, [str(problem.key)])) from None
