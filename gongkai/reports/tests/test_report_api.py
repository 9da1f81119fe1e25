"""Inputs, publication (freezing), corrections and document downloads through the API."""

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from gongkai.reports import services
from gongkai.reports.models import ReportRevision
from gongkai.testing import error_code

URL = "/reports/annual/dept-a/2026"
# The 2026 report goes out on 2027-01-20 and is corrected on 2027-02-03: a publication date is never
# after today, so these tests run on a day after both.
AFTER_PUBLICATION = pytest.mark.today("2027-02-10")
INPUTS = {
    "licensing_decisions": 120,
    "penalty_decisions": 30,
    "coercion_decisions": 2,
    "fee_income_wan_yuan": 12.5,
    "narrative": {"overview": "总体情况正文。", "problems": "问题与改进。", "other": "其他事项。"},
}


@pytest.fixture
def published(api, staff, tree):
    assert api("admin_a").put(URL + "/inputs", INPUTS).status_code == 200
    response = api("admin_a").post(URL + "/publish", {"date": "2027-01-20"})
    assert response.status_code == 201, response.json()
    return response.json()


def test_inputs_appear_under_the_keys_of_the_domain_spec(api):
    response = api("admin_a").put(URL + "/inputs", INPUTS)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["proactive"]["licensing"] == {"decisions": 120}
    assert body["proactive"]["penalty"] == {"decisions": 30}
    assert body["proactive"]["coercion"] == {"decisions": 2}
    assert body["proactive"]["fees"] == {"amount_wan_yuan": 12.5}
    assert body["proactive"]["rules"] == {"issued": 0, "abolished": 0, "in_force": 0}
    assert body["applications"]["rows"]["withheld.state_secret"]["total"] == 0
    assert body["review_litigation"]["litigation_after_review"]["pending"] == 0
    assert body["narrative"]["problems"] == "问题与改进。"
    assert body["status"] == "draft" and body["live"] is True
    assert {check["code"] for check in body["checks"]} >= {"row_totals", "balance", "review_totals"}


def test_inputs_left_out_keep_their_value(api):
    api("admin_a").put(URL + "/inputs", INPUTS)
    body = api("admin_a").put(URL + "/inputs", {"penalty_decisions": 31}).json()
    assert body["proactive"]["licensing"]["decisions"] == 120
    assert body["proactive"]["penalty"]["decisions"] == 31
    assert body["narrative"]["overview"] == "总体情况正文。"


@pytest.mark.parametrize(
    ("username", "status"), [("handler_a", 403), ("reviewer_a", 403), ("handler_b", 404), ("office", 200)]
)
def test_only_the_agency_admin_or_the_office_enters_the_inputs(api, username, status):
    assert api(username).put(URL + "/inputs", INPUTS).status_code == status


@pytest.mark.parametrize(
    "body",
    [{"licensing_decisions": -1}, {"fee_income_wan_yuan": "abc"}, {"narrative": {"preface": "x"}}],
)
def test_bad_inputs_are_refused_with_422(api, body):
    response = api("admin_a").put(URL + "/inputs", body)
    assert response.status_code == 422


def test_an_unpublished_report_is_not_public(api):
    response = api().get(URL)
    assert response.status_code == 404
    assert error_code(response) == "report_not_published"


def test_staff_of_another_agency_see_only_what_is_public(api):
    assert api("handler_b").get(URL).status_code == 404


def test_a_report_cannot_be_published_before_its_year_ends(api):
    response = api("admin_a").post(URL + "/publish", {"date": "2026-12-31"})
    assert response.status_code == 409
    assert error_code(response) == "year_not_ended"


@AFTER_PUBLICATION
def test_publishing_freezes_the_figures(api, published):
    assert published["status"] == "published" and published["revision"] == 1
    api("admin_a").put(URL + "/inputs", {"licensing_decisions": 999})
    public = api().get(URL).json()
    assert public["live"] is False
    assert public["proactive"]["licensing"]["decisions"] == 120
    assert public["published_on"] == "2027-01-20"
    assert api("admin_a").get(URL).json()["proactive"]["licensing"]["decisions"] == 999


@AFTER_PUBLICATION
def test_a_second_publication_is_refused_and_a_correction_needs_a_reason(api, published):
    again = api("admin_a").post(URL + "/publish", {"date": "2027-01-21"})
    assert error_code(again) == "report_already_published"
    assert api("admin_a").post(URL + "/corrections", {"reason": ""}).status_code == 422


