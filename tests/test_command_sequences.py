"""Any sequence of record commands leaves a ledger that `check` passes."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from anquan_cli.checks.rules import run_checks
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
