"""Portal and workbench pages of the annual report."""

import datetime as dt

import pytest

from gongkai.reports import services

YEAR = 2025


@pytest.fixture
def published_report(tree, staff):
    services.save_inputs(
        tree["dept_a"],
        YEAR,
        actor=staff["admin_a"],
        licensing_decisions=12,
        fee_income_wan_yuan=3.5,
        narrative={"overview": "本年度公开工作总体情况。", "problems": "更新不够及时。"},
    )
    return services.publish_report(tree["dept_a"], YEAR, actor=staff["admin_a"], on=dt.date(2026, 1, 20))


def test_portal_lists_published_reports_and_shows_the_tables(client, published_report):
    listing = client.get("/reports/")
    assert listing.status_code == 200
    assert "测试市甲局2025年政府信息公开工作年度报告" in listing.content.decode()
    page = client.get("/reports/dept-a/2025/").content.decode()
    assert "收到和处理政府信息公开申请情况" in page and 'rowspan="22"' in page
    assert "本年度公开工作总体情况。" in page and "<svg" in page and "<script>" not in page


CHECK_WORDING = "每行“总计”等于各类申请人之和"


def test_the_public_report_and_its_catalogue_copy_show_no_internal_checks(client, published_report):
    import io

    from docx import Document

    from gongkai.catalog.models import Item

    page = client.get("/reports/dept-a/2025/").content.decode()
    assert CHECK_WORDING not in page and "［通过］" not in page
    copy = Item.objects.get(pk=published_report.catalog_item_id)
    assert CHECK_WORDING not in copy.body and CHECK_WORDING not in copy.body_text
    # The item page titles the copy; the report's own heading would be a loose line (its <h1> stripped).
    assert not copy.body_text.startswith(copy.title) and "report-meta" not in copy.body
    assert copy.body_text.startswith("本报告根据")
    catalogue_page = client.get(copy.get_absolute_url()).content.decode()
    assert "收到和处理政府信息公开申请情况" in catalogue_page and CHECK_WORDING not in catalogue_page
    docx = Document(io.BytesIO(client.get("/reports/dept-a/2025/docx/").content))
    assert not any(CHECK_WORDING in paragraph.text for paragraph in docx.paragraphs)
    assert client.get("/api/v1/reports/annual/dept-a/2025").json()["checks"] == []


def test_staff_still_see_the_checks_of_the_published_report(client, staff, published_report):
    client.force_login(staff["admin_a"])
    page = client.get(f"/workbench/reports/{YEAR}/").content.decode()
    assert "数据校验" in page and CHECK_WORDING in page


def test_staff_download_the_draft_report_through_the_workbench_session(client, staff):
    import io

    from docx import Document

    client.force_login(staff["admin_a"])
    page = client.get(f"/workbench/reports/{YEAR}/").content.decode()
    assert f'href="/workbench/reports/{YEAR}/download/docx/"' in page
    assert "/api/v1/reports" not in page
    response = client.get(f"/workbench/reports/{YEAR}/download/docx/")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert "%EF%BC%88%E8%8D%89%E7%A8%BF%EF%BC%89.docx" in response["Content-Disposition"]  # （草稿）.docx
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs)
    assert "测试市甲局2025年政府信息公开工作年度报告" in text and "草稿 · 数据截至生成时" in text
    for fmt in ("pdf", "xlsx"):
        assert client.get(f"/workbench/reports/{YEAR}/download/{fmt}/").status_code == 200
    assert client.get(f"/workbench/reports/{YEAR}/download/exe/").status_code == 404


def test_staff_download_live_figures_of_a_published_year_and_can_fetch_the_published_one(
    client, staff, published_report
):
    import io

    from docx import Document

    client.force_login(staff["admin_a"])
    page = client.get(f"/workbench/reports/{YEAR}/").content.decode()
    assert f'href="/reports/dept-a/{YEAR}/docx/"' in page  # the published version, as the public gets it
    response = client.get(f"/workbench/reports/{YEAR}/download/docx/")
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs)
    assert "实时数据（已于2026-01-20发布第1版" in text


