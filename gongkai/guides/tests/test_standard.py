"""The standard catalogue: import of a sheet with merged cells and "同上" (nothing imported from a
failed file), column suggestions confirmed by staff, offline channels confirmed with a date, and the
coverage report (uncovered, stale) in the workbench, the API and XLSX."""

import datetime as dt
import io

import openpyxl
import pytest

from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Column
from gongkai.core.errors import InvalidInput
from gongkai.guides import services, standard_report
from gongkai.guides.models import StandardEntry
from gongkai.guides.tests.factories import workbook_bytes
from gongkai.guides.tests.test_sheets import STANDARD_MERGES, STANDARD_ROWS

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)


def imported(tree, staff, rows=STANDARD_ROWS, merges=STANDARD_MERGES):
    return services.import_standard(
        actor=staff["reviewer_a"], agency=tree["dept_a"], name="目录.xlsx", data=workbook_bytes(rows, merges)
    )


def published(tree, staff, column: str, formed_on: dt.date, published_on: dt.date, title="低保对象名单公示"):
    item = catalog_services.create_item(
        actor=staff["reviewer_a"], agency=tree["dept_a"], title=title, genre="notice",
        body="<p>公示内容</p>", formed_on=formed_on, columns=[column],
    )  # fmt: skip
    return catalog_services.publish_item(item, actor=staff["reviewer_a"], on=published_on)


def status_of(tree, second_level):
    rows = standard_report.report(tree["dept_a"], TODAY)
    return next(row.result for row in rows if row.entry.second_level == second_level)


def test_import_reads_merged_cells_and_same_as_above_and_parses_the_time_rules(tree, staff):
    assert imported(tree, staff) == {"entries": 3, "created": 3, "kept": 0, "removed": 0}
    first, second, third = StandardEntry.objects.order_by("line")
    assert {e.first_level for e in (first, second, third)} == {"最低生活保障"}
    assert (first.time_rule, first.time_days) == ("working_days_after_formation", 20)
    assert (second.time_rule, second.time_period) == ("periodic", "quarter")
    assert third.time_rule == "realtime" and third.basis == "《社会救助暂行办法》"
    assert first.channels == [["政府网站", True], ["公示栏", True], ["便民服务站", False]]


def test_a_failed_sheet_imports_nothing_and_names_its_lines(tree, staff):
    imported(tree, staff)
    rows = [["一级事项", "二级事项", "公开方式", "公开层级"], ["就业服务", "", "主动", "县级"], ["就业服务", "招聘信息", "主动", "区级"]]
    with pytest.raises(InvalidInput) as raised:
        imported(tree, staff, rows=rows, merges=())
    assert [(p["line"], p["column"]) for p in raised.value.details["problems"]] == [(2, "二级事项"), (3, "公开层级")]
    assert StandardEntry.objects.count() == 3  # the earlier catalogue stays as it was


def test_coverage_from_uncovered_to_covered_and_stale(tree, staff):
    imported(tree, staff)
    column = Column.objects.create(agency=tree["dept_a"], code="dibao", name="最低生活保障", order=500)
    rows = standard_report.report(tree["dept_a"], TODAY)
    # 县级 entries only for a department: 审核确认结果 is 乡级.
    assert [row.entry.second_level for row in rows] == ["办事指南", "政策文件"]
    assert rows[0].result.status == "uncovered" and rows[0].suggestions == [column]
    entry = rows[0].entry
    services.link_column(entry, actor=staff["handler_a"], column=column)
    published(tree, staff, "dibao", dt.date(2026, 11, 2), dt.date(2026, 11, 5))
    result = status_of(tree, "办事指南")
    assert result.status == "uncovered" and "公示栏" in result.reason  # the required offline channel
    services.confirm_channel(entry, actor=staff["handler_a"], channel="公示栏", on=dt.date(2026, 11, 20))
    assert status_of(tree, "办事指南").status == "covered"
    # An item formed 9 October and published 25 November came later than 20 working days.
    published(tree, staff, "dibao", dt.date(2026, 10, 9), dt.date(2026, 11, 25), title="低保政策调整")
    late = status_of(tree, "办事指南")
    assert late.status == "stale" and "20个工作日" in late.reason
    assert standard_report.standard_entry_stale([tree["dept_a"].pk], TODAY)[0].entry == entry
    assert [r.entry.second_level for r in standard_report.standard_entry_uncovered([tree["dept_a"].pk], TODAY)] == ["政策文件"]


def test_a_quarterly_entry_is_stale_after_a_quarter(tree, staff):
    rows = [["一级事项", "二级事项", "公开时限", "公开渠道和载体", "公开方式"],
            ["财政信息", "预算执行情况", "每季度", "■政府网站", "主动"]]  # fmt: skip
    imported(tree, staff, rows=rows, merges=())
    services.link_column(StandardEntry.objects.get(), actor=staff["handler_a"], column=Column.objects.get(agency=tree["dept_a"], code="budget"))
    published(tree, staff, "budget", dt.date(2026, 7, 20), dt.date(2026, 7, 25), title="上半年预算执行情况")
    assert status_of(tree, "预算执行情况").status == "stale"  # 25 October passed
    published(tree, staff, "budget", dt.date(2026, 10, 20), dt.date(2026, 10, 22), title="三季度预算执行情况")
    assert status_of(tree, "预算执行情况").status == "covered"


