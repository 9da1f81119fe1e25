"""Checking who applies (Art. 29): name, identity document, contact details.

Used by the submission and registration services, so the API, the public form and the staff form
give the same answers. Every problem is reported at once: ``InvalidInput("validation_error", …)``
with ``details.errors = [{field, type, message}]`` like the API's other 422 answers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from gongkai.applications.choices import ApplicantType, IdType
from gongkai.core.errors import InvalidInput
from gongkai.core.identifiers import is_phone, is_resident_id, is_uscc

OTHER_ID = re.compile(r"^[A-Za-z0-9()（）-]{5,40}$")


@dataclass(frozen=True)
class Applicant:
    """The applicant's particulars as given (Art. 29 第二款(一))."""

    type: str
    name: str = ""
    id_type: str = ""
    id_number: str = ""
    org_name: str = ""
    org_code: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> Applicant:
        known = {field.name for field in fields(cls)}
        return cls(**{key: (value or "") for key, value in data.items() if key in known})

    def model_fields(self) -> dict[str, str]:
        """The ``Application`` columns these particulars fill."""
        return {
            "applicant_type": self.type,
            "name": self.name,
            "id_type": self.id_type,
            "id_number": self.id_number,
            "org_name": self.org_name,
            "org_code": self.org_code,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
        }


def clean_applicant(applicant: Applicant, *, today: dt.date, identity_required: bool = True) -> Applicant:
    """Normalise and check the particulars; raise one ``InvalidInput`` listing every problem.

    ``identity_required=False`` (the JSON API, where API.md makes ``id_number`` and ``org_name``
    optional) accepts a person without an ID number and an organisation known only by the name
    given; whatever is given is still checked (ID checksum, credit code)."""
    data = {key: value.strip() for key, value in applicant.__dict__.items()}
    errors: list[dict] = []

    def problem(field: str, kind: str, message: str) -> None:
        errors.append({"field": f"applicant.{field}", "type": kind, "message": message})

    if data["type"] not in ApplicantType.values:
        problem("type", "invalid_applicant_type", "申请人类型不正确")
    elif data["type"] == ApplicantType.NATURAL_PERSON:
        _check_person(data, today, problem, identity_required)
    else:
        _check_organisation(data, problem, identity_required)
    if not data["phone"]:
        problem("phone", "phone_required", "请填写联系电话")
    elif not is_phone(data["phone"]):
        problem("phone", "invalid_phone", "联系电话格式不正确（手机号码或带区号的固定电话）")
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            problem("email", "invalid_email", "电子邮箱格式不正确")
    if errors:
        first = errors[0]
        raise InvalidInput(
            "validation_error",
            f"申请人信息不正确：{first['message']}",
            {"field": first["field"], "errors": errors},
        )
    return replace(applicant, **data)


RESIDENT_ID_ALIASES = {"", "id_card", "idcard", "resident_id_card", "身份证", "居民身份证"}
RESIDENT_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")


def normalise_id_type(id_type: str, id_number: str) -> str:
    """Our code for the document type; common spellings of the resident ID card map to it, and an
    unknown type with an 18-character resident-ID-shaped number is checked as a resident ID."""
    if id_type in IdType.values:
        return id_type
    if id_type.lower() in RESIDENT_ID_ALIASES or RESIDENT_ID_SHAPE.match(id_number):
        return IdType.RESIDENT_ID
    return IdType.OTHER


def _check_person(data: dict, today: dt.date, problem, identity_required: bool = True) -> None:
    if not data["name"]:
        problem("name", "name_required", "请填写申请人姓名")
    data["id_number"] = data["id_number"].upper()
    if not data["id_number"] and not identity_required:
        data["id_type"] = ""
        return
    data["id_type"] = normalise_id_type(data["id_type"], data["id_number"])
    if not data["id_number"]:
        problem("id_number", "id_number_required", "请填写身份证件号码（条例第二十九条）")
    elif data["id_type"] == IdType.RESIDENT_ID and len(data["id_number"]) != 18:
        # A digit left out or typed twice is the usual slip: say so rather than blame the check digit.
        problem("id_number", "invalid_id_number", f"居民身份证号码应为18位，现为{len(data['id_number'])}位")
    elif data["id_type"] == IdType.RESIDENT_ID and not is_resident_id(data["id_number"], today=today):
        problem("id_number", "invalid_id_number", "居民身份证号码不正确（请核对出生日期和校验位）")
    elif data["id_type"] != IdType.RESIDENT_ID and not OTHER_ID.match(data["id_number"]):
        problem("id_number", "invalid_id_number", "证件号码格式不正确")


def _check_organisation(data: dict, problem, identity_required: bool = True) -> None:
    if not data["org_name"] and not identity_required:
        data["org_name"] = data["name"]
    if not data["org_name"]:
        problem("org_name", "org_name_required", "请填写法人或其他组织名称")
    data["org_code"] = data["org_code"].upper()
    if data["org_code"] and len(data["org_code"]) != 18:
        problem("org_code", "invalid_org_code", f"统一社会信用代码应为18位，现为{len(data['org_code'])}位")
    elif data["org_code"] and not is_uscc(data["org_code"]):
        problem("org_code", "invalid_org_code", "统一社会信用代码不正确（请核对校验位）")
    data["id_number"] = data["id_number"].upper()
    data["id_type"] = normalise_id_type(data["id_type"], data["id_number"]) if data["id_number"] else ""
    # The contact person's ID, when given, must be a real one as well.
    resident = data["id_number"] and data["id_type"] == IdType.RESIDENT_ID
    if resident and not is_resident_id(data["id_number"]):
        problem("id_number", "invalid_id_number", "联系人居民身份证号码不正确")
