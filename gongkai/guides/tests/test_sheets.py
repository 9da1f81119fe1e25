"""Reading office spreadsheets: title rows, two-row headers, merged cells, "同上", unknown columns,
and each layout's rows with their problems by sheet line."""

import io

import openpyxl
import pytest

from gongkai.core.errors import InvalidInput
from gongkai.guides import layouts
from gongkai.guides.sheets import read_table, split_marked
from gongkai.guides.time_rules import Period, TimeRuleKind


def workbook_bytes(rows, merges=(), title="Sheet1") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for merge in merges:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The 国办 template of a base-level catalogue: a title row, a two-row header with 公开事项 over
# 一级/二级事项 and the marked option columns, 一级事项 merged down its block, "同上" below.
STANDARD_ROWS = [
    ["青溪镇社会救助领域基层政务公开标准目录"],
    [
        "序号",
        "公开事项",
        None,
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
        "公开对象",
        None,
        "公开方式",
        None,
        "公开层级",
        None,
    ],
    [
        None,
        "一级事项",
        "二级事项",
        None,
        None,
        None,
        None,
        None,
        "全社会",
        "特定群众",
        "主动",
        "依申请",
        "县级",
        "乡级",
    ],
    [
        1,
        "最低生活保障",
        "办事指南",
        "申请条件、办理材料、办理流程",
        "《社会救助暂行办法》",
        "信息形成（变更）之日起20个工作日内",
        "县民政局、乡镇人民政府",
        "■政府网站 ■公示栏 □便民服务站",
        "√",
        None,
        "√",
        None,
        "√",
        "√",
    ],
    [
        2,
        None,
        "审核确认结果",
        "救助对象姓名、救助金额",
        "同上",
        "每季度",
        "乡镇人民政府",
        "■公示栏",
        None,
        "√",
        "√",
        None,
        None,
        "√",
    ],
    [3, None, "政策文件", "同上", "同上", "实时", "同上", "■政府网站", "√", None, "√", None, "√", None],
    ["注：■为必选渠道，□为可选渠道"],
]
STANDARD_MERGES = ["A1:N1", "B2:C2", "I2:J2", "K2:L2", "M2:N2", "A2:A3", "D2:D3", "E2:E3", "F2:F3",
                   "G2:G3", "H2:H3", "B4:B6"]  # fmt: skip


def test_a_standard_catalogue_sheet_with_merged_cells_and_same_as_above():
    table = read_table("目录.xlsx", workbook_bytes(STANDARD_ROWS, STANDARD_MERGES), layouts.STANDARD_COLUMNS)
    assert table.header_line == 2 and table.unknown_columns == [] and table.problems == []
    assert [row.line for row in table.rows] == [4, 5, 6]  # the note under the table is not a row
    records, problems = layouts.read_standard(table)
    assert problems == []
    first, second, third = records
    assert [r.first_level for r in records] == ["最低生活保障"] * 3  # merged down the block
    assert (first.time_rule.kind, first.time_rule.days) == (TimeRuleKind.WORKING_DAYS_AFTER_FORMATION, 20)
    assert (second.time_rule.kind, second.time_rule.period) == (TimeRuleKind.PERIODIC, Period.QUARTER)
    assert third.time_rule.kind == TimeRuleKind.REALTIME
    assert second.basis == third.basis == "《社会救助暂行办法》"  # 同上, twice
    assert third.content == "救助对象姓名、救助金额" and third.subject == "乡镇人民政府"
    assert first.channels == [("政府网站", True), ("公示栏", True), ("便民服务站", False)]
    assert (first.audiences, second.audiences) == (["everyone"], ["particular"])
    assert first.modes == ["proactive"] and first.levels == ["county", "town"] and second.levels == ["town"]


def test_a_single_row_header_with_text_cells():
    rows = [
        ["一级事项", "二级事项", "公开时限", "公开渠道和载体", "公开对象", "公开方式", "公开层级"],
        ["就业服务", "招聘信息", "实时", "政府网站、公示栏", "全社会", "主动", "县级、乡级"],
        ["同上", "补贴发放", "每月", "政府网站", "特定群众", "依申请", "乡镇级"],
    ]
    records, problems = layouts.read_standard(
        read_table("x.xlsx", workbook_bytes(rows), layouts.STANDARD_COLUMNS)
    )
    assert problems == []
    assert records[1].first_level == "就业服务"
    assert records[1].modes == ["on_request"] and records[1].levels == ["town"]
    assert records[0].channels == [("政府网站", True), ("公示栏", True)]


def test_unknown_columns_are_reported_not_dropped():
    rows = [["一级事项", "二级事项", "责任科室", "公开方式"], ["就业服务", "招聘信息", "就业科", "主动"]]
    table = read_table("x.xlsx", workbook_bytes(rows), layouts.STANDARD_COLUMNS)
    assert table.unknown_columns == ["责任科室"]


def test_same_as_above_in_the_first_row_and_bad_values_are_reported_by_sheet_line():
    rows = [
        ["某县民政领域标准目录"],
        ["一级事项", "二级事项", "公开方式", "公开层级"],
        ["同上", "政策文件", "主动", "县级"],
        ["社会救助", "办事指南", "随时", "县级"],
        ["社会救助", "", "主动", "县级"],
        ["社会救助", "救助结果", "主动", "镇里"],
    ]
    records, problems = layouts.read_standard(
        read_table("x.xlsx", workbook_bytes(rows), layouts.STANDARD_COLUMNS)
    )
    assert [str(problem) for problem in problems] == [
        "第3行“一级事项”：为“同上”，但上方没有可重复的内容",
        "第3行“一级事项”：不能为空",
        "第4行“公开方式”：“随时”不是公开方式（主动、依申请）",
        "第4行“公开方式”：应标明主动或依申请",
        "第5行“二级事项”：不能为空",
        "第6行“公开层级”：“镇里”不是公开层级（省级、市级、县级、乡级、村级）",
    ]
    assert [record.line for record in records] == [4, 6]


