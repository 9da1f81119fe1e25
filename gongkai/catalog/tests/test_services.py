"""Services: drafting, screening, publication with 索引号 and the Art. 26 clock, validity."""

import datetime as dt

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.catalog import services
from gongkai.catalog.models import CatalogSettings, Item
from gongkai.catalog.signals import item_changed
from gongkai.core.errors import Forbidden, InvalidInput, NotFound, RuleViolation
from gongkai.core.system import SYSTEM

PHONE_BODY = "联系人：张三，电话13812345678。"


def test_a_not_disclosed_item_needs_its_legal_reason(tree):
    with pytest.raises(InvalidInput) as error:
        services.create_item(
            actor=SYSTEM,
            agency=tree["dept_a"],
            title="内部讨论稿",
            genre="other_document",
            formed_on=dt.date(2024, 1, 2),
            disclosure="not_disclosed",
        )
    assert error.value.code == "not_disclosed_reason_required"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("genre", "poem", "invalid_genre"),
        ("disclosure", "secret", "invalid_disclosure"),
        ("topic", "weather", "invalid_topic"),
        ("audience", ["alien"], "invalid_audience"),
    ],
)
def test_unknown_codes_are_refused(draft, field, value, code):
    with pytest.raises(InvalidInput) as error:
        draft(**{field: value})
    assert error.value.code == code


def test_a_draft_lands_in_the_default_column_of_its_genre_and_its_body_is_sanitised(draft):
    item = draft(genre="interpretation", body='<p onclick="x()">解读</p><script>alert(1)</script>')
    assert [column.code for column in item.columns.all()] == ["interpretation"]
    assert "script" not in item.body and "onclick" not in item.body
    assert item.body_text == "解读"
    assert item.source == "测试市甲局"


def test_columns_are_chosen_by_code_or_by_their_chinese_name(draft):
    item = draft(columns=["政策解读", "news"])
    assert sorted(column.code for column in item.columns.all()) == ["interpretation", "news"]
    with pytest.raises(InvalidInput) as error:
        draft(columns=["政策解读", "没有的栏目"])
    assert error.value.code == "unknown_column" and error.value.details == {"columns": ["没有的栏目"]}


def test_staff_of_another_agency_cannot_draft_for_it(tree, staff):
    with pytest.raises(NotFound):
        services.create_item(
            actor=staff["handler_b"],
            agency=tree["dept_a"],
            title="x",
            genre="news",
            formed_on=dt.date(2024, 1, 2),
        )


def test_publication_gives_the_index_number_the_due_day_and_lateness(published):
    item = published(on=dt.date(2024, 9, 27))
    assert item.index_no == "000000002/2024-00001"
    assert item.state == "published"
    assert item.published_on == dt.date(2024, 9, 27)
    assert item.due_on == dt.date(2024, 10, 23)  # 20 working days, National Day week not counted
    assert item.late is False
    late = published(on=dt.date(2024, 10, 24))
    assert late.index_no == "000000002/2024-00002"
    assert late.late is True


def test_index_numbers_count_per_agency_and_year_and_follow_the_agency_pattern(tree, published):
    CatalogSettings.objects.create(agency=tree["dept_b"], index_pattern="{prefix}/{year}{month}-{seq:05d}")
    assert published(on=dt.date(2024, 12, 30)).index_no == "000000002/2024-00001"
    assert published(on=dt.date(2025, 1, 6)).index_no == "000000002/2025-00001"
    other = published(agency=tree["dept_b"], on=dt.date(2025, 5, 6))
    assert other.index_no == "000000003/202505-00001"


def test_a_refused_publication_does_not_use_up_a_number(published, draft):
    with pytest.raises(RuleViolation):
        services.publish_item(draft(body=PHONE_BODY), actor=SYSTEM, on=dt.date(2024, 9, 27))
    assert published().index_no.endswith("-00001")


def test_screening_findings_block_publication_with_masked_findings(draft, staff):
    item = draft(body=PHONE_BODY)
    with pytest.raises(RuleViolation) as error:
        services.publish_item(item, actor=staff["reviewer_a"], on=dt.date(2024, 9, 27))
    assert error.value.code == "screening_findings"
    finding = error.value.details["findings"][0]
    assert finding["kind"] == "mobile" and finding["field"] == "body" and finding["severity"] == "block"
    assert "13812345678" not in str(error.value.details)
    item.refresh_from_db()
    assert item.state == "draft" and item.index_no is None


def test_the_title_is_screened_and_a_secret_marker_blocks_like_personal_data(draft, staff):
    """domain/screening.md: screening runs on title, body and attachments; secret markers block."""
    item = draft(title="关于张三（身份证号11010519491231002X）的处理决定", body="机密★1年\n正文")
    with pytest.raises(RuleViolation) as error:
        services.publish_item(item, actor=staff["reviewer_a"], on=dt.date(2024, 9, 27))
    found = [(f["field"], f["kind"], f["severity"], f["masked"]) for f in error.value.details["findings"]]
    assert found == [
        ("title", "id_card", "block", "110105********002X"),
        ("body", "secret_marker", "block", "机密★1年"),
    ]


def test_a_reviewer_may_override_findings_with_a_reason_which_is_audited(draft, staff):
    item = draft(body=PHONE_BODY)
    item = services.publish_item(
        item, actor=staff["reviewer_a"], on=dt.date(2024, 9, 27), override_reason="办事电话，经本人同意公开"
    )
    assert item.state == "published"
    event = AuditEvent.objects.filter(action="item.publish").latest("id")
    assert event.data["override_reason"] == "办事电话，经本人同意公开"
    assert event.actor == staff["reviewer_a"]


