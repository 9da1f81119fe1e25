"""The catalogue's vocabulary: classification codes shared by the code, the API and the reports.

Sources: regulation Arts. 19–26; 《政府信息公开目录系统实施指引（试行）》 (2008); domain/catalog.md.
Values are API codes and never change; labels are what the public sees.
"""

from __future__ import annotations

from django.db import models

from gongkai.core.choices import codes, pairs


class Genre(models.TextChoices):
    """体裁分类."""

    RULE = "rule", "规章"
    NORMATIVE_DOCUMENT = "normative_document", "行政规范性文件"
    OTHER_DOCUMENT = "other_document", "其他文件"
    INTERPRETATION = "interpretation", "政策解读"
    PLAN = "plan", "规划计划"
    STATISTICS = "statistics", "统计信息"
    NOTICE = "notice", "通知公告"
    NEWS = "news", "工作动态"
    SERVICE_GUIDE = "service_guide", "办事指南"
    BUDGET = "budget", "财政预决算"
    PERSONNEL = "personnel", "人事信息"
    PROCUREMENT = "procurement", "招标采购"
    ANNUAL_REPORT = "annual_report", "年度报告"
    GUIDE = "guide", "公开指南"
    OTHER = "other", "其他"


class Topic(models.TextChoices):
    """主题分类: the State Council's subject classes."""

    GENERAL = "general", "综合政务"
    ECONOMY = "economy", "国民经济管理、国有资产监管"
    FINANCE = "finance", "财政、金融、审计"
    LAND_ENERGY = "land_energy", "国土资源、能源"
    AGRICULTURE = "agriculture", "农业、林业、水利"
    INDUSTRY_TRANSPORT = "industry_transport", "工业、交通"
    COMMERCE = "commerce", "商贸、海关、旅游"
    MARKET_SAFETY = "market_safety", "市场监管、安全生产监管"
    CONSTRUCTION_ENVIRONMENT = "construction_environment", "城乡建设、环境保护"
    SCIENCE_EDUCATION = "science_education", "科技、教育"
    CULTURE_MEDIA = "culture_media", "文化、广电、新闻出版"
    HEALTH_SPORTS = "health_sports", "卫生、体育"
    POPULATION = "population", "人口与计划生育、妇女儿童工作"
    LABOUR_PERSONNEL = "labour_personnel", "劳动、人事、监察"
    PUBLIC_SECURITY = "public_security", "公安、安全、司法"
    CIVIL_AFFAIRS = "civil_affairs", "民政、扶贫、救灾"
    ETHNIC_RELIGION = "ethnic_religion", "民族、宗教"
    FOREIGN_AFFAIRS = "foreign_affairs", "对外事务"
    HK_MACAO_TAIWAN = "hk_macao_taiwan", "港澳台侨工作"
    DEFENCE = "defence", "国防"
    OTHER = "other", "其他"


class Audience(models.TextChoices):
    """服务对象分类 (any combination)."""

    CITIZEN = "citizen", "公民"
    LEGAL_PERSON = "legal_person", "法人"
    OTHER_ORGANISATION = "other_organisation", "其他组织"


class PublicationMode(models.TextChoices):
    """公开方式 (any combination)."""

    WEBSITE = "website", "政府网站"
    GAZETTE = "gazette", "政府公报"
    PRESS_CONFERENCE = "press_conference", "新闻发布会"
    MEDIA = "media", "报刊广播电视"
    NOTICE_BOARD = "notice_board", "公开栏/查阅点"


class Disclosure(models.TextChoices):
    """公开属性, set when the information is created (Arts. 13–16, 19–20)."""

    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    NOT_DISCLOSED = "not_disclosed", "不予公开"


class Validity(models.TextChoices):
    """有效性."""

    VALID = "valid", "现行有效"
    AMENDED = "amended", "已修改"
    ABOLISHED = "abolished", "已废止"


# 公开范围 of everything the public catalogue shows (only proactive, non-internal items reach it).
PUBLIC_SCOPE = "面向社会"


class ItemState(models.TextChoices):
    """Workflow of an item: 起草 → 保密审查 → 审核 → 发布."""

    DRAFT = "draft", "草稿"
    SCREENED = "screened", "已审查"
    REVIEWED = "reviewed", "已审核"
    PUBLISHED = "published", "已发布"


