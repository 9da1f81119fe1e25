"""Pre-publication screening of an item (regulation Art. 17 保密审查; Art. 15 personal data).

Runs ``gongkai.screening.detectors.scan`` over every published text of the item: title, summary,
body and the extracted text of each attachment. Offsets are relative to that field's text.
"""

from __future__ import annotations

import hashlib
from functools import cache

BLOCK = "block"
# The texts of an item's public page whose verdict the self-check stores (``Item.screening_blocks``):
# the title, the 内容概述 shown in the metadata block, and the body. Attachments are not rescanned.
VERDICT_FIELDS = ("title", "summary", "body_text")


@cache
def verdict_version() -> str:
    """The version a stored verdict is valid for: the screening rules' digest and the fields they
    were run over, so a verdict made over fewer fields (or other rules) is made again."""
    from gongkai.screening.detectors import rules_version

    return hashlib.sha256(f"{rules_version()}:{','.join(VERDICT_FIELDS)}".encode()).hexdigest()[:16]


def item_texts(item) -> list[tuple[str, str]]:
    texts = [("title", item.title), ("summary", item.summary), ("body", item.body_text)]
    if item.pk:
        texts += [(f"attachment:{attachment.pk}", attachment.text) for attachment in item.attachments.all()]
    return [(field, text) for field, text in texts if text]


def screen(item) -> list[dict]:
    """Findings as dicts {kind, start, end, masked, severity, field, message, text}."""
    return screen_texts(item_texts(item))


def screen_texts(texts: list[tuple[str, str]]) -> list[dict]:
    """``screen`` over any (field, text) pairs about to be public."""
    from gongkai.screening.detectors import scan

    findings = []
    for field, text in texts:
        for finding in scan(text):
            findings.append(
                {
                    "kind": finding.kind,
                    "start": finding.start,
                    "end": finding.end,
                    "masked": finding.masked,
                    "severity": finding.severity,
                    "field": field,
                    "message": finding.message,
                }
            )
    return findings


def blocking(findings: list[dict]) -> list[dict]:
    return [finding for finding in findings if finding["severity"] == BLOCK]


def public_view(findings: list[dict]) -> list[dict]:
    """What an error response or audit event carries: never the raw matched text."""
    keys = ("kind", "start", "end", "masked", "severity", "field")
    return [{key: finding[key] for key in keys} for finding in findings]


def combined_view(texts: list[tuple[str, str]], findings: list[dict], label_of) -> dict:
    """All screened (field, text) pairs in one text, each under its 【label】 (``label_of(field)``),
    with the findings' offsets shifted into it, for the screening app's ``screening/_findings.html``."""
    parts, shifted, offset = [], [], 0
    for field, text in texts:
        header = f"【{label_of(field)}】\n"
        base = offset + len(header)
        shifted += [
            {**finding, "start": finding["start"] + base, "end": finding["end"] + base}
            for finding in findings
            if finding["field"] == field
        ]
        parts.append(header + text)
        offset += len(header) + len(text) + 2
    return {"text": "\n\n".join(parts), "findings": shifted}
