"""Letter numbers (文号) of the letters sent to applicants — pure Python, no Django.

A letter is numbered like any official document: ``{prefix}〔{year}〕{seq}号``, e.g.
``示经信依申复〔2026〕3号``. Each agency keeps one gap-free series per year and per kind of
letter (答复, 补正, 延期, 收费); the prefix of each series is set by the agency and defaults to
its short name (简称) followed by 依申 and the kind's mark. The number does not come from the
tracking code: it is the agency's own register of outgoing documents.
"""

from __future__ import annotations

PATTERN = "{prefix}〔{year}〕{seq}号"

# Series of letter numbers: code → (label, the mark after 依申 in the default prefix).
SERIES: dict[str, tuple[str, str]] = {
    "reply": ("答复告知书", "复"),
    "correction": ("补正告知书", "补"),
    "extension": ("延期答复告知书", "延"),
    "fee": ("收费通知书", "费"),
}

# Levels of place names that open an agency's name (示范市…, 东城镇…); the first character of the
# innermost level stands for the place in the short name.
PLACE_SUFFIXES = ("自治区", "自治州", "自治县", "省", "市", "区", "县", "旗", "镇", "乡", "街道")
# Usual abbreviations of the words of an agency's name (longest first where they overlap).
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("人民政府办公室", "政办"),
    ("人民政府办公厅", "政办"),
    ("人民政府", "政"),
    ("经济和信息化", "经信"),
    ("发展和改革", "发改"),
    ("住房和城乡建设", "住建"),
    ("人力资源和社会保障", "人社"),
    ("政务服务和数据管理", "政数"),
    ("市场监督管理", "市监"),
    ("卫生健康", "卫健"),
    ("生态环境", "环"),
    ("交通运输", "交"),
    ("农业农村", "农"),
    ("文化和旅游", "文旅"),
    ("应急管理", "应急"),
    ("医疗保障", "医保"),
    ("自然资源和规划", "自然资源"),
    ("城市管理", "城管"),
    ("教育", "教"),
    ("财政", "财"),
    ("公安", "公"),
    ("民政", "民"),
    ("司法", "司"),
    ("水利", "水"),
    ("商务", "商"),
    ("审计", "审"),
    ("统计", "统"),
)
ORGAN_SUFFIXES = ("委员会", "管理局", "办公室", "局", "委", "厅", "办", "中心", "部", "处", "所", "站")
MAX_SHORT = 6


def series_of(kind: str) -> str:
    """The series of a letter kind (``texts.KINDS``): every answer letter is in the 答复 series, and
    the Art. 35 later-deadline notice is in the 延期 series (both put off the answer)."""
    if kind.startswith("reply"):
        return "reply"
    return "extension" if kind == "later_deadline" else kind


def _split_places(name: str) -> tuple[list[str], str]:
    places, rest = [], name
    while True:
        cut = None
        for suffix in PLACE_SUFFIXES:
            at = rest.find(suffix)
            # A place name is two to four characters before its level (示范市, 东城镇, 某某自治县).
            if 1 <= at <= 4 and (cut is None or at + len(suffix) < cut):
                cut = at + len(suffix)
        if cut is None or cut >= len(rest):
            return places, rest
        places.append(rest[:cut])
        rest = rest[cut:]


def short_name(name: str) -> str:
    """The agency's usual short name derived from its full name: the innermost place's first
    character and the abbreviated organ (示范市经济和信息化局 → 示经信, 示范市人民政府 → 示政)."""
    name = (name or "").strip()
    if not name:
        return ""
    places, rest = _split_places(name)
    place = places[-1][0] if places else ""
    organ = ""
    remainder = rest
    while remainder:
        for word, short in ABBREVIATIONS:
            if remainder.startswith(word):
                organ += short
                remainder = remainder[len(word) :]
                break
        else:
            break
    for suffix in ORGAN_SUFFIXES:
        if remainder == suffix:
            # 人民政府办公室 is handled above; a bare 办公室 after another word is 办.
            remainder = "办" if suffix in ("办公室", "办") and organ else ""
            break
        if remainder.endswith(suffix):
            remainder = remainder[: -len(suffix)]
            break
    organ += remainder[:2]
    return (place + organ)[:MAX_SHORT] or name[:2]


def default_prefix(short: str, series: str) -> str:
    """示经信 + 依申 + 复 → 示经信依申复."""
    return f"{short}依申{SERIES[series][1]}"


def format_number(prefix: str, year: int, seq: int) -> str:
    return PATTERN.format(prefix=prefix, year=year, seq=seq)
