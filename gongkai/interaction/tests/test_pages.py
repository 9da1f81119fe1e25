"""Public and workbench pages of 互动交流 through the Django test client."""

import datetime as dt
import itertools
import re

import pytest
from captcha.models import CaptchaStore

from gongkai.core.system import SYSTEM
from gongkai.interaction import services
from gongkai.interaction.models import Faq, Message
from gongkai.interaction.tests.factories import message, replied

pytestmark = pytest.mark.django_db

TODAY = "2026-03-20"


def captcha_answer(html: str) -> dict:
    """The captcha's hidden key from the page and its answer from the challenge store."""
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def form_data(tree, **changes):
    data = {
        "kind": "consultation",
        "agency": tree["dept_a"].pk,
        "title": "社保卡在哪里办理",
        "body": "请问社保卡在哪里办理？",
        "name": "林留言",
        "phone": "13912340001",
        "email": "",
        "publish_consent": "on",
    }
    return {**data, **changes}


def test_a_citizen_writes_a_message_with_the_image_captcha(client, tree):
    page = client.get("/interaction/write/").content.decode()
    assert "captcha-image" in page and "?captcha=text" in page
    response = client.post("/interaction/write/", {**form_data(tree), **captcha_answer(page)})
    assert response.status_code == 302
    created = Message.objects.get()
    assert response["Location"] == f"/interaction/receipt/{created.tracking_code}/"
    assert created.publish_consent and created.state == "received"
    receipt = client.get(response["Location"]).content.decode()
    assert created.tracking_code in receipt and "林留言" not in receipt


def test_the_text_alternative_asks_a_sum_in_chinese_words(client, tree):
    page = client.get("/interaction/write/?captcha=text").content.decode()
    question = re.search(r"文字验证题：(.+?等于几？)", page).group(1)
    assert "加" in question and 'name="captcha_mode" value="text"' in page
    answer = captcha_answer(page)
    assert answer["captcha_1"].isdigit()
    response = client.post(
        "/interaction/write/?captcha=text", {**form_data(tree), **answer, "captcha_mode": "text"}
    )
    assert response.status_code == 302 and Message.objects.count() == 1


def test_a_wrong_captcha_is_refused_and_cannot_be_retried(client, tree):
    page = client.get("/interaction/write/").content.decode()
    answer = captcha_answer(page)
    wrong = client.post("/interaction/write/", {**form_data(tree), **answer, "captcha_1": "x"})
    assert wrong.status_code == 400 and "验证码不正确" in wrong.content.decode()
    again = client.post("/interaction/write/", {**form_data(tree), **answer})  # one attempt per challenge
    assert again.status_code == 400 and not Message.objects.exists()


def test_form_errors_are_shown_next_to_the_fields(client, tree):
    page = client.get("/interaction/write/").content.decode()
    response = client.post(
        "/interaction/write/", {**form_data(tree, phone="12", title=""), **captcha_answer(page)}
    )
    text = response.content.decode()
    assert response.status_code == 400 and "请填写标题" in text
    assert not Message.objects.exists()


def test_a_wrong_captcha_and_bad_contact_details_are_all_reported_at_once(client, tree):
    page = client.get("/interaction/write/").content.decode()
    answer = captcha_answer(page)
    bad = form_data(tree, phone="12ab", email="not-an-email", title="留言标题保留")
    response = client.post("/interaction/write/", {**bad, **answer, "captcha_1": "0000x"})
    text = response.content.decode()
    assert response.status_code == 400 and not Message.objects.exists()
    assert "验证码不正确" in text and "联系电话格式不正确" in text and "电子邮箱格式不正确" in text
    assert "留言有 3 处需要修改" in text
    assert 'value="留言标题保留"' in text and 'value="12ab"' in text  # what was typed is kept
    fresh = captcha_answer(text)
    assert fresh["captcha_0"] != answer["captcha_0"]  # a new challenge, the answer left empty
    assert 'name="captcha_1" value=' not in text


