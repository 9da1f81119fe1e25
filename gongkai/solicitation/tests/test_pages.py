"""Public and workbench pages of opinion solicitation, through the Django test client."""

import datetime as dt
import re

import pytest
import time_machine
from captcha.models import CaptchaStore

from gongkai.solicitation import services
from gongkai.solicitation.models import Comment, Solicitation
from gongkai.solicitation.services.commenting import COMMENT_FILE_KINDS
from gongkai.solicitation.tests.factories import at, comment, make_solicitation, open_solicitation

pytestmark = pytest.mark.django_db


def frozen(moment: str):
    return time_machine.travel(at(moment), tick=False)


def with_captcha(client, solicitation, data: dict) -> dict:
    """The form data plus a fresh captcha: its key from the page, its answer from the store."""
    html = client.get(f"/solicitations/{solicitation.pk}/").content.decode()
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)
    return {**data, "captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def test_the_public_list_counts_down_and_the_detail_shows_the_draft_and_the_form(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"], shortened_reason="")
    with frozen("2026-09-28 10:00:00"):
        listing = client.get("/solicitations/").content.decode()
        page = client.get(f"/solicitations/{solicitation.pk}/").content.decode()
    assert solicitation.title in listing and "剩余 10 天" in listing
    assert "第一条 为了规范公共停车场管理" in page and 'name="text"' in page and "剩余 10 天" in page


