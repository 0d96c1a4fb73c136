"""Build the example ledger examples/dongxi: a made-up town, 东溪镇, through 2024.

Run `python examples/build.py` to rebuild it; the output is deterministic (fixed seed and
fixed dates) and written through the same store code the commands use.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from anquan_cli.model.documents import doc_number, office_prefix
from anquan_cli.model.enums import (
    ActivityKind,
    DocumentKind,
    HazardSource,
    Level,
    RecordKind,
    RiskLevel,
    UnitStatus,
)
from anquan_cli.model.lifecycle import (
    fixed_on_spot_step,
    found_step,
    is_overdue_on,
    rectify,
    state_after,
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
    SelfCheck,
    Submission,
    Supervision,
)
from anquan_cli.model.settings import Settings
from anquan_cli.store.atomic import write_atomic
from anquan_cli.store.office import Office
from anquan_cli.store.paths import SETTINGS_FILE
from anquan_cli.store.writer import Writer
from anquan_cli.store.yamlwrite import dump, plain

OUT = Path(__file__).parent / "dongxi"
AS_OF = date(2024, 12, 31)

VILLAGES = ["东溪村", "西岭村", "白云寺村", "马家湾村", "桥头社区", "新街社区"]
OFFICES = {
    "应急办": "YJB",
    "经发办": "JFB",
    "规划自然资源所": "GHS",
    "平安办": "PAB",
}
LEADERS = ["陈立新", "王建国", "谭明", "刘芳"]
INSPECTORS = ["张伟", "李娜", "周强", "吴敏", "郑浩", "孙丽", "赵磊"]
CAMPAIGNS = ["“6.28”大排查", "自建房专项整治", "岁末年初大检查", "燃气安全专项整治"]

UNITS: list[tuple[str, str, str | None, str]] = [
    ("兴源化工有限公司", "危险化学品", None, "经发办"),
    ("东溪石材加工厂", "非煤矿山", None, "规划自然资源所"),
    ("西岭采石场", "非煤矿山", None, "规划自然资源所"),
    ("东溪加油站", "危险化学品", None, "经发办"),
    ("永安烟花爆竹零售点", "烟花爆竹", None, "经发办"),
    ("新街燃气供应站", "城镇燃气", None, "经发办"),
    ("东溪镇中心幼儿园", "人员密集场所", None, "平安办"),
    ("白云寺景区", "旅游景点", None, "平安办"),
    ("桥头农贸市场", "人员密集场所", None, "平安办"),
    ("鑫达机械制造有限公司", "工贸", None, "经发办"),
    ("恒丰木业有限公司", "工贸", None, "经发办"),
    ("东溪纺织有限公司", "工贸", None, "经发办"),
    ("宏达建材有限公司", "工贸", None, "经发办"),
    ("镇卫生院综合楼工程", "建筑施工", None, "规划自然资源所"),
    ("新街安置小区二期工程", "建筑施工", None, "规划自然资源所"),
    ("东溪客运站", "道路运输", None, "平安办"),
    ("顺通物流有限公司", "道路运输", None, "平安办"),
    ("东溪电梯（镇卫生院）", "特种设备", None, "经发办"),
    ("马家湾滑坡隐患点", "地质灾害", None, "规划自然资源所"),
    ("西岭崩塌隐患点", "地质灾害", None, "规划自然资源所"),
    ("张家自建房（东溪村3组）", "自建房", None, "规划自然资源所"),
    ("李家自建房（西岭村1组）", "自建房", None, "规划自然资源所"),
    ("王家出租自建房（新街社区）", "自建房", None, "规划自然资源所"),
    ("刘家经营性自建房（桥头社区）", "自建房", None, "规划自然资源所"),
    ("陈家自建房（马家湾村）", "自建房", None, "规划自然资源所"),
    ("周家自建房（白云寺村）", "自建房", None, "规划自然资源所"),
    ("老街小餐馆", "九小场所", "小餐馆", "平安办"),
    ("好再来饭店", "九小场所", "小餐馆", "平安办"),
    ("新街便民超市", "九小场所", "小商店", "平安办"),
    ("东溪旅社", "九小场所", "小旅馆", "平安办"),
    ("仁和诊所", "九小场所", "小诊所", "平安办"),
    ("星星网吧", "九小场所", "小网吧", "平安办"),
    ("丽人美容院", "九小场所", "小美容院洗浴场所", "平安办"),
    ("金嗓子KTV", "九小场所", "小歌舞娱乐场所", "平安办"),
    ("阳光幼儿园", "九小场所", "小学校/幼儿园", "平安办"),
    ("桥头粮油加工坊", "九小场所", "小生产加工企业", "平安办"),
    ("东溪镇敬老院", "消防", None, "平安办"),
    ("新街商业综合楼", "消防", None, "平安办"),
    ("东溪中学", "消防", None, "平安办"),
    ("白云寺村茶厂", "工贸", None, "经发办"),
]

DEFECTS: dict[str, list[str]] = {
    "危险化学品": [
        "储罐区防火堤有裂缝",
        "可燃气体报警器未定期检定",
        "危化品台账记录不全",
        "静电接地线松脱",
    ],
    "非煤矿山": ["边坡未按设计放坡", "爆破器材库值班记录缺失", "排土场截排水沟堵塞"],
    "烟花爆竹": ["超量储存烟花爆竹", "店内未配备灭火器"],
    "城镇燃气": ["燃气管道标识缺失", "钢瓶检测标签过期", "员工未持证上岗"],
    "人员密集场所": ["疏散通道堆放杂物", "应急照明灯损坏", "安全出口指示标志不亮"],
    "旅游景点": ["游步道护栏松动", "景区应急预案未演练"],
    "工贸": [
        "配电箱未接地",
        "砂轮机防护罩缺失",
        "有限空间作业未审批",
        "粉尘除尘设施未清理",
        "叉车司机无证作业",
    ],
    "建筑施工": ["脚手架连墙件缺失", "临边防护不到位", "塔吊限位装置失效"],
    "道路运输": ["车辆动态监控未落实", "驾驶员安全教育记录缺失"],
    "特种设备": ["电梯年检标志过期", "电梯应急电话不通"],
    "地质灾害": ["监测桩损坏", "警示牌缺失", "群测群防员巡查记录不全"],
    "自建房": ["私自加层未经鉴定", "墙体出现裂缝", "经营性用房未办消防手续", "电线私拉乱接"],
    "九小场所": ["灭火器过期", "厨房燃气未安装报警装置", "电动车室内充电", "疏散通道堵塞"],
    "消防": ["消防栓无水", "消防控制室无人值守", "防火门损坏"],
}
MEASURES = "立即停用相关设施，落实整改并由企业负责人签字确认"

NOTES_COMMON = """\
# 各期报告共用的段落（名称: 文字）。同名段落以各期的文件（如 2024-Q4.yaml）为准。
主送机关: 各村（居）、镇属相关职能办所：
领导职务:
  陈立新: 镇党委书记
  王建国: 镇党委副书记、镇长
  谭明: 镇党委委员、副镇长
  刘芳: 镇人大主席
