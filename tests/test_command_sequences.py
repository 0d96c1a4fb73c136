"""Any sequence of record commands leaves a ledger that `check` passes."""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, timedelta
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from anquan_cli.checks.rules import run_checks
from anquan_cli.cli.app import main
from anquan_cli.model.enums import Level, RecordKind, Status
from anquan_cli.model.lifecycle import StepRefused, found_step, rectify, state_of, verify
from anquan_cli.model.records import Enterprise, Hazard
from anquan_cli.store.create import create_ledger
from anquan_cli.store.ledger import Ledger
from anquan_cli.store.office import Office
from anquan_cli.store.settings_file import read_settings
from anquan_cli.store.writer import Writer

START = date(2024, 1, 1)


class LedgerCommands(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="anquan-seq-"))
        create_ledger(self.folder / "l", "东溪镇", "应急办")
        self.root = self.folder / "l"
        self.writer = Writer(
            self.root, read_settings(self.root), Office("应急办", "YJB"), commit=False
        )
        self.units: list[str] = []
        self.hazards: list[str] = []

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(name=st.sampled_from(["兴源化工", "东溪加油站", "老街小餐馆"]))
    def add_unit(self, name: str) -> None:
        unit = self.writer.create(
            RecordKind.ENTERPRISE,
            START,
            lambda i: Enterprise(id=i, name=f"{name}{len(self.units)}"),
            "x",
        )
        self.units.append(unit.id)

    @precondition(lambda self: self.units)
    @rule(data=st.data(), offset=st.integers(0, 400), major=st.booleans())
    def add_hazard(self, data: st.DataObject, offset: int, major: bool) -> None:
        unit = data.draw(st.sampled_from(self.units))
        found = START + timedelta(days=offset)
        hazard = self.writer.create(
            RecordKind.HAZARD,
            found,
            lambda i: Hazard(
                id=i,
                enterprise=unit,
                found=found,
                description="隐患",
                level=Level.MAJOR if major else Level.GENERAL,
                deadline=found + timedelta(days=15),
                history=[found_step(found)],
            ),
            "x",
        )
        self.hazards.append(hazard.id)

    @precondition(lambda self: self.hazards)
    @rule(
        data=st.data(),
        days=st.integers(-5, 60),
        passed=st.booleans(),
        step=st.sampled_from(["rectify", "verify"]),
    )
    def advance(self, data: st.DataObject, days: int, passed: bool, step: str) -> None:
        before = self.writer.read(data.draw(st.sampled_from(self.hazards)), Hazard)
        day = before.history[-1].date + timedelta(days=days)
        try:
            after = (
                rectify(before, day) if step == "rectify" else verify(before, day, "张伟", passed)
            )
        except StepRefused:
            return
        self.writer.update(before, after, "x")
        assert self.writer.read(after.id, Hazard).status is after.status

    @invariant()
    def ledger_passes_check(self) -> None:
        book = Ledger.open(self.root)
        errors = [p for p in run_checks(book) if p.is_error]
        assert errors == []
        for hazard in book.hazards:
            assert hazard.status is state_of(hazard)
            assert hazard.status in Status


LedgerCommands.TestCase.settings = settings(max_examples=25, stateful_step_count=12, deadline=None)
test_any_sequence_of_commands_passes_check = LedgerCommands.TestCase


# Hostile text through the real command line ----------------------------------------------

PLAIN_TEXT = st.one_of(
    st.sampled_from(["兴源化工", "东溪加油站", "张伟", "东溪村", "危险化学品", "消防通道堵塞"]),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=8),
)
ODD_TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "兴源\x1b[2J化工",
            "东溪\u202e加油站",
            "老街\u2066小餐馆",
            "第一行\n第二行",
            "制表\t符",
            "回车\r符",
            "响铃\x07",
            "\x00",
            "\u2028",
            "",
            "   ",
            "名" * 201,
            "描" * 2001,
            "100.555",
            "-1",
            "东溪村",
            "危险化学品",
            "多行\n文字",
        ]
    ),
)
HOSTILE_TEXT = st.one_of(PLAIN_TEXT, PLAIN_TEXT, ODD_TEXT)
"""Mostly text a clerk types, a third of it what a careless or hostile one does."""


