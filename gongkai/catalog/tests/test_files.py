"""Reading uploaded files: types by content, encodings, clear Chinese errors, sheets with line numbers."""

import datetime as dt
import io

import docx
import openpyxl
import pytest
from pypdf import PdfWriter

from gongkai.catalog.files import read_sheet, read_text, sniff
from gongkai.catalog.import_candidates import prepare_file, prepare_sheet
from gongkai.core.errors import InvalidInput

TODAY = dt.date(2026, 11, 29)
NOTICE = "关于做好春节期间值班工作的通知\n各单位：\n请做好值班。\n测试市甲局\n2026年1月5日\n"


def docx_bytes(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_utf8_and_gb18030_text_read_the_same():
    assert read_text("a.txt", NOTICE.encode("utf-8")) == NOTICE
    assert read_text("a.txt", NOTICE.encode("gb18030")) == NOTICE
    assert read_text("a.txt", b"\xef\xbb\xbf" + NOTICE.encode("utf-8")) == NOTICE


def test_docx_paragraphs_become_lines():
    assert (
        read_text("a.docx", docx_bytes(NOTICE.splitlines())).splitlines()[0]
        == "关于做好春节期间值班工作的通知"
    )


def test_a_pdf_without_text_is_refused_with_a_hint_about_scans():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(InvalidInput) as error:
        read_text("scan.pdf", buffer.getvalue())
    assert "扫描件" in error.value.message and "scan.pdf" in error.value.message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "空文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Office"),
        (b"PK\x03\x04broken", "已损坏"),
        (b"%PDF-1.4 garbage", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "不是文本文件"),
    ],
)
def test_unreadable_files_say_why_in_chinese(data, words):
    with pytest.raises(InvalidInput) as error:
        read_text("x.txt", data)
    assert words in error.value.message


def test_type_comes_from_content_not_from_the_name():
    assert sniff("report.txt", docx_bytes(["标题"])) == "docx"
    assert sniff("table.csv", xlsx_bytes([["信息名称"]])) == "xlsx"


def test_an_unreadable_file_becomes_a_candidate_with_an_error_not_an_exception():
    candidate = prepare_file("bad.pdf", b"%PDF-1.4 garbage", genre="other", today=TODAY)
    assert not candidate.ok and "bad.pdf" in candidate.errors[0]


SHEET = (
    "信息名称,文号,体裁分类,生成日期,栏目,正文\n"
    "关于甲的通知,测政发〔2026〕1号,通知公告,2026-01-05,art20-15,甲的正文\n"
    "关于乙的通知,测政发〔2026〕2号,不存在的体裁,2026-01-06,,乙的正文\n"
    '"关于丙的通知",测政发[2026]3号,notice,2026年1月7日,,"丙的正文\n第二段"\n'
    ",,,,,\n"
    "关于丁的通知,测政发〔20264号,其他文件,2026.1.8,,丁的正文\n"
)


def test_sheet_rows_keep_the_line_they_start_on():
    rows = read_sheet("list.csv", SHEET.encode("utf-8")).rows
    assert [row.line for row in rows] == [2, 3, 4, 7]  # the quoted cell spans lines 4-5; line 6 is empty


def test_a_bad_row_is_an_error_of_that_row_only():
    candidates, notes = prepare_sheet("list.csv", SHEET.encode("gb18030"), genre="other", today=TODAY)
    assert notes == []
    assert [(c.line, c.ok) for c in candidates] == [(2, True), (3, False), (4, True), (7, True)]
    assert "不存在的体裁" in candidates[1].errors[0]
    first, _, third, fourth = candidates
    assert (first.title, first.doc_number, first.genre, first.formed_on, first.columns) == (
        "关于甲的通知",
        "测政发〔2026〕1号",
        "notice",
        dt.date(2026, 1, 5),
        ["art20-15"],
    )
    assert third.doc_number == "测政发〔2026〕3号" and third.body == "丙的正文\n第二段"
    assert (fourth.doc_number, fourth.doc_number_damaged, fourth.genre) == (
        "测政发〔2026〕4号",
        True,
        "other_document",
    )


