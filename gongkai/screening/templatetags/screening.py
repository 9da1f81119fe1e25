"""Template helpers to show screening findings: ``{% load screening %}``.

``{{ text|highlight_findings:findings }}`` renders the text HTML-escaped with each finding wrapped in
``<mark class="finding finding-block|finding-warn" title="<masked>">``. ``findings`` may be
``Finding`` objects or the dicts of ``selectors.finding_dict``.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from gongkai.screening.screen import KIND_LABELS, SEVERITY_LABELS

register = template.Library()


def _field(finding, name: str):
    return finding[name] if isinstance(finding, dict) else getattr(finding, name)


@register.filter
def highlight_findings(text, findings) -> str:
    text = "" if text is None else str(text)
    parts = []
    position = 0
    for finding in sorted(findings or (), key=lambda finding: _field(finding, "start")):
        start, end = _field(finding, "start"), _field(finding, "end")
        if not position <= start < end <= len(text):
            continue  # offsets from another version of the text: show it plainly rather than wrongly
        severity = "block" if _field(finding, "severity") == "block" else "warn"
        parts.append(escape(text[position:start]))
        parts.append(
            format_html(
                '<mark class="finding finding-{}" data-kind="{}" title="{}">{}</mark>',
                severity,
                _field(finding, "kind"),
                _field(finding, "masked"),
                text[start:end],
            )
        )
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece is escaped above)


@register.filter
def finding_kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


@register.filter
def finding_severity_label(severity: str) -> str:
    return SEVERITY_LABELS.get(severity, severity)


@register.filter
def blocking_count(findings) -> int:
    return sum(1 for finding in findings or () if _field(finding, "severity") == "block")
