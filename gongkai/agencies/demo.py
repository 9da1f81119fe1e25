"""Demo agencies and staff: a city government, four departments and two towns."""

import datetime as dt

from django.contrib.auth import get_user_model

from gongkai.agencies import services
from gongkai.agencies.models import Agency, AgencyKind, Membership, Role
from gongkai.core.demo import DemoContext
from gongkai.core.system import SYSTEM

CITY = {
    "code": "sfs",
    "name": "示范市人民政府",
    "index_prefix": "000014001",
    "kind": AgencyKind.GOVERNMENT,
    "address": "示范市人民路1号市政府大楼",
    "phone": "0731-12345678",
    "email": "gongkai@sfs.gov.example",
    "office_hours": "工作日 上午8:30-12:00，下午14:30-17:30",
}
UNITS = [
    {
        "code": "sfs-fgw",
        "name": "示范市发展和改革委员会",
        "index_prefix": "000014002",
        "kind": AgencyKind.DEPARTMENT,
        "address": "示范市人民路3号",
        "phone": "0731-12345601",
        "email": "fgw@sfs.gov.example",
    },
    {
        "code": "sfs-jxw",
        "name": "示范市经济和信息化委员会",
        "index_prefix": "000014003",
        "kind": AgencyKind.DEPARTMENT,
        "address": "示范市建设路18号",
        "phone": "0731-12345602",
        "email": "jxw@sfs.gov.example",
    },
    {
        "code": "sfs-czj",
        "name": "示范市财政局",
        "index_prefix": "000014004",
        "kind": AgencyKind.DEPARTMENT,
        "address": "示范市人民路5号",
        "phone": "0731-12345603",
        "email": "czj@sfs.gov.example",
    },
    {
        "code": "sfs-zsj",
        "name": "示范市政务服务和数据管理局",
        "index_prefix": "000014005",
        "kind": AgencyKind.DEPARTMENT,
        "address": "示范市市民中心A座",
        "phone": "0731-12345604",
        "email": "zsj@sfs.gov.example",
    },
    {
        "code": "sfs-dcz",
        "name": "示范市东城镇人民政府",
        "index_prefix": "000014101",
        "kind": AgencyKind.TOWN,
        "address": "示范市东城镇政府路1号",
        "phone": "0731-12345701",
    },
    {
        "code": "sfs-xsjd",
        "name": "示范市西山街道办事处",
        "index_prefix": "000014102",
        "kind": AgencyKind.TOWN,
        "address": "示范市西山街道太阳城路8号",
        "phone": "0731-12345702",
    },
]
# (username, password, agency code or None for superuser, role, description)
STAFF = [
    ("admin", "Gongkai-Admin-2026", None, None, "系统管理员"),
    ("office", "Gongkai-Office-2026", "sfs", Role.DISCLOSURE_OFFICE, "市政务公开办（可查看全市各机构）"),
    ("fgw_handler", "Gongkai-Demo-2026", "sfs-fgw", Role.HANDLER, "市发展改革委 经办人"),
    ("fgw_reviewer", "Gongkai-Demo-2026", "sfs-fgw", Role.REVIEWER, "市发展改革委 审核人"),
    ("jxw_handler", "Gongkai-Demo-2026", "sfs-jxw", Role.HANDLER, "市经信委 经办人"),
    ("czj_admin", "Gongkai-Demo-2026", "sfs-czj", Role.AGENCY_ADMIN, "市财政局 机构管理员"),
    ("zsj_reviewer", "Gongkai-Demo-2026", "sfs-zsj", Role.REVIEWER, "市政数局 审核人"),
    ("dcz_handler", "Gongkai-Demo-2026", "sfs-dcz", Role.HANDLER, "东城镇 经办人"),
]

# Days before the demo is loaded on which each demo agency set up its disclosure columns: it
# published its 政府信息公开指南, the items of its Art. 20 categories and a 情况说明 for the columns
# with nothing yet. Different days, all within 6 months, so the 通知公告/政策文件 columns those fill
# are not stale (website inspection: 6 months) and the latest news leads the portal's home page.
SET_UP_DAYS_AGO = {
    "sfs": 160,
    "sfs-fgw": 146,
    "sfs-jxw": 131,
    "sfs-czj": 117,
    "sfs-zsj": 103,
    "sfs-dcz": 89,
    "sfs-xsjd": 74,
}


def set_up_on(code: str, today: dt.date) -> dt.date:
    """The day the demo agency ``code`` set up its columns (today for an agency not listed)."""
    return today - dt.timedelta(days=SET_UP_DAYS_AGO.get(code, 0))


def _agency(spec: dict, parent: Agency | None) -> Agency:
    existing = Agency.objects.filter(code=spec["code"]).first()
    if existing is not None:
        return existing
    fields = {
        key: value for key, value in spec.items() if key not in {"code", "name", "index_prefix", "kind"}
    }
    return services.create_agency(
        actor=SYSTEM,
        code=spec["code"],
        name=spec["name"],
        parent=parent,
        index_prefix=spec["index_prefix"],
        kind=spec["kind"],
        **fields,
    )


def load(context: DemoContext) -> None:
    city = _agency(CITY, None)
    context.agencies[city.code] = city
    for spec in UNITS:
        context.agencies[spec["code"]] = _agency(spec, city)
    user_model = get_user_model()
    for username, password, agency_code, role, description in STAFF:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = services.create_user(
                actor=SYSTEM,
                username=username,
                password=password,
                email=f"{username}@sfs.gov.example",
                full_name=description,
                superuser=agency_code is None,
            )
        context.users[username] = user
        if agency_code and not Membership.objects.filter(user=user, agency__code=agency_code).exists():
            services.set_membership(actor=SYSTEM, user=user, agency=context.agencies[agency_code], role=role)
        context.logins.append((username, password, description))