def test_xlsx_sheet_with_english_headers_and_date_cells():
    data = xlsx_bytes(
        [
            ["title", "genre", "formed_on", "body", "备注"],
            ["关于甲的通知", "notice", dt.datetime(2026, 1, 5), "正文", "x"],
            ["", "notice", "2026-13-01", "正文", ""],
        ]
    )
    candidates, notes = prepare_sheet("list.xlsx", data, genre="other", today=TODAY)
    assert notes == ["未识别的列“备注”已忽略"]
    assert candidates[0].ok and candidates[0].formed_on == dt.date(2026, 1, 5)
    assert candidates[1].line == 3
    assert any("信息名称" in error for error in candidates[1].errors)
    assert any("2026-13-01" in error for error in candidates[1].errors)


def test_a_row_naming_a_file_takes_body_and_missing_fields_from_it():
    sheet = "文件,体裁分类\nnotice.txt,通知公告\nmissing.txt,通知公告\n".encode()
    candidates, _ = prepare_sheet(
        "list.csv", sheet, genre="other", today=TODAY, files={"notice.txt": NOTICE.encode("gb18030")}
    )
    found, missing = candidates
    assert (found.title, found.issuer, found.formed_on, found.genre) == (
        "关于做好春节期间值班工作的通知",
        "测试市甲局",
        dt.date(2026, 1, 5),
        "notice",
    )
    assert missing.errors[0] == "找不到文件“missing.txt”" and missing.line == 3


def test_a_sheet_without_a_title_column_is_refused_as_a_whole():
    with pytest.raises(InvalidInput) as error:
        read_sheet("list.csv", "名字,正文\n甲,乙\n".encode())
    assert "信息名称" in error.value.message


@pytest.mark.parametrize(
    "name, data",
    [
        ("huge.csv", ("信息名称,文号\n" + "x" * 200_000 + ",1\n").encode()),
        ("cut.csv", b"\xff\xfe" + "信息名称\n".encode("utf-16-le") + b"\x00"),
        ("cut.txt", b"\xfe\xff\x00"),
    ],
)
def test_broken_sheets_are_refused_with_a_reason_not_a_crash(name, data):
    with pytest.raises(InvalidInput) as error:
        read_sheet(name, data)
    assert name in error.value.message


def test_a_saved_web_page_is_read_as_the_text_it_shows():
    # An office migrating its old site has its pages as .html files: the markup is not the text.
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于公布收费目录的公告</title>'
        "<style>p{color:red}</style><script>var a = 1;</script></head><body>"
        '<div class="crumb">首页 &gt; 通知公告</div><h1>关于公布收费目录的公告</h1>'
        "<table><tr><td>发布日期：</td><td>2024-11-20</td></tr></table>"
        "<p>示发改收费〔2024〕30号</p><p>现将行政事业性收费目录予以公布。</p>"
        "<p>示范市发展和改革委员会</p><p>2024年11月18日</p></body></html>"
    )
    text = read_text("page.html", page.encode())
    assert "<" not in text and "color" not in text and "var a" not in text
    candidate = prepare_file("page.html", page.encode("gb18030"), genre="other", today=TODAY)
    assert candidate.ok
    assert (candidate.title, candidate.doc_number) == ("关于公布收费目录的公告", "示发改收费〔2024〕30号")
    assert (candidate.formed_on, candidate.published_on) == (dt.date(2024, 11, 18), dt.date(2024, 11, 20))
    # The title is shown above the body: its two lines (<title> and <h1>) are not repeated in it.
    assert candidate.body.startswith("示发改收费〔2024〕30号\n现将") and "<" not in candidate.body


