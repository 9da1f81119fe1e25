"""Staff forms of the proposals workbench."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import public_agencies
from gongkai.proposals.models import KindChoices, ResultChoices, SatisfactionChoices
from gongkai.workbench.forms import ShownAgainWhenRefused

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgencyPickerField(forms.MultipleChoiceField):
    """Other agencies picked by name (the values are their codes); cleans to the agencies.

    The choices are the active agencies besides the lead; a code outside them (a page left open
    while an agency was renamed, a hand-made request, codes typed comma-separated) is still taken
    when an agency has it, as the API does, and named in the error when none has."""

    # agency-filter.js puts a 筛选单位 box above the checkboxes it finds by this attribute.
    widget = forms.CheckboxSelectMultiple(attrs={"data-agency-picker": ""})

    def clean(self, value) -> list[Agency]:
        raw = self.to_python(value)
        codes = list(dict.fromkeys(c.strip() for v in raw for c in v.replace("，", ",").split(",") if c.strip()))
        if self.required and not codes:
            raise ValidationError(self.error_messages["required"], code="required")
        agencies = {agency.code: agency for agency in Agency.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in agencies]
        if unknown:
            raise ValidationError(f"未知的机构代码：{'、'.join(unknown)}", code="unknown_agency")
        return [agencies[code] for code in codes]


class _PicksOtherAgencies:
    """Offers ``picker`` the active agencies other than the lead ``agency``."""

    picker = ""

    def __init__(self, *args, agency: Agency | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        others = public_agencies().exclude(pk=agency.pk) if agency is not None else public_agencies()
        self.fields[self.picker].choices = [(other.code, other.name) for other in others]


class ProposalForm(_PicksOtherAgencies, forms.Form):
    picker = "co_handlers"

    kind = forms.ChoiceField(label="类型", choices=KindChoices.choices)
    session = forms.CharField(label="届次（如：十七届人大三次会议）", max_length=60)
    number = forms.CharField(label="编号", max_length=30)
    title = forms.CharField(label="标题", max_length=300)
    proposers = forms.CharField(label="领衔人及附议人（不公开）", max_length=500, required=False)
    assigned_on = forms.DateField(label="交办日期", widget=DATE_INPUT)
    co_handlers = AgencyPickerField(label="协办单位（可多选）", required=False)


class _OnePageOfMany(ShownAgainWhenRefused, forms.Form):
    """A form the proposal's page shows beside others with the same field names: its ids (the
    fields', their wrappers' — ``id_prefix`` of ``includes/form_field.html`` — and the form's own,
    ``element_id``, where an error summary's link of the whole form leads) carry its prefix; a
    refused one is summed up as "``label``" at the top of the page."""

    label = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.id_prefix = f"{self.prefix}-" if self.prefix else ""
        self.element_id = f"{self.id_prefix}form"


class ExtendForm(_OnePageOfMany):
    date = forms.DateField(label="延期日期", widget=DATE_INPUT)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(_OnePageOfMany):
    date = forms.DateField(label="答复日期", widget=DATE_INPUT)
    result_class = forms.ChoiceField(label="办理结果", choices=ResultChoices.choices)
    doc_number = forms.CharField(label="答复文号", max_length=100)
    text = forms.CharField(
        label="答复正文（不含联系方式）", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class RateForm(_OnePageOfMany):
    date = forms.DateField(label="反馈日期", widget=DATE_INPUT)
    satisfaction = forms.ChoiceField(label="满意度", choices=SatisfactionChoices.choices)


class SecondAnswerForm(_OnePageOfMany):
    date = forms.DateField(label="再次答复日期", widget=DATE_INPUT)
    doc_number = forms.CharField(label="再次答复文号", max_length=100)
    text = forms.CharField(label="再次答复正文", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class PublishForm(_OnePageOfMany):
    date = forms.DateField(label="公开日期", widget=DATE_INPUT)
    mode = forms.ChoiceField(label="公开方式", choices=[("full", "全文公开"), ("summary", "摘要公开")])
    summary = forms.CharField(
        label="答复摘要（摘要公开时填写）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(label="不公开全文的理由（摘要公开时填写）", required=False)
    text = forms.CharField(
        label="公开的答复全文（全文公开时选填；不填则公开录入的答复正文。须删去代表委员姓名和联系方式）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


ACTION_FORMS = {
    "extend": (ExtendForm, "延期（六个月内答复）"),
    "answer": (AnswerForm, "答复"),
    "rate": (RateForm, "登记满意度"),
    "second_answer": (SecondAnswerForm, "再次答复"),
    "publish": (PublishForm, "公开答复"),
}

# The question each act asks before it is sent: none of them can be undone in the workbench.
ACTION_CONFIRMATIONS = {
    "extend": "延期只能办理一次，登记后不能撤回。确定延期吗？",
    "answer": "答复登记后不能修改或撤回。确定登记这份答复吗？",
    "rate": "满意度登记后不能修改。确定登记吗？",
    "second_answer": "再次答复登记后不能修改或撤回。确定登记吗？",
    "publish": "公开后答复即在门户网站和信息公开目录中发布，不能撤回。确定公开吗？",
}


class YearReportForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    date = forms.DateField(label="公开日期", widget=DATE_INPUT)
    note = forms.CharField(label="补充说明（选填）", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TaskForm(_PicksOtherAgencies, forms.Form):
    picker = "co_agencies"

    source = forms.CharField(label="任务来源（如：2026年政府工作报告）", max_length=200)
    title = forms.CharField(label="任务内容", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    assigned_on = forms.DateField(label="分工日期", widget=DATE_INPUT)
    deadline = forms.DateField(label="完成时限", required=False, widget=DATE_INPUT)
    co_agencies = AgencyPickerField(label="配合单位（可多选）", required=False)


class ProgressForm(forms.Form):
    date = forms.DateField(label="进展日期", widget=DATE_INPUT)
    status = forms.ChoiceField(
        label="状态", choices=[("on_track", "按计划推进"), ("at_risk", "存在滞后风险"), ("done", "已完成")]
    )
    text = forms.CharField(label="进展情况", max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    override_reason = forms.CharField(
        label="放行理由（审查发现个人信息等阻断项时，由牵头单位审核人填写）",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
    )


class ViewsForm(_OnePageOfMany):
    """A co-handler's views: the fields are named ``views-…`` for every co-handler (the address
    names the co-handler), their ids carry the co-handler's code (``agency_code``), since a user of
    several co-handlers has one such form for each on the page."""

    label = "提交协办意见"

    def __init__(self, *args, agency_code: str, **kwargs):
        kwargs.setdefault("prefix", "views")
        kwargs.setdefault("auto_id", f"id_{agency_code}-%s")
        super().__init__(*args, **kwargs)
        self.id_prefix = f"{agency_code}-{self.id_prefix}"
        self.element_id = f"{self.id_prefix}form"

    date = forms.DateField(label="提交日期", widget=DATE_INPUT)
    views = forms.CharField(label="协办意见", max_length=20000, widget=forms.Textarea(attrs={"rows": 3}))


class ViewsDueForm(_OnePageOfMany):
    """The lead sets the date of one co-handler's views; empty goes back to the default."""

    label = "设定协办意见截止日期"

    views_due_on = forms.DateField(
        label="协办意见截止日期",
        required=False,
        widget=DATE_INPUT,
        help_text="不填则恢复默认：答复期限前一个月",
    )
