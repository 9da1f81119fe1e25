from django import forms
from django.contrib.auth.forms import AuthenticationForm

from gongkai.audit import labels
from gongkai.workbench.audit_trail import AuditFilter
from gongkai.workbench.context import staff_agencies


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。多次失败后账号将被暂时锁定。",
        "inactive": "该账号已停用。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class AuditFilterForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, required=False, label="机构", empty_label="全部")
    action = forms.ChoiceField(required=False, label="动作")
    actor = forms.CharField(required=False, label="操作人（姓名或账号）", max_length=150)
    since = forms.DateField(required=False, label="起始日期", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="截止日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = staff_agencies(user)
        self.fields["action"].choices = [("", "全部"), *labels.action_choices()]

    def filters(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            agency=data.get("agency"),
            action=data.get("action", ""),
            actor=data.get("actor", ""),
            since=data.get("since"),
            until=data.get("until"),
        )
