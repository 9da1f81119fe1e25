"""The five checks of a service guide (办事指南) and the inspection's deduction — pure Python.

Source: domain/services.md §1, after the State Council's website inspection (2015 普查; gov.cn/wzpc):
the eight elements 事项名称、设定依据、申请条件、办理材料、办理地点、办理时间、联系电话、办理流程 must
each be present; −2 points per missing element kind, at most −16, and the same element missing in many
guides of one agency counts once.

A guide is handed over as ``GuideFacts`` (plain values); the caller resolves which catalogue items
the 设定依据 cites and whether each is abolished.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Element(StrEnum):
    """The eight elements the inspection checks, in its order; values are API codes."""

    NAME = "name"
    BASIS = "basis"
    CONDITIONS = "conditions"
    MATERIALS = "materials"
    LOCATION = "location"
    HOURS = "hours"
    PHONE = "phone"
    PROCEDURE = "procedure"


ELEMENT_LABELS = {
    Element.NAME: "事项名称",
    Element.BASIS: "设定依据",
    Element.CONDITIONS: "申请条件",
    Element.MATERIALS: "办理材料",
    Element.LOCATION: "办理地点",
    Element.HOURS: "办理时间",
    Element.PHONE: "联系电话",
    Element.PROCEDURE: "办理流程",
}


class FindingCode(StrEnum):
    MISSING_ELEMENT = "missing_element"
    PROMISE_EXCEEDS_STATUTE = "promise_exceeds_statute"
    FEE_WITHOUT_AMOUNT = "fee_without_amount"
    VAGUE_MATERIAL = "vague_material"
    BASIS_INVALID = "basis_invalid"


FINDING_LABELS = {
    FindingCode.MISSING_ELEMENT: "要素缺失",
    FindingCode.PROMISE_EXCEEDS_STATUTE: "承诺时限超过法定时限",
    FindingCode.FEE_WITHOUT_AMOUNT: "有收费依据但无收费标准",
    FindingCode.VAGUE_MATERIAL: "材料名称含糊",
    FindingCode.BASIS_INVALID: "设定依据引用的文件已废止",
}

POINTS_PER_MISSING_ELEMENT = 2
MAXIMUM_DEDUCTION = 16

# Text that fills a field without saying anything: the element is still missing.
PLACEHOLDERS = frozenset({"无", "暂无", "略", "待定", "待补充", "不详", "详见附件", "见附件", "null", "none"})
# 国办发〔2016〕108号 and the inspection reject catch-all materials: 其他材料、相关材料、…等材料.
VAGUE_MATERIAL = re.compile(
    r"^(?:其[他它](?:相关|有关)?|相关|有关)(?:的)?(?:证明|申请|佐证)?材料$"
    r"|(?:等|的其[他它]|其[他它])(?:相关|有关)?(?:证明|佐证)?材料$"
)
NO_FEE = re.compile(r"不收费|免费|免收|无收费|不收取|零收费|^0(?:\.0+)?元?$")
_NUMBERING = re.compile(
    r"^\s*(?:[0-9０-９]+[.、．)）]|[（(][0-9一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)\s*"
)


@dataclass(frozen=True)
class Citation:
    """A catalogue item cited by the 设定依据, as the caller resolved it."""

    title: str
    abolished: bool
    reference: str = ""  # 文号 or 索引号, for the message


@dataclass(frozen=True)
class GuideFacts:
    """What the checks read of one guide. ``key`` identifies it in findings (its id)."""

    key: object = None
    name: str = ""
    basis: str = ""
    conditions: str = ""
    materials: tuple[str, ...] = ()  # material names, one per row
    location: str = ""
    hours: str = ""
    phone: str = ""
    procedure: str = ""
    statutory_days: int | None = None
    promised_days: int | None = None
    fee_basis: str = ""
    fee_amount: str = ""
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Finding:
    guide: object
    code: FindingCode
    element: Element | None = None
    detail: str = ""

    @property
    def message(self) -> str:
        """In plain Chinese: the missing element named; the abolished documents cited, after a colon
        (the label names 设定依据 already); else the label with its detail in brackets."""
        label = FINDING_LABELS[self.code]
        if self.code == FindingCode.MISSING_ELEMENT and self.element is not None:
            return f"{label}：{ELEMENT_LABELS[self.element]}"
        if self.code == FindingCode.BASIS_INVALID and self.detail:
            return f"{label}：{self.detail}"
        return f"{label}（{self.detail}）" if self.detail else label


def is_blank(value: str) -> bool:
    """Empty, punctuation only, or a placeholder such as 无/暂无/待定."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not text or text.lower() in PLACEHOLDERS:
        return True
    return all(unicodedata.category(character)[0] in "PZS" for character in text)