@AFTER_PUBLICATION
def test_a_correction_is_a_new_visible_revision(api, published):
    api("admin_a").put(URL + "/inputs", {"licensing_decisions": 121})
    response = api("admin_a").post(
        URL + "/corrections", {"reason": "许可决定漏统计1件", "date": "2027-02-03"}
    )
    assert response.status_code == 201
    public = api().get(URL).json()
    assert public["revision"] == 2
    assert public["proactive"]["licensing"]["decisions"] == 121
    assert [(r["number"], r["reason"]) for r in public["revisions"]] == [(1, ""), (2, "许可决定漏统计1件")]
    assert all(r["published_at"].endswith("+08:00") for r in public["revisions"]), public["revisions"]
    first = api().get(URL, revision=1).json()
    assert first["proactive"]["licensing"]["decisions"] == 120
    assert api().get("/reports/annual", year=2026).json()[0]["revision"] == 2


@AFTER_PUBLICATION
def test_published_revisions_cannot_be_edited(published):
    revision = ReportRevision.objects.get()
    revision.reason = "changed"
    with pytest.raises(ValueError):
        revision.save()


def test_publish_needs_the_admin_rank(api):
    response = api("reviewer_a").post(URL + "/publish", {"date": "2027-01-20"})
    assert response.status_code == 403


def test_tree_scope_sums_the_inputs_of_the_subtree(api, staff, tree):
    api("admin_a").put(URL + "/inputs", INPUTS)
    api("office").put("/reports/annual/city/2026/inputs", {"licensing_decisions": 5})
    body = api("office").get("/reports/annual/city/2026", scope="tree").json()
    assert body["proactive"]["licensing"]["decisions"] == 125
    assert api("office").get("/reports/annual/city/2026").json()["proactive"]["licensing"]["decisions"] == 5


@AFTER_PUBLICATION
def test_docx_has_the_tables_with_merged_header_cells(api, published):
    response = api().get(URL, format="docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert len(document.tables) == 3
    xml = document.tables[1]._tbl.xml
    assert "w:gridSpan" in xml and "w:vMerge" in xml
    applications = document.tables[1]
    assert [cell.text for cell in applications.rows[1].cells][3:] == [
        "自然人",
        *["法人或其他组织"] * 5,
        "总计",
    ]
    assert applications.rows[10].cells[0].text == "三、本年度办理结果"
    assert applications.rows[10].cells[1].text == "（三）不予公开"
    assert 'w:eastAsia="宋体"' in document.styles.element.xml
    text = "\n".join(p.text for p in document.paragraphs)
    assert "总体情况正文。" in text


@AFTER_PUBLICATION
def test_xlsx_has_three_sheets_with_merged_cells(api, published):
    response = api().get(URL, format="xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["主动公开", "依申请公开", "复议诉讼"]
    assert book["依申请公开"].merged_cells.ranges
    assert book["主动公开"]["B5"].value == 0 or book["主动公开"]["B5"].value is not None


@AFTER_PUBLICATION
def test_pdf_is_a_pdf_with_the_chinese_text(api, published):
    from pypdf import PdfReader

    response = api().get(URL, format="pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "政府信息公开工作年度报告" in text.replace(" ", "")


def test_services_refuse_years_before_the_regulation(staff, tree):
    from gongkai.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        services.save_inputs(tree["dept_a"], 2001, actor=staff["admin_a"])


@AFTER_PUBLICATION
def test_deadline_todo_shows_last_years_report_until_published(staff, tree, published):
    from gongkai.reports.todos import report_todo

    items = report_todo(user=staff["office"], agency=tree["city"], today=dt.date(2027, 1, 10))
    assert [(item.title, item.due_on) for item in items] == [
        ("编制并发布2026年政府信息公开工作年度报告", dt.date(2027, 3, 31))
    ]
    assert report_todo(user=staff["admin_a"], agency=tree["dept_a"], today=dt.date(2027, 1, 10)) == []
    assert report_todo(user=staff["handler_b"], agency=tree["dept_b"], today=dt.date(2027, 1, 10)) == []
    late = report_todo(user=staff["root"], agency=tree["dept_b"], today=dt.date(2027, 2, 2))
    assert late[0].due_on == dt.date(2027, 1, 31) and late[0].status == "overdue"


def test_the_report_todo_is_overdue_on_the_sunday_after_a_saturday_deadline(staff, tree):
    """A department's 2025 report was due Saturday 2026-01-31: due that day, overdue on the Sunday,
    though no working day lies between them (count(today, due) is 0 on both)."""
    from gongkai.reports.todos import report_todo

    (due_day,) = report_todo(user=staff["root"], agency=tree["dept_b"], today=dt.date(2026, 1, 31))
    assert due_day.due_on == dt.date(2026, 1, 31) and due_day.days_left == 0
    assert due_day.status == "due_soon" and due_day.days_left_text == "今天到期"
    (late,) = report_todo(user=staff["root"], agency=tree["dept_b"], today=dt.date(2026, 2, 1))
    assert late.days_left == 0 and late.status == "overdue" and late.days_left_text == "已逾期不足 1 个工作日"
