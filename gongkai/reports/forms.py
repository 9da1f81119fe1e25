"""The workbench form of the report's inputs and narrative."""

from django import forms


class InputsForm(forms.Form):
    licensing_decisions = forms.IntegerField(label="行政许可本年处理决定数量", min_value=0, required=False)
    penalty_decisions = forms.IntegerField(label="行政处罚本年处理决定数量", min_value=0, required=False)
    coercion_decisions = forms.IntegerField(label="行政强制本年处理决定数量", min_value=0, required=False)
    fee_income_wan_yuan = forms.DecimalField(
        label="行政事业性收费本年收费金额（万元）",
        min_value=0,
        max_digits=14,
        decimal_places=4,
        required=False,
    )
    overview = forms.CharField(
        label="一、总体情况", widget=forms.Textarea(attrs={"rows": 10}), required=False, max_length=50_000
    )
    problems = forms.CharField(
        label="五、存在的主要问题及改进情况",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=50_000,
    )
    other = forms.CharField(
        label="六、其他需要报告的事项",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=50_000,
    )


class CorrectionForm(forms.Form):
    reason = forms.CharField(label="更正理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
