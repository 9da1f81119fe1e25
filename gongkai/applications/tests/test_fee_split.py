"""Per-item fees of an application split into several items (一事一申请, Art. 4 of 国办函〔2020〕109号):
the places it takes in the applicant's natural month, earlier splits, one method per application."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from docx import Document

from gongkai.applications import selectors, services
from gongkai.applications.letters import render
from gongkai.applications.letters.context import letter_for
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.tests.factories import TODAY, body, company, received_application
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.core.system import SYSTEM
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def applications(agency, count: int, on: str = "2026-03-02", **fields) -> list[Application]:
    return [received_application(agency, on, **fields) for _ in range(count)]


def notice(application, *, on: str = "2026-03-06", method: str = "per_item", **fields):
    return services.fee_notice(application, actor=SYSTEM, on=D(on), method=method, today=TODAY, **fields)


def fee_data(application) -> dict:
    data = ApplicationEvent.objects.get(application=application, action="fee_notice").data
    return {key: value for key, value in data.items() if key != "letter_no"}


# Amounts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("earlier", "items", "first", "amount"),
    [
        (12, 3, 13, "300.00"),  # 13–15 at 100
        (8, 4, 9, "200.00"),  # 9, 10 free; 11, 12 at 100
        (9, 2, 10, "100.00"),  # 10 free; 11 at 100
        (0, 11, 1, "100.00"),  # the applicant's first application, split into 11
        (28, 4, 29, "600.00"),  # 29, 30 at 100; 31, 32 at 200
        (39, 3, 40, "800.00"),  # 40 at 200; 41, 42 at 300
    ],
)
def test_a_split_application_pays_for_every_place_it_takes(tree, earlier, items, first, amount):
    applications(tree["dept_a"], earlier)
    application = received_application(tree["dept_a"], "2026-03-03")
    notice(application, items=items)
    data = fee_data(application)
    assert (data["nth"], data["items"], data["amount"]) == (first, items, amount)
    application.refresh_from_db()
    assert str(application.fee_amount) == amount and application.state == "awaiting_fee"


def test_a_split_that_stays_within_the_free_items_is_not_chargeable(tree):
    applications(tree["dept_a"], 7)
    application = received_application(tree["dept_a"], "2026-03-03")
    with pytest.raises(RuleViolation) as refused:
        notice(application, items=3)  # 8–10: free
    assert refused.value.code == "fee_not_chargeable" and refused.value.details["items"] == 3


def test_without_items_an_application_counts_as_one_as_before(tree):
    applications(tree["dept_a"], 10)
    application = received_application(tree["dept_a"], "2026-03-03")
    notice(application)
    assert fee_data(application) == {"method": "per_item", "nth": 11, "items": 1, "amount": "100.00"}


# Earlier applications of the month ---------------------------------------------------------------


def test_earlier_split_applications_count_with_their_items(tree):
    first = received_application(tree["dept_a"], "2026-03-02")
    notice(first, items=12)  # 1–12: 200
    second = received_application(tree["dept_a"], "2026-03-03")
    notice(second, items=18, on="2026-03-09")  # 13–30: 1800
    third = received_application(tree["dept_a"], "2026-03-04")
    notice(third, items=2, on="2026-03-10")  # 31, 32 at 200
    assert [fee_data(a)["amount"] for a in (first, second, third)] == ["200.00", "1800.00", "400.00"]
    assert [fee_data(a)["nth"] for a in (first, second, third)] == [1, 13, 31]
    assert selectors.per_item_position(received_application(tree["dept_a"], "2026-03-05")) == 33


def test_a_voided_split_counts_the_application_as_one_item_again(tree):
    earlier = received_application(tree["dept_a"], "2026-03-02")
    notice(earlier, items=12)
    services.void(earlier, actor=SYSTEM, on=D("2026-03-06"), reason="拆分件数录入有误", today=TODAY)
    later = received_application(tree["dept_a"], "2026-03-03")
    assert selectors.per_item_position(later) == 2
    notice(earlier, items=11, on="2026-03-09")
    assert selectors.per_item_position(later) == 12


def test_an_earlier_application_charged_by_page_counts_as_one_item(tree):
    earlier = received_application(tree["dept_a"], "2026-03-02")
    notice(earlier, method="per_page", pages=40)
    assert selectors.per_item_position(received_application(tree["dept_a"], "2026-03-03")) == 2


def test_the_count_starts_again_in_a_new_natural_month(tree):
    march = received_application(tree["dept_a"], "2026-03-31", applicant=company())
    notice(march, items=15, on="2026-04-03")  # 1–15: 500
    april = received_application(tree["dept_a"], "2026-04-01", applicant=company())
    with pytest.raises(RuleViolation) as refused:
        notice(april, items=3, on="2026-04-03")  # 1–3 of April: free
    assert refused.value.code == "fee_not_chargeable"
    notice(april, items=11, on="2026-04-03")
    assert (fee_data(april)["nth"], fee_data(april)["amount"]) == (1, "100.00")
    late_march = received_application(tree["dept_a"], "2026-03-31", applicant=company())
    assert selectors.per_item_position(late_march) == 16


def test_other_applicants_and_agencies_do_not_count(tree):
    notice(received_application(tree["dept_a"], "2026-03-02", applicant=company()), items=20)
    notice(received_application(tree["dept_b"], "2026-03-02"), items=20)
    assert selectors.per_item_position(received_application(tree["dept_a"], "2026-03-03")) == 1


# Refusals ----------------------------------------------------------------------------------------


def test_items_with_per_page_is_refused_one_method_per_application(tree):
    application = received_application(tree["dept_a"])
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as refused:
        notice(application, method="per_page", pages=40, items=2, on="2026-02-12")
    assert refused.value.code == "validation_error" and refused.value.details == {"field": "items"}
    assert "第三条" in refused.value.message and "一种" in refused.value.message
    assert AuditEvent.objects.count() == before and application.state == "received"


@pytest.mark.parametrize("items", [0, -1, 201, True, "3"])
def test_items_must_be_a_whole_number_from_1_to_200(tree, items):
    with pytest.raises(InvalidInput) as refused:
        notice(received_application(tree["dept_a"]), items=items, on="2026-02-12")
    assert refused.value.details == {"field": "items"} and "1至200" in refused.value.message


# The fee letter ----------------------------------------------------------------------------------


def letter_text(application) -> str:
    content = render.to_docx(letter_for(application))
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


def test_the_fee_letter_states_the_split_the_places_the_standard_and_the_amount(tree):
    applications(tree["dept_a"], 28)
    application = received_application(tree["dept_a"], "2026-03-03")
    notice(application, items=4)
    text = letter_text(application)
    assert (
        "本申请包含多项内容，本机关按照“一事一申请”原则，以合理的最小单位拆分计算为4件，"
        "为您本自然月内向本机关提出的第29件至第32件申请（其中第29件至第30件每件100元，"
        "第31件至第32件每件200元），应缴纳信息处理费人民币600.00元"
    ) in text
    assert "收费标准（按件计收）：同一申请人一个自然月内累计申请10件以下（含）的不收费" in text


def test_a_letter_of_one_item_reads_as_before(tree):
    applications(tree["dept_a"], 12)
    application = received_application(tree["dept_a"], "2026-03-03")
    notice(application)
    text = letter_text(application)
    assert "本申请为您本自然月内向本机关提出的第13件申请，应缴纳信息处理费人民币100.00元" in text
    assert "拆分" not in text


# The workbench -----------------------------------------------------------------------------------


@pytest.fixture
def handler(client, staff):
    client.force_login(staff["handler_a"])
    return client


def test_the_workbench_records_a_split_and_shows_it(handler, tree):
    applications(tree["dept_a"], 12)
    application = received_application(tree["dept_a"], "2026-03-03")
    url = reverse("applications_staff:detail", args=[application.pk])
    form = next(form for form in handler.get(url).context["action_forms"] if form.action == "fee_notice")
    assert form.fields["items"].label == "拆分件数（按件计收）" and "一事一申请" in form.fields["items"].help_text
    response = handler.post(
        reverse("applications_staff:act", args=[application.pk, "fee_notice"]),
        {"fee_notice-date": "2026-03-06", "fee_notice-method": "per_item", "fee_notice-items": "3"},
    )
    assert response.status_code == 302, response.content.decode()
    assert fee_data(application) == {"method": "per_item", "nth": 13, "items": 3, "amount": "300.00"}
    html = handler.get(url).content.decode()
    assert (
        "300.00 元（计收方式：按件计收；按“一事一申请”拆分为3件，为申请人本月第13件至第15件；通知 2026-03-06"
        in strip_tags(html)
    )
    assert "金额：300.00 元；计收方式：按件计收；按“一事一申请”拆分为3件，为申请人本月第13件至第15件" in html


def test_the_workbench_refuses_items_with_per_page_next_to_the_form(handler, tree):
    application = received_application(tree["dept_a"], "2026-03-03")
    response = handler.post(
        reverse("applications_staff:act", args=[application.pk, "fee_notice"]),
        {"fee_notice-date": "2026-03-06", "fee_notice-method": "per_page", "fee_notice-pages": "40",
         "fee_notice-items": "2"},
    )
    assert response.status_code == 422 and "同一申请只能选择一种计收标准" in response.content.decode()
    assert not ApplicationEvent.objects.filter(application=application, action="fee_notice").exists()


def test_the_workbench_checks_the_number_of_items_in_chinese(handler, tree):
    application = received_application(tree["dept_a"], "2026-03-03")
    response = handler.post(
        reverse("applications_staff:act", args=[application.pk, "fee_notice"]),
        {"fee_notice-date": "2026-03-06", "fee_notice-method": "per_item", "fee_notice-items": "0"},
    )
    assert response.status_code == 400 and "拆分件数至少为1件" in response.content.decode()


# The API -----------------------------------------------------------------------------------------


def register(client, received_on="2026-03-02") -> int:
    response = client.post("/applications", {**body(), "channel": "in_person", "received_on": received_on})
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def act(client, application_id, **fields):
    return client.post(f"/applications/{application_id}/actions/fee_notice", {"date": "2026-03-06", **fields})


def test_the_api_takes_items_and_shows_them_in_the_fee(api):
    client = api("handler_a")
    ids = [register(client) for _ in range(13)]
    response = act(client, ids[12], method="per_item", items=3)
    assert response.status_code == 200, response.json()
    fee = response.json()["fee"]
    assert (fee["nth"], fee["items"], fee["amount"], fee["pages"]) == (13, 3, 300, None)
    event = response.json()["events"][-1]
    assert event["action"] == "fee_notice" and event["data"]["items"] == 3


def test_the_api_refuses_items_with_per_page(api):
    client = api("handler_a")
    response = act(client, register(client), method="per_page", pages=40, items=2)
    assert response.status_code == 422 and error_code(response) == "validation_error"
    assert response.json()["error"]["details"] == {"field": "items"}


@pytest.mark.parametrize("items", [0, 201, True, 2.5, ["3"]])
def test_the_api_refuses_items_that_are_not_a_whole_number_in_range(api, items):
    client = api("handler_a")
    response = act(client, register(client), method="per_item", items=items)
    assert response.status_code == 422 and error_code(response) == "validation_error"


def test_a_number_as_correction_items_is_refused_not_a_crash(api):
    client = api("handler_a")
    response = client.post(
        f"/applications/{register(client)}/actions/request_correction", {"date": "2026-03-03", "items": 3}
    )
    assert response.status_code == 422 and "补正事项" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("params", "amount"),
    [
        ({"method": "per_item", "nth": 13, "items": 3}, 300),
        ({"method": "per_item", "nth": 29, "items": 4}, 600),
        ({"method": "per_item", "nth": 11}, 100),
    ],
)
def test_the_quote_takes_nth_as_the_first_place_of_a_split(api, params, amount):
    response = api().get("/fees/quote", **params)
    assert response.status_code == 200 and response.json()["amount"] == amount
    assert response.json()["items"] == params.get("items", 1)


def test_the_quote_refuses_items_with_per_page(api):
    response = api().get("/fees/quote", method="per_page", pages=40, items=2)
    assert response.status_code == 422 and response.json()["error"]["details"] == {"field": "items"}
