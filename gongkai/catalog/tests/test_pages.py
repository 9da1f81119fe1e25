"""Public pages: catalogue index, agency/column/year, item metadata table, feeds, sitemap, statistics."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog import services
from gongkai.core.system import SYSTEM

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def items(published, tree):
    policy = published(
        title="测试市甲局政务公开管理办法",
        genre="normative_document",
        doc_number="测甲发〔2024〕3号",
        keywords="政务公开,办法",
        topic="general",
        audience=["citizen"],
        summary="规范本局政务公开工作。",
    )
    interpretation = published(title="《管理办法》政策解读", genre="interpretation", interprets=policy)
    news = published(
        title="我局召开政务公开工作会议", genre="news", on=dt.date(2025, 3, 3), formed_on=dt.date(2025, 3, 3)
    )
    hidden = published(title="内部通报", internal=True)
    return {"policy": policy, "interpretation": interpretation, "news": news, "hidden": hidden}


def test_item_page_shows_the_metadata_table_in_order(client, items):
    page = client.get(items["policy"].get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    labels = ["索引号", "信息分类", "发布机构", "生成日期", "发布日期", "文号", "信息名称", "内容概述",
              "关键词", "主题分类", "体裁分类", "服务对象分类", "信息来源", "公开方式", "公开范围", "有效性"]  # fmt: skip
    positions = [html.index(f">{label}</th>") for label in labels]
    assert positions == sorted(positions)
    for value in [
        "000000002/2024-00001",
        "测甲发〔2024〕3号",
        "行政规范性文件",
        "综合政务",
        "公民",
        "现行有效",
        "政府网站",
    ]:
        assert value in html
    assert "《管理办法》政策解读" in html  # the interpretation is linked from the policy


def test_abolished_and_amended_marks_link_to_the_successor(client, items, published):
    new = published(title="新管理办法")
    services.amend_item(items["policy"], actor=SYSTEM, on=dt.date(2024, 12, 2), successor=new)
    html = client.get(items["policy"].get_absolute_url()).content.decode()
    assert "已修改" in html and new.get_absolute_url() in html
    # The new version links back to the document it amended.
    newer = client.get(new.get_absolute_url()).content.decode()
    back = newer[newer.index('id="predecessors-title"') :]
    assert items["policy"].get_absolute_url() in back and "2024-12-02修改" in back
    services.set_internal(items["policy"], actor=SYSTEM, internal=True)
    assert 'id="predecessors-title"' not in client.get(new.get_absolute_url()).content.decode()
    services.set_internal(items["policy"], actor=SYSTEM, internal=False)
    services.abolish_item(items["policy"], actor=SYSTEM, on=dt.date(2025, 1, 2))
    html = client.get(items["policy"].get_absolute_url()).content.decode()
    assert "已废止" in html and "2025-01-02" in html


def test_internal_and_unpublished_items_are_not_on_the_pages(client, items, draft):
    assert client.get(items["hidden"].get_absolute_url()).status_code == 404
    listing = client.get("/catalog/dept-a/").content.decode()
    assert "内部通报" not in listing
    assert "测试市甲局政务公开管理办法" in listing
    draft(title="尚未发布的草稿")
    assert "尚未发布的草稿" not in client.get("/catalog/").content.decode()


def test_agency_catalogue_by_column_and_year_with_filters(client, items):
    assert "我局召开政务公开工作会议" in client.get("/catalog/dept-a/news/").content.decode()
    assert "测试市甲局政务公开管理办法" not in client.get("/catalog/dept-a/news/").content.decode()
    by_year = client.get("/catalog/dept-a/", {"year": 2025}).content.decode()
    assert "我局召开政务公开工作会议" in by_year and "管理办法》政策解读" not in by_year
    by_genre = client.get("/catalog/dept-a/", {"genre": "interpretation"}).content.decode()
    assert "《管理办法》政策解读" in by_genre and "工作会议" not in by_genre
    assert client.get("/catalog/dept-a/nope/").status_code == 404
    assert client.get("/catalog/nope/").status_code == 404


def test_interpretation_page_lists_interpretations_with_their_policy(client, items):
    html = client.get("/catalog/interpretations/").content.decode()
    assert "《管理办法》政策解读" in html and "测试市甲局政务公开管理办法" in html


def test_feeds_per_agency_and_column(client, items):
    rss = client.get("/catalog/feeds/dept-a/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "测试市甲局政务公开管理办法" in body and "内部通报" not in body
    atom = client.get("/catalog/feeds/dept-a/news/atom/").content.decode()
    assert "我局召开政务公开工作会议" in atom and "管理办法" not in atom


def test_sitemap_lists_public_items_only(client, items):
    xml = client.get("/sitemap.xml").content.decode()
    assert items["policy"].get_absolute_url() in xml
    assert items["hidden"].get_absolute_url() not in xml


def test_statistics_page_counts_items_per_column_and_year_with_an_svg_chart(client, items):
    html = client.get("/catalog/statistics/", {"agency": "dept-a"}).content.decode()
    assert "<svg" in html and "<rect" in html
    assert "2024年" in html and "2025年" in html
    assert "style=" not in html.split("<svg")[1].split("</svg>")[0]


def test_the_yearly_chart_counts_an_item_in_two_columns_once(client, published):
    published(title="年度报告及解读", genre="annual_report", columns=["annual_report", "interpretation"])
    published(title="工作动态", genre="news", on=dt.date(2025, 3, 3), formed_on=dt.date(2025, 3, 3))
    html = client.get("/catalog/statistics/", {"agency": "dept-a"}).content.decode()
    chart = html.split("<svg")[1].split("</svg>")[0]
    assert '<desc id="chart-desc">2024年1条；2025年1条；</desc>' in chart
    footer = html.split("<tfoot>")[1].split("</tfoot>")[0]
    assert (
        '<th scope="row">公开信息条数</th><td class="num">1</td><td class="num">1</td><td class="num">2</td>'
        in footer
    )


def test_attachments_are_downloads_and_hidden_for_unpublished_items(client, draft):
    item = draft()
    attachment = services.upload_attachment(
        item, actor=SYSTEM, upload=SimpleUploadedFile("规定.pdf", PDF, content_type="text/plain")
    )
    assert attachment.content_type == "application/pdf"
    url = f"/catalog/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 404
    services.publish_item(item, actor=SYSTEM, on=dt.date(2024, 9, 27))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.pdf", b"MZ\x90\x00 not a pdf"),
        ("macro.xls", b"PK\x03\x04garbage"),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
    ],
)
def test_attachments_are_typed_by_content_not_by_name(draft, name, content):
    from gongkai.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as error:
        services.upload_attachment(draft(), actor=SYSTEM, upload=SimpleUploadedFile(name, content))
    assert error.value.code == "attachment_type_not_allowed"


def test_attachments_above_the_size_limit_are_refused(draft, settings):
    from gongkai.core.errors import InvalidInput

    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(InvalidInput) as error:
        services.upload_attachment(draft(), actor=SYSTEM, upload=SimpleUploadedFile("a.pdf", PDF))
    assert error.value.code == "attachment_too_large"


def test_attachment_text_is_screened_before_publication(draft):
    import io

    import docx

    from gongkai.core.errors import RuleViolation

    document = docx.Document()
    document.add_paragraph("联系人手机13912345678")
    buffer = io.BytesIO()
    document.save(buffer)
    item = draft()
    services.upload_attachment(item, actor=SYSTEM, upload=SimpleUploadedFile("名单.docx", buffer.getvalue()))
    with pytest.raises(RuleViolation) as error:
        services.publish_item(item, actor=SYSTEM, on=dt.date(2024, 9, 27))
    assert error.value.details["findings"][0]["field"].startswith("attachment:")
