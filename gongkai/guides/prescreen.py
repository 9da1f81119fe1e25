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
from gongkai.screening.screen import KIND_LABELS

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


# --- Sheets of rows (权责清单, 标准目录) ----------------------------------------------------------


def sheet_findings(rows: list[tuple[int, list[tuple[str, str]]]], *, today: dt.date) -> list[dict]:
    """Findings in the public texts of sheet rows, ``rows`` being (line, [(field, text)]); each
    finding carries its row's ``line``."""
    return [{**finding, "line": line} for line, texts in rows for finding in screen(texts, today=today)]


def sheet_public_view(findings: list[dict], columns: dict[str, str]) -> list[dict]:
    """What an error response or audit event keeps of sheet findings: masked, with line and column."""
    return [
        {**view, "line": finding["line"], "column": columns.get(finding["field"], finding["field"])}
        for view, finding in zip(public_view(findings), findings, strict=True)
    ]


def sheet_rows_refused(blocked: list[dict], columns: dict[str, str]) -> list[dict]:
    """The rows with blocking findings, as the guide import's ``screened_out``: line, the first
    finding's column, why in words, and the masked findings."""
    by_line: dict[int, list[dict]] = {}
    for finding in blocked:
        by_line.setdefault(finding["line"], []).append(finding)
    refused = []
    for line, found in sorted(by_line.items()):
        listed = "；".join(
            f"{columns.get(f['field'], f['field'])}：{KIND_LABELS.get(f['kind'], f['kind'])} {f['masked']}"
            for f in found
        )
        refused.append(
            {
                "line": line,
                "column": columns.get(found[0]["field"], found[0]["field"]),
                "message": f"发布前审查发现{len(found)}处可能涉及个人信息或涉密标志的内容（{listed}）",
                "findings": sheet_public_view(found, columns),
            }
        )
    return refused


def sheet_view(rows: list[tuple[int, list[tuple[str, str]]]], findings: list[dict], columns: dict[str, str]) -> dict:
    """The texts with findings in one labelled text (第N行 列名) for ``screening/_findings.html``."""
    found = {(finding["line"], finding["field"]) for finding in findings}
    texts = [(f"{line}:{field}", text) for line, pairs in rows for field, text in pairs if (line, field) in found]
    keyed = [{**finding, "field": f"{finding['line']}:{finding['field']}"} for finding in findings]

    def label(key: str) -> str:
        line, field = key.split(":", 1)
        return f"第{line}行 {columns.get(field, field)}"

    view = catalog_prescreen.combined_view(texts, keyed, label)
    view["blocking"] = bool(blocking(findings))
    return view
