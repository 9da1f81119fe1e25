"""Extraction from the text of a document: the five samples, written out, and the forms in the wild."""

import datetime as dt
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gongkai.catalog.extraction import dates, docnumbers, extract
from gongkai.catalog.extraction.dates import find_dates, is_date_line
from gongkai.catalog.extraction.docnumbers import find_numbers, parse_number
from gongkai.testing import SAMPLES


def sample(prefix: str) -> str:
    return next(SAMPLES.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


# --- the samples -----------------------------------------------------------------------------------


def test_sample_000_annual_report_with_damaged_cited_numbers():
    result = extract(sample("000"))
    assert result.title == "市经信委2017年政府信息公开工作年度报告"
    assert result.published_on == dt.date(2018, 1, 31)
    assert result.formed_on is None
    # The report has no 文号 of its own: the numbers in the body are documents it cites.
    assert result.doc_number == ""
    assert [(n.raw, n.text, n.damaged) for n in result.cited_numbers] == [
        ("娄政办函〔201766号", "娄政办函〔2017〕66号", True),
        ("娄政办函〔201767号", "娄政办函〔2017〕67号", True),
    ]
    assert any("娄政办函〔201766号" in warning for warning in result.warnings)
    assert result.metadata["source"] == "办公室"
    assert "扫码浏览" not in result.body and "发布时间" not in result.body
    assert result.body.startswith("市经信委2017年政府信息公开工作年度报告")


def test_sample_001_metadata_block_wins():
    result = extract(sample("001"))
    assert result.title == "迎江区政府信息公开整改提升月活动总结"
    assert result.issuer == "市政府办公室"
    assert result.published_on == dt.date(2015, 5, 29)
    assert result.doc_number == ""  # the 文 号 field of the block is empty
    assert result.metadata["index_no"] == "003111216/201505-00034"
    assert result.metadata["column"] == "主题活动"
    assert result.metadata["keywords"] == "政府信息,公开,整改,总结"
    assert result.metadata["topic"] == "综合政务"
    assert result.metadata["genre"] == "其他"
    assert result.metadata["audience"] == "公民"
    assert result.metadata["summary"].startswith(
        "根据市政府办公室《关于开展全市政府信息公开整改提升月活动的通知》"
    )
    assert [(n.raw, n.text, n.damaged) for n in result.cited_numbers] == [
        ("迎政办〔201515)", "迎政办〔2015〕15号", True)
    ]
    # page chrome is not part of the body
    assert "当前位置" not in result.body and "索 引 号" not in result.body
    assert "设为主页" not in result.body and "皖ICP备" not in result.body
    assert result.body.startswith("迎江区政府信息公开整改提升月活动总结")


def test_sample_002_compilation_reads_the_first_article_and_its_signature():
    result = extract(sample("002"))
    assert result.title == "芗城区外经局2008年政府信息公开工作年度报告大全"
    assert result.issuer == "芗城区外经贸局"
    assert result.formed_on == dt.date(2009, 1, 19)  # 二00九年一月十九日, typed with Latin zeros
    assert result.published_on is None
    # 漳芗外经贸[2007]145号 heads the *second* article, not the first one's head: not this item's number.
    assert result.doc_number == ""
    assert [n.text for n in result.cited_numbers][:5] == [
        "漳芗外经贸〔2007〕145号",
        "漳外经贸综字〔2007〕14号",
        "漳委办〔2007〕8号",
        "漳芗委办〔2007〕5号",
        "市外经局〔2007〕7号",
    ]
    assert "浙府法发〔2017〕26号" in [n.text for n in result.cited_numbers]
    assert not any(n.damaged for n in result.cited_numbers)
    assert any("多篇文档" in warning for warning in result.warnings)


def test_sample_003_traditional_text_is_kept_as_written():
    result = extract(sample("003"))
    assert result.published_on == dt.date(2023, 3, 6)  # 時間:2023-03-06 16:05:09
    assert result.title == "“不見面、馬上辦”審批模式是自治區第十二次黨代會報告提出的全新審批模式"
    assert any("第一句" in warning for warning in result.warnings)
    # the 文号 as written stays in ``raw``; its standard form is Simplified (docs/decisions.md)
    assert [(n.raw, n.text, n.damaged) for n in result.cited_numbers] == [
        ("什府發〔2010〕27號", "什府发〔2010〕27号", False)
    ]
    assert dt.date(2018, 4, 23) in [found.on for found in result.dates]
    assert "審批" in result.body and "审批" not in result.body
    assert not result.body.startswith("時間")


def test_sample_004_skips_the_download_site_notice_and_title_fragments():
    result = extract(sample("004"))
    assert result.title == "政务公开工作总结和下一步工作方案"
    assert result.doc_number == "" and result.cited_numbers == []  # 〔一〕 is list numbering
    assert result.issuer == "" and result.formed_on is None and result.published_on is None
    assert "温馨提示" not in result.body and "网站客服" not in result.body


# --- 发文字号 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reading", "damaged"),
    [
        ("娄政办函〔2017〕66号", "娄政办函〔2017〕66号", False),
        ("浙府法发[2017]26号", "浙府法发〔2017〕26号", False),
        ("国办函［2020］109号", "国办函〔2020〕109号", False),
        ("国办函（2020）109号", "国办函〔2020〕109号", False),
        ("国办函(2020)109号", "国办函〔2020〕109号", False),
        ("国办函【2020】109号", "国办函〔2020〕109号", False),
        ("国办函 〔 2020 〕 109 号", "国办函〔2020〕109号", False),
        ("国办函〔２０２０〕１０９号", "国办函〔2020〕109号", False),
        ("什府發〔2010〕27號", "什府发〔2010〕27号", False),
        ("滬府發(fā)〔2017〕92號", "沪府发〔2017〕92号", False),
        ("滬府發（fā）［2017］92號", "沪府发〔2017〕92号", False),
        ("乾政发〔2017〕3号", "乾政发〔2017〕3号", False),  # 乾县: t2s would make it 干
        ("娄政办函〔201766号", "娄政办函〔2017〕66号", True),
        ("娄政办函201766号", "娄政办函〔2017〕66号", True),
        ("迎政办〔201515)", "迎政办〔2015〕15号", True),
        ("国办函〔2020］109号", "国办函〔2020〕109号", True),
        ("浙府法发〔2017〕26", "浙府法发〔2017〕26号", True),
        ("测政办〔2024〕第7号", "测政办〔2024〕7号", False),  # §7.2.4: no 第 before the sequence
        ("测政办[2024]第 7 号", "测政办〔2024〕7号", False),
    ],
)
def test_document_number_forms(text, reading, damaged):
    number = parse_number(text)
    assert number is not None
    assert (number.text, number.damaged) == (reading, damaged)


@pytest.mark.parametrize(
    "text",
    [
        "规划(2016)3个项目",
        "皖ICP备05003765号",
        "京ICP备2021123号",
        "〔一〕着力加强公开解读回应",
        "2017年66号楼",
    ],
)
def test_things_that_are_not_document_numbers(text):
    assert find_numbers(text) == []


def test_cited_numbers_lose_the_words_before_them():
    numbers = find_numbers(
        "根据漳委办[2007]8号《关于》及市外经局[2007]7号文件，认真贯彻落实漳外经贸综字[2007]14号"
    )
    assert [n.code for n in numbers] == ["漳委办", "市外经局", "漳外经贸综字"]
    # a label run on to its value
    assert [n.text for n in find_numbers("发文字号测交发〔2026〕3号")] == ["测交发〔2026〕3号"]


def test_a_number_on_its_own_line_above_the_title_is_the_documents_own():
    text = "娄底市人民政府办公室文件\n\n娄政办函〔2017〕66号\n\n关于印发2017年娄底市政务公开工作要点的通知\n\n各县市区人民政府：\n……"
    result = extract(text)
    assert result.doc_number == "娄政办函〔2017〕66号"
    assert result.title == "关于印发2017年娄底市政务公开工作要点的通知"


def test_a_damaged_own_number_is_read_and_flagged():
    result = extract("娄政办函〔201766号\n关于印发2017年政务公开工作要点的通知\n正文。")
    assert (result.doc_number, result.doc_number_damaged) == ("娄政办函〔2017〕66号", True)
    assert any("残缺" in warning for warning in result.warnings)


def test_signature_and_date_give_issuer_and_formed_on():
    text = "关于做好春节期间值班工作的通知\n各单位：\n请做好值班。\n\n测试市人民政府办公室\n2026年1月5日\n"
    result = extract(text)
    assert (result.issuer, result.formed_on) == ("测试市人民政府办公室", dt.date(2026, 1, 5))


CODES = st.text(alphabet="国办函浙府法发娄政湘粤京市县区局委厅", min_size=2, max_size=6)
OPEN_CLOSE = st.sampled_from(["〔〕", "[]", "［］", "（）", "()", "【】"])


@given(code=CODES, year=st.integers(1980, 2099), sequence=st.integers(1, 9999), brackets=OPEN_CLOSE)
def test_every_bracket_variant_reads_as_the_standard_form(code, year, sequence, brackets):
    number = parse_number(f"{code}{brackets[0]}{year}{brackets[1]}{sequence}号")
    assert number is not None and not number.damaged
    assert number.text == f"{code}〔{year}〕{sequence}号"


@given(code=CODES, year=st.integers(1980, 2099), sequence=st.integers(1, 99999))
def test_a_number_whose_closing_bracket_was_lost_is_flagged_with_the_same_reading(code, year, sequence):
    number = parse_number(f"{code}〔{year}{sequence}号")
    assert number is not None and number.damaged
    assert number.text == f"{code}〔{year}〕{sequence}号"


# --- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年1月5日", dt.date(2026, 1, 5)),
        ("2026年01月05日", dt.date(2026, 1, 5)),
        ("二〇二六年一月五日", dt.date(2026, 1, 5)),
        ("二零二六年十二月三十一日", dt.date(2026, 12, 31)),
        ("二00九年一月十九日", dt.date(2009, 1, 19)),
        ("二〇一七年十月二十日", dt.date(2017, 10, 20)),
        ("2026-01-05", dt.date(2026, 1, 5)),
        ("2026.1.5", dt.date(2026, 1, 5)),
        ("2026/1/5", dt.date(2026, 1, 5)),
        ("２０２６年１月５日", dt.date(2026, 1, 5)),
        ("２０２６－０１－０５", dt.date(2026, 1, 5)),
        ("二O一七年十月二十日", dt.date(2017, 10, 20)),
        ("  2026年1月5日\u3000", dt.date(2026, 1, 5)),
        ("2026年1月5日发布", None),
        ("于2026年1月5日", None),
    ],
)
def test_date_forms(text, expected):
    assert is_date_line(text) == expected


@given(st.text(alphabet="2026０２〇二一十年月日号-./ 发布O", max_size=16))
def test_a_date_line_is_a_line_that_is_one_date(line):
    found, _ = find_dates(line.strip())
    whole = len(found) == 1 and found[0].start == 0 and found[0].end == len(line.strip())
    assert is_date_line(line) == (found[0].on if whole else None)


def test_numbers_with_full_width_years_are_found():
    found = find_numbers("依据国办函〔２０１７〕２６号和浙府法发[2017]3号")
    assert [number.text for number in found] == ["国办函〔2017〕26号", "浙府法发〔2017〕3号"]
    assert find_numbers("没有年份的第26号") == []


def test_impossible_dates_are_reported_and_not_used():
    found, impossible = find_dates("2026年2月30日和2026-13-01")
    assert found == [] and impossible == ["2026年2月30日", "2026-13-01"]
    assert any("不存在" in warning for warning in extract("通知\n2026年2月30日").warnings)


def test_numbers_that_only_look_like_dates_are_not_dates():
    assert find_dates("增长10.78%，版本1.2.3，电话0596-2026584")[0] == []


CHINESE_DIGITS = "〇一二三四五六七八九"


def chinese(number: int, *, digitwise: bool) -> str:
    if digitwise:
        return "".join(CHINESE_DIGITS[int(d)] for d in str(number))
    tens, units = divmod(number, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else CHINESE_DIGITS[tens] + "十")) + (
        CHINESE_DIGITS[units] if units else ""
    )


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_date_reads_back_in_all_forms(on):
    forms = [
        f"{on.year}年{on.month}月{on.day}日",
        f"{on:%Y-%m-%d}",
        f"{on.year}.{on.month}.{on.day}",
        f"{chinese(on.year, digitwise=True)}年{chinese(on.month, digitwise=False)}月{chinese(on.day, digitwise=False)}日",
    ]
    assert [is_date_line(form) for form in forms] == [on] * len(forms)


# --- page shapes seen in real imports (issue 19); every document below is invented ------------------


def test_an_agency_name_over_a_date_is_a_signature_not_the_title():
    text = (
        "测试市农业农村局\n2026年3月2日\n\n测试市农业农村局关于开展春季农机安全检查的通知\n"
        "各县区农业农村局：\n为做好春耕生产，现就有关事项通知如下。\n"
    )
    result = extract(text)
    assert result.title == "测试市农业农村局关于开展春季农机安全检查的通知"
    assert (result.issuer, result.formed_on) == ("测试市农业农村局", dt.date(2026, 3, 2))


