from django import forms


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