def test_the_workbench_download_needs_a_signed_in_staff_member(client, tree):
    response = client.get(f"/workbench/reports/{YEAR}/download/docx/")
    assert response.status_code == 302 and "/workbench/login/" in response["Location"]


def test_portal_does_not_show_an_unpublished_report(client, tree):
    assert client.get("/reports/dept-b/2025/").status_code == 404


def test_portal_downloads_carry_the_chinese_filename(client, published_report):
    response = client.get("/reports/dept-a/2025/xlsx/")
    assert response.status_code == 200
    assert "filename*=UTF-8''%E6%B5%8B%E8%AF%95" in response["Content-Disposition"]


def test_workbench_page_prefills_the_narrative_and_saves_inputs(client, staff, tree):
    client.force_login(staff["admin_a"])
    page = client.get(f"/workbench/reports/{YEAR}/").content.decode()
    assert "全年新收政府信息公开申请0件" in page
    assert "数据校验" in page
    response = client.post(
        f"/workbench/reports/{YEAR}/",
        {"licensing_decisions": "7", "overview": "修改后的总体情况。", "problems": "", "other": ""},
    )
    assert response.status_code == 302
    report = tree["dept_a"].annual_reports.get(year=YEAR)
    assert report.licensing_decisions == 7 and report.narrative["overview"] == "修改后的总体情况。"


def test_workbench_publish_then_correct_shows_the_revision_history(client, staff, tree):
    client.force_login(staff["admin_a"])
    client.post(f"/workbench/reports/{YEAR}/publish/")
    client.post(f"/workbench/reports/{YEAR}/publish/", {"reason": "补充说明"})
    page = client.get(f"/workbench/reports/{YEAR}/").content.decode()
    assert "第2版" in page and "补充说明" in page


def test_the_dashboard_shows_the_statutory_deadline(client, staff, tree, settings):
    client.force_login(staff["admin_a"])
    page = client.get("/workbench/").content.decode()
    assert "年度报告" in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_visitor_finds_the_report_and_reads_the_tables(live_server, page, tree, staff):
    services.save_inputs(tree["dept_a"], YEAR, actor=staff["admin_a"], licensing_decisions=12)
    services.publish_report(tree["dept_a"], YEAR, actor=staff["admin_a"], on=dt.date(2026, 1, 20))
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="年度报告").click()
    page.get_by_role("link", name="测试市甲局2025年政府信息公开工作年度报告").click()
    page.wait_for_url(live_server.url + "/reports/dept-a/2025/")
    table = page.get_by_role("table", name="收到和处理政府信息公开申请情况")
    assert table.is_visible()
    assert table.locator("th[rowspan='22']").inner_text() == "三、本年度办理结果"
    proactive = page.get_by_role("table", name="主动公开政府信息情况")
    assert "12" in proactive.inner_text()
    assert page.get_by_role("img", name="2025年办理结果分布").is_visible()
    border = table.locator("td").first.evaluate("cell => getComputedStyle(cell).borderTopStyle")
    assert border == "solid"  # the stylesheet applies (no inline style needed)
    with page.expect_download() as download:
        page.get_by_role("link", name="Word（DOCX）").click()
    assert download.value.suggested_filename.endswith(".docx")
    assert page.console_errors == []


def test_a_government_report_offers_the_summary_of_its_subtree(client, staff, tree):
    services.save_inputs(tree["dept_a"], YEAR, actor=staff["admin_a"], licensing_decisions=4)
    services.save_inputs(tree["city"], YEAR, actor=staff["office"], licensing_decisions=1)
    services.publish_report(tree["city"], YEAR, actor=staff["office"], on=dt.date(2026, 3, 1))
    page = client.get("/reports/city/2025/").content.decode()
    assert "查看含所属机构的汇总数据" in page
    summary = client.get("/reports/city/2025/?scope=tree").content.decode()
    assert "（含所属机构汇总）" in summary and "只看本机关数据" in summary


