"""Forms of the public application page and the staff registration page.

The checks of the applicant's particulars are those of ``intake.clean_applicant`` (the same as the
API's); its problems are put next to the fields they concern, in Chinese.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.agencies.selectors import public_agencies
from gongkai.applications.choices import ApplicantType, Channel, Delivery, Format, IdType
from gongkai.applications.intake import Applicant, clean_applicant
from gongkai.core.errors import InvalidInput
from gongkai.workbench.forms import ShownAgainWhenRefused

PERSON, ORGANISATION = "person", "organisation"
ORG_TYPES = [
    (value, label) for value, label in ApplicantType.choices if value != ApplicantType.NATURAL_PERSON
]
MAX_DESCRIPTION = 5000


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, agency):
        return "\u3000" * agency.depth + agency.name


class ApplicationForm(ShownAgainWhenRefused, forms.Form):
    """Art. 29: who applies, how to reach them, what information, in which form and how delivered.
    Errors are summed up with links to their fields as on the workbench (``error_summary``)."""

    element_id = "application-form"

    agency = AgencyChoiceField(
        label="受理机关",
        queryset=None,
        empty_label="请选择掌握该信息的行政机关",
        error_messages={"required": "请选择受理机关", "invalid_choice": "请选择受理机关"},
    )
    kind = forms.ChoiceField(
        label="申请人类别",
        choices=[(PERSON, "公民"), (ORGANISATION, "法人或者其他组织")],
        initial=PERSON,
        widget=forms.RadioSelect(attrs={"data-applicant-switch": ""}),
        error_messages={"required": "请选择申请人类别"},
    )
    name = forms.CharField(
        label="姓名", max_length=100, required=False, help_text="法人或者其他组织申请的，填写联系人姓名"
    )
    id_type = forms.ChoiceField(
        label="证件类型", choices=IdType.choices, initial=IdType.RESIDENT_ID, required=False
    )
    id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    org_name = forms.CharField(label="组织名称", max_length=200, required=False)
    org_type = forms.ChoiceField(
        label="组织类型", choices=ORG_TYPES, initial=ApplicantType.OTHER_ORG, required=False
    )
    org_code = forms.CharField(label="统一社会信用代码", max_length=40, required=False)
    phone = forms.CharField(
        label="联系电话",
        max_length=30,
        help_text="手机号码或带区号的固定电话",
        error_messages={"required": "请填写联系电话"},
    )
    email = forms.CharField(
        label="电子邮箱", max_length=254, required=False, help_text="选择通过电子邮件获取信息的，须填写"
    )
    address = forms.CharField(
        label="通信地址", max_length=300, required=False, help_text="选择邮寄获取信息的，须填写"
    )
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请描述所需政府信息", "max_length": "描述不能超过5000字"},
    )
    purpose = forms.CharField(
        label="用途（选填）", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    format = forms.ChoiceField(
        label="获取信息的方式",
        choices=Format.choices,
        initial=Format.ELECTRONIC,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的方式"},
    )
    delivery = forms.ChoiceField(
        label="获取信息的途径",
        choices=Delivery.choices,
        initial=Delivery.EMAIL,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的途径"},
    )

    PERSON_FIELDS = ("name", "id_type", "id_number")
    ORGANISATION_FIELDS = ("org_name", "org_type", "org_code", "name")

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else public_agencies()
        self.applicant: Applicant | None = None

    def _applicant(self, data: dict) -> Applicant:
        organisation = data.get("kind") == ORGANISATION
        return Applicant(
            type=(data.get("org_type") or ApplicantType.OTHER_ORG)
            if organisation
            else ApplicantType.NATURAL_PERSON,
            name=data.get("name", ""),
            id_type="" if organisation else data.get("id_type", ""),
            id_number="" if organisation else data.get("id_number", ""),
            org_name=data.get("org_name", "") if organisation else "",
            org_code=data.get("org_code", "") if organisation else "",
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            address=data.get("address", ""),
        )

    def clean(self):
        data = super().clean()
        if self.errors.get("kind"):
            return data
        try:
            self.applicant = clean_applicant(self._applicant(data), today=timezone.localdate())
        except InvalidInput as error:
            self.add_service_errors(error)
        self._check_contact_for_delivery(data)
        return data

    # The contact the chosen way of delivery needs, else the agency cannot send the information.
    DELIVERY_CONTACT = {
        Delivery.EMAIL: ("email", "选择通过电子邮件获取的，请填写电子邮箱"),
        Delivery.POST: ("address", "选择邮寄获取的，请填写通信地址"),
    }

    def _check_contact_for_delivery(self, data: dict) -> None:
        field, message = self.DELIVERY_CONTACT.get(data.get("delivery"), (None, ""))
        if field and not (data.get(field) or "").strip() and field not in self.errors:
            self.add_error(field, message)

    def add_service_errors(self, error: InvalidInput) -> None:
        """Put the problems of an ``InvalidInput`` next to the fields they concern."""
        problems = (error.details or {}).get("errors") or [
            {"field": (error.details or {}).get("field", ""), "message": error.message}
        ]
        for problem in problems:
            field = str(problem.get("field", "")).removeprefix("applicant.")
            field = {"type": "org_type"}.get(field, field)
            if field not in self.fields:
                field = None
            if field is None or field not in self.errors:
                self.add_error(field, problem["message"])

    def content(self) -> dict:
        data = self.cleaned_data
        return {key: data.get(key, "") for key in ("description", "purpose", "format", "delivery")}


class RegistrationForm(ApplicationForm):
    """Staff register a paper, in-person, posted or faxed application (Art. 31 fixes the receipt)."""

    channel = forms.ChoiceField(
        label="申请渠道",
        choices=[(value, label) for value, label in Channel.choices if value != Channel.ONLINE],
        error_messages={"required": "请选择申请渠道"},
    )
    received_on = forms.DateField(
        label="收到（到达）日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=(
            "当面提交为递交之日，邮寄（需签收）为签收之日，即收到申请之日；平常信函、传真、网上申请填写到达本机关之日"
            "（确认收到的日期不得早于该日），收到申请之日在“确认收到”时记录"
        ),
        error_messages={"invalid": "请填写实际存在的日期，格式为 YYYY-MM-DD（如 2026-01-31）"},
    )
    field_order = ["channel", "received_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].required = False
        self.fields["delivery"].required = False
        self.order_fields(["channel", "received_on", "agency"])