def test_a_sheet_without_a_header_is_refused():
    with pytest.raises(InvalidInput) as error:
        read_table("x.xlsx", workbook_bytes([["随便写的"], ["内容"]]), layouts.STANDARD_COLUMNS)
    assert error.value.code == "sheet_missing_columns"


@pytest.mark.parametrize("data", [b"not a workbook", b"PK\x03\x04broken"])
def test_a_file_that_is_not_xlsx_is_refused(data):
    with pytest.raises(InvalidInput) as error:
        read_table("x.xlsx", data, layouts.STANDARD_COLUMNS)
    assert error.value.code == "unreadable_file"


GUIDE_HEADER = ["事项编码", "事项名称", "设定依据", "申请条件", "办理地点", "办理时间", "联系电话", "办理流程",
                "法定办结时限", "承诺办结时限", "收费依据", "收费标准", "材料名称", "材料形式", "份数", "必要性"]  # fmt: skip


def test_a_guide_spans_rows_merged_down_with_one_material_per_row():
    rows = [
        GUIDE_HEADER,
        ["MZ-001", "最低生活保障对象认定", "《社会救助暂行办法》", "家庭人均收入低于当地低保标准", "镇便民服务中心",
         "工作日 8:30-17:30", "0571-88881234", "申请—受理—调查—审核—公示", "30个工作日", 20, "", "不收费",
         "居民身份证", "原件", 1, "必要"],
        [None, None, None, None, None, None, None, None, None, None, None, None, "户口簿", "复印件", 1, "必要"],
        ["同上", "同上", None, None, None, None, None, None, None, None, None, None, "收入声明", "原件、电子", 2, "容缺"],
        ["MZ-002", "临时救助", "", "", "", "", "", "", "即办", "", "", "", "", "", "", ""],
    ]  # fmt: skip
    merges = [f"{column}2:{column}3" for column in "ABCDEFGHIJKL"]
    table = read_table("指南.xlsx", workbook_bytes(rows, merges), layouts.GUIDE_COLUMNS)
    guides, problems = layouts.read_guides(table)
    assert problems == []
    first, second = guides
    assert first.values["name"] == "最低生活保障对象认定"
    assert (first.values["statutory_days"], first.values["promised_days"]) == (30, 20)
    assert [(m.name, m.form, m.copies, m.required, m.line) for m in first.materials] == [
        ("居民身份证", "original", 1, True, 2),
        ("户口簿", "copy", 1, True, 3),
        ("收入声明", "original,electronic", 2, False, 4),
    ]
    assert second.values["statutory_days"] == 0 and second.materials == []


def test_guide_rows_with_bad_values_are_all_reported():
    rows = [
        GUIDE_HEADER,
        ["A1", "事项甲", "依据", "", "", "", "", "", "二十天", "", "", "", "身份证", "扫描件", "一份", "必要"],
        ["A1", "事项甲", "另一依据", "", "", "", "", "", "", "", "", "", "", "原件", "", ""],
        ["", "", "", "", "", "", "", "流程", "", "", "", "", "", "", "", ""],
    ]  # fmt: skip
    _, problems = layouts.read_guides(read_table("x.xlsx", workbook_bytes(rows), layouts.GUIDE_COLUMNS))
    assert [str(problem) for problem in problems] == [
        "第2行“法定办结时限”：“二十天”不是工作日数（如：20个工作日、即办）",
        "第2行“材料形式”：“扫描件”不是材料形式（原件、复印件、电子）",
        "第2行“份数”：“一份”不是份数",
        "第3行“设定依据”：与第2行同一事项的内容不一致",
        "第3行“材料名称”：填写了材料形式或份数，但缺少材料名称",
        "第4行“事项名称”：不能为空",
    ]


def test_power_list_rows_with_unknown_type_duplicates_and_missing_names():
    rows = [
        ["编码", "职权名称", "职权类型", "设定依据", "实施主体", "责任事项", "追责情形", "备注", "内部序号"],
        ["XK-001", "建筑工程施工许可", "行政许可", "《建筑法》第七条", "县住建局", "受理、审查、决定", "违法许可的", "", 7],
        ["CF-001", "对违法建设的处罚", "罚款", "《城乡规划法》", "", "", "", "", 8],
        ["XK-001", "重复的事项", "行政许可", "", "", "", "", "", 9],
        ["", "", "行政检查", "", "", "", "", "", 10],
    ]  # fmt: skip
    table = read_table("权责.xlsx", workbook_bytes(rows), layouts.POWER_COLUMNS)
    assert table.unknown_columns == ["内部序号"]
    records, problems = layouts.read_powers(table)
    assert [record.name for record in records] == ["建筑工程施工许可"]
    assert records[0].power_type == "licensing"
    assert [str(problem) for problem in problems] == [
        "第3行“职权类型”：“罚款”不是职权类型（行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、其他行政权力、公共服务）",
        "第4行“编码”：与第2行的编码重复",
        "第5行“职权名称”：不能为空",
    ]


def test_marked_lists():
    assert split_marked("■政府网站■政务新媒体□公示栏") == [
        ("政府网站", True),
        ("政务新媒体", True),
        ("公示栏", False),
    ]
    assert split_marked("政府网站、12345热线") == [("政府网站", True), ("12345热线", True)]
    assert split_marked("") == []
