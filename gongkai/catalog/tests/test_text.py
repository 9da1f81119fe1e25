"""Item bodies: the import's escaped paragraphs skip nh3 only where nh3 would return them unchanged."""

import pytest

from gongkai.catalog.import_candidates import _FolderFiles
from gongkai.catalog.import_creation import body_html
from gongkai.catalog.text import (
    PLAIN_PARAGRAPHS,
    html_to_text,
    nh3_sanitized,
    nh3_text,
    sanitize_body,
    with_scrollable_tables,
)

TEXTS = [
    "关于印发政务公开工作要点的通知\n\n各有关单位：\n  a<b & c>d \"引号\" 'x'",
    "&amp; &lt; &gt; &quot; &#65; &nbsp;",
    "制表\t符\u3000全角空格\u3000\n\u2028行分隔\ufeff零宽",
    "不换行\xa0空格",  # nh3 writes &nbsp;
    "回车\r在行中",  # the HTML parser makes it a line break
    "空字符\x00与控制字符\x01\x85",
    "<script>alert(1)</script><b>粗</b>",
]


@pytest.mark.parametrize("text", TEXTS)
def test_imported_bodies_read_as_nh3_reads_them(text):
    body = body_html(text)
    assert sanitize_body(body) == nh3_sanitized(body)
    assert html_to_text(sanitize_body(body)) == nh3_text(nh3_sanitized(body))


def test_only_markup_nh3_keeps_as_it_is_skips_the_sanitiser():
    assert PLAIN_PARAGRAPHS.fullmatch(body_html("a<b & c>d “引号”\t制表"))
    for text in ("不换行\xa0空格", "回车\r在行中", "空字符\x00"):
        assert not PLAIN_PARAGRAPHS.fullmatch(body_html(text))
    for markup in ("<p>&quot;</p>", "<p>&#65;</p>", "<p>a</p><b>b</b>", "<p>a</p>\n<p>b</p>", "<p></p"):
        assert not PLAIN_PARAGRAPHS.fullmatch(markup)


def test_sheet_files_are_read_from_the_folder_only(tmp_path):
    folder, outside = tmp_path / "sheet", tmp_path / "secret.txt"
    folder.mkdir()
    outside.write_text("机密", encoding="utf-8")
    (folder / "a.txt").write_text("正文", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    (folder / "inner.txt").symlink_to(folder / "a.txt")
    (folder / "sub").mkdir()
    files = _FolderFiles(folder)
    assert files.get("a.txt") == "正文".encode()
    assert files.get("inner.txt") == "正文".encode()  # a link that stays in the folder
    assert files.get("link.txt") is None
    assert files.get("../secret.txt") is None
    assert files.get(str(outside)) is None
    assert files.get("sub") is None
    assert files.get("missing.txt", b"") == b""


def test_a_body_table_is_put_in_a_scrolling_box_named_by_its_caption():
    body = "<p>前言</p><div><table><caption>收到和处理&amp;情况</caption><tr><td>1</td></tr></table></div>"
    assert with_scrollable_tables(body) == (
        '<p>前言</p><div><div class="table-scroll" role="region" tabindex="0" aria-label="收到和处理&amp;情况">'
        "<table><caption>收到和处理&amp;情况</caption><tr><td>1</td></tr></table></div></div>"
    )


def test_a_table_without_caption_is_named_plainly_and_a_body_without_tables_is_unchanged():
    assert with_scrollable_tables("<table><tr><td>1</td></tr></table>") == (
        '<div class="table-scroll" role="region" tabindex="0" aria-label="表格"><table><tr><td>1</td></tr></table></div>'
    )
    assert with_scrollable_tables("<p>无表格</p>") == "<p>无表格</p>"
