"""Letter numbers (文号): ``{prefix}〔{year}〕{seq}号``, one gap-free series per agency, year and kind."""

import datetime as dt
import io
import threading

import pytest
from django.db import connection
from docx import Document

from gongkai.applications import letter_numbers, services
from gongkai.applications.letters import render
from gongkai.applications.letters.context import letter_for
from gongkai.applications.models import ApplicationEvent, LetterCounter
from gongkai.applications.tests.factories import TODAY, received_application
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import Forbidden, InvalidInput
from gongkai.core.system import SYSTEM
from gongkai.testing import make_agency

D = dt.date.fromisoformat


def act(application, name, on, **data):
    return getattr(services, name)(application, actor=SYSTEM, on=D(on), today=TODAY, **data)


def numbers(application) -> list[str]:
    rows = application.events.order_by("id")
    return [row.data["letter_no"] for row in rows if "letter_no" in row.data]


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("示例市经济和信息化局", "示经信"),
        ("示范市人民政府", "示政"),
        ("示范市人民政府办公室", "示政办"),
        ("示范市财政局", "示财"),
        ("示范市政务服务和数据管理局", "示政数"),
        ("示范市东城镇人民政府", "东政"),
        ("某省发展和改革委员会", "某发改"),
        ("测试市甲局", "测甲"),
    ],
)
def test_the_short_name_is_derived_from_the_full_name(name, short):
    assert letter_numbers.short_name(name) == short


def test_the_number_follows_the_pattern_of_the_issue():
    prefix = letter_numbers.default_prefix("示经信", "reply")
    assert letter_numbers.format_number(prefix, 2026, 3) == "示经信依申复〔2026〕3号"
    assert [letter_numbers.default_prefix("示经信", s) for s in ("correction", "extension", "fee")] == [
        "示经信依申补",
        "示经信依申延",
        "示经信依申费",
    ]
    assert {letter_numbers.series_of(k) for k in ("reply_disclosed", "reply_other", "reply_withheld")} == {
        "reply"
    }


@pytest.mark.django_db
def test_each_kind_has_its_own_gap_free_series_per_year(tree):
    agency = tree["dept_a"]
    first = received_application(agency, "2025-12-01")
    act(first, "request_correction", "2025-12-03", items=["请写明文号"])
    act(first, "withdraw", "2025-12-04")
    second = received_application(agency, "2026-02-10")
    act(second, "extend", "2026-02-11", days=5, reason="需协调", approver="王主任")
    act(second, "reply", "2026-02-12", outcome="withheld.process_info", reason="过程性信息")
    third = received_application(agency, "2026-02-10")
    act(third, "reply", "2026-02-13", outcome="disclosed")
    assert numbers(first) == ["测甲依申补〔2025〕1号", "测甲依申复〔2025〕1号"]
    # A new year starts again at 1; a withdrawal and every reply outcome share the 答复 series.
    assert numbers(second) == ["测甲依申延〔2026〕1号", "测甲依申复〔2026〕1号"]
    assert numbers(third) == ["测甲依申复〔2026〕2号"]
    # Acts that send nothing (registration) take no number.
    assert not any("letter_no" in row.data for row in ApplicationEvent.objects.filter(action="register"))


@pytest.mark.django_db
def test_agencies_number_separately_and_a_void_does_not_free_a_number(tree):
    a = received_application(tree["dept_a"])
    b = received_application(tree["dept_b"])
    act(a, "reply", "2026-02-12", outcome="disclosed")
    act(b, "reply", "2026-02-12", outcome="disclosed")
    assert numbers(a) == ["测甲依申复〔2026〕1号"] and numbers(b) == ["测乙依申复〔2026〕1号"]
    services.void(a, actor=SYSTEM, on=D("2026-02-13"), reason="结果录错", today=TODAY)
    act(a, "reply", "2026-02-13", outcome="partially_disclosed", reason="部分涉及隐私")
    assert numbers(a) == ["测甲依申复〔2026〕1号", "测甲依申复〔2026〕2号"]
    assert LetterCounter.objects.get(agency=tree["dept_a"], year=2026, series="reply").last == 2


