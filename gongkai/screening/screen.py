"""Screening a text for staff (Art. 17 保密审查): the detectors run with today's date and a size
limit, and the findings shaped for the API and pages (masked values only). No database."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from gongkai.core.errors import InvalidInput
from gongkai.core.identifiers import phone_digits
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


# What a page for the public masks: personal data, not secret markers (a reviewer's matter).
PERSONAL_KINDS = frozenset(kind.value for kind in FindingKind if kind != FindingKind.SECRET_MARKER)


def apply_masks(text: str, findings) -> str:
    """``text`` with each finding (non-overlapping, from ``scan``) replaced by its masked form."""
    for finding in sorted(findings, key=lambda item: item.start, reverse=True):
        text = text[: finding.start] + finding.masked + text[finding.end :]
    return text


def phone_numbers(phone: str) -> list[str]:
    """A person's number as it may be written: whole, and a landline also without its area code
    (010 and 02X have three digits, the others four), which is how people write a local number."""
    digits = phone_digits(phone)
    numbers = [digits] if len(digits) >= 7 else []
    if digits.startswith("0") and len(digits) > 10:
        local = digits[3:] if digits[1] in "12" else digits[4:]
        numbers += [local] if len(local) >= 7 else []
    return numbers


def _spelled(number: str) -> re.Pattern:
    """``number`` in running text: ASCII or full-width digits, a space or dash allowed between them."""
    digits = "[ \\-－\u3000]?".join(f"[{digit}{chr(ord(digit) + 0xFEE0)}]" for digit in number)
    return re.compile(f"(?<![0-9０-９]){digits}(?![0-9０-９])")


def mask_personal(
    text: str,
    *,
    today: dt.date,
    names: tuple[str, ...] = (),
    phones: tuple[str, ...] = (),
    emails: tuple[str, ...] = (),
    others: tuple[str, ...] = (),
    public: tuple[str, ...] = (),
) -> str:
    """``text`` fit for a page anyone holding a tracking code may open: the person's own ``names``
    (surname kept), ``phones`` (also spaced or dashed), ``emails`` and ``others`` (an ID number of
    any kind, an address: four stars) masked, then whatever the detectors find of personal data
    (ID, mobile, bank card, landline, e-mail, travel document).
    ``public`` numbers and addresses (an agency's own telephone and e-mail) stay as written."""
    if not text:
        return text
    for name in sorted({name.strip() for name in names if len(name.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, name[0] + "*" * (len(name) - 1))
    for number in sorted({n for phone in phones for n in phone_numbers(phone)}, key=len, reverse=True):
        text = _spelled(number).sub("*" * (len(number) - 4) + number[-4:], text)
    for email in {email.strip() for email in emails if "@" in (email or "")}:
        local, domain = email.split("@", 1)
        text = re.sub(re.escape(email), local[0] + "***@" + domain, text, flags=re.IGNORECASE)
    for value in sorted({value.strip() for value in others if len((value or "").strip()) >= 4}, key=len, reverse=True):
        text = re.sub(re.escape(value), "****", text, flags=re.IGNORECASE)  # short: lines still wrap
    kept_numbers = {phone_digits(value) for value in public if value} - {""}
    kept_words = {value.strip().lower() for value in public if value and value.strip()}
    findings = [
        finding
        for finding in scan(text, today=today)
        if finding.kind in PERSONAL_KINDS
        and phone_digits(finding.text) not in kept_numbers
        and finding.text.lower() not in kept_words
    ]
    return apply_masks(text, findings)
