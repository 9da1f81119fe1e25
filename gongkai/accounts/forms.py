from django import forms
from django.contrib.auth.forms import PasswordChangeForm


class CodeForm(forms.Form):
    code = forms.CharField(
        label="验证码",
        max_length=40,
        help_text="身份验证器应用显示的6位数字；手机不在身边时，可输入一个恢复码（每个只能用一次）。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
        error_messages={"required": "请输入验证码"},
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="应用显示的6位验证码",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "请输入验证码"},
    )


class ChangePasswordForm(PasswordChangeForm):
    """Django's form (old password checked, new one twice), with Chinese labels; the new password
    is set by ``accounts.services.change_password``, not by ``save()``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "当前密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password2"].label = "再次输入新密码"
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "当前密码不正确，请重新输入。",
            "password_mismatch": "两次输入的新密码不一致。",
        }
