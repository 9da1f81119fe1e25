"""Public items are searchable from the moment they are published, and only while public."""

import datetime as dt

from gongkai.catalog import services
from gongkai.core.system import SYSTEM
from gongkai.search.models import SearchDocument


def search(api, q):
    return api().get("/search", q=q).json()


def test_published_items_are_found_and_hidden_ones_are_not(api, draft, published):
    draft(title="尚在起草的垃圾分类办法")
    item = published(title="关于推进垃圾分类工作的通知", body="各街道：请做好垃圾分类宣传。")
    results = search(api, "垃圾分类")["results"]
    assert [row["index_no"] for row in results] == [item.index_no]
    services.set_internal(item, actor=SYSTEM, internal=True)
    assert search(api, "垃圾分类")["total"] == 0
    services.set_internal(item, actor=SYSTEM, internal=False)
    assert search(api, "垃圾分类")["total"] == 1


def test_the_index_follows_validity(published):
    item = published(title="某某管理办法")
    services.abolish_item(item, actor=SYSTEM, on=dt.date(2024, 12, 2))
    assert SearchDocument.objects.get(key=f"catalog.item:{item.pk}").validity == "abolished"


def test_a_refused_publication_leaves_no_index_entry(draft):
    import pytest

    from gongkai.core.errors import RuleViolation

    item = draft(body="手机13812345678")
    with pytest.raises(RuleViolation):
        services.publish_item(item, actor=SYSTEM, on=dt.date(2024, 9, 27))
    assert not SearchDocument.objects.filter(key=f"catalog.item:{item.pk}").exists()


def test_search_matches_title_and_body_only_as_domain_search_md_defines(api, published):
    """A term only in the summary or keywords is no hit: every hit is visible in the text."""
    item = published(
        title="关于做好秋季开学工作的通知",
        body="各学校：请做好开学准备。",
        summary="义务教育招生安排",
        keywords="招生,义务教育",
    )
    assert search(api, "招生")["total"] == 0
    assert [row["index_no"] for row in search(api, "开学准备")["results"]] == [item.index_no]
    assert [row["index_no"] for row in search(api, "秋季开学")["results"]] == [item.index_no]


def test_attachment_text_is_searched_with_the_body_and_hidden_items_are_not_found(api, draft):
    """Attachment text continues the body (docs/decisions.md); a draft's or an internal item's
    text is never found, not even in an attachment."""
    import io

    import docx
    from django.core.files.uploadedfile import SimpleUploadedFile

    def attached(item, line):
        document = docx.Document()
        document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        services.upload_attachment(item, actor=SYSTEM, upload=SimpleUploadedFile("附件.docx", buffer.getvalue()))
        return item

    public = attached(draft(title="关于公布名录的通知"), "附件所列单位：青松养老服务中心")
    services.publish_item(public, actor=SYSTEM, on=dt.date(2024, 9, 27))
    attached(draft(title="起草中的名录"), "附件所列单位：青松养老服务中心")
    internal = attached(draft(title="内部名录", internal=True), "附件所列单位：青松养老服务中心")
    services.publish_item(internal, actor=SYSTEM, on=dt.date(2024, 9, 27))
    body = search(api, "青松养老")
    assert [row["index_no"] for row in body["results"]] == [public.index_no] and body["total"] == 1
    assert "<mark>青松养老</mark>" in body["results"][0]["snippet"]
