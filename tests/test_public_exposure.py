"""What the public sees: never an applicant's particulars, never live markup from user input.

Distinctive values are planted in applications (name, ID number, phone, email, address) and
script payloads in every field people type (titles, document numbers, summaries, bodies, agency
names, report narratives); then every public page, feed and public API answer is searched.
"""

import datetime as dt
import io
import re

import pytest
from django.template.loader import render_to_string

from gongkai.applications import services as application_services
from gongkai.applications.intake import Applicant
from gongkai.catalog import services as catalog_services
from gongkai.core.system import SYSTEM
from gongkai.interaction import services as message_services
from gongkai.reports import figures
from gongkai.reports import render as report_render
from gongkai.reports import services as report_services
from gongkai.testing import make_agency

pytestmark = pytest.mark.django_db

NAME = "欧阳隐私测"
ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
EMAIL = "secret.applicant@example.org"
ADDRESS = "幸福路隐私小区88号"
PERSONAL = [NAME, ID_NUMBER, PHONE, EMAIL, ADDRESS, "幸福路"]

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
# Raw markup that must never reach a page; the escaped text (&lt;script&gt;) is fine.
LIVE = [re.compile(r"<script>alert"), re.compile(r"<img[^>]*onerror", re.I), re.compile(r"javascript:", re.I)]


def assert_inert(text: str, where: str) -> None:
    for pattern in LIVE:
        assert not pattern.search(text), f"{pattern.pattern} live in {where}"