@pytest.mark.parametrize(
    "signature",
    ["测试县水利局  2025-07-14", "测试县水利局（2025年7月14日）", "测试县水利局\n发布时间：2025-07-14"],
)
def test_a_signature_in_any_layout_is_not_the_title(signature):
    result = extract(f"{signature}\n关于公布汛期值班安排的通知\n各乡镇：\n现将汛期值班安排公布如下。\n")
    assert result.title == "关于公布汛期值班安排的通知"


def test_an_agency_name_is_the_title_only_when_nothing_else_is():
    result = extract("测试县水利局\n2025-07-14\n")
    assert result.title == "测试县水利局"
    assert any("发文机关名称" in warning for warning in result.warnings)


@pytest.mark.parametrize(
    ("head", "number"),
    [
        ("测政办发〔2026〕12号           签发人：甲乙", "测政办发〔2026〕12号"),
        ("测试市人民政府 测府发〔2025〕8号", "测府发〔2025〕8号"),
        ("测试市人民政府文件 测府发〔2025〕8号", "测府发〔2025〕8号"),
        ("（测府发［2025］8号）", "测府发〔2025〕8号"),
        ("測府發(fā)〔2025〕8號", "测府发〔2025〕8号"),
        ("测府发〔2025〕8号 二〇二五年一月五日", "测府发〔2025〕8号"),  # a gazette prints the date beside it
        ("发文字号测府发〔2025〕8号", "测府发〔2025〕8号"),  # its label run on to it
    ],
)
def test_a_document_number_line_is_not_the_title(head, number):
    result = extract(
        f"{head}\n测试市人民政府关于调整最低工资标准的通知\n各区人民政府：\n现将有关事项通知如下。\n"
    )
    assert result.title == "测试市人民政府关于调整最低工资标准的通知"
    assert result.doc_number == number


def test_a_title_citing_a_number_is_still_a_title():
    result = extract("关于贯彻落实测府发〔2025〕8号文件的实施意见\n各乡镇：\n")
    assert result.title == "关于贯彻落实测府发〔2025〕8号文件的实施意见"
    assert result.doc_number == ""


@pytest.mark.parametrize(
    ("line", "title", "other"),
    [
        (
            "废止时间: 2027-01-01 名称: 测试市城市道路挖掘管理办法",
            "测试市城市道路挖掘管理办法",
            ("repealed_on", "2027-01-01"),
        ),
        (
            "名称：测试区关于做好秋季防火工作的通知 信息来源：测试区应急管理局",
            "测试区关于做好秋季防火工作的通知",
            ("source", "测试区应急管理局"),
        ),
        (
            "名  称:测试区关于做好秋季防火工作的通知信息来源:测试区应急管理局",
            "测试区关于做好秋季防火工作的通知",
            ("source", "测试区应急管理局"),
        ),
        (
            "名 称 测试区关于做好秋季防火工作的通知 来 源 测试区应急管理局",
            "测试区关于做好秋季防火工作的通知",
            ("source", "测试区应急管理局"),
        ),
        (
            "標題：測試區關於做好秋季防火工作的通知　失效時間：2030-01-01",
            "測試區關於做好秋季防火工作的通知",
            ("repealed_on", "2030-01-01"),
        ),
        (
            "名称：测试区关于做好秋季防火工作的通知 有效期限：五年",
            "测试区关于做好秋季防火工作的通知",
            ("other:有效期限", "五年"),
        ),
    ],
)
def test_label_value_pairs_on_one_line_split_into_fields(line, title, other):
    result = extract(f"当前位置：首页 > 政策文件\n{line}\n{title}\n第一条 为了加强管理，制定本办法。\n")
    assert result.title == title
    assert result.metadata[other[0]] == other[1]
    assert line not in result.body


def test_pipe_separated_metadata_rows():
    text = (
        "| 索 引 号 | 11350000-2026-00077 | 主题分类 | 综合政务 |\n"
        "|---|---|---|---|\n"
        "| 名称 | 测试省关于推进数据开放共享的实施意见 | | |\n"
        "| 发文机关 | 测试省人民政府办公厅 | 发文字号 | 测政办〔2026〕21号 |\n"
        "｜成文日期｜2026年4月1日｜发布日期｜2026年4月3日｜\n"
        "各设区市人民政府：\n为推进数据开放共享，提出如下意见。\n"
    )
    result = extract(text)
    assert result.title == "测试省关于推进数据开放共享的实施意见"
    assert result.doc_number == "测政办〔2026〕21号"
    assert result.issuer == "测试省人民政府办公厅"
    assert (result.formed_on, result.published_on) == (dt.date(2026, 4, 1), dt.date(2026, 4, 3))
    assert result.metadata["index_no"] == "11350000-2026-00077"
    assert result.body.startswith("各设区市人民政府：")


def test_a_table_of_content_is_not_metadata():
    result = extract(
        "测试县2026年民生实事项目表\n| 序号 | 项目名称 | 责任单位 |\n| 1 | 道路改造 | 交通局 |\n"
    )
    assert result.title == "测试县2026年民生实事项目表"
    assert "| 序号 | 项目名称 | 责任单位 |" in result.body


@pytest.mark.parametrize(
    "line", ["关键字: 部门文件", "文 号： 关键字：部门文件", "文 号 关 键 字 部门文件", "文号：部门文件"]
)
def test_keywords_are_never_the_document_number(line):
    result = extract(f"测试市交通运输局关于优化公交线路的公告\n{line}\n为方便市民出行，现调整以下线路。\n")
    assert result.doc_number == ""
    assert result.title == "测试市交通运输局关于优化公交线路的公告"
    assert "文号" not in " ".join(result.warnings)


def test_keywords_label_gives_keywords():
    result = extract("测试市交通运输局关于优化公交线路的公告\n文 号： 关键字：部门文件\n正文。\n")
    assert result.metadata["keywords"] == "部门文件"


def test_a_value_under_a_lone_label():
    result = extract(
        "信息名称：\n测试县关于公布第一批非遗代表性项目的通知\n发布机构：测试县文化和旅游局\n正文。\n"
    )
    assert result.title == "测试县关于公布第一批非遗代表性项目的通知"
    assert result.issuer == "测试县文化和旅游局"


def test_a_traditional_number_with_pinyin_is_read_in_its_standard_form():
    text = "滬府發(fā)〔2017〕92號\n測試市人民政府關於印發測試市節能減排綜合工作方案的通知\n各區人民政府：\n"
    result = extract(text)
    assert result.doc_number == "沪府发〔2017〕92号"
    assert result.title == "測試市人民政府關於印發測試市節能減排綜合工作方案的通知"  # prose kept as written
    assert any("滬府發(fā)〔2017〕92號" in warning for warning in result.warnings)
    assert "滬府發(fā)〔2017〕92號" in result.body


def test_pinyin_annotations_do_not_enter_the_title():
    result = extract("測試市人民政府關於印發(fā)節能減排綜合工作方案的通知\n各區人民政府：\n")
    assert result.title == "測試市人民政府關於印發節能減排綜合工作方案的通知"


def test_cited_numbers_with_pinyin_keep_their_raw_reading():
    [number] = find_numbers("根据滬府發（fā）〔2017〕92號文件精神")
    assert (number.raw, number.text, number.damaged) == (
        "滬府發（fā）〔2017〕92號",
        "沪府发〔2017〕92号",
        False,
    )


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "《测试市城市更新专项资金管理办法》已经市政府同意，现印发给你们，请认真贯彻执行。",
            "测试市城市更新专项资金管理办法",
        ),
        (
            "现将《测试市2026年重点民生实事项目清单》印发给你们，请结合实际认真抓好落实。",
            "测试市2026年重点民生实事项目清单",
        ),
        (
            "《测试市养犬管理规定》已经2026年3月1日市政府第9次常务会议通过，现予公布，自2026年5月1日起施行。",
            "测试市养犬管理规定",
        ),
        (
            "《測試市城市更新專項資金管理辦法》已經市政府同意，現印發給你們，請認真貫徹執行。",
            "測試市城市更新專項資金管理辦法",
        ),
    ],
)
def test_a_circular_without_a_heading_takes_the_title_from_its_guillemets(sentence, title):
    text = f"测试市人民政府办公室\n测政办发〔2024〕33号\n各区人民政府，市政府各委、办、局：\n{sentence}\n\n测试市人民政府办公室\n2024年9月10日\n"
    result = extract(text)
    assert result.title == title
    assert result.doc_number == "测政办发〔2024〕33号"
    assert (result.issuer, result.formed_on) == ("测试市人民政府办公室", dt.date(2024, 9, 10))
    assert any("《》" in warning for warning in result.warnings)


def test_a_heading_above_the_circular_sentence_wins():
    text = "关于印发测试市城市更新专项资金管理办法的通知\n各区：\n现将《测试市城市更新专项资金管理办法》印发给你们。\n"
    assert extract(text).title == "关于印发测试市城市更新专项资金管理办法的通知"


def test_an_addressee_line_without_its_colon_is_not_the_title():
    text = "各县（市、区）人民政府，市直各单位\n现将《测试市2026年重点民生实事项目清单》印发给你们，请抓好落实。\n"
    assert extract(text).title == "测试市2026年重点民生实事项目清单"


def test_a_line_opening_with_an_unknown_label_is_metadata_when_known_labels_follow():
    result = extract(
        "审核人：某某 发布时间：2026-01-05 来源：测试局\n关于做好春节期间值班工作的通知\n正文。\n"
    )
    assert result.title == "关于做好春节期间值班工作的通知"
    assert (result.published_on, result.metadata["source"]) == (dt.date(2026, 1, 5), "测试局")
    # alone, such a line is content: a 公示 page's 项目名称 stays in its body
    assert "项目名称：道路改造" in extract("道路改造项目公示\n项目名称：道路改造\n").body


def test_site_names_navigation_bars_and_list_dates_are_not_the_title():
    text = (
        "测试市人民政府门户网站\n首页 / 政务公开 / 通知公告\n网站首页 | 政务公开 | 办事服务 | 互动交流\n"
        "关于做好春节期间值班工作的通知（2026年1月5日）\n各单位：\n请做好值班。\n【打印】【关闭】\n"
    )
    result = extract(text)
    assert result.title == "关于做好春节期间值班工作的通知"
    assert "首页 / 政务公开" not in result.body and "【打印】" not in result.body


@pytest.mark.parametrize("number", ["测试市人民政府令（第5号）", "第 12 号", "测试市财政局公告 2026年第3号"])
def test_the_number_line_of_an_order_or_announcement_is_not_the_title(number):
    result = extract(f"{number}\n测试市城市绿化管理办法\n第一条 为了加强城市绿化管理，制定本办法。\n")
    assert result.title == "测试市城市绿化管理办法"


def test_a_guillemet_title_of_a_few_characters_is_no_circular_title():
    result = extract(
        "各单位：\n现将《通知》印发给你们，请认真贯彻落实，按时报送有关材料，不得延误，特此通知。\n"
    )
    assert not any("《》" in warning for warning in result.warnings)


def test_labels_in_brackets_and_the_font_size_switch():
    text = "【标题】测试县关于做好冬季供暖工作的通知【字体：大 中 小】\n【发布时间】2026-11-02 【来源】测试县住建局\n正文。\n"
    result = extract(text)
    assert result.title == "测试县关于做好冬季供暖工作的通知"
    assert (result.published_on, result.metadata["source"]) == (dt.date(2026, 11, 2), "测试县住建局")


@pytest.mark.parametrize("label", ["来源：", "关键词：", "发布机构：", "摘要："])
def test_a_lone_label_never_takes_the_title_under_it(label):
    result = extract(f"{label}\n测试县关于公布第一批非遗代表性项目的通知\n正文。\n")
    assert result.title == "测试县关于公布第一批非遗代表性项目的通知"


@pytest.mark.parametrize("addressee", ["各有关单位", "各乡镇人民政府", "各区人民政府、市政府各部门"])
def test_addressees_without_their_colon_are_not_titles(addressee):
    result = extract(f"{addressee}\n现将《测试市2026年重点民生实事项目清单》印发给你们，请抓好落实。\n")
    assert result.title == "测试市2026年重点民生实事项目清单"


def test_a_title_may_start_with_ge():
    assert extract("各地2026年秋粮收购进度情况通报\n正文。\n").title == "各地2026年秋粮收购进度情况通报"


# --- page shapes from a second set of real pages (copied government pages, reposts); invented text ---


@pytest.mark.parametrize(
    "chrome",
    [
        "当前位置：首页\n > 政务公开 > 通知公告",  # a breadcrumb wrapped onto a second line
        "政务公开详细信息",
        "信息公开元数据",
        "归档时间:2026-02-11",
        "今天是：2026年03月09日",
        "更新时间：2026-02-11 09:30",
        "测试县人民政府_通知公告_政务公开",  # the page's <title>
        "无障碍浏览 长者模式\n繁体 | 简体",  # the site's toolbar
        "政府信息公开\n政策文件",  # section names
        "您当前所在位置：首页 > 政务公开 > 通知公告",  # breadcrumbs however they open
        "测试规范性文件 > 正文阅览",
        "您所在的位置:首页->信息公开->政府文件",
        "當(dāng)前位置: 辦公室 >> 通知公告 >> 正文",
    ],
)
def test_page_chrome_over_the_title_is_not_the_title(chrome):
    result = extract(
        f"{chrome}\n测试县关于做好冬季供暖工作的通知\n各乡镇人民政府：\n现将有关事项通知如下。\n"
    )
    assert result.title == "测试县关于做好冬季供暖工作的通知"


