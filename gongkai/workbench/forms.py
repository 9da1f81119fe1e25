from django import forms
from django.contrib.auth.forms import AuthenticationForm

from gongkai.audit import labels
from gongkai.core.errors import DomainError
from gongkai.workbench.audit_trail import AuditFilter
from gongkai.workbench.context import staff_agencies

# The messages of a workbench date field (the browser's date picker sends YYYY-MM-DD).
DATE_ERRORS = {"required": "请填写日期", "invalid": "请填写实际存在的日期，格式为 YYYY-MM-DD（如 2026-01-31）"}


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


class ShownAgainWhenRefused:
    """Mixin of a workbench form shown again after a service refused its act: each error at its
    field, the first field at fault focused (so the browser opens the page there) and every error
    summed up under the page title. ``element_id`` is the form's id on the page (the target of an
    error of the whole form); ``refusal_field`` says which field a refusal concerns."""

    element_id = ""
    focus_heading = False

    def refusal_field(self, error: DomainError) -> str | None:
        """The field a refusal concerns: the one its details name (None: the act as a whole)."""
        return (error.details or {}).get("field")

    def add_refusal(self, error: DomainError) -> None:
        """A service's refusal at the field it concerns, else at the top of the form; what was
        entered stays."""
        field = self.refusal_field(error)
        self.add_error(field if field in self.fields else None, error.message)

    def focus_first_error(self) -> None:
        """Autofocus the first field at fault; a radio group (one autofocus per page) or an error of
        the whole form focuses the top of the form (its heading, or its first error without one)."""
        self.focus_heading = True
        for name, field in self.fields.items():
            if name in self.errors:
                if not isinstance(field.widget, forms.RadioSelect):
                    field.widget.attrs["autofocus"] = True
                    self.focus_heading = False
                return

    def shown_again(self) -> list[tuple[str, str]]:
        """A form sent back with errors (a public form): the first field at fault focused, and the
        summary of its errors linked to their fields; nothing for a form without errors."""
        if not self.errors:
            return []
        self.focus_first_error()
        return self.error_summary(shown=True)

    def error_summary(self, *, shown: bool) -> list[tuple[str, str]]:
        """(message, id of the element at fault) of each error; no ids when the form is not shown
        (the state no longer allows the act)."""
        summary = [(message, self.element_id if shown else "") for message in self.non_field_errors()]
        for name, field in self.fields.items():
            bound = self[name]
            # The first radio button; else the element the label is for (a captcha's text box).
            target = bound.auto_id + "_0" if isinstance(field.widget, forms.RadioSelect) else bound.id_for_label
            summary += [(f"{bound.label}：{message}", target if shown else "") for message in bound.errors]
        return summary
