"""Real examples that end each command's help page (its epilog), one or two per command.

They are kept here, by command path, rather than in each command's decorator: the help
frame (chinese.py) adds them only when a help page is shown, and tests/test_help.py parses
every one of them against its command, so an example cannot name an option that is gone.
"""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, ...]] = {
    "init": ("anquan init 东溪镇台账 --name 东溪镇", "anquan init --name 西岭乡 --office 安监站"),
    "add-enterprise": (
        "anquan add-enterprise --name 兴源化工有限公司 --sector 危险化学品",
        "anquan add-enterprise --name 老街小吃店 --attr 燃气报警装置=已安装",
    ),
    "add-inspection": (
        'anquan add-inspection -e 兴源化工 --date 2024-10-15 --inspectors "张伟,李娜"',
        "anquan add-inspection -e dxsc --date 2024.11.6 --office 区应急局 --with 派出所",
    ),
    "add-hazard": (
        "anquan add-hazard -e xyhg -d 配电箱未接地 --deadline 2024-10-30",
        "ID=$(anquan add-hazard -e 兴源化工 -d 防火堤破损 --level 重大)",
    ),
    "add-patrol": (
        'anquan add-patrol --date 2024-07-10 --village 西岭村 --by "张伟,李娜"',
        "anquan add-patrol --date 2024-07-11 --village 马家湾村 --point 马家湾滑坡",
    ),
    "add-self-check": (
        "anquan add-self-check -e 兴源化工 --date 2024-10-12 --level 班组 --by 王强",
    ),
    "rectify": ("anquan rectify DX-H-2410-YJB01 --date 2024-10-25",),
    "verify": (
        "anquan verify DX-H-2410-YJB01 --date 2024-10-28 --by 张伟",
        "anquan verify DX-H-2410-YJB01 --date 2024-10-28 --by 张伟 --fail",
    ),
    "attach": (
        "anquan attach DX-H-2410-YJB01 IMG_0012.jpg --as 整改前",
        "anquan attach DX-H-2410-YJB01 整改后1.jpg 整改后2.jpg --as 整改后 --date 2024-10-25",
        "anquan attach DX-I-2410-YJB01 检查记录.pdf --as 文书扫描件",
    ),
    "add-penalty": (
        "anquan add-penalty -e 兴源化工 --date 2024-11-02 --fine 20000",
        "anquan add-penalty -e 兴源化工 --date 2024-11-02 --fine 5000 --hazard $ID",
        "anquan add-penalty --person 黄某 --date 2024-12-20 --fine 200",
    ),
    "add-accident": ("anquan add-accident --date 2024-11-12 --domain 道路运输 --injuries 2",),
    "add-activity": (
        "anquan add-activity --date 2024-10-10 --kind 专题会议 --leader 陈立新",
        "anquan add-activity --date 2024-11-20 --kind 培训 --count 2 --people 85",
        "anquan add-activity --date 2024-12-20 --kind 劝导 --quantity 980 --measure 次",
    ),
    "set": (
        "anquan set DX-E-2401-GHS02 状态=停产 状态日期=2024-09-30",
        "anquan set DX-E-2401-GHS02 属性.燃气报警装置=已安装 note=",
    ),
    "add-plan": (
        "anquan add-plan --office 应急办 --month 2024-11 --inspections 20",
        "anquan add-plan --village 东溪村 --month 2024-11 --patrols 8",
    ),
    "inspect": (
        "anquan inspect -e 老街小吃店 --checklist 九小场所消防 --date 2024-10-15",
        'anquan inspect -e lxc -c 九小场所消防 --answers 答案.yaml --inspectors "张伟,李娜"',
    ),
    "checklist": ("anquan checklist list", "anquan checklist show 九小场所消防"),
    "checklist list": ("anquan checklist list", "anquan checklist list --format json"),
    "checklist show": ("anquan checklist show 城镇燃气（餐饮用户）",),
    "list": (
        "anquan list hazards --overdue",
        "anquan list hazards --status 整改中 --from 2024-10-01 | grep 兴源",
    ),
    "show": ("anquan show DX-H-2410-YJB01", "anquan show DX-E-2401-YJB01 --format json"),
    "check": ("anquan check", "anquan check --strict --format json"),
    "fix-encoding": ("anquan fix-encoding hazards/2024/DX-H-2410-YJB01.yaml",),
    "report": (
        "anquan report --quarter 4 --year 2024 --format docx -o 报送/",
        "anquan report --quarter 4 --explain hazards_overdue",
    ),
    "doc": (
        "anquan doc 整改通知书 DX-I-2411-YJB01 -o 文书/",
        "anquan doc 复查意见书 DX-H-2411-YJB02",
        "anquan doc --day 2024-11-06 --office 应急办 -o 文书/",
    ),
    "stats": ("anquan stats", "anquan stats --month 2024-11 --format json"),
    "due": (
        "anquan due --office 经发办 --days 14",
        "anquan due -o 待办.ics",
        "anquan due --village 西岭村 --format text",
    ),
    "submit": (
        "anquan submit --month 2024-11 --office 经发办 --date 2024-12-03",
        "anquan submit --month 2024-11 --village 东溪村",
    ),
    "status": (
        "anquan status --month 2024-11",
        "anquan status --year 2024 --format json",
    ),
    "sync": ("anquan sync", "anquan sync --abort"),
    "log": ("anquan log DX-H-2410-YJB01",),
    "close": ("anquan close --quarter 4 --year 2024",),
    "export": (
        "anquan export --quarter 4 --year 2024 -o 报送/",
        "anquan export --year 2024 -o - > 台账.xlsx",
    ),
    "import": (
        "anquan import 隐患台账.xlsx --dry-run",
        "anquan import - --kind enterprises < 单位名单.csv",
    ),
    "office": ("anquan office set 经发办",),
    "office set": ("anquan office set 经发办",),
    "completion": (
        "anquan completion bash > ~/.local/share/bash-completion/completions/anquan",
        "anquan completion powershell | Out-String | Invoke-Expression",
    ),
}


def epilog(path: str) -> str | None:
    """The examples for a command path ("add-hazard", "office set"), as Typer shows an epilog:
    paragraphs, one line each."""
    found = EXAMPLES.get(path)
    if found is None:
        return None
    return "\n\n".join(("示例：", *found))
