"""检查表: an industry checklist, its items with their 依据, and the answers an inspection gives.

A checklist is data (a YAML file shipped in the package or kept in a ledger's `checklists/`);
this module holds its shape, how an answer is read (`3: 不合格 灭火器过期`), and what a failed
item pre-fills in the hazard it becomes. Reading files is the store's (store/checklists.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, field_validator, model_validator

from anquan_cli.model.enums import Level, Verdict
from anquan_cli.model.fields import Text

_FROZEN = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ChecklistItem(BaseModel):
    """One item of a checklist: what is checked, on what legal basis, and what fixes it."""

    model_config = _FROZEN

    number: PositiveInt = Field(title="序号")
    text: Text = Field(title="检查内容", min_length=1)
    basis: Text = Field(title="依据", min_length=1)
    measures: Text = Field(title="整改措施", min_length=1)
    major: bool = Field(default=False, title="重大隐患")
    major_basis: Text | None = Field(default=None, title="重大隐患判定依据")
    category: Text | None = Field(default=None, title="隐患类别")

    @model_validator(mode="after")
    def _major_cites_its_standard(self) -> ChecklistItem:
        """An item is 重大 only under a published 判定标准, and says which clause."""
        if self.major and not self.major_basis:
            raise ValueError("重大隐患项应写明 major_basis（重大隐患判定依据）")
        if self.major_basis and not self.major:
            raise ValueError("写了 major_basis（重大隐患判定依据）的项应为 major: true")
        return self

    @property
    def level(self) -> Level:
        """The level of the hazard a failure of this item is."""
        return Level.MAJOR if self.major else Level.GENERAL


class Checklist(BaseModel):
    """检查表 of one sector or scene, with a version an inspection records."""

    model_config = _FROZEN

    name: Text = Field(title="名称", min_length=1)
    version: Text = Field(title="版本", min_length=1)
    sector: Text = Field(title="行业领域", min_length=1)
    scene: Text | None = Field(default=None, title="场景")
    description: Text | None = Field(default=None, title="说明")
    items: list[ChecklistItem] = Field(title="检查项", min_length=1)

    @field_validator("items")
    @classmethod
    def _numbers_once(cls, items: list[ChecklistItem]) -> list[ChecklistItem]:
        seen: set[int] = set()
        for item in items:
            if item.number in seen:
                raise ValueError(f"序号 {item.number} 重复，每项的序号应不同")
            seen.add(item.number)
        return items

    def item(self, number: int) -> ChecklistItem | None:
        return next((i for i in self.items if i.number == number), None)

    @property
    def numbers(self) -> str:
        """The item numbers as a message names them: 1–16, or 1、2、5."""
        found = [i.number for i in self.items]
        if found == list(range(found[0], found[0] + len(found))):
            return f"{found[0]}–{found[-1]}"
        return "、".join(str(n) for n in found)


class ItemAnswer(BaseModel):
    """One item as an inspection answered it (its text kept, so the record reads alone)."""

    model_config = _FROZEN

    item: PositiveInt = Field(title="序号")
    text: Text | None = Field(default=None, title="检查内容")
    result: Verdict = Field(title="结论")
    note: Text | None = Field(default=None, title="备注")


ANSWER_WORDS = (Verdict.PASSED, Verdict.FAILED, Verdict.NOT_APPLICABLE)
"""What a clerk may answer; an item not answered is 未检查."""

_ANSWER = re.compile(r"^(合格|不合格|不涉及|未检查)(?:[\s:：,，;；、]+|$)(.*)$", re.DOTALL)


class AnswerProblem(ValueError):
    """An answer that cannot be read; `key` is the item number as the file wrote it."""

    def __init__(self, key: object, message: str) -> None:
        super().__init__(message)
        self.key = key


def read_answer(value: object) -> tuple[Verdict, str | None]:
    """`不合格 灭火器过期` → (不合格, 灭火器过期); ValueError saying what is accepted."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("没有写答案，应为 合格、不合格 或 不涉及")
    text = str(value).strip() if isinstance(value, str) else ""
    match = _ANSWER.match(text)
    if match is None:
        words = "、".join(ANSWER_WORDS)
        raise ValueError(f"答案“{value}”应为 {words} 之一，可在后面空一格写备注")
    note = match.group(2).strip()
    return Verdict(match.group(1)), note or None


def item_number(key: object) -> int | None:
    """An answers file's key as an item number (3, "3", "第3项"); None if it is none."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str):
        digits = key.strip().removeprefix("第").removesuffix("项").strip()
        if digits.isdigit():
            return int(digits)
    return None


def read_answers(
    data: Mapping[Any, Any], checklist: Checklist
) -> dict[int, tuple[Verdict, str | None]]:
    """An answers mapping (item number → answer) checked against the checklist; every item it
    does not list is 未检查. AnswerProblem names the key at fault."""
    given: dict[int, tuple[Verdict, str | None]] = {}
    for key, value in data.items():
        number = item_number(key)
        if number is None:
            raise AnswerProblem(key, f"“{key}”不是检查项序号（应为数字，如 3: 不合格 灭火器过期）")
        if checklist.item(number) is None:
            raise AnswerProblem(
                key, f"检查表“{checklist.name}”没有第 {number} 项（共有第 {checklist.numbers} 项）"
            )
        if number in given:
            raise AnswerProblem(key, f"第 {number} 项的答案给了两次")
        try:
            given[number] = read_answer(value)
        except ValueError as error:
            raise AnswerProblem(key, f"第 {number} 项：{error}") from None
    return given


def answers_of(
    checklist: Checklist, given: Mapping[int, tuple[Verdict, str | None]]
) -> list[ItemAnswer]:
    """Every item of the checklist, in its order, with the answer given (else 未检查)."""
    return [
        ItemAnswer(
            item=item.number,
            text=item.text,
            result=given.get(item.number, (Verdict.UNCHECKED, None))[0],
            note=given.get(item.number, (Verdict.UNCHECKED, None))[1],
        )
        for item in checklist.items
    ]


def hazard_fields(item: ChecklistItem, answer: ItemAnswer) -> dict[str, Any]:
    """What a failed item pre-fills in its hazard: what was found (the inspector's note) and the
    item it fails, its 依据, measures, level and category. Items say what should be, so the
    hazard says 不符合 before the item's text."""
    failed = f"不符合：{item.text}"
    description = f"{answer.note}（{failed}）" if answer.note else failed
    return {
        "description": description,
        "basis": item.basis,
        "measures": item.measures,
        "level": item.level,
        "category": item.category,
    }


def is_judged(answer: ItemAnswer) -> bool:
    """An item checked and judged: 合格 or 不合格 (不涉及 and 未检查 are not)."""
    return answer.result in (Verdict.PASSED, Verdict.FAILED)
