"""权责清单: XLSX import into versioned lists, problems by sheet line with nothing imported, the
public list by type and agency with its date, and the completeness check."""

import datetime as dt

import pytest

from gongkai.core.errors import InvalidInput
from gongkai.guides import powers, services
from gongkai.guides.models import PowerEntry, PowerList
from gongkai.guides.tests.factories import workbook_bytes
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db

HEADER = ["编码", "职权名称", "职权类型", "设定依据", "实施主体", "责任事项", "追责情形", "备注"]
ROWS = [
    ["XK-001", "食品经营许可", "行政许可", "《中华人民共和国食品安全法》第三十五条", "测试市甲局", "受理、审查、决定", "违法许可的", ""],
    ["CF-001", "对未取得许可从事食品经营的处罚", "行政处罚", "《中华人民共和国食品安全法》第一百二十二条", "测试市甲局", "立案、调查、决定", "", ""],
    ["JC-001", "食品安全监督检查", "行政检查", "", "测试市甲局", "", "", "依据待补充"],
]


def imported(tree, staff, rows=ROWS, on=None):
    data = workbook_bytes([["测试市甲局权责清单"], HEADER, *rows])
    return services.import_powers(actor=staff["reviewer_a"], agency=tree["dept_a"], name="权责清单.xlsx", data=data, on=on)


def test_each_import_is_a_new_revision_with_its_date(tree, staff):
    first = imported(tree, staff, on=dt.date(2026, 3, 1))
    second = imported(tree, staff, rows=ROWS[:2])
    assert (first.revision, second.revision) == (1, 2)
    assert second.revised_on == dt.date(2026, 11, 30)
    assert powers.current_list(tree["dept_a"]).pk == second.pk
    assert first.entries.count() == 3 and second.entries.count() == 2


def test_bad_rows_and_unknown_columns_are_reported_by_line_and_nothing_is_imported(tree, staff):
    data = workbook_bytes([
        [*HEADER, "科室负责人"],
        ["XK-001", "食品经营许可", "行政审批", "依据", "主体", "责任", "", "", "张三"],
        ["XK-002", "", "行政许可", "依据", "主体", "责任", "", "", ""],
        ["XK-001", "重复编码", "行政许可", "依据", "主体", "责任", "", "", ""],
    ])  # fmt: skip
    with pytest.raises(InvalidInput) as raised:
        services.import_powers(actor=staff["reviewer_a"], agency=tree["dept_a"], name="坏表.xlsx", data=data)
    problems = raised.value.details["problems"]
    assert problems[0]["line"] is None and "科室负责人" in problems[0]["message"]
    assert [(p["line"], p["column"]) for p in problems[1:]] == [(2, "职权类型"), (3, "职权名称")]
    assert PowerList.objects.count() == 0 and PowerEntry.objects.count() == 0


def test_completeness_check_names_the_missing_fields(tree, staff):
    power_list = imported(tree, staff)
    assert [(e.line, missing) for e, missing in powers.incomplete(power_list)] == [(5, ["设定依据", "责任事项"])]
    assert len(powers.powers_incomplete([tree["dept_a"].pk], dt.date(2026, 11, 30))) == 1


def test_a_placeholder_is_a_missing_field_as_in_the_guides(tree, staff):
    # "无"/"暂无"/"待补充" fill a cell without saying anything (guides.checks.is_blank).
    rows = [["XK-002", "建筑施工许可", "行政许可", "无", "测试市甲局", "待补充", "", ""]]
    power_list = imported(tree, staff, rows=rows)
    assert [missing for _, missing in powers.incomplete(power_list)] == [["设定依据", "责任事项"]]


def test_public_list_by_type_with_its_date(tree, staff, client, api):
    imported(tree, staff, on=dt.date(2026, 3, 1))
    page = client.get("/guides/powers/", {"agency": "dept-a", "type": "penalty"}).content.decode()
    assert "对未取得许可从事食品经营的处罚" in page and "食品安全监督检查" not in page
    assert "调整日期：<time datetime=\"2026-03-01\">2026-03-01</time>" in page  # as dates across the portal
    body = api().get("/public/powers", agency="dept-a", type="licensing").json()
    assert body["revision"] == 1 and [e["code"] for e in body["entries"]] == ["XK-001"]
    missing = api().get("/public/powers", agency="dept-b")
    assert missing.status_code == 404 and error_code(missing) == "power_list_not_found"


def test_a_handler_may_not_import(tree, staff):
    from gongkai.core.errors import Forbidden

    with pytest.raises(Forbidden):
        services.import_powers(
            actor=staff["handler_a"], agency=tree["dept_a"], name="x.xlsx", data=workbook_bytes([HEADER, *ROWS])
        )


def test_the_public_page_shows_each_entry_with_its_note_as_the_list_publishes_it(tree, staff, client):
    """services.md §2 lists 备注 among a row's columns and the public API carries it: the page shows it too."""
    imported(tree, staff)
    page = client.get("/guides/powers/", {"agency": "dept-a", "type": "inspection"}).content.decode()
    assert '<th scope="col">备注</th>' in page
    assert "<td>依据待补充</td>" in page
