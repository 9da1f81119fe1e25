"""Workbench forms of 互动交流: registration, one form per act (fields = the service's keyword
arguments), list filters, the FAQ and the reply limits."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.agencies.selectors import public_agencies
from gongkai.interaction.forms import AgencyChoiceField
from gongkai.interaction.vocabulary import Channel, Kind, RejectReason, State
from gongkai.workbench.forms import DATE_ERRORS

DATE = {"type": "date"}


class RegistrationForm(forms.Form):
    """Staff register a message that came by letter, phone, visit or 12345."""

    channel = forms.ChoiceField(
        label="渠道", choices=[c for c in Channel.choices() if c[0] != Channel.ONLINE]
    )
    received_on = forms.DateField(
        label="收到日期", widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"), error_messages=DATE_ERRORS
    )
    kind = forms.ChoiceField(label="类型", choices=Kind.choices())
    title = forms.CharField(label="标题", max_length=100)
    body = forms.CharField(label="留言内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=30)
    email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    publish_consent = forms.BooleanField(label="留言人同意公开", required=False)


# Service keyword arguments of each act, besides ``on`` (the form's ``date``).
ACTION_FIELDS: dict[str, tuple[str, ...]] = {
    "accept": (),
    "reject": ("reason_code", "note"),
    "transfer": ("to_agency", "note"),
    "extend": ("days", "reason"),
    "reply": ("text",),
    "reopen": (),
    "publish": ("title", "body", "reply"),
    "unpublish": ("reason",),
    "to_faq": ("topic", "question", "answer"),
}
REQUIRED = {
    "reject": ("reason_code",),
    "transfer": ("to_agency", "note"),
    "extend": ("days", "reason"),
    "reply": ("text",),
    "publish": ("title", "body", "reply"),
}
LABELS = {
    "accept": "受理",
    "reject": "不予受理",
    "transfer": "转办",
    "extend": "延期答复",
    "reply": "答复",
    "reopen": "二次办理",
    "publish": "公开",
    "unpublish": "撤销公开",
    "to_faq": "转为常见问题",
}
HINTS = {
    "transfer": "转办给本平台的其他机关；答复期限不重新计算，超过收到后1个工作日转办的标记为“转办超时”",
    "extend": "只能延期一次，最长10个工作日，须在答复期限届满前决定",
    "publish": "仅限留言人同意公开的留言；公开文本经过个人信息和涉密标识审查，原文保留在系统内",
    "reopen": "留言人评价“不满意”后可二次办理一次，答复时限自评价之日起重新计算",
}


class ActionForm(forms.Form):
    date = forms.DateField(
        label="日期", widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"), error_messages=DATE_ERRORS
    )
    reason_code = forms.ChoiceField(label="不予受理理由", choices=RejectReason.choices())
    to_agency = AgencyChoiceField(label="转办机构", queryset=None, empty_label="请选择机构")
    note = forms.CharField(label="说明", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=10, initial=5)
    reason = forms.CharField(label="理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(label="答复内容", max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))
    title = forms.CharField(label="公开标题", max_length=100)
    body = forms.CharField(label="公开的留言内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    reply = forms.CharField(
        label="公开的答复内容", max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )
    topic = forms.CharField(label="主题", max_length=40)
    question = forms.CharField(label="问题", max_length=200)
    answer = forms.CharField(label="解答", max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, action: str, *args, agencies=None, **kwargs):
        kwargs.setdefault("prefix", action)
        initial = {"date": timezone.localdate(), **kwargs.pop("initial", {})}
        super().__init__(*args, initial=initial, **kwargs)
        self.action, self.label, self.hint = action, LABELS[action], HINTS.get(action, "")
        keep = {"date", *ACTION_FIELDS[action]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
            elif name != "date":
                self.fields[name].required = name in REQUIRED.get(action, ())
        if "to_agency" in self.fields:
            self.fields["to_agency"].queryset = agencies if agencies is not None else public_agencies()
        if action == "unpublish":
            self.fields["reason"].label = "撤销理由"

    def service_kwargs(self) -> dict:
        kwargs = {"on": self.cleaned_data["date"]}
        for name in ACTION_FIELDS[self.action]:
            value = self.cleaned_data.get(name)
            if value in (None, "") and name not in REQUIRED.get(self.action, ()):
                continue
            kwargs[name] = value
        return kwargs


class FilterForm(forms.Form):
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *State.choices()])
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "全部"), *Kind.choices()])
    overdue = forms.ChoiceField(
        label="是否逾期", required=False, choices=[("", "全部"), ("true", "已逾期"), ("false", "未逾期")]
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        overdue = {"true": True, "false": False}.get(data.get("overdue") or "")
        return {"state": data.get("state") or None, "kind": data.get("kind") or None, "is_overdue": overdue}


class FaqForm(forms.Form):
    topic = forms.CharField(label="主题", max_length=40, required=False)
    question = forms.CharField(label="问题", max_length=200)
    answer = forms.CharField(label="解答", widget=forms.Textarea(attrs={"rows": 6}))
    public = forms.BooleanField(label="在门户网站公开", required=False, initial=True)
    sort_order = forms.IntegerField(label="排序", initial=0)


class LimitsForm(forms.Form):
    """Reply limits per kind, in working days."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.IntegerField(
                label=f"{kind.label}（工作日）", min_value=1, max_value=60
            )
