#!/usr/bin/env python3
"""Generate a realistic ledger, or a district of town ledgers, for benchmarking anquan.

    python bench/generate.py OUT --towns 10 --enterprises 20000 --inspections 60000 \\
        --hazards 120000 --seed 1
    python bench/generate.py OUT --hazards 12000 --photos 10000    # with attachments/

Counts are totals, split evenly over the towns. With --towns 1, OUT is one town ledger; with
more, OUT is a district: its anquan.yaml lists `towns:` and each town is a ledger folder below
it. Records are built as the models, with names, sectors, villages, offices, leaders, dates,
states and hazard histories spread like examples/dongxi (examples/build.py), and written
through the store's own YAML writer (store.writer.render_new) into the paths the store uses.
The fast path: no lock, no fsync and no git commit per record (the ledgers are not git
repositories); writing is spread over every core. Output is deterministic for a seed.
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import os
import random
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from anquan_cli.model.attachments import Attachment, AttachmentIndex, AttachmentKind, MediaType
from anquan_cli.model.credit_code import ALPHABET, make_code
from anquan_cli.model.enums import ActivityKind, HazardSource, Level, RecordKind, RiskLevel
from anquan_cli.model.ids import format_id, id_prefix
from anquan_cli.model.lifecycle import fixed_on_spot_step, found_step
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
    Supervision,
)
from anquan_cli.store.atomic import write_atomic
from anquan_cli.store.attachments import FOLDER, index_name, render_index, stored_name
from anquan_cli.store.paths import SETTINGS_FILE, record_path
from anquan_cli.store.writer import render_new
from anquan_cli.store.yamlwrite import dump, plain

_EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "build.py"
_spec = importlib.util.spec_from_file_location("anquan_example_build", _EXAMPLE)
assert _spec is not None and _spec.loader is not None
example = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(example)

FIRST_YEAR, LAST_YEAR = 2022, 2024
AS_OF = date(LAST_YEAR, 12, 31)

TOWNS = [
    ("东溪镇", "DX"), ("西岭镇", "XL"), ("白云乡", "BY"), ("马家湾镇", "MJW"), ("桥头镇", "QT"),
    ("新街街道", "XJ"), ("青山镇", "QS"), ("石门镇", "SM"), ("柳溪乡", "LX"), ("龙泉街道", "LQ"),
    ("红岩镇", "HY"), ("金鸡镇", "JJ"), ("长滩镇", "CT"), ("平安乡", "PA"), ("三江镇", "SJ"),
    ("凤凰街道", "FH"), ("双河镇", "SH"), ("高桥镇", "GQ"), ("太平乡", "TP"), ("黄桷镇", "HJ"),
]  # fmt: skip
VILLAGE_STEMS = [
    "东溪",
    "西岭",
    "白云寺",
    "马家湾",
    "桥头",
    "新街",
    "石板",
    "柳树",
    "龙井",
    "红星",
    "金竹",
    "长岭",
    "双龙",
    "高坪",
    "太和",
    "黄泥",
    "青杠",
    "凉水",
    "大树",
    "团结",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国立新志红海波辉鹏飞斌宇浩凯俊峰晨"
WORDS = [
    "兴源",
    "鑫达",
    "恒丰",
    "宏达",
    "永安",
    "顺通",
    "金鼎",
    "华盛",
    "东升",
    "瑞丰",
    "长城",
    "天成",
    "新宇",
    "汇通",
    "盛世",
    "福源",
    "嘉禾",
    "联创",
    "众诚",
    "博远",
]
SECTORS: list[tuple[str, float, list[str]]] = [
    ("九小场所", 0.30, ["小餐馆", "小商店", "小旅馆", "小诊所", "小网吧", "小美容院洗浴场所", "小歌舞娱乐场所", "小学校/幼儿园", "小生产加工企业"]),
    ("自建房", 0.22, ["自建房"]),
    ("工贸", 0.14, ["有限公司", "加工厂", "制造有限公司"]),
    ("人员密集场所", 0.06, ["农贸市场", "商场", "幼儿园"]),
    ("消防", 0.05, ["综合楼", "敬老院", "中学"]),
    ("建筑施工", 0.05, ["工程", "安置小区工程"]),
    ("道路运输", 0.04, ["物流有限公司", "客运站"]),
    ("城镇燃气", 0.03, ["燃气供应站", "液化气站"]),
    ("危险化学品", 0.03, ["化工有限公司", "加油站"]),
    ("特种设备", 0.03, ["电梯", "锅炉房"]),
    ("地质灾害", 0.02, ["滑坡隐患点", "崩塌隐患点"]),
    ("非煤矿山", 0.015, ["采石场", "石材加工厂"]),
    ("旅游景点", 0.01, ["景区"]),
    ("烟花爆竹", 0.005, ["烟花爆竹零售点"]),
]  # fmt: skip
OFFICES = {"应急办": "YJB", "经发办": "JFB", "规划自然资源所": "GHS", "平安办": "PAB"}
SECTOR_OFFICE = {
    "九小场所": "平安办", "自建房": "规划自然资源所", "人员密集场所": "平安办", "消防": "平安办",
    "建筑施工": "规划自然资源所", "道路运输": "平安办", "旅游景点": "平安办",
    "地质灾害": "规划自然资源所", "非煤矿山": "规划自然资源所",
}  # fmt: skip
CAMPAIGNS = example.CAMPAIGNS
DEFECTS: dict[str, list[str]] = example.DEFECTS


@dataclass
class Town:
    """One town ledger being generated."""

    name: str
    code: str
    folder: Path
    villages: list[str]
    leaders: list[str]
    rng: random.Random
    sequences: Counter[str]

    def new_id(self, kind: RecordKind, day: date, office: str) -> str:
        prefix = id_prefix(self.code, kind, day, OFFICES[office])
        self.sequences[prefix] += 1
        return format_id(prefix, self.sequences[prefix])


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))


def credit_code(rng: random.Random) -> str:
    """A made-up 企业 code (Fujian, 35…) valid under GB 32100, drawn as before."""
    digits = "".join(rng.choices("0123456789", k=6))
    subject = digits[5] + "".join(rng.choices(ALPHABET, k=8))
    return make_code("9", "1", "35" + digits[1:5], subject)


def some_day(rng: random.Random) -> date:
    start = date(FIRST_YEAR, 1, 2)
    return start + timedelta(days=rng.randrange((AS_OF - start).days - 5))


def split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def enterprises(town: Town, count: int) -> list[Enterprise]:
    rng = town.rng
    names: Counter[str] = Counter()
    weights = [w for _, w, _ in SECTORS]
    made: list[Enterprise] = []
    for _ in range(count):
        sector, _, kinds = rng.choices(SECTORS, weights)[0]
        village = rng.choice(town.villages)
        kind = rng.choice(kinds)
        if sector == "自建房":
            name = f"{rng.choice(SURNAMES)}家自建房（{village}{rng.randint(1, 12)}组）"
        elif sector == "九小场所":
            name = f"{village.removesuffix('村').removesuffix('社区')}{rng.choice(WORDS)}{kind}"
        else:
            name = f"{town.name.removesuffix('镇').removesuffix('乡').removesuffix('街道')}{rng.choice(WORDS)}{kind}"
        names[name] += 1
        if names[name] > 1:
            name = f"{name}（{names[name]}）"
        office = SECTOR_OFFICE.get(sector, "经发办")
        company = sector not in ("自建房", "地质灾害")
        fields: dict[str, Any] = {
            "name": name,
            "credit_code": credit_code(rng) if company and rng.random() < 0.8 else None,
            "sector": sector,
            "subtype": kind if sector == "九小场所" else None,
            "village": village,
            "address": f"{town.name}{village}{rng.randint(1, 199)}号",
            "principal": person(rng),
            "phone": f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            "risk_level": rng.choice(list(RiskLevel)) if company else None,
            "office": office,
            "attributes": {"燃气报警装置": rng.choice(["已安装", "未安装"])}
            if sector == "九小场所"
            else {},
        }
        day = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randrange(60))
        made.append(
            Enterprise.model_validate(
                {"id": town.new_id(RecordKind.ENTERPRISE, day, office), **fields}
            )
        )
    return made


def inspections(town: Town, units: list[Enterprise], count: int) -> list[Inspection]:
    rng = town.rng
    inspectors = [person(rng) for _ in range(12)]
    made = []
    for number in range(count):
        unit = units[number % len(units)] if number < len(units) else rng.choice(units)
        day = some_day(rng)
        office = unit.office or "应急办"
        fields = {
            "enterprise": unit.id,
            "date": day,
            "type": rng.choice(["日常检查", "专项检查", "执法检查", "复查"]),
            "campaign": rng.choice(CAMPAIGNS) if rng.random() < 0.3 else None,
            "leader": rng.choice(town.leaders) if rng.random() < 0.35 else None,
            "inspectors": rng.sample(inspectors, rng.randint(2, 3)),
            "office": office,
            "doc_no": f"{town.name[:2]}应急检〔{day.year}〕{number + 1}号"
            if rng.random() < 0.4
            else None,
        }
        made.append(
            Inspection.model_validate(
                {"id": town.new_id(RecordKind.INSPECTION, day, office), **fields}
            )
        )
    return made


def hazards(
    town: Town, units: dict[str, Enterprise], visits: list[Inspection], count: int
) -> list[Hazard]:
    rng = town.rng
    made = []
    for number in range(count):
        visit = visits[number % len(visits)] if number < len(visits) else rng.choice(visits)
        unit = units[visit.enterprise]
        sector = unit.sector or "工贸"
        major = rng.random() < 0.03
        day = visit.date
        office = unit.office or "应急办"
        fields: dict[str, Any] = {
            "enterprise": unit.id,
            "found": day,
            "description": rng.choice(DEFECTS[sector]),
            "level": Level.MAJOR if major else Level.GENERAL,
            "inspection": visit.id,
            "campaign": visit.campaign,
            "measures": example.MEASURES,
            "responsible": unit.principal,
            "deadline": day + timedelta(days=rng.choice([7, 15, 30, 45])),
            "funds": Decimal(rng.choice([500, 1200, 3000, 8000]))
            if rng.random() < 0.5 or major
            else None,
            "plan": "已制定专项应急预案" if major and rng.random() < 0.9 else None,
            "supervision": Supervision(level="区级", doc_no=f"区安办督〔{day.year}〕{number}号")
            if major and rng.random() < 0.5
            else None,
            "history": [found_step(day, office)],
        }
        hazard = Hazard.model_validate(
            {"id": town.new_id(RecordKind.HAZARD, day, office), **fields}
        )
        made.append(example._advance(hazard, rng))
    return made


def the_rest(town: Town, units: dict[str, Enterprise], found: list[Hazard]) -> list[Record]:
    """Penalties, accidents, leaders' activities and offices' plans, at a town's usual pace."""
    rng = town.rng
    made: list[Record] = []
    for number, hazard in enumerate(rng.sample(found, len(found) // 100)):
        day = min(hazard.found + timedelta(days=rng.randint(5, 40)), AS_OF)
        fields = {
            "enterprise": hazard.enterprise, "date": day, "hazard": hazard.id,
            "fine": Decimal(rng.choice([2000, 3000, 5000, 10000, 20000])),
            "doc_no": f"{town.name[:2]}应急罚〔{day.year}〕{number + 1}号",
            "reason": f"{hazard.description}，逾期未整改", "inspection": hazard.inspection,
        }  # fmt: skip
        made.append(
            Penalty.model_validate({"id": town.new_id(RecordKind.PENALTY, day, "应急办"), **fields})
        )
    for _ in range(rng.randint(2, 6) * (LAST_YEAR - FIRST_YEAR + 1)):
        day = some_day(rng)
        unit = rng.choice(list(units.values())) if rng.random() < 0.5 else None
        fields = {
            "date": day, "domain": unit.sector if unit else rng.choice(["道路运输", "消防", "建筑施工"]),
            "enterprise": unit.id if unit else None, "place": None if unit else f"{town.name}{rng.choice(town.villages)}",
            "deaths": rng.choice([0, 0, 0, 1]), "injuries": rng.randint(0, 3), "grade": "一般事故",
            "summary": "事故经过待补充",
        }  # fmt: skip
        made.append(
            Accident.model_validate(
                {"id": town.new_id(RecordKind.ACCIDENT, day, "应急办"), **fields}
            )
        )
    kinds = [
        ActivityKind.MEETING,
        ActivityKind.DEPLOY,
        ActivityKind.LED_INSPECTION,
        ActivityKind.RESEARCH,
    ]
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for month in range(1, 13):
            for index, leader in enumerate(town.leaders):
                day = date(year, month, 3 + index * 5)
                kind = kinds[(month + index) % len(kinds)]
                fields = {"date": day, "kind": kind, "leader": leader, "count": rng.randint(1, 3),
                          "office": "应急办", "note": f"{kind.value}安全生产工作"}  # fmt: skip
                made.append(
                    Activity.model_validate(
                        {"id": town.new_id(RecordKind.ACTIVITY, day, "应急办"), **fields}
                    )
                )
            for office in ("经发办", "规划自然资源所", "平安办"):
                day = date(year, month, 1)
                fields = {
                    "office": office,
                    "month": f"{year}-{month:02d}",
                    "inspections": rng.randint(3, 30),
                }
                made.append(
                    Plan.model_validate(
                        {"id": town.new_id(RecordKind.PLAN, day, "应急办"), **fields}
                    )
                )
    return made


def office_work(town: Town, units: list[Enterprise], count: int) -> list[Record]:
    """Patrols of the villages (a few finding a hazard at a unit or at a place), and units'
    self-checks (a few finding hazards of their own): `count` patrols, half as many
    self-checks. A town's random stream is only drawn on when asked for some."""
    if count <= 0:
        return []
    rng = random.Random(f"{town.code}/office-work/{count}")
    made: list[Record] = []
    kinds = ["日常巡查", "走山走水", "守卡守点", "防汛巡查", "森林防火巡查"]
    quiet = town.villages[0]
    points = [u for u in units if u.sector == "地质灾害"]
    for number in range(count):
        day = some_day(rng)
        village = quiet if number % 4 == 0 else rng.choice(town.villages)
        point = rng.choice(points) if points and rng.random() < 0.2 else None
        patrol = Patrol.model_validate(
            {
                "id": town.new_id(RecordKind.PATROL, day, "应急办"),
                "date": day, "village": village, "point": point.id if point else None,
                "kind": rng.choice(kinds), "by": [person(rng) for _ in range(rng.randint(1, 3))],
                "office": "应急办",
            }
        )  # fmt: skip
        made.append(patrol)
        if village != quiet and rng.random() < 0.15:
            fields: dict[str, Any] = (
                {"enterprise": point.id}
                if point
                else {
                    "village": village,
                    "place": f"{village}{rng.choice(['河堤', '山塘', '路段'])}",
                }
            )
            made.append(_found(town, rng, day, fields | {"patrol": patrol.id,
                                                        "source": HazardSource.PATROL}))  # fmt: skip
    for _ in range(count // 2):
        unit = rng.choice(units)
        day = some_day(rng)
        check = SelfCheck.model_validate(
            {
                "id": town.new_id(RecordKind.SELF_CHECK, day, "应急办"),
                "enterprise": unit.id, "date": day, "level": rng.choice(["班组", "部门", "厂长"]),
                "by": unit.principal, "office": "应急办",
            }
        )  # fmt: skip
        made.append(check)
        if rng.random() < 0.2:
            fields = {"enterprise": unit.id, "self_check": check.id,
                      "source": HazardSource.SELF_CHECK, "on_the_spot": rng.random() < 0.5}  # fmt: skip
            made.append(_found(town, rng, day, fields))
    return made


def _found(town: Town, rng: random.Random, day: date, fields: dict[str, Any]) -> Hazard:
    """A hazard found on that day by a patrol or a self-check; one fixed on the spot is
    已整改 at once, the others go their usual way."""
    history = [found_step(day, "应急办")]
    if fields.get("on_the_spot"):
        history.append(fixed_on_spot_step(day, "应急办"))
    else:
        fields = fields | {"deadline": day + timedelta(days=rng.choice([7, 15, 30]))}
    hazard = Hazard.model_validate(
        {
            "id": town.new_id(RecordKind.HAZARD, day, "应急办"),
            "found": day,
            "description": rng.choice(DEFECTS["地质灾害" if "place" in fields else "工贸"]),
            "history": history,
            "status": "已整改" if fields.get("on_the_spot") else "整改中",
            **fields,
        }
    )
    return hazard if fields.get("on_the_spot") else example._advance(hazard, rng)


def settings_data(town: Town) -> dict[str, Any]:
    return {
        "name": town.name,
        "code": town.code,
        "villages": town.villages,
        "offices": [{"name": n, "code": c} for n, c in OFFICES.items()],
        "leaders": town.leaders,
        "campaigns": CAMPAIGNS,
        "commit": False,
    }


def town_records(town: Town, counts: tuple[int, ...]) -> list[Record]:
    units = enterprises(town, max(1, counts[0]))
    visits = inspections(town, units, max(1, counts[1]))
    found = hazards(town, {u.id: u for u in units}, visits, counts[2])
    rest = the_rest(town, {u.id: u for u in units}, found)
    return [
        *units,
        *visits,
        *found,
        *rest,
        *office_work(town, units, counts[3] if len(counts) > 3 else 0),
    ]


def _write(chunk: list[tuple[str, Record]]) -> int:
    for root, record in chunk:
        path = record_path(Path(root), record.id)
        path.write_bytes(render_new(record))
    return len(chunk)


def tiny_photo(rng: random.Random) -> bytes:
    """A small JPEG of noise (a few KB), different for every draw: photos stored by content
    hash must not collapse into one file."""
    import io

    from PIL import Image

    picture = Image.frombytes("RGB", (32, 24), rng.randbytes(32 * 24 * 3))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


def attach_photos(folder: Path, records: list[Record], count: int, rng: random.Random) -> int:
    """Up to `count` photos on the town's hazards, as `anquan attach` stores them: 整改前 on
    each hazard in turn (dated when it was found), 整改后 too on those rectified."""
    made = 0
    for record in records:
        if made >= count:
            break
        if not isinstance(record, Hazard):
            continue
        links = []
        fixed = next((s.date for s in record.history if s.action.value == "整改"), None)
        for kind, day in ((AttachmentKind.BEFORE, record.found), (AttachmentKind.AFTER, fixed)):
            if day is None or made >= count:
                continue
            data = tiny_photo(rng)
            name = stored_name(data, ".jpg")
            target = folder / FOLDER / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            links.append(
                Attachment(file=name, kind=kind, date=day, name=f"IMG_{made:05d}.jpg",
                           size=len(data), media=MediaType.JPEG, width=32, height=24)
            )  # fmt: skip
            made += 1
        sidecar = folder / index_name(record.id)
        sidecar.parent.mkdir(parents=True, exist_ok=True)
        sidecar.write_bytes(render_index(AttachmentIndex(record=record.id, files=tuple(links))))
    return made


def generate(out: Path, towns: int, counts: tuple[int, ...], seed: int, photos: int = 0) -> int:
    """Write the ledger (or district) and return how many record files it holds; `photos`
    (a total, split over the towns) are attached to hazards as `anquan attach` would."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    chosen = (
        TOWNS[:towns]
        if towns <= len(TOWNS)
        else [(f"第{i + 1}镇", f"T{i + 1}") for i in range(towns)]
    )
    shares = [split(total, len(chosen)) for total in counts]
    photo_shares = split(photos, len(chosen))
    jobs: list[tuple[str, Record]] = []
    folders: list[str] = []
    for index, (name, code) in enumerate(chosen):
        rng = random.Random(f"{seed}/{index}")
        stems = rng.sample(VILLAGE_STEMS, rng.randint(6, 12))
        villages = [s + ("社区" if i % 5 == 4 else "村") for i, s in enumerate(stems)]
        folder = out if len(chosen) == 1 else out / "towns" / code.lower()
        town = Town(name, code, folder, villages, [person(rng) for _ in range(4)], rng, Counter())
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / SETTINGS_FILE, dump(plain(settings_data(town))).encode("utf-8"))
        (folder / ".gitignore").write_text(".anquan/\n", encoding="utf-8")
        folders.append(folder.relative_to(out).as_posix())
        records = town_records(town, tuple(share[index] for share in shares))
        for record in records:
            record_path(folder, record.id).parent.mkdir(parents=True, exist_ok=True)
        jobs.extend((str(folder), record) for record in records)
        if photo_shares[index]:
            attach_photos(folder, records, photo_shares[index], rng)
    if len(chosen) > 1:
        district = {"name": "青山区", "code": "QSQ", "towns": folders, "commit": False}
        write_atomic(out / SETTINGS_FILE, dump(plain(district)).encode("utf-8"))
    chunks = [jobs[i : i + 500] for i in range(0, len(jobs), 500)]
    done = 0
    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        for written in pool.imap_unordered(_write, chunks):
            done += written
            if sys.stderr.isatty() or done % 20000 < 500:
                rate = done / max(time.monotonic() - started, 1e-9)
                print(f"\r{done}/{len(jobs)} files, {rate:.0f}/s", end="", file=sys.stderr)
    print(file=sys.stderr)
    return len(jobs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--towns", type=int, default=1)
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--inspections", type=int, default=6000)
    parser.add_argument("--hazards", type=int, default=12000)
    parser.add_argument(
        "--patrols", type=int, default=0, help="patrols (and half as many self-checks)"
    )
    parser.add_argument(
        "--photos", type=int, default=0, help="tiny photos attached to hazards (整改前, 整改后)"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.towns < 1:
        parser.error("--towns must be at least 1")
    counts = (args.enterprises, args.inspections, args.hazards, args.patrols)
    total = generate(args.out, args.towns, counts, args.seed, args.photos)
    print(f"{args.out}: {total} record files in {args.towns} town(s)")


if __name__ == "__main__":
    main()
