"""The rules `anquan check` runs, each a small function over a loaded ledger."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import TypeVar

from anquan_cli.checks import outcome
from anquan_cli.checks.outcome import Outcome
from anquan_cli.errors import Problem, Severity
from anquan_cli.model import lifecycle
from anquan_cli.model.enums import Action, Level, Status
from anquan_cli.model.ids import ID_PATTERN, year_of_id
from anquan_cli.model.records import (
    Accident,
    Enterprise,
    Hazard,
    Inspection,
    Penalty,
    Record,
)
from anquan_cli.model.rules import Context, refusals
from anquan_cli.store.district import STRAY, held_twice, label, within
from anquan_cli.store.ledger import Ledger
from anquan_cli.store.paths import FLAT_KINDS, SETTINGS_FILE
from anquan_cli.store.scan import ProgressFn, Scan
from anquan_cli.store.yamlread import YamlProblem, decode, line_of

Rule = Callable[[Ledger], Iterator[Problem]]
R = TypeVar("R", bound=Record)


class _Locator:
    """Finds the line of a key in a record's file, reading each file at most once."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._text = cache(self._read)

    def _read(self, shown: str) -> str:
        try:
            return decode((self.ledger.root / shown).read_bytes())
        except (OSError, YamlProblem):
            return ""

    def problem(
        self,
        shown: str,
        loc: Sequence[str | int],
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        """The problem at the line of that key in the file shown (relative to the ledger)."""
        return Problem(shown, line_of(self._text(shown), loc), message, severity)


def _of(ledger: Ledger, model: type[R]) -> Iterator[tuple[str, R]]:
    """Each record of that model with its own file: two files may hold the same ID, and a
    problem is named in the file it is in."""
    for entry in ledger.entries:
        if isinstance(entry.record, model):
            yield entry.path, entry.record


def load_problems(ledger: Ledger) -> Iterator[Problem]:
    yield from ledger.problems


def file_names(ledger: Ledger) -> Iterator[Problem]:
    at = _Locator(ledger)
    for entry in ledger.entries:
        record, shown = entry.record, entry.path
        # entry.path is posix and relative; string work here, as pathlib costs seconds at 200k files
        if entry.path.rsplit("/", 1)[-1].removesuffix(".yaml") != record.id:
            yield at.problem(shown, ["id"], f"文件名与编号 {record.id} 不符")
        if not ID_PATTERN.match(record.id):
            yield at.problem(shown, ["id"], f"编号 {record.id} 格式不正确（应如 DX-H-2410-YJB03）")
        elif not entry.path.startswith(record.KIND.value + "/"):
            yield at.problem(
                shown, ["id"], f"{record.KIND.label}记录应放在 {record.KIND.value}/ 目录下"
            )
        elif (folder := _folder_of(record)) != entry.path.rpartition("/")[0]:
            yield at.problem(
                shown,
                ["id"],
                f"编号 {record.id} 的记录应放在 {folder}/ 目录下（按编号中的年月），"
                "否则按编号找不到它",
            )


def _folder_of(record: Record) -> str:
    """The folder a well-formed ID's file belongs in: its kind's, then the year the ID names."""
    if record.KIND in FLAT_KINDS:
        return record.KIND.value
    return f"{record.KIND.value}/{year_of_id(record.id)}"


def duplicate_ids(ledger: Ledger) -> Iterator[Problem]:
    counts = Counter(entry.record.id for entry in ledger.entries)
    for entry in ledger.entries:
        if counts[entry.record.id] > 1:
            others = [
                e.path for e in ledger.entries if e.record.id == entry.record.id and e is not entry
            ]
            yield Problem(entry.path, 1, f"编号 {entry.record.id} 重复，另见 {'、'.join(others)}")


def references(ledger: Ledger) -> Iterator[Problem]:
    at = _Locator(ledger)
    ids = ledger.by_id

    # a file that could not be read is named by its ID: records referring to it point at a
    # record that is there but unreadable, not at one that does not exist
    unreadable = {p.path.rsplit("/", 1)[-1].removesuffix(".yaml"): p.path for p in ledger.problems}

    def missing(shown: str, key: str, target: str | None, model: type[Record]) -> Iterator[Problem]:
        if target is None or isinstance(ids.get(target), model):
            return
        label = model.KIND.label
        if target in unreadable and target not in ids:
            message = f"引用的{label} {target} 的文件 {unreadable[target]} 无法读取，请先修正该文件"
        else:
            message = f"引用的{label} {target} 不存在"
        yield at.problem(shown, [key], message)

    for entry in ledger.entries:
        record, shown = entry.record, entry.path
        if isinstance(record, Inspection | Hazard | Penalty | Accident):
            yield from missing(shown, "enterprise", record.enterprise, Enterprise)
        if isinstance(record, Hazard | Penalty):
            yield from missing(shown, "inspection", record.inspection, Inspection)
        if isinstance(record, Penalty):
            yield from missing(shown, "hazard", record.hazard, Hazard)


def _first_impossible_step(hazard: Hazard) -> tuple[int, str] | None:
    """The first step of the history that the hazard's life does not allow after the steps
    before it, and why. The states are replayed with the rule rectify and verify ask
    (lifecycle.refusal), so check and the commands share one definition of the cycle; dates
    out of order are another rule's."""
    history = hazard.history
    status = Status.OPEN
    for index, step in enumerate(history[1:], start=1):
        if history[index - 1].action is Action.PASSED and step.action is not Action.CLOSED:
            return index, f"“验收通过”之后应是“销号”，而不是“{step.action}”"
        match step.action:
            case Action.FOUND:
                why: str | None = "“发现”只能是历程的第一步"
            case Action.CLOSED if history[index - 1].action is not Action.PASSED:
                why = "“销号”应紧接在“验收通过”之后"
            case _:
                why = lifecycle.refusal(hazard.id, status, step.action)
        if why is not None:
            return index, f"历程中的“{step.action}”（{step.date}）不合整改验收顺序：{why}"
        status = lifecycle.state_after(step.action)
    return None


def hazard_history(ledger: Ledger) -> Iterator[Problem]:
    at = _Locator(ledger)
    for shown, hazard in _of(ledger, Hazard):
        history = hazard.history
        if not history or history[0].action is not Action.FOUND:
            yield at.problem(shown, ["history"], "历程应以“发现”开始")
        elif history[0].date != hazard.found:
            yield at.problem(
                shown, ["history", 0, "date"], f"“发现”日期应与发现日期 {hazard.found} 一致"
            )
        if history and history[0].action is Action.FOUND:
            impossible = _first_impossible_step(hazard)
            if impossible is not None:
                index, message = impossible
                yield at.problem(shown, ["history", index, "action"], message)
        for index, (before, after) in enumerate(itertools.pairwise(history), start=1):
            if after.date < before.date:
                yield at.problem(
                    shown,
                    ["history", index, "date"],
                    f"日期顺序颠倒：{after.action} {after.date} 早于 {before.action} {before.date}",
                )
        if hazard.status is not (replayed := lifecycle.state_of(hazard)):
            yield at.problem(
                shown,
                ["status"],
                f"状态 {hazard.status} 与历程不符（按历程应为 {replayed}；"
                "各项统计、列表和台账均按历程计）",
            )


def on_the_spot(ledger: Ledger) -> Iterator[Problem]:
    """A hazard marked 当场整改 was rectified the day it was found and had no deadline."""
    at = _Locator(ledger)
    for shown, hazard in _of(ledger, Hazard):
        if not hazard.on_the_spot:
            continue
        if not hazard.fixed_on_spot():
            yield at.problem(
                shown,
                ["on_the_spot"],
                f"标为当场整改，但历程中没有发现当日（{hazard.found}）的“整改”",
                Severity.WARNING,
            )
        if hazard.deadline is not None:
            yield at.problem(
                shown,
                ["deadline"],
                "当场整改的隐患不应有整改期限（限期整改请去掉 on_the_spot）",
                Severity.WARNING,
            )


def five_assurances(ledger: Ledger) -> Iterator[Problem]:
    at = _Locator(ledger)
    for shown, hazard in _of(ledger, Hazard):
        missing = hazard.missing_assurances()
        if missing:
            yield at.problem(
                shown,
                ["level"],
                f"重大隐患“五落实”不全，缺少：{'、'.join(missing)}",
                Severity.WARNING,
            )


def missing_deadline(ledger: Ledger) -> Iterator[Problem]:
    at = _Locator(ledger)
    for shown, hazard in _of(ledger, Hazard):
        if (
            hazard.deadline is None
            and hazard.level is Level.GENERAL
            and lifecycle.state_of(hazard) is Status.OPEN
        ):
            yield at.problem(shown, ["description"], "隐患未设整改期限", Severity.WARNING)


def settings_lists(ledger: Ledger) -> Iterator[Problem]:
    """anquan.yaml's own lists: no two offices with one ID code, and sectors not empty."""
    at = _Locator(ledger)
    settings = ledger.settings
    if not settings.sectors:
        yield at.problem(
            SETTINGS_FILE,
            ["sectors"],
            "行业领域列表 sectors 为空：请列出本台账的行业领域，或删去 sectors 以使用默认列表",
        )
    first: dict[str, str] = {}
    for index, office in enumerate(settings.offices or ()):
        if not office.code:
            continue
        code = office.code.upper()
        other = first.setdefault(code, office.name)
        if other != office.name:
            yield at.problem(
                SETTINGS_FILE,
                ["offices", index, "code"],
                f"办所“{office.name}”与“{other}”的编号代码都是 {code}，各副本新建的记录会重号："
                "请为其中一个指定不同的 code",
            )


def ledger_rules(ledger: Ledger, today: date | None) -> Iterator[Problem]:
    """The rules every record must meet in its ledger (model/rules.py: settings lists, dates
    against today and against what a record cites), the same the add-* commands and the
    import refuse a record for."""
    at = _Locator(ledger)
    context = Context(ledger.settings, today, ledger.by_id.get)
    for entry in ledger.entries:
        for loc, message in refusals(entry.record, context):
            yield at.problem(entry.path, list(loc), message)


def duplicate_credit_codes(ledger: Ledger) -> Iterator[Problem]:
    at = _Locator(ledger)
    units = list(_of(ledger, Enterprise))
    counts = Counter(unit.credit_code for _, unit in units if unit.credit_code)
    for shown, unit in units:
        if unit.credit_code and counts[unit.credit_code] > 1:
            yield at.problem(
                shown,
                ["credit_code"],
                f"统一社会信用代码 {unit.credit_code} 与其他单位重复",
                Severity.WARNING,
            )


RULES: tuple[Rule, ...] = (
    load_problems,
    file_names,
    duplicate_ids,
    references,
    hazard_history,
    on_the_spot,
    five_assurances,
    missing_deadline,
    settings_lists,
    duplicate_credit_codes,
)


def run_checks(ledger: Ledger, strict: bool = False, today: date | None = None) -> list[Problem]:
    """Every problem in the ledger, sorted by file and line; warnings become errors if strict.
    With today, a date of something done that lies after it is one (see check_ledger).

    A district is checked town by town (each a whole ledger), paths shown from the district.
    """
    found = check_ledger(ledger, today)
    return found.strict() if strict else found.problems


def check_district(
    scanned: Scan,
    *,
    use_cache: bool = True,
    progress: ProgressFn | None = None,
    loaded: Mapping[Path, Ledger] | None = None,
    today: date | None = None,
) -> Outcome:
    """A district's problems without loading it whole: each town's (remembered per state of
    that town, else the town alone is loaded and checked), paths shown from the district; and
    the district's own: record files kept in its folder, a record file two towns hold.
    `loaded` holds towns the caller has open already, by folder."""
    known = outcome.recall(scanned, today)
    if known is not None:
        return known
    found = [Problem(item.shown, 0, STRAY) for item in scanned.found]
    files = scanned.files
    owner: dict[str, str] = {}
    total = sum(town.files for town in scanned.towns)
    done = 0
    for town in scanned.towns:
        part = loaded.get(town.root) if loaded is not None else None
        checked = outcome.recall(town, today) if part is None else check_ledger(part, today)
        if checked is None:
            heard = None if progress is None else within(progress, done, total)
            checked = check_ledger(
                Ledger.open(town.root, use_cache=use_cache, progress=heard, scanned=town), today
            )
        prefix = label(scanned.root, town.root)
        found += [
            Problem(f"{prefix}/{p.path}", p.line, p.message, p.severity) for p in checked.problems
        ]
        files += checked.files
        for item in town.found:
            first = owner.setdefault(item.name, prefix)
            if first != prefix:
                record_id = item.name.removesuffix(".yaml")
                found.append(
                    Problem(f"{prefix}/{item.shown}", 0, held_twice(record_id, first, prefix))
                )
        done += town.files
        if progress is not None:
            progress(done, total)
    return outcome.remember(scanned, sorted(set(found)), files, today)


def check_ledger(ledger: Ledger, today: date | None = None) -> Outcome:
    """Every problem of the ledger, from the memo when the ledger has not changed since. A
    district loaded whole is checked as check_district checks one, with its towns as loaded.

    With today (the CLI passes the clock's), a record dated after it is a problem, as add-*
    and the import refuse one; without, dates are held only to 2000–2099."""
    if ledger.parts and ledger.scanned is not None:
        loaded = {part.root: part for part in ledger.parts}
        return check_district(ledger.scanned, loaded=loaded, today=today)
    known = outcome.recall(ledger.scanned, today) if ledger.scanned is not None else None
    if known is not None:
        return known
    found = [problem for rule in RULES for problem in rule(ledger)]
    found += ledger_rules(ledger, today)
    problems = sorted(set(found))
    files = len(ledger.entries) + len(ledger.problems)
    if ledger.scanned is None:
        return outcome.Outcome(problems, files)
    return outcome.remember(ledger.scanned, problems, files, today)
