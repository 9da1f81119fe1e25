"""The workbench screening page and the highlighting helpers other apps include."""

import pytest
from django.template import Context, Template
from django.test import Client

from gongkai.screening.detectors import scan
from gongkai.screening.screen import finding_dict

TEXT = "<b>申请人</b>张三，电话13812345678，邮箱zhang@example.com。"


def render(source: str, **context) -> str:
    return Template("{% load screening %}" + source).render(Context(context))


def test_highlight_marks_findings_and_escapes_everything_else():
    html = render("{{ text|highlight_findings:findings }}", text=TEXT, findings=scan(TEXT))
    assert html.startswith("&lt;b&gt;申请人&lt;/b&gt;张三，电话")
    assert (
        '<mark class="finding finding-block" data-kind="mobile" title="138****5678">13812345678</mark>'
        in html
    )
    assert '<mark class="finding finding-warn" data-kind="email" title="z***@example.com">' in html
    assert "<b>" not in html


def test_highlight_accepts_finding_dicts_and_skips_offsets_outside_the_text():
    findings = [finding_dict(f) for f in scan(TEXT)] + [
        {"kind": "mobile", "start": 500, "end": 511, "masked": "x", "severity": "block"}
    ]
    html = render("{{ text|highlight_findings:findings }}", text=TEXT, findings=findings)
    assert html.count("<mark") == 2


def test_masked_value_with_markup_is_escaped_in_the_title():
    findings = [{"kind": "email", "start": 0, "end": 1, "masked": '"><script>', "severity": "warn"}]
    html = render("{{ text|highlight_findings:findings }}", text="<", findings=findings)
    assert "<script>" not in html and "&lt;</mark>" in html


def test_findings_include_lists_each_finding_with_chinese_labels():
    html = Template('{% include "screening/_findings.html" %}').render(
        Context({"text": TEXT, "findings": scan(TEXT)})
    )
    assert "手机号码" in html and "阻止发布" in html and "提示核实" in html
    assert "138****5678" in html
    assert "其中 1 处阻止发布" in html


def test_findings_include_without_findings_says_so():
    html = Template('{% include "screening/_findings.html" %}').render(
        Context({"text": "无", "findings": []})
    )
    assert "未发现" in html


@pytest.fixture
def signed_in(staff):
    client = Client()
    client.force_login(staff["handler_a"])
    return client


def test_page_shows_the_form_and_the_menu_entry(signed_in):
    response = signed_in.get("/workbench/screening/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "待审查文本" in html
    assert 'href="/workbench/screening/"' in html and "发布前审查" in html


def test_page_highlights_findings_of_the_posted_text(signed_in):
    response = signed_in.post("/workbench/screening/", {"text": TEXT})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-kind="mobile"' in html and "138****5678" in html


def test_page_needs_a_signed_in_staff_member(db):
    response = Client().get("/workbench/screening/")
    assert response.status_code == 302 and "/workbench/login/" in response["Location"]