def test_each_error_of_the_message_form_is_a_link_to_its_field(client, tree):
    page = client.get("/interaction/write/").content.decode()
    answer = captcha_answer(page)
    data = {**form_data(tree, title="", phone="12ab"), **answer, "captcha_1": "0000x"}
    text = client.post("/interaction/write/", data).content.decode()
    summary = text[text.index("data-error-summary") : text.index("</div>", text.index("data-error-summary"))]
    assert "留言有 3 处需要修改" in summary
    assert '<a href="#id_title">标题：请填写标题</a>' in summary
    assert '<a href="#id_phone">' in summary and '<a href="#id_captcha_1">' in summary
    assert 'id="id_captcha_1"' in text and 'id="message-form"' in text
    focused = [tag for tag in text.split("<") if "autofocus" in tag]
    assert len(focused) == 1 and 'id="id_title"' in focused[0]


@pytest.mark.today(TODAY)
def test_tracking_shows_the_reply_and_takes_a_rating(client, tree):
    item = replied(tree["dept_a"], replied_on=dt.date(2026, 3, 11))
    with_code = f"/interaction/track/?code={item.tracking_code.lower()}"
    page = client.get(with_code).content.decode()
    assert "请到市民中心一楼办理" in page
    for personal in ("林留言", "13912340001", "writer@example.org"):
        assert personal not in page
    if "提交评价" in page:  # within 30 days of the reply (the tests' clock decides)
        response = client.post(
            f"/interaction/track/{item.tracking_code}/rate/", {"rating": "basically_satisfied"}
        )
        assert response.status_code == 302
        assert Message.objects.get(pk=item.pk).rating == "basically_satisfied"
    assert client.get("/interaction/track/?code=NOPENOPENOPE").status_code == 404


@pytest.mark.today(TODAY)
def test_tracking_masks_the_writers_particulars_and_personal_data_in_the_reply(client, tree):
    tree["dept_a"].phone, tree["dept_a"].email = "0571-87654321", "office@dept-a.gov.cn"
    tree["dept_a"].save()
    item = message(tree["dept_a"], phone="0571-88123456")
    text = (
        "林留言您好！您留的电话0571 8812 3456无人接听，号码88123456也未接通，"
        "请回复至WRITER@example.org，或拨打13811112222（手机），本机关电话0571-87654321，"
        "邮箱office@dept-a.gov.cn。身份证号11010519491231002X已登记。"
    )
    services.reply(item, actor=SYSTEM, on=dt.date(2026, 3, 11), text=text, today=dt.date(2026, 3, 11))
    page = client.get(f"/interaction/track/?code={item.tracking_code}").content.decode()
    reply = page[page.index('data-field="reply"') : page.index("</div>", page.index('data-field="reply"'))]
    for personal in ("林留言", "8812 3456", "88123456", "WRITER@", "writer@", "13811112222", "19491231"):
        assert personal not in reply
    assert "林**您好" in reply and "w***@example.org" in reply and "138****2222" in reply
    assert "0571-87654321" in reply and "office@dept-a.gov.cn" in reply  # the agency's own stay
    assert "本页面不显示留言人个人信息" in page
    api = client.get(f"/api/v1/public/messages/track/{item.tracking_code}").json()
    assert "林**您好" in api["reply"] and "林留言" not in api["reply"]  # the API shows the same


@pytest.mark.today(TODAY)
def test_a_rejection_note_on_the_tracking_page_is_masked_too(client, tree):
    item = message(tree["dept_a"])
    services.reject(
        item, actor=SYSTEM, on=dt.date(2026, 3, 10), reason_code="petition",
        note="林留言：请致电13912340001所属信访部门。", today=dt.date(2026, 3, 10),
    )
    page = client.get(f"/interaction/track/?code={item.tracking_code}").content.decode()
    assert "不予受理" in page and "林**" in page
    assert "林留言" not in page and "13912340001" not in page


@pytest.mark.today(TODAY)
def test_the_tracking_page_of_a_published_message_links_to_its_public_page(client, tree):
    item = replied(tree["dept_a"], replied_on=dt.date(2026, 3, 11))
    page = client.get(f"/interaction/track/?code={item.tracking_code}").content.decode()
    assert f"/interaction/messages/{item.pk}/" not in page
    services.publish(item, actor=SYSTEM, on=dt.date(2026, 3, 12), today=dt.date(2026, 3, 12))
    page = client.get(f"/interaction/track/?code={item.tracking_code}").content.decode()
    assert f'href="/interaction/messages/{item.pk}/"' in page and "已在网站公开" in page
    assert client.get(f"/interaction/messages/{item.pk}/").status_code == 200


