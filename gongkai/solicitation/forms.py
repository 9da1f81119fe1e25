"""The public comment form (the captcha and rate limit of the other public forms apply)."""

from __future__ import annotations

from django import forms

from gongkai.core.captcha import CaptchaForm
from gongkai.solicitation.models import COMMENT_MAX_CHARS
from gongkai.solicitation.services.commenting import COMMENT_FILE_KINDS, COMMENT_FILE_MAX_BYTES

# What the file chooser offers: the kinds the service accepts (by content), a JPEG also as .jpeg.
COMMENT_FILE_ACCEPT = ",".join(
    f".{kind},.jpeg" if kind == "jpg" else f".{kind}" for kind in COMMENT_FILE_KINDS
)
_NAMES = [kind.upper() for kind in COMMENT_FILE_KINDS]
COMMENT_FILE_HELP = (
    f"可上传 {'、'.join(_NAMES[:-1])} 或 {_NAMES[-1]} 文件（按文件内容判断），"
    f"最大{COMMENT_FILE_MAX_BYTES // (1024 * 1024)}MB。"
)


class CommentForm(CaptchaForm):
    """The comment, optional name and contact (never published), an optional file, the captcha."""

    text = forms.CharField(
        label="意见内容",
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "请填写意见内容", "max_length": f"意见内容不能超过{COMMENT_MAX_CHARS}字"},
    )
    name = forms.CharField(
        label="姓名或单位（选填，不公开）",
        max_length=100,
        required=False,
        error_messages={"max_length": "姓名或单位不能超过100字"},
    )
    contact = forms.CharField(
        label="联系方式（选填，不公开）",
        max_length=200,
        required=False,
        error_messages={"max_length": "联系方式不能超过200字"},
    )
    attachment = forms.FileField(
        label="附件（选填）",
        required=False,
        help_text=COMMENT_FILE_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": COMMENT_FILE_ACCEPT}),
        error_messages={"empty": "附件为空文件"},
    )
