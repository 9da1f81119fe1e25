"""The three sheet layouts (办事指南, 权责清单, 标准目录) and their rows read into records — no Django.

Each ``read_*`` takes a ``sheets.Table`` and returns the records and the problems found, every
problem with its sheet line. The importing service refuses the whole file when there is any problem,
so nothing is ever half-imported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from gongkai.guides.sheets import Column, Problem, Row, Table, split_marked
from gongkai.guides.time_rules import TimeRule, parse_time_rule
from gongkai.guides.vocabulary import (
    AUDIENCE_LABELS,
    LEVEL_ALIASES,
    LEVEL_LABELS,
    MATERIAL_FORM_LABELS,
    MODE_LABELS,
    POWER_TYPE_ALIASES,
    POWER_TYPE_LABELS,
    MaterialForm,
)

# ---------------------------------------------------------------- 办事指南: one guide per row block
GUIDE_COLUMNS = {
    "code": Column(("事项编码", "编码", "实施编码")),
    "name": Column(("事项名称", "服务事项名称"), required=True),
    "topic": Column(("服务主题", "主题", "主题分类")),
    "implementing_body": Column(("实施主体", "办理部门")),
    "basis": Column(("设定依据", "办理依据", "法律依据")),
    "conditions": Column(("申请条件", "受理条件", "办理条件")),
    "location": Column(("办理地点", "受理地点")),
    "hours": Column(("办理时间", "受理时间")),
    "phone": Column(("联系电话", "咨询电话")),
    "procedure": Column(("办理流程", "办理程序")),
    "statutory_days": Column(("法定办结时限", "法定时限")),
    "promised_days": Column(("承诺办结时限", "承诺时限")),
    "fee_basis": Column(("收费依据", "收费依据及标准")),
    "fee_amount": Column(("收费标准", "收费金额")),
    "consultation": Column(("咨询方式",)),
    "complaint": Column(("监督投诉方式", "投诉方式", "监督投诉渠道")),
    "visits": Column(("到现场次数", "到办事现场次数")),
    "online_url": Column(("网上办理入口", "网上办理地址", "在线办理")),
    "faq": Column(("常见问题",)),
    "material_name": Column(("材料名称", "申请材料", "办理材料")),
    "material_form": Column(("材料形式", "形式")),
    "material_copies": Column(("份数", "材料份数")),
    "material_required": Column(("必要性", "是否必需", "是否必要")),
    "material_sample": Column(("样表", "空表", "样表/空表", "示范文本")),
}
GUIDE_FIELDS = tuple(key for key in GUIDE_COLUMNS if not key.startswith("material_"))
NO_TIME = re.compile(r"^(?:即办|即办件|当场办结|立即办结|当场)$")
DIGITS = re.compile(r"\d+")


@dataclass
class MaterialRecord:
    line: int
    name: str
    form: str = ""
    copies: int | None = None
    required: bool = True
    sample: str = ""


@dataclass
class GuideRecord:
    line: int
    values: dict[str, object]
    materials: list[MaterialRecord] = field(default_factory=list)


def _normal(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def working_days(text: str) -> int | None:
    """ "20个工作日", "20", "即办" (0) → days; "" → None; anything else → ValueError."""
    value = _normal(text)
    if not value:
        return None
    if NO_TIME.match(value):
        return 0
    if value.isdigit() or re.fullmatch(r"(\d+)个?工作日(?:内)?", value):
        return int(DIGITS.search(value).group())
    raise ValueError(f"“{text}”不是工作日数（如：20个工作日、即办）")


def _count(text: str, what: str) -> int | None:
    value = _normal(text)
    if not value:
        return None
    if value in ("最多跑一次", "跑一次"):
        return 1
    match = re.fullmatch(r"(\d+)(?:次|份)?", value)
    if match is None:
        raise ValueError(f"“{text}”不是{what}")
    return int(match.group(1))


def material_form(text: str) -> str:
    """原件 / 复印件 / 电子, possibly several ("原件、复印件"), as codes joined by commas."""
    names = [name for name, _ in split_marked(text)]
    labels = {label: code for code, label in MATERIAL_FORM_LABELS.items()}
    labels.update(dict.fromkeys(("电子版", "电子材料", "电子件", "电子文档"), MaterialForm.ELECTRONIC))
    codes = []
    for name in names:
        if name not in labels:
            raise ValueError(f"“{name}”不是材料形式（原件、复印件、电子）")
        codes.append(str(labels[name]))
    return ",".join(dict.fromkeys(codes))


def material_required(text: str) -> bool:
    value = _normal(text)
    if value in ("", "必要", "必需", "必须", "是", "必交", "必备"):
        return True
    if value in ("非必要", "非必需", "否", "可选", "选交", "容缺", "视情况提供", "特定情形提交"):
        return False
    raise ValueError(f"“{text}”不是必要性（必要、非必要、容缺）")


def _parse_guide_values(row: Row, problems: list[Problem]) -> dict[str, object]:
    values: dict[str, object] = {key: row.get(key) for key in GUIDE_FIELDS}
    for key in ("statutory_days", "promised_days"):
        try:
            values[key] = working_days(row.get(key))
        except ValueError as error:
            problems.append(Problem(row.line, str(error), GUIDE_COLUMNS[key].labels[0]))
    try:
        values["visits"] = _count(row.get("visits"), "次数")
    except ValueError as error:
        problems.append(Problem(row.line, str(error), "到现场次数"))
    url = row.get("online_url")
    if url and not re.match(r"^https?://\S+$", url):
        problems.append(Problem(row.line, "应为 http:// 或 https:// 开头的网址", "网上办理入口"))
    return values


def _parse_material(row: Row, problems: list[Problem]) -> MaterialRecord | None:
    name = row.get("material_name").strip()
    extra = [row.get(key) for key in ("material_form", "material_copies", "material_sample")]
    if not name:
        if any(extra):
            problems.append(Problem(row.line, "填写了材料形式或份数，但缺少材料名称", "材料名称"))
        return None
    material = MaterialRecord(row.line, name, sample=row.get("material_sample"))
    for label, parse in (
        ("材料形式", lambda: setattr(material, "form", material_form(row.get("material_form")))),
        ("份数", lambda: setattr(material, "copies", _count(row.get("material_copies"), "份数"))),
        ("必要性", lambda: setattr(material, "required", material_required(row.get("material_required")))),
    ):
        try:
            parse()
        except ValueError as error:
            problems.append(Problem(row.line, str(error), label))
    return material


def read_guides(table: Table) -> tuple[list[GuideRecord], list[Problem]]:
    """Rows with the same 事项名称 (and 编码) one after another — merged down, repeated or "同上" —
    are one guide with one material per row; guide-level cells of the later rows must agree."""
    problems = list(table.problems)
    guides: list[GuideRecord] = []
    for row in table.rows:
        if not row.get("name").strip():
            problems.append(Problem(row.line, "不能为空", "事项名称"))
            continue
        identity = (row.get("code"), row.get("name"))
        current = guides[-1] if guides else None
        if current is None or (current.values["code"], current.values["name"]) != identity:
            current = GuideRecord(row.line, _parse_guide_values(row, problems))
            guides.append(current)
        else:
            _check_same_guide(current, row, problems)
        material = _parse_material(row, problems)
        if material is not None:
            current.materials.append(material)
    return guides, problems


def _check_same_guide(guide: GuideRecord, row: Row, problems: list[Problem]) -> None:
    for key in ("basis", "conditions", "location", "hours", "phone", "procedure", "fee_basis", "fee_amount"):
        text = row.get(key)
        if text and text != guide.values[key]:
            problems.append(
                Problem(row.line, f"与第{guide.line}行同一事项的内容不一致", GUIDE_COLUMNS[key].labels[0])
            )


# ---------------------------------------------------------------- 权责清单
POWER_COLUMNS = {
    "code": Column(("编码", "职权编码", "事项编码")),
    "name": Column(("职权名称", "事项名称", "权力名称"), required=True),
    "power_type": Column(("职权类型", "权力类型", "事项类型"), required=True),
    "basis": Column(("设定依据", "实施依据", "法律依据")),
    "implementing_body": Column(("实施主体",)),
    "responsibilities": Column(("责任事项",)),
    "accountability": Column(("追责情形", "问责情形", "追责情形及依据")),
    "note": Column(("备注",)),
}


@dataclass
class PowerRecord:
    line: int
    code: str
    name: str
    power_type: str
    basis: str = ""
    implementing_body: str = ""
    responsibilities: str = ""
    accountability: str = ""
    note: str = ""


def power_type(text: str) -> str:
    """A 职权类型 label (or code) → its code; "" when empty; ValueError when unknown."""
    value = _normal(text)
    if not value:
        return ""
    if value in POWER_TYPE_ALIASES:
        return str(POWER_TYPE_ALIASES[value])
    raise ValueError(f"“{text}”不是职权类型（{'、'.join(POWER_TYPE_LABELS.values())}）")


def read_powers(table: Table) -> tuple[list[PowerRecord], list[Problem]]:
    problems = list(table.problems)
    records: list[PowerRecord] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        if not row.get("name").strip():
            problems.append(Problem(row.line, "不能为空", "职权名称"))
            continue
        try:
            kind = power_type(row.get("power_type"))
        except ValueError as error:
            problems.append(Problem(row.line, str(error), "职权类型"))
            continue
        code = row.get("code").strip()
        if code and code in seen:
            problems.append(Problem(row.line, f"与第{seen[code]}行的编码重复", "编码"))
            continue
        if code:
            seen[code] = row.line
        records.append(
            PowerRecord(
                row.line,
                code,
                row.get("name").strip(),
                kind,
                **{
                    key: row.get(key)
                    for key in ("basis", "implementing_body", "responsibilities", "accountability", "note")
                },
            )
        )
    return records, problems


# ---------------------------------------------------------------- 基层政务公开标准目录
STANDARD_COLUMNS = {
    "number": Column(("序号",)),
    "first_level": Column(("一级事项", "公开事项一级事项"), required=True),
    "second_level": Column(("二级事项", "公开事项二级事项"), required=True),
    "content": Column(("公开内容（要素）", "公开内容(要素)", "公开内容")),
    "basis": Column(("公开依据",)),
    "time_limit": Column(("公开时限",)),
    "subject": Column(("公开主体",)),
    "channels": Column(("公开渠道和载体", "公开渠道", "公开载体")),
    "audience": Column(("公开对象",), options=tuple(AUDIENCE_LABELS.values())),
    "mode": Column(("公开方式",), options=tuple(MODE_LABELS.values())),
    "level": Column(("公开层级",), options=tuple(LEVEL_LABELS.values())),
}


@dataclass
class StandardRecord:
    line: int
    first_level: str
    second_level: str
    content: str = ""
    basis: str = ""
    time_rule: TimeRule = field(default_factory=lambda: parse_time_rule(""))
    subject: str = ""
    channels: list[tuple[str, bool]] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)


def _choices(text: str, labels: dict, what: str, aliases: dict | None = None) -> list[str]:
    by_label = {label: str(code) for code, label in labels.items()}
    by_label.update({str(code): str(code) for code in labels})
    by_label.update({label: str(code) for label, code in (aliases or {}).items()})
    chosen = []
    for name, _required in split_marked(text):
        if name not in by_label:
            raise ValueError(f"“{name}”不是{what}（{'、'.join(labels.values())}）")
        chosen.append(by_label[name])
    return list(dict.fromkeys(chosen))


def read_standard(table: Table) -> tuple[list[StandardRecord], list[Problem]]:
    problems = list(table.problems)
    records: list[StandardRecord] = []
    for row in table.rows:
        missing = [
            label
            for key, label in (("first_level", "一级事项"), ("second_level", "二级事项"))
            if not row.get(key)
        ]
        for label in missing:
            problems.append(Problem(row.line, "不能为空", label))
        record = StandardRecord(
            row.line,
            row.get("first_level"),
            row.get("second_level"),
            content=row.get("content"),
            basis=row.get("basis"),
            time_rule=parse_time_rule(row.get("time_limit")),
            subject=row.get("subject"),
            channels=split_marked(row.get("channels")),
        )
        for attribute, key, labels, aliases, what in (
            ("audiences", "audience", AUDIENCE_LABELS, {}, "公开对象"),
            ("modes", "mode", MODE_LABELS, {"主动公开": "proactive", "依申请公开": "on_request"}, "公开方式"),
            ("levels", "level", LEVEL_LABELS, LEVEL_ALIASES, "公开层级"),
        ):
            try:
                setattr(record, attribute, _choices(row.get(key), labels, what, aliases))
            except ValueError as error:
                problems.append(Problem(row.line, str(error), what))
        if not record.modes and "mode" in table.columns:
            problems.append(Problem(row.line, "应标明主动或依申请", "公开方式"))
        if not missing:
            records.append(record)
    return records, problems