@pytest.mark.parametrize("opening", ["您当前的位置：", "您當前的位置:", "当前所在位置：", "您所在位置："])
def test_a_breadcrumb_ending_in_the_title_is_not_the_title(opening):
    title = "关于《测试市物业管理条例(草案修改稿 征求意见稿)》公开征求意见的公告"
    result = extract(f"{opening}首页 > 法规草案征求意见 > {title}\n\n{title}\n发布时间：2026-03-02\n正文。\n")
    assert result.title == title


def test_empty_table_cells_after_a_title_are_not_part_of_it():
    result = extract(
        "测试县关于做好冬季供暖工作的通知 | |\n通知 | |\n各乡镇人民政府：\n现将有关事项通知如下。\n"
    )
    assert result.title == "测试县关于做好冬季供暖工作的通知"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "测试市人民政府办公厅关于加强高校毕业生\n\n就业见习工作的通知",
            "测试市人民政府办公厅关于加强高校毕业生就业见习工作的通知",
        ),
        (
            "市人民政府關於\n進一步規範測試市夜間經濟的若干意見",
            "市人民政府關於進一步規範測試市夜間經濟的若干意見",
        ),
        (
            "测试市农业农村局关于落实\n“千亩示范”工程经验\n推进全域土地整治工作部署\n的实施意见",
            "测试市农业农村局关于落实“千亩示范”工程经验推进全域土地整治工作部署的实施意见",
        ),
        (
            "测试市人民政府办公室\n关于印发《测试市节水型社会建设\n实施方案》的通知",
            "测试市人民政府办公室关于印发《测试市节水型社会建设实施方案》的通知",
        ),
        (
            "測試市人民政府關(guān)于表彰\n先進集體和先進個(gè)人的決定",
            "測試市人民政府關于表彰先進集體和先進個人的決定",
        ),
    ],
)
def test_a_title_set_over_several_lines_is_joined(head, title):
    result = extract(f"测政发〔2026〕4号\n{head}\n各区人民政府：\n现将有关事项通知如下。\n")
    assert result.title == title
    assert result.doc_number == "测政发〔2026〕4号"


def test_a_compilation_name_over_a_title_is_not_joined_to_it():
    text = "测试县2026年信息公开工作年度报告汇编\n测试县财政局2026年信息公开工作年度报告\n一、总体情况\n"
    assert extract(text).title == "测试县2026年信息公开工作年度报告汇编"


def test_a_long_title_of_several_issuing_bodies_is_a_title():
    title = (
        "测试市发展和改革委员会 测试市财政局 测试市自然资源和规划局 测试市住房和城乡建设局 "
        "关于印发测试市老旧小区便民服务设施建设三年行动方案的通知"
    )
    assert len(title) > 60
    text = f"{title}\n各区人民政府：\n现将《测试市老旧小区便民服务设施建设三年行动方案》印发给你们，请认真落实。\n"
    assert extract(text).title == title


@pytest.mark.parametrize(
    "line",
    [
        "测府发〔2026〕4号《测试市人民政府关于调整公交票价的通知》",
        "测府发〔2026〕4号 测试市人民政府关于调整公交票价的通知",
        "测试市人民政府关于调整公交票价的通知（测府发〔2026〕4号）",
        "测试市人民政府关于调整公交票价的通知(测府发[2026]4号)",
        "测试市人民政府关于调整公交票价的通知 测府发〔2026〕4号",  # the number after the title and a space
    ],
)
def test_a_page_title_line_carrying_the_number(line):
    result = extract(f"浏览量：12 时间：2026-02-01\n{line}\n各区人民政府：\n现将有关事项通知如下。\n")
    assert result.title == "测试市人民政府关于调整公交票价的通知"
    assert result.doc_number == "测府发〔2026〕4号"


def test_a_title_wholly_in_guillemets_loses_them():
    result = extract("《测试市人民政府关于调整公交票价的通知》\n各区人民政府：\n现将有关事项通知如下。\n")
    assert result.title == "测试市人民政府关于调整公交票价的通知"


@pytest.mark.parametrize(
    ("head", "number"),
    [
        (  # a title whose pinyin annotations make the line long
            "測(cè)試(shì)市人民政府辦(bàn)公室關(guān)于印發(fā)測(cè)試(shì)市基層政務公開標準化規(guī)范化工作實施方案的通知\n"
            "時間:2026年01月05日 點擊次數:12\n測政辦〔2026〕3號",
            "测政办〔2026〕3号",
        ),
        (  # a download site's blurb above the document
            "简介：本站为你整理了多篇相关的《测试市人民政府办公室文件》，希望对你有帮助，"
            "你还可以在本站找到更多相关文件，欢迎下载使用。\n测试市人民政府办公室文件\n测政办发〔2026〕5号\n"
            "测试市人民政府办公室关于做好春运工作的通知",
            "测政办发〔2026〕5号",
        ),
        (  # a long navigation line under the title
            "测试市人民政府关于表彰先进集体的决定\n"
            "测试市人民政府关于表彰先进集体的决定 (2025年) 测试市人民政府关于表彰先进个人的决定 "
            "测试市人民政府关于表彰先进单位的决定\n测发〔2026〕7号",
            "测发〔2026〕7号",
        ),
    ],
)
def test_the_own_number_after_long_lines_of_the_head(head, number):
    result = extract(f"{head}\n各区人民政府：\n现将有关事项通知如下。\n")
    assert result.doc_number == number


def test_an_agency_name_in_the_page_header_gives_way_to_the_title_below():
    text = (
        "测试市水利局\n征集调查\n主题：\n"
        "测试市防汛抗旱指挥部办公室关于征求《测试市防汛应急预案（征求意见稿）》修改意见的函\n"
        "市直有关部门：\n为做好防汛减灾工作，请于6月18日前反馈修改意见。\n"
    )
    assert (
        extract(text).title
        == "测试市防汛抗旱指挥部办公室关于征求《测试市防汛应急预案（征求意见稿）》修改意见的函"
    )
    circular = "测试市人民政府办公室\n各区人民政府：\n《测试市河道保洁管理办法》已经市政府同意，现印发给你们，请认真贯彻执行。\n"
    assert extract(circular).title == "测试市河道保洁管理办法"
    assert extract("测试市人民政府办公室\n各区人民政府：\n请做好值班。\n").title == "测试市人民政府办公室"


@pytest.mark.parametrize(
    "cut",
    [
        "《测试市进一步支持民营经济发展的",  # cut off inside its 《》
        "测试市人民政府办公厅关于印发测试市进一步支持民营经济",  # the whole title follows
    ],
)
def test_a_page_title_cut_short_gives_way_to_the_whole_one(cut):
    title = "测试市人民政府办公厅关于印发测试市进一步支持民营经济发展若干措施的通知"
    assert extract(f"{cut}\n{title}\n测政办发〔2026〕9号\n各区人民政府：\n").title == title


def test_a_navigation_line_repeating_the_title_is_not_the_whole_title():
    title = "测试市人民政府关于表彰先进集体的决定"
    text = f"{title}\n{title} (2025年) {title}\n测发〔2026〕7号\n各区人民政府：\n"
    assert extract(text).title == title


# --- page shapes from a third set of real pages; invented text ------------------------------------


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (  # a column's name before the title, the title set below as the document has it
            "政务服务丨测试市人民政府关于优化营商环境的实施意见\n- 发布日期:2026-03-02\n- 浏览次数:\n"
            "测试市人民政府\n关于优化营商环境的实施意见",
            "测试市人民政府关于优化营商环境的实施意见",
        ),
        (  # the site's and the column's names before the title, a blurb, the title again
            "测试省人力资源和社会保障厅 政策法规 省人力资源社会保障厅 关于发布2026年紧缺职业目录的通知\n"
            "作者: 来源:政府 2026-05-09 13:37:47\n"
            "省人力资源社会保障厅关于发布2026年紧缺职业目录的通知各设区市人力资源社会保障局，测试市人力资源"
            "社会保障局:为贯彻落实省委、省政府关于做好技能培训工作的决策部署，根据有关规定...\n"
            "省人力资源社会保障厅 关于发布2026年紧缺职业目录的通知",
            "省人力资源社会保障厅 关于发布2026年紧缺职业目录的通知",
        ),
        (  # a site's version note after the title
            "测试市人民政府关于印发《测试市人民政府工作规则》的通知(2026修订)\n\n"
            "测试市人民政府关于印发《测试市人民政府工作规则》的通知",
            "测试市人民政府关于印发《测试市人民政府工作规则》的通知",
        ),
        (  # a topic banner over the page
            "第二轮生态环境保护督察\n测试市人民政府\n关于印发测试市空气质量改善行动方案的通知",
            "测试市人民政府关于印发测试市空气质量改善行动方案的通知",
        ),
        (  # the page's ``栏目 - 子栏目``
            "政府文件 - 测政办发\n测试市人民政府办公室关于印发测试市节水行动方案的通知",
            "测试市人民政府办公室关于印发测试市节水行动方案的通知",
        ),
        (  # the issuer's name is part of the title: it never gives way to ``关于…``
            "测试省交通运输厅 关于推进安全体系建设的意见\n关于推进安全体系建设的意见",
            "测试省交通运输厅 关于推进安全体系建设的意见",
        ),
    ],
)
def test_a_page_heading_gives_way_to_the_documents_own_title_below(head, title):
    result = extract(f"{head}\n测政〔2026〕11号\n各县（区）人民政府：\n现将有关事项通知如下。\n")
    assert result.title == title
    assert result.doc_number == "测政〔2026〕11号"


def test_a_heading_not_ending_like_a_title_stays_when_text_comes_first():
    text = "测试县2026年政务公开工作情况\n一、总体情况\n今年，全县围绕中心工作，认真落实有关要求，稳步推进政务公开。\n关于印发测试县政务公开工作要点的通知\n"
    assert extract(text).title == "测试县2026年政务公开工作情况"


def test_a_number_run_on_to_the_title_after_it():
    text = "发布机构 测试县人民政府办公室 组配分类 测政发\n测政发【2026】7号关于印发测试县防汛应急预案的通知\n各乡镇人民政府：\n"
    result = extract(text)
    assert (result.title, result.doc_number) == ("关于印发测试县防汛应急预案的通知", "测政发〔2026〕7号")
    # an agency's name and its number stay a number line, never a title
    assert (
        extract("测试市人民政府 测府发〔2026〕8号\n测试市关于做好供暖工作的通知\n").title
        == "测试市关于做好供暖工作的通知"
    )


def test_a_law_sites_labels():
    text = (
        "我的法规 最新法规 点击最多 法规搜索\n首页 > 劳动就业 >\n"
        "发文标题: 测试市人力资源和社会保障局关于印发《测试市职业培训机构管理办法》的通知\n"
        "发文文号: 测人社发[2026]5号\n发文部门: 测试市人力资源和社会保障局\n发文时间: 2026-1-17\n发文内容:\n各区人力资源和社会保障局：\n"
    )
    result = extract(text)
    assert result.title == "测试市人力资源和社会保障局关于印发《测试市职业培训机构管理办法》的通知"
    assert (result.doc_number, result.issuer) == ("测人社发〔2026〕5号", "测试市人力资源和社会保障局")
    assert result.formed_on == dt.date(2026, 1, 17)


def test_a_number_line_without_its_closing_bracket_and_hao():
    text = "测试县人民政府办公室关于印发测试县应急预案的通知\n索引号:1153/2026-01 文  号: 成文日期:\n测政办发〔202646\n各乡镇人民政府：\n"
    result = extract(text)
    assert (result.doc_number, result.doc_number_damaged) == ("测政办发〔2026〕46号", True)
    # in a sentence, a year in an open bracket is no number
    assert find_numbers("规划期为〔2026至2030年\n") == []


@pytest.mark.parametrize(
    "text",
    [
        (  # a page's summary (the title run on to the first words) before the document
            "测试省人民政府关于实施《测试条例》的意见\n2026-06-07 16:43\n166人看过\n"
            "测试省人民政府关于实施《测试条例》的意见(测政[2026]85号)各市、县人民政府，省政府各部门：为认真"
            "贯彻落实《测试条例》，现结合实际，提出以下实施意见……\n"
            "测试省人民政府关于实施\n《测试条例》的意见\n(测政[2026]85号)\n各市、县人民政府：\n"
        ),
        (  # a page that lost its line breaks: the number opens the text
            "关于印发测试市信息公开目录编制规则的通知\n来源: 小编整理 · 2026-11-11 · 4825人看过\n"
            "测政[2026]85号 各旗、县、区人民政府，市各委、办、局： 经市人民政府同意，现将《测试市信息公开目录编制"
            "规则》印发给你们，请认真组织编制工作。\n"
        ),
    ],
)
def test_the_own_number_past_a_summary_or_run_on_to_the_text(text):
    assert extract(text).doc_number == "测政〔2026〕85号"


