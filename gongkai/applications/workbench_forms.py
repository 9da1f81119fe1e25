"""Workbench forms: one per act on an application, and the list filters.

Each act's form has exactly the fields of its service function (``services.<action>``), so the
view passes ``cleaned_data`` straight through.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.applications import fees
from gongkai.applications.choices import (
    REPLY_OUTCOMES,
    Action,
    FeeMethod,
    NotHeld,
    Outcome,
    ReviewKind,
    ReviewResult,
    SignOff,
    State,
)
from gongkai.core.errors import DomainError
from gongkai.workbench.forms import DATE_ERRORS
from gongkai.workbench.forms import ShownAgainWhenRefused as RefusalShown

DATE = {"type": "date"}

# The sub-choice of a reply "本机关不掌握相关政府信息" (Art. 36(四)/(五), ``applications.not_held``).
REPLY_SUBCHOICE = ("not_held", "other_agency_name", "other_agency_contact")
# Service keyword arguments of each act, besides ``on`` (the form's ``date``).
ACTION_FIELDS: dict[str, tuple[str, ...]] = {
    "confirm_receipt": (),
    "request_correction": ("items", "respond_within_days"),
    "receive_correction": ("note",),
    "correction_lapsed": (),
    "start_consultation": ("third_party",),
    "end_consultation": ("note",),
    "extend": ("days", "reason", "approver", "approval"),
    "fee_notice": ("method", "pages", "items", "delivered_on"),
    "fee_paid": (),
    "fee_lapsed": (),
    "reply": ("outcome", *REPLY_SUBCHOICE, "reason", "note"),
    "withdraw": ("note",),
    "set_later_deadline": ("due_on", "reason"),
    "void": ("reason",),
    "draft_reply": ("outcome", *REPLY_SUBCHOICE, "reason", "note"),
    "approve_reply": (),
    "return_reply": ("comment",),
}
REQUIRED = {
    "request_correction": ("items",),
    "start_consultation": ("third_party",),
    "extend": ("days", "reason"),
    "fee_notice": ("method",),
    "reply": ("outcome",),
    "set_later_deadline": ("due_on", "reason"),
    "void": ("reason",),
    "draft_reply": ("outcome",),
    "return_reply": ("comment",),
}
HINTS = {
    "confirm_receipt": (
        "网上申请、传真：双方确认之日为收到申请之日；平常信函：应于收到当日与申请人确认，"
        "以信函到达之日为收到申请之日（条例第三十一条）"
    ),
    "request_correction": "收到申请之日起7个工作日内一次性告知（条例第三十条）",
    "extend": (
        "经政府信息公开工作机构负责人同意，最长延长20个工作日，只能延长一次（条例第三十三条）。"
        "审核人录入即为在系统中批准；经办人录入须填写负责人姓名并上传其签批的审批文件"
    ),
    "fee_notice": "申请数量、频次明显超过合理范围时按件或按量择一计收（条例第四十二条）",
    "start_consultation": "征求意见期间不计算在答复期限内（条例第三十二条）",
    "set_later_deadline": "数量、频次明显超过合理范围但理由合理的，确定延后的答复期限（条例第三十五条）",
    "draft_reply": "答复稿送审后由审核人签发；签发之日为答复日期，送审不停止计算答复期限",
    "approve_reply": "以签发日期作出答复，出具答复告知书并办结",
    "return_reply": "退回经办人修改，退回意见记入办理记录",
}
# Refusals about the act's date whose details do not name a field.
DATE_REFUSALS = frozenset(
    {
        "date_in_future",
        "date_before_previous_event",
        "date_before_arrival",
        "receipt_not_on_arrival",
        "correction_too_late",
        "extension_too_late",
    }
)
# Acts of sign-off that are not event names of their own (the approval records the reply).
LABELS = {"approve_reply": "签发答复", "draft_reply": "答复稿送审", "return_reply": "退回答复稿"}


class ShownAgainWhenRefused(RefusalShown):
    """An act's form shown again after a refusal (``workbench.forms.ShownAgainWhenRefused``):
    ``label`` names the act and ``date_field`` is its legal date, where a refusal about the act's
    date lands."""

    label = ""
    date_field = "date"

    def refusal_field(self, error: DomainError) -> str | None:
        about_date = self.date_field if error.code in DATE_REFUSALS else None
        return (error.details or {}).get("field") or about_date


class ActionForm(ShownAgainWhenRefused, forms.Form):
    date = forms.DateField(
        label="日期", widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"), error_messages=DATE_ERRORS
    )
    items = forms.CharField(
        label="补正事项（每行一项）", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    respond_within_days = forms.IntegerField(
        label="补正期限（工作日）", min_value=1, max_value=60, initial=15
    )
    note = forms.CharField(label="说明", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    third_party = forms.CharField(label="征求意见对象", max_length=200)
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label="理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    approver = forms.CharField(
        label="批准人姓名（审核人本人批准时可不填）",
        max_length=100,
        help_text="经办人录入时须填写负责人姓名并上传其签批的审批文件",
    )
    approval = forms.FileField(
        label="负责人签批的审批文件（PDF 或图片）",
        widget=forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}),
    )
    method = forms.ChoiceField(label="收费方式", choices=FeeMethod.choices)
    pages = forms.IntegerField(label="页数（按量计收）", min_value=0, max_value=10_000_000)
    delivered_on = forms.DateField(
        label="申请人收到通知日期（缺省为通知日期）",
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )
    outcome = forms.ChoiceField(
        label="处理结果", choices=[(code, Outcome(code).label) for code in REPLY_OUTCOMES]
    )
    # Shown by reply-subchoice.js only for 本机关不掌握 (and the agency for (五)); without script they
    # stay visible, and are dropped for another outcome (``service_kwargs``): a radio cannot be cleared.
    not_held = forms.ChoiceField(
        label="本机关不掌握的情形",
        choices=NotHeld.choices,
        widget=forms.RadioSelect(attrs={"data-reply-part": "not_held"}),
        help_text="仅适用于处理结果“本机关不掌握相关政府信息”，其他处理结果不记录此项；两种情形均计入年度报告同一行",
    )
    other_agency_name = forms.CharField(
        label="负责公开该政府信息的行政机关",
        max_length=200,
        widget=forms.TextInput(attrs={"data-reply-part": "other_agency"}),
        help_text=(
            "不属于本机关负责公开、且能够确定负责公开的机关时填写，写入答复告知书；须同时填写联系方式。"
            "其他处理结果不记录此项"
        ),
    )
    other_agency_contact = forms.CharField(
        label="该行政机关的联系方式（电话、地址）",
        max_length=300,
        widget=forms.TextInput(attrs={"data-reply-part": "other_agency"}),
    )
    due_on = forms.DateField(
        label="延后的答复期限",
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )
    comment = forms.CharField(label="退回意见", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, action: str, *args, **kwargs):
        kwargs.setdefault("prefix", action)
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.action = action
        self.element_id = f"act-{action}"
        self.label = LABELS.get(action) or Action(action).label
        self.hint = HINTS.get(action, "")
        keep = {"date", *ACTION_FIELDS[action]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
            elif name != "date":
                self.fields[name].required = name in REQUIRED.get(action, ())
        self.order_fields(["date", *ACTION_FIELDS[action]])
        self.required_now: set[str] = set()
        if action in ("reply", "draft_reply"):
            self._reply_fields()
        if action == "draft_reply":
            self.fields["date"].label = "送审日期"
        if action == "approve_reply":
            self.fields["date"].label = "签发日期（即答复日期）"
        if action == "fee_notice":
            self.fields["items"] = split_items_field()
        if action == "void":
            self.fields["date"].label = "作废日期"
            self.fields["reason"].label = "作废理由"

    def _reply_fields(self) -> None:
        """(四) 信息不存在 preselected, as the service defaults to it; 理由 marked required when the
        answer is (五) (reply-subchoice.js moves the mark as the choice changes)."""
        self.fields["not_held"].initial = NotHeld.NOT_EXIST
        reason = self.fields["reason"]
        reason.label = "理由（写入答复告知书）"
        reason.help_text = "答复“不属于本机关负责公开”的，应当说明理由（条例第三十六条第（五）项）"
        self.fields["note"].label = "说明（写入答复告知书）"
        if self._other_agency_chosen():
            self.required_now.add("reason")
            reason.widget.attrs["aria-required"] = "true"

    def _other_agency_chosen(self) -> bool:
        if not self.is_bound:
            return False
        outcome = self.data.get(self.add_prefix("outcome"))
        not_held = self.data.get(self.add_prefix("not_held"))
        return outcome == Outcome.UNABLE_NOT_HELD and not_held == NotHeld.OTHER_AGENCY

    def fields_with_marks(self):
        """(bound field, required here though optional in general) for the template."""
        return [(self[name], name in self.required_now) for name in self.fields]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"on": data["date"]}
        for name in ACTION_FIELDS[self.action]:
            if name in REPLY_SUBCHOICE and data.get("outcome") != Outcome.UNABLE_NOT_HELD:
                continue  # the (preselected) sub-choice of another outcome, not a choice made
            value = data.get(name)
            if name == "items" and self.action == "request_correction":
                value = [line.strip() for line in (value or "").splitlines() if line.strip()]
            if value in (None, "") and name not in REQUIRED.get(self.action, ()):
                continue
            kwargs[name] = value
        return kwargs


def split_items_field() -> forms.IntegerField:
    """How many items a fee notice by item counts the application as (一事一申请); blank is one."""
    return forms.IntegerField(
        label="拆分件数（按件计收）",
        required=False,
        min_value=1,
        max_value=fees.MAX_SPLIT_ITEMS,
        help_text=(
            "一份申请包含多项内容的，可按照“一事一申请”原则以合理的最小单位拆分计算件数"
            "（《政府信息公开信息处理费管理办法》第四条）；不拆分的留空，按1件计；按量计收时不填"
        ),
        error_messages={
            "invalid": "拆分件数应为整数",
            "min_value": "拆分件数至少为1件",
            "max_value": f"拆分件数不能超过{fees.MAX_SPLIT_ITEMS}件",
        },
    )


class FilterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="机构", required=False, queryset=None, empty_label="全部（含所属机构）", to_field_name="code"
    )
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *State.choices])
    overdue = forms.ChoiceField(
        label="是否逾期", required=False, choices=[("", "全部"), ("true", "已逾期"), ("false", "未逾期")]
    )
    year = forms.IntegerField(label="收到年度", required=False, min_value=1990, max_value=2100)

    def __init__(self, *args, agencies=None, **kwargs):
        """``agencies``: the current agency and those below it the user sees; the agency filter is
        offered only when there is more than one (the disclosure office)."""
        super().__init__(*args, **kwargs)
        if agencies is not None and len(agencies) > 1:
            self.fields["agency"].queryset = agencies
            self.fields["agency"].error_messages["invalid_choice"] = "请选择列表中的机构"
        else:
            del self.fields["agency"]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        overdue = {"true": True, "false": False}.get(data.get("overdue") or "")
        return {
            "state": data.get("state") or None,
            "is_overdue": overdue,
            "year": data.get("year"),
            "agency": data.get("agency"),
        }


class ReviewForm(ShownAgainWhenRefused, forms.Form):
    """Registering an administrative review or lawsuit (``services.file_review``)."""

    label = "登记复议或诉讼"
    element_id = "file-review"
    date_field = "filed_on"

    kind = forms.ChoiceField(label="类型", choices=ReviewKind.choices)
    filed_on = forms.DateField(
        label="申请/立案日期",
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )
    note = forms.CharField(label="备注", required=False, max_length=2000)


class DecideForm(forms.Form):
    decided_on = forms.DateField(
        label="审结日期", widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"), error_messages=DATE_ERRORS
    )
    result = forms.ChoiceField(label="结果", choices=ReviewResult.choices)
    note = forms.CharField(label="备注", required=False, max_length=2000)


class TemplateUploadForm(forms.Form):
    file = forms.FileField(label="DOCX 模板文件", error_messages={"required": "请选择模板文件"})


class SettingsForm(forms.Form):
    """An agency's 依申请公开 settings; blank texts fall back to the defaults shown as placeholders."""

    short_name = forms.CharField(label="机构简称", max_length=20, required=False)
    prefix_reply = forms.CharField(label="答复告知书文号前缀", max_length=30, required=False)
    prefix_correction = forms.CharField(label="补正告知书文号前缀", max_length=30, required=False)
    prefix_extension = forms.CharField(label="延期答复告知书文号前缀", max_length=30, required=False)
    prefix_fee = forms.CharField(label="收费通知书文号前缀", max_length=30, required=False)
    signoff = forms.ChoiceField(
        label="审核签发",
        choices=SignOff.choices,
        help_text="须审核签发的答复由经办人送审、审核人签发后出具告知书；审核人及以上作出的答复即为签发",
    )

    def __init__(self, *args, defaults: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, value in (defaults or {}).items():
            if name in self.fields:
                self.fields[name].widget.attrs["placeholder"] = value
                self.fields[name].help_text = f"留空使用默认：{value}"
