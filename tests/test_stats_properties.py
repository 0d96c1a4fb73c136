"""Identities every report must satisfy, for generated ledgers, periods and as-of dates."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from anquan_cli.model.enums import ActivityKind, HazardSource, Level, SelfCheckLevel, Status
from anquan_cli.model.lifecycle import (
    StepRefused,
    fixed_on_spot_step,
    found_step,
    is_done_on,
    is_overdue_on,
    rectify,
    state_after,
    state_on,
    verify,
)
from anquan_cli.model.records import (
    Accident,
    Activity,
    Enterprise,
    Hazard,
    Inspection,
    Patrol,
    Penalty,
    Plan,
    Record,
    SelfCheck,
)
from anquan_cli.model.settings import Settings
from anquan_cli.stats.explain import explain
from anquan_cli.stats.figures import FIGURES
from anquan_cli.stats.periods import Period, date_range
from anquan_cli.stats.summary import summarize

SETTINGS = Settings(name="测试镇", code="CS", villages=("甲村", "乙村"), leaders=("甲", "乙"))
SECTORS = ["工贸", "自建房", "九小场所", None]
VILLAGES = ["甲村", "乙村", "丙村", None]
OFFICES = ["应急办", "经发办", None]
START = date(2024, 1, 1)


def day(rng: random.Random, span: int = 600) -> date:
    return START + timedelta(days=rng.randrange(span))


def ledger(seed: int) -> list[Record]:
    """A random but valid ledger: units, inspections, hazards with real histories, and more."""
    rng = random.Random(seed)
    units = [
        Enterprise(
            id=f"CS-E-2401-YJB{n:02d}",
            name=f"单位{n}",
            sector=rng.choice(SECTORS),
            village=rng.choice(VILLAGES),
            office=rng.choice(OFFICES),
        )
        for n in range(1, rng.randint(1, 8) + 1)
    ]
    made: list[Record] = list(units)
    for n in range(rng.randint(0, 15)):
        made.append(
            Inspection(
                id=f"CS-I-2401-YJB{n + 1:02d}",
                enterprise=rng.choice(units).id,
                date=day(rng),
                leader=rng.choice(["甲", "乙", "丙", None]),
                inspectors=rng.sample(["子", "丑", "寅", "卯"], rng.randint(0, 3)),
                office=rng.choice(OFFICES),
            )
        )
    for n in range(rng.randint(0, 15)):
        found = day(rng)
        hazard = Hazard(
            id=f"CS-H-2401-YJB{n + 1:02d}",
            enterprise=rng.choice(units).id,
            found=found,
            description="隐患",
            level=rng.choice(list(Level)),
            deadline=found + timedelta(days=rng.randint(0, 60)) if rng.random() < 0.8 else None,
            history=[found_step(found)],
        )
        when = found
        for _ in range(rng.randint(0, 4)):
            when += timedelta(days=rng.randint(0, 40))
            try:
                if rng.random() < 0.5:
                    hazard = rectify(hazard, when)
                else:
                    hazard = verify(hazard, when, by="子", passed=rng.random() < 0.5)
            except StepRefused:
                continue
        made.append(hazard)
    for n in range(rng.randint(0, 4)):
        made.append(
            Penalty(
                id=f"CS-P-2401-YJB{n + 1:02d}",
                enterprise=rng.choice(units).id,
                date=day(rng),
                fine=Decimal(rng.randint(0, 50000)) / 100,
            )
        )
    for n in range(rng.randint(0, 3)):
        made.append(
            Accident(
                id=f"CS-A-2401-YJB{n + 1:02d}",
                date=day(rng),
                domain=rng.choice(["道路运输", "消防"]),
                enterprise=rng.choice(units).id if rng.random() < 0.5 else None,
                deaths=rng.randint(0, 2),
                injuries=rng.randint(0, 3),
            )
        )
    for n in range(rng.randint(0, 6)):
        made.append(
            Activity(
                id=f"CS-W-2401-YJB{n + 1:02d}",
                date=day(rng),
                kind=rng.choice(list(ActivityKind)),
                leader=rng.choice(["甲", "乙", None]),
                count=rng.randint(1, 3),
            )
        )
    return made + office_work(rng, units)


def _lived(rng: random.Random, hazard: Hazard) -> Hazard:
    """The hazard after a few random steps of its life (refused ones skipped)."""
    when = hazard.history[-1].date
    for _ in range(rng.randint(0, 3)):
        when += timedelta(days=rng.randint(0, 40))
        try:
            if rng.random() < 0.5:
                hazard = rectify(hazard, when)
            else:
                hazard = verify(hazard, when, by="子", passed=rng.random() < 0.5)
        except StepRefused:
            continue
    return hazard


def office_work(rng: random.Random, units: list[Enterprise]) -> list[Record]:
    """Patrols, self-checks, patrol plans and the hazards they and other sources found, at
    units and at places with no unit, some fixed on the spot."""
    made: list[Record] = []
    patrols = [
        Patrol(
            id=f"CS-X-2401-YJB{n + 1:02d}",
            date=day(rng),
            village=rng.choice(["甲村", "乙村", "丙村"]),
            point=rng.choice(units).id if rng.random() < 0.3 else None,
            by=rng.sample(["子", "丑", "寅"], rng.randint(1, 3)),
            office=rng.choice(OFFICES),
        )
        for n in range(rng.randint(0, 14))
    ]
    checks = [
        SelfCheck(
            id=f"CS-Z-2401-YJB{n + 1:02d}",
            enterprise=rng.choice(units).id,
            date=day(rng),
            level=rng.choice([*SelfCheckLevel, None]),
        )
        for n in range(rng.randint(0, 8))
    ]
    made += [*patrols, *checks]
    for n in range(rng.randint(0, 3)):
        made.append(
            Plan(
                id=f"CS-J-2401-YJB{n + 1:02d}",
                village=rng.choice(["甲村", "乙村"]),
                month=f"2024-{rng.randint(1, 12):02d}",
                patrols=rng.randint(0, 10),
            )
        )
    for n in range(rng.randint(0, 12)):
        cited: Patrol | SelfCheck | None = rng.choice([*patrols, *checks, None])
        source = (
            HazardSource.PATROL
            if isinstance(cited, Patrol)
            else HazardSource.SELF_CHECK
            if isinstance(cited, SelfCheck)
            else rng.choice(list(HazardSource))
        )
        found = cited.date if cited is not None else day(rng)
        at_place = not isinstance(cited, SelfCheck) and rng.random() < 0.4
        on_spot = rng.random() < 0.3
        history = [found_step(found)] + ([fixed_on_spot_step(found)] if on_spot else [])
        hazard = Hazard(
            id=f"CS-H-2402-YJB{n + 1:02d}",
            enterprise=None if at_place else getattr(cited, "enterprise", rng.choice(units).id),
            village=rng.choice(VILLAGES) if at_place else None,
            place="滑坡体" if at_place else None,
            sector=rng.choice(["地质灾害", None]) if at_place else None,
            office=rng.choice(OFFICES) if at_place else None,
            found=found,
            description="隐患",
            level=rng.choice(list(Level)),
            deadline=None if on_spot else found + timedelta(days=rng.randint(0, 60)),
            patrol=cited.id if isinstance(cited, Patrol) else None,
            self_check=cited.id if isinstance(cited, SelfCheck) else None,
            source=source,
            on_the_spot=on_spot,
            status=state_after(history[-1].action),
            history=history,
        )
        made.append(_lived(rng, hazard))
    return made


periods = st.builds(
    lambda start, length, late: date_range(
        start, start + timedelta(days=length), start + timedelta(days=late)
    ),
    st.dates(min_value=date(2023, 10, 1), max_value=date(2025, 6, 30)),
    st.integers(0, 200),
    st.integers(0, 400),
)
ADDITIVE = [k for k in FIGURES]


@settings(max_examples=120, deadline=None)
@given(seed=st.integers(0, 2**32), period=periods)
def test_report_identities_hold(seed: int, period: Period) -> None:
    records = ledger(seed)
    town_of = {r.id: "东镇" if int(r.id[-1]) % 2 else "西镇" for r in records}
    summary = summarize(records, period, settings=SETTINGS, town_of=town_of)
    t = summary.totals
    assert t.hazards_found == t.hazards_rectified + t.hazards_open
    assert t.hazards_overdue <= t.hazards_open
    assert t.hazards_closed <= t.hazards_rectified
    assert t.hazards_major <= t.hazards_found
    assert t.enterprises_inspected <= t.inspections
    assert (t.rectification_rate is None) == (t.hazards_found == 0)
    found_any = [r for r in records if isinstance(r, Hazard) and period.contains(r.found)]
    assert t.hazards_found + t.self_check_hazards == len(found_any)
    assert sum(s["hazards"] for s in summary.by_source.values()) == len(found_any)
    assert sum(s["hazards_rectified"] for s in summary.by_source.values()) == (
        t.hazards_rectified + t.self_check_hazards_rectified
    )
    assert summary.by_source["企业自查"]["hazards"] == t.self_check_hazards
    assert t.self_check_hazards_rectified <= t.self_check_hazards
    assert t.hazards_fixed_on_spot <= t.hazards_found
    assert t.patrols_without_findings <= t.patrols <= t.patrol_visits
    assert t.units_self_checked <= t.self_checks
    for village, times in summary.quiet_villages.items():
        counts = summary.by_village[village]
        assert times == counts.patrols == counts.patrols_without_findings
        assert times >= SETTINGS.patrol_quiet_after
    for group in (summary.by_sector, summary.by_village, summary.by_office, summary.by_town):
        assert group is not None
        for key in ADDITIVE:
            parts = sum((getattr(c, key) for c in group.values()), start=0)
            assert parts == getattr(t, key), key
    data = summary.to_dict()
    led = sum(counts["带队检查"] for counts in data["leaders"].values())
    assert led >= sum(
        1 for r in records if isinstance(r, Inspection) and r.leader and period.contains(r.date)
    )


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32), period=periods)
def test_figures_agree_with_the_hazards_own_replay(seed: int, period: Period) -> None:
    """Counting hazard by hazard with the one replay (model/lifecycle) gives the same figures."""
    records = ledger(seed)
    hazards = [
        r
        for r in records
        if isinstance(r, Hazard) and period.contains(r.found) and r.source != "企业自查"
    ]
    totals = summarize(records, period, settings=SETTINGS).totals
    assert totals.hazards_found == len(hazards)
    assert totals.hazards_rectified == sum(is_done_on(h, period.as_of) for h in hazards)
    assert totals.hazards_closed == sum(state_on(h, period.as_of) is Status.CLOSED for h in hazards)
    assert totals.hazards_overdue == sum(is_overdue_on(h, period.as_of) for h in hazards)
    backlog = [
        r
        for r in records
        if isinstance(r, Hazard)
        and r.found < period.start
        and not is_done_on(r, period.as_of)
        and r.source != "企业自查"
    ]
    assert totals.backlog_open == len(backlog)
    visits = [r for r in records if isinstance(r, Inspection) and period.contains(r.date)]
    assert totals.inspector_visits == sum(len(v.inspectors) for v in visits)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32), period=periods)
def test_explain_agrees_with_the_totals(seed: int, period: Period) -> None:
    records = ledger(seed)
    totals = summarize(records, period, settings=SETTINGS).to_dict()["totals"]
    for key in FIGURES:
        assert explain(key, records, period, settings=SETTINGS).value == totals[key], key


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32), period=periods)
def test_patrols_never_change_inspections_nor_inspection_plans(seed: int, period: Period) -> None:
    records = ledger(seed)
    without = [r for r in records if not isinstance(r, Patrol)]
    with_patrols = summarize(records, period, settings=SETTINGS)
    alone = summarize(without, period, settings=SETTINGS)
    for key in ("inspections", "enterprises_inspected", "inspector_visits"):
        assert getattr(with_patrols.totals, key) == getattr(alone.totals, key), key
    assert with_patrols.plans == alone.plans
    patrols = [r for r in records if isinstance(r, Patrol) and period.contains(r.date)]
    assert with_patrols.totals.patrols == len(patrols)
    assert with_patrols.totals.patrol_visits == sum(len(p.by) for p in patrols)
    cited = {r.patrol for r in records if isinstance(r, Hazard) and r.found <= period.as_of}
    quiet = [p for p in patrols if p.id not in cited]
    assert with_patrols.totals.patrols_without_findings == len(quiet)