@pytest.mark.django_db
def test_the_agency_sets_its_prefixes_and_the_letter_carries_the_number(tree, staff):
    agency = tree["dept_a"]
    services.update_settings(agency, actor=staff["admin_a"], short_name="测经信", prefix_fee="测经信费字")
    application = received_application(agency)
    act(application, "reply", "2026-02-12", outcome="disclosed")
    letter = letter_for(application)
    assert letter.context["letter_number"] == "测经信依申复〔2026〕1号"
    paragraphs = [p.text for p in Document(io.BytesIO(render.to_docx(letter))).paragraphs]
    assert "测经信依申复〔2026〕1号" in paragraphs
    other = received_application(agency)
    act(other, "fee_notice", "2026-02-12", method="per_page", pages=40)
    assert numbers(other) == ["测经信费字〔2026〕1号"]
    audit = AuditEvent.objects.filter(action="application.settings.update").get()
    assert audit.data["changed"] == {"short_name": "测经信", "prefix_fee": "测经信费字"}


@pytest.mark.django_db
def test_only_the_agency_admin_changes_the_settings_and_a_prefix_is_checked(tree, staff):
    agency = tree["dept_a"]
    with pytest.raises(Forbidden):
        services.update_settings(agency, actor=staff["reviewer_a"], prefix_reply="X")
    with pytest.raises(InvalidInput) as refused:
        services.update_settings(agency, actor=staff["admin_a"], prefix_reply="测〔甲〕")
    assert refused.value.details == {"field": "prefix_reply"}
    with pytest.raises(InvalidInput):
        services.update_settings(agency, actor=staff["admin_a"], prefix_reply="测甲号")


@pytest.mark.django_db
def test_the_timeline_and_the_api_show_the_number(client, staff, tree, api):
    application = received_application(tree["dept_a"])
    act(application, "reply", "2026-02-12", outcome="disclosed")
    client.force_login(staff["handler_a"])
    page = client.get(f"/workbench/apply/{application.pk}/").content.decode()
    assert "文号：测甲依申复〔2026〕1号" in page
    body = api("handler_a").get(f"/applications/{application.pk}").json()
    assert [event["letter_no"] for event in body["events"]] == [None, "测甲依申复〔2026〕1号"]


@pytest.mark.django_db
def test_the_settings_page_shows_the_numbers_and_saves_for_the_admin(client, staff, tree):
    client.force_login(staff["handler_a"])
    page = client.get("/workbench/apply/settings/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "测甲依申复〔2026〕1号" in text and "保存设置" not in text
    assert client.post("/workbench/apply/settings/", {"short_name": "X"}).status_code == 403
    client.force_login(staff["admin_a"])
    saved = client.post(
        "/workbench/apply/settings/", {"short_name": "测甲局", "prefix_reply": "", "signoff": "all"}
    )
    assert saved.status_code == 302
    page = client.get("/workbench/apply/settings/").content.decode()
    assert "测甲局依申复〔2026〕1号" in page and "全部答复均须审核签发" in page
    bad = client.post("/workbench/apply/settings/", {"prefix_reply": "甲 局", "signoff": "all"})
    assert bad.status_code == 400 and "不能包含括号、六角括号或空格" in bad.content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_letters_get_unique_gap_free_numbers():
    """PostgreSQL serialises on the counter's row lock, SQLite on ``BEGIN IMMEDIATE``."""
    agency = make_agency("race-letters", name="竞速市甲局", index_prefix="RACE")
    applications = [received_application(agency) for _ in range(10)]
    start = threading.Barrier(len(applications))
    errors = []

    def reply(application):
        try:
            start.wait()
            act(application, "reply", "2026-02-12", outcome="disclosed")
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=reply, args=(application,)) for application in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    given = ApplicationEvent.objects.filter(application__agency=agency, action="reply")
    assert sorted(row.data["letter_no"] for row in given) == sorted(
        f"竞甲依申复〔2026〕{n}号" for n in range(1, len(applications) + 1)
    )
