"""Letters to applicants: every kind renders with the applicant, the dates and the legal text."""

import datetime as dt
import io

import pytest
from docx import Document
from pypdf import PdfReader

from gongkai.applications import services
from gongkai.applications.choices import REPLY_OUTCOMES
from gongkai.applications.letters import render, texts
from gongkai.applications.letters.context import letter_for
from gongkai.applications.tests.factories import TODAY, company, received_application
from gongkai.core.errors import NotFound, RuleViolation
from gongkai.core.system import SYSTEM
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def docx_text(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


def act(application, name, on, **data):
    return getattr(services, name)(application, actor=SYSTEM, on=D(on), today=TODAY, **data)


def correction(agency):
    application = received_application(agency)
    act(application, "request_correction", "2026-02-12", items=["请写明文件的文号", "请写明年份"])
    return application, ["请写明文件的文号", "请写明年份", "2026年2月12日", "第三十条"]


def extension(agency):
    application = received_application(agency)
    act(application, "extend", "2026-03-02", days=10, reason="需检索大量档案", approver="王主任")
    # add(2026-02-10, 30) in the 2026 calendar: 2026-03-30.
    return application, ["需检索大量档案", "10个工作日", "2026年3月30日", "第三十三条"]


def later_deadline(agency):
    application = received_application(agency)
    act(
        application,
        "set_later_deadline",
        "2026-03-02",
        due_on=D("2026-04-30"),
        reason="申请公开的信息达300项",
    )
    return application, [
        "政府信息公开申请延后答复告知书",
        "测甲依申延〔2026〕1号",
        "申请公开的信息达300项",
        "2026年4月30日",
        "第三十五条",
        f"“{texts.ARTICLE_35}”",
        "2026年3月2日",
    ]


def fee(agency):
    application = received_application(agency)
    act(application, "fee_notice", "2026-02-12", method="per_page", pages=50)
    return application, ["按量计收", "共50页", "200", "第四十二条", "20个工作日"]


def reply_of(outcome):
    def build(agency):
        application = received_application(agency)
        if outcome == "unable.still_unclear":  # Art. 30: only after a correction came back
            act(application, "request_correction", "2026-02-11", items=["请写明文号"])
            act(application, "receive_correction", "2026-02-13")
        act(application, "reply", "2026-03-10", outcome=outcome, reason="经查阅档案")
        return application, ["2026年3月10日", texts.OUTCOMES[outcome][1]]

    return build


def correction_lapsed(agency):
    application, _ = correction(agency)
    act(application, "correction_lapsed", "2026-04-01")
    return application, ["2026年4月1日", "视为放弃申请", "2026年2月12日"]


def fee_lapsed(agency):
    application, _ = fee(agency)
    act(application, "fee_lapsed", "2026-04-01")
    return application, ["2026年4月1日", "逾期未缴纳", "国办函〔2020〕109号"]


CASES = {
    "correction": correction,
    "extension": extension,
    "later_deadline": later_deadline,
    "fee": fee,
    **{f"reply:{outcome}": reply_of(outcome) for outcome in REPLY_OUTCOMES},
    "correction_lapsed": correction_lapsed,
    "fee_lapsed": fee_lapsed,
}
ONE_PER_KIND = [
    "correction",
    "extension",
    "later_deadline",
    "fee",
    "reply:disclosed",
    "reply:partially_disclosed",
    "reply:withheld.third_party",
    "reply:unable.not_held",
    "reply:not_processed.repeated",
    "reply:other.other",
]


@pytest.mark.parametrize("case", list(CASES))
def test_every_letter_names_the_applicant_the_dates_and_the_legal_basis(tree, case):
    application, expected = CASES[case](tree["dept_a"])
    text = docx_text(render.to_docx(letter_for(application)))
    assert "张三：" in text
    assert "2026年2月10日" in text and application.tracking_code in text
    assert tree["dept_a"].name in text
    for fragment in expected:
        assert fragment in text, fragment
    assert "{{" not in text and "{%" not in text


PROCEDURAL = ("correction", "extension", "later_deadline")


@pytest.mark.parametrize("case", [case for case in CASES if case not in PROCEDURAL])
def test_answers_and_fee_notices_state_the_remedies(tree, case):
    application, _ = CASES[case](tree["dept_a"])
    text = docx_text(render.to_docx(letter_for(application)))
    assert "60日内" in text and "行政复议" in text and "6个月内" in text and "行政诉讼" in text


@pytest.mark.parametrize("case", ONE_PER_KIND)
def test_every_kind_prints_to_a_one_page_pdf(tree, case):
    application, _ = CASES[case](tree["dept_a"])
    letter = letter_for(application)
    pdf = render.to_pdf(letter)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert "张三" in reader.pages[0].extract_text()


@pytest.mark.parametrize("case", PROCEDURAL)
def test_procedural_notices_carry_no_remedies_paragraph(tree, case):
    application, _ = CASES[case](tree["dept_a"])
    assert "行政复议" not in docx_text(render.to_docx(letter_for(application)))


def test_the_later_deadline_notice_prints_its_date_reason_and_article(tree):
    application, _ = later_deadline(tree["dept_a"])
    letter = letter_for(application)
    assert letter.kind == "later_deadline"
    assert letter.filename("pdf") == f"延后答复告知书-{application.tracking_code}-2026-03-02.pdf"
    text = PdfReader(io.BytesIO(render.to_pdf(letter))).pages[0].extract_text().replace("\n", "")
    for fragment in [
        "延后答复告知书",
        "测甲依申延〔2026〕1号",
        "申请公开的信息达300项",
        "2026年4月30日",
        "第三十五条",
    ]:
        assert fragment in text, fragment


def test_the_later_deadline_notice_is_numbered_in_the_extension_series(tree):
    application, _ = extension(tree["dept_a"])
    other, _ = later_deadline(tree["dept_a"])
    assert application.events.get(action="extend").data["letter_no"] == "测甲依申延〔2026〕1号"
    assert other.events.get(action="set_later_deadline").data["letter_no"] == "测甲依申延〔2026〕2号"


def test_an_organisation_is_addressed_by_its_name(tree):
    application = received_application(tree["dept_a"], applicant=company())
    act(application, "reply", "2026-03-10", outcome="disclosed")
    assert "某某科技有限公司：" in docx_text(render.to_docx(letter_for(application)))


def test_the_latest_letter_is_the_default_and_an_earlier_one_can_be_asked_for(tree):
    application, _ = extension(tree["dept_a"])
    act(application, "reply", "2026-03-20", outcome="disclosed")
    assert letter_for(application).kind == "reply_disclosed"
    extend_event = application.events.get(action="extend")
    earlier = letter_for(application, extend_event.pk)
    assert earlier.kind == "extension" and earlier.context["letter_number"] == "测甲依申延〔2026〕1号"
    assert letter_for(application).context["letter_number"] == "测甲依申复〔2026〕1号"
    assert earlier.filename("pdf") == f"延期答复告知书-{application.tracking_code}-2026-03-02.pdf"


def test_an_application_without_a_letter_bearing_act_has_no_letter(tree):
    application = received_application(tree["dept_a"])
    with pytest.raises(RuleViolation) as refused:
        letter_for(application)
    assert refused.value.code == "no_letter"
    with pytest.raises(RuleViolation) as refused:
        letter_for(application, application.events.get().pk)
    assert refused.value.code == "event_has_no_letter"
    with pytest.raises(NotFound):
        letter_for(application, 10**9)


def test_values_are_escaped_into_the_docx(tree):
    application = received_application(tree["dept_a"], description="A & B <规定>")
    act(application, "reply", "2026-03-10", outcome="disclosed")
    assert "“A & B <规定>”" in docx_text(render.to_docx(letter_for(application)))


# API ------------------------------------------------------------------------------------------


def test_api_serves_the_reply_letter_as_pdf_and_docx_with_a_chinese_filename(tree, api):
    application = received_application(tree["dept_a"])
    act(application, "reply", "2026-03-10", outcome="disclosed")
    pdf = api("handler_a").get(f"/applications/{application.pk}/letter", format="pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "filename*=UTF-8''%E7%AD%94%E5%A4%8D%E5%91%8A%E7%9F%A5%E4%B9%A6" in pdf["Content-Disposition"]
    docx = api("handler_a").get(f"/applications/{application.pk}/letter", format="docx")
    assert docx["Content-Type"] == render.documents.CONTENT_TYPES["docx"]
    assert "予以公开" in docx_text(docx.content)


def test_api_serves_the_later_deadline_notice_for_its_event(tree, api):
    application, _ = later_deadline(tree["dept_a"])
    act(application, "reply", "2026-04-20", outcome="disclosed")
    event = application.events.get(action="set_later_deadline")
    client = api("handler_a")
    docx = client.get(f"/applications/{application.pk}/letter", format="docx", event=event.pk)
    assert docx.status_code == 200
    text = docx_text(docx.content)
    assert "延后答复告知书" in text and "2026年4月30日" in text and "第三十五条" in text
    pdf = client.get(f"/applications/{application.pk}/letter", event=event.pk)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "%E5%BB%B6%E5%90%8E%E7%AD%94%E5%A4%8D%E5%91%8A%E7%9F%A5%E4%B9%A6" in pdf["Content-Disposition"]


def test_api_letter_errors(tree, api):
    application = received_application(tree["dept_a"])
    client = api("handler_a")
    response = client.get(f"/applications/{application.pk}/letter", format="pdf")
    assert response.status_code == 409 and error_code(response) == "no_letter"
    assert api("handler_b").get(f"/applications/{application.pk}/letter").status_code == 404
    assert api().get(f"/applications/{application.pk}/letter").status_code == 401
    assert client.get(f"/applications/{application.pk}/letter", event=10**9).status_code == 404
    assert client.get(f"/applications/{application.pk}/letter", format="odt").status_code == 422


def _build_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "scripts" / "build_letter_templates.py"
    spec = importlib.util.spec_from_file_location("build_letter_templates", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", list(texts.KINDS))
def test_the_templates_in_the_repository_are_what_the_script_builds(kind):
    assert _build_script().build(kind) == render.default_template(kind)


@pytest.mark.parametrize("kind", ["correction", "reply_withheld"])
def test_the_templates_set_the_east_asian_font(kind):
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(render.default_template(kind)))
    fonts = document.styles["Letter Body"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋"


# Wording: the fee notice, the remedies in the letter's own name, file names -------------------------


@pytest.mark.parametrize(
    ("method", "fields", "decision", "standard"),
    [
        (
            "per_page",
            {"pages": 50},
            "本机关决定按量计收信息处理费。",
            "收费标准（按量计收）：同一申请30页以下（含）的不收费",
        ),
        (
            "per_item",
            {},
            "本机关决定按件计收信息处理费。",
            "收费标准（按件计收）：同一申请人一个自然月内累计申请10件以下",
        ),
    ],
)
def test_the_fee_notice_names_its_method_once_in_the_decision_and_the_standard(
    tree, method, fields, decision, standard
):
    for _ in range(10 if method == "per_item" else 0):  # the 11th application of the month is charged
        received_application(tree["dept_a"])
    application = received_application(tree["dept_a"])
    act(application, "fee_notice", "2026-02-12", method=method, **fields)
    text = docx_text(render.to_docx(letter_for(application)))
    assert decision in text and standard in text
    assert "按照按" not in text and "计收：" not in text


def test_the_fee_notice_states_the_last_day_to_pay_as_included(tree):
    application, _ = fee(tree["dept_a"])
    text = docx_text(render.to_docx(letter_for(application)))
    # add(2026-02-12, 20) in the 2026 calendar: 2026-03-18, the last day on which paying is in time.
    assert "请您自收到本通知书之日起20个工作日内缴纳，缴费期限截至2026年3月18日（含当日）。" in text
    assert "前）" not in text


def test_the_correction_and_extension_letters_give_their_last_day_as_included(tree):
    application, _ = correction(tree["dept_a"])
    text = docx_text(render.to_docx(letter_for(application)))
    # 15 working days from 2026-02-12 in the 2026 calendar: 2026-03-11 (test_clock).
    assert "请您在15个工作日内，即截至2026年3月11日（含当日），向本机关提交补正后的申请。" in text
    application, _ = extension(tree["dept_a"])
    text = docx_text(render.to_docx(letter_for(application)))
    assert "本机关将最迟于" in text and "前作出答复" not in text


@pytest.mark.parametrize("case", [case for case in CASES if case not in PROCEDURAL])
def test_the_remedies_paragraph_calls_the_letter_by_its_own_name(tree, case):
    application, _ = CASES[case](tree["dept_a"])
    letter = letter_for(application)
    own, other = ("通知书", "告知书") if letter.title.endswith("通知书") else ("告知书", "通知书")
    assert letter.context["letter_name"] == own
    text = docx_text(render.to_docx(letter))
    assert f"如对本{own}不服，可以自收到本{own}之日起60日内" in text and f"自收到本{own}之日起6个月内" in text
    assert f"本{other}" not in text


def test_only_the_fee_notice_calls_itself_a_notice():
    assert {kind for kind in texts.KINDS if texts.letter_name(kind) == "通知书"} == {"fee"}
    assert texts.remedies_for("reply_disclosed") == texts.REMEDIES  # the guide's wording is unchanged


def test_an_agency_template_can_use_the_letters_own_name(tree):
    from gongkai.applications.letters import services as letter_services

    document = Document()
    document.add_paragraph("请自收到本{{ letter_name }}之日起缴纳。{{ remedies }}")
    own = io.BytesIO()
    document.save(own)
    letter_services.upload_letter_template(tree["dept_a"], "fee", own.getvalue(), actor=SYSTEM)
    application, _ = fee(tree["dept_a"])
    text = docx_text(render.to_docx(letter_for(application)))
    assert text.startswith("请自收到本通知书之日起缴纳。如对本通知书不服") and "告知书" not in text


def test_the_variables_page_documents_every_variable_a_template_gets():
    from gongkai.applications.letters.context import VARIABLES, sample_context

    documented = {name.strip() for names in VARIABLES for name in names.split("/")}
    assert "letter_name" in documented and "letter_name" in sample_context("fee")
    assert sample_context("fee")["remedies"].startswith("如对本通知书不服")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_letter_download_has_a_meaningful_ascii_name_beside_the_chinese_one(tree, api, fmt):
    application = received_application(tree["dept_a"])
    act(application, "reply", "2026-03-10", outcome="disclosed")
    response = api("handler_a").get(f"/applications/{application.pk}/letter", format=fmt)
    code = application.tracking_code
    disposition = response["Content-Disposition"]
    assert f'filename="letter-{code}-2026-03-10.{fmt}"' in disposition
    assert "filename*=UTF-8''%E7%AD%94%E5%A4%8D%E5%91%8A%E7%9F%A5%E4%B9%A6" in disposition


def test_a_voided_letter_says_so_in_its_ascii_name_too(tree):
    application, _ = extension(tree["dept_a"])
    event = application.events.get(action="extend")
    act(application, "void", "2026-03-03", reason="录入有误")
    voided = letter_for(application, event.pk)
    assert voided.ascii_filename("pdf") == f"letter-{application.tracking_code}-2026-03-02-void.pdf"


@pytest.mark.parametrize(
    ("name", "fallback", "expected"),
    [
        ("延期答复告知书-ABC123-2026-03-02.pdf", "", "ABC123-2026-03-02.pdf"),
        ("测试.pdf", "", "document.pdf"),
        ("测试", "", "document"),
        ("答复告知书-X.pdf", "letter-X.pdf", "letter-X.pdf"),
        ('a"b\\c\r\n.pdf', "", "abc.pdf"),
    ],
)
def test_the_ascii_fallback_name_drops_what_the_chinese_words_leave_behind(name, fallback, expected):
    disposition = render.documents.content_disposition(name, fallback=fallback)
    assert disposition.startswith(f'attachment; filename="{expected}"; filename*=UTF-8')


@pytest.mark.parametrize("description", ["2025年本机关财政预算执行情况。", "2025年本机关财政预算执行情况"])
def test_a_description_ending_a_sentence_is_quoted_without_a_second_full_stop(tree, description):
    # GB/T 15834: a quotation that is part of the sentence drops its own end stop (no "。”。").
    application = received_application(tree["dept_a"], description=description)
    act(application, "reply", "2026-03-10", outcome="disclosed")
    text = docx_text(render.to_docx(letter_for(application)))
    assert "申请获取：“2025年本机关财政预算执行情况”。" in text


# A legal reviewer's reading of every letter ------------------------------------------------------


def test_a_reply_with_outcome_other_does_not_say_the_applicant_withdrew(tree):
    # 其他处理：其他 is an answer the agency gives; only the withdraw act is a withdrawal.
    application = received_application(tree["dept_a"])
    act(application, "reply", "2026-03-10", outcome="other.other", reason="申请人已通过其他途径获取该信息")
    text = docx_text(render.to_docx(letter_for(application)))
    assert "撤回" not in text and "终止办理" not in text
    assert "具体理由：申请人已通过其他途径获取该信息" in text


def test_a_withdrawal_letter_says_the_applicant_withdrew(tree):
    application = received_application(tree["dept_a"])
    act(application, "withdraw", "2026-03-05")
    text = docx_text(render.to_docx(letter_for(application)))
    assert "您已撤回该政府信息公开申请，本机关终止办理。" in text


@pytest.mark.parametrize("how", ["withdraw", "reply"])
def test_a_letter_resting_on_no_single_article_still_states_its_legal_basis(tree, how):
    # No one article governs a withdrawal or 其他处理, yet a reply letter states its legal basis
    # (domain/applications.md): the regulation.
    application = received_application(tree["dept_a"])
    if how == "withdraw":
        act(application, "withdraw", "2026-03-05")
    else:
        act(application, "reply", "2026-03-10", outcome="other.other", reason="申请人已通过其他途径获取该信息")
    letter = letter_for(application)
    text = docx_text(render.to_docx(letter))
    assert "依据：《中华人民共和国政府信息公开条例》" in text
    pdf = PdfReader(io.BytesIO(render.to_pdf(letter))).pages[0].extract_text().replace("\n", "")
    assert "依据：《中华人民共和国政府信息公开条例》" in pdf and "如对本告知书不服" in pdf


def test_the_needs_creation_reply_quotes_article_38s_existing_information(tree):
    # Art. 38: 需要行政机关对现有政府信息进行加工、分析的 — 现有 (held), not 现行 (in force).
    application = received_application(tree["dept_a"])
    act(application, "reply", "2026-03-10", outcome="unable.needs_creation")
    text = docx_text(render.to_docx(letter_for(application)))
    assert "需要本机关对现有政府信息进行加工、分析" in text and "现行" not in text


def test_the_signature_is_never_split_from_the_text_nor_left_alone_on_a_page(tree):
    # GB/T 9704 §7.3.5: the signature and date stay together and with the text; a page holding only
    # them would be a signed blank. Notes of growing length push the end of the letter over a page.
    agency = tree["dept_a"]
    overflowing = 0
    for repeats in (29, 31, 34, 36):  # before the fix: the date alone (29, 31), the signature alone (34, 36)
        application = received_application(agency)
        act(
            application,
            "reply",
            "2026-03-10",
            outcome="disclosed",
            reason="经查阅档案" * 40,
            note="如有疑问请联系本机关。" * repeats,
        )
        reader = PdfReader(io.BytesIO(render.to_pdf(letter_for(application))))
        if len(reader.pages) == 1:
            continue
        overflowing += 1
        last = reader.pages[-1].extract_text().strip().splitlines()
        assert agency.name in last and "2026年3月10日" in last, (repeats, last)
        assert last.index(agency.name) > 0, (repeats, last)  # some of the text goes over with it
    assert overflowing


@pytest.mark.parametrize("channel", ["in_person", "online"])
def test_the_receipt_names_the_regulation_in_title_marks(tree, channel):
    from gongkai.applications.track_views import RECEIPT_CSS, receipt_html

    application = received_application(tree["dept_a"])
    if channel == "online":
        application.channel = "online"
    pdf = render.documents.html_to_pdf(receipt_html(application), css=RECEIPT_CSS)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().replace("\n", "")
    assert "（条例第三十三条）" not in text
    assert text.count(texts.REGULATION) == 1  # named in full once, then 该条例
    assert "第三十三条" in text


def test_a_letter_over_several_pages_numbers_them(tree):
    # GB/T 9704 §7.5: page numbers under the text block, "— 1 —", so no page of a letter goes missing.
    application = received_application(tree["dept_a"])
    act(application, "reply", "2026-03-10", outcome="disclosed", note="如有疑问请联系本机关。" * 60)
    pages = PdfReader(io.BytesIO(render.to_pdf(letter_for(application)))).pages
    assert len(pages) == 2
    assert "— 1 —" in pages[0].extract_text() and "— 2 —" in pages[1].extract_text()


def test_a_draft_reply_letter_is_titled_as_a_draft(tree, staff):
    # A draft printed for the reviewer must not read as an issued letter from its heading down.
    application = received_application(tree["dept_a"])
    services.draft_reply(
        application, actor=staff["handler_a"], on=D("2026-02-20"), today=TODAY, outcome="disclosed"
    )
    letter = letter_for(application, application.events.get(action="draft_reply").pk)
    text = docx_text(render.to_docx(letter))
    assert text.splitlines()[0] == "政府信息公开申请答复告知书（送审稿）"
    application = received_application(tree["dept_a"])
    act(application, "reply", "2026-03-10", outcome="disclosed")
    assert docx_text(render.to_docx(letter_for(application))).splitlines()[0] == "政府信息公开申请答复告知书"


def test_the_correction_items_are_numbered_with_a_full_width_point(tree):
    # GB/T 9704 §7.3.3: the third level of numbering is "1．", not the ASCII "1. ".
    application, _ = correction(tree["dept_a"])
    text = docx_text(render.to_docx(letter_for(application)))
    assert "1．请写明文件的文号\n2．请写明年份" in text and "1. " not in text
