"""统一社会信用代码 per GB 32100-2015, checked part by part.

A code is 18 characters: 1 登记管理部门代码, 2 机构类别代码 (allowed values depend on the
authority), 3–8 登记管理机关行政区划码, 9–17 主体标识码 (组织机构代码), 18 校验码.

How strict, and why: the authority and type characters are checked against the standard's
table (with the later additions A 中央军委改革和编制办公室 and N 农业, whose codes are issued
today). The region must be six digits whose first two are a province-level code of GB/T 2260,
or 10 for units registered nationally (100000, as on 民政部's and 国家市场监管总局's codes).
The remaining four digits are not looked up: a code keeps the region of the office that
registered it, and counties are merged and renumbered while their old codes stay valid. The
主体标识码's own GB 11714 check digit is not checked: the standard does not ask the code's
readers to, and older 个体工商户 codes do not all carry one.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}

# 登记管理部门代码 → (its name, {机构类别代码: name})
AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "群众团体", "9": "其他"}),
    "2": ("外交", {"1": "外国常住新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": (
        "旅游",
        {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻代表机构", "9": "其他"},
    ),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": (
        "农业",
        {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"},
    ),
    "Y": ("其他", {"1": "其他"}),
}

# First two digits of a region: 10 national, then the provinces of GB/T 2260, Taiwan, HK, Macao.
PROVINCES = frozenset(
    [
        "10",
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)


def check_character(first17: str) -> str:
    """The check character that completes these 17 characters."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(code: str) -> str:
    """Return the code upper-cased, or raise ValueError naming the part that is wrong."""
    code = code.strip().upper()
    if len(code) != 18:
        raise ValueError(f"统一社会信用代码 {code} 应为18位，实为{len(code)}位")
    bad = [ch for ch in code if ch not in _VALUE]
    if bad:
        raise ValueError(
            f"统一社会信用代码 {code} 含有不允许的字符 {bad[0]}（不使用 I、O、Z、S、V）"
        )
    why = _authority_and_type(code[0], code[1]) or _region(code[2:8])
    if why is not None:
        raise ValueError(f"统一社会信用代码 {code} {why}")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise ValueError(
            f"统一社会信用代码 {code} 校验位错误：第18位应为 {expected}，实为 {code[17]}"
        )
    return code


def _authority_and_type(authority: str, kind: str) -> str | None:
    known = AUTHORITIES.get(authority)
    if known is None:
        allowed = "、".join(f"{k}（{name}）" for k, (name, _) in AUTHORITIES.items())
        return f"第1位（登记管理部门代码）{authority} 无效，应为 {allowed}"
    name, kinds = known
    if kind not in kinds:
        allowed = "、".join(f"{k}（{label}）" for k, label in kinds.items())
        return f"第2位（机构类别代码）{kind} 不是{name}部门登记的类别，应为 {allowed}"
    return None


def _region(region: str) -> str | None:
    if not (region.isascii() and region.isdigit()):
        return f"第3–8位（登记管理机关行政区划码）{region} 应为6位数字"
    if region[:2] not in PROVINCES:
        return f"第3–8位（登记管理机关行政区划码）{region} 的省级代码 {region[:2]} 不存在"
    return None


def make_code(authority: str, kind: str, region: str, subject: str) -> str:
    """A code from its parts (主体标识码 9 characters), completed with its check character;
    for example ledgers and tests. The parts are not checked here: validate the result."""
    body = authority + kind + region + subject
    return body + check_character(body)
