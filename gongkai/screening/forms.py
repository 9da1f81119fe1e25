from django import forms


class ScreeningForm(forms.Form):
    text = forms.CharField(
        label="待审查文本",
        widget=forms.Textarea(attrs={"rows": 14, "aria-describedby": "id_text_helptext"}),
        help_text="粘贴拟公开信息的标题、正文或附件文字（不超过2MB）。审查在服务器上即时完成，文本不会被保存。",
        strip=False,
    )