"""

NOTES_2024_Q4 = """\
# 东溪镇 2024 年第四季度报告中由应急办撰写的段落。
# 文字中每一行是一段；列表中每一项是一段。数字不写在这里，由台账统计。
汇报开头: >-
  第四季度，在区委、区政府和区应急管理局的领导下，我镇坚持“安全第一、预防为主、综合治理”的方针，
  扎实开展岁末年初安全生产大检查和隐患排查整治，全镇安全生产形势总体平稳。现将有关情况汇报如下：
督查概述: >-
  第四季度，镇安委会对镇各职能办所、各村（居）进行了安全生产综合检查督查。本次督查重点：一是安全生产
  “党政同责、一岗双责”责任体系落实情况；二是安全生产执法检查、巡查报告情况；三是岁末年初安全防范各项工作
  开展情况；四是隐患排查整改闭环落实情况。
安全生产形势: >-
  本季度全镇安全生产形势总体平稳，但道路交通领域发生亡人事故，暴露出农村道路交通安全管理仍有薄弱环节，
  岁末年初人员流动、用火用电用气增多，防范压力较大。
自然灾害情况: 第四季度，全镇未发生因自然因素引发的灾情。
督查情况:
  - >-
    1.“党政同责、一岗双责”责任体系情况。平安办、规划自然资源所责任体系落实较好，能按照行业要求制定检查计划，
    按照计划进行检查；白云寺村、桥头社区安全专卷建立较为完善，各类台账、巡查记录、会议记录比较齐全；
    部分办所和村（居）档案资料未按要求规范建档，巡查记录缺少现场照片。
  - >-
    2.安全生产执法检查、巡查报告情况。经发办、规划自然资源所认真开展安全生产执法检查，基本做到检查有文书、
    整改有指令；部分村（居）巡查记录敷衍，均记为“无安全隐患”，未按巡查计划履职。
存在问题:
  - >-
    （一）隐患整改闭环不够严格。部分办所对排查出的隐患跟踪督办不够，整改期限届满后未及时复查，
    逾期未整改隐患仍然较多，以前排查的隐患销号进度较慢。
  - >-
    （二）检查计划执行不到位。部分办所未按月度检查计划开展检查，规划自然资源所计划完成率偏低。
  - >-
    （三）基础台账不够规范。部分办所和村（居）对按月报送台账不够重视，巡查记录、
    宣传教育资料保存不全。
下一步要求:
  - >-
    （一）严格隐患整改闭环。各办所要对本季度逾期未整改的隐患逐条明确责任人和整改时限，
    整改完成后及时复查验收、销号，重大隐患严格落实“五落实”。
  - >-
    （二）认真执行检查计划。各办所要按月度检查计划开展检查，做到检查有文书、整改有指令、复查有记录。
  - >-
    （三）做好岁末年初安全防范。加强道路交通、消防、燃气和烟花爆竹安全检查，发现重大隐患立即报告
    镇应急办（联系人张伟，13812345678），确保全镇安全生产形势稳定。