def test_the_attachment_chooser_offers_the_types_the_server_accepts(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"], shortened_reason="")
    with frozen("2026-09-28 10:00:00"):
        page = client.get(f"/solicitations/{solicitation.pk}/").content.decode()
    chooser = re.search(r'<input type="file" name="attachment"[^>]*>', page).group()
    accept = re.search(r'accept="([^"]+)"', chooser).group(1).split(",")
    assert {f".{kind}" for kind in COMMENT_FILE_KINDS} <= set(accept) and ".jpeg" in accept
    assert ".xlsx" not in accept  # catalogue attachments take spreadsheets, comments do not
    assert 'aria-describedby="id_attachment_helptext"' in chooser
    assert "可上传 PDF、DOCX、PNG 或 JPG 文件（按文件内容判断），最大10MB。" in page


def test_a_shortened_period_shows_its_reason_on_the_public_notice(client, tree, staff):
    """713号令 Art. 15: "因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明"."""
    reason = "因防汛工作紧急，征求意见期限缩短为14日。"
    solicitation = open_solicitation(
        tree["dept_a"], staff["reviewer_a"], closes_on=dt.date(2026, 9, 15), shortened_reason=reason
    )
    with frozen("2026-09-02 10:00:00"):
        page = client.get(f"/solicitations/{solicitation.pk}/").content.decode()
        listed = client.get("/api/v1/public/solicitations?state=open").json()["results"]
    assert "关于征求意见期限的说明" in page and reason in page
    assert [(row["id"], row["shortened_reason"], row["period_short"]) for row in listed] == [
        (solicitation.pk, reason, True)
    ]


def test_a_comment_sent_through_the_form_is_received(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with frozen("2026-10-08 23:59:30"):
        data = with_captcha(client, solicitation, {"text": "建议降低收费", "name": "李四"})
        response = client.post(f"/solicitations/{solicitation.pk}/comment/", data)
        assert response.status_code == 302
        # the page's top, where the confirmation is: not the form's anchor far below it (said
        # explicitly: a Location without a fragment keeps the form action's #comment-form)
        assert response["Location"] == f"/solicitations/{solicitation.pk}/#top"
        page = client.get(response["Location"]).content.decode()
    assert "您的意见已提交（第1条）" in page
    assert Comment.objects.get().name == "李四"


def test_after_the_last_day_the_form_is_gone_and_a_post_is_refused_with_the_reason(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with frozen("2026-10-08 23:59:00"):
        data = with_captcha(client, solicitation, {"text": "晚了"})  # the page was opened in time
    with frozen("2026-10-09 00:00:00"):
        page = client.get(f"/solicitations/{solicitation.pk}/").content.decode()
        response = client.post(f"/solicitations/{solicitation.pk}/comment/", data)
    assert 'name="text"' not in page and "征求意见已于2026-10-08截止" in page
    assert response.status_code == 409 and "征求意见已于2026年10月8日截止" in response.content.decode()
    assert not Comment.objects.exists()


def test_an_empty_comment_is_shown_back_with_the_error(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with frozen("2026-09-10 10:00:00"):
        response = client.post(
            f"/solicitations/{solicitation.pk}/comment/", with_captcha(client, solicitation, {"text": ""})
        )
    assert response.status_code == 422 and "请填写意见内容" in response.content.decode()


def test_the_public_comment_form_is_rate_limited(client, tree, staff, settings):
    settings.GONGKAI_PUBLIC_SUBMISSIONS_PER_HOUR = 2
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with frozen("2026-09-10 10:00:00"):
        codes = [
            client.post(
                f"/solicitations/{solicitation.pk}/comment/",
                with_captcha(client, solicitation, {"text": f"意见{n}"}),
            ).status_code
            for n in range(3)
        ]
    assert codes == [302, 302, 429]


def test_an_agency_without_solicitations_shows_its_explanatory_note(client, tree, staff):
    with frozen("2026-09-10 10:00:00"):
        services.write_note(
            tree["dept_b"], actor=staff["handler_b"], text="近期本局无需要征求意见的文件，特此说明。"
        )
        page = client.get("/solicitations/?agency=dept-b").content.decode()
    assert "近期本局无需要征求意见的文件，特此说明。" in page


def test_staff_create_publish_decide_and_publish_feedback_in_the_workbench(client, tree, staff):
    client.force_login(staff["reviewer_a"])
    form = {
        "kind": "normative_document",
        "title": "某市养犬管理规定（征求意见稿）",
        "draft": "第一条 为了规范养犬行为，制定本规定。",
        "explanation": "",
        "how_to_comment": "本页提交",
        "contacts": "0731-88888888",
        "hearing": "",
        "opens_on": "2026-03-02",
        "closes_on": "2026-03-10",
        "shortened_reason": "",
    }
    refused = client.post("/workbench/solicitations/new/", form)
    assert refused.status_code == 422 and "截止日期最早为2026-03-11" in refused.content.decode()
    response = client.post("/workbench/solicitations/new/", {**form, "closes_on": "2026-03-11"})
    solicitation = Solicitation.objects.get()
    assert response.status_code == 302
    with frozen("2026-03-02 09:00:00"):
        client.post(f"/workbench/solicitations/{solicitation.pk}/publish/")
    received = comment(solicitation, "建议禁止烈性犬", when="2026-03-05 10:00:00")
    with frozen("2026-03-12 09:00:00"):
        client.post(
            f"/workbench/solicitations/{solicitation.pk}/comments/{received.pk}/decide/",
            {"decision": "partially_adopted", "reason": "列入重点管理犬只目录"},
        )
        page = client.get(f"/workbench/solicitations/{solicitation.pk}/").content.decode()
        assert "编写并公布意见采纳情况" in page
        assert "共收到意见1条，其中采纳0条、部分采纳1条、未采纳0条、不属于征求意见范围0条。" in page
        client.post(
            f"/workbench/solicitations/{solicitation.pk}/feedback/",
            {
                "summary": "共收到意见1条。",
                "row": ["1"],
                "row-1-include": "1",
                "row-1-comments": str(received.pk),
                "row-1-decision": "partially_adopted",
                "row-1-summary": "禁止烈性犬",
                "row-1-reason": "列入重点管理犬只目录",
            },
        )
    solicitation.refresh_from_db()
    assert solicitation.feedback.item.is_public
    assert solicitation.feedback.published_on == dt.date(2026, 3, 12)


def test_a_supervising_office_sees_comments_without_names_or_contacts(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    comment(solicitation, name="王小明", contact="wang@example.com")
    client.force_login(staff["office"])
    page = client.get(f"/workbench/solicitations/{solicitation.pk}/").content.decode()
    assert "建议降低收费标准。" in page and "王小明" not in page and "wang@example.com" not in page
    client.force_login(staff["handler_a"])
    page = client.get(f"/workbench/solicitations/{solicitation.pk}/").content.decode()
    assert "王小明" in page


def test_similar_comments_are_suggested_as_a_group(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    comment(solicitation, "建议降低公共停车场的收费标准，减轻市民负担。")
    comment(solicitation, "建议降低公共停车场收费标准，减轻市民的负担！")
    comment(solicitation, "第五条表述不清。")
    client.force_login(staff["handler_a"])
    page = client.get(f"/workbench/solicitations/{solicitation.pk}/").content.decode()
    assert "第1、2条意见内容相近" in page


def test_a_draft_is_not_public(client, tree, staff):
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"])
    assert client.get(f"/solicitations/{solicitation.pk}/").status_code == 404


def test_a_comment_without_the_right_captcha_is_refused(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with frozen("2026-09-10 10:00:00"):
        data = with_captcha(client, solicitation, {"text": "建议"})
        response = client.post(f"/solicitations/{solicitation.pk}/comment/", {**data, "captcha_1": "0"})
        text_page = client.get(f"/solicitations/{solicitation.pk}/?captcha=text").content.decode()
    assert response.status_code == 422 and "验证码不正确或已过期" in response.content.decode()
    assert not Comment.objects.exists()
    assert "文字验证题" in text_page and "加" in text_page


def test_the_captcha_alternative_link_on_a_refused_form_leads_back_to_the_page(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    response = client.get(f"/solicitations/{solicitation.pk}/comment/?captcha=text")
    assert response.status_code == 302
    assert response["Location"] == f"/solicitations/{solicitation.pk}/?captcha=text#comment-form"


def test_the_public_list_offers_each_agency_with_its_note_or_a_plain_statement(client, tree, staff):
    open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with frozen("2026-09-10 10:00:00"):
        services.write_note(tree["dept_b"], actor=staff["handler_b"], text="本局近期无需征求意见的文件。")
        listing = client.get("/solicitations/").content.decode()
        dept_a = client.get("/solicitations/?agency=dept-a").content.decode()
        dept_b = client.get("/solicitations/?agency=dept-b&state=closed").content.decode()
        town = client.get("/solicitations/?agency=town").content.decode()
    assert '<option value="dept-b">测试市乙局</option>' in listing
    assert "某市公共停车场管理办法" in dept_a and "情况说明" not in dept_a and 'id="no-recent"' not in dept_a
    assert "本局近期无需征求意见的文件。" in dept_b and '<option value="dept-b" selected>' in dept_b
    assert 'name="state" value="closed"' in dept_b  # choosing an agency keeps the tab
    assert "测试镇人民政府近12个月未公开征求意见" in town and "某市公共停车场管理办法" not in town


def test_an_undecided_comment_offers_no_preselected_decision(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    received = comment(solicitation)
    client.force_login(staff["handler_a"])
    page = client.get(f"/workbench/solicitations/{solicitation.pk}/").content.decode()
    assert '<option value="" selected>请选择</option>' in page
    response = client.post(
        f"/workbench/solicitations/{solicitation.pk}/comments/{received.pk}/decide/",
        {"decision": ""},
        follow=True,
    )
    assert "请选择第1条意见的采纳情况" in response.content.decode()
    received.refresh_from_db()
    assert received.decision == ""


def test_the_disclosure_office_lists_the_solicitations_of_its_whole_government(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    client.force_login(staff["office"])  # working at the city
    page = client.get("/workbench/solicitations/").content.decode()
    assert solicitation.title in page and "测试市甲局" in page
    client.force_login(staff["handler_b"])
    assert solicitation.title not in client.get("/workbench/solicitations/").content.decode()


def test_the_note_form_is_required_only_while_the_column_is_empty(client, tree, staff):
    """domain/solicitation.md: an empty 意见征集 column (no solicitation in the last 12 months) needs
    an explanatory note; an agency that held one is not asked for it."""

    def note_panel(html: str) -> str:
        return html[html.index('id="note-title"') : html.index("</section>", html.index('id="note-title"'))]

    client.force_login(staff["handler_a"])
    with frozen("2026-09-20 10:00:00"):
        empty = note_panel(client.get("/workbench/solicitations/").content.decode())
    assert 'data-note-needed="yes"' in empty and "须在意见征集栏目公开情况说明" in empty
    assert "required" in empty and "<details" not in empty
    open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with frozen("2026-09-20 10:00:00"):
        held = note_panel(client.get("/workbench/solicitations/").content.decode())
    assert 'data-note-needed="no"' in held and "无须填写情况说明" in held
    assert "<details" in held and "required" not in held and "须在意见征集栏目公开" not in held


def test_staff_register_an_emailed_comment_in_the_workbench(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    client.force_login(staff["handler_a"])
    with frozen("2026-09-20 10:00:00"):
        page = client.post(
            f"/workbench/solicitations/{solicitation.pk}/comments/register/",
            {
                "channel": "email",
                "received_on": "2026-09-18",
                "text": "邮件建议：延长夜间免费时段。",
                "name": "钱某",
            },
            follow=True,
        ).content.decode()
    assert (
        "已登记该条意见" in page
        and "邮件建议：延长夜间免费时段。" in page
        and "2026-09-18（电子邮件）" in page
    )
    registered = Comment.objects.get()
    assert (registered.channel, registered.name) == ("email", "钱某")


def test_a_refused_registration_keeps_the_comment_and_says_why(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    client.force_login(staff["handler_a"])
    url = f"/workbench/solicitations/{solicitation.pk}/comments/register/"
    text = "信函建议：第八条增加听证程序。"
    with frozen("2026-09-20 10:00:00"):
        bad_date = client.post(url, {"channel": "letter", "received_on": "2026-02-30", "text": text})
        late = client.post(url, {"channel": "letter", "received_on": "2026-09-21", "text": text})
    body = bad_date.content.decode()
    assert bad_date.status_code == 400 and text in body and 'id="field-received_on"' in body
    assert "field-invalid" in body
    body = late.content.decode()
    assert late.status_code >= 400 and text in body and 'role="alert"' in body
    assert not Comment.objects.exists()


def row_of(page: str, number: int) -> str:
    start = page.index(f'id="comment-{number}"')
    return page[start : page.index("</tr>", start)]


def test_a_refused_decision_is_shown_in_its_row_with_the_choice_kept(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    received = comment(solicitation)
    client.force_login(staff["handler_a"])
    url = f"/workbench/solicitations/{solicitation.pk}/comments/{received.pk}/decide/"
    with frozen("2026-10-12 10:00:00"):
        no_reason = client.post(url, {"decision": "not_adopted", "reason": ""})
        no_choice = client.post(url, {"decision": "", "reason": "已有规定"})
    assert no_reason.status_code == 422
    row = row_of(no_reason.content.decode(), 1)
    assert "意见处理为“未采纳”时须说明理由" in row and 'role="alert"' in row
    assert '<option value="not_adopted" selected>' in row
    assert '<option value="" selected>' not in row
    assert "field field-invalid" in row and f' decision-error-{received.pk}"' in row
    assert no_choice.status_code == 422
    row = row_of(no_choice.content.decode(), 1)
    assert "请选择第1条意见的采纳情况" in row and ">已有规定</textarea>" in row
    received.refresh_from_db()
    assert received.decision == ""


def test_a_reviewer_sees_the_sanitised_draft_and_explanation_before_publishing(client, tree, staff):
    solicitation = make_solicitation(
        tree["dept_a"],
        staff["handler_a"],
        draft='<p>第一条 为了规范停车。</p><script>alert("x")</script>',
        explanation="<p>起草说明：依据道路交通安全法。</p>",
    )
    client.force_login(staff["reviewer_a"])
    page = client.get(f"/workbench/solicitations/{solicitation.pk}/").content.decode()
    draft_at, publish_at = page.index('id="draft"'), page.index("发布并开始征求意见")
    assert draft_at < page.index("第一条 为了规范停车。") < publish_at
    assert draft_at < page.index("起草说明：依据道路交通安全法。") < publish_at
    assert "<script>alert" not in page


def test_the_reason_has_a_visible_label_and_feedback_boxes_fit_their_text(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    long_text = "建议明确公共停车场收费标准的调整程序并公开听证结果，" * 5  # 125 characters
    received = comment(solicitation, long_text)
    client.force_login(staff["reviewer_a"])
    with frozen("2026-10-12 10:00:00"):
        page = client.get(f"/workbench/solicitations/{solicitation.pk}/").content.decode()
    row = row_of(page, 1)
    assert "placeholder" not in row
    assert f'<label for="reason-{received.pk}">理由</label>' in row
    assert f'aria-describedby="reason-help-{received.pk}"' in row and "部分采纳、未采纳时必填" in row
    summary = re.search(r'<textarea class="feedback-text" id="row-1-summary"[^>]*rows="(\d+)"', page)
    assert int(summary.group(1)) >= 7  # 120 characters of summary, about 18 a line


def test_solicitation_controls_use_the_project_field_and_button_styles(client, tree, staff):
    """A bare ``button.secondary`` has no padding or border in site.css: it rendered as a tiny
    browser-default button; labels written inline touched their inputs."""
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    comment(solicitation)
    client.force_login(staff["reviewer_a"])
    with frozen("2026-09-20 10:00:00"):
        listing = client.get("/workbench/solicitations/").content.decode()
        page = client.get(f"/workbench/solicitations/{solicitation.pk}/").content.decode()
    for html in (listing, page):
        assert 'class="secondary"' not in html
        assert "solicitation/solicitation.css" in html
    assert '<div class="field"><label for="w-state">状态</label>' in listing
    assert '<button type="submit" class="primary">筛选</button>' in listing
    assert '<div class="field"><label for="final-index-no">正式文件索引号</label>' in page
    for name in ("延长并公告", "登记意见", "关联"):
        assert f'<button type="submit" class="primary">{name}</button>' in page


def test_the_workbench_list_and_a_solicitations_comments_are_paged(client, tree, staff, monkeypatch):
    from gongkai.solicitation import workbench_detail, workbench_views

    monkeypatch.setattr(workbench_views, "PAGE_SIZE", 2)
    monkeypatch.setattr(workbench_detail, "COMMENTS_PAGE_SIZE", 2)
    titles = [f"某市第{number}号办法（征求意见稿）" for number in (1, 2, 3)]
    for title in titles[:2]:
        make_solicitation(tree["dept_a"], staff["handler_a"], title=title)
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"], title=titles[2])
    received = [comment(solicitation, f"第{number}条建议：增加车位。") for number in (1, 2, 3)]
    client.force_login(staff["handler_a"])
    with frozen("2026-10-12 10:00:00"):
        first = client.get("/workbench/solicitations/").content.decode()
        second = client.get("/workbench/solicitations/?page=2").content.decode()
        page = client.get(f"/workbench/solicitations/{solicitation.pk}/").content.decode()
        later = client.get(f"/workbench/solicitations/{solicitation.pk}/?comments_page=2").content.decode()
        decided = client.post(
            f"/workbench/solicitations/{solicitation.pk}/comments/{received[2].pk}/decide/",
            {"decision": "adopted", "reason": ""},
        )
    assert "第 1 / 2 页" in first and "下一页" in first
    assert sum(title in first for title in titles) == 2 and sum(title in second for title in titles) == 1
    assert 'id="comment-1"' in page and 'id="comment-3"' not in page
    assert 'href="?comments_page=2#comments">下一页</a>' in page
    assert 'id="comment-3"' in later and 'id="comment-1"' not in later
    assert decided["Location"] == f"/workbench/solicitations/{solicitation.pk}/?comments_page=2#comment-3"


def test_a_period_refused_as_too_short_is_shown_at_the_closing_date_with_the_input_kept(client, tree, staff):
    client.force_login(staff["reviewer_a"])
    form = {
        "kind": "normative_document",
        "title": "某市养犬管理规定（征求意见稿）",
        "draft": "第一条 为了规范养犬行为，制定本规定。",
        "explanation": "为规范养犬行为起草。",
        "how_to_comment": "本页提交",
        "contacts": "0731-88888888",
        "hearing": "",
        "opens_on": "2026-03-02",
        "closes_on": "2026-03-10",
        "shortened_reason": "",
    }
    refused = client.post("/workbench/solicitations/new/", form)
    assert refused.status_code == 422
    body = refused.content.decode()
    closes_on = body[body.index('id="field-closes_on"') :]
    closes_on = closes_on[: closes_on.index("</div>")]
    assert "截止日期最早为2026-03-11" in closes_on and 'value="2026-03-10"' in closes_on
    assert 'class="message message-error"' not in body and "为规范养犬行为起草。" in body
    assert not Solicitation.objects.exists()
