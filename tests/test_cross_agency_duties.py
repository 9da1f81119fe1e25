"""The cross-agency walk of ``test_cross_agency.py`` over the newer duties: messages, replies, FAQ
and reply limits (interaction); guides, power lists and the standard catalogue (guides); suggestions,
proposals and key tasks (proposals); the self-check, its clocks and the rectification ledger
(selfcheck); outgoing mail (notifications).

dept_a's records are made through the services. dept_b's handler gets 404 for each of them and for
every act naming dept_a (nothing is written), an anonymous visitor the login page or 401, and no
staff list, page or API, shows them to dept_b.
"""

import datetime as dt

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.system import SYSTEM
from gongkai.guides import services as guide_services
from gongkai.guides.models import StandardEntry
from gongkai.guides.tests.factories import make_guide, workbook_bytes
from gongkai.guides.tests.test_sheets import STANDARD_MERGES, STANDARD_ROWS
from gongkai.interaction import services as message_services
from gongkai.notifications.models import OutgoingMail
from gongkai.proposals import services as proposal_services
from gongkai.selfcheck import registry
from gongkai.selfcheck import services as selfcheck_services
from gongkai.testing import ApiClient, make_user
from tests.test_cross_agency import (
    FILE,
    _call_api,
    _filled,
    assert_api_not_found,
    assert_page_not_found,
    assert_sent_to_login,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
# Words that appear only in dept_a's records: none may reach a page or answer of dept_b.
SECRETS = ("甲局内部", "jia-writer@example.org", "王代表")


@pytest.fixture
def duties(tree, settings, tmp_path):
    """dept_a's messages (one replied, so a mail went out; one overdue), private FAQ, withdrawn guide, standard
    catalogue, proposal and key task (co-handled by the town), and a rectification task."""
    settings.MEDIA_ROOT = tmp_path / "media"
    dept_a = tree["dept_a"]
    message = message_services.submit_online(
        agency=dept_a,
        kind="consultation",
        title="甲局内部留言",
        body="甲局内部留言正文",
        name="林留言",
        phone="13912340001",
        email="jia-writer@example.org",
        publish_consent=False,
        today=dt.date(2026, 3, 9),
    )
    message_services.reply(message, actor=SYSTEM, on=dt.date(2026, 3, 11), text="甲局内部答复", today=TODAY)
    # Never answered: overdue, a running clock and a veto of dept_a's self-check, dept_a's only.
    message_services.submit_online(
        agency=dept_a,
        kind="consultation",
        title="甲局内部未答留言",
        body="甲局内部留言正文",
        name="林留言",
        phone="13912340001",
        publish_consent=False,
        today=dt.date(2026, 3, 10),
    )
    faq = message_services.save_faq(
        None,
        actor=SYSTEM,
        agency=dept_a,
        topic="社保",
        question="甲局内部问题",
        answer="甲局内部解答",
        public=False,
        today=TODAY,
    )
    guide = make_guide(dept_a, SYSTEM, name="甲局内部指南", public=False)
    guide_services.import_standard(
        actor=SYSTEM, agency=dept_a, name="目录.xlsx", data=workbook_bytes(STANDARD_ROWS, STANDARD_MERGES)
    )
    proposal = proposal_services.create_proposal(
        actor=SYSTEM,
        agency=dept_a,
        kind="deputy_suggestion",
        session="十七届人大三次会议",
        number="1",
        title="甲局内部建议",
        assigned_on=dt.date(2026, 3, 2),
        proposers="王代表",
        co_agencies=[tree["town"]],
    )
    task = proposal_services.create_task(
        actor=SYSTEM,
        agency=dept_a,
        source="2026年政府工作报告",
        title="甲局内部任务",
        assigned_on=dt.date(2026, 3, 2),
        deadline=dt.date(2026, 12, 31),
        co_agencies=[tree["town"]],
    )
    indicator = registry.indicators()[0].code
    rectification = selfcheck_services.open_task(
        actor=SYSTEM, agency=dept_a, indicator=indicator, today=TODAY, problem="甲局内部整改问题"
    )
    return {
        "message": message.pk,
        "faq": faq.pk,
        "mail": OutgoingMail.objects.get(agency=dept_a).pk,
        "guide": guide.pk,
        "entry": StandardEntry.objects.filter(agency=dept_a).order_by("id").first().pk,
        "proposal": proposal.pk,
        "task": task.pk,
        "indicator": indicator,
        "rectification": rectification.pk,
    }


# (method, url template) of every workbench page of these duties that names one of dept_a's records.
WORKBENCH = [
    ("get", "/workbench/interaction/{message}/"),
    ("post", "/workbench/interaction/{message}/act/reply/"),
    ("post", "/workbench/interaction/{message}/act/publish/"),
    ("get", "/workbench/interaction/faq/{faq}/"),
    ("post", "/workbench/interaction/faq/{faq}/"),
    ("post", "/workbench/mail/{mail}/retry/"),
    ("get", "/workbench/guides/{guide}/"),
    ("get", "/workbench/guides/{guide}/edit/"),
    ("post", "/workbench/guides/{guide}/edit/"),
    ("post", "/workbench/guides/{guide}/visibility/"),
    ("post", "/workbench/guides/standard/{entry}/"),
    ("get", "/workbench/proposals/{proposal}/"),
    ("post", "/workbench/proposals/{proposal}/act/answer/"),
    ("post", "/workbench/proposals/{proposal}/act/publish/"),
    ("post", "/workbench/proposals/{proposal}/views/town/"),
    ("post", "/workbench/proposals/{proposal}/views-due/town/"),
    ("post", "/workbench/proposals/tasks/{task}/progress/"),
    ("get", "/workbench/selfcheck/agency/dept-a/"),
    ("get", "/workbench/selfcheck/agency/dept-a/rectify/{indicator}/"),
    ("post", "/workbench/selfcheck/agency/dept-a/rectify/{indicator}/"),
    ("get", "/workbench/selfcheck/ledger/{rectification}/"),
    ("post", "/workbench/selfcheck/ledger/{rectification}/"),
    # Pages of the switcher's agency that open another one with ``?agency=`` (the office's view).
    ("get", "/workbench/selfcheck/?agency=dept-a"),
    ("get", "/workbench/selfcheck/ledger/?agency=dept-a"),
    ("get", "/workbench/selfcheck/ledger.xlsx?agency=dept-a"),
    ("get", "/workbench/clocks/?agency=dept-a"),
]

MESSAGE = {"kind": "consultation", "title": "乙局冒名", "body": "x", "name": "王五", "phone": "13800138000"}
# (method, url template, body) of every staff API endpoint of these duties naming dept_a or its records.
API = [
    ("get", "/messages/{message}", None),
    ("post", "/messages/{message}/actions/reply", {"date": "2026-03-12", "text": "乙局答复"}),
    ("post", "/messages/{message}/actions/reopen", {"date": "2026-03-12"}),
    ("post", "/messages", {"agency": "dept-a", "channel": "letter", **MESSAGE}),
    ("put", "/agencies/dept-a/message-limits", {"consultation": 5}),
    ("get", "/guides/{guide}", None),
    ("patch", "/guides/{guide}", {"name": "乙局改写"}),
    ("post", "/guides", {"agency": "dept-a", "name": "乙局冒名"}),
    ("get", "/guides/check?agency=dept-a", None),
    ("get", "/guides/export?agency=dept-a", None),
    ("post", "/guides/import?agency=dept-a", {"file": FILE}),
    ("post", "/powers/import?agency=dept-a", {"file": FILE}),
    ("post", "/standard/import?agency=dept-a", {"file": FILE}),
    ("get", "/standard/coverage?agency=dept-a", None),
    ("get", "/proposals/{proposal}", None),
    (
        "post",
        "/proposals/{proposal}/actions/answer",
        {"date": "2026-04-01", "result_class": "A", "doc_number": "乙复〔2026〕1号", "text": "乙局答复"},
    ),
    (
        "post",
        "/proposals/{proposal}/actions/co_views",
        {"date": "2026-04-01", "agency": "town", "views": "x"},
    ),
    (
        "post",
        "/proposals/{proposal}/actions/views_due",
        {"date": "2026-04-01", "agency": "town", "views_due_on": "2026-04-20"},
    ),
    (
        "post",
        "/proposals",
        {
            "agency": "dept-a",
            "kind": "deputy_suggestion",
            "session": "十七届人大三次会议",
            "number": "99",
            "title": "乙局冒名",
            "assigned_on": "2026-03-02",
        },
    ),
    ("post", "/proposals/reports", {"agency": "dept-a", "year": 2025, "date": "2026-11-30"}),
    ("get", "/tasks/{task}", None),
    ("post", "/tasks/{task}/progress", {"date": "2026-11-30", "status": "on_track", "text": "乙局进展"}),
    (
        "post",
        "/tasks",
        {"agency": "dept-a", "source": "乙局", "title": "乙局冒名", "assigned_on": "2026-03-02"},
    ),
    ("get", "/selfcheck/dept-a", None),
    ("get", "/selfcheck/dept-a/ranking", None),
    ("get", "/clocks?agency=dept-a", None),
    ("get", "/rectifications?agency=dept-a", None),
    ("post", "/rectifications", {"agency": "dept-a", "indicator": "{indicator}"}),
    ("get", "/audit/export.csv?agency=dept-a", None),
]


@pytest.mark.parametrize(("method", "url"), WORKBENCH, ids=[f"{m} {u}" for m, u in WORKBENCH])
def test_workbench_pages_of_another_agency_are_not_found(client, staff, duties, method, url):
    client.force_login(staff["handler_b"])
    assert_page_not_found(client, method, url.format(**duties))


@pytest.mark.parametrize(("method", "url"), WORKBENCH, ids=[f"{m} {u}" for m, u in WORKBENCH])
def test_workbench_pages_send_anonymous_visitors_to_the_login(client, duties, method, url):
    assert_sent_to_login(client, method, url.format(**duties))


GETS = [url for method, url in WORKBENCH if method == "get"]


@pytest.mark.parametrize("url", GETS)
def test_the_same_pages_open_for_the_agencys_own_staff(client, staff, duties, url):
    """The walk names real records: dept_a's admin opens every page dept_b's handler cannot."""
    client.force_login(staff["admin_a"])
    assert client.get(url.format(**duties)).status_code == 200


@pytest.mark.parametrize(("method", "url", "body"), API, ids=[f"{m} {u}" for m, u, _ in API])
def test_staff_api_of_another_agency_is_not_found(api, duties, method, url, body):
    assert_api_not_found(api("handler_b"), method, url.format(**duties), _filled(body, duties))


@pytest.mark.parametrize(("method", "url", "body"), API, ids=[f"{m} {u}" for m, u, _ in API])
def test_staff_api_without_a_token_is_unauthorised(api, duties, method, url, body):
    response = _call_api(api(), method, url.format(**duties), _filled(body, duties))
    assert response.status_code == 401, response.content


API_GETS = [url for method, url, _ in API if method == "get"]


@pytest.mark.parametrize("url", API_GETS)
def test_the_same_api_answers_the_agencys_own_staff(api, duties, url):
    assert api("admin_a").get(url.format(**duties)).status_code == 200


# Staff lists of these duties, with and without naming dept_a: dept_b's handler is told dept_a
# does not exist (404) or gets a list without dept_a's records.
LISTS = [
    ("/messages", {}),
    ("/messages", {"agency": "dept-a"}),
    ("/proposals", {}),
    ("/proposals", {"agency": "dept-a"}),
    ("/clocks", {}),
    ("/clocks", {"agency": "dept-b", "scope": "tree"}),
    ("/rectifications", {"agency": "dept-b"}),
    ("/selfcheck/dept-b", {"scope": "tree"}),
    ("/guides/check", {"agency": "dept-b"}),
    ("/standard/coverage", {"agency": "dept-b"}),
    ("/audit", {}),
]


@pytest.mark.parametrize(("url", "params"), LISTS, ids=[f"{u}?{p}" for u, p in LISTS])
def test_staff_lists_never_include_another_agencys_records(api, duties, url, params):
    response = api("handler_b").get(url, **params)
    if params.get("agency") == "dept-a" and response.status_code == 404:
        return
    # Proposals: dept_a's list as dept_b sees it is what dept_b co-handles (nothing here).
    assert response.status_code == 200, response.content
    text = response.content.decode()
    assert not any(secret in text for secret in SECRETS), text[:500]
    assert "dept-a" not in text, text[:500]


WORKBENCH_LISTS = [
    "/workbench/",
    "/workbench/interaction/",
    "/workbench/interaction/faq/",
    "/workbench/interaction/limits/",
    "/workbench/guides/",
    "/workbench/guides/powers/",
    "/workbench/guides/standard/",
    "/workbench/proposals/",
    "/workbench/proposals/tasks/",
    "/workbench/selfcheck/",
    "/workbench/selfcheck/ledger/",
    "/workbench/clocks/",
    "/workbench/clocks/?scope=tree",
    "/workbench/mail/",
    "/workbench/audit/",
]


@pytest.mark.parametrize("url", WORKBENCH_LISTS)
def test_workbench_lists_never_include_another_agencys_records(client, staff, duties, url):
    client.force_login(staff["handler_b"])
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    assert not any(secret in text for secret in SECRETS), url


def test_the_agencys_own_lists_show_the_records(client, api, staff, duties):
    """The list checks look for words that are there when the right person looks."""
    client.force_login(staff["reviewer_a"])
    for url in (
        "/workbench/interaction/",
        "/workbench/interaction/faq/",
        "/workbench/guides/",
        "/workbench/proposals/",
        "/workbench/selfcheck/ledger/",
        "/workbench/clocks/",
    ):
        assert "甲局内部" in client.get(url).content.decode(), url
    assert "甲局内部留言" in api("reviewer_a").get("/messages").content.decode()
    assert "甲局内部建议" in api("reviewer_a").get("/proposals").content.decode()


def test_a_co_handler_sees_the_proposal_but_cannot_act_as_the_lead(duties, tree):
    """The town co-handles dept_a's proposal: its staff read it and send views, never answer it."""
    town = ApiClient(make_user("handler_town", agency=tree["town"], role=Role.HANDLER))
    proposal = duties["proposal"]
    assert town.get(f"/proposals/{proposal}").status_code == 200
    before = AuditEvent.objects.count()
    answer = {"date": "2026-04-01", "result_class": "A", "doc_number": "镇复1号", "text": "镇答复"}
    response = town.post(f"/proposals/{proposal}/actions/answer", answer)
    assert response.status_code == 404, response.content
    assert AuditEvent.objects.count() == before


def test_private_records_of_these_duties_reach_no_public_page_or_api(client, duties):
    """Unpublished messages, a private FAQ, a withdrawn guide, an unanswered proposal."""
    private = ("甲局内部留言", "甲局内部未答留言", "甲局内部问题", "甲局内部指南", "甲局内部建议", "王代表")
    for url in (
        "/api/v1/search?q=甲局内部",
        "/api/v1/public/messages",
        "/api/v1/public/faqs",
        "/api/v1/public/guides",
        "/api/v1/public/proposals",
        "/interaction/messages/",
        "/interaction/faq/",
        "/guides/",
        "/proposals/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert not any(word in text for word in private), url
    assert client.get(f"/api/v1/public/messages/{duties['message']}").status_code == 404
    assert client.get(f"/api/v1/public/guides/{duties['guide']}").status_code == 404
    assert client.get(f"/interaction/messages/{duties['message']}/").status_code == 404
    assert client.get(f"/guides/{duties['guide']}/").status_code == 404
