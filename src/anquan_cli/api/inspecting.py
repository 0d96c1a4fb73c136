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
    by_office: str | None = None,
    office: str | None = None,
    commit: bool = True,
    today: date | None = None,
    using: Writer | None = None,
    **fields: Any,
) -> Inspected:
    """One inspection of the unit (its ID or name) recording the checklist's name, version and
    every item's answer, plus a hazard for each failed item pre-filled from the item (text,
    依据, measures, level) and citing the inspection; all held to the ledger's rules
    (model/rules.py, as add-inspection and add-hazard are) before any ID is taken, then
    written and committed as one change. `fields`: the inspection's other fields (leader,
    inspectors, type, campaign …); `by_office` its 检查单位 (default the recording office)."""
    from anquan_cli.api.adding import _chosen, _unit, hazard_data
    from anquan_cli.api.writing import rules_of
    from anquan_cli.model.rules import Context
    from anquan_cli.store.validation import construct

    chosen = _chosen(ledger, office, commit, using)
    unit = _unit(chosen, enterprise)
    recorded = answers_of(checklist, answers)
    visit = {
        "enterprise": unit.id,
        "date": day,
        **fields,
        "office": by_office or chosen.office.name,
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
        findings.append(hazard_data(chosen, unit.id, pre["description"], day, extra))
    rules = rules_of(chosen, today)

    def build(ids: list[str]) -> list[Record]:
        inspection = construct(Inspection, {"id": ids[0], **visit}, rules, _FLAGS)
        # the hazards cite an inspection not yet on disk: the rules are shown it
        cites = Context(
            rules.settings,
            rules.today,
            lambda wanted: inspection if wanted == inspection.id else rules.cited(wanted),
        )
        made: list[Record] = [inspection]
        made += [
            construct(Hazard, {"id": new_id, **data, "inspection": ids[0]}, cites, _FLAGS)
            for new_id, data in zip(ids[1:], findings, strict=True)
        ]
        return made

    placeholder = "X-I-0000-X01"
    build([placeholder] * (1 + len(findings)))  # refused before any ID is taken
    wanted = [(RecordKind.INSPECTION, day)] + [(RecordKind.HAZARD, day)] * len(findings)
    found = f"，不合格 {len(failed)} 项，登记隐患 {len(failed)} 处" if failed else ""
    message = (
        f"新增检查 {{id}}：{unit.name} {day}，按检查表“{checklist.name}”（{checklist.version}）"
        f"检查{found}"
    )
    records = chosen.create_together(wanted, build, message)
    inspection = records[0]
    assert isinstance(inspection, Inspection)
    hazards = [r for r in records[1:] if isinstance(r, Hazard)]
    return Inspected(inspection, hazards)


_FLAGS = {"partners": "--with", "date": "--date", "found": "--date"}
"""The flag of a field whose name is not its flag's (for a refusal's message)."""


def read_answers_file(path: Path, checklist: Checklist) -> Answers:
    """An answers file (`3: 不合格 灭火器过期`, one item a line) read against the checklist;
    AnquanError naming the file, the line and why."""
    from anquan_cli.errors import os_reason

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise AnquanError(f"无法读取答案文件：{os_reason(error)}", str(path)) from None
    return read_answers_bytes(raw, str(path), checklist)


def read_answers_bytes(raw: bytes, shown: str, checklist: Checklist) -> Answers:
    """Answers as an answers file's bytes give them (from a file, or piped in); AnquanError
    naming `shown`, the line and why."""
    from anquan_cli.model.checklist import AnswerProblem, read_answers
    from anquan_cli.store.yamlread import YamlProblem, decode, line_of, parse_text

    try:
        text = decode(raw)
        data = parse_text(text)
    except YamlProblem as problem:
        raise AnquanError(problem.message, shown, problem.line) from None
    try:
        return read_answers(data, checklist)
    except AnswerProblem as problem:
        raise AnquanError(str(problem), shown, line_of(text, [str(problem.key)])) from None
