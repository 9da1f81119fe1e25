"""An agency's settings for 依申请公开: short name, letter-number prefixes and sign-off (审核签发)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.applications import letter_numbers
from gongkai.applications.choices import SignOff
from gongkai.applications.models import ApplicationSettings
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput

FIELDS = ("short_name", "prefix_reply", "prefix_correction", "prefix_extension", "prefix_fee", "signoff")
# Characters of the number itself: a prefix holding them would make the 文号 ambiguous.
FORBIDDEN = "〔〕[]{}()（）"


def _clean_text(name: str, value: str, limit: int) -> str:
    value = (value or "").strip()
    label = ApplicationSettings._meta.get_field(name).verbose_name
    if len(value) > limit:
        raise InvalidInput("validation_error", f"{label}不能超过{limit}个字", {"field": name})
    if any(char in value for char in FORBIDDEN) or any(char.isspace() for char in value):
        raise InvalidInput("validation_error", f"{label}不能包含括号、六角括号或空格", {"field": name})
    return value


@service
def update_settings(agency, *, actor, **values) -> ApplicationSettings:
    """Change the agency's settings (agency admin). Blank short name and prefixes fall back to the
    defaults derived from the agency's name."""
    permissions.require(actor, "manage", agency)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise InvalidInput("validation_error", "未知的设置项", {"fields": sorted(unknown)})
    settings = ApplicationSettings.objects.filter(agency=agency).first() or ApplicationSettings(agency=agency)
    before = {name: getattr(settings, name) for name in FIELDS}
    for name, value in values.items():
        if name == "signoff":
            if value not in SignOff.values:
                raise InvalidInput("validation_error", "审核签发设置应为 except_disclosed、all 或 none", {"field": name})
        else:
            value = _clean_text(name, value, 20 if name == "short_name" else 30)
            if name.startswith("prefix_") and value.endswith("号"):
                raise InvalidInput("validation_error", "文号前缀不应以“号”结尾", {"field": name})
        setattr(settings, name, value)
    settings.updated_at = timezone.now()
    settings.save()
    changed = {name: getattr(settings, name) for name in FIELDS if getattr(settings, name) != before[name]}
    record(
        actor=actor,
        action="application.settings.update",
        obj=settings,
        agency=agency,
        summary="修改依申请公开设置（文号前缀、审核签发）",
        data={"changed": changed, "series": list(letter_numbers.SERIES)},
    )
    return settings
