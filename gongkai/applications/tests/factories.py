"""Small factories for application tests."""

import datetime as dt

from gongkai.applications import services
from gongkai.applications.intake import Applicant
from gongkai.core.system import SYSTEM

ID_NUMBER = "11010519491231002X"  # the GB 11643 example: check character X
OTHER_ID_NUMBER = "440304199001011233"
ORG_CODE = "91110000100000000R"
TODAY = dt.date(2026, 11, 30)


def person(**fields) -> Applicant:
    values = {"type": "natural_person", "name": "张三", "id_number": ID_NUMBER, "phone": "13800138000"}
    values.update(fields)
    return Applicant(**values)


def company(**fields) -> Applicant:
    values = {"type": "commercial", "name": "李四", "org_name": "某某科技有限公司", "org_code": ORG_CODE}
    values.update({"phone": "0731-12345678", **fields})
    return Applicant(**values)


def received_application(agency, on: str = "2026-02-10", applicant: Applicant | None = None, **fields):
    return services.register(
        actor=SYSTEM,
        agency=agency,
        channel=fields.pop("channel", "in_person"),
        applicant=applicant or person(),
        description=fields.pop("description", "2025年本机关财政预算执行情况"),
        received_on=dt.date.fromisoformat(on),
        today=fields.pop("today", TODAY),
        **fields,
    )


def body(agency_code: str = "dept-a", **applicant) -> dict:
    """A valid public submission body."""
    return {
        "agency": agency_code,
        "applicant": {
            "type": "natural_person",
            "name": "张三",
            "id_number": ID_NUMBER,
            "phone": "13800138000",
            "email": "zhangsan@example.com",
            **applicant,
        },
        "description": "2025年本机关财政预算执行情况",
        "format": "electronic",
        "delivery": "email",
    }
