"""Workbench forms of the catalogue."""

from django import forms

from gongkai.catalog import attachments as attachment_checks
from gongkai.catalog import selectors
from gongkai.catalog.models import Column, Item
from gongkai.catalog.vocabulary import (
    ALWAYS_APPLICABLE,
    ART20_CATEGORIES,
    Audience,
    Disclosure,
    Genre,
    ItemState,
    PublicationMode,
    Topic,
    art20_numeral,
)
from gongkai.core.errors import DomainError, NotFound
from gongkai.workbench.forms import DATE_ERRORS, ShownAgainWhenRefused

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.Form):
    title = forms.CharField(label="信息名称", max_length=300)
    doc_number = forms.CharField(
        label="文号", max_length=100, required=False, help_text="如：测甲发〔2024〕12号"
    )
    genre = forms.ChoiceField(label="体裁分类", choices=Genre.choices)
    topic = forms.ChoiceField(label="主题分类", choices=[("", "—"), *Topic.choices], required=False)
    columns = forms.ModelMultipleChoiceField(
        label="栏目", queryset=Column.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text="不选则按体裁归入默认栏目",
    )  # fmt: skip
    audience = forms.MultipleChoiceField(
        label="服务对象分类", choices=Audience.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    keywords = forms.CharField(label="关键词", max_length=200, required=False, help_text="以逗号分隔")
    summary = forms.CharField(label="内容概述", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(label="正文", required=False, widget=forms.Textarea(attrs={"rows": 12}))
    formed_on = forms.DateField(label="生成日期", widget=DATE)
    changed_on = forms.DateField(label="变更日期", required=False, widget=DATE)
    disclosure = forms.ChoiceField(label="公开属性", choices=Disclosure.choices, initial=Disclosure.PROACTIVE)
    not_disclosed_reason = forms.CharField(
        label="不予公开理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="不予公开时必填",
    )
    publication_modes = forms.MultipleChoiceField(
        label="公开方式", choices=PublicationMode.choices, required=False, widget=forms.CheckboxSelectMultiple,
        initial=[PublicationMode.WEBSITE],
    )  # fmt: skip
    source = forms.CharField(label="信息来源", max_length=100, required=False, help_text="默认为本机构")
    interprets = forms.ModelChoiceField(
        label="所解读文件", queryset=Item.objects.none(), required=False, help_text="体裁为政策解读时选择"
    )
    internal = forms.BooleanField(label="仅内部可见", required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["columns"].queryset = Column.objects.filter(agency=agency).order_by("order", "id")
        self.fields["interprets"].queryset = (
            Item.objects.filter(agency=agency, state=ItemState.PUBLISHED)
            .exclude(genre=Genre.INTERPRETATION)
            .order_by("-published_on")
        )

    def service_fields(self) -> tuple[dict, list[str]]:
        data = dict(self.cleaned_data)
        columns = [column.code for column in data.pop("columns") or []]
        return data, columns


def initial_for(item: Item) -> dict:
    initial = {
        name: getattr(item, name)
        for name in ItemForm.base_fields
        if name not in ("columns", "interprets", "body")
    }
    initial["body"] = item.body
    initial["columns"] = list(item.columns.all())
    initial["interprets"] = item.interprets
    return initial


class ItemActForm(ShownAgainWhenRefused, forms.Form):
    """The form of one act on the item's staff page (``catalog_staff:act``/``publish``), shown again
    with its errors when the act is refused. ``action`` is the act in the address, ``label`` names it
    in the error summary; its fields' ids start with the act (one page holds several date fields);
    ``refusal_fields`` says which field a refusal, by its code, concerns (any other: the act as a
    whole, shown at the top of the form)."""

    action = ""
    label = ""
    field_ids = ""
    refusal_fields: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", self.field_ids or f"{self.action}-%s")
        super().__init__(*args, **kwargs)
        self.element_id = f"{self.action}-form"

    def refusal_field(self, error: DomainError) -> str | None:
        return self.refusal_fields.get(error.code)


class PublishForm(ItemActForm):
    action, label, field_ids = "publish", "发布", "id_%s"
    # Not proactive, double sign-off, already published: the act as a whole.
    refusal_fields = {
        "date_in_future": "date",
        "published_before_formed": "date",
        "screening_findings": "override_reason",
        "override_reason_insufficient": "override_reason",
        "override_needs_second_person": "override_reason",
    }
    date = forms.DateField(
        label="发布日期", required=False, widget=DATE, help_text="默认今天", error_messages=DATE_ERRORS
    )
    override_reason = forms.CharField(
        label="放行理由（审核人）",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "审查发现的内容确需公开时，由机构管理员或未起草、未审查该信息的审核人写明具体理由"
            "（至少10个有实际意义的字）；理由记入审计日志，并在本页显示"
        ),
    )


class ScreenForm(ItemActForm):
    action, label = "screen", "保密审查"


class ReviewForm(ItemActForm):
    action, label = "review", "审核通过"


class DeleteForm(ItemActForm):
    action, label = "delete", "删除草稿"


class InternalForm(ItemActForm):
    action, label = "internal", "更改可见性"


class AttachForm(ItemActForm):
    action, label = "attach", "上传附件"
    refusal_fields = dict.fromkeys(
        ("attachment_too_large", "attachment_empty", "attachment_type_not_allowed"), "file"
    )
    file = forms.FileField(
        label="上传附件",
        widget=forms.FileInput(attrs={"accept": ".docx,.pdf,.xls,.xlsx,.png,.jpg,.jpeg"}),
        error_messages={"required": "请选择要上传的文件", "empty": "附件为空文件"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = attachment_checks.max_bytes() // (1024 * 1024)
        self.fields["file"].help_text = f"DOCX、PDF、XLS、XLSX、PNG 或 JPG 文件，不超过{limit}MB"

    def add_refusal(self, error: DomainError) -> None:
        """A refused file is named in its error: the browser cannot show it again in the field."""
        upload = self.cleaned_data.get("file")
        if upload is not None and self.refusal_field(error) == "file":
            error = DomainError(error.code, f"未上传“{upload.name}”：{error.message}", error.details)
        super().add_refusal(error)


class AbolishForm(ItemActForm):
    action, label = "abolish", "标记废止"
    refusal_fields = {"date_in_future": "date", "abolished_before_formed": "date"}
    date = forms.DateField(label="废止日期", widget=DATE, error_messages=DATE_ERRORS)


class AmendForm(ItemActForm):
    action, label = "amend", "标记已修改"
    refusal_fields = {
        "date_in_future": "date",
        "amended_before_formed": "date",
        "successor_is_self": "successor",
        "successor_not_published": "successor",
    }
    date = forms.DateField(label="修改日期", widget=DATE, error_messages=DATE_ERRORS)
    successor = forms.CharField(label="修改后文件索引号", required=False, max_length=120)

    def clean_successor(self) -> Item | None:
        """The amended version, a published item of the catalogue, by its 索引号."""
        index_no = self.cleaned_data["successor"].strip()
        if not index_no:
            return None
        try:
            return selectors.public_item(index_no)
        except NotFound as error:
            raise forms.ValidationError(f"{error.message}：{index_no}") from None


ACT_FORMS = {
    form.action: form
    for form in (ScreenForm, ReviewForm, AttachForm, DeleteForm, AmendForm, AbolishForm, InternalForm)
}


class LedgerForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=1990, max_value=2100)


class CatalogSettingsForm(forms.Form):
    index_pattern = forms.CharField(
        label="索引号格式",
        max_length=80,
        help_text="可用部分：{prefix} 索引号前缀、{year} 年、{month} 月、{topic} 主题、{genre} 体裁、{seq:05d} 五位序号",
    )
    four_eyes = forms.BooleanField(
        label="双人复核：审核人须不同于起草人",
        required=False,
        help_text="开启后，起草信息的工作人员不能审核或发布本人起草的信息",
    )
    art20_categories = forms.TypedMultipleChoiceField(
        label="适用的《条例》第二十条信息类别",
        choices=[
            (number, label) for number, label in ART20_CATEGORIES.items() if number not in ALWAYS_APPLICABLE
        ],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            f"{''.join(art20_numeral(n) for n in ALWAYS_APPLICABLE)}适用于所有机构，始终检查；其余各项按本机关职责勾选。"
            "自查指标“法定公开类别栏目空白”据此检查各类信息的栏目是否有已公开信息。"
        ),
    )