下步打算:
  - >-
    1.继续落实安全生产目标管理责任制和“一岗双责”制度，按照“谁主管、谁负责”的原则，
    明确各办所、各村（居）和各企业的安全管理职责。
  - >-
    2.持续开展隐患排查整治，对逾期未整改和以前排查未整改的隐患挂账督办，逐条销号。
  - >-
    3.加强道路交通安全劝导和农村道路隐患治理，在事故多发路段增设警示标志。
  - >-
    4.利用广播、宣传栏、微信群等形式开展安全生产宣传，提高群众安全意识。
领域:
  道路运输: >-
    针对11月发生的道路交通事故，镇平安办会同派出所在桥头路口等事故多发路段开展交通安全劝导，
    督促客运站、物流企业落实车辆动态监控。
  地质灾害: >-
    汛后组织对马家湾滑坡、西岭崩塌两处隐患点开展巡查，群测群防员按要求开展日常监测。
"""


def credit_code(rng: random.Random) -> str:
    """A made-up 企业 code registered in Fujian (35…): valid under GB 32100, and drawn from
    the generator exactly as before, so the rest of the example stays the same."""
    from anquan_cli.model.credit_code import ALPHABET, make_code

    digits = "".join(rng.choice("0123456789") for _ in range(6))
    subject = digits[5] + "".join(rng.choice(ALPHABET) for _ in range(8))
    return make_code("9", "1", "35" + digits[1:5], subject)


def main() -> None:
    rng = random.Random(2024)
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    settings = Settings(
        name="东溪镇",
        code="DX",
        villages=tuple(VILLAGES),
        offices=tuple({"name": n, "code": c} for n, c in OFFICES.items()),  # type: ignore[misc]
        leaders=tuple(LEADERS),
        self_check_sectors=SELF_CHECK_SECTORS,
        commit=False,
    )
    data = {
        "name": "东溪镇",
        "code": "DX",
        "villages": VILLAGES,
        "offices": [{"name": n, "code": c} for n, c in OFFICES.items()],
        "leaders": LEADERS,
        "self_check_sectors": list(SELF_CHECK_SECTORS),
        "assessment": ASSESSMENT,
    }
    write_atomic(OUT / SETTINGS_FILE, dump(plain(data)).encode("utf-8"))
    writers = {n: Writer(OUT, settings, Office(n, c), commit=False) for n, c in OFFICES.items()}

    units: list[Enterprise] = []
    for index, (name, sector, subtype, office) in enumerate(UNITS):
        village = next((v for v in VILLAGES if v in name), VILLAGES[index % len(VILLAGES)])
        attributes = {}
        if sector == "九小场所":
            attributes["燃气报警装置"] = "已安装" if index % 3 else "未安装"
        company = sector not in ("自建房", "地质灾害")
        fields = {
            "name": name,
            "credit_code": credit_code(rng) if company else None,
            "sector": sector,
            "subtype": subtype,
            "village": village,
            "address": f"东溪镇{village}{rng.randint(1, 99)}号",
            "principal": rng.choice(["黄志强", "林春梅", "何建军", "罗小红", "郭海", "梁文"]),
            "phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            "risk_level": rng.choice(list(RiskLevel)) if company else None,
            "office": office,
            "attributes": attributes,
        }
        unit = writers[office].create(
            RecordKind.ENTERPRISE,
            date(2024, 1, 8),
            lambda new_id, f=fields: Enterprise.model_validate({"id": new_id, **f}),
            "",
        )
        units.append(unit)

    visits: list[Inspection] = []
    numbered = False
    for number in range(120):
        unit = units[number % len(units)] if number < 80 else rng.choice(units)
        day = date(2024, 1, 10) + timedelta(days=int(number * 2.9) + rng.randint(0, 2))
        office = unit.office or "应急办"
        leader = rng.choice(LEADERS) if rng.random() < 0.45 else None
        fields = {
            "enterprise": unit.id,
            "date": day,
            "type": rng.choice(["日常检查", "专项检查", "执法检查", "复查"]),
            "campaign": rng.choice(CAMPAIGNS) if rng.random() < 0.4 else None,
            "leader": leader,
            "inspectors": rng.sample(INSPECTORS, rng.randint(2, 3)),
            "office": office,
            "doc_no": f"东应急检〔2024〕{number + 1}号" if rng.random() < 0.5 else None,
        }
        if office == "平安办" and day.month == 10 and not numbered:
            # one 整改通知书 already printed (anquan doc), as README's main command prints it
            prefix = office_prefix(settings, office)
            fields["documents"] = {"整改通知书": doc_number(prefix, 2024, DocumentKind.NOTICE, 1)}
            numbered = True
        visits.append(
            writers[office].create(
                RecordKind.INSPECTION,
                day,
                lambda new_id, f=fields: Inspection.model_validate({"id": new_id, **f}),
                "",
            )
        )

    hazards: list[Hazard] = []
    for number in range(150):
        visit = visits[number % len(visits)] if number < 120 else rng.choice(visits)
        unit = next(u for u in units if u.id == visit.enterprise)
        sector = unit.sector or "工贸"
        major = number % 25 == 7
        day = visit.date
        deadline = day + timedelta(days=rng.choice([7, 15, 30, 45]))
        office = unit.office or "应急办"
        fields = {
            "enterprise": unit.id,
            "found": day,
            "description": rng.choice(DEFECTS[sector]),
            "level": Level.MAJOR if major else Level.GENERAL,
            "inspection": visit.id,
            "campaign": visit.campaign,
            "measures": MEASURES,
            "responsible": unit.principal,
            "deadline": deadline,
            "funds": Decimal(rng.choice([500, 1200, 3000, 8000]))
            if rng.random() < 0.6 or major
            else None,
            "plan": "已制定专项应急预案" if major and number != 32 else None,
            "supervision": Supervision(level="区级", doc_no=f"区安办督〔2024〕{number}号")
            if major and number % 2
            else None,
            "history": [found_step(day, office)],
        }
        hazard = Hazard.model_validate({"id": "DX-H-0000-X01", **fields})
        hazard = _advance(hazard, rng)
        final = hazard.model_dump(exclude={"id"})
        hazards.append(
            writers[office].create(
                RecordKind.HAZARD,
                day,
                lambda new_id, f=final: Hazard.model_validate({"id": new_id, **f}),
                "",
            )
        )

    for number, hazard in enumerate(h for h in hazards if h.found.month in (3, 6, 9, 11)):
        if number >= 12:
            break
        unit = next(u for u in units if u.id == hazard.enterprise)
        day = hazard.found + timedelta(days=5)
        fields = {
            "enterprise": unit.id,
            "date": day,
            "fine": Decimal(rng.choice([2000, 3000, 5000, 10000, 20000])),
            "doc_no": f"东应急罚〔2024〕{number + 1}号",
            "reason": f"{hazard.description}，逾期未整改",
            "inspection": hazard.inspection,
            "hazard": hazard.id,
        }
        writers["应急办"].create(
            RecordKind.PENALTY,
            day,
            lambda new_id, f=fields: Penalty.model_validate({"id": new_id, **f}),
            "",
        )

    accident = {
        "date": date(2024, 11, 14),
        "domain": "道路运输",
        "place": "东溪镇桥头路口",
        "deaths": 1,
        "injuries": 2,
        "grade": "一般事故",
        "summary": "一辆货车与电动自行车相撞，造成1人死亡、2人受伤",
    }
    writers["应急办"].create(
        RecordKind.ACCIDENT,
        accident["date"],  # type: ignore[arg-type]
        lambda new_id: Accident.model_validate({"id": new_id, **accident}),
        "",
    )

    kinds = [
        ActivityKind.MEETING,
        ActivityKind.DEPLOY,
        ActivityKind.LED_INSPECTION,
        ActivityKind.RESEARCH,
    ]
    for month in range(1, 13):
        for leader in LEADERS:
            kind = kinds[(month + LEADERS.index(leader)) % len(kinds)]
            fields = {
                "date": date(2024, month, 5 + LEADERS.index(leader) * 5),
                "kind": kind,
                "leader": leader,
                "count": rng.randint(1, 3),
                "office": "应急办",
                "note": f"{kind.value}安全生产工作",
            }
            writers["应急办"].create(
                RecordKind.ACTIVITY,
                fields["date"],  # type: ignore[arg-type]
                lambda new_id, f=fields: Activity.model_validate({"id": new_id, **f}),
                "",
            )
    for month, kind, people in (
        (6, ActivityKind.DRILL, 120),
        (9, ActivityKind.TRAINING, 85),
        (11, ActivityKind.PUBLICITY, 300),
    ):
        fields = {
            "date": date(2024, month, 16),
            "kind": kind,
            "count": 1,
            "people": people,
            "office": "应急办",
            "note": {
                "演练": "消防应急疏散演练",
                "培训": "企业主要负责人安全培训",
                "宣传": "“119”消防宣传月活动",
            }[kind.value],
        }
        writers["应急办"].create(
            RecordKind.ACTIVITY,
            fields["date"],  # type: ignore[arg-type]
            lambda new_id, f=fields: Activity.model_validate({"id": new_id, **f}),
            "",
        )

    write_atomic(OUT / "notes" / "common.yaml", NOTES_COMMON.encode("utf-8"))
    write_atomic(OUT / "notes" / "2024-Q4.yaml", NOTES_2024_Q4.encode("utf-8"))

    for month in (10, 11, 12):
        for office, planned in (("经发办", 6), ("规划自然资源所", 5), ("平安办", 6)):
            fields = {"office": office, "month": f"2024-{month:02d}", "inspections": planned}
            writers["应急办"].create(
                RecordKind.PLAN,
                date(2024, month, 1),
                lambda new_id, f=fields: Plan.model_validate({"id": new_id, **f}),
                "",
            )

    _fourth_quarter_penalties(hazards, units, writers["应急办"])
    _office_work(units, writers["应急办"])
    _patrols_and_self_checks(units, writers)
    _checklist_inspections(units, writers)
    _submissions(writers["应急办"])
    _photos(hazards, units)


CHECKLIST_VISITS: list[tuple[str, str, date, str, dict[int, str]]] = [
    (
        "老街小餐馆", "九小场所消防", date(2024, 9, 10), "谭明",
        {1: "合格", 2: "合格", 3: "不合格 2具灭火器压力不足", 4: "合格",
         5: "不合格 后门通道堆放杂物", 6: "合格", 7: "合格", 8: "不涉及", 9: "合格",
         10: "合格", 12: "合格", 13: "合格", 14: "合格"},
    ),
    (
        "好再来饭店", "城镇燃气（餐饮用户）", date(2024, 9, 12), "谭明",
        {1: "合格", 2: "合格", 3: "不合格 未安装燃气泄漏报警装置", 4: "不合格 连接软管老化龟裂",
         5: "合格", 6: "合格", 7: "合格", 8: "合格", 9: "合格", 10: "合格", 11: "合格",
         12: "不涉及 使用瓶装液化石油气", 13: "合格", 14: "合格"},
    ),
    (
        "恒丰木业有限公司", "工贸（粉尘涉爆、有限空间）", date(2024, 9, 18), "王建国",
        {1: "合格", 2: "合格", 3: "合格", 4: "不涉及 非金属粉尘负压除尘", 5: "合格", 6: "合格",
         7: "合格", 8: "合格", 9: "不涉及", 10: "不合格 砂光车间积尘严重", 11: "合格",
         12: "合格", 13: "合格", 14: "合格", 15: "合格", 16: "合格", 17: "不涉及"},
    ),
    (
        "新街便民超市", "九小场所消防", date(2024, 9, 20), "",
        {n: "合格" for n in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 13, 14)},
    ),
]  # fmt: skip
"""Inspections walked from bundled checklists (`anquan inspect`): unit, checklist, day, leader
and the answers as an answers file gives them."""


def _checklist_inspections(units: list[Enterprise], writers: dict[str, Writer]) -> None:
    """A few checklist inspections in September, their hazards fixed and closed out within the
    month (so the fourth quarter's figures are those of the other records)."""
    from anquan_cli import api
    from anquan_cli.api.inspecting import inspect
    from anquan_cli.model.checklist import read_answers
    from anquan_cli.store.checklists import find_checklist

    book = api.open_ledger(OUT)
    for number, (name, checklist_name, day, leader, given) in enumerate(CHECKLIST_VISITS):
        unit = next(u for u in units if u.name == name)
        writer = writers[unit.office or "应急办"]
        checklist = find_checklist(OUT, checklist_name).checklist
        done = inspect(
            book,
            enterprise=unit.id,
            checklist=checklist,
            answers=read_answers(given, checklist),
            day=day,
            deadline=day + timedelta(days=10),
            using=writer,
            leader=leader or None,
            inspectors=INSPECTORS[number : number + 2],
            campaign="燃气安全专项整治" if "燃气" in checklist_name else None,
        )
        for hazard in done.hazards:
            if hazard.level is Level.MAJOR:
                assurances = ["responsible=" + (unit.principal or "梁文"), "funds=6000",
                              "plan=已制定粉尘爆炸专项应急预案"]  # fmt: skip
                api.change(book, hazard.id, assurances, today=day, using=writer)
            api.rectify(book, hazard.id, day + timedelta(days=6), using=writer)
            api.verify(book, hazard.id, day + timedelta(days=8), "张伟", using=writer)


ASSESSMENT = {
    "items": [
        {"name": "检查计划完成率", "points": 20},
        {"name": "巡查计划完成率", "points": 20},
        {"name": "隐患整改率", "points": 30},
        {"name": "按时报送", "points": 20},
    ],
    "units": ["兴源化工有限公司", "东溪镇中心幼儿园", "东溪石材加工厂"],
    "deductions": [
        {
            "year": 2024,
            "village": "西岭村",
            "points": 2,
            "reason": "巡查记录敷衍，均记为无安全隐患",
        }
    ],
}
"""The year's 考核: items and points, the units assessed and a 扣分 written with its reason."""

# Each office's and village's 报送 of 2024: month → the day it handed its 台账 to 应急办 (by
# the 5th of the next month is 按时); a month left out was never handed in. Every office is
# late or missing in the fourth quarter, as seed 003 says of its own offices.
SUBMITTED: dict[tuple[str, str], dict[int, date]] = {
    ("office", "经发办"): {
        **{m: date(2024, m + 1, 3) for m in range(1, 10)},
        10: date(2024, 11, 8),
    },
    ("office", "规划自然资源所"): {
        **{m: date(2024, m + 1, 5) for m in range(1, 9)},
        9: date(2024, 10, 12),
        10: date(2024, 11, 15),
        11: date(2024, 12, 9),
    },
    ("office", "平安办"): {
        **{m: date(2024, m + 1, 4) for m in range(1, 11)},
        11: date(2024, 12, 6),
    },
    ("village", "东溪村"): {m: date(2024, m + 1, 2) for m in range(1, 11)},
    ("village", "西岭村"): {
        **{m: date(2024, m + 1, 5) for m in range(1, 10)},
        10: date(2024, 11, 8),
        11: date(2024, 12, 8),
    },
    ("village", "白云寺村"): {m: date(2024, m + 1, 2) for m in range(1, 12)},
    ("village", "马家湾村"): {
        **{m: date(2024, m + 1, 4) for m in range(1, 12) if m != 6},
        11: date(2024, 12, 10),
    },
    ("village", "桥头社区"): {m: date(2024, m + 1, 4) for m in range(1, 12)},
    ("village", "新街社区"): {m: date(2024, m + 1, 3) for m in range(1, 12) if m != 10},
}


def _submissions(writer: Writer) -> None:
    """The offices' and villages' monthly 台账 handed to 应急办 (recorded there). Built last,
    so every record above stays exactly as it was."""
    for (kind, name), months in SUBMITTED.items():
        for month, day in sorted(months.items()):
            fields = {kind: name, "month": f"2024-{month:02d}", "date": day}
            _create(writer, RecordKind.SUBMISSION, day, Submission, fields)


def _photos(hazards: list[Hazard], units: list[Enterprise]) -> None:
    """整改前 and 整改后 photos of three hazards closed out in Q4, in three sectors: small
    pictures drawn here (a few KB each), attached through the api as `anquan attach` does."""
    import tempfile

    from anquan_cli import api
    from anquan_cli.model.attachments import AttachmentKind
    from anquan_cli.model.enums import Action, Status

    sector_of = {u.id: u.sector for u in units}
    chosen: dict[str | None, Hazard] = {}
    for hazard in hazards:
        sector = sector_of.get(hazard.enterprise or "")
        if hazard.found >= date(2024, 10, 1) and hazard.status is Status.CLOSED:
            chosen.setdefault(sector, hazard)
    ledger = api.open_ledger(OUT)
    with tempfile.TemporaryDirectory() as scratch:
        for number, hazard in enumerate(list(chosen.values())[:3]):
            fixed = next(s.date for s in hazard.history if s.action is Action.RECTIFIED)
            for kind, day, broken in (
                (AttachmentKind.BEFORE, hazard.found, True),
                (AttachmentKind.AFTER, fixed, False),
            ):
                path = Path(scratch) / f"IMG_2024{day:%m%d}_{number}{int(broken)}.jpg"
                path.write_bytes(_drawn(number, broken))
                api.attach(
                    ledger, hazard.id, [path], kind=kind, day=day, today=AS_OF,
                    office="应急办", commit=False,
                )  # fmt: skip


def _drawn(number: int, broken: bool) -> bytes:
    """A 320×240 picture of a wall with a box on it (配电箱, 灭火器箱 …): dented and red-marked
    before 整改, whole and green-marked after."""
    import io

    from PIL import Image, ImageDraw

    wall = [(214, 206, 190), (190, 200, 210), (205, 214, 196)][number % 3]
    picture = Image.new("RGB", (320, 240), wall)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 190, 320, 240), fill=(120, 120, 120))
    draw.rectangle((110, 60, 210, 180), fill=(90, 110, 140), outline=(40, 40, 40), width=3)
    if broken:
        draw.line((110, 60, 210, 180), fill=(60, 60, 60), width=4)
        draw.ellipse((95, 45, 225, 195), outline=(220, 30, 30), width=5)
    else:
        draw.rectangle((150, 100, 170, 140), fill=(230, 230, 230))
        draw.line((230, 120, 250, 140, 285, 95), fill=(30, 160, 60), width=7)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


