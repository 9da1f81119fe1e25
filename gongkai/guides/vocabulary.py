"""The vocabulary of guides, power lists and the standard catalogue (domain/services.md §§1–3) —
no Django. Values are API codes and never change; the labels are what the public and the sheets
say. The models' ``TextChoices`` are derived from these enums."""

from __future__ import annotations

from enum import StrEnum


class MaterialForm(StrEnum):
    ORIGINAL = "original"
    COPY = "copy"
    ELECTRONIC = "electronic"


MATERIAL_FORM_LABELS = {
    MaterialForm.ORIGINAL: "原件",
    MaterialForm.COPY: "复印件",
    MaterialForm.ELECTRONIC: "电子",
}


class PowerType(StrEnum):
    """职权类型 of a power and responsibility list."""

    LICENSING = "licensing"
    PENALTY = "penalty"
    COERCION = "coercion"
    LEVY = "levy"
    BENEFIT = "benefit"
    INSPECTION = "inspection"
    CONFIRMATION = "confirmation"
    REWARD = "reward"
    ADJUDICATION = "adjudication"
    OTHER_POWER = "other_power"
    PUBLIC_SERVICE = "public_service"


POWER_TYPE_LABELS = {
    PowerType.LICENSING: "行政许可",
    PowerType.PENALTY: "行政处罚",
    PowerType.COERCION: "行政强制",
    PowerType.LEVY: "行政征收",
    PowerType.BENEFIT: "行政给付",
    PowerType.INSPECTION: "行政检查",
    PowerType.CONFIRMATION: "行政确认",
    PowerType.REWARD: "行政奖励",
    PowerType.ADJUDICATION: "行政裁决",
    PowerType.OTHER_POWER: "其他行政权力",
    PowerType.PUBLIC_SERVICE: "公共服务",
}
# What sheets write besides the labels.
POWER_TYPE_ALIASES = {
    **{label: code for code, label in POWER_TYPE_LABELS.items()},
    **{str(code): code for code in PowerType},
    "其他权力": PowerType.OTHER_POWER,
    "其他职权": PowerType.OTHER_POWER,
    "其他": PowerType.OTHER_POWER,
    "行政征收征用": PowerType.LEVY,
    "行政征用": PowerType.LEVY,
}


class Audience(StrEnum):
    """公开对象."""

    EVERYONE = "everyone"
    PARTICULAR = "particular"


AUDIENCE_LABELS = {Audience.EVERYONE: "全社会", Audience.PARTICULAR: "特定群众"}


class DisclosureMode(StrEnum):
    """公开方式."""

    PROACTIVE = "proactive"
    ON_REQUEST = "on_request"


MODE_LABELS = {DisclosureMode.PROACTIVE: "主动", DisclosureMode.ON_REQUEST: "依申请"}


class Level(StrEnum):
    """公开层级."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWN = "town"
    VILLAGE = "village"


LEVEL_LABELS = {
    Level.PROVINCE: "省级",
    Level.CITY: "市级",
    Level.COUNTY: "县级",
    Level.TOWN: "乡级",
    Level.VILLAGE: "村级",
}
LEVEL_ALIASES = {
    "乡镇级": Level.TOWN,
    "镇级": Level.TOWN,
    "乡镇": Level.TOWN,
    "县": Level.COUNTY,
    "村（居）级": Level.VILLAGE,
}