# Default columns (栏目) of every agency: Art. 20 (一)–(十五) plus the working columns seen on
# real portals. (code, name); codes are stable ASCII identifiers used in URLs and the API.
ART20_COLUMNS: list[tuple[str, str]] = [
    ("art20-01", "行政法规、规章和规范性文件"),
    ("art20-02", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    ("art20-03", "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    ("art20-04", "国民经济和社会发展统计信息"),
    ("art20-05", "行政许可和其他对外管理服务事项"),
    ("art20-06", "行政处罚、行政强制"),
    ("art20-07", "财政预算、决算信息"),
    ("art20-08", "行政事业性收费项目及其依据、标准"),
    ("art20-09", "政府集中采购项目的目录、标准及实施情况"),
    ("art20-10", "重大建设项目的批准和实施情况"),
    ("art20-11", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    ("art20-12", "突发公共事件的应急预案、预警信息及应对情况"),
    ("art20-13", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    ("art20-14", "公务员招考的职位、名额、报考条件等事项以及录用结果"),
    ("art20-15", "法律、法规、规章和国家有关规定应当主动公开的其他政府信息"),
]
WORKING_COLUMNS: list[tuple[str, str]] = [
    ("guide", "政府信息公开指南"),
    ("system", "政府信息公开制度"),
    ("annual_report", "政府信息公开年报"),
    ("interpretation", "政策解读"),
    ("news", "工作动态"),
    ("notice", "通知公告"),
    ("personnel", "人事信息"),
    ("budget", "财政预决算"),
    ("procurement", "招标采购"),
    ("proposals", "建议提案办理"),
    ("key_areas", "重点领域"),
    ("solicitation", "意见征集"),
]
DEFAULT_COLUMNS: list[tuple[str, str]] = ART20_COLUMNS + WORKING_COLUMNS

# The categories of Art. 20, by number (1 = (一) … 15 = (十五)), as "（七）财政预算、决算信息".
_NUMERALS = "一二三四五六七八九十"


def art20_numeral(number: int) -> str:
    """1 → "（一）", 11 → "（十一）"."""
    text = _NUMERALS[number - 1] if number <= 10 else "十" + _NUMERALS[number - 11]
    return f"（{text}）"


ART20_CATEGORIES: dict[int, str] = {
    position + 1: f"{art20_numeral(position + 1)}{name}" for position, (_, name) in enumerate(ART20_COLUMNS)
}
# (一) and (二) apply to every agency: every administrative organ enforces laws, rules and normative
# documents and has functions, a structure, an address and contacts to publish. The rest apply where
# the agency has the duty; the agency admin or the disclosure office records which (CatalogSettings).
ALWAYS_APPLICABLE: tuple[int, ...] = (1, 2)
# The columns in which an item counts for a category: its own default column, and the working
# column that the same category's genre lands in by default (财政预决算 for (七) budgets, 招标采购
# for (九) procurement), so an agency publishing there is not failed.
ART20_CATEGORY_COLUMNS: dict[int, tuple[str, ...]] = {
    number: (f"art20-{number:02d}",) for number in ART20_CATEGORIES
} | {7: ("art20-07", "budget"), 9: ("art20-09", "procurement")}

# The column an item of a genre lands in when the author picks none.
GENRE_DEFAULT_COLUMN: dict[str, str] = {
    Genre.RULE: "art20-01",
    Genre.NORMATIVE_DOCUMENT: "art20-01",
    Genre.PLAN: "art20-03",
    Genre.STATISTICS: "art20-04",
    Genre.BUDGET: "budget",
    Genre.PROCUREMENT: "procurement",
    Genre.PERSONNEL: "personnel",
    Genre.INTERPRETATION: "interpretation",
    Genre.NEWS: "news",
    Genre.NOTICE: "notice",
    Genre.ANNUAL_REPORT: "annual_report",
    Genre.GUIDE: "guide",
    Genre.SERVICE_GUIDE: "art20-05",
    Genre.OTHER_DOCUMENT: "art20-15",
    Genre.OTHER: "art20-15",
}


# Other names people give a class in sheets and API calls, beside the labels above.
GENRE_ALIASES = {"规范性文件": Genre.NORMATIVE_DOCUMENT.value}


def code_of(
    choices: type[models.TextChoices], text: str, aliases: dict[str, str] | None = None
) -> str | None:
    """The code ``text`` names in ``choices``: the code itself, its label (the names domain/catalog.md
    lists, 科技、教育 …) or an alias; ``None`` when it names none. The one label → code resolver
    of the API, the sheet import and the document import."""
    text = text.strip()
    if text in codes(choices):
        return text
    for code, label in pairs(choices):
        if text == label:
            return code
    return (aliases or {}).get(text)
