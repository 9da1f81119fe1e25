"""Screening a text for staff (Art. 17 保密审查): the detectors run with today's date and a size
limit, and the findings shaped for the API and pages (masked values only). No database."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.core.errors import InvalidInput
from gongkai.screening.detectors import Finding, scan

MAX_TEXT_BYTES = 2 * 1024 * 1024

KIND_LABELS = {
    "id_card": "居民身份证号码",
    "id_card_15": "15位身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "passport": "护照号码",
    "hk_macau_permit": "港澳通行证/回乡证号码",
    "landline": "固定电话",
    "email": "电子邮箱",
    "secret_marker": "密级或内部资料标志",
}
SEVERITY_LABELS = {"block": "阻止发布", "warn": "提示核实"}


def screen_text(text: str, *, today: dt.date | None = None) -> list[Finding]:
    """Findings in ``text`` (title, body or extracted attachment text), sorted by position.

    Raises ``text_too_large`` (422) above 2 MB of UTF-8: a longer text is split by the caller.
    """
    if len(text) > MAX_TEXT_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        raise InvalidInput(
            "text_too_large",
            "待审查文本过长（超过2MB），请分段提交",
            {"max_bytes": MAX_TEXT_BYTES},
        )
    return scan(text, today=today or timezone.localdate())


def finding_dict(finding: Finding) -> dict:
    """The API and template shape of a finding: no raw value, only its masked form."""
    return {
        "kind": finding.kind,
        "start": finding.start,
        "end": finding.end,
        "masked": finding.masked,
        "severity": finding.severity,
        "message": finding.message,
    }