def test_the_title_line_at_the_top_of_a_text_is_not_repeated_in_the_body():
    text = "关于做好春节期间值班工作的通知\n\n关于做好春节期间值班工作的通知\n各单位：\n请做好值班。\n"
    candidate = prepare_file("notice.txt", text.encode(), genre="other", today=TODAY)
    assert candidate.title == "关于做好春节期间值班工作的通知"
    assert candidate.body == "各单位：\n请做好值班。"
    # Only lines that are the title go: a first line that merely contains it stays.
    circular = "各单位：\n现将《测试市值班管理办法》印发给你们，请遵照执行。\n"
    kept = prepare_file("circular.txt", circular.encode(), genre="other", today=TODAY)
    assert kept.title == "测试市值班管理办法" and kept.body == circular.strip()


def test_a_text_file_with_angle_brackets_is_not_taken_for_a_page():
    assert read_text("note.txt", "甲<乙，见<p>标记。".encode()) == "甲<乙，见<p>标记。"


def test_the_names_agencies_give_the_same_columns_are_read_and_unknown_ones_reported():
    sheet = (
        "文件名称,发文字号,体裁,成文日期,公开日期,发文机关,所属栏目,正文,备注\n"
        "关于甲的通知,测政发〔2026〕1号,通知公告,2026-01-05,2026-01-06,测试市甲局,art20-15,正文,x\n"
    ).encode()
    [candidate], notes = prepare_sheet("list.csv", sheet, genre="other", today=TODAY)
    assert notes == ["未识别的列“备注”已忽略"]
    assert (candidate.title, candidate.doc_number, candidate.formed_on, candidate.published_on) == (
        "关于甲的通知",
        "测政发〔2026〕1号",
        dt.date(2026, 1, 5),
        dt.date(2026, 1, 6),
    )
    assert (candidate.issuer, candidate.columns) == ("测试市甲局", ["art20-15"])
    alias = "栏目名称,信息标题,印发日期,发布时间,发文单位\nart20-15,关于乙的通知,2026-01-05,2026-01-06,乙局\n"
    [row] = read_sheet("list.csv", alias.encode()).rows
    assert set(row.values) == {"columns", "title", "formed_on", "published_on", "issuer"}


def test_an_unknown_genre_is_one_error_naming_the_closest_or_the_allowed_names():
    sheet = "信息名称,体裁,正文\n关于甲的纪要,会议纪要,正文\n关于乙的通知,通知公示,正文\n".encode()
    unknown, near = prepare_sheet("list.csv", sheet, genre="other", today=TODAY)[0]
    [error] = unknown.errors
    assert error.startswith("体裁分类“会议纪要”不存在，应为：规章、") and "通知公告" in error
    assert near.errors == ["体裁分类“通知公示”不存在，是否为“通知公告”？"]


def test_sheet_cells_win_over_the_file_and_void_what_its_extraction_warned():
    minutes = "会议研究了年度工作。\n请各单位抓好落实。\n".encode()
    damaged = "测政发〔202611号\n关于丙的通知\n请做好工作。\n测试市丙局\n2026年2月1日\n".encode()
    sheet = (
        "文件,信息名称,文号,发布机构,成文日期,体裁\n"
        "minutes.txt,关于召开年度工作会议的纪要,,,,会议纪要\n"
        "damaged.txt,关于丙事项的通知,测政发〔2026〕12号,测试市丁局,2026-01-20,通知公告\n"
    ).encode()
    files = {"minutes.txt": minutes, "damaged.txt": damaged}
    first, second = prepare_sheet("list.csv", sheet, genre="other", today=TODAY, files=files)[0]
    assert first.title == "关于召开年度工作会议的纪要"
    assert not any("标题" in warning for warning in first.warnings)
    assert (second.title, second.doc_number, second.doc_number_damaged, second.issuer, second.formed_on) == (
        "关于丙事项的通知",
        "测政发〔2026〕12号",
        False,
        "测试市丁局",
        dt.date(2026, 1, 20),
    )
    assert not any("202611" in warning or "发文机关" in warning for warning in second.warnings)