def test_a_number_in_the_first_paragraph_is_not_the_own_number():
    text = "测试县卫生健康局2026年政府信息公开工作年度报告\n根据《通知》(测府办函〔2026〕1号)要求，编写本报告，现予公布。\n"
    assert extract(text).doc_number == ""


def test_a_page_run_into_one_line_keeps_its_title_with_a_colon():
    text = (
        "测试公安提示:春节期间注意用火安全 来源: 发布时间:2026-02-15 15:52 浏览次数: 次 【字体:小 大】 "
        "春节将至，请广大群众注意用火安全，文明过节。【打印正文】 【关闭正文】\n"
    )
    result = extract(text)
    assert result.title == "测试公安提示:春节期间注意用火安全"
    assert result.published_on == dt.date(2026, 2, 15)
    # a reviewer's name opening the labels is no title
    assert extract("审核人：某某 发布时间：2026-01-05 来源：测试局\n").title != "审核人：某某"


# --- page shapes from a fourth set of real pages; invented text -----------------------------------


def test_labels_as_list_items_and_a_field_named_two_ways():
    text = (
        "\n- 索 引 号:CS04100-1100-2026-00100\n- 备注/文号:测政办〔2026〕82号\n- 发布机构:县政府办\n"
        "- 公文生成日期:2026-06-23\n各乡(镇)人民政府,县有关部门:\n"
        "新修订的《测试县食品安全事故应急预案》已经2026年6月14日县政府第九次常务会议研究通过,现印发给你们,"
        "请认真贯彻执行。\n测试县人民政府办公室\n2026年6月23日\n"
    )
    result = extract(text)
    assert (result.doc_number, result.issuer) == ("测政办〔2026〕82号", "县政府办")
    assert result.metadata["index_no"] == "CS04100-1100-2026-00100"
    assert result.title == "测试县食品安全事故应急预案"
    bulleted = "返回顶部\n\n测试县人民政府工作规则\n\n  • 索引号:\n\n    1234/2026-001\n  • 发文字号:\n\n    测政发〔2026〕7号\n"
    assert extract(bulleted).doc_number == "测政发〔2026〕7号"
    # a dash opening a line of text is no bullet of a label
    assert (
        extract("-12px 名称:x\n测试县关于做好冬季供暖工作的通知\n").title
        == "测试县关于做好冬季供暖工作的通知"
    )


@pytest.mark.parametrize("heading", ["1.总则", "1 总则", "一、总则", "第一章 总则"])
def test_a_number_under_the_texts_first_heading_is_cited(heading):
    text = (
        "测试高新区突发性地质灾害应急预案\n  • 索引号:0001/2026-00004\n  • 文号:\n"
        f"测试高新区突发性地质灾害应急预案\n来源:测试高新区应急管理局 发布时间:2026-02-24\n{heading}\n"
        "1.1编制目的\n建立和完善突发性地质灾害应对机制，维护社会稳定\n1.2编制依据\n"
        "《测试市突发事件总体应急预案》(测府发〔2026〕11号)\n"
    )
    result = extract(text)
    assert result.doc_number == ""
    assert [n.text for n in result.cited_numbers] == ["测府发〔2026〕11号"]


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (  # the page's <title>: the title, a dash, the site's name
            "测试高新区突发性地质灾害应急预案-测试高新技术产业开发区\n  • 索引号:0001/2026-00004\n"
            "  • 公开方式:政府网站\n测试高新区突发性地质灾害应急预案\n来源:测试高新区应急管理局",
            "测试高新区突发性地质灾害应急预案",
        ),
        (  # a place's name run on before the title, a blurb, the title
            "某地测试镇人民政府关于取消测试村庙会的通告\n"
            "导语 为做好疫情防控，某地测试镇人民政府关于取消测试村庙会，详情如下。\n"
            "  测试镇人民政府关于取消测试村庙会的通告",
            "测试镇人民政府关于取消测试村庙会的通告",
        ),
        (  # a sidebar's line over the article's heading and its labels
            "宣传人大制度 交流人大经验；推进民主法制建设。\n主任之窗\n测试州人大常委会主任\n某某某\n自身建设\n"
            "测试州人民代表大会常务委员会机关公文处理办法\n来源:州人大\n访问量:",
            "测试州人民代表大会常务委员会机关公文处理办法",
        ),
        (  # a heading whose space is where the document breaks its title over two lines
            "测试县住房和城乡建设局2026年度整体支出 绩效评价报告\n详细信息\n"
            "测试县住房和城乡建设局2026年度整体支出\n绩效评价报告",
            "测试县住房和城乡建设局2026年度整体支出绩效评价报告",
        ),
    ],
)
def test_a_page_heading_gives_way_to_the_title_below_fourth_set(head, title):
    result = extract(
        f"{head}\n为做好有关工作，根据有关规定，结合本地实际，现将有关事项说明如下，请遵照执行。\n"
    )
    assert result.title == title


def test_a_joint_documents_first_issuer_stays_in_the_title():
    title = "中共测试市委测试市人民政府关于加强基层治理的意见"
    text = f"{title}\n中共测试市委\n测试市人民政府关于加强基层治理的意见\n各区委、区人民政府：\n"
    assert extract(text).title == title
    # a title with spaces repeated as it is stays as it is
    spaced = "测试市发展和改革委员会 测试市财政局 关于印发测试市节能行动方案的通知"
    assert extract(f"{spaced}\n{spaced}\n各区人民政府：\n").title == spaced


def test_a_law_databases_note_under_the_title_gives_the_number():
    title = "测试省人民政府关于任免国家机关工作人员问题的通知"
    text = (
        "TestLII [Home] [Databases] [Search]\n\n测试省地方法规\n\n"
        f"You are here:  TestLII >> Databases >> 测试省地方法规 >> {title}\n\n{title}\n\n"
        "  【发布文号】-----------\n\n  【发布日期】1985-05-04\n\n"
        f"{title}\n\n(1985年5月4日测政〔1985〕38号)  根据《中华人民共和国地方各级人民代表大会和地方各级人民政府"
        "组织法》和有关规定精神，现将我省任免国家机关工作人员的有关问题通知如下：\n"
    )
    result = extract(text)
    assert (result.title, result.doc_number) == (title, "测政〔1985〕38号")
    # the note on its own line, or the number alone in brackets
    assert extract(f"{title}\n（2026年1月5日测政〔2026〕3号）\n正文。\n").doc_number == "测政〔2026〕3号"
    # a note citing its basis is no number of the document's own
    assert extract(f"{title}\n(根据测政〔2026〕3号)\n正文。\n").doc_number == ""


@pytest.mark.parametrize("lead", ["导读:", "【导读】", "摘要：", "内容提要：", "导语 "])
def test_a_sites_summary_under_the_heading_does_not_end_the_head(lead):
    title = "测试市人民政府办公室印发关于促进示例开发区创新发展实施方案的通知"
    text = (
        f"{title}\n{lead}促进示例开发区创新发展，对于我市抓住发展窗口期、建设现代化城市具有重要意义。\n"
        f"测政办函〔2026〕17号\n{title}\n各区人民政府，各委、局：\n"
        "经市人民政府同意，现将《关于促进示例开发区创新发展的实施方案》印发给你们，请照此执行。\n"
    )
    result = extract(text)
    assert (result.title, result.doc_number) == (title, "测政办函〔2026〕17号")
    # the summary's own citations are not the document's number
    cited = f"{title}\n{lead}根据测政发〔2025〕3号要求，对于我市抓住发展窗口期具有重要意义，特制定本方案。\n正文。\n"
    assert extract(cited).doc_number == ""


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (  # the 事由 ends in 计划; the period and the 文种 are on the next line
            "关于印发测试市公共卫生体系建设三年行动计划\n(2026—2028年)的通知",
            "关于印发测试市公共卫生体系建设三年行动计划(2026—2028年)的通知",
        ),
        (  # the 事由 ends in 条例; the rest of it and the 文种 follow
            "示例部关于测试保险条例\n修订情况的说明",
            "示例部关于测试保险条例修订情况的说明",
        ),
    ],
)
def test_a_heading_whose_about_has_no_de_yet_runs_on(lines, title):
    text = f"{lines}\n各县（市）、区人民政府：\n现就有关事项说明如下，请认真贯彻执行。\n"
    assert extract(text).title == title
    # a whole title over a line of its own stays as it is
    whole = "关于印发测试市公共卫生体系建设三年行动计划的通知"
    assert extract(f"{whole}\n(2026—2028年)的通知要点\n正文。\n").title == whole


def test_a_labelled_title_that_opens_with_its_number():
    text = (
        "發文機關: | 測試市政府 | 成文日期: | |\n"
        "標 題: | 測政發〔2026〕30號 關于表彰測試杯競賽優勝單位的決定 | ||\n發文字號: | 發布日期: | 2026-01-05 | |\n"
        "測政發〔2026〕30號 關于表彰測試杯競賽優勝單位的決定\n各縣、區人民政府：正文。\n"
    )
    result = extract(text)
    assert (result.title, result.doc_number) == ("關于表彰測試杯競賽優勝單位的決定", "测政发〔2026〕30号")


def test_a_page_run_into_one_line_keeps_its_title_before_the_addressee():
    text = (
        "示例县2026年度农田水利建设实施意见 各乡镇人民政府,县政府各部门、各直属机构: 2026年,受干旱影响,"
        "我县水利工程暴露出一些隐患。为改善农业基础设施条件,经研究决定,提出如下实施意见: 一、总体要求 |"
    )
    result = extract(text)
    assert result.title == "示例县2026年度农田水利建设实施意见"
    assert not any("第一句" in warning for warning in result.warnings)
    # a sentence before the addressee is no title: the first sentence is taken, with its warning
    prose = (
        "为做好示例县今年的防汛工作，现通知如下 各乡镇人民政府: 请认真落实防汛责任制度，"
        "加强巡查值守，及时报告险情，确保安全度汛，不得延误。"
    )
    assert any("第一句" in warning for warning in extract(prose).warnings)


def test_a_number_given_as_the_source_field():
    text = (
        "首页 > 通知公告 > 市政府关于调整示例区部分行政区划的通知\n\n市政府关于调整示例区部分行政区划的通知\n\n"
        "2026-01-16 10:23:00   来源:测政发【2026】124号   评论:0    点击:\n\n示例区人民政府：\n"
        "经省政府批准（测政复〔2026〕54号），决定对示例区行政区划作如下调整。\n"
    )
    assert extract(text).doc_number == "测政发〔2026〕124号"
    # a source that names an office, with a number after it, gives none
    other = text.replace("来源:测政发【2026】124号", "来源:市政府办公室 测政发【2026】124号号外")
    assert extract(other).doc_number == ""


def test_a_short_last_line_finishes_a_heading_without_a_relation_word():
    text = "2026年人大建议、政协提案办理工作\n完成情况说明\n根据有关要求，我局高度重视，及时召开会议分析研究，制订方案。\n"
    assert extract(text).title == "2026年人大建议、政协提案办理工作完成情况说明"
    # an agency's name over a column's name is a site's header, not a title broken in two
    header = "测试区人民政府办公室\n通知公告\n关于做好春节期间值班工作的通知\n各单位：\n请做好值班。\n"
    assert extract(header).title == "关于做好春节期间值班工作的通知"


def test_a_decision_title_with_its_number_after_it():
    text = (
        "图片\n\n行政处罚决定书 示县环罚〔2026〕2号\n来源:示例县生态环境分局   2026-06-19\n浏览量:1 | | | |\n\n"
        "  示例县某某养殖场:\n  一、违法事实和证据\n  2026年3月26日，执法人员对你场开展执法检查。\n"
    )
    result = extract(text)
    assert (result.title, result.doc_number) == ("行政处罚决定书", "示县环罚〔2026〕2号")


def test_a_title_number_issuer_and_date_run_into_one_line():
    text = (
        "关于同意设立测试经济开发区的批复 测函〔2026〕131号 测试市人民政府 2026年1月18日 |\n\n"
        "示例县人民政府：\n你县《关于设立测试经济开发区的请示》（示政〔2026〕5号）收悉。\n"
    )
    result = extract(text)
    assert (result.title, result.doc_number) == ("关于同意设立测试经济开发区的批复", "测函〔2026〕131号")
    # words after the number that are no signature keep the line as it was
    prose = text.replace("测试市人民政府 2026年1月18日", "已于2026年1月18日")
    assert extract(prose).doc_number == ""


