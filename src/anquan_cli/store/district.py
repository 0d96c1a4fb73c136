"""The district: a ledger whose anquan.yaml lists its towns' ledgers under `towns:`.

It opens as the union of its towns. Each town is a whole ledger of its own (kept in `parts`);
the union's entries carry paths prefixed with the town's folder, so every message still points
at a real file, and `Ledger.town_of` tells which town each record came from. A town that is
missing, listed twice, a district itself, or shares its ID code with another town stops the
opening with a message naming it: a district total never leaves a town out silently.
"""

from __future__ import annotations

import os
from pathlib import Path

from anquan_cli.errors import AnquanError
from anquan_cli.model.settings import Settings
from anquan_cli.store.paths import SETTINGS_FILE
from anquan_cli.store.scan import ProgressFn, Scan, scan
from anquan_cli.store.settings_file import read_settings


def town_roots(root: Path, settings: Settings) -> list[tuple[str, Path]]:
    """Each `towns:` entry as written and the folder it names (relative to anquan.yaml)."""
    return [(text, (root / Path(text).expanduser()).resolve()) for text in settings.towns]


def label(root: Path, town: Path) -> str:
    """A town's folder as messages and prefixed paths show it: relative to the district."""
    return Path(os.path.relpath(town, root)).as_posix()


def _settings_line(root: Path, index: int) -> int:
    from anquan_cli.store.yamlread import line_of

    try:
        text = (root / SETTINGS_FILE).read_text(encoding="utf-8-sig")
    except OSError:
        return 0
    return line_of(text, ["towns", index])


def scan_district(root: Path, settings: Settings, progress: ProgressFn | None = None) -> Scan:
    """Scan every town; raises AnquanError naming the first town that cannot be opened.
    `progress(done, total)` hears of each town scanned."""
    listed = town_roots(root, settings)
    towns: list[Scan] = []
    seen: dict[Path, str] = {}
    codes: dict[str, tuple[str, Path]] = {}
    for index, (written, town_root) in enumerate(listed):
        line = _settings_line(root, index)
        if not (town_root / SETTINGS_FILE).is_file():
            raise AnquanError(
                f"镇街台账 {written} 不存在（找不到 {town_root / SETTINGS_FILE}）",
                SETTINGS_FILE,
                line,
            )
        if town_root in seen:
            raise AnquanError(
                f"镇街台账 {written} 重复列出（与 {seen[town_root]} 相同）", SETTINGS_FILE, line
            )
        seen[town_root] = written
        town_settings = read_settings(town_root)
        if town_settings.is_district:
            raise AnquanError(
                f"{written} 本身是区级台账，towns 中只能列镇街台账", SETTINGS_FILE, line
            )
        twin = codes.get(town_settings.code)
        if twin is not None:
            raise AnquanError(
                f"镇街“{twin[0]}”（{label(root, twin[1])}）与“{town_settings.name}”"
                f"（{written}）的编号代码都是 {town_settings.code}，记录编号会重复："
                "请在其中一个的 anquan.yaml 中改用不同的 code",
                SETTINGS_FILE,
                line,
            )
        codes[town_settings.code] = (town_settings.name, town_root)
        towns.append(scan(town_root))
        if progress is not None:
            progress(index + 1, len(listed))
    return scan(root, towns=tuple(towns))


def within(progress: ProgressFn, before: int, total: int) -> ProgressFn:
    """A town's parsing progress as part of the whole district's files."""
    return lambda done, _town_total: progress(before + done, total)


STRAY = "区级台账不直接存放记录（不计入汇总）：请把它移到所属镇街的台账中"
"""The problem of a record file kept in the district's own folder."""


def held_twice(record_id: str, first: str, second: str) -> str:
    """The problem of a record two towns (shown by folder) both hold."""
    return f"记录编号 {record_id} 同时出现在镇街 {first} 和 {second} 中"


def scan_ledger(root: Path, settings: Settings, progress: ProgressFn | None = None) -> Scan:
    """The ledger's record files and their stamps (a district: every town's), nothing read.
    A district's `progress(done, total)` hears of each town."""
    if settings.is_district:
        return scan_district(root, settings, progress)
    return scan(root)
