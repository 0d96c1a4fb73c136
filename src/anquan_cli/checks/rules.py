"""The rules `anquan check` runs, each a small function over a loaded ledger."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from typing import TypeVar

from anquan_cli.errors import Problem, Severity
from anquan_cli.model import lifecycle
from anquan_cli.model.enums import Action, Level, Status
from anquan_cli.model.ids import ID_PATTERN, year_of_id
from anquan_cli.model.records import (
    Accident,
    Enterprise,
    Hazard,
    Inspection,
    Patrol,
    Penalty,
    Record,
    SelfCheck,
    Submission,
)
from anquan_cli.model.rules import Context, refusals
from anquan_cli.stats.figures import is_quiet
from anquan_cli.store.ledger import Ledger
from anquan_cli.store.lines import Locator
from anquan_cli.store.paths import FLAT_KINDS, SETTINGS_FILE

Rule = Callable[[Ledger], Iterator[Problem]]
R = TypeVar("R", bound=Record)


def _of(ledger: Ledger, model: type[R]) -> Iterator[tuple[str, R]]:
    """Each record of that model with its own file: two files may hold the same ID, and a
    problem is named in the file it is in."""
    for entry in ledger.entries:
        if isinstance(entry.record, model):
            yield entry.path, entry.record


def load_problems(ledger: Ledger) -> Iterator[Problem]:
    yield from ledger.problems


def file_names(ledger: Ledger) -> Iterator[Problem]:
    at = Locator(ledger.root)
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
    at = Locator(ledger.root)
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
        if isinstance(record, Inspection | Hazard | Penalty | Accident | SelfCheck):
            yield from missing(shown, "enterprise", record.enterprise, Enterprise)
        if isinstance(record, Patrol):
            yield from missing(shown, "point", record.point, Enterprise)
        if isinstance(record, Hazard | Penalty):
            yield from missing(shown, "inspection", record.inspection, Inspection)
        if isinstance(record, Hazard):
            yield from missing(shown, "patrol", record.patrol, Patrol)
            yield from missing(shown, "self_check", record.self_check, SelfCheck)
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
    at = Locator(ledger.root)
    for shown, hazard in _of(ledger, Hazard):
        history = hazard.history
        # the dates of the steps (in order, 发现 on the found date) are model/rules.py's
        if not history or history[0].action is not Action.FOUND:
            yield at.problem(shown, ["history"], "历程应以“发现”开始")
        else:
            impossible = _first_impossible_step(hazard)
            if impossible is not None:
                index, message = impossible
                yield at.problem(shown, ["history", index, "action"], message)
        if hazard.status is not (replayed := lifecycle.state_of(hazard)):
            yield at.problem(
                shown,
                ["status"],
                f"状态 {hazard.status} 与历程不符（按历程应为 {replayed}；"
                "各项统计、列表和台账均按历程计）",
            )


def on_the_spot(ledger: Ledger) -> Iterator[Problem]:
    """A hazard marked 当场整改 was rectified the day it was found and had no deadline."""
    at = Locator(ledger.root)
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
    at = Locator(ledger.root)
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
    at = Locator(ledger.root)
    for shown, hazard in _of(ledger, Hazard):
        if (
            hazard.deadline is None
            and hazard.level is Level.GENERAL
            and lifecycle.state_of(hazard) is Status.OPEN
        ):
            yield at.problem(shown, ["description"], "隐患未设整改期限", Severity.WARNING)


def settings_lists(ledger: Ledger) -> Iterator[Problem]:
    """anquan.yaml's own lists: no two offices with one ID code, and sectors not empty."""
    at = Locator(ledger.root)
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
    """The rules every record must meet in its ledger (model/rules.py: text, settings lists,
    dates against today and against what a record cites), the same the add-* commands and
    the import refuse a record for."""
    at = Locator(ledger.root)
    context = Context(ledger.settings, today, ledger.by_id.get)
    for entry in ledger.entries:
        for loc, message in refusals(entry.record, context):
            yield at.problem(entry.path, list(loc), message)