def test_an_area_code_inside_the_agency_code():
    assert [n.text for n in find_numbers("示0923环罚决字〔2026〕7号")] == ["示0923环罚决字〔2026〕7号"]
    assert [n.text for n in find_numbers("（示410923环罚决字〔2026〕7号）")] == [
        "示410923环罚决字〔2026〕7号"
    ]
    text = "示例县生态环境局\n行政处罚决定书\n示0923环罚决字〔2026〕7号\n当事人：测试公司\n"
    assert extract(text).doc_number == "示0923环罚决字〔2026〕7号"
    # a year, a sequence, a date or a word before the digits is prose, not an area code
    assert [n.text for n in find_numbers("在2024测政发〔2024〕7号")] == ["测政发〔2024〕7号"]
    assert [n.text for n in find_numbers("第12345测政发〔2026〕5号")] == ["测政发〔2026〕5号"]
    assert [n.text for n in find_numbers("于5月3日0923测政发〔2026〕5号")] == ["测政发〔2026〕5号"]


def test_a_title_over_three_lines_whose_about_line_ends_like_a_title():
    text = (
        "示例县人民政府办公室\n关于认真做好2026年度市人大代表建议\n和政协提案办理工作的通知\n示政办发〔2026〕9号\n"
        "各有关单位:\n现就有关事项通知如下。\n"
    )
    assert (
        extract(text).title
        == "示例县人民政府办公室关于认真做好2026年度市人大代表建议和政协提案办理工作的通知"
    )


def test_a_report_title_opening_with_a_year_over_its_last_words():
    text = "2026年度示例州电子政务办公室\n部门决算公开说明\n目 录\n第一部分部门单位概况\n一、主要职能\n"
    assert extract(text).title == "2026年度示例州电子政务办公室部门决算公开说明"


def test_a_label_run_on_to_a_title_in_a_labels_over_values_page():
    text = (
        "标题\n测试县人民政府关于印发测试县行政规范性文件管理办法的通知发文机关\n测试县人民政府办公室\n发文字号\n"
        "测政发〔2026〕1号\n"
    )
    assert extract(text).title == "测试县人民政府关于印发测试县行政规范性文件管理办法的通知"


def test_a_link_pasted_before_a_title():
    text = (
        "某某医院 http://example.cn/示例县防汛抗旱指挥部关于加强堤防值守的通知\n各乡镇(街道)、县直有关单位\n"
        "受本轮降雨影响，河道水位上涨迅猛，现通知如下。\n"
    )
    assert extract(text).title == "示例县防汛抗旱指挥部关于加强堤防值守的通知"


def test_a_welcome_line_and_a_site_name_ending_with_wang_are_no_titles():
    text = (
        "欢迎您访问示例民政信息网\n返回首页\n 设为首页   加入收藏\n 机构概况 | 领导之窗 | 民政要闻 \n"
        "当前位置: 首页>>服务>>政策法规>>正文\n社会组织登记服务规范\n2026-01-06 09:23:53 民管局\n\n一、服务事项\n"
    )
    assert extract(text).title == "社会组织登记服务规范"
    site = "示例县地情网\n\n地方志的产生与发展\n\n801\n\n地方志的产生与发展\n\n    一、地方志的起源\n"
    assert extract(site).title == "地方志的产生与发展"


def test_a_notice_sentence_quoting_the_title_over_the_title_itself():
    text = (
        "2026年3月2日,测试市第九届人民代表大会常务委员会第五次会议通过《测试市人民代表大会常务委员会关于修改"
        "<测试市物业管理条例>等3件地方性法规的决定》,现予公布,自公布之日起施行。\n2026年3月2日\n"
        "测试市人民代表大会常务委员会关于修改《测试市物业管理条例》等3件地方性法规的决定\n"
        "(2026年3月2日测试市第九届人民代表大会常务委员会第五次会议通过)\n"
    )
    result = extract(text)
    assert result.title == "测试市人民代表大会常务委员会关于修改《测试市物业管理条例》等3件地方性法规的决定"
    assert not any("《》" in warning for warning in result.warnings)


def test_a_circular_sentence_with_no_heading_below_still_gives_its_title():
    text = "《测试市养犬管理规定》已经市政府常务会议通过，现予公布，自2026年5月1日起施行。\n第一条 为了规范养犬行为。\n"
    assert extract(text).title == "测试市养犬管理规定"


def test_a_number_run_on_to_a_title_opening_with_the_issuer():
    text = (
        "示府办函〔2026〕78号市人民政府办公厅关于印发示例市地质灾害应急预案的通知\n发布时间: 2026-01-15 14:50\n"
        "各区、县人民政府:\n《示例市地质灾害应急预案》已经市政府同意，现印发给你们，请抓好贯彻执行。\n"
    )
    result = extract(text)
    assert result.title == "市人民政府办公厅关于印发示例市地质灾害应急预案的通知"
    assert result.doc_number == "示府办函〔2026〕78号"
    prose = "测府发〔2026〕4号文件精神要求各单位做好防汛工作\n各乡镇人民政府:\n"
    assert extract(prose).title != "文件精神要求各单位做好防汛工作"


def test_a_bulleted_toolbar_and_menu_over_the_title():
    text = (
        "登录 注册\n  • 蒙古文版\n  • 无障碍浏览\n  • English\n  • 微信公众号\n  • 首页\n  • 要闻动态\n  • 亮丽示例旗\n"
        "当前位置:首页 > 政务公开\n示例旗人民政府关于做好春季草原防火工作的通知\n发布日期:2026-03-02 12:41\n"
    )
    assert extract(text).title == "示例旗人民政府关于做好春季草原防火工作的通知"
    bare = "• 蒙古文版\n• 无障碍\n• English\n\n示例旗农牧局2026年工作要点\n各嘎查:\n现将要点印发给你们。\n"
    assert extract(bare).title == "示例旗农牧局2026年工作要点"


def test_an_empty_metadata_table_over_a_title_broken_over_two_lines():
    text = (
        "文件名称: | |||\n统一登记号: | |||\n索引号: | 发文编号: | ||\n生效日期 : | 有效期: |\n"
        "2026年示例县部分事业单位公开招聘\n工作人员公告\n根据有关规定，决定面向社会公开招聘工作人员。\n"
    )
    assert extract(text).title == "2026年示例县部分事业单位公开招聘工作人员公告"


def test_a_tag_in_square_brackets_before_a_speech_title_is_dropped():
    text = "[县长在县委书记]县长在示例县经济工作会议上的讲话\n同志们:\n这次会议很重要。\n"
    assert extract(text).title == "县长在示例县经济工作会议上的讲话"
    kept = "【政策解读】示例市稳就业十条措施解读\n发布时间:2026-01-05\n近日，示例市出台稳就业措施。\n"
    assert extract(kept).title == "【政策解读】示例市稳就业十条措施解读"
    year = "[2026]示例县春耕生产工作方案\n各乡镇:\n"
    assert extract(year).title == "[2026]示例县春耕生产工作方案"


def test_a_breadcrumb_and_labels_with_pinyin_annotations_are_page_chrome():
    text = (
        "當(dāng)前位置 : 首頁 |\n|\n索引號: | 0001/2015-00028 | 公開方式: | 主動公開 |\n"
        "文號: | 公開日期: | 2015-07-27 16:32 | |\n發(fā)布單位: | 示例鎮(zhèn) |\n"
        "2009年度示例鎮(zhèn)政府信息公開年度報(bào)告 | ||\n根據(jù)有關(guān)規(guī)定,現(xiàn)將年度報(bào)告如下:\n"
    )
    result = extract(text)
    assert result.title == "2009年度示例鎮政府信息公開年度報告"
    assert result.metadata["issuer"] == "示例鎮"


def test_a_site_name_with_its_home_link_is_no_title():
    text = "示例素材网 首页\n\n某县长在新一届县政府第一次全体会议上的讲话\n\n2026-10-28 07:43:00 示例素材网\n同志们。\n"
    assert extract(text).title == "某县长在新一届县政府第一次全体会议上的讲话"


def test_a_title_broken_after_its_de_over_three_lines_with_a_spaced_genre():
    text = (
        "示例县突发公共卫生事件的\n应急处置指挥部\n通 告\n(县指挥部第1号)\n"
        "为做好防控工作，现将有关事项通告如下。\n2026年1月23日\n"
    )
    assert extract(text).title == "示例县突发公共卫生事件的应急处置指挥部通告"
    banner = "示例县的\n示例县人民政府\n2026年1月5日\n"
    assert extract(banner).title != "示例县的示例县人民政府"


def test_a_notice_title_carrying_its_sequence_is_a_title_not_an_order_number():
    text = (
        "示例市突发公共卫生事件的应急指挥部通告 (第1號)\n\n示例文库,自由的图书馆\n"
        "示例市突发公共卫生事件的应急指挥部通告\n第1號\n2026年1月23日\n为做好防控工作，现将有关事项通告如下。\n"
    )
    result = extract(text)
    assert result.title == "示例市突发公共卫生事件的应急指挥部通告 (第1號)"
    assert result.doc_number == ""


def test_a_township_name_alone_over_a_heading_gives_way_to_it():
    text = (
        "测试乡\n2026年政府信息公开工作年度报告\n2026年政府信息公开工作年度报告\n依据有关规定，编制本报告。\n"
    )
    assert extract(text).title == "2026年政府信息公开工作年度报告"
    alone = "示例县测试镇\n\n为做好有关工作，现将有关事项说明如下，请遵照执行。\n"
    assert extract(alone).title == "示例县测试镇"  # nothing else: the name stays, as an agency's does


def test_an_app_promotion_and_download_links_are_page_furniture():
    text = (
        "关闭\n翠翠示例APP\n示例公众号\n下载客户端\n扫一扫在手机打开当前页\nKey 驱动下载\n"
        "【停水公告】示例县这些地方将停水12天\n编辑:测试\n来源:示例网\n因管道维修，急需整治。\n"
    )
    assert extract(text).title == "【停水公告】示例县这些地方将停水12天"


def test_a_trial_note_in_brackets_under_a_title_is_part_of_it():
    text = "示例乡政府信息公开工作年度报告制度\n(试行)\n第一条 为做好工作，制定本制度。\n"
    assert extract(text).title == "示例乡政府信息公开工作年度报告制度(试行)"
    repeated = (
        "首页 > 文件库\n示例乡政府信息公开工作年度报告制度\n发布时间:2026年06月11日 来源:示例乡\n"
        "示例乡政府信息公开工作年度报告制度\n(试行)\n第一条 为做好工作，制定本制度。\n"
    )
    assert extract(repeated).title == "示例乡政府信息公开工作年度报告制度(试行)"


def test_a_list_year_run_on_to_a_title_that_states_its_year_is_dropped():
    text = "2026示例县测试乡2026年度政府信息公开工作年度报告\n本报告依据有关规定编制，现予公布。\n"
    assert extract(text).title == "示例县测试乡2026年度政府信息公开工作年度报告"
    kept = "2026示例县测试乡政府信息公开工作年度报告\n本报告依据有关规定编制，现予公布。\n"
    assert extract(kept).title == "2026示例县测试乡政府信息公开工作年度报告"


# --- a row of labels over a row of values ----------------------------------------------------------------

NOTICE = "测试市人民政府关于加强河道管理的通知\n各区人民政府，市政府各部门：\n为加强河道管理，现将有关事项通知如下。\n"


@pytest.mark.parametrize(
    "rows",
    [
        "索引号 文号 发布机构 发布日期\nN001-2026-00007 测政〔2026〕7号 测试市人民政府 2026-01-05 10:23\n",
        "| 索引号 | 文号 | 发布机构 | 发布日期 |\n| N001-2026-00007 | 测政〔2026〕7号 | 测试市人民政府 | 2026-01-05 |\n",
        "索 引 号\t文  号\t发布机构\t发布日期\n\nN001-2026-00007\t测政〔2026〕7号\t测试市人民政府\t2026年1月5日\n",
    ],
)
def test_a_row_of_labels_over_a_row_of_values_at_the_top_is_paired(rows):
    result = extract(rows + NOTICE)
    assert result.metadata["index_no"] == "N001-2026-00007"
    assert result.doc_number == "测政〔2026〕7号"
    assert result.issuer == "测试市人民政府"
    assert result.published_on == dt.date(2026, 1, 5)
    assert result.title == "测试市人民政府关于加强河道管理的通知"
    assert "N001" not in result.body


@pytest.mark.parametrize(
    "rows",
    [
        "索引号 文号 发布机构\nN001-2026-00007 测政〔2026〕7号 测试市人民政府\n",
        "| 索引号 | 文号 | 发布机构 |\n| N001-2026-00007 | 测政〔2026〕7号 | 测试市人民政府 |\n",
        "索引号 | 文号\nN001-2026-00007 | 测政〔2026〕7号\n发布机构 | 成文日期\n测试市水务局 | 2026年1月4日\n",
    ],
)
def test_a_row_of_labels_over_a_row_of_values_at_the_foot_is_paired(rows):
    body = "一、明确责任。各区要落实河长制。\n二、加强巡查。\n" * 20
    text = NOTICE + body + "\n测试市人民政府\n2026年1月5日\n\n" + rows + "打印本页 关闭窗口\n"
    result = extract(text)
    assert result.doc_number == "测政〔2026〕7号"
    assert result.metadata["index_no"] == "N001-2026-00007"
    assert result.title == "测试市人民政府关于加强河道管理的通知"
    assert "N001" not in result.body and "二、加强巡查。" in result.body


