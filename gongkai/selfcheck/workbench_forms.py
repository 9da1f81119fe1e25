from django import forms

from gongkai.selfcheck.vocabulary import TaskStatus


class TaskForm(forms.Form):
    problem = forms.CharField(label="问题", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    measures = forms.CharField(
        label="整改措施",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "请填写整改措施"},
    )
    responsible = forms.CharField(label="责任单位", max_length=100, required=False)
    due_on = forms.DateField(
        label="时限",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写整改时限", "invalid": "请输入有效的日期，如2026-12-31"},
    )


class TaskUpdateForm(TaskForm):
    completion = forms.CharField(
        label="完成情况", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )


class LedgerFilterForm(forms.Form):
    """The ledger's status filter. An unknown status (an old bookmark, a typed URL) is not an empty
    list: the ledger shows every task and says so next to the field."""

    status = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部"), *TaskStatus.choices()],
        error_messages={"invalid_choice": "没有“%(value)s”这种状态，已显示全部整改任务"},
    )

    def status_filter(self) -> str | None:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("status") or None