def test_tracking_with_a_blank_code_answers_in_chinese(client, tree):
    page = client.get("/interaction/track/").content.decode()
    assert "novalidate" in page and "请填写查询码" not in page  # the site answers, not the browser
    response = client.get("/interaction/track/", {"code": "  "})
    assert response.status_code == 400 and "请填写查询码" in response.content.decode()


@pytest.mark.parametrize("code", ["NOPE", "ABCDEFGH2345678", "查询码查询码查询码查询码"])
def test_tracking_with_a_code_of_the_wrong_shape_says_what_a_code_looks_like(client, tree, code):
    response = client.get("/interaction/track/", {"code": code})
    page = response.content.decode()
    assert response.status_code == 400 and "查询码为12位字母和数字" in page and 'aria-invalid="true"' in page


def test_the_rating_address_opened_by_hand_goes_back_to_the_tracking_page(client, tree):
    item = replied(tree["dept_a"], replied_on=dt.date(2026, 3, 11))
    response = client.get(f"/interaction/track/{item.tracking_code}/rate/")
    assert response.status_code == 302  # was a blank 405 page
    assert response["Location"] == f"/interaction/track/?code={item.tracking_code}"


def test_published_list_faq_and_statistics_pages(client, tree):
    item = replied(tree["dept_a"])
    services.publish(item, actor=SYSTEM, on=dt.date(2026, 3, 12), today=dt.date(2026, 3, 12))
    services.to_faq(item, actor=SYSTEM, on=dt.date(2026, 3, 12), today=dt.date(2026, 3, 12))
    listed = client.get("/interaction/messages/?agency=city").content.decode()
    assert "关于社保卡办理地点的咨询" in listed and "请到市民中心一楼办理" in listed
    assert client.get(f"/interaction/messages/{item.pk}/").status_code == 200
    assert "关于社保卡办理地点的咨询" in client.get("/interaction/faq/").content.decode()
    stats = client.get("/interaction/statistics/?year=2026").content.decode()
    assert "留言受理反馈情况" in stats and "3月" in stats
    hidden = message(tree["dept_a"], consent=False)
    assert client.get(f"/interaction/messages/{hidden.pk}/").status_code == 404


def test_published_messages_headings_go_down_one_level_at_a_time(client, tree):
    item = replied(tree["dept_a"])
    services.publish(item, actor=SYSTEM, on=dt.date(2026, 3, 12), today=dt.date(2026, 3, 12))
    for url in ("/interaction/", "/interaction/messages/", f"/interaction/messages/{item.pk}/"):
        main = client.get(url).content.decode().split('id="main-content"')[1]
        levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", main)]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), (url, levels)


@pytest.mark.today(TODAY)
def test_the_workbench_list_links_the_statistics_of_the_chosen_agency(client, staff, tree):
    replied(tree["dept_a"])
    client.force_login(staff["handler_a"])
    page = client.get("/workbench/interaction/").content.decode()
    link = re.search(r'<a [^>]*href="([^"]+)"[^>]*data-link="statistics"[^>]*>([^<]+)</a>', page)
    assert link is not None and link.group(2).startswith("留言统计")
    assert link.group(1) == "/interaction/statistics/?agency=dept-a"
    stats = client.get(link.group(1)).content.decode()
    assert "测试市甲局留言受理反馈情况" in stats


