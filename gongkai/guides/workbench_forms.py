"""Staff forms of the guides workbench: the guide editor (materials one per line), the reviewer's
override of screening findings, and the import."""

from __future__ import annotations

from django import forms

from gongkai.guides import layouts
from gongkai.workbench.forms import ShownAgainWhenRefused

MATERIALS_HELP = "每行一项材料：名称｜形式｜份数｜必要性，例如“居民身份证｜原件、复印件｜1｜必要”；后三项可省略。"


def _text(label: str, rows: int = 3, **kwargs):
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class GuideForm(ShownAgainWhenRefused, forms.Form):
    """A refusal of the service about one element (``details.field``) is shown at that field."""

    name = forms.CharField(label="事项名称", max_length=300)
    code = forms.CharField(label="事项编码", max_length=64, required=False)
    topic = forms.CharField(label="服务主题", max_length=60, required=False)
    implementing_body = forms.CharField(label="实施主体", max_length=200, required=False)
    basis = _text("设定依据（引用文件请用书名号，如《中华人民共和国行政许可法》）")
    conditions = _text("申请条件")
    materials = _text("办理材料", rows=6, help_text=MATERIALS_HELP)
    location = _text("办理地点", rows=2)
    hours = _text("办理时间", rows=2)
    phone = forms.CharField(label="联系电话", max_length=200, required=False)
    procedure = _text("办理流程", rows=4)
    statutory_days = forms.IntegerField(label="法定办结时限（工作日，即办填0）", min_value=0, max_value=3650, required=False)
    promised_days = forms.IntegerField(label="承诺办结时限（工作日，即办填0）", min_value=0, max_value=3650, required=False)
    fee_basis = _text("收费依据（不收费请填“不收费”）", rows=2)
    fee_amount = _text("收费标准", rows=2)
    consultation = _text("咨询方式", rows=2)
    complaint = _text("监督投诉方式", rows=2)
    visits = forms.IntegerField(label="到现场次数", min_value=0, max_value=99, required=False)
    online_url = forms.URLField(label="网上办理入口", max_length=500, required=False, assume_scheme="https")
    faq = _text("常见问题", rows=4)

    def clean_materials(self) -> list[dict]:
        rows = []
        for number, line in enumerate((self.cleaned_data.get("materials") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.replace("|", "｜").split("｜")]
            parts += [""] * (4 - len(parts))
            name, form, copies, required = parts[:4]
            try:
                rows.append(
                    {
                        "name": name,
                        "form": layouts.material_form(form),
                        "copies": layouts._count(copies, "份数"),
                        "required": layouts.material_required(required),
                    }
                )
            except ValueError as error:
                raise forms.ValidationError(f"第{number}行：{error}") from None
        return rows


def materials_text(guide) -> str:
    lines = []
    for material in guide.materials.all():
        copies = "" if material.copies is None else str(material.copies)
        lines.append("｜".join([material.name, material.form_label, copies, "必要" if material.required else "非必要"]))
    return "\n".join(lines)


class OverrideForm(forms.Form):
    """The reviewer's written reason for publishing a guide over a blocking screening finding."""

    override_reason = forms.CharField(
        label="放行理由（审核人）",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "审查发现的内容确需公开时，由审核人或机构管理员写明具体理由"
            "（至少10个有实际意义的字）；理由记入审计日志"
        ),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="办事指南表格（XLSX）")

    def __init__(self, *args, label: str = "", **kwargs):
        """``label``: the sheet's name on a page that imports another kind (权责清单, 标准目录)."""
        super().__init__(*args, **kwargs)
        if label:
            self.fields["file"].label = label
