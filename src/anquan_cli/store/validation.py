"""Pydantic's validation errors, translated into the Chinese a clerk reads."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

if TYPE_CHECKING:
    from anquan_cli.model.records import Record
    from anquan_cli.model.rules import Context

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


def _field_model(model: type[BaseModel], loc: Loc) -> tuple[type[BaseModel], str | None]:
    """Follow a loc into nested models; return the model owning the last named field."""
    current: type[BaseModel] = model
    name: str | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return current, part
        name = part
        annotation = field.annotation
        nested = _nested_model(annotation)
        if nested is not None and part != loc[-1]:
            current = nested
    return current, name


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    candidates = [annotation, *getattr(annotation, "__args__", ())]
    for candidate in candidates:
        for inner in (candidate, *getattr(candidate, "__args__", ())):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def title_of(model: type[BaseModel], name: str) -> str:
    field = model.model_fields.get(name)
    return field.title if field is not None and field.title else name


def suggest(model: type[BaseModel], key: str) -> str | None:
    """The known field a mistyped key most likely meant (by code name or Chinese title)."""
    names = {name: name for name in model.model_fields}
    names.update({f.title: name for name, f in model.model_fields.items() if f.title})
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.5)
    if close:
        return names[close[0]]
    return next(
        (name for title, name in names.items() if title and (key in title or title in key)), None
    )


def _message(model: type[BaseModel], error: ErrorDetails) -> str:
    loc: Loc = tuple(error["loc"])
    owner, name = _field_model(model, loc)
    title = title_of(owner, name) if name else "记录"
    kind = error["type"]
    given = error.get("input")
    if kind == "missing":
        return f"缺少必填字段 {name}（{title}）"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        guess = suggest(owner, key)
        hint = f"，是否为 {guess}？" if guess else ""
        return f"{key} 不是字段{hint}"
    if kind == "value_error":
        text = error["msg"].removeprefix("Value error, ")
        return text if text.startswith(title) else f"{title}：{text}"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{title} 不能为 {given}，应为 {expected.replace(' or ', '、').replace(', ', '、').replace(chr(39), '')}"
    if kind in ("string_type", "string_too_short"):
        return f"{title} 应为文字" if kind == "string_type" else f"{title} 不能为空"
    if kind.startswith("int_") or kind.startswith("decimal"):
        return f"{title} 应为数字，实为 {given}"
    if kind in ("list_type", "tuple_type"):
        return f"{title} 应为列表"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{title} 应为“字段: 值”的映射"
    if kind.startswith("date"):
        return f"{title}：{given} 不是有效日期"
    if kind == "string_unicode":
        return f"{title}含有无法识别的字符（不是有效的 Unicode 文字，多为编码错误）"
    if kind == "string_pattern_mismatch":
        return _pattern_message(title, error)
    if kind in ("string_too_long", "too_long") and isinstance(given, str):
        limit = error.get("ctx", {}).get("max_length")
        return f"{title}过长：{len(str(given))} 字，至多 {limit} 字"
    if kind in ("bool_type", "bool_parsing"):
        return f"{title} 应为 true 或 false"
    return f"{title}：{error['msg']}"


def _pattern_message(title: str, error: ErrorDetails) -> str:
    """A text field's refused character, named (model/text.py); another pattern's mismatch."""
    from anquan_cli.model.text import LINE_PATTERN, text_problem

    pattern = error.get("ctx", {}).get("pattern")
    given = error.get("input")
    if pattern == LINE_PATTERN and isinstance(given, str):
        why = text_problem(given)
        if why is not None:
            return f"{title}{why}"
    return f"{title} 格式不正确：{given}"


def messages(error: ValidationError, model: type[BaseModel]) -> Iterator[tuple[Loc, str]]:
    """Every problem of a failed validation as (location, Chinese message)."""
    for detail in error.errors(include_url=False):
        loc: Loc = tuple(p for p in detail["loc"] if not (isinstance(p, str) and "[" in p))
        yield loc, _message(model, detail)


def first_message(error: ValidationError, model: type[BaseModel]) -> tuple[Loc, str]:
    return next(messages(error, model))


def construct(
    model: type[M],
    data: dict[str, Any],
    context: Context | None = None,
    flags: Mapping[str, str] | None = None,
) -> M:
    """Build a record from command-line values; invalid values become one UsageError. With
    a context, the record must also meet its ledger's rules (see `obey`)."""
    from anquan_cli.errors import UsageError

    try:
        record = model.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as error:
        raise UsageError("；".join(message for _, message in messages(error, model))) from None
    if context is not None:
        obey(record, context, flags)  # type: ignore[arg-type]
    return record


def obey(record: Record, context: Context, flags: Mapping[str, str] | None = None) -> None:
    """Refuse a record that breaks a rule of its ledger (model/rules.py), as check would: one
    UsageError, each reason after the flag that gave the field (--found for `found`, or as
    `flags` says)."""
    from anquan_cli.errors import UsageError
    from anquan_cli.model.rules import refusals

    found = refusals(record, context)
    if found:
        raise UsageError("；".join(f"{_flag(loc, flags)}：{why}" for loc, why in found))


def _flag(loc: Loc, flags: Mapping[str, str] | None) -> str:
    """The flag of a field: as `flags` names its path (supervision.doc_no) or field
    (attributes), else --field; a step's field by its own name (history.3.by → --by)."""
    names = [str(part) for part in loc if not isinstance(part, int)]
    flags = flags or {}
    given = flags.get(".".join(names)) or flags.get(names[0])
    step = any(isinstance(part, int) for part in loc)
    return given or "--" + (names[-1] if step else names[0]).replace("_", "-")