@pytest.fixture
def planted(tree, staff, api, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    evil = make_agency("evil", parent=tree["city"], name=f"恶意局{SCRIPT}", index_prefix="000000009")
    online = api().post(
        "/public/applications",
        {
            "agency": "dept-a",
            "applicant": {
                "type": "natural_person",
                "name": NAME,
                "id_number": ID_NUMBER,
                "phone": PHONE,
                "email": EMAIL,
                "address": ADDRESS,
            },
            "description": f"申请公开{SCRIPT}",
        },
    )
    assert online.status_code == 201, online.content
    assert not any(value in online.content.decode() for value in PERSONAL)
    registered = application_services.register(
        actor=SYSTEM,
        agency=tree["dept_a"],
        channel="in_person",
        applicant=Applicant(
            type="natural_person", name=NAME, id_number=ID_NUMBER, phone=PHONE, email=EMAIL, address=ADDRESS
        ),
        description="2025年预算",
        received_on=dt.date(2025, 3, 3),
        today=dt.date(2025, 3, 3),
    )
    application_services.reply(
        registered, actor=SYSTEM, on=dt.date(2025, 3, 10), outcome="disclosed", today=dt.date(2025, 3, 10)
    )
    items = []
    for agency in (tree["dept_a"], evil):
        item = catalog_services.create_item(
            actor=SYSTEM,
            agency=agency,
            title=f"通知{SCRIPT}",
            doc_number=f"甲发〔2025〕1号{IMG}",
            summary=f"概述{SCRIPT}{IMG}",
            keywords="预算,公开",
            genre="notice",
            formed_on=dt.date(2025, 3, 1),
            body=(
                f'<p onclick="alert(3)" style="color:red">正文</p>{IMG}{SCRIPT}'
                '<a href="javascript:alert(4)">链接</a>&lt;script&gt;alert(5)&lt;/script&gt;预算'
            ),
        )
        items.append(catalog_services.publish_item(item, actor=SYSTEM, on=dt.date(2025, 3, 5)))
    message = message_services.submit_online(
        agency=tree["dept_a"],
        kind="consultation",
        title=f"预算咨询{SCRIPT}",
        body=f"请问预算何时公开？{IMG}",
        name=NAME,
        phone=PHONE,
        email=EMAIL,
        publish_consent=True,
        today=dt.date(2025, 3, 3),
    )
    message = message_services.reply(
        message, actor=SYSTEM, on=dt.date(2025, 3, 5), text=f"已公开{SCRIPT}", today=dt.date(2025, 3, 5)
    )
    message = message_services.publish(
        message, actor=SYSTEM, on=dt.date(2025, 3, 5), today=dt.date(2025, 3, 5)
    )
    message_services.to_faq(message, actor=SYSTEM, on=dt.date(2025, 3, 5), today=dt.date(2025, 3, 5))
    report_services.save_inputs(
        tree["dept_a"],
        2025,
        actor=SYSTEM,
        narrative={"overview": f"总体情况{SCRIPT}{IMG}", "problems": "", "other": ""},
    )
    report_services.publish_report(tree["dept_a"], 2025, actor=SYSTEM, on=dt.date(2026, 1, 20))
    return {
        "code": online.json()["tracking_code"],
        "registered": registered,
        "items": items,
        "message": message,
    }


def public_urls(planted) -> list[str]:
    index_no = planted["items"][0].index_no
    code = planted["code"]
    return [
        "/",
        "/agencies/dept-a/",
        "/agencies/evil/",
        "/interaction/",
        "/catalog/",
        "/catalog/dept-a/",
        "/catalog/evil/",
        f"/catalog/items/{index_no}/",
        f"/catalog/items/{planted['items'][1].index_no}/",
        "/catalog/statistics/",
        "/catalog/interpretations/",
        "/catalog/feeds/dept-a/rss/",
        "/catalog/feeds/dept-a/atom/",
        "/catalog/feeds/evil/rss/",
        "/sitemap.xml",
        "/search/?q=预算",
        "/search/?q=通知",
        "/apply/",
        "/apply/form/",
        f"/apply/receipt/{code}/",
        f"/apply/track/?code={code}",
        f"/apply/track/?code={planted['registered'].tracking_code}",
        "/interaction/messages/",
        f"/interaction/messages/{planted['message'].pk}/",
        "/interaction/faq/",
        "/interaction/statistics/?year=2025",
        f"/interaction/receipt/{planted['message'].tracking_code}/",
        f"/interaction/track/?code={planted['message'].tracking_code}",
        "/search/?q=预算咨询",
        "/reports/",
        "/reports/dept-a/2025/",
        f"/api/v1/public/track/{code}",
        f"/api/v1/public/track/{planted['registered'].tracking_code}",
        "/api/v1/items",
        f"/api/v1/items/{index_no}",
        "/api/v1/search?q=预算",
        "/api/v1/agencies",
        "/api/v1/reports/annual",
        "/api/v1/reports/annual/dept-a/2025",
        "/api/v1/public/messages",
        f"/api/v1/public/messages/{planted['message'].pk}",
        f"/api/v1/public/messages/track/{planted['message'].tracking_code}",
        "/api/v1/public/messages/stats?year=2025",
        "/api/v1/public/faqs",
        "/api/v1/search?q=预算咨询",
    ]


def test_public_pages_and_api_never_show_an_applicants_particulars(client, planted):
    for url in public_urls(planted):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        text = response.content.decode()
        for value in PERSONAL:
            assert value not in text, f"{value} shown on {url}"


def test_public_pages_and_feeds_render_typed_markup_inert(client, planted):
    for url in public_urls(planted):
        response = client.get(url)
        if response["Content-Type"].startswith("application/json"):
            continue  # JSON carries the text as typed; its consumers escape it (search snippets below)
        assert_inert(response.content.decode(), url)


def test_search_snippets_are_escaped_apart_from_the_marks(client, planted):
    results = client.get("/api/v1/search", {"q": "预算"}).json()["results"]
    assert results
    for result in results:
        for key in ("snippet", "title_html"):
            if key in result:
                assert_inert(result[key], f"search {key}")
                assert "<" not in result[key].replace("<mark>", "").replace("</mark>", ""), result[key]


def test_feed_descriptions_are_escaped_for_readers_that_render_html(client, planted):
    """RSS readers treat <description> as HTML: the XML must carry it escaped twice."""
    for url in ("/catalog/feeds/dept-a/rss/", "/catalog/feeds/dept-a/atom/"):
        xml = client.get(url).content.decode()
        descriptions = re.findall(r"<(?:description|summary)[^>]*>(.*?)</(?:description|summary)>", xml, re.S)
        assert any("概述" in text for text in descriptions), url
        for text in descriptions:
            assert "&lt;script&gt;alert(1)" not in text, url
        assert "&amp;lt;script&amp;gt;" in xml, url


def test_stored_bodies_keep_no_handlers_styles_or_script_urls(planted):
    body = planted["items"][0].body
    for banned in ("onclick", "onerror", "style=", "javascript:", "<script"):
        assert banned not in body.lower(), body
    assert "链接" in body and "正文" in body


def test_workbench_pages_render_typed_markup_inert(client, staff, planted):
    client.force_login(staff["root"])
    item = planted["items"][0]
    urls = [
        "/workbench/",
        "/workbench/catalog/",
        f"/workbench/catalog/{item.pk}/",
        "/workbench/apply/",
        f"/workbench/apply/{planted['registered'].pk}/",
        "/workbench/interaction/",
        f"/workbench/interaction/{planted['message'].pk}/",
        "/workbench/interaction/faq/",
        "/workbench/reports/2025/",
        "/workbench/audit/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)


def test_report_html_for_pdf_carries_no_live_markup(planted, tree):
    document = figures.live_report(tree["dept_a"], 2025, "agency")
    html = render_to_string("reports/pdf.html", report_render.context(document))
    assert_inert(html, "reports/pdf.html")
    from docx import Document

    docx = Document(io.BytesIO(report_render.to_docx(document)))
    assert any(SCRIPT in paragraph.text for paragraph in docx.paragraphs)  # as text, not markup


def test_letters_escape_what_the_applicant_typed(tree):
    from gongkai.applications.letters import render as letter_render
    from gongkai.applications.letters.context import letter_for

    application = application_services.register(
        actor=SYSTEM,
        agency=tree["dept_a"],
        channel="in_person",
        applicant=Applicant(
            type="natural_person", name=f"张{SCRIPT}", id_number=ID_NUMBER, phone=PHONE, address=IMG
        ),
        description=f"申请{SCRIPT}",
        received_on=dt.date(2025, 3, 3),
        today=dt.date(2025, 3, 3),
    )
    application_services.reply(
        application, actor=SYSTEM, on=dt.date(2025, 3, 10), outcome="disclosed", today=dt.date(2025, 3, 10)
    )
    event_id = application.events.order_by("-id").first().pk
    letter = letter_for(application, event_id)
    html = letter_render.docx_to_html(letter_render.to_docx(letter), letter.title)
    assert_inert(html, "letter HTML")


def test_the_planted_message_is_really_public_so_the_checks_above_see_it(client, planted):
    """The message pages and search do show the planted message — only never its writer."""
    results = client.get("/api/v1/search", {"q": "预算咨询"}).json()["results"]
    assert {result["genre"] for result in results} >= {"message", "faq"}
    listed = client.get("/api/v1/public/messages").json()["results"]
    assert [row["title"] for row in listed] == [planted["message"].published_title]
    assert "已公开" in client.get(f"/interaction/messages/{planted['message'].pk}/").content.decode()