def missing_elements(guide: GuideFacts) -> list[Element]:
    """Check 1 (`missing_element`): each of the eight elements that is empty."""
    present = {
        Element.NAME: not is_blank(guide.name),
        Element.BASIS: not is_blank(guide.basis),
        Element.CONDITIONS: not is_blank(guide.conditions),
        Element.MATERIALS: any(not is_blank(name) for name in guide.materials),
        Element.LOCATION: not is_blank(guide.location),
        Element.HOURS: not is_blank(guide.hours),
        Element.PHONE: not is_blank(guide.phone),
        Element.PROCEDURE: not is_blank(guide.procedure),
    }
    return [element for element in Element if not present[element]]


def promise_exceeds_statute(guide: GuideFacts) -> bool:
    """Check 2: the promised limit (承诺办结时限) may shorten the statutory one (法定办结时限,
    e.g. 行政许可法 Art. 42: 20 working days), never lengthen it. Unknown limits are not compared."""
    if guide.statutory_days is None or guide.promised_days is None:
        return False
    return guide.promised_days > guide.statutory_days


def fee_without_amount(guide: GuideFacts) -> bool:
    """Check 3: a fee basis (收费依据) needs an amount (收费标准) or an explicit 不收费."""
    if is_blank(guide.fee_basis) or NO_FEE.search(guide.fee_basis):
        return False
    amount = unicodedata.normalize("NFKC", guide.fee_amount or "").strip()
    return is_blank(amount)


def is_vague_material(name: str) -> bool:
    """Check 4: a material named only as a catch-all (其他材料、相关材料、有关材料、…等材料)."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    text = _NUMBERING.sub("", text)
    text = re.sub(r"[\s。；;,，、:：]+$", "", text)
    text = re.sub(r"[（(][^）)]*[）)]$", "", text).strip()  # "其他材料（如有）"
    return bool(VAGUE_MATERIAL.search(text))


def invalid_citations(guide: GuideFacts) -> list[Citation]:
    """Check 5: the 设定依据 cites a catalogue item whose validity is 已废止."""
    return [citation for citation in guide.citations if citation.abolished]


def check_guide(guide: GuideFacts) -> list[Finding]:
    """All findings of one guide, in the order of the spec's checks."""
    key = guide.key
    findings = [Finding(key, FindingCode.MISSING_ELEMENT, element) for element in missing_elements(guide)]
    if promise_exceeds_statute(guide):
        findings.append(
            Finding(
                key,
                FindingCode.PROMISE_EXCEEDS_STATUTE,
                detail=f"承诺{guide.promised_days}个工作日，法定{guide.statutory_days}个工作日",
            )
        )
    if fee_without_amount(guide):
        findings.append(Finding(key, FindingCode.FEE_WITHOUT_AMOUNT, detail=guide.fee_basis.strip()[:60]))
    findings += [
        Finding(key, FindingCode.VAGUE_MATERIAL, detail=name.strip())
        for name in guide.materials
        if is_vague_material(name)
    ]
    findings += [
        Finding(key, FindingCode.BASIS_INVALID, Element.BASIS, detail=_cited(citation))
        for citation in invalid_citations(guide)
    ]
    return findings


def _cited(citation: Citation) -> str:
    title = f"《{citation.title.strip('《》')}》"
    return f"{title}（{citation.reference}）" if citation.reference else title


@dataclass(frozen=True)
class Deduction:
    """The inspection's deduction for one agency's guides."""

    points: int
    missing_elements: list[Element] = field(default_factory=list)


def deduction(
    findings: Iterable[Finding],
    *,
    points_per_element: int = POINTS_PER_MISSING_ELEMENT,
    maximum: int = MAXIMUM_DEDUCTION,
) -> Deduction:
    """−2 per missing element kind, at most −16 (2015 普查): an element missing in ten guides of
    one agency costs what it costs in one. ``findings`` are the findings of one agency's guides."""
    kinds = {f.element for f in findings if f.code == FindingCode.MISSING_ELEMENT and f.element}
    ordered = [element for element in Element if element in kinds]
    return Deduction(min(points_per_element * len(ordered), maximum), ordered)
