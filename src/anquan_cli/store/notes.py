"""The office's own paragraphs of judgement, kept in the ledger under notes/.

`notes/common.yaml` holds what stays true from period to period; `notes/2024-Q4.yaml` (named by
`notes_key`) what the office wrote for one report. A key of the period's file wins over the same
key in common.yaml. Each value is a text (every non-empty line one paragraph; a folded `>-`
text is one paragraph however it is wrapped) or a list of paragraphs; a mapping nests keys with
a dot (`领域: {工贸: …}` is the key `领域.工贸`). Spaces next to Chinese characters are dropped.

    存在问题:
      - （一）部分村居巡查记录敷衍……
      - （二）……
    下步打算: |
      1.继续落实安全生产目标管理责任制……
      2.……
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from anquan_cli.errors import AnquanError
from anquan_cli.store.paths import inside, relative
from anquan_cli.store.yamlread import YamlProblem, decode, line_of, parse_bytes

NOTES_DIR = "notes"
# a space next to a Chinese character or full-width mark: YAML folding (>-) leaves one where a
# long paragraph was wrapped, and Chinese text never has one
_CJK_SPACE = re.compile(r"(?<=[\u2e80-\u9fff\uf900-\uffef]) +| +(?=[\u2e80-\u9fff\uf900-\uffef])")
COMMON = "common"


def notes_key(start: date, end: date) -> str:
    """The file name (without .yaml) of a period's notes.

    2024-Q4 a quarter, 2024-11 a month, 2024-H1/2024-H2 a half year, 2024 a whole year, and
    2024-10-01_2024-12-15 any other range.
    """
    last = calendar.monthrange(end.year, end.month)[1]
    if start.year == end.year and start.day == 1 and end.day == last:
        months = (start.month, end.month)
        if months == (1, 12):
            return f"{start.year}"
        if months in ((1, 6), (7, 12)):
            return f"{start.year}-H{1 if start.month == 1 else 2}"
        if start.month % 3 == 1 and end.month == start.month + 2:
            return f"{start.year}-Q{(start.month + 2) // 3}"
        if start.month == end.month:
            return f"{start.year}-{start.month:02d}"
    return f"{start.isoformat()}_{end.isoformat()}"


@dataclass(frozen=True)
class Notes:
    """Paragraphs by key, each with the file it came from."""

    paragraphs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    period_file: str = f"{NOTES_DIR}/{COMMON}.yaml"

    def get(self, key: str) -> tuple[str, ...] | None:
        """The paragraphs written for the key, or None if the office has not written it."""
        return self.paragraphs.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self.paragraphs

    def keys(self) -> list[str]:
        return sorted(self.paragraphs)


def read_notes(root: Path, key: str) -> Notes:
    """The notes for one period: common.yaml, overlaid by the period's own file."""
    folder = root / NOTES_DIR
    paragraphs: dict[str, tuple[str, ...]] = {}
    sources: dict[str, str] = {}
    for name in (COMMON, key):
        path = folder / f"{name}.yaml"
        if not path.is_file():
            continue
        shown = relative(root, path)
        for note_key, texts in _read_file(inside(root, path), shown):
            paragraphs[note_key] = texts
            sources[note_key] = shown
    return Notes(paragraphs, sources, f"{NOTES_DIR}/{key}.yaml")


def _read_file(path: Path, shown: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    raw = path.read_bytes()
    try:
        data = parse_bytes(raw)
    except YamlProblem as problem:
        raise AnquanError(problem.message, shown, problem.line) from None
    yield from _flatten(data, (), decode(raw), shown)


def _flatten(
    data: Mapping[Any, Any], prefix: tuple[str, ...], text: str, shown: str
) -> Iterator[tuple[str, tuple[str, ...]]]:
    for raw_key, value in data.items():
        loc = (*prefix, str(raw_key))
        key = ".".join(loc)
        if isinstance(value, Mapping):
            yield from _flatten(value, loc, text, shown)
            continue
        items = value if isinstance(value, list) else [value]
        paragraphs: list[str] = []
        for index, item in enumerate(items):
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                paragraphs.extend(
                    _CJK_SPACE.sub("", line.strip())
                    for line in str(item).splitlines()
                    if line.strip()
                )
            elif item is not None:
                where: list[str | int] = [*loc, index] if isinstance(value, list) else [*loc]
                raise AnquanError(f"段落 {key} 应为文字或文字列表", shown, line_of(text, where))
        if paragraphs:
            yield key, tuple(paragraphs)