def listed(*values: str) -> st.SearchStrategy[str]:
    """A value of an anquan.yaml list, most of the time."""
    return st.one_of(st.sampled_from(values), st.sampled_from(values), HOSTILE_TEXT)


VILLAGES = listed("东溪村", "西岭村")
LEADERS = listed("张伟", "李娜")
SECTORS = listed("危险化学品", "消防", "自建房")
GOOD_DAYS = st.sampled_from(["2024-10-01", "2024-10-15", "2024-11-20", "2025-01-05"])
ODD_DAYS = st.sampled_from(
    ["1999-12-31", "2000-01-01", "2024-02-30", "2100-01-01", "昨天"]
    + [(date.today() + timedelta(days=n)).isoformat() for n in (-1, 0, 1)]
)
DAYS = st.one_of(GOOD_DAYS, GOOD_DAYS, ODD_DAYS)
MONEY = st.sampled_from(["0", "500", "100.55", "1,000.5", "100.555", "-3", "1e20", "abc"])


class HostileCommands(RuleBasedStateMachine):
    """Commands a careless or hostile colleague types, with odd text in every field: each one
    either writes a record `check` accepts or is refused in one Chinese line (no traceback),
    and the ledger passes `check` after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="anquan-hostile-"))
        self.saved_env = {k: os.environ.get(k) for k in ("HOME", "GIT_CONFIG_NOSYSTEM")}
        self.saved_env["ANQUAN_OFFICE"] = os.environ.pop("ANQUAN_OFFICE", None)
        (self.folder / "home").mkdir()
        os.environ["HOME"] = str(self.folder / "home")
        os.environ["GIT_CONFIG_NOSYSTEM"] = "1"
        self.root = self.folder / "l"
        settings_text = "villages: [东溪村, 西岭村]\nleaders: [张伟, 李娜]\n"
        assert self.anquan("init", str(self.root), "--name", "东溪镇") == 0
        with (self.root / "anquan.yaml").open("a", encoding="utf-8") as handle:
            handle.write(settings_text)
        # one unit, inspection and hazard to start from, so every rule can run from the first step
        self.units = [self.add("add-enterprise", "--name", "兴源化工", optional={}) or ""]
        self.visits = [
            self.add("add-inspection", "-e", self.units[0], "--date", "2024-10-15", optional={})
            or ""
        ]
        self.hazards = [
            self.add(
                "add-hazard", "--inspection", self.visits[0], "-d", "消防通道堵塞", optional={}
            )
            or ""
        ]
        assert all(self.units + self.visits + self.hazards)
        self.patrols: list[str] = []

    def teardown(self) -> None:
        for key, value in self.saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(self.folder, ignore_errors=True)

    def anquan(self, *args: str) -> int:
        """Run one command in this process; a refusal is one Chinese line, never a traceback."""
        out, err = io.StringIO(), io.StringIO()
        argv = sys.argv
        sys.argv = ["anquan", *args]
        code = 0
        try:
            with redirect_stdout(out), redirect_stderr(err):
                try:
                    main()
                except SystemExit as done:
                    code = done.code if isinstance(done.code, int) else 1
        finally:
            sys.argv = argv
        self.last = out.getvalue().strip()
        said = err.getvalue()
        assert code in (0, 1, 2), (args, code, said)
        if code:
            assert said.startswith("错误：") and said.count("\n") == 1, (args, said)
            assert "Traceback" not in said and "\x1b" not in said and "\u202e" not in said
        return code

    def add(self, command: str, *args: str, optional: dict[str, str | None]) -> str | None:
        extra = [
            part for flag, value in optional.items() if value is not None for part in (flag, value)
        ]
        code = self.anquan(command, *args, *extra, "--ledger", str(self.root), "--no-commit")
        return self.last if code == 0 else None

    @rule(name=HOSTILE_TEXT, address=st.none() | HOSTILE_TEXT, village=st.none() | VILLAGES)
    def add_enterprise(self, name: str, address: str | None, village: str | None) -> None:
        made = self.add(
            "add-enterprise", "--name", name, optional={"--address": address, "--village": village}
        )
        if made:
            self.units.append(made)

    @precondition(lambda self: self.units)
    @rule(data=st.data(), day=DAYS, leader=st.none() | HOSTILE_TEXT, note=st.none() | HOSTILE_TEXT)
    def add_inspection(
        self, data: st.DataObject, day: str, leader: str | None, note: str | None
    ) -> None:
        unit = data.draw(st.sampled_from(self.units))
        made = self.add(
            "add-inspection",
            "-e",
            unit,
            "--date",
            day,
            optional={"--leader": leader, "--note": note},
        )
        if made:
            self.visits.append(made)

    @precondition(lambda self: self.units)
    @rule(
        data=st.data(),
        description=HOSTILE_TEXT,
        found=st.none() | DAYS,
        deadline=st.none() | DAYS,
        funds=st.none() | MONEY,
        measures=st.none() | HOSTILE_TEXT,
        doc=st.none() | HOSTILE_TEXT,
    )
    def add_hazard(
        self,
        data: st.DataObject,
        description: str,
        found: str | None,
        deadline: str | None,
        funds: str | None,
        measures: str | None,
        doc: str | None,
    ) -> None:
        unit = data.draw(st.sampled_from(self.units))
        visit = data.draw(st.none() | st.sampled_from(self.visits)) if self.visits else None
        made = self.add(
            "add-hazard",
            "-e",
            unit,
            "-d",
            description,
            optional={
                "--found": found,
                "--inspection": visit,
                "--deadline": deadline,
                "--funds": funds,
                "--measures": measures,
                "--supervision-doc": doc,
            },
        )
        if made:
            self.hazards.append(made)

    @precondition(lambda self: self.hazards)
    @rule(
        data=st.data(),
        day=DAYS,
        by=LEADERS,
        note=st.none() | HOSTILE_TEXT,
        step=st.sampled_from(["rectify", "verify", "verify --fail"]),
    )
    def advance(self, data: st.DataObject, day: str, by: str, note: str | None, step: str) -> None:
        hazard = data.draw(st.sampled_from(self.hazards))
        self.add(*step.split(), hazard, "--date", day, "--by", by, optional={"--note": note})

    @precondition(lambda self: self.units)
    @rule(data=st.data(), day=DAYS, fine=MONEY, reason=st.none() | HOSTILE_TEXT)
    def add_penalty(self, data: st.DataObject, day: str, fine: str, reason: str | None) -> None:
        unit = data.draw(st.sampled_from(self.units))
        hazard = data.draw(st.none() | st.sampled_from(self.hazards)) if self.hazards else None
        visit = data.draw(st.none() | st.sampled_from(self.visits)) if self.visits else None
        self.add(
            "add-penalty",
            "-e",
            unit,
            "--date",
            day,
            "--fine",
            fine,
            optional={"--reason": reason, "--hazard": hazard, "--inspection": visit},
        )

    @rule(day=DAYS, domain=SECTORS, place=st.none() | HOSTILE_TEXT, summary=HOSTILE_TEXT)
    def add_accident(self, day: str, domain: str, place: str | None, summary: str) -> None:
        self.add(
            "add-accident",
            "--date",
            day,
            "--domain",
            domain,
            optional={"--place": place, "--summary": summary},
        )

    @rule(day=DAYS, leader=st.none() | LEADERS, note=st.none() | HOSTILE_TEXT)
    def add_activity(self, day: str, leader: str | None, note: str | None) -> None:
        self.add(
            "add-activity",
            "--date",
            day,
            "--kind",
            "专题会议",
            optional={"--leader": leader, "--note": note},
        )

    @rule(
        office=HOSTILE_TEXT,
        month=st.sampled_from(["2024-11", "2025-01", "2024-11", "2100-01", "1999-12", "2024-13"]),
    )
    def add_plan(self, office: str, month: str) -> None:
        self.add(
            "add-plan", "--office", office, "--month", month, "--inspections", "3", optional={}
        )

    @rule(
        day=DAYS,
        village=VILLAGES,
        by=HOSTILE_TEXT,
        kind=st.none() | listed("日常巡查", "走山走水"),
        note=st.none() | HOSTILE_TEXT,
    )
    def add_patrol(
        self, day: str, village: str, by: str, kind: str | None, note: str | None
    ) -> None:
        made = self.add(
            "add-patrol",
            "--date",
            day,
            "--village",
            village,
            "--by",
            by,
            optional={"--kind": kind, "--note": note},
        )
        if made:
            self.patrols.append(made)

    @precondition(lambda self: self.units)
    @rule(data=st.data(), day=DAYS, by=st.none() | HOSTILE_TEXT, note=st.none() | HOSTILE_TEXT)
    def add_self_check(
        self, data: st.DataObject, day: str, by: str | None, note: str | None
    ) -> None:
        unit = data.draw(st.sampled_from(self.units))
        self.add("add-self-check", "-e", unit, "--date", day, optional={"--by": by, "--note": note})

    @rule(
        data=st.data(),
        place=HOSTILE_TEXT,
        village=st.none() | VILLAGES,
        description=HOSTILE_TEXT,
        day=st.none() | DAYS,
    )
    def add_place_hazard(
        self,
        data: st.DataObject,
        place: str,
        village: str | None,
        description: str,
        day: str | None,
    ) -> None:
        patrol = data.draw(st.none() | st.sampled_from(self.patrols)) if self.patrols else None
        made = self.add(
            "add-hazard",
            "--place",
            place,
            "-d",
            description,
            optional={"--village": village, "--found": day, "--patrol": patrol},
        )
        if made:
            self.hazards.append(made)

    @rule(
        data=st.data(),
        person=HOSTILE_TEXT,
        domain=st.none() | SECTORS,
        village=st.none() | VILLAGES,
        day=DAYS,
        fine=MONEY,
    )
    def add_person_penalty(
        self,
        data: st.DataObject,
        person: str,
        domain: str | None,
        village: str | None,
        day: str,
        fine: str,
    ) -> None:
        hazard = data.draw(st.none() | st.sampled_from(self.hazards)) if self.hazards else None
        self.add(
            "add-penalty",
            "--person",
            person,
            "--date",
            day,
            "--fine",
            fine,
            optional={"--domain": domain, "--village": village, "--hazard": hazard},
        )

    @rule(
        data=st.data(),
        field=st.sampled_from(
            [
                "name",
                "village",
                "address",
                "状态",
                "found",
                "deadline",
                "description",
                "date",
                "leader",
                "inspection",
                "responsible",
                "funds",
            ]
        ),
        value=st.one_of(HOSTILE_TEXT, DAYS, VILLAGES, MONEY),
    )
    def set_field(self, data: st.DataObject, field: str, value: str) -> None:
        record = data.draw(st.sampled_from(self.units + self.visits + self.hazards))
        self.anquan("set", record, f"{field}={value}", "--ledger", str(self.root), "--no-commit")

    @rule(name=HOSTILE_TEXT)
    def set_office(self, name: str) -> None:
        self.anquan("office", "set", name, "--ledger", str(self.root))

    @invariant()
    def ledger_passes_check(self) -> None:
        book = Ledger.open(self.root, use_cache=False)
        errors = [p.render() for p in run_checks(book, today=date.today()) if p.is_error]
        assert errors == []


HostileCommands.TestCase.settings = settings(max_examples=15, stateful_step_count=10, deadline=None)
test_hostile_text_through_every_command_passes_check = HostileCommands.TestCase