@pytest.mark.parametrize(
    "rows",
    [
        # one value more than the labels (a value with a space, or a cell too many): left unpaired
        "索引号 文号 发布机构\nN001-2026-00007 测政〔2026〕7号 测试市人民政府 测试市水务局\n",
        "索引号 文号 发布机构\nN001-2026-00007 测试市人民政府\n",
        # a 文号 with no digits, a date that is none: not a row of values
        "索引号 文号 发布日期\nN001-2026-00007 无文号字样 测试市人民政府\n",
    ],
)
def test_a_row_of_values_that_does_not_match_its_labels_is_not_paired(rows):
    result = extract(NOTICE + "一、明确责任。\n\n" + rows)
    assert result.doc_number == ""
    assert not result.metadata.get("index_no")
    assert "N001-2026-00007" in result.body


def test_a_table_in_the_body_is_not_metadata():
    # A header row of common words (名称, 时间) is a table's, wherever it stands; so is a header over several rows.
    words = NOTICE + "一、假期安排如下：\n名称 时间\n春节 2026年2月17日\n" + "二、其他事项。\n" * 30
    result = extract(words)
    assert "title" not in result.metadata or not result.metadata["title"]
    assert result.title == "测试市人民政府关于加强河道管理的通知" and result.published_on is None
    rows = "发布机构 成文日期 文号\n" + "".join(
        f"测试市第{n}局 2026年1月{n}日 测政〔2026〕{n}号\n" for n in range(1, 4)
    )
    result = extract(NOTICE + "二、已印发文件如下：\n" + rows)
    assert result.doc_number == "" and result.formed_on is None
    assert "测试市第2局" in result.body
    # In the middle of a long text a row of labels is the text's, even over one row of values.
    one_row = "发布机构 成文日期 文号\n测试市第1局 2026年1月1日 测政〔2026〕1号\n"
    middle = NOTICE + "一、明确责任。\n" * 30 + one_row + "三、加强巡查。\n" * 20
    assert extract(middle).doc_number == ""


def test_a_sites_section_name_beside_its_columns_is_no_title():
    text = (
        "政府信息公开 规章库\n\n测试镇政务信息公开指南\n\n测试镇政务信息公开指南\n\n"
        "  根据《中华人民共和国政府信息公开条例》(以下简称《条例》),本镇编制了本指南。\n  一、目录使用方法:\n"
    )
    assert extract(text).title == "测试镇政务信息公开指南"
    # A title with a space in it is still one: its words are no section's and column's names.
    spaced = "测试市人民政府办公室 关于印发测试市防汛预案的通知\n各区人民政府:\n现将预案印发给你们。\n"
    assert extract(spaced).title == "测试市人民政府办公室 关于印发测试市防汛预案的通知"


def test_a_text_with_no_heading_that_names_itself():
    text = (
        "根据《政府信息公开条例》,我镇在履行职责过程中制作或者获取的政府信息,除依法免予公开的外,均应予以公开。\n"
        "为了更好地提供政府信息公开服务,我镇编制了《测试镇政府信息公开指南》(以下简称《指南》)。\n"
        "一、主动公开的信息\n"
    )
    result = extract(text)
    assert result.title == "测试镇政府信息公开指南"
    assert any("自称" in warning for warning in result.warnings)
    # A law cited under a short name is not the text's own name.
    cited = (
        "根据《中华人民共和国政府信息公开条例》(以下简称《条例》),本镇制作的政府信息,除依法免予公开的外,均予以公开。\n"
        "一、主动公开\n"
    )
    assert extract(cited).title != "中华人民共和国政府信息公开条例"


@pytest.mark.parametrize(
    "foot",
    [
        "请遵照执行。\n\n二〇二六年一月五日\n",  # the seal stood for the agency's name
        "现予公布，自2026年2月1日起施行。\n\n市 长\n\n2026年1月5日\n",  # a 令 signed by a post
        "现予发布施行。\n\n主任 某某某\n2026年1月5日\n",
    ],
)
def test_a_date_alone_under_the_text_is_the_formed_on(foot):
    result = extract(
        f"测试市人民政府关于印发测试办法的通知\n\n各区人民政府：\n现将《测试办法》印发给你们，{foot}"
    )
    assert result.formed_on == dt.date(2026, 1, 5)


def test_a_date_alone_at_the_top_or_under_no_sentence_is_no_formed_on():
    result = extract("测试市测试办法\n2026-01-05 10:20\n第一条 为了测试，制定本办法\n2026年1月5日\n")
    assert result.formed_on is None


def test_with_no_label_and_no_signature_the_issuer_is_the_one_the_title_names():
    result = extract(
        "测试省人民政府關于加强测试工作的意見\n测政发〔2026〕3号\n各市人民政府：\n现提出如下意见。\n"
    )
    assert result.issuer == "测试省人民政府"
    assert any("按标题读取" in warning for warning in result.warnings)


@pytest.mark.parametrize(
    "title",
    ["关于加强测试工作的意见", "测试市关于加强测试工作的意见", "测试市2026年关于测试的通知汇编"],
)
def test_a_title_naming_no_agency_before_its_about_gives_no_issuer(title):
    assert extract(f"{title}\n各区：\n现提出如下意见。\n").issuer == ""


def test_a_law_databases_promulgation_fields_give_issuer_and_date_over_the_pages_own_time():
    text = (
        "测试市道路管理条例\n\n作者:测试资料网 时间:2026-03-01 10:00:00 浏览:12\n\n测试市道路管理条例\n\n"
        "颁布日期:2026-1-5\n实施日期:2026-2-1\n颁布单位:测试市人民代表大会常务委员会\n\n第一章 总则\n"
    )
    result = extract(text)
    assert result.published_on == dt.date(2026, 1, 5)
    assert result.issuer == "测试市人民代表大会常务委员会"


def test_a_heading_with_a_reposting_sites_credit_is_complete_and_joins_no_line_under_it():
    text = (
        "某地测试县关于实施临时交通管制的通告(测试县交通管理局)\n\n社会热点2026-01-06 08:00:00\n\n"
        "  关于实施临时交通管制的通告\n\n  因道路施工，现实施临时交通管制。\n\n  测试县公安局\n\n  2026年1月5日\n"
    )
    result = extract(text)
    assert result.title == "某地测试县关于实施临时交通管制的通告(测试县交通管理局)"
    assert result.issuer == "测试县公安局"


def test_a_list_pages_short_name_after_its_number_gives_the_number_and_way_to_the_documents_title():
    text = (
        "政府文件\n您的位置:首页>>政务公开>>政府文件\n"
        "测政办发[2026]35号测试市推进测试工作实施细则的通知\n时间:2026-01-06 来源: 作者:\n\n"
        "测试市人民政府办公室关于印发测试市推进\n\n测试工作实施细则的通知\n\n各乡镇人民政府:\n\n"
        "现将《测试市推进测试工作实施细则》印发给你们,请认真贯彻实施。\n\n测试市人民政府办公室\n\n2026年1月5日\n"
    )
    result = extract(text)
    assert result.doc_number == "测政办发〔2026〕35号"
    assert result.title == "测试市人民政府办公室关于印发测试市推进测试工作实施细则的通知"


def test_a_number_run_on_to_words_that_are_no_title_is_no_title():
    result = extract("测府发〔2026〕4号文件精神的通知要求各地落实\n各区：\n请认真落实。\n")
    assert result.title != "文件精神的通知要求各地落实"


@pytest.mark.parametrize("note", ["(征求意見稿)", "（徵求意见稿）", "(送審稿)", "(試行)"])
def test_a_note_under_a_title_in_mixed_simplified_and_traditional_forms_is_part_of_it(note):
    text = (
        f"您的位置:首頁 >公示 >\n現將有關條例向公眾公開征求意見。\n示例市揚塵防治條例\n{note}\n第一章 總則\n"
    )
    assert extract(text).title == f"示例市揚塵防治條例{note}"


def test_a_signature_copied_with_its_tables_rule_gives_issuer_and_formed_on():
    text = "关于示例县禁猎区的通告\n各乡镇：\n请于2026年2月8日前提出意见。\n示例县自然资源和规划局 2026年1月30日 |\n"
    result = extract(text)
    assert result.issuer == "示例县自然资源和规划局"
    assert result.formed_on == dt.date(2026, 1, 30)


def test_with_no_label_signature_or_agency_in_the_title_the_source_naming_an_agency_is_the_issuer():
    text = (
        "示例县测试镇人民政府\n您现在所在的位置: 网站首页 > 政府信息公开年报\n"
        "示例县测试镇2026年政府信息公开工作年度报告\n"
        "发布时间:2027-01-19 11:04 来源:示例县测试镇人民政府 字体:[ ]\n\n一、总体情况\n\n我镇发布信息716条。\n"
    )
    result = extract(text)
    assert result.issuer == "示例县测试镇人民政府"
    assert any("按来源读取" in warning for warning in result.warnings)


@pytest.mark.parametrize("source", ["测试法律资料网", "测试日报", ""])
def test_a_source_that_names_no_agency_gives_no_issuer(source):
    text = f"测试市道路管理条例\n时间:2026-03-01 来源:{source}\n第一条 为了测试，制定本条例。\n"
    assert extract(text).issuer == ""


def test_a_joint_circulars_issuers_named_in_its_title_give_the_issuer():
    title = "测试市发展和改革委员会 中共测试市委社会工作部 测试市住房和城乡建设局 关于印发测试方案的通知"
    result = extract(f"{title}\n\n各区县政府:\n\n现将《测试方案》印发给你们,请认真落实.\n")
    assert result.issuer == "测试市发展和改革委员会 中共测试市委社会工作部 测试市住房和城乡建设局"


def test_a_title_with_words_that_are_no_agency_before_its_about_gives_no_issuer():
    assert extract("测试市 2026年 关于测试的通知\n各区：\n请落实。\n").issuer == ""


# --- a page's counters and tools copied without their values; invented text --------------------------


@pytest.mark.parametrize(
    "line",
    [
        "来源：市发展改革委　浏览：",
        "来源: 市发展改革委 浏览:",
        "信息来源：市发展改革委 发布时间：2026-01-05 浏览次数：",
        "信息来源：市发展改革委　发布时间：2026-01-05　浏览次数：　",
        "发布时间：2026-01-05　来源：市发展改革委　点击：",
        "来源：市发展改革委 阅读次数： 字号：",
        "来源：市发展改革委　访问次数：　分享到：",
        "来源：市发展改革委　评论：　点击率：",
        "来源：市发展改革委 浏览：1024",
        "来源：市发展改革委 打印 关闭",
        "来源：市发展改革委 【打印】 【关闭】",
        "来源：市发展改革委　[打印本页]　[关闭窗口]",
    ],
)
def test_a_source_ends_at_a_counter_or_tool_label_with_no_value(line):
    result = extract(f"关于开展测试工作的通知\n{line}\n各单位：\n现将有关事项通知如下。\n")
    assert result.metadata["source"] == "市发展改革委"
    assert result.issuer == "市发展改革委"  # read from the source, so it would carry the label too
    assert result.title == "关于开展测试工作的通知"
    assert line not in result.body


def test_a_source_in_traditional_characters_ends_at_its_empty_counters():
    result = extract("關於開展測試工作的通知\n來源：縣政府辦公室　瀏覽：　點擊：\n各單位：\n正文。\n")
    assert result.metadata["source"] == "縣政府辦公室"


def test_a_published_date_between_the_source_and_an_empty_counter_is_kept():
    result = extract(
        "关于开展测试工作的通知\n信息来源：县政府办公室 发布时间：2026-01-02 浏览次数：\n正文。\n"
    )
    assert (result.metadata["source"], result.published_on) == ("县政府办公室", dt.date(2026, 1, 2))


def test_words_of_a_value_that_contain_a_counters_name_are_kept():
    text = "信息名称：关于关闭部分加油站的通知\n来源：市网络浏览服务中心　浏览：\n各单位：\n正文。\n"
    result = extract(text)
    assert result.title == "关于关闭部分加油站的通知"
    assert result.metadata["source"] == "市网络浏览服务中心"
    assert extract("打印机采购公告\n来源：县政府办公室　分享到：\n正文。\n").title == "打印机采购公告"


@pytest.mark.parametrize("toolbar", ["分享 打印", "打印 关闭", "浏览 评论"])
def test_a_pages_toolbar_over_a_title_is_no_row_of_labels_over_its_values(toolbar):
    result = extract(f"{toolbar}\n关于开展 测试工作的通知\n各单位：\n现将有关事项通知如下。\n")
    assert result.title == "关于开展 测试工作的通知"
    assert toolbar not in result.body


_DATEISH = st.lists(
    st.sampled_from(
        [*"0123456789", *"〇零○Ｏ一二三九十两O", "年", "月", "日", "号", "號", ".", "-", "/", " ", "\n"]
    )
).map("".join)
# The date patterns as first written, with the look-behind in front (slow: tried at every position).
_CHINESE_DATE_REFERENCE = re.compile(
    rf"(?<![0-9{dates.YEAR_CHARS}])([{dates.YEAR_CHARS}]{{4}})\s*年\s*"
    rf"([0-9]{{1,2}}|[{dates.SMALL}]{{1,2}})\s*月\s*"
    rf"([0-9]{{1,2}}|[{dates.SMALL}]{{1,3}})\s*[日号號]"
)
_SEPARATED_DATE_REFERENCE = re.compile(
    r"(?<![0-9.])((?:19|20)[0-9]{2})([-./])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])"
)


