"""Workbench import: upload, confirm what was extracted (editable), drafts created by the services."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

# Until the catalogue's models and services are merged, these tests have nothing to run against.
pytest.importorskip("gongkai.catalog.services")
from gongkai.catalog.import_forms import MAX_ROWS
from gongkai.catalog.models import Item
from gongkai.testing import SAMPLES

URL = "/workbench/catalog/import/"


@pytest.fixture
def client(staff):
    client = Client()
    client.force_login(staff["handler_a"])
    return client


def sample_upload(prefix: str) -> SimpleUploadedFile:
    path = next(SAMPLES.glob(f"{prefix}_*.txt"))
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def docx_upload(name: str, lines: list[str]) -> SimpleUploadedFile:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def confirm_data(response, **changes) -> dict:
    """The confirmation form as the browser would submit it, with ``changes`` (``0-title``: …) applied."""
    formset = response.context["formset"]
    data = {f"form-{key}": value for key, value in formset.management_form.initial.items()}
    for form in formset.forms:
        for name in form.fields:
            value = form.initial.get(name)
            if name == "include":
                if value:
                    data[f"{form.prefix}-{name}"] = "on"
            elif value is not None:
                data[f"{form.prefix}-{name}"] = value.isoformat() if hasattr(value, "isoformat") else value
    for key, value in changes.items():
        data[f"form-{key}"] = value
    return data


def test_upload_shows_the_extraction_for_confirmation_then_creates_drafts(client, tree):
    notice = docx_upload(
        "notice.docx",
        [
            "测政发〔2026〕9号",
            "关于做好春节期间值班工作的通知",
            "各单位：",
            "请做好值班。",
            "测试市甲局",
            "2026年1月5日",
        ],
    )
    response = client.post(URL, {"files": [sample_upload("000"), notice], "genre": "other"}, follow=True)
    page = response.content.decode()
    assert "核对提取结果" in page
    assert "市经信委2017年政府信息公开工作年度报告" in page
    assert "娄政办函〔201766号" in page and "娄政办函〔2017〕66号" in page  # the damaged number, as read
    assert "测政发〔2026〕9号" in page and "2026-01-05" in page

    data = confirm_data(
        response, **{"1-title": "关于做好2026年春节期间值班工作的通知", "0-genre": "annual_report"}
    )
    done = client.post(response.request["PATH_INFO"], data)
    assert "已创建草稿" in done.content.decode()
    items = {item.title: item for item in Item.objects.filter(agency=tree["dept_a"])}
    assert items["关于做好2026年春节期间值班工作的通知"].doc_number == "测政发〔2026〕9号"
    assert items["市经信委2017年政府信息公开工作年度报告"].genre == "annual_report"
    assert all(item.state == "draft" for item in items.values())


def test_unchecked_rows_are_not_created(client):
    response = client.post(
        URL, {"files": [sample_upload("001"), sample_upload("004")], "genre": "other"}, follow=True
    )
    data = confirm_data(response)
    del data["form-1-include"]
    done = client.post(response.request["PATH_INFO"], data)
    assert list(Item.objects.values_list("title", flat=True)) == ["迎江区政府信息公开整改提升月活动总结"]
    # The unticked row is on the result page too, saying why it was not imported.
    [_, (unticked, outcome)] = done.context["results"]
    assert unticked.origin.startswith("004_") and outcome.status == "unselected"
    assert done.content.decode().count("未导入（未勾选）") == 1


def test_a_file_disguised_by_its_name_is_refused_with_a_message(client):
    png = SimpleUploadedFile("report.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    response = client.post(URL, {"files": [png], "genre": "other"}, follow=True)
    page = response.content.decode()
    assert "不是文本文件" in page and "没有找到可导入的信息" in page
    assert Item.objects.count() == 0


def test_a_sheet_and_the_files_it_names_are_one_row_each(client):
    sheet = SimpleUploadedFile("list.csv", "文件,体裁分类\nnotice.docx,通知公告\n".encode("gb18030"))
    notice = docx_upload("notice.docx", ["关于做好春节期间值班工作的通知", "请做好值班。"])
    response = client.post(URL, {"files": [sheet, notice], "genre": "other"}, follow=True)
    rows = response.context["rows"]
    assert [(candidate.origin, candidate.genre) for candidate, _ in rows] == [("list.csv 第2行", "notice")]


def test_confirmation_refuses_an_emptied_title(client):
    response = client.post(URL, {"files": [sample_upload("001")], "genre": "other"}, follow=True)
    again = client.post(response.request["PATH_INFO"], confirm_data(response, **{"0-title": ""}))
    assert "请填写信息名称" in again.content.decode()
    assert Item.objects.count() == 0


def test_staff_of_another_agency_cannot_use_the_token(client, staff):
    response = client.post(URL, {"files": [sample_upload("001")], "genre": "other"}, follow=True)
    other = Client()
    other.force_login(staff["handler_b"])
    refused = other.post(response.request["PATH_INFO"], confirm_data(response), follow=True)
    assert "已过期" in refused.content.decode()
    assert Item.objects.count() == 0


def test_anonymous_visitors_are_sent_to_login(db):
    assert Client().get(URL).status_code == 302


def sheet_upload(rows: int, name: str = "目录.csv") -> SimpleUploadedFile:
    lines = ["信息名称,文号,体裁分类,成文日期,正文"] + [
        f"迁移信息第{i}号,测政发〔2025〕{i}号,通知公告,2025年3月{i % 28 + 1}日,迁移自旧网站的正文{i}。"
        for i in range(1, rows + 1)
    ]
    return SimpleUploadedFile(name, "\n".join(lines).encode("gb18030"))


def test_a_sheet_of_a_few_hundred_rows_can_be_confirmed(client, tree):
    # A migrating office's sheet: every row is a form of six fields, more than Django's default of
    # 1,000 posted fields in all; the confirmation must still be accepted.
    response = client.post(URL, {"files": [sheet_upload(300)], "genre": "other"}, follow=True)
    assert len(response.context["rows"]) == 300
    done = client.post(response.request["PATH_INFO"], confirm_data(response))
    assert done.status_code == 200
    assert done.content.decode().count("已创建草稿") == 300
    assert Item.objects.filter(agency=tree["dept_a"]).count() == 300


def test_a_sheet_longer_than_the_workbench_takes_is_refused_with_a_hint(client):
    response = client.post(URL, {"files": [sheet_upload(MAX_ROWS + 1)], "genre": "other"}, follow=True)
    page = response.content.decode()
    assert f"一次最多导入 {MAX_ROWS} 条" in page and "import_items" in page
    assert "核对提取结果" not in page


def test_a_sheet_row_naming_an_unreadable_upload_says_why_not_that_it_is_missing(client):
    sheet = SimpleUploadedFile("list.csv", "文件,信息名称\nbad.txt,关于某事项的通知\n".encode("gb18030"))
    bad = SimpleUploadedFile("bad.txt", "关于某事项的通知\n".encode() + b"\xff\xfe\x80\xff")
    response = client.post(URL, {"files": [sheet, bad], "genre": "other"}, follow=True)
    [(candidate, _)] = response.context["rows"]
    assert candidate.origin == "list.csv 第2行"
    assert candidate.errors == ["文件“bad.txt”的文字编码无法识别（应为 UTF-8 或 GBK/GB18030）"]


def test_the_result_page_links_each_created_draft(client, tree):
    response = client.post(URL, {"files": [sample_upload("001")], "genre": "other"}, follow=True)
    done = client.post(response.request["PATH_INFO"], confirm_data(response))
    item = Item.objects.get(agency=tree["dept_a"])
    assert f'href="/workbench/catalog/{item.pk}/"' in done.content.decode()


def test_the_preview_says_which_rows_are_already_there(client):
    first = client.post(URL, {"files": [sample_upload("001")], "genre": "other"}, follow=True)
    client.post(first.request["PATH_INFO"], confirm_data(first))
    again = client.post(URL, {"files": [sample_upload("001"), sample_upload("004")], "genre": "other"}, follow=True)
    [(already, _), (new, _)] = again.context["rows"]
    assert "本机构已有同名同文号的信息，确认时将跳过" in already.warnings
    assert not any("已有同名" in warning for warning in new.warnings)
    assert again.content.decode().count("已有同名同文号") == 1
