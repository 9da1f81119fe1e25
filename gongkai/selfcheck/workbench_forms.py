from django import forms


class TaskForm(forms.Form):
    problem = forms.CharField(label="问题", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    measures = forms.CharField(
        label="整改措施", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    responsible = forms.CharField(label="责任单位", max_length=100, required=False)
    due_on = forms.DateField(label="时限", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class TaskUpdateForm(TaskForm):
    completion = forms.CharField(
        label="完成情况", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
