"""`manage.py import_items`: the samples import cleanly; bad rows are reported by line and skipped."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEvent

# Until the catalogue's models and services are merged, these tests have nothing to run against.
pytest.importorskip("gongkai.catalog.services")
from gongkai.catalog.models import Item
from gongkai.testing import SAMPLES


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_items", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def dept(tree):
    return tree["dept_a"]


def test_the_five_samples_import_as_drafts_with_what_was_extracted(dept):
    out, err = run(str(SAMPLES), "--agency", "dept-a", "--date", "2026-11-30")
    assert "新建草稿 5 条" in out and "出错跳过 0 条" in out
    assert "导入" in err  # the tqdm progress bar
    items = {item.title: item for item in Item.objects.filter(agency=dept)}
    assert set(items) == {
        "市经信委2017年政府信息公开工作年度报告",
        "迎江区政府信息公开整改提升月活动总结",
        "芗城区外经局2008年政府信息公开工作年度报告大全",
        "“不見面、馬上辦”審批模式是自治區第十二次黨代會報告提出的全新審批模式",
        "政务公开工作总结和下一步工作方案",
    }
    assert all(item.state == "draft" and item.genre == "other" for item in items.values())
    report = items["芗城区外经局2008年政府信息公开工作年度报告大全"]
    assert report.formed_on == dt.date(2009, 1, 19)
    summary = items["迎江区政府信息公开整改提升月活动总结"]
    assert (summary.formed_on, summary.topic, summary.audience) == (
        dt.date(2015, 5, 29),
        "general",
        ["citizen"],
    )
    assert summary.keywords == "政府信息,公开,整改,总结" and summary.source == "市政府办公室"
    traditional = items["“不見面、馬上辦”審批模式是自治區第十二次黨代會報告提出的全新審批模式"]
    assert "審批" in traditional.body_text  # kept as written
    assert items["政务公开工作总结和下一步工作方案"].formed_on == dt.date(2026, 11, 30)
    assert AuditEvent.objects.filter(action="item.create").count() == 5


def test_a_re_run_skips_what_was_already_imported(dept):
    run(str(SAMPLES), "--agency", "dept-a")
    out, _ = run(str(SAMPLES), "--agency", "dept-a")
    assert "新建草稿 0 条，已存在跳过 5 条" in out
    assert "已导入过" in out
    assert Item.objects.filter(agency=dept).count() == 5


SHEET = (
    "信息名称,文号,体裁分类,生成日期,正文\n"
    "关于甲的通知,测政发〔2026〕1号,通知公告,2026-01-05,甲的正文\n"
    "关于乙的通知,测政发〔2026〕2号,不存在的体裁,2026-01-06,乙的正文\n"
    "关于丙的通知,测政发[2026]3号,notice,2026年1月7日,丙的正文\n"
)


def test_a_bad_row_in_the_middle_is_reported_with_its_line_and_the_rest_imported(dept, tmp_path):
    sheet = tmp_path / "items.csv"
    sheet.write_bytes(SHEET.encode("gb18030"))
    out, _ = run("--sheet", str(sheet), "--agency", "dept-a")
    assert "items.csv 第3行" in out and "不存在的体裁" in out
    assert "新建草稿 2 条" in out and "出错跳过 1 条" in out
    assert sorted(Item.objects.values_list("doc_number", flat=True)) == [
        "测政发〔2026〕1号",
        "测政发〔2026〕3号",
    ]


def test_a_traditional_number_copied_with_pinyin_is_stored_in_its_standard_form(dept, tmp_path):
    sheet = tmp_path / "items.csv"
    sheet.write_text(
        "信息名称,文号,体裁分类,生成日期,正文\n關於甲的通知,測府發(fā)〔2026〕4號,通知公告,2026-01-05,甲\n"
    )
    shown, _ = run("--sheet", str(sheet), "--agency", "dept-a", "--dry-run")
    assert "提示：文号“測府發(fā)〔2026〕4號”按规范写法（简体）记为“测府发〔2026〕4号”" in shown
    run("--sheet", str(sheet), "--agency", "dept-a")
    item = Item.objects.get()
    assert (item.title, item.doc_number) == ("關於甲的通知", "测府发〔2026〕4号")  # the title as written
    # Imports before the standard form kept the number as written: a re-run still recognises them.
    Item.objects.update(doc_number="測府發〔2026〕4號")
    out, _ = run("--sheet", str(sheet), "--agency", "dept-a")
    assert "已存在跳过 1 条" in out and Item.objects.count() == 1


def test_a_sheet_row_can_name_a_file_next_to_the_sheet(dept, tmp_path):
    (tmp_path / "notice.txt").write_text(
        "测政发〔2026〕9号\n关于做好春节期间值班工作的通知\n各单位：\n请做好值班。\n测试市甲局\n2026年1月5日\n"
    )
    (tmp_path / "items.xlsx").write_bytes(
        _xlsx([["文件", "体裁分类", "栏目"], ["notice.txt", "通知公告", ""]])
    )
    run("--sheet", str(tmp_path / "items.xlsx"), "--agency", "dept-a")
    item = Item.objects.get()
    assert (item.title, item.doc_number, item.formed_on, item.genre) == (
        "关于做好春节期间值班工作的通知",
        "测政发〔2026〕9号",
        dt.date(2026, 1, 5),
        "notice",
    )


def _xlsx(rows):
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_nothing_imported_is_a_failure(dept, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(CommandError, match="没有导入任何信息"):
        run(str(bad), "--agency", "dept-a")


def test_unknown_agency_and_genre_are_fatal(dept):
    with pytest.raises(CommandError, match="机构代码"):
        run(str(SAMPLES), "--agency", "nope")
    with pytest.raises(CommandError, match="体裁分类"):
        run(str(SAMPLES), "--agency", "dept-a", "--genre", "小说")


def test_dry_run_shows_the_extraction_and_writes_nothing(dept):
    out, _ = run(str(SAMPLES), "--agency", "dept-a", "--dry-run")
    assert "娄政办函〔2017〕66号" in out  # the damaged cited number, as read
    assert "芗城区外经贸局" in out
    assert Item.objects.count() == 0


def test_an_unknown_column_fails_only_that_row(dept, tmp_path):
    sheet = tmp_path / "items.csv"
    sheet.write_text("信息名称,栏目,正文,生成日期\n甲,不存在的栏目,正文,2026-01-05\n乙,,正文,2026-01-05\n")
    out, _ = run("--sheet", str(sheet), "--agency", "dept-a")
    assert "第2行" in out and "不存在的栏目" in out
    assert list(Item.objects.values_list("title", flat=True)) == ["乙"]


def test_the_actor_is_the_named_staff_member_and_rights_are_checked(staff, tmp_path):
    sheet = tmp_path / "items.csv"
    sheet.write_text("信息名称,正文,生成日期\n甲,正文,2026-01-05\n")
    with pytest.raises(CommandError):
        run("--sheet", str(sheet), "--agency", "dept-a", "--user", "handler_b")  # another agency's handler
    run("--sheet", str(sheet), "--agency", "dept-a", "--user", "handler_a")
    assert Item.objects.get().created_by == staff["handler_a"]


def _notice(folder, name, body):
    path = folder / name
    path.write_text(f"测政发〔2026〕9号\n关于做好{name}的通知\n各单位：\n{body}\n测试市甲局\n2026年1月5日\n")
    return path


def test_publish_gives_an_index_number_and_uses_the_documents_publication_date(dept, tmp_path):
    path = _notice(tmp_path, "值班", "请做好值班。")
    run(str(path), "--agency", "dept-a", "--publish", "--date", "2026-01-09")
    item = Item.objects.get()
    assert item.state == "published" and item.index_no
    assert (item.published_on, item.late) == (dt.date(2026, 1, 9), False)


def test_publish_refused_by_screening_rolls_the_item_back_and_never_overrides(dept, tmp_path):
    clean = _notice(tmp_path, "值班", "请做好值班。")
    personal = _notice(tmp_path, "联系", "联系人身份证号11010519491231002X。")
    out, _ = run(str(clean), str(personal), "--agency", "dept-a", "--publish", "--date", "2026-01-09")
    assert "联系" in out and "审查" in out
    assert "新建并发布 1 条" in out and "出错跳过 1 条" in out
    assert list(Item.objects.values_list("title", flat=True)) == ["关于做好值班的通知"]


def test_a_folder_of_saved_web_pages_is_imported_as_their_text(dept, tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>关于公布收费目录的公告</title></head><body><h1>关于公布收费目录的公告</h1>"
        "<p>测政发〔2024〕30号</p><p>现将收费目录予以公布。</p><p>测试市甲局</p><p>2024年11月18日</p></body></html>",
        encoding="utf-8",
    )
    out, _ = run(str(tmp_path), "--agency", "dept-a", "--date", "2026-11-30")
    assert "新建草稿 1 条" in out
    item = Item.objects.get()
    assert (item.title, item.doc_number) == ("关于公布收费目录的公告", "测政发〔2024〕30号")
    assert "&lt;" not in item.body and "<h1>" not in item.body