def test_reimport_keeps_links_and_removes_entries_no_longer_there(tree, staff):
    imported(tree, staff)
    column = Column.objects.get(agency=tree["dept_a"], code="notice")
    entry = StandardEntry.objects.get(second_level="政策文件")
    services.link_column(entry, actor=staff["handler_a"], column=column)
    rows = [row for row in STANDARD_ROWS if not (len(row) > 2 and row[2] == "审核确认结果")]
    result = imported(tree, staff, rows=rows, merges=["A1:N1", "B2:C2", "I2:J2", "K2:L2", "M2:N2", "A2:A3", "B4:B5"])
    assert result == {"entries": 2, "created": 0, "kept": 2, "removed": 1}
    assert list(StandardEntry.objects.get(second_level="政策文件").columns.all()) == [column]


def test_api_and_xlsx_report(tree, staff, api):
    response = api("reviewer_a").get("/standard/coverage", agency="dept-a")
    assert response.status_code == 200 and response.json()["entries"] == []
    imported(tree, staff)
    body = api("reviewer_a").get("/standard/coverage", agency="dept-a").json()
    assert body["counts"]["uncovered"] == 2 and body["entries"][0]["status"] == "uncovered"
    assert api("handler_b").get("/standard/coverage", agency="dept-a").status_code == 404
    content = standard_report.report_xlsx(tree["dept_a"], standard_report.report(tree["dept_a"], TODAY), TODAY)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [sheet.cell(row=r, column=8).value for r in (3, 4)] == ["未覆盖", "未覆盖"]


def test_workbench_page_links_a_suggested_column(client, tree, staff):
    imported(tree, staff)
    column = Column.objects.create(agency=tree["dept_a"], code="dibao", name="最低生活保障", order=500)
    client.force_login(staff["handler_a"])
    page = client.get("/workbench/guides/standard/").content.decode()
    assert "关联建议栏目“最低生活保障”" in page and "未覆盖" in page
    entry = StandardEntry.objects.get(second_level="办事指南")
    response = client.post(f"/workbench/guides/standard/{entry.pk}/", {"action": "link", "column": column.pk})
    assert response.status_code == 302 and list(entry.columns.all()) == [column]
    assert client.get("/workbench/guides/standard/coverage.xlsx").status_code == 200


def test_xlsx_report_title_is_text_even_when_the_agency_name_looks_like_a_formula(tree):
    agency = tree["dept_a"]
    agency.name = '=HYPERLINK("http://evil.example","点击")'
    content = standard_report.report_xlsx(agency, [], TODAY)
    title = openpyxl.load_workbook(io.BytesIO(content)).active.cell(row=1, column=1)
    assert title.data_type == "s" and title.value.startswith("=HYPERLINK")


def test_the_coverage_page_dates_in_iso_shows_a_rule_once_and_offers_only_offline_channels(client, tree, staff):
    """services.md §3: offline channels (公示栏…) are confirmed by staff; a website is covered by
    the published items of the linked columns, so it is never offered for confirmation."""
    rows = [["一级事项", "二级事项", "公开时限", "公开渠道和载体", "公开方式", "公开层级"],
            ["财政预决算", "预算执行情况", "每季度", "■政府网站 ■公示栏", "主动", "县级"]]  # fmt: skip
    imported(tree, staff, rows=rows, merges=())
    client.force_login(staff["handler_a"])
    page = client.get("/workbench/guides/standard/").content.decode()
    assert "覆盖情况（2026-11-30）" in page
    quarterly = StandardEntry.objects.get()
    row = page[page.index(f'id="entry-{quarterly.pk}"') :]
    row = row[: row.index("</tr>")]
    assert row.count("每季度") == 1
    confirm = row[row.index('name="channel"') : row.index("确认线下公开")]
    assert "<option>公示栏</option>" in confirm and "政府网站" not in confirm


def test_an_entry_only_on_the_website_offers_no_offline_confirmation_and_refuses_one(client, tree, staff):
    rows = [["一级事项", "二级事项", "公开时限", "公开渠道和载体", "公开方式", "公开层级"],
            ["就业服务", "招聘信息", "实时", "■政府网站 □政务新媒体", "主动", "县级"]]  # fmt: skip
    imported(tree, staff, rows=rows, merges=())
    entry = StandardEntry.objects.get()
    client.force_login(staff["handler_a"])
    page = client.get("/workbench/guides/standard/").content.decode()
    assert "确认线下公开" not in page
    response = client.post(
        f"/workbench/guides/standard/{entry.pk}/", {"action": "confirm", "channel": "政府网站", "date": "2026-11-30"}, follow=True
    )
    assert "政府网站是网上渠道" in response.content.decode()
    assert not entry.confirmations.exists()