@given(_DATEISH)
@example(".2019-1-1 2019.1.1")
@example("12019-1-1 2019-01-01")
@example("3二〇二〇年1月1日 二〇二〇年十二月三十一日")
@example("2020年1月1日")
def test_the_date_patterns_match_as_their_look_behind_forms(source):
    for pattern, reference in (
        (dates.CHINESE_DATE, _CHINESE_DATE_REFERENCE),
        (dates.SEPARATED_DATE, _SEPARATED_DATE_REFERENCE),
    ):
        found = [(m.span(), m.groups()) for m in pattern.finditer(source)]
        assert found == [(m.span(), m.groups()) for m in reference.finditer(source)]


@given(st.lists(st.sampled_from([*"0123456789", *"〔[(【〕])】", "号", "號", "测", " ", "\n"])).map("".join))
def test_a_run_together_number_holds_the_hint_its_scan_is_gated_on(source):
    for match in docnumbers.RUN_TOGETHER.finditer(source):
        assert docnumbers._RUN_HINT.search(match.group())


# --- shapes of real government pages (invented documents) ------------------------------------------


def test_a_number_line_with_di_before_its_sequence_is_the_documents_own():
    text = (
        "测试市人民政府办公室关于做好示例事项的通知\n测政办〔2024〕第7号\n各区人民政府：\n"
        "现就示例事项通知如下。\n测试市人民政府办公室\n2024年3月5日\n"
    )
    result = extract(text)
    assert result.doc_number == "测政办〔2024〕7号"
    assert result.title == "测试市人民政府办公室关于做好示例事项的通知"


def test_fields_wholly_in_brackets_over_the_title():
    text = (
        "【发布日期：2024-03-05】【来源：测试市卫生健康委员会】【字号：大 中 小】\n"
        "测试市卫生健康委员会关于示例医疗机构校验结果的公示\n根据有关规定，现将校验结果予以公示。\n"
    )
    result = extract(text)
    assert result.title == "测试市卫生健康委员会关于示例医疗机构校验结果的公示"
    assert (result.published_on, result.metadata["source"]) == (dt.date(2024, 3, 5), "测试市卫生健康委员会")
    assert "【发布日期" not in result.body


@pytest.mark.parametrize(
    "line",
    ["2024-03-05 10:20  来源： 中国政府网", "2024年03月05日 来源：中国政府网 【字体：大 中 小】", "2024-03-05 来源: 作者:"],
)
def test_a_date_before_the_pages_labelled_fields_is_the_published_date(line):
    text = (
        f"国务院关于示例公共服务标准化建设的指导意见\n{line}\n【字体：大 中 小】打印\n国发〔2024〕6号\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n为推进公共服务标准化建设，现提出以下意见。\n"
        "国务院\n2024年2月27日\n"
    )
    result = extract(text)
    assert result.published_on == dt.date(2024, 3, 5)
    assert result.formed_on == dt.date(2024, 2, 27)
    assert (result.title, result.doc_number) == ("国务院关于示例公共服务标准化建设的指导意见", "国发〔2024〕6号")
    assert "来源" not in result.body


@pytest.mark.parametrize("issuer", ["测试市人民政府令", "测试省交通运输厅令"])
def test_the_issuer_mark_of_an_order_over_its_number_is_not_the_title(issuer):
    text = (
        f"{issuer}\n第12号\n《测试市示例公共资源交易管理办法》已经2024年3月1日第20次常务会议通过，现予公布，"
        "自2024年5月1日起施行。\n市长  某某某\n2024年3月12日\n测试市示例公共资源交易管理办法\n第一章 总则\n"
        "第一条 为规范公共资源交易活动，制定本办法。\n"
    )
    result = extract(text)
    assert result.title == "测试市示例公共资源交易管理办法"
    assert result.formed_on == dt.date(2024, 3, 12)


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "测试市人民政府关于\n示例区域划定高污染燃料禁燃区的通告\n（征求意见稿）",
            "测试市人民政府关于示例区域划定高污染燃料禁燃区的通告（征求意见稿）",
        ),
        (
            "测试市交通运输局关于印发示例网约车经营服务管理细则\n的通知\n(试行)",
            "测试市交通运输局关于印发示例网约车经营服务管理细则的通知(试行)",
        ),
    ],
)
def test_a_note_under_a_title_set_over_several_lines_is_part_of_it(head, title):
    text = f"{head}\n为改善大气环境质量，根据有关法律法规，市政府决定划定高污染燃料禁燃区。\n"
    assert extract(text).title == title


@pytest.mark.parametrize(
    ("value", "title"),
    [
        (
            "国务院办公厅关于印发《示例领域大规模设备更新\n和以旧换新行动方案》的通知",
            "国务院办公厅关于印发《示例领域大规模设备更新和以旧换新行动方案》的通知",
        ),
        ("测试市人民政府办公室关于\n印发示例行动计划的通知", "测试市人民政府办公室关于印发示例行动计划的通知"),
    ],
)
def test_a_labelled_title_wrapped_onto_the_next_line_is_joined(value, title):
    text = (
        f"索 引 号：000014349/2024-00061\n发文机关：国务院办公厅\n标　　题：{value}\n"
        "发文字号：国办发〔2024〕21号\n发布日期：2024年05月13日\n"
    )
    result = extract(text)
    assert result.title == title
    assert (result.doc_number, result.published_on) == ("国办发〔2024〕21号", dt.date(2024, 5, 13))


def test_a_labelled_title_is_not_joined_to_the_documents_title_under_the_labels():
    text = (
        "标题：测试县关于示例工作情况\n测试县人民政府关于示例工作情况的报告\n"
        "县人大常委会：\n现将示例工作情况报告如下。\n"
    )
    assert extract(text).title == "测试县关于示例工作情况"


ORDER_TEXT = (
    "《测试市示例停车场管理办法》已经2026年4月20日市人民政府第30次常务会议通过，现予公布，自2026年7月1日起施行。\n\n"
    "市长  某某某\n2026年5月6日\n\n测试市示例停车场管理办法\n\n第一章 总则\n\n第一条 为了规范停车场管理，制定本办法。\n"
)


@pytest.mark.parametrize(
    ("head", "number"),
    [
        ("测试市人民政府令\n第12号", "测试市人民政府令第12号"),
        ("测试市人民政府令第12号", "测试市人民政府令第12号"),
        ("中华人民共和国国务院令 第732号", "中华人民共和国国务院令第732号"),
        ("国家发展和改革委员会令\n2026年第7号", "国家发展和改革委员会令2026年第7号"),
        ("测试省人民政府令\n（第258号）", "测试省人民政府令第258号"),
        ("測試市人民政府令\n第12號", "测试市人民政府令第12号"),
        # A law's 主席令 numbers in Chinese numerals, kept as written.
        ("中华人民共和国主席令\n第三十一号", "中华人民共和国主席令第三十一号"),
        ("中华人民共和国主席令\n（第一百零五号）", "中华人民共和国主席令第一百零五号"),
    ],
)
def test_an_orders_number_is_its_doc_number_whole(head, number):
    result = extract(f"{head}\n\n{ORDER_TEXT}")
    assert (result.title, result.doc_number) == ("测试市示例停车场管理办法", number)
    assert result.formed_on == dt.date(2026, 5, 6)


def test_an_orders_number_in_a_label_a_title_line_or_a_law_databases_note():
    labelled = extract("标题：示例价格行为规则\n发文字号：国家发展和改革委员会令2026年第7号\n\n第一条 为了规范价格行为，制定本规则。\n")
    assert labelled.doc_number == "国家发展和改革委员会令2026年第7号"
    assert not any("格式" in warning for warning in labelled.warnings)
    reposted = extract("测试市示例停车场管理办法（测试市人民政府令第12号）\n发布日期：2026-05-08\n第一条 为了规范停车场管理。\n")
    assert (reposted.title, reposted.doc_number) == ("测试市示例停车场管理办法", "测试市人民政府令第12号")
    noted = extract(
        "示例行业安全生产监督管理办法\n（2026年4月20日示例部令第8号公布  自2026年6月1日起施行）\n第一章  总则\n"
        "第一条  为了加强安全生产监督管理，制定本办法。\n"
    )
    assert (noted.title, noted.doc_number) == ("示例行业安全生产监督管理办法", "示例部令第8号")


@pytest.mark.parametrize(
    "text",
    [
        "测试市示例条例实施办法\n第一条 根据《示例条例》（国务院令第711号），制定本办法。\n",
        "测试市示例工作方案\n一、编制依据\n1.《示例条例》（国务院令第711号）\n",
        "测试市示例工作方案\n编制依据：\n（1）《示例条例》（国务院令第711号）\n",
    ],
)
def test_an_order_cited_in_the_text_is_not_the_documents_number(text):
    assert extract(text).doc_number == ""


def test_a_regulation_reposted_with_its_order_number_after_its_title_in_guillemets():
    result = extract("《中华人民共和国示例条例》（国务院令第711号）\n第一章 总则\n第一条 为了示例，制定本条例。\n")
    assert (result.title, result.doc_number) == ("中华人民共和国示例条例", "国务院令第711号")


def test_the_order_form_in_the_traditional_script_is_read_through_its_publication_sentence():
    text = (
        "測試市人民政府令\n第12號\n\n《測試市示例停車場管理辦法》已經市人民政府常務會議通過，現予公佈，自2026年7月1日起施行。\n\n"
        "市長  某某某\n2026年5月6日\n\n測試市示例停車場管理辦法\n\n第一條 為了規範停車場管理，制定本辦法。\n"
    )
    assert extract(text).title == "測試市示例停車場管理辦法"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("测试市人民政府令第12号", "测试市人民政府令第12号"),
        ("国家发展和改革委员会令 2026年第7号", "国家发展和改革委员会令2026年第7号"),
        ("測試省人民政府令（第5號）", "测试省人民政府令第5号"),
    ],
)
def test_parse_number_reads_an_orders_designation(value, text):
    number = parse_number(value)
    assert number is not None and number.order and number.text == text
    assert parse_number(f"根据{value}的规定") is None


def test_a_policy_interpretations_agency_is_its_issuer():
    text = (
        "当前位置：首页 > 政策解读\n《测试市示例消费券发放实施办法》政策解读\n发布时间：2026-05-06 10:32:15\n"
        "解读机关：测试市商务局\n解读人：某某某\n一、出台背景\n为提振消费，市商务局制定了《办法》。\n"
    )
    result = extract(text)
    assert (result.title, result.issuer) == ("《测试市示例消费券发放实施办法》政策解读", "测试市商务局")
    assert result.published_on == dt.date(2026, 5, 6)
    labelled = extract("标题：《关于示例养老服务补贴的通知》政策解读\n解讀單位：测试区民政局\n发布日期：2026年05月06日\n")
    assert labelled.issuer == "测试区民政局"


@pytest.mark.parametrize(
    "fields",
    [
        "發佈機構：測試市人民政府辦公室\n發佈日期：2026年05月08日",
        "發佈時間：2026-05-08 10:32:15　發佈機構：測試市人民政府辦公室",
        "公佈日期：2026-05-08\n發布單位：測試市人民政府辦公室",
    ],
)
def test_labels_converted_to_traditional_with_the_variant_bu(fields):
    result = extract(f"{fields}\n測試市人民政府辦公室關於示例城市更新的實施意見\n各區人民政府：\n為推進城市更新，提出以下意見。\n")
    assert (result.published_on, result.issuer) == (dt.date(2026, 5, 8), "測試市人民政府辦公室")


@pytest.mark.parametrize("label", ["文章来源", "稿件來源"])
def test_an_articles_source_label_is_the_source(label):
    result = extract(f"关于示例道路封闭施工的通告\n{label}：测试市交通运输局　发布时间：2026年05月06日\n因施工需要，现通告如下。\n")
    assert (result.metadata["source"], result.issuer) == ("测试市交通运输局", "测试市交通运输局")


def test_a_two_column_table_flattened_into_label_and_value_lines():
    text = (
        "索引号\n000014349/2026-00012\n主题分类\n城乡建设、环境保护\n文种\n通知\n发文机关\n测试市住房和城乡建设局\n"
        "成文日期\n2026年05月06日\n标题\n测试市住房和城乡建设局关于示例物业管理的通知\n发文字号\n测建发〔2026〕12号\n"
        "发布日期\n2026年05月08日\n\n测试市住房和城乡建设局关于示例物业管理的通知\n各区住房和城乡建设局：\n现就有关事项通知如下。\n"
    )
    result = extract(text)
    assert (result.metadata["index_no"], result.metadata["topic"], result.metadata["genre"]) == (
        "000014349/2026-00012",
        "城乡建设、环境保护",
        "通知",
    )
    assert (result.title, result.doc_number, result.issuer) == (
        "测试市住房和城乡建设局关于示例物业管理的通知",
        "测建发〔2026〕12号",
        "测试市住房和城乡建设局",
    )
    assert (result.formed_on, result.published_on) == (dt.date(2026, 5, 6), dt.date(2026, 5, 8))
    assert "000014349" not in result.body and "城乡建设、环境保护" not in result.body


