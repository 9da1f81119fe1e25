"""Pre-publication screening of a service guide (regulation Art. 17 保密审查; Art. 15 personal
data; domain/screening.md), as for catalogue items (``catalog.prescreen``).

What the portal shows of a guide is screened: every text element (``services.guides.TEXT_FIELDS``)
and each material's name and sample note. A finding has the catalogue's shape {kind, start, end,
masked, severity, field, message}; ``field`` is the element code, or ``materials:N`` /
``materials:N:sample`` for the Nth material. The contact elements (联系电话 ``phone``, 咨询方式
``consultation``, 监督投诉方式 ``complaint``) publish the office's numbers by design: a mobile number
there only warns (as the 政府信息公开指南 lets the office's mobile through, Art. 12). Anything else
found there (an ID or bank-card number, a secret marker) blocks as everywhere.
"""

from __future__ import annotations

import datetime as dt

from gongkai.catalog import prescreen as catalog_prescreen
from gongkai.screening.detectors import scan

# Elements whose mobile numbers are shown but never stop publication: the office's contacts.
CONTACT_FIELDS = frozenset({"phone", "consultation", "complaint"})
PHONE_NOTE = "联系方式栏公布的是办事机构的联系电话，不阻止公开；如填写的是个人手机号码，请改为办公电话"
WARN = "warn"

blocking = catalog_prescreen.blocking
public_view = catalog_prescreen.public_view


def guide_texts(values: dict, materials: list[dict], fields: tuple[str, ...]) -> list[tuple[str, str]]:
    """The public texts: ``fields`` of ``values`` (a guide's elements) and the materials' rows."""
    texts = [(name, str(values.get(name) or "")) for name in fields]
    for number, material in enumerate(materials, start=1):
        texts.append((f"materials:{number}", str(material.get("name") or "")))
        texts.append((f"materials:{number}:sample", str(material.get("sample") or "")))
    return [(field, text) for field, text in texts if text]


def screen(texts: list[tuple[str, str]], *, today: dt.date) -> list[dict]:
    """Findings in each (field, text), mobile numbers in ``CONTACT_FIELDS`` lowered to warnings."""
    findings = []
    for field, text in texts:
        for finding in scan(text, today=today):
            lowered = field in CONTACT_FIELDS and finding.kind == "mobile" and finding.severity != WARN
            findings.append(
                {
                    "kind": finding.kind,
                    "start": finding.start,
                    "end": finding.end,
                    "masked": finding.masked,
                    "severity": WARN if lowered else finding.severity,
                    "field": field,
                    "message": f"{finding.message}（{PHONE_NOTE}）" if lowered else finding.message,
                }
            )
    return findings


def changed_texts(before: list[tuple[str, str]], after: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The texts of ``after`` that differ from the same field's text in ``before``."""
    old = dict(before)
    return [(field, text) for field, text in after if old.get(field) != text]


def field_label(field: str, labels: dict[str, str]) -> str:
    """``conditions`` → 申请条件, ``materials:2`` → 第2项材料名称, ``materials:2:sample`` → 第2项材料样表."""
    if field.startswith("materials:"):
        parts = field.split(":")
        return f"第{parts[1]}项材料" + ("样表" if len(parts) > 2 else "名称")
    return labels.get(field, field)


def combined_view(texts: list[tuple[str, str]], findings: list[dict], labels: dict[str, str]) -> dict:
    """The guide's screened texts in one labelled text (the catalogue's item page view)."""
    return catalog_prescreen.combined_view(texts, findings, lambda field: field_label(field, labels))
