"""Staff forms of the solicitation workbench: the draft, the extension, decisions, the note."""

from __future__ import annotations

from django import forms

from gongkai.solicitation.models import COMMENT_MAX_CHARS, KindChoices
from gongkai.solicitation.vocabulary import CHANNEL_LABELS, DECISION_LABELS, Channel

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SolicitationForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=KindChoices.choices)
    title = forms.CharField(label="标题", max_length=300)
    draft = forms.CharField(label="征求意见稿", widget=forms.Textarea(attrs={"rows": 14}))
    explanation = forms.CharField(label="起草说明", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    how_to_comment = forms.CharField(
        label="意见反馈方式", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    contacts = forms.CharField(label="联系方式", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    hearing = forms.CharField(
        label="听证会、座谈会等安排（选填）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    opens_on = forms.DateField(label="征求意见开始日期", widget=DATE_INPUT)
    closes_on = forms.DateField(label="征求意见截止日期", widget=DATE_INPUT)
    shortened_reason = forms.CharField(
        label="缩短期限的理由（期限短于法定最短期限时必填，随征求意见稿公布）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExtendForm(forms.Form):
    closes_on = forms.DateField(label="延长后的截止日期", widget=DATE_INPUT)
    reason = forms.CharField(label="延长理由（将在征集页面公告）", widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="采纳情况", choices=[(code.value, label) for code, label in DECISION_LABELS.items()]
    )
    reason = forms.CharField(label="理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    text = forms.CharField(
        label="情况说明",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="本机构近12个月未开展意见征集时，在意见征集栏目公开的情况说明。",
    )

    def __init__(self, *args, needed: bool = True, **kwargs):
        """``needed`` False: the agency held solicitations in the last twelve months, so its column
        is not empty and the note is optional (domain/solicitation.md: an empty column needs one)."""
        super().__init__(*args, **kwargs)
        if not needed:
            self.fields["text"].required = False
            self.fields["text"].help_text = "近12个月内已开展意见征集，栏目不为空，无须填写；仅在需要时补充。"


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件文件",
        help_text="PDF、DOCX、XLS、XLSX、PNG 或 JPG（按文件内容判断），随征求意见稿公布。",
        error_messages={"required": "请选择要上传的文件", "empty": "附件为空文件"},
    )
    name = forms.CharField(label="显示名称（选填，默认用文件名）", max_length=200, required=False)


class RegisterCommentForm(forms.Form):
    """A comment received by e-mail, letter or otherwise, entered by staff."""

    channel = forms.ChoiceField(
        label="收到方式",
        choices=[(code.value, label) for code, label in CHANNEL_LABELS.items() if code != Channel.ONLINE],
    )
    received_on = forms.DateField(label="收到日期", widget=DATE_INPUT)
    text = forms.CharField(
        label="意见内容", max_length=COMMENT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 4})
    )
    name = forms.CharField(label="姓名或单位（不公开）", max_length=100, required=False)
    contact = forms.CharField(label="联系方式（不公开）", max_length=200, required=False)