def quiet_patrols(ledger: Ledger) -> Iterator[Problem]:
    """A village whose patrols of a quarter, at least patrol_quiet_after of them, all found
    nothing (巡查记录均为无隐患): a warning at the village's last patrol of that quarter."""
    cited = {h.patrol for h in ledger.hazards if h.patrol}
    rounds: dict[tuple[str, int, int], list[tuple[str, Patrol]]] = {}
    for shown, patrol in _of(ledger, Patrol):
        quarter = (patrol.village, patrol.date.year, (patrol.date.month - 1) // 3 + 1)
        rounds.setdefault(quarter, []).append((shown, patrol))
    after = ledger.settings.patrol_quiet_after
    at = Locator(ledger.root)
    for (village, year, number), patrols in sorted(rounds.items()):
        quiet = sum(p.id not in cited for _, p in patrols)
        if is_quiet(len(patrols), quiet, after):
            shown, _ = max(patrols, key=lambda item: (item[1].date, item[1].id))
            yield at.problem(
                shown,
                ["village"],
                f"{village}{year}年第{number}季度巡查{len(patrols)}次，均未发现隐患"
                f"（巡查记录均为无隐患，达到 patrol_quiet_after={after}）",
                Severity.WARNING,
            )


def submissions(ledger: Ledger) -> Iterator[Problem]:
    """A party's second submission of a month, as `submit` refuses it (each file names the
    other); a submission's other rules are model/rules.py's, run with every record's."""
    from anquan_cli.model.reporting import second_submission

    at = Locator(ledger.root)
    handed = ledger.submissions
    for shown, item in _of(ledger, Submission):
        if (message := second_submission(item, handed)) is not None:
            yield at.problem(shown, ["month"], message)


def assessment_names(ledger: Ledger) -> Iterator[Problem]:
    """考核 names a unit the ledger does not hold, or takes 扣分 from an office or a village
    its lists do not name."""
    rules = ledger.settings.assessment
    if rules is None:
        return
    at = Locator(ledger.root)
    known = {u.id for u in ledger.enterprises} | {u.name for u in ledger.enterprises}
    for index, unit in enumerate(rules.units):
        if unit not in known:
            yield at.problem(
                SETTINGS_FILE,
                ["assessment", "units", index],
                f"考核的单位“{unit}”不在台账中（写单位编号或完整名称）",
            )
    offices = [o.name for o in ledger.settings.offices or ()]
    villages = list(ledger.settings.villages or ())
    for index, cut in enumerate(rules.deductions):
        for key, name, allowed in (
            ("office", cut.office, offices),
            ("village", cut.village, villages),
            ("unit", cut.unit, known),
        ):
            if name is not None and allowed and name not in allowed:
                yield at.problem(
                    SETTINGS_FILE,
                    ["assessment", "deductions", index, key],
                    f"扣分的对象“{name}”不在台账设置或单位中",
                )


def duplicate_credit_codes(ledger: Ledger) -> Iterator[Problem]:
    at = Locator(ledger.root)
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


def duplicate_doc_numbers(ledger: Ledger) -> Iterator[Problem]:
    """A 文号 `anquan doc` gave that another document also holds (two clones of one office,
    or a number copied by hand): the paper no longer names one document."""
    at = Locator(ledger.root)
    numbered: list[tuple[str, Inspection | Hazard]] = [
        *_of(ledger, Inspection),
        *_of(ledger, Hazard),
    ]
    held = [
        (shown, record, kind, number)
        for shown, record in numbered
        for kind, number in record.documents.items()
    ]
    counts = Counter(number for *_, number in held)
    for shown, record, kind, number in held:
        if counts[number] > 1:
            others = sorted(
                other.id for _, other, k, n in held if n == number and (other, k) != (record, kind)
            )
            yield at.problem(
                shown,
                ["documents", kind],
                f"文号 {number} 与 {'、'.join(others)} 的文书重复",
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
    quiet_patrols,
    submissions,
    assessment_names,
    duplicate_credit_codes,
    duplicate_doc_numbers,
)


def run_rules(ledger: Ledger, today: date | None = None) -> list[Problem]:
    """Every problem the rules find in one loaded ledger, sorted by file and line (opening
    ledgers, a district's towns and remembering outcomes are api/checking's). With today (the
    CLI passes the clock's), a record dated after it is a problem, as add-* and the import
    refuse one; without, dates are held only to 2000–2099."""
    found = {problem for rule in RULES for problem in rule(ledger)}
    found.update(ledger_rules(ledger, today))
    return sorted(found)


def run_checks(ledger: Ledger, strict: bool = False, today: date | None = None) -> list[Problem]:
    """`run_rules`, with every warning made an error if strict."""
    found = run_rules(ledger, today)
    if not strict:
        return found
    return sorted({Problem(p.path, p.line, p.message, Severity.ERROR) for p in found})
