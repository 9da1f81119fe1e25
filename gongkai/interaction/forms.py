"""Forms of the public pages of 互动交流: the message form (with the captcha) and the rating."""

from __future__ import annotations

from django import forms

from gongkai.agencies.selectors import public_agencies
from gongkai.core.captcha import CaptchaForm
from gongkai.core.errors import InvalidInput
from gongkai.interaction.services import clean_content
from gongkai.interaction.vocabulary import Kind, Rating
from gongkai.workbench.forms import ShownAgainWhenRefused


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, agency):
        return "\u3000" * agency.depth + agency.name


class MessageForm(ShownAgainWhenRefused, CaptchaForm):
    """The public form (domain/interaction.md): kind, agency, title ≤ 100, text ≤ 2,000, name, phone,
    optional e-mail, publication consent — and the captcha. Errors are summed up with links to
    their fields as on the workbench (``error_summary``)."""

    element_id = "message-form"

    kind = forms.ChoiceField(
        label="留言类型",
        choices=Kind.choices(),
        initial=Kind.CONSULTATION,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择留言类型", "invalid_choice": "请选择留言类型"},
    )
    agency = AgencyChoiceField(
        label="留言对象",
        queryset=None,
        empty_label="请选择机关",
        error_messages={"required": "请选择留言对象", "invalid_choice": "请选择留言对象"},
    )
    title = forms.CharField(
        label="标题",
        max_length=100,
        error_messages={"required": "请填写标题", "max_length": "标题不能超过100字"},
    )
    body = forms.CharField(
        label="留言内容",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "请填写留言内容", "max_length": "留言内容不能超过2000字"},
        help_text="不超过2000字。请勿填写身份证号等个人信息。",
    )
    name = forms.CharField(label="姓名", max_length=50, error_messages={"required": "请填写姓名"})
    phone = forms.CharField(
        label="联系电话",
        max_length=30,
        help_text="手机号码或带区号的固定电话",
        error_messages={"required": "请填写联系电话"},
    )
    email = forms.CharField(label="电子邮箱（选填，答复后通知您）", max_length=254, required=False)
    publish_consent = forms.BooleanField(
        label="同意公开我的留言和答复（不公开姓名、电话、邮箱等个人信息）", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = public_agencies()

    def clean(self):
        # The service's rules (phone and e-mail format) are checked here too, so a wrong captcha
        # or a missing field does not hide them until a second submit: every problem at once.
        cleaned = super().clean()
        values = {key: self.data.get(key, "") for key in ("kind", "title", "body", "name", "phone", "email")}
        try:
            clean_content(**values)
        except InvalidInput as error:
            self.add_service_errors(error)
        return cleaned

    def add_service_errors(self, error: InvalidInput) -> None:
        problems = (error.details or {}).get("errors") or [
            {"field": (error.details or {}).get("field", ""), "message": error.message}
        ]
        for problem in problems:
            field = problem.get("field") if problem.get("field") in self.fields else None
            if field is None or field not in self.errors:
                self.add_error(field, problem["message"])

    def content(self) -> dict:
        data = self.cleaned_data
        keys = ("kind", "title", "body", "name", "phone", "email", "publish_consent")
        return {key: data.get(key) for key in keys}


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        label="您对答复的评价",
        choices=Rating.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "请选择评价"},
    )
    comment = forms.CharField(
        label="意见（选填）", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