def test_a_handler_cannot_publish(draft, staff):
    with pytest.raises(Forbidden):
        services.publish_item(draft(), actor=staff["handler_a"], on=dt.date(2024, 9, 27))


def test_only_proactive_items_are_published(draft):
    with pytest.raises(RuleViolation) as error:
        services.publish_item(draft(disclosure="on_request"), actor=SYSTEM, on=dt.date(2024, 9, 27))
    assert error.value.code == "not_proactive"


def test_screen_then_review_then_publish(draft, staff):
    item = draft()
    assert services.screen_item(item, actor=staff["handler_a"]) == []
    assert item.state == "screened"
    services.review_item(item, actor=staff["reviewer_a"])
    assert item.state == "reviewed"
    services.publish_item(item, actor=staff["reviewer_a"], on=dt.date(2024, 9, 27))
    item.refresh_from_db()
    assert item.state == "published"


def test_published_items_cannot_be_edited_or_deleted(published, staff):
    item = published()
    with pytest.raises(RuleViolation):
        services.update_item(item, actor=staff["handler_a"], title="改")
    with pytest.raises(RuleViolation):
        services.delete_draft(item, actor=staff["handler_a"])


def test_editing_a_screened_item_sends_it_back_to_draft(draft, staff):
    item = draft()
    services.screen_item(item, actor=staff["handler_a"])
    services.update_item(item, actor=staff["handler_a"], title="新标题")
    assert item.state == "draft" and item.title == "新标题"


def test_abolish_and_amend_mark_validity_with_dates_and_links(published, staff):
    old, new = published(title="旧办法"), published(title="新办法")
    services.amend_item(old, actor=staff["reviewer_a"], on=dt.date(2024, 10, 8), successor=new)
    assert (old.validity, old.amended_on, old.successor) == ("amended", dt.date(2024, 10, 8), new)
    services.abolish_item(old, actor=staff["reviewer_a"], on=dt.date(2024, 11, 1))
    assert (old.validity, old.abolished_on) == ("abolished", dt.date(2024, 11, 1))
    with pytest.raises(RuleViolation) as error:
        services.abolish_item(old, actor=staff["reviewer_a"], on=dt.date(2024, 11, 2))
    assert error.value.code == "already_abolished"


@pytest.mark.parametrize("act", ["abolish", "amend"])
def test_abolition_or_amendment_dated_after_today_is_refused(published, staff, act):
    """The mark shows at once (本文件已于…废止): a document is marked on the day it stops being in
    force, and stays 现行有效 until then."""
    item = published(title="某某管理办法")
    mark = services.abolish_item if act == "abolish" else services.amend_item
    with pytest.raises(RuleViolation) as error:
        mark(item, actor=staff["reviewer_a"], on=dt.date(2025, 1, 1), today=dt.date(2024, 12, 31))
    assert error.value.code == "date_in_future"
    item.refresh_from_db()
    assert (item.validity, item.abolished_on, item.amended_on) == ("valid", None, None)
    mark(item, actor=staff["reviewer_a"], on=dt.date(2024, 12, 31), today=dt.date(2024, 12, 31))
    assert item.validity == ("abolished" if act == "abolish" else "amended")


def test_abolishing_a_draft_is_refused(draft):
    with pytest.raises(RuleViolation) as error:
        services.abolish_item(draft(), actor=SYSTEM, on=dt.date(2024, 11, 1))
    assert error.value.code == "not_published"


def test_an_interpretation_published_more_than_three_working_days_late_is_flagged(published):
    policy = published(title="某某办法", genre="normative_document", on=dt.date(2024, 9, 27))
    in_time = published(genre="interpretation", interprets=policy, on=dt.date(2024, 10, 8))
    late = published(genre="interpretation", interprets=policy, on=dt.date(2024, 10, 9))
    assert Item.objects.get(pk=in_time.pk).interpretation_lag == 3
    assert Item.objects.get(pk=late.pk).interpretation_lag == 4


def test_interprets_is_only_for_interpretations(draft, published):
    with pytest.raises(InvalidInput):
        draft(genre="notice", interprets=published())


def test_item_changed_is_sent_inside_the_transaction_for_each_state_change(draft):
    seen = []

    def receiver(sender, item, action, **kwargs):
        from django.db import connection

        seen.append((action, connection.in_atomic_block))

    item_changed.connect(receiver)
    try:
        item = draft()
        services.publish_item(item, actor=SYSTEM, on=dt.date(2024, 9, 27))
        services.abolish_item(item, actor=SYSTEM, on=dt.date(2024, 12, 2))
    finally:
        item_changed.disconnect(receiver)
    assert [action for action, _ in seen] == ["created", "published", "abolished"]
    assert all(atomic for _, atomic in seen)


def test_deleting_a_draft_removes_it(draft, staff):
    item = draft()
    services.delete_draft(item, actor=staff["handler_a"])
    assert not Item.objects.filter(pk=item.pk).exists()


def test_a_deleted_draft_loses_its_files_only_when_the_deletion_commits(
    draft, staff, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    settings.MEDIA_ROOT = tmp_path
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

    item = draft()
    kept = services.upload_attachment(item, actor=SYSTEM, upload=SimpleUploadedFile("a.pdf", pdf)).file.name
    pk = item.pk
    with pytest.raises(RuntimeError), transaction.atomic():  # the deletion rolls back: file stays
        services.delete_draft(item, actor=staff["handler_a"])
        raise RuntimeError
    assert Item.objects.filter(pk=pk).exists() and default_storage.exists(kept)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.delete_draft(Item.objects.get(pk=pk), actor=staff["handler_a"])
    assert default_storage.exists(kept)  # still there until the commit
    for callback in callbacks:
        callback()
    assert not default_storage.exists(kept)
