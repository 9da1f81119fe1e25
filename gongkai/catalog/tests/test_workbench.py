"""Workbench pages: draft form, screening findings highlighted, reviewer override, validity."""

import datetime as dt

import pytest

from gongkai.catalog.models import Item
from gongkai.workbench import registry

FORM = {
    "title": "关于办事指南的通知",
    "genre": "notice",
    "formed_on": "2024-09-20",
    "disclosure": "proactive",
    "body": "咨询电话13812345678，欢迎来电。",
    "publication_modes": ["website"],
}


@pytest.fixture
def login(client, staff):
    def as_user(name):
        client.force_login(staff[name])
        return client

    return as_user


def test_handler_drafts_an_item_with_the_form(login):
    client = login("handler_a")
    response = client.post("/workbench/catalog/new/", FORM)
    assert response.status_code == 302
    item = Item.objects.get()
    assert item.state == "draft" and item.agency.code == "dept-a"
    page = client.get(response["Location"]).content.decode()
    assert 'data-kind="mobile" title="138****5678">13812345678</mark>' in page
    assert "发布须由审核人操作" in page


def test_publication_blocked_then_reviewer_overrides_with_a_reason(login, draft):
    item = draft(body=FORM["body"])
    client = login("reviewer_a")
    blocked = client.post(f"/workbench/catalog/{item.pk}/publish/", {"date": "2024-09-27"})
    assert blocked.status_code == 409
    html = blocked.content.decode()
    assert "data-findings" in html and "放行理由" in html
    item.refresh_from_db()
    assert item.state == "draft"
    done = client.post(
        f"/workbench/catalog/{item.pk}/publish/",
        {"date": "2024-09-27", "override_reason": "单位咨询电话，应当公开"},
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.state == "published" and item.index_no


def test_staff_of_another_agency_cannot_open_the_item(login, draft):
    item = draft()
    assert login("handler_b").get(f"/workbench/catalog/{item.pk}/").status_code == 404


def test_reviewer_abolishes_a_published_item(login, published):
    item = published()
    client = login("reviewer_a")
    client.post(f"/workbench/catalog/{item.pk}/abolish/", {"date": "2024-12-02"})
    item.refresh_from_db()
    assert item.validity == "abolished"


def test_list_shows_own_agency_items(login, draft, tree):
    draft(title="甲局草稿")
    draft(title="乙局草稿", agency=tree["dept_b"])
    html = login("handler_a").get("/workbench/catalog/").content.decode()
    assert "甲局草稿" in html and "乙局草稿" not in html


def test_unpublished_proactive_items_appear_as_todos_with_their_due_day(draft, staff, tree):
    draft(formed_on=dt.date(2024, 9, 20))
    todos = registry.todos(staff["handler_a"], tree["dept_a"], dt.date(2024, 10, 21))
    mine = [todo for todo in todos if todo.kind == "主动公开"]
    assert mine and mine[0].due_on == dt.date(2024, 10, 23) and mine[0].days_left == 2


def test_the_staff_page_shows_the_reviewer_and_the_override(login, draft, staff):
    item = draft(body=FORM["body"])
    client = login("reviewer_a")
    client.post(
        f"/workbench/catalog/{item.pk}/publish/",
        {"date": "2024-09-27", "override_reason": "单位对外公布的咨询电话，应当公开"},
    )
    page = client.get(f"/workbench/catalog/{item.pk}/").content.decode()
    signoff = page[page.index("data-signoff") :]
    signoff = signoff[: signoff.index("</section>")]
    assert "审核人</dt><dd data-reviewer>reviewer_a</dd>" in signoff
    assert "发布人</dt><dd data-publisher>reviewer_a（2024-09-27）" in signoff
    assert "放行理由：单位对外公布的咨询电话，应当公开" in signoff
    assert "手机号码 138****5678" in signoff and "13812345678" not in signoff


def test_a_thin_override_reason_is_refused_on_the_page(login, draft):
    item = draft(body=FORM["body"])
    response = login("reviewer_a").post(
        f"/workbench/catalog/{item.pk}/publish/", {"date": "2024-09-27", "override_reason": "同意"}
    )
    assert response.status_code == 422
    assert "放行理由须具体说明为何可以公开" in response.content.decode()


def _field(html: str, name: str) -> str:
    """The markup of one field of a form rendered by ``includes/form_field.html``."""
    start = html.rindex("<div", 0, html.index(f'id="field-{name}"'))
    return html[start : html.index("</div>", start)]


def test_a_refused_override_is_shown_at_the_reason_field_with_the_reason_kept_and_focused(login, draft):
    item = draft(body=FORM["body"])
    response = login("reviewer_a").post(
        f"/workbench/catalog/{item.pk}/publish/", {"date": "2024-09-27", "override_reason": "同意"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    reason = _field(html, "override_reason")
    assert "field-invalid" in reason and "放行理由须具体说明为何可以公开" in reason
    assert "autofocus" in reason and ">\n同意</textarea>" in reason
    assert 'value="2024-09-27"' in _field(html, "date")
    assert 'class="messages"' not in html  # not in the message bar at the top, away from the form
    assert '<a href="#id_override_reason">放行理由（审核人）：放行理由须具体说明' in html


def test_a_publication_without_a_reason_over_a_blocking_finding_is_refused_at_the_reason_field(login, draft):
    item = draft(body=FORM["body"])
    response = login("reviewer_a").post(f"/workbench/catalog/{item.pk}/publish/", {"date": "2024-09-27"})
    assert response.status_code == 409
    assert "发布前审查发现1处" in _field(response.content.decode(), "override_reason")


def test_a_publication_date_before_the_document_was_formed_is_refused_at_the_date_field(login, draft):
    item = draft(formed_on=dt.date(2024, 9, 20))
    response = login("reviewer_a").post(f"/workbench/catalog/{item.pk}/publish/", {"date": "2024-09-01"})
    assert response.status_code == 409
    date = _field(response.content.decode(), "date")
    assert "发布日期不能早于信息生成日期" in date
    assert 'value="2024-09-01"' in date and "autofocus" in date
    item.refresh_from_db()
    assert item.state == "draft"


def test_a_date_that_does_not_exist_is_refused_at_the_publication_date(login, draft):
    item = draft()
    response = login("reviewer_a").post(f"/workbench/catalog/{item.pk}/publish/", {"date": "2024-02-30"})
    assert response.status_code == 422
    date = _field(response.content.decode(), "date")
    assert "请填写实际存在的日期" in date and 'value="2024-02-30"' in date


def test_a_refusal_of_the_act_as_a_whole_is_shown_at_the_top_of_the_publish_form(login, draft):
    item = draft(disclosure="not_disclosed", not_disclosed_reason="涉及国家秘密")
    response = login("reviewer_a").post(f"/workbench/catalog/{item.pk}/publish/", {"date": "2024-09-27"})
    assert response.status_code == 409
    html = response.content.decode()
    form = html[html.index('id="publish-form"') :]
    assert '<p class="message message-error" role="alert" tabindex="-1" autofocus>只有公开属性为“主动公开”的信息' in form
    assert '<a href="#publish-form">只有公开属性为“主动公开”的信息' in html


def test_opening_the_publish_address_leads_back_to_the_item_instead_of_an_error(login, draft):
    item = draft()
    response = login("reviewer_a").get(f"/workbench/catalog/{item.pk}/publish/")
    assert response.status_code == 302
    assert response["Location"] == f"/workbench/catalog/{item.pk}/"
    item.refresh_from_db()
    assert item.state == "draft"


def test_the_publication_ledger_lists_title_date_publisher_and_reviewer(login, draft, staff):
    import io

    import openpyxl

    from gongkai.catalog import services

    item = draft(title='=HYPERLINK("http://x")通知')
    services.screen_item(item, actor=staff["handler_a"])
    services.review_item(item, actor=staff["admin_a"])
    services.publish_item(item, actor=staff["reviewer_a"], on=dt.date(2024, 9, 27))
    draft(title="未发布的草稿")
    response = login("handler_a").get("/workbench/catalog/ledger.xlsx", {"year": "2024"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "测试市甲局2024年信息发布台账"
    assert rows[1][:7] == ("序号", "标题", "索引号", "发布机构", "发布时间", "发布人", "审核人")
    assert rows[2][:7] == (
        1,
        '=HYPERLINK("http://x")通知',
        "000000002/2024-00001",
        "测试市甲局",
        "2024-09-27",
        "reviewer_a",
        "admin_a",
    )
    assert sheet.cell(row=3, column=2).data_type == "s"  # text, never a formula
    assert len(rows) == 3


def test_an_agency_admin_switches_four_eyes_on_in_the_settings_page(login, tree):
    from gongkai.catalog.models import CatalogSettings

    assert login("reviewer_a").get("/workbench/catalog/settings/").status_code == 403
    client = login("admin_a")
    page = client.get("/workbench/catalog/settings/").content.decode()
    assert "双人复核" in page and "{prefix}/{year}-{seq:05d}" in page
    response = client.post(
        "/workbench/catalog/settings/", {"index_pattern": "{prefix}/{year}-{seq:05d}", "four_eyes": "on"}
    )
    assert response.status_code == 302
    assert CatalogSettings.objects.get(agency=tree["dept_a"]).four_eyes is True


def test_the_settings_page_records_the_art20_categories_that_apply(login, tree):
    from gongkai.audit.models import AuditEvent
    from gongkai.catalog.models import CatalogSettings

    client = login("admin_a")
    page = client.get("/workbench/catalog/settings/").content.decode()
    assert "尚未确认本机关适用的第二十条信息类别" in page
    assert "（七）财政预算、决算信息" in page and 'value="7"' in page
    assert 'value="1"' not in page  # (一)(二) always apply: not a choice
    response = client.post(
        "/workbench/catalog/settings/",
        {"index_pattern": "{prefix}/{year}-{seq:05d}", "art20_categories": ["7", "9"]},
    )
    assert response.status_code == 302
    assert CatalogSettings.objects.get(agency=tree["dept_a"]).art20_categories == [1, 2, 7, 9]
    event = AuditEvent.objects.get(action="catalog.set_art20_categories")
    assert event.actor.username == "admin_a" and event.data == {"before": None, "after": [1, 2, 7, 9]}
    assert "（一）（二）（七）（九）" in event.summary
    page = client.get("/workbench/catalog/settings/").content.decode()
    assert "本机关已确认适用以下各类" in page and "（九）政府集中采购项目的目录、标准及实施情况" in page
    # Saving again unchanged records nothing new.
    client.post(
        "/workbench/catalog/settings/",
        {"index_pattern": "{prefix}/{year}-{seq:05d}", "art20_categories": ["7", "9"]},
    )
    assert AuditEvent.objects.filter(action="catalog.set_art20_categories").count() == 1


def test_the_office_edits_an_agency_below_it_from_the_self_check_link(login, tree):
    from gongkai.catalog.models import CatalogSettings

    client = login("office")
    url = "/workbench/catalog/settings/?agency=town"
    assert "目录设置 · 测试镇人民政府" in client.get(url).content.decode()
    response = client.post(url, {"index_pattern": "{prefix}/{year}-{seq:05d}", "art20_categories": ["5"]})
    assert response.status_code == 302 and response["Location"] == url
    assert CatalogSettings.objects.get(agency=tree["town"]).art20_categories == [1, 2, 5]
    # Staff of one department can neither see another's settings nor change their own without the rank.
    assert login("admin_a").get("/workbench/catalog/settings/?agency=dept-b").status_code == 404
    assert login("handler_a").get("/workbench/catalog/settings/?agency=dept-a").status_code == 403


@pytest.mark.parametrize(
    ("formed_on", "today"),
    [(dt.date(2026, 11, 6), dt.date(2026, 12, 5)), (dt.date(2026, 9, 2), dt.date(2026, 10, 3))],
    ids=["saturday", "holiday"],
)
def test_a_draft_past_its_due_day_is_overdue_on_the_day_off_after_it(draft, staff, tree, formed_on, today):
    """Due Friday 2026-12-04, seen on the Saturday; due 2026-09-30, seen in the National Day holiday."""
    from gongkai.catalog.todos import publication_todos

    draft(formed_on=formed_on)
    (todo,) = publication_todos(user=staff["handler_a"], agency=tree["dept_a"], today=today)
    assert todo.due_on < today and todo.days_left == 0
    assert todo.status == "overdue" and todo.days_left_text == "已逾期不足 1 个工作日"


# --- the smaller acts of the item page: a refusal shown at the field, the input kept ------------


def _refused(response, status: int, field: str) -> str:
    """The refused act's page: the status, no message bar; the markup of the field at fault, focused."""
    assert response.status_code == status
    html = response.content.decode()
    assert 'class="messages"' not in html
    markup = _field(html, field)
    assert "field-invalid" in markup and "autofocus" in markup
    return markup


def test_a_date_that_does_not_exist_is_refused_at_the_abolition_date_and_kept(login, published):
    item = published()
    response = login("reviewer_a").post(f"/workbench/catalog/{item.pk}/abolish/", {"date": "2024-02-30"})
    date = _refused(response, 422, "abolish-date")
    assert "请填写实际存在的日期" in date and 'value="2024-02-30"' in date
    html = response.content.decode()
    assert "<strong>“标记废止”未能完成</strong>" in html
    assert '<a href="#abolish-date">废止日期：请填写实际存在的日期' in html
    item.refresh_from_db()
    assert item.validity == "valid"


def test_an_abolition_before_the_document_was_formed_is_refused_at_its_date(login, published):
    item = published()  # formed 2024-09-20
    response = login("reviewer_a").post(f"/workbench/catalog/{item.pk}/abolish/", {"date": "2024-09-01"})
    date = _refused(response, 409, "abolish-date")
    assert "废止日期不能早于文件生成日期" in date and 'value="2024-09-01"' in date
    assert "autofocus" not in _field(response.content.decode(), "amend-date")
    item.refresh_from_db()
    assert item.validity == "valid" and item.abolished_on is None


def test_an_amendment_without_a_date_is_refused_at_the_date_with_the_successor_kept(login, published):
    item = published()
    successor = published(title="修改后的通知")
    response = login("reviewer_a").post(
        f"/workbench/catalog/{item.pk}/amend/", {"date": "", "successor": successor.index_no}
    )
    assert "请填写日期" in _refused(response, 422, "amend-date")
    assert f'value="{successor.index_no}"' in _field(response.content.decode(), "amend-successor")
    assert '<a href="#amend-date">修改日期：请填写日期' in response.content.decode()


def test_an_amendment_to_an_unknown_or_its_own_index_number_is_refused_at_the_successor(login, published):
    item = published()
    client = login("reviewer_a")
    url = f"/workbench/catalog/{item.pk}/amend/"
    unknown = client.post(url, {"date": "2024-10-08", "successor": "000000002/2099-99999"})
    successor = _refused(unknown, 422, "amend-successor")
    assert "未找到该政府信息：000000002/2099-99999" in successor
    assert 'value="000000002/2099-99999"' in successor
    assert 'value="2024-10-08"' in _field(unknown.content.decode(), "amend-date")
    itself = client.post(url, {"date": "2024-10-08", "successor": item.index_no})
    assert "修改后的文件不能是其本身" in _refused(itself, 409, "amend-successor")
    item.refresh_from_db()
    assert item.validity == "valid"


def test_an_attachment_of_a_refused_type_is_refused_at_the_file_field(login, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = draft()
    upload = SimpleUploadedFile("说明.exe", b"MZ\x90\x00not a document", content_type="application/pdf")
    response = login("handler_a").post(f"/workbench/catalog/{item.pk}/attach/", {"file": upload})
    file = _refused(response, 422, "attach-file")
    assert "未上传“说明.exe”：附件只能是 DOCX、PDF、XLS、XLSX、PNG 或 JPG 文件" in file  # a file input keeps nothing
    html = response.content.decode()
    assert "<strong>“上传附件”未能完成</strong>" in html and '<a href="#attach-file">上传附件：未上传“说明.exe”' in html
    assert not item.attachments.exists()


def test_an_upload_without_a_file_is_refused_at_the_file_field(login, draft):
    item = draft()
    response = login("handler_a").post(f"/workbench/catalog/{item.pk}/attach/", {})
    assert "请选择要上传的文件" in _refused(response, 422, "attach-file")


def test_a_refused_review_is_shown_at_the_top_of_its_form_and_focused(login, tree, staff):
    from gongkai.catalog import services
    from gongkai.catalog.models import CatalogSettings

    CatalogSettings.objects.create(agency=tree["dept_a"], four_eyes=True)
    item = services.create_item(
        actor=staff["reviewer_a"], agency=tree["dept_a"], title="通知", genre="notice",
        formed_on=dt.date(2024, 9, 20),
    )  # fmt: skip
    services.screen_item(item, actor=staff["handler_a"])
    response = login("reviewer_a").post(f"/workbench/catalog/{item.pk}/review/")
    assert response.status_code == 409
    html = response.content.decode()
    form = html[html.index('id="review-form"') :]
    # On a line of its own (its message above its button), not squeezed into the row of buttons.
    assert form.startswith('id="review-form" class="item-act-refused">')
    assert '<p class="message message-error" role="alert" tabindex="-1" autofocus>本机构要求双人复核' in form
    assert '<a href="#review-form">本机构要求双人复核' in html and 'class="messages"' not in html
    item.refresh_from_db()
    assert item.state == "screened"


def test_an_act_the_page_no_longer_offers_is_refused_in_the_summary_without_a_link(login, published):
    item = published()
    response = login("handler_a").post(f"/workbench/catalog/{item.pk}/delete/")
    assert response.status_code == 409
    html = response.content.decode()
    assert "<strong>“删除草稿”未能完成</strong>" in html
    assert "<li>信息已发布，不能修改或删除" in html and 'id="delete-form"' not in html


@pytest.mark.parametrize("action", ["screen", "review", "attach", "delete", "amend", "abolish", "internal"])
def test_opening_an_act_address_leads_back_to_the_item(login, draft, action):
    item = draft()
    response = login("reviewer_a").get(f"/workbench/catalog/{item.pk}/{action}/")
    assert response.status_code == 302 and response["Location"] == f"/workbench/catalog/{item.pk}/"
    assert Item.objects.filter(pk=item.pk, state="draft").exists()


def test_an_unknown_act_is_not_found(login, draft):
    item = draft()
    assert login("reviewer_a").post(f"/workbench/catalog/{item.pk}/publishh/").status_code == 404