SELF_CHECK_SECTORS = ("危险化学品", "非煤矿山", "工贸")
"""Sectors whose units must run their 班组日查、部门周查、厂长月查 and show it."""


def _create(writer: Writer, kind: RecordKind, day: date, model: type, fields: dict) -> object:  # type: ignore[type-arg]
    return writer.create(
        kind, day, lambda new_id: model.model_validate({"id": new_id, **fields}), ""
    )


def _patrols_and_self_checks(units: list[Enterprise], writers: dict[str, Writer]) -> None:
    """The fourth quarter's patrols and self-checks, with the hazards they found.

    西岭村 patrols its hills twelve times and writes 无隐患 every time (the village seed 003
    faults); 马家湾村 watches its landslide point, puts its fallen sign back up on the spot and
    finds a slope failing by the road, a place no unit owns; 东溪村 keeps its river. 兴源化工
    runs its 班组/部门/厂长 checks and finds hazards of its own; 鑫达机械 skips December.
    A generator of its own keeps every record built above exactly as it was.
    """
    rng = random.Random(2410)
    office = writers["应急办"]
    by_name = {u.name: u for u in units}
    patrollers = ["杨国富", "李春林", "王德明", "张秀英"]
    made: dict[str, Patrol] = {}
    plan = [("西岭村", 4), ("马家湾村", 2), ("东溪村", 2)]
    for month in (10, 11, 12):
        for village, times in plan:
            fields = {"village": village, "month": f"2024-{month:02d}", "patrols": times}
            _create(office, RecordKind.PLAN, date(2024, month, 1), Plan, fields)
    for number in range(12):
        day = date(2024, 10 + number // 4, 3 + (number % 4) * 7)
        fields = {
            "date": day,
            "village": "西岭村",
            "kind": "森林防火巡查" if number % 2 else "走山走水",
            "by": rng.sample(patrollers, 2),
            "office": "应急办",
            "note": "未发现安全隐患",
        }
        _create(office, RecordKind.PATROL, day, Patrol, fields)
    point = by_name["马家湾滑坡隐患点"]
    for number, day in enumerate((date(2024, 10, 8), date(2024, 11, 5), date(2024, 12, 6))):
        fields = {
            "date": day,
            "village": "马家湾村",
            "point": point.id,
            "kind": "地灾巡查",
            "by": ["王德明"],
            "office": "规划自然资源所",
        }
        made[f"马家湾{number}"] = _create(  # type: ignore[assignment]
            writers["规划自然资源所"], RecordKind.PATROL, day, Patrol, fields
        )
    for number, day in enumerate((date(2024, 10, 15), date(2024, 11, 16), date(2024, 12, 14))):
        fields = {
            "date": day,
            "village": "东溪村",
            "kind": "防汛巡查" if number == 0 else "日常巡查",
            "by": ["李春林", "张秀英"],
            "office": "应急办",
        }
        made[f"东溪{number}"] = _create(office, RecordKind.PATROL, day, Patrol, fields)  # type: ignore[assignment]
    slope = made["马家湾1"]
    _hazard(
        writers["规划自然资源所"],
        {
            "village": "马家湾村",
            "place": "马家湾村后山公路K3+200处边坡",
            "sector": "地质灾害",
            "office": "规划自然资源所",
            "description": "公路内侧边坡局部滑塌，坡脚堆积土石，威胁过往车辆",
            "category": "地质灾害",
            "patrol": slope.id,
            "source": HazardSource.PATROL,
            "measures": "设置警示标志和临时围挡，清理塌方土石，雨后加密巡查",
            "responsible": "王德明",
            "deadline": date(2024, 12, 20),
        },
        slope.date,
        fixed=date(2024, 12, 12),
        closed=date(2024, 12, 18),
    )
    sign = made["马家湾0"]
    _hazard(
        writers["规划自然资源所"],
        {
            "enterprise": point.id,
            "description": "滑坡隐患点警示牌被风吹倒",
            "patrol": sign.id,
            "source": HazardSource.PATROL,
            "on_the_spot": True,
        },
        sign.date,
    )
    chemical = by_name["兴源化工有限公司"]
    machinery = by_name["鑫达机械制造有限公司"]
    checks: list[SelfCheck] = []
    for month in (10, 11, 12):
        for level, day_of_month in (
            ("班组", 2),
            ("班组", 16),
            ("部门", 9),
            ("部门", 23),
            ("厂长", 28),
        ):
            day = date(2024, month, day_of_month)
            fields = {
                "enterprise": chemical.id,
                "date": day,
                "level": level,
                "by": chemical.principal,
                "office": "经发办",
            }
            checks.append(_create(writers["经发办"], RecordKind.SELF_CHECK, day, SelfCheck, fields))  # type: ignore[arg-type]
        if month < 12:
            day = date(2024, month, 25)
            fields = {
                "enterprise": machinery.id,
                "date": day,
                "level": "厂长",
                "by": machinery.principal,
                "office": "经发办",
            }
            _create(writers["经发办"], RecordKind.SELF_CHECK, day, SelfCheck, fields)
    director = next(c for c in checks if c.level == "厂长" and c.date.month == 11)
    department = next(c for c in checks if c.level == "部门" and c.date.month == 12)
    _hazard(
        writers["经发办"],
        {
            "enterprise": chemical.id,
            "description": "储罐区静电接地线松脱",
            "self_check": director.id,
            "source": HazardSource.SELF_CHECK,
            "on_the_spot": True,
        },
        director.date,
    )
    _hazard(
        writers["经发办"],
        {
            "enterprise": chemical.id,
            "description": "应急器材柜内空气呼吸器气瓶压力不足",
            "self_check": department.id,
            "source": HazardSource.SELF_CHECK,
            "measures": "更换气瓶，每周检查器材压力",
            "responsible": chemical.principal,
            "deadline": date(2025, 1, 10),
        },
        department.date,
    )
    shop = next(u for u in units if u.subtype == "小餐馆")
    _hazard(
        office,
        {
            "enterprise": shop.id,
            "description": "后厨违规存放液化石油气钢瓶3瓶（群众举报）",
            "source": HazardSource.REPORT,
            "measures": "清出多余钢瓶，改用管道燃气",
            "responsible": shop.principal,
            "deadline": date(2024, 12, 10),
        },
        date(2024, 12, 2),
        fixed=date(2024, 12, 8),
    )


def _hazard(
    writer: Writer,
    fields: dict,  # type: ignore[type-arg]
    found: date,
    *,
    fixed: date | None = None,
    closed: date | None = None,
) -> Hazard:
    """A hazard found that day by a patrol, a self-check or a report, taken as far as given."""
    history = [found_step(found, writer.office.name)]
    if fields.get("on_the_spot"):
        history.append(fixed_on_spot_step(found, writer.office.name))
    data = {**fields, "found": found, "history": history, "status": state_after(history[-1].action)}

    def build(new_id: str) -> Hazard:
        hazard = Hazard.model_validate({"id": new_id, **data})
        if fixed is not None:
            hazard = rectify(hazard, fixed, by=fields.get("responsible"))
        if closed is not None:
            hazard = verify(hazard, closed, by="周强")
        return hazard

    return writer.create(RecordKind.HAZARD, found, build, "")


def _fourth_quarter_penalties(
    hazards: list[Hazard], units: list[Enterprise], writer: Writer
) -> None:
    """Cases for overdue hazards in Q4, so the quarter's report has 行政处罚 to quote.

    A generator of its own keeps every record built above exactly as it was.
    """
    rng = random.Random(2412)
    # a landslide point is watched, not fined
    watched = {u.id for u in units if u.sector == "地质灾害"}
    overdue = [
        h
        for h in hazards
        if h.found.month >= 10 and is_overdue_on(h, AS_OF) and h.enterprise not in watched
    ]
    for number, hazard in enumerate(overdue[:3]):
        day = min(hazard.deadline + timedelta(days=7), AS_OF) if hazard.deadline else AS_OF
        fields = {
            "enterprise": hazard.enterprise,
            "date": day,
            "fine": Decimal(rng.choice([3000, 5000, 8000])),
            "doc_no": f"东应急罚〔2024〕{13 + number}号",
            "reason": f"{hazard.description}，逾期未整改",
            "inspection": hazard.inspection,
            "hazard": hazard.id,
        }
        writer.create(
            RecordKind.PENALTY,
            day,
            lambda new_id, f=fields: Penalty.model_validate({"id": new_id, **f}),
            "",
        )


def _office_work(units: list[Enterprise], writer: Writer) -> None:
    """The office's other work in Q4: a quarry 停产 since the autumn, an inspection by the
    district's 应急局 with partners, 宣传 and 劝导 with their quantities, a penalty on a
    person. Built last, so every record above stays exactly as it was."""
    quarry = next(u for u in units if u.name == "西岭采石场")
    path = OUT / "enterprises" / f"{quarry.id}.yaml"
    suspended = quarry.model_copy(
        update={"status": UnitStatus.SUSPENDED, "status_date": date(2024, 9, 30)}
    )
    writer.update(quarry, suspended, "")
    mine = next(u for u in units if u.name == "东溪石材加工厂")
    visit = {
        "enterprise": mine.id,
        "date": date(2024, 11, 6),
        "type": "督导检查",
        "campaign": "岁末年初大检查",
        "inspectors": ["何平", "宋涛"],
        "office": "区应急局",
        "partners": ["规划自然资源所", "派出所"],
        "note": "区应急局会同规划自然资源所、派出所督导检查非煤矿山",
    }
    writer.create(
        RecordKind.INSPECTION,
        date(2024, 11, 6),
        lambda new_id: Inspection.model_validate({"id": new_id, **visit}),
        "",
    )
    works = [
        (
            "宣传",
            date(2024, 11, 9),
            "发放宣传资料",
            20000,
            "份",
            "预防一氧化碳中毒和电动车火灾宣传",
        ),
        ("宣传", date(2024, 11, 9), "悬挂横幅", 50, "条", "预防一氧化碳中毒和电动车火灾宣传"),
        ("劝导", date(2024, 12, 20), "劝导驾乘人员", 980, "人次", "摩托车驾乘人员未戴头盔劝导"),
    ]
    for kind, day, what, quantity, measure, note in works:
        fields = {
            "date": day,
            "kind": kind,
            "office": "平安办" if kind == "劝导" else "应急办",
            "what": what,
            "quantity": quantity,
            "measure": measure,
            "note": note,
        }
        writer.create(
            RecordKind.ACTIVITY,
            day,
            lambda new_id, f=fields: Activity.model_validate({"id": new_id, **f}),
            "",
        )
    case = {
        "person": "黄某",
        "domain": "道路运输",
        "village": "桥头社区",
        "date": date(2024, 12, 20),
        "fine": Decimal(200),
        "reason": "驾驶摩托车未戴安全头盔",
    }
    writer.create(
        RecordKind.PENALTY,
        date(2024, 12, 20),
        lambda new_id: Penalty.model_validate({"id": new_id, **case}),
        "",
    )
    assert path.is_file()


def _advance(hazard: Hazard, rng: random.Random) -> Hazard:
    """Take a hazard some way through its life, never past the example's as-of date."""
    roll = rng.random()
    if roll < 0.18:
        return hazard
    fixed = hazard.found + timedelta(days=rng.randint(3, 40))
    if fixed > AS_OF:
        return hazard
    hazard = rectify(hazard, fixed, by=hazard.responsible)
    if roll < 0.35:
        return hazard
    checked = fixed + timedelta(days=rng.randint(1, 10))
    if checked > AS_OF:
        return hazard
    if roll < 0.42:
        hazard = verify(hazard, checked, by=rng.choice(INSPECTORS), passed=False, note="整改不彻底")
        again = checked + timedelta(days=rng.randint(5, 20))
        if again > AS_OF or roll < 0.38:
            return hazard
        hazard = rectify(hazard, again, by=hazard.responsible)
        checked = again + timedelta(days=2)
        if checked > AS_OF:
            return hazard
    return verify(hazard, checked, by=rng.choice(INSPECTORS))


if __name__ == "__main__":
    main()