def test_the_office_sees_which_agencies_below_have_published(client, staff, tree):
    services.publish_report(tree["dept_a"], 2025, actor=staff["admin_a"], on=dt.date(2026, 1, 20))
    client.force_login(staff["office"])
    page = client.get("/workbench/reports/").content.decode()
    assert "本级及所属机构2025年度报告发布情况" in page
    assert "已发布（2026-01-20）" in page and page.count("未发布") >= 3
    client.force_login(staff["admin_a"])
    assert "本级及所属机构" not in client.get("/workbench/reports/").content.decode()


def test_xlsx_never_turns_an_agency_name_into_a_formula(client, tree, staff):
    import io

    from openpyxl import load_workbook

    from gongkai.agencies import services as agency_services
    from gongkai.core.system import SYSTEM

    agency_services.update_agency(tree["dept_a"], actor=SYSTEM, name='=HYPERLINK("http://evil.example","x")')
    services.publish_report(tree["dept_a"], YEAR, actor=staff["admin_a"], on=dt.date(2026, 1, 20))
    response = client.get(f"/reports/dept-a/{YEAR}/xlsx/")
    book = load_workbook(io.BytesIO(response.content))
    for sheet in book.worksheets:
        cell = sheet.cell(row=1, column=1)
        assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_workbench_report_list_for_staff_whose_agency_was_merged_away(client, tree, staff):
    from gongkai.agencies import services as agency_services
    from gongkai.core.system import SYSTEM

    agency_services.merge_agencies(tree["dept_b"], tree["dept_a"], actor=SYSTEM, on=dt.date(2026, 1, 1))
    client.force_login(staff["handler_b"])
    assert client.get("/workbench/reports/").status_code == 200


@pytest.mark.today("2026-01-10")
def test_before_publishing_staff_are_told_what_the_self_check_will_count(client, staff, tree):
    """annual_report_missing counts an empty 存在的主要问题 and one copied from the year before:
    the publish section says so while it can still be changed."""
    from gongkai.reports.models import AnnualReport, ReportRevision

    earlier = AnnualReport.objects.create(agency=tree["dept_a"], year=YEAR - 1)
    narrative = {"overview": "总体情况。", "problems": "更新不够及时。", "other": "无。"}
    ReportRevision.objects.create(
        report=earlier,
        number=1,
        figures={"agency": {"narrative": narrative}},
        published_on=dt.date(2025, 1, 20),
    )
    client.force_login(staff["admin_a"])
    page = client.get(f"/workbench/reports/{YEAR}/").content.decode()
    assert "data-narrative-problems" in page and "“五、存在的主要问题及改进情况”为空" in page
    services.save_inputs(
        tree["dept_a"], YEAR, actor=staff["admin_a"], narrative={"problems": "更新不够\n及时。"}
    )
    page = client.get(f"/workbench/reports/{YEAR}/").content.decode()
    assert "“五、存在的主要问题及改进情况”与上一年度报告相同" in page and "为空" not in page
    services.save_inputs(
        tree["dept_a"], YEAR, actor=staff["admin_a"], narrative={"problems": "栏目更新已纳入考核。"}
    )
    assert "data-narrative-problems" not in client.get(f"/workbench/reports/{YEAR}/").content.decode()


def test_table_2_heads_its_columns_and_its_rows(client, published_report):
    """Each block of table 2 has a 信息内容 row naming the columns: column headings for assistive
    technology, while the row labels (规章, 规范性文件…) head their rows."""
    page = client.get("/reports/dept-a/2025/").content.decode()
    table = page[page.index("<caption>主动公开政府信息情况</caption>") :]
    table = table[: table.index("</table>")]
    assert table.count('<th scope="col">信息内容</th>') == table.count("信息内容") >= 4
    assert '<th scope="col">本年制发件数</th>' in table
    assert '<th scope="row">规章</th>' in table