@pytest.mark.today(TODAY)
def test_workbench_list_detail_and_acts(client, staff, tree):
    item = message(tree["dept_a"], body="电话13812345678，请回复")
    client.force_login(staff["reviewer_a"])
    assert item.tracking_code in client.get("/workbench/interaction/").content.decode()
    page = client.get(f"/workbench/interaction/{item.pk}/").content.decode()
    assert "13912340001" in page  # the writer's phone, for the agency's staff
    assert 'data-action="reply"' in page and 'data-action="publish"' not in page
    today = TODAY
    response = client.post(
        f"/workbench/interaction/{item.pk}/act/reply/",
        {"reply-date": today, "reply-text": "已转相关科室办理。"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    page = client.get(f"/workbench/interaction/{item.pk}/").content.decode()
    assert 'data-action="publish"' in page and "138****5678" in page  # the suggested wording is masked
    refused = client.post(
        f"/workbench/interaction/{item.pk}/act/publish/",
        {
            "publish-date": today,
            "publish-title": "咨询",
            "publish-body": "电话13812345678",
            "publish-reply": "答复",
        },
    )
    assert refused.status_code == 409 and "须遮蔽" in refused.content.decode()
    assert not Message.objects.get(pk=item.pk).published
    assert client.get(f"/workbench/interaction/{item.pk}/").status_code == 200
    client.force_login(staff["handler_b"])
    assert client.get(f"/workbench/interaction/{item.pk}/").status_code == 404


def test_workbench_faq_and_limits(client, staff, tree):
    client.force_login(staff["admin_a"])
    response = client.post(
        "/workbench/interaction/faq/new/",
        {
            "topic": "社保",
            "question": "社保卡在哪办？",
            "answer": "市民中心。",
            "public": "on",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302 and Faq.objects.get().agency == tree["dept_a"]
    response = client.post(
        "/workbench/interaction/limits/",
        {"consultation": 4, "help": 5, "suggestion": 10, "complaint": 10, "error_report": 2},
    )
    assert response.status_code == 302
    assert client.get("/api/v1/agencies/dept-a/message-limits").json()["consultation"] == 4


@pytest.mark.today("2026-03-18")
def test_a_published_message_replied_again_shows_its_published_reply_date_and_staff_are_told(
    client, staff, tree
):
    first, again = dt.date(2026, 3, 11), dt.date(2026, 3, 18)
    item = replied(tree["dept_a"], replied_on=first)
    item = services.publish(item, actor=SYSTEM, on=first, today=first)
    item = services.rate(item, rating="dissatisfied", today=first)
    item = services.reopen(item, actor=SYSTEM, on=first, today=first)
    item = services.reply(item, actor=SYSTEM, on=again, text="请致电13812345678预约办理。", today=again)
    for url in (f"/interaction/messages/{item.pk}/", "/interaction/messages/"):
        page = client.get(url).content.decode()
        assert "请到市民中心一楼办理" in page and "答复日期 2026-03-11" in page and "2026-03-18" not in page
    client.force_login(staff["reviewer_a"])
    page = client.get(f"/workbench/interaction/{item.pk}/").content.decode()
    assert "公开的是 2026-03-11 的答复，二次办理后的答复尚未公开" in page
    services.unpublish(item, actor=SYSTEM, on=again, today=again)
    page = client.get(f"/workbench/interaction/{item.pk}/").content.decode()
    start = page.index('data-action="publish"')
    form = page[start : page.index("</form>", start)]
    assert "请致电138****5678预约办理。" in form and "请到市民中心一楼办理" not in form


# A consultation (5 working days) received 2026-11-27 is due Friday 2026-12-04; one received
# 2026-09-22 is due 2026-09-30, the eve of the National Day holiday. On the day off after the due day
# count(today, due_on) is 0, yet the reply is late.
DAY_OFF_AFTER_DUE = [
    pytest.param(
        dt.date(2026, 11, 27), dt.date(2026, 12, 4), marks=pytest.mark.today("2026-12-05"), id="saturday"
    ),
    pytest.param(
        dt.date(2026, 9, 22), dt.date(2026, 9, 30), marks=pytest.mark.today("2026-10-03"), id="holiday"
    ),
]


@pytest.mark.parametrize(("received_on", "due_on"), DAY_OFF_AFTER_DUE)
def test_a_day_off_after_the_due_day_shows_overdue_in_the_list_the_page_and_the_dashboard(
    client, staff, tree, received_on, due_on
):
    item = message(tree["dept_a"], on=received_on)
    assert item.due_on == due_on
    client.force_login(staff["handler_a"])
    listed = client.get("/workbench/interaction/")
    row = next(row for row in listed.context["rows"] if row["id"] == item.pk)
    assert row["days_left"] == 0 and row["status"] == "overdue"  # the spec's number, the dates' verdict
    assert "已逾期不足 1 个工作日" in listed.content.decode()
    page = client.get(f"/workbench/interaction/{item.pk}/")
    assert page.context["status"] == "overdue" and page.context["data"]["days_left"] == 0
    assert f"{due_on.isoformat()}（已逾期不足 1 个工作日）" in page.content.decode()
    home = client.get("/workbench/")
    todo = next(todo for todo in home.context["todos"] if todo.url == f"/workbench/interaction/{item.pk}/")
    assert todo.status == "overdue" and todo.days_left_text == "已逾期不足 1 个工作日"
    shown = home.content.decode()
    assert shown.count("已逾期不足 1 个工作日") == 1  # beside the due date, not again in the note
    assert "剩余 0 个工作日" not in shown


def test_the_todo_of_a_message_says_overdue_on_a_day_off_after_the_due_day(staff, tree):
    from gongkai.interaction.todos import messages_todo

    item = message(tree["dept_a"], on=dt.date(2026, 11, 27))  # due Friday 2026-12-04
    (todo,) = messages_todo(user=staff["handler_a"], agency=tree["dept_a"], today=dt.date(2026, 12, 6))
    assert todo.due_on == item.due_on and todo.days_left == 0
    assert todo.status == "overdue" and todo.days_left_text == "已逾期不足 1 个工作日"


@pytest.mark.today(TODAY)
def test_a_handler_is_told_a_reviewer_publishes_and_findings_are_named_in_chinese(client, staff, tree):
    item = replied(tree["dept_a"], body="电话13812345678，请回复")
    client.force_login(staff["handler_a"])
    page = client.get(f"/workbench/interaction/{item.pk}/").content.decode()
    assert 'data-action="publish"' not in page and 'data-action="to_faq"' not in page
    assert "公开留言、撤销公开和转为常见问题须由审核人操作" in page
    assert "留言内容：手机号码 138****5678" in page  # not "body：mobile"

    client.force_login(staff["reviewer_a"])
    refused = client.post(
        f"/workbench/interaction/{item.pk}/act/publish/",
        {
            "publish-date": TODAY,
            "publish-title": "咨询",
            "publish-body": "电话13812345678",
            "publish-reply": "答复",
        },
    )
    body = refused.content.decode()
    assert refused.status_code == 409 and "留言内容：手机号码 138****5678" in body
    assert "body：" not in body and "mobile" not in body


@pytest.mark.today(TODAY)
def test_a_message_made_into_a_faq_links_it_instead_of_offering_the_act_again(client, staff, tree):
    item = replied(tree["dept_a"])
    client.force_login(staff["reviewer_a"])
    assert 'data-action="to_faq"' in client.get(f"/workbench/interaction/{item.pk}/").content.decode()
    form = {
        "to_faq-date": TODAY,
        "to_faq-topic": "咨询",
        "to_faq-question": "社保卡在哪里办理",
        "to_faq-answer": "市民中心",
    }
    assert client.post(f"/workbench/interaction/{item.pk}/act/to_faq/", form).status_code == 302
    faq = Faq.objects.get(source=item)
    page = client.get(f"/workbench/interaction/{item.pk}/").content.decode()
    assert 'data-action="to_faq"' not in page
    assert "已转为常见问题" in page and f'href="/workbench/interaction/faq/{faq.pk}/"' in page
    again = client.post(f"/workbench/interaction/{item.pk}/act/to_faq/", form)
    assert again.status_code == 409 and "不能重复转换" in again.content.decode()
    assert Faq.objects.filter(source=item).count() == 1


@pytest.mark.today(TODAY)
def test_the_screening_panel_shows_only_while_publication_is_to_come(client, staff, tree):
    PANEL = "处须遮蔽的内容，公开前请修改公开文本"
    item = replied(tree["dept_a"], body="电话13812345678，请回复")
    client.force_login(staff["reviewer_a"])
    assert PANEL in client.get(f"/workbench/interaction/{item.pk}/").content.decode()
    services.publish(
        item,
        actor=SYSTEM,
        on=dt.date(2026, 3, 20),
        title="咨询",
        body="电话138****5678，请回复",
        reply="答复",
        today=dt.date(2026, 3, 20),
    )
    page = client.get(f"/workbench/interaction/{item.pk}/").content.decode()
    assert "已于 2026-03-20 公开" in page and PANEL not in page
    unpublishable = replied(tree["dept_a"], body="电话13812345678，请回复", consent=False)
    assert PANEL not in client.get(f"/workbench/interaction/{unpublishable.pk}/").content.decode()


@pytest.mark.today("2026-12-30")
def test_the_unconfirmed_year_warning_shows_while_the_message_is_open_only(client, staff, tree):
    """A message received on 2026-12-28 has its deadline in 2027, unconfirmed here: the page warns
    while the deadline binds the agency, not once the message is answered."""
    WARNING = "节假日安排尚未确认，答复期限暂无法计算"
    item = message(tree["dept_a"], on=dt.date(2026, 12, 28))
    client.force_login(staff["reviewer_a"])
    assert WARNING in client.get(f"/workbench/interaction/{item.pk}/").content.decode()
    services.reply(item, actor=SYSTEM, on=dt.date(2026, 12, 30), text="已答复。", today=dt.date(2026, 12, 30))
    assert WARNING not in client.get(f"/workbench/interaction/{item.pk}/").content.decode()


@pytest.mark.today(TODAY)
def test_a_refused_act_opens_at_its_form_and_names_the_field_at_fault(client, staff, tree):
    """The act forms sit below the message: a refused act reloads the page at its form (the action
    address carries the form's anchor), and a refusal about a field is shown at that field."""
    item = message(tree["dept_a"])
    client.force_login(staff["reviewer_a"])
    page = client.get(f"/workbench/interaction/{item.pk}/").content.decode()
    for action in ("accept", "reply", "transfer", "extend", "reject"):
        assert f'action="/workbench/interaction/{item.pk}/act/{action}/#action-{action}"' in page
        assert f'id="action-{action}"' in page

    refused = client.post(
        f"/workbench/interaction/{item.pk}/act/reject/",
        {"reject-date": TODAY, "reject-reason_code": "other", "reject-note": ""},
    )
    body = refused.content.decode()
    note = body[body.index('id="field-reject-note"') :]
    note = note[: note.index("</div>")]
    assert refused.status_code == 422 and "请写明理由" in note and 'class="action-error"' not in body

    replied_on = dt.date(2026, 3, 10)
    item = services.reply(
        item, actor=SYSTEM, on=replied_on, text="林留言您好，请到市民中心办理。", today=replied_on
    )
    refused = client.post(
        f"/workbench/interaction/{item.pk}/act/publish/",
        {
            "publish-date": TODAY,
            "publish-title": "社保卡办理地点",
            "publish-body": "请问社保卡在哪里办理？",
            "publish-reply": "林留言您好，请到市民中心办理。",
        },
    )
    body = refused.content.decode()
    reply = body[body.index('id="field-publish-reply"') :]
    reply = reply[: reply.index("</div>")]
    body_field = body[body.index('id="field-publish-body"') :]
    body_field = body_field[: body_field.index("</div>")]
    assert refused.status_code == 409 and "含有留言人的姓名" in reply
    assert "含有留言人的姓名" not in body_field and not Message.objects.get(pk=item.pk).published


@pytest.mark.today(TODAY)
def test_the_suggested_published_wording_masks_the_writers_name_so_it_can_be_published(client, staff, tree):
    """Publication refuses a wording naming the writer: the wording offered must not name them."""
    item = message(tree["dept_a"], body="我是林留言，请问社保卡在哪里办理？")
    replied_on = dt.date(2026, 3, 10)
    services.reply(item, actor=SYSTEM, on=replied_on, text="林留言您好，请到市民中心办理。", today=replied_on)
    client.force_login(staff["reviewer_a"])
    page = client.get(f"/workbench/interaction/{item.pk}/")
    form = page.context["action_forms"][
        [form.action for form in page.context["action_forms"]].index("publish")
    ]
    wording = {name: form[name].value() for name in ("title", "body", "reply")}
    assert wording["body"] == "我是林**，请问社保卡在哪里办理？"
    assert wording["reply"] == "林**您好，请到市民中心办理。"
    published = client.post(
        f"/workbench/interaction/{item.pk}/act/publish/",
        {"publish-date": TODAY, **{f"publish-{name}": value for name, value in wording.items()}},
    )
    assert published.status_code == 302 and Message.objects.get(pk=item.pk).published
