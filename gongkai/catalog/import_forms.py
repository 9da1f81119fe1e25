"""Forms of the workbench import: the upload, and one editable row per extracted item."""

from __future__ import annotations

from django import forms

from gongkai.catalog.files import MAX_BYTES
from gongkai.catalog.vocabulary import Genre

MAX_FILES = 50
MAX_ROWS = 500  # rows confirmed at once (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS allows for them)
MAX_TOTAL = 50 * 1024 * 1024
GENRE_CHOICES = Genre.choices


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm,.docx,.pdf,.csv,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="文件",
        help_text=(
            "可一次选择多个 TXT、DOCX、PDF 文件或保存的网页（HTML）；也可附一个 CSV 或 XLSX 元数据表（表头如 信息名称、文号、体裁分类、"
            "生成日期、栏目、正文 或 文件）。每个文件不超过 20 MB，最多 50 个。"
        ),
    )
    genre = forms.ChoiceField(label="默认体裁分类", choices=GENRE_CHOICES, initial="other")

    def clean_files(self):
        files = self.cleaned_data["files"]
        if not files:
            raise forms.ValidationError("请选择要导入的文件")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"一次最多导入 {MAX_FILES} 个文件")
        too_big = [upload.name for upload in files if upload.size > MAX_BYTES]
        if too_big:
            raise forms.ValidationError(f"文件超过 20 MB：{'、'.join(too_big)}")
        if sum(upload.size for upload in files) > MAX_TOTAL:
            raise forms.ValidationError("文件合计超过 50 MB，请分批导入")
        return files


class CandidateForm(forms.Form):
    include = forms.BooleanField(label="导入", required=False)
    title = forms.CharField(label="信息名称", max_length=300, required=False)
    doc_number = forms.CharField(label="文号", max_length=100, required=False)
    genre = forms.ChoiceField(label="体裁分类", choices=GENRE_CHOICES)
    formed_on = forms.DateField(
        label="生成日期", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    keywords = forms.CharField(label="关键词", max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("include"):
            if not (data.get("title") or "").strip():
                self.add_error("title", "请填写信息名称")
            if not data.get("formed_on"):
                self.add_error("formed_on", "请填写生成日期")
        return data


CandidateFormSet = forms.formset_factory(CandidateForm, extra=0)
