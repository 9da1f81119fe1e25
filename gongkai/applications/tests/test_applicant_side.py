"""The applicant's side: public timeline, 补正 items, fee, letters behind the phone number, online
correction taken in by staff with one click, the receipt PDF, and e-mail on every act."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from gongkai.applications import public_access, services
from gongkai.applications.models import Application, CorrectionSubmission
from gongkai.applications.tests.factories import ID_NUMBER, TODAY, person, received_application
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.core.system import SYSTEM
from gongkai.notifications.models import OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


PHONE = "13800138000"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def with_correction(agency, **applicant):
    application = received_application(agency, on="2026-11-16", applicant=person(**applicant))
    services.request_correction(
        application, actor=SYSTEM, on=day("2026-11-18"), items=["请写明文件名称", "请说明所属年度"]
    )
    return Application.objects.get(pk=application.pk)


def with_fee(agency):
    application = received_application(agency, on="2026-11-16")
    services.fee_notice(application, actor=SYSTEM, on=day("2026-11-20"), method="per_page", pages=120)
    return Application.objects.get(pk=application.pk)


def track(client, application):
    return client.get(reverse("applications:track"), {"code": application.tracking_code})


def verify(client, application, phone=PHONE):
    return client.post(
        reverse("applications:track_verify", args=[application.tracking_code]), {"phone": phone}
    )


def test_the_timeline_shows_acts_and_dates_and_no_staff_names(client, tree, staff):
    application = received_application(tree["dept_a"], on="2026-11-16")
    services.extend(
        application, actor=staff["reviewer_a"], on=day("2026-11-20"), days=10, reason="需调取档案"
    )
    page = track(client, application).content.decode()
    assert "2026-11-16</span> 登记" in page and "2026-11-20</span> 延长答复期限" in page
    assert "reviewer_a" not in page and "张三" not in page and ID_NUMBER not in page and PHONE not in page


def test_the_items_to_correct_and_the_date_to_correct_by_are_shown(client, tree):
    page = track(client, with_correction(tree["dept_a"])).content.decode()
    assert "需要补正的事项" in page and "请写明文件名称" in page and "请说明所属年度" in page
    assert 'data-field="respond_by">2026-12-09</strong>（含当日）' in page  # 15 working days after 2026-11-18


def test_items_to_correct_shown_without_the_phone_check_mask_the_applicants_particulars(client, tree):
    application = received_application(
        tree["dept_a"], on="2026-11-16", applicant=person(email="zhang@example.org", address="测试市和平路8号")
    )
    items = [
        f"张三您好，您填写的证件号码{ID_NUMBER}与身份证复印件不一致，请核对",
        "联系电话138 0013 8000无法接通，请改留可接通的号码或电子邮箱zhang@example.org",
        "通信地址测试市和平路8号不完整；也可寄送至本机关，电话0731-88886666",
        "您附上的银行卡号6222021234567890128不需要提供",
    ]
    tree["dept_a"].phone = "0731-88886666"
    tree["dept_a"].save()
    services.request_correction(application, actor=SYSTEM, on=day("2026-11-18"), items=items)
    page = track(client, application).content.decode()
    shown = page[page.index("data-correction-items") : page.index("</section>", page.index("data-correction-items"))]
    for personal in ("张三", ID_NUMBER, "138 0013 8000", "zhang@", "和平路8号", "6222021234567890128"):
        assert personal not in shown
    assert "张*您好" in shown and "请核对" in shown and "z***@example.org" in shown
    assert "0731-88886666" in shown  # the office's own number stays


def test_the_receipt_link_opened_without_the_phone_check_says_why_the_phone_is_asked(client, tree):
    application = received_application(tree["dept_a"], on="2026-11-16")
    response = client.get(reverse("applications:receipt_pdf", args=[application.tracking_code]))
    assert response.status_code == 302 and response["Location"].endswith("#letters")
    page = client.get(response["Location"]).content.decode()
    why = page[page.index("data-verify-why") : page.index("</p>", page.index("data-verify-why"))]
    assert "为保护您的个人信息，请输入申请时填写的手机号码" in why and "确认是您本人" in why
    assert 'aria-describedby="verify-why"' in page


def test_the_fee_amount_and_how_to_pay_are_shown(client, tree):
    tree["dept_a"].address = "测试市人民路1号"
    tree["dept_a"].save()
    page = track(client, with_fee(tree["dept_a"])).content.decode()
    assert 'data-field="fee_amount">1100.00 元<' in page  # pages 31–100 at 10 yuan, 101–120 at 20
    assert "按量计收" in page and "缴费期限" in page and "测试市人民路1号" in page
    # add(2026-11-20, 20) = 2026-12-18: the last day on which paying is in time.
    assert 'data-field="fee_pay_by">截至 2026-12-18（含当日）<' in page
    assert "请持收费通知书到本机关" in page and "本通知书" not in page
    assert "拆分" not in page


def test_a_split_per_item_fee_shows_the_split_and_nothing_personal(client, tree):
    application = received_application(tree["dept_a"], on="2026-11-05", applicant=person(name="赵某某"))
    services.fee_notice(
        application, actor=SYSTEM, on=day("2026-11-20"), method="per_item", items=35, today=day("2026-11-20")
    )
    page = track(client, application).content.decode()
    # items 1–10 free, 11–30 at 100, 31–35 at 200 (国办函〔2020〕109号)
    assert 'data-field="fee_amount">3000.00 元<' in page
    assert 'data-field="fee_method">按件计收（按“一事一申请”拆分为35件）<' in page
    assert "赵某某" not in page and "第1件" not in page and PHONE not in page


def test_the_tracking_api_gives_the_split_of_a_per_item_fee_and_nothing_personal(api, tree):
    application = received_application(tree["dept_a"], on="2026-11-05", applicant=person(name="赵某某"))
    services.fee_notice(
        application, actor=SYSTEM, on=day("2026-11-20"), method="per_item", items=35, today=day("2026-11-20")
    )
    response = api().get(f"/public/track/{application.tracking_code}")
    assert response.status_code == 200
    # The split as the page shows it; the applicant's places in the month (nth) stay in the letter.
    assert response.json()["fee"] == {"amount": 3000.0, "items": 35}
    assert "赵某某" not in response.content.decode() and "nth" not in response.content.decode()


def test_the_tracking_api_gives_one_item_unsplit_and_no_items_for_a_per_page_fee(api, tree):
    for _ in range(10):  # the applicant's first ten applications in the month are free
        received_application(tree["dept_a"], on="2026-11-05")
    one = received_application(tree["dept_a"], on="2026-11-05")
    services.fee_notice(one, actor=SYSTEM, on=day("2026-11-20"), method="per_item", today=day("2026-11-20"))
    by_page = with_fee(tree["dept_a"])
    fees = [api().get(f"/public/track/{a.tracking_code}").json()["fee"] for a in (one, by_page)]
    assert [fee["items"] for fee in fees] == [1, None]


def test_letters_need_the_phone_number_as_a_second_factor(client, tree):
    application = with_correction(tree["dept_a"])
    page = track(client, application).content.decode()
    assert "补正告知书" not in page and "verify-phone" in page
    wrong = verify(client, application, "13900000000")
    assert wrong.status_code == 422 and "联系电话与申请时填写的不一致" in wrong.content.decode()
    event = application.events.get(action="request_correction")
    letter_url = reverse("applications:track_letter", args=[application.tracking_code, event.pk])
    assert client.get(letter_url).status_code == 302  # not yet verified: back to the form
    assert verify(client, application, "138-0013-8000").status_code == 302
    page = track(client, application).content.decode()
    assert "补正告知书" in page and letter_url in page
    pdf = client.get(letter_url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    code = application.tracking_code
    assert f'filename="letter-{code}-2026-11-18.pdf"' in pdf["Content-Disposition"]
    assert "filename*=UTF-8''%E8%A1%A5%E6%AD%A3%E5%91%8A%E7%9F%A5%E4%B9%A6" in pdf["Content-Disposition"]
    assert "请写明文件名称" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


@pytest.mark.parametrize("given", ["１３８００１３８０００", "+86 138 0013 8000"])
def test_the_phone_check_takes_full_width_digits_and_the_country_code(client, tree, given):
    application = with_correction(tree["dept_a"])
    assert verify(client, application, given).status_code == 302  # was a server error / a mismatch


def test_the_check_and_correction_addresses_opened_by_hand_go_back_to_the_tracking_page(client, tree):
    application = with_correction(tree["dept_a"])
    for name in ("applications:track_verify", "applications:track_correct"):
        response = client.get(reverse(name, args=[application.tracking_code]))
        assert response.status_code == 302  # was a blank 405 page, e.g. after reloading a wrong number
        assert response["Location"] == f"/apply/track/?code={application.tracking_code}#letters"
    assert not CorrectionSubmission.objects.exists()


def test_a_letter_of_another_event_or_application_is_not_served(client, tree):
    application = with_correction(tree["dept_a"])
    other = with_correction(tree["dept_a"])
    verify(client, application)
    submit = application.events.get(action="register")
    foreign = other.events.get(action="request_correction")
    for event in (submit, foreign):
        url = reverse("applications:track_letter", args=[application.tracking_code, event.pk])
        assert client.get(url).status_code == 404


def test_guessing_the_phone_number_is_rate_limited(client, tree):
    application = with_correction(tree["dept_a"])
    for _ in range(public_access.FAILURES_PER_CODE):
        assert verify(client, application, "13900000000").status_code == 422
    blocked = verify(client, application)  # even the right number, once the limit is reached
    assert blocked.status_code == 429 and "验证次数过多" in blocked.content.decode()


def test_the_applicant_corrects_online_and_staff_receive_it_with_one_click(client, tree, staff):
    application = with_correction(tree["dept_a"])
    verify(client, application)
    files = [
        SimpleUploadedFile("材料.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("说明.png", b"\x89PNG\r\n\x1a\n" + b"0" * 40, content_type="image/png"),
    ]
    url = reverse("applications:track_correct", args=[application.tracking_code])
    response = client.post(url, {"text": "文件名称为《某某通知》，2025年度", "files": files})
    assert response.status_code == 302
    submission = CorrectionSubmission.objects.get()
    assert submission.submitted_on == TODAY and submission.attachments.count() == 2
    assert Application.objects.get(pk=application.pk).state == "correction_requested"  # no legal effect
    assert "待受理机关登记收到" in track(client, application).content.decode()

    staff_client = client.__class__()
    staff_client.force_login(staff["handler_a"])
    home = staff_client.get(reverse("workbench:home")).content.decode()
    assert "网上补正待登记" in home
    detail = staff_client.get(reverse("applications_staff:detail", args=[application.pk])).content.decode()
    assert "文件名称为《某某通知》" in detail and "材料.pdf" in detail
    attachment = submission.attachments.first()
    download = staff_client.get(
        reverse("applications_staff:correction_file", args=[application.pk, attachment.pk])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    receive = reverse("applications_staff:receive_online", args=[application.pk, submission.pk])
    assert staff_client.post(receive).status_code == 302

    application.refresh_from_db()
    submission.refresh_from_db()
    assert application.state == "received" and submission.received_event.on == TODAY
    assert submission.received_event.action == "receive_correction"
    assert AuditEvent.objects.filter(action="application.online_correction.received").exists()
    assert "网上补正待登记" not in staff_client.get(reverse("workbench:home")).content.decode()
    again = services.receive_online_correction
    with pytest.raises(RuleViolation):
        again(submission, actor=staff["handler_a"])


def test_a_correction_sent_online_in_time_cannot_be_taken_for_a_lapse(tree, staff):
    # Art. 30: only a correction not made in time is 视为放弃. Sent online on the last day of the
    # period (add(2026-02-12, 15) = 2026-03-11) and not yet taken in by staff, it was made in time.
    application = received_application(tree["dept_a"], on="2026-02-10")
    services.request_correction(application, actor=SYSTEM, on=day("2026-02-12"), items=["请写明文号"])
    submission = services.submit_correction(
        application, text="文号为示政发〔2025〕1号", today=day("2026-03-11")
    )
    with pytest.raises(RuleViolation) as refused:
        services.correction_lapsed(application, actor=SYSTEM, on=day("2026-03-12"))
    assert refused.value.code == "correction_waiting"
    assert refused.value.details == {"submitted_on": ["2026-03-11"]}
    from gongkai.applications.todos import pauses_todo

    assert not pauses_todo(user=staff["office"], agency=tree["city"], today=day("2026-03-12"))
    services.receive_online_correction(submission, actor=SYSTEM)
    assert Application.objects.get(pk=application.pk).due_on == day("2026-04-09")  # add(03-11, 20)


def test_staff_of_another_agency_cannot_receive_or_read_the_correction(client, tree, staff):
    application = with_correction(tree["dept_a"])
    submission = services.submit_correction(
        application, text="补正说明", files=[SimpleUploadedFile("a.pdf", PDF)]
    )
    other = client.__class__()
    other.force_login(staff["handler_b"])
    receive = reverse("applications_staff:receive_online", args=[application.pk, submission.pk])
    assert other.post(receive).status_code == 404
    file_url = reverse(
        "applications_staff:correction_file", args=[application.pk, submission.attachments.get().pk]
    )
    assert other.get(file_url).status_code == 404
    assert "网上补正待登记" not in other.get(reverse("workbench:home")).content.decode()


@pytest.mark.parametrize(
    "text, files, code",
    [
        ("", [], "validation_error"),
        ("说明", [SimpleUploadedFile("a.exe", b"MZ" + b"0" * 20)], "attachment_type_not_allowed"),
        ("说明", [SimpleUploadedFile("a.pdf", b"")], "attachment_empty"),
        ("说明", [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(6)], "too_many_files"),
    ],
)
def test_an_invalid_correction_is_refused_and_nothing_is_kept(tree, text, files, code):
    application = with_correction(tree["dept_a"])
    with pytest.raises(InvalidInput) as error:
        services.submit_correction(application, text=text, files=files)
    assert error.value.code == code and not CorrectionSubmission.objects.exists()


def test_no_correction_is_taken_when_none_was_requested(client, tree):
    application = received_application(tree["dept_a"], on="2026-11-16")
    with pytest.raises(RuleViolation):
        services.submit_correction(application, text="说明")
    verify(client, application)
    response = client.post(
        reverse("applications:track_correct", args=[application.tracking_code]), {"text": "说明"}
    )
    assert response.status_code == 409 and "该申请当前无需补正" in response.content.decode()


def test_a_refused_correction_is_shown_on_the_page(client, tree):
    application = with_correction(tree["dept_a"])
    verify(client, application)
    response = client.post(
        reverse("applications:track_correct", args=[application.tracking_code]),
        {"text": "说明", "files": [SimpleUploadedFile("a.exe", b"MZ" + b"0" * 20)]},
    )
    assert response.status_code == 422 and "附件只能是" in response.content.decode()


def test_the_correction_form_needs_the_phone_number(client, tree):
    application = with_correction(tree["dept_a"])
    response = client.post(
        reverse("applications:track_correct", args=[application.tracking_code]), {"text": "说明"}
    )
    assert response.status_code == 302 and not CorrectionSubmission.objects.exists()


def test_the_submitter_prints_the_receipt_pdf(client, tree):
    from gongkai.applications.tests.test_public_pages import form_data

    response = client.post(reverse("applications:apply"), form_data(tree["dept_a"]))
    application = Application.objects.get()
    receipt = client.get(response["Location"]).content.decode()
    pdf_url = reverse("applications:receipt_pdf", args=[application.tracking_code])
    assert pdf_url in receipt
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert f'filename="receipt-{application.tracking_code}.pdf"' in pdf["Content-Disposition"]
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    for words in (
        "政府信息公开申请回执",
        application.tracking_code,
        "测试市甲局",
        "2026年11月30日",
        "财政预算执行情况",
    ):
        assert words in text
    stranger = client.__class__()
    assert stranger.get(pdf_url).status_code == 302  # the description needs the second factor


def test_every_act_is_mailed_to_the_applicant_who_gave_an_address(tree, staff):
    application = received_application(
        tree["dept_a"], on="2026-11-16", applicant=person(email="z@example.org")
    )
    services.request_correction(
        application, actor=staff["handler_a"], on=day("2026-11-18"), items=["请写明文号"]
    )
    services.receive_correction(application, actor=staff["handler_a"], on=day("2026-11-20"))
    services.reply(application, actor=staff["handler_a"], on=day("2026-11-27"), outcome="disclosed")
    mails = list(OutgoingMail.objects.order_by("id"))
    assert [mail.recipient for mail in mails] == ["z@example.org"] * 4
    assert ["登记" in mails[0].subject, "告知补正" in mails[1].subject, "答复" in mails[3].subject] == [
        True
    ] * 3
    assert "请写明文号" in mails[1].body and "补正告知书" in mails[1].body
    assert "予以公开" in mails[3].body and application.tracking_code in mails[3].subject
    assert all(mail.related == f"applications.application:{application.pk}" for mail in mails)
    assert all("handler_a" not in mail.body for mail in mails)


def test_the_fee_notice_mail_names_the_notice_and_the_split(tree):
    application = received_application(
        tree["dept_a"], on="2026-11-05", applicant=person(email="z@example.org")
    )
    services.fee_notice(
        application, actor=SYSTEM, on=day("2026-11-20"), method="per_item", items=35, today=day("2026-11-20")
    )
    mail = OutgoingMail.objects.order_by("id").last()
    assert "受理机关向您发出信息处理费收费通知书" in mail.body
    assert "金额：3000.00元（按件计收，按“一事一申请”拆分为35件）" in mail.body
    assert "《政府信息公开信息处理费收费通知书》" in mail.body


def test_no_mail_without_an_address(tree):
    application = received_application(tree["dept_a"], on="2026-11-16")
    services.reply(application, actor=SYSTEM, on=day("2026-11-27"), outcome="disclosed")
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_does_not_stop_the_act(tree, settings):
    settings.EMAIL_BACKEND = "gongkai.notifications.tests.backends.RefusingBackend"
    application = received_application(
        tree["dept_a"], on="2026-11-16", applicant=person(email="z@example.org")
    )
    services.reply(application, actor=SYSTEM, on=day("2026-11-27"), outcome="disclosed")
    assert Application.objects.get(pk=application.pk).state == "concluded"
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"failed"}


def test_a_refused_correction_keeps_the_text_and_shows_the_message_at_the_field_at_fault(client, tree):
    application = with_correction(tree["dept_a"])
    verify(client, application)
    url = reverse("applications:track_correct", args=[application.tracking_code])
    typed = "文件名称为《某某通知》，2025年度"
    response = client.post(url, {"text": typed, "files": [SimpleUploadedFile("a.exe", b"MZ" + b"0" * 20)]})
    page = response.content.decode()
    assert response.status_code == 422
    assert f">{typed}</textarea>" in page  # not lost with the wrong attachment
    files_field = page[page.index('for="correction-files"') : page.index("提交补正</button>")]
    assert "附件只能是" in files_field and 'aria-invalid="true"' in files_field
    assert page.count("附件只能是") == 1

    page = client.post(url, {"text": "  "}).content.decode()
    text_field = page[page.index('for="correction-text"') : page.index('for="correction-files"')]
    assert "请填写补正内容" in text_field and page.count("请填写补正内容") == 1


def test_the_note_of_a_received_online_correction_gives_the_local_time_of_sending(tree, staff):
    # Sent at 07:30 Beijing time (23:30 UTC the day before): the note must not read the day before.
    application = with_correction(tree["dept_a"])
    submission = services.submit_correction(application, text="文件名称为《某某通知》", today=TODAY)
    submission.submitted_at = dt.datetime(2026, 11, 29, 23, 30, tzinfo=dt.UTC)
    submission.save(update_fields=["submitted_at"])
    services.receive_online_correction(submission, actor=SYSTEM, today=TODAY)
    event = application.events.get(action="receive_correction")
    assert event.on == TODAY and "2026-11-30 07:30" in str(event.data)
