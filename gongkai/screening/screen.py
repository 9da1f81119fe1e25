"""Screening a text for staff (Art. 17 保密审查): the detectors run with today's date and a size
limit, and the findings shaped for the API and pages (masked values only). No database."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.core.errors import InvalidInput
from gongkai.screening.detectors import Finding, scan
from gongkai.screening.vocabulary import FindingKind, Severity

MAX_TEXT_BYTES = 2 * 1024 * 1024

KIND_LABELS = FindingKind.labels()
SEVERITY_LABELS = Severity.labels()


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