def test_a_lone_column_label_never_takes_the_title_under_it():
    result = extract("所属栏目：\n测试市关于示例物业管理的通知\n各区：\n现就有关事项通知如下。\n")
    assert result.title == "测试市关于示例物业管理的通知"
    assert not result.metadata.get("column")


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "测试市人民政府办公室关于印发《测试市示例\n数字经济发展行动方案》的通知",
            "测试市人民政府办公室关于印发《测试市示例数字经济发展行动方案》的通知",
        ),
        (
            "测试县人民政府关于印发《测试县\n示例农村人居环境整治\n提升五年行动方案》的通知",
            "测试县人民政府关于印发《测试县示例农村人居环境整治提升五年行动方案》的通知",
        ),
    ],
)
def test_a_title_broken_inside_its_guillemets(head, title):
    text = f"{head}\n测政办〔2026〕15号\n各区人民政府：\n现将《测试市示例方案》印发给你们，请认真贯彻执行。\n"
    result = extract(text)
    assert (result.title, result.doc_number) == (title, "测政办〔2026〕15号")


def test_a_law_databases_issuing_number_label():
    text = (
        "【标题】测试市示例养犬管理规定\n【发布部门】测试市人民政府\n【发布文号】测试市人民政府令第45号\n"
        "【发布日期】2026.05.06\n【效力级别】地方政府规章\n\n测试市示例养犬管理规定\n第一条 为了加强养犬管理，制定本规定。\n"
    )
    result = extract(text)
    assert (result.title, result.doc_number, result.issuer) == (
        "测试市示例养犬管理规定",
        "测试市人民政府令第45号",
        "测试市人民政府",
    )
    assert result.published_on == dt.date(2026, 5, 6)


@pytest.mark.parametrize("date", ["2026-05-06", "2026-05-06 10:32", "2026年5月6日"])
def test_a_list_pages_date_before_the_title_is_no_part_of_it(date):
    text = f"{date} 关于示例工作的通知\n各单位：\n现将有关事项通知如下。\n测试市教育局\n2026年5月6日\n"
    assert extract(text).title == "关于示例工作的通知"


def test_a_year_before_a_title_stays():
    assert extract("2026年 示例重点工作任务清单\n一、总体要求\n").title == "2026年 示例重点工作任务清单"


def test_a_toolbar_run_on_to_a_short_pages_title():
    text = "测试市人民政府关于示例城市管理的通告 【字体：大 中 小】 【打印】\n发布时间：2026-05-06\n为加强城市管理，现通告如下。\n"
    result = extract(text)
    assert (result.title, result.published_on) == ("测试市人民政府关于示例城市管理的通告", dt.date(2026, 5, 6))


ANNOUNCEMENT_TEXT = (
    "为进一步规范示例管理工作，现将有关事项公告如下：\n一、本公告适用于示例事项。\n特此公告。\n\n测试市人民政府\n2024年3月1日\n"
)


@pytest.mark.parametrize(
    ("head", "title", "number"),
    [
        (
            "国家税务总局公告2023年第1号\n\n国家税务总局关于示例增值税事项的公告",
            "国家税务总局关于示例增值税事项的公告",
            "国家税务总局公告2023年第1号",
        ),
        (
            "国家税务总局 财政部公告2023年第12号\n\n国家税务总局 财政部关于示例税费政策的公告",
            "国家税务总局 财政部关于示例税费政策的公告",
            "国家税务总局 财政部公告2023年第12号",
        ),
        ("中国人民银行公告〔2023〕第5号", "中国人民银行公告", "中国人民银行公告〔2023〕第5号"),
        ("测试市人民政府通告（2024年第3号）", "测试市人民政府通告", "测试市人民政府通告2024年第3号"),
        ("测试市人民政府通告\n（2024年第3号）", "测试市人民政府通告", "测试市人民政府通告2024年第3号"),
        (
            "测试市市场监督管理局关于示例食品抽检情况的公告\n测试市市场监督管理局公告 2024年第3号",
            "测试市市场监督管理局关于示例食品抽检情况的公告",
            "测试市市场监督管理局公告2024年第3号",
        ),
        ("測試市人民政府通告\n（2024年第3號）", "測試市人民政府通告", "测试市人民政府通告2024年第3号"),
    ],
)
def test_a_numbered_announcements_designation_is_its_doc_number_whole(head, title, number):
    result = extract(f"{head}\n\n{ANNOUNCEMENT_TEXT}")
    assert (result.title, result.doc_number) == (title, number)
    assert result.formed_on == dt.date(2024, 3, 1)
    assert not result.cited_numbers


def test_an_announcements_designation_in_a_label_or_after_a_reposted_title():
    labelled = extract("标题：国家税务总局关于示例事项的公告\n发文字号：国家税务总局公告2023年第1号\n\n为规范管理，现公告如下。\n")
    assert labelled.doc_number == "国家税务总局公告2023年第1号"
    assert not any("格式" in warning for warning in labelled.warnings)
    reposted = extract("国家税务总局关于示例事项的公告（国家税务总局公告2023年第1号）\n发布日期：2023-01-06\n为规范管理，现公告如下。\n")
    assert (reposted.title, reposted.doc_number) == ("国家税务总局关于示例事项的公告", "国家税务总局公告2023年第1号")


@pytest.mark.parametrize(
    "text",
    [
        "测试市税务局关于示例事项的通知\n各区税务局：\n根据国家税务总局公告2023年第1号的规定，现将有关事项通知如下。\n",
        "测试市示例工作方案\n编制依据：\n国家税务总局公告2023年第1号\n中国人民银行公告〔2023〕第5号\n一、总体要求\n",
        "测试市示例工作方案\n编制依据：\n测政发〔2024〕1号\n一、总体要求\n",
        "测试市示例工作方案\n编制依据：\n《示例条例》（国务院令第711号）\n一、总体要求\n",
        "测试市示例工作方案\n（1）国家税务总局公告2023年第1号\n",
        # a title carrying its sequence: no agency's mark to number it under
        "测试市示例指挥部关于示例疫情防控的通告\n（2024年第3号）\n为做好防控工作，现通告如下。\n",
    ],
)
def test_an_announcement_cited_in_the_text_or_a_list_of_sources_is_not_the_documents_number(text):
    result = extract(text)
    assert result.doc_number == ""
    assert "中国人民银行公告〔2023〕5号" not in [number.text for number in result.cited_numbers]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("国家税务总局公告2023年第1号", "国家税务总局公告2023年第1号"),
        ("国家税务总局　财政部公告 2023年第12号", "国家税务总局 财政部公告2023年第12号"),
        ("中国人民银行公告[2023]第5号", "中国人民银行公告〔2023〕第5号"),
        ("测试市人民政府通告（2024年第3号）", "测试市人民政府通告2024年第3号"),
    ],
)
def test_parse_number_reads_an_announcements_designation(value, text):
    number = parse_number(value)
    assert number is not None and number.order and number.text == text
    assert parse_number(f"根据{value}的规定") is None
    assert parse_number(f"根据{value}") is None


def test_an_agencys_name_over_its_letter_spaced_genre_is_the_title():
    text = (
        "测试市人民政府\n通  告\n测政通〔2024〕2号\n为保障示例活动期间道路交通安全，现就有关事项通告如下：\n"
        "一、限行时间\n特此通告。\n测试市人民政府\n2024年4月20日\n"
    )
    result = extract(text)
    assert (result.title, result.doc_number) == ("测试市人民政府通告", "测政通〔2024〕2号")


def test_an_announcements_mark_and_number_give_way_to_its_own_title_below():
    text = (
        "测试市公安局通告\n（2024年第1号）\n关于示例区域临时交通管制的通告\n为保障示例活动顺利举行，现通告如下：\n"
        "一、管制区域\n特此通告。\n测试市公安局\n2024年5月1日\n"
    )
    result = extract(text)
    assert (result.title, result.doc_number) == ("关于示例区域临时交通管制的通告", "测试市公安局通告2024年第1号")


@pytest.mark.parametrize(
    "line",
    [
        "关于示例项目环评审批的公示_测试市生态环境局",
        "关于示例项目环评审批的公示 - 测试市人民政府网",
        "关于示例项目环评审批的公示-测试市人民政府门户网站",
        "测试市人民政府门户网站-关于示例项目环评审批的公示",
    ],
)
def test_a_pages_title_with_the_sites_name_beside_it_and_no_title_repeated_below(line):
    text = f"{line}\n发布日期：2024-05-08\n根据有关规定，现对示例项目环评审批情况予以公示。\n"
    assert extract(text).title == "关于示例项目环评审批的公示"


def test_a_title_with_a_hyphen_in_its_words_keeps_them():
    text = "测试市2024-2025年示例行动方案\n发布日期：2024-05-08\n为推进示例工作，制定本方案。\n"
    assert extract(text).title == "测试市2024-2025年示例行动方案"


@pytest.mark.parametrize(
    "head", ["测试市第五次全国经济普查公报（第一号）", "测试市第五次全国经济普查公报\n（第一号）"]
)
def test_a_series_sequence_is_part_of_a_bulletins_title(head):
    text = f"{head}\n测试市统计局\n2024年12月30日\n根据国家统一部署，我市开展了第五次全国经济普查。\n"
    result = extract(text)
    assert result.title == "测试市第五次全国经济普查公报（第一号）"
    assert (result.issuer, result.formed_on, result.doc_number) == ("测试市统计局", dt.date(2024, 12, 30), "")


def test_a_bulletins_issuers_and_date_in_brackets_under_its_title():
    text = (
        "首页 > 数据发布 > 统计公报\n2023年测试县国民经济和社会发展\n统计公报\n测试县统计局 测试县调查队\n"
        "（2024年3月25日）\n2023年，全县经济稳中有进。\n"
    )
    result = extract(text)
    assert result.title == "2023年测试县国民经济和社会发展统计公报"
    assert (result.issuer, result.formed_on) == ("测试县统计局 测试县调查队", dt.date(2024, 3, 25))


def test_joint_issuers_signing_one_under_another():
    text = (
        "国家市场监督管理总局　国家标准化管理委员会公告\n2024年第6号\n现批准发布示例国家标准。\n特此公告。\n"
        "国家市场监督管理总局\n国家标准化管理委员会\n2024年3月5日\n"
    )
    result = extract(text)
    assert result.doc_number == "国家市场监督管理总局 国家标准化管理委员会公告2024年第6号"
    assert (result.issuer, result.formed_on) == ("国家市场监督管理总局 国家标准化管理委员会", dt.date(2024, 3, 5))


@pytest.mark.parametrize(
    ("text", "title", "number"),
    [
        (
            "测试市示例区人民政府：\n测试市人民政府关于同意测试市示例区调整规划的批复\n测政复〔2024〕16号\n你区请示收悉。经研究，同意调整。\n"
            "测试市人民政府\n2024年3月6日\n",
            "测试市人民政府关于同意测试市示例区调整规划的批复",
            "测政复〔2024〕16号",
        ),
        (
            "测试市自然资源局\n测自然资函〔2024〕3号\n关于示例区地块规划条件的复函\n测试市示例区人民政府：\n"
            "你区《关于示例地块规划条件的函》收悉。经研究，函复如下。\n测试市自然资源局\n2024年2月1日\n",
            "关于示例区地块规划条件的复函",
            "测自然资函〔2024〕3号",
        ),
        (
            "某某某任职\n测试市人民政府关于某某某任职的通知\n测政任〔2024〕9号\n各区人民政府，市政府各部门：\n"
            "经研究，决定任命某某某为测试市示例中心主任。\n测试市人民政府\n2024年4月1日\n",
            "测试市人民政府关于某某某任职的通知",
            "测政任〔2024〕9号",
        ),
        (
            "测试市人民政府常务会议纪要\n第12期\n测试市人民政府办公室                2024年3月15日\n"
            "2024年3月12日，市长某某某主持召开市人民政府第12次常务会议，研究示例工作。现纪要如下：\n",
            "测试市人民政府常务会议纪要",
            "",
        ),
    ],
)
def test_replies_letters_appointments_and_minutes(text, title, number):
    result = extract(text)
    assert (result.title, result.doc_number) == (title, number)


@pytest.mark.parametrize(
    ("numeral", "count"),
    [("十", 10), ("十二", 12), ("三十一", 31), ("九十九", 99), ("一百零五", 105), ("一百一十", 110), ("二百", 200),
     ("一千零一", 1001), ("三三", None), ("十十", None), ("零", None), ("十百", None)],
)  # fmt: skip
def test_an_orders_sequence_in_chinese_numerals_is_counted(numeral, count):
    from gongkai.catalog.extraction.docnumbers import chinese_count, parse_order

    assert chinese_count(numeral) == count
    parsed = parse_order(f"中华人民共和国主席令第{numeral}号")
    assert (parsed.sequence, parsed.text) == (count, f"中华人民共和国主席令第{numeral}号") if count else parsed is None
