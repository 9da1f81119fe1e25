"""Public pages: guide, online form with Chinese errors next to the fields, receipt, tracking."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.applications.tests.factories import ID_NUMBER, ORG_CODE, TODAY, received_application
from gongkai.core.system import SYSTEM

pytestmark = pytest.mark.django_db


def form_data(target, **changes):
    data = {
        "agency": target.pk,
        "kind": "person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "phone": "13800138000",
        "email": "zhangsan@example.com",
        "address": "测试市人民路1号",
        "description": "2025年本机关财政预算执行情况",
        "format": "electronic",
        "delivery": "email",
    }
    data.update(changes)
    return data


def test_the_guide_explains_limits_fees_and_remedies(client, tree):
    page = client.get(reverse("applications:guide")).content.decode()
    for words in ("20个工作日", "7个工作日", "按件计收", "按量计收", "行政复议", "行政诉讼", "60日", "6个月"):
        assert words in page
    assert reverse("applications:apply") in page


def test_a_citizen_submits_the_form_and_gets_a_tracking_code(client, tree):
    response = client.post(reverse("applications:apply"), form_data(tree["dept_a"]))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:receipt", args=[application.tracking_code])
    assert (application.channel, application.state, application.name) == ("online", "submitted", "张三")
    receipt = client.get(response["Location"]).content.decode()
    assert application.tracking_code in receipt and ID_NUMBER not in receipt and "张三" not in receipt


def test_each_error_of_the_form_is_a_link_to_its_field_and_the_first_field_is_focused(client, tree):
    data = form_data(tree["dept_a"], name="", phone="12345", description="")
    page = client.post(reverse("applications:apply"), data).content.decode()
    summary = page[page.index("data-error-summary") : page.index("</div>", page.index("data-error-summary"))]
    assert "申请表有 3 处需要修改" in summary
    assert '<a href="#id_name">' in summary and "请填写申请人姓名" in summary
    for target, message in (("id_phone", "联系电话格式不正确"), ("id_description", "请描述所需政府信息")):
        assert f'<a href="#{target}">' in summary and message in summary
    assert 'id="application-form"' in page
    focused = [tag for tag in page.split("<") if "autofocus" in tag]
    assert len(focused) == 1 and 'id="id_name"' in focused[0]  # the first field at fault


def test_a_radio_group_first_at_fault_leaves_the_focus_to_the_summary(client, tree):
    page = client.post(reverse("applications:apply"), form_data(tree["dept_a"], kind="")).content.decode()
    assert '<a href="#id_kind_0">' in page
    focused = [tag for tag in page.split("<") if "autofocus" in tag]
    assert len(focused) == 1 and "data-error-summary" in focused[0] and 'tabindex="-1"' in focused[0]


def test_an_organisation_applies_with_its_credit_code(client, tree):
    data = form_data(
        tree["dept_a"],
        kind="organisation",
        org_name="某某科技有限公司",
        org_type="commercial",
        org_code=ORG_CODE,
        id_number="not used",
        name="李四",
    )
    assert client.post(reverse("applications:apply"), data).status_code == 302
    application = Application.objects.get()
    assert (application.applicant_type, application.org_code, application.id_number) == (
        "commercial",
        ORG_CODE,
        "",
    )


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"id_number": "110105194912310021"}, "id_number", "居民身份证号码不正确"),
        ({"id_number": ""}, "id_number", "请填写身份证件号码"),
        ({"phone": "12345"}, "phone", "联系电话格式不正确"),
        ({"email": "not-an-address"}, "email", "电子邮箱格式不正确"),
        ({"name": ""}, "name", "请填写申请人姓名"),
        ({"description": ""}, "description", "请描述所需政府信息"),
        ({"agency": ""}, "agency", "请选择受理机关"),
        (
            {"kind": "organisation", "org_name": "某公司", "org_code": "91110000100000000X"},
            "org_code",
            "统一社会信用代码不正确",
        ),
        (
            {"kind": "organisation", "org_name": "某公司", "org_code": "91110000600037341"},
            "org_code",
            "统一社会信用代码应为18位，现为17位",
        ),
        ({"id_number": "11010519491231002"}, "id_number", "居民身份证号码应为18位，现为17位"),
        ({"kind": "organisation", "org_name": ""}, "org_name", "请填写法人或其他组织名称"),
        ({"email": "", "delivery": "email"}, "email", "请填写电子邮箱"),
        ({"address": "", "delivery": "post"}, "address", "请填写通信地址"),
    ],
)
def test_wrong_particulars_are_refused_with_a_chinese_message_next_to_the_field(
    client, tree, changes, field, message
):
    response = client.post(reverse("applications:apply"), form_data(tree["dept_a"], **changes))
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    page = response.content.decode()
    block = page[page.index(f'id="field-{field}"') :]
    assert message in block[: block.index("</div>") if field != "kind" else None]
    assert not Application.objects.exists()


def test_submissions_are_rate_limited_per_client(client, tree, settings):
    settings.GONGKAI_PUBLIC_SUBMISSIONS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(reverse("applications:apply"), form_data(tree["dept_a"])).status_code == 302
    response = client.post(reverse("applications:apply"), form_data(tree["dept_a"]))
    assert response.status_code == 429 and "请稍后再试" in response.content.decode()
    assert Application.objects.count() == 2


def test_an_ipv6_client_is_limited_by_its_64_not_by_each_address(client, tree, settings):
    """A household is given a whole /64: rotating through its addresses does not reset the count,
    while a neighbour in another /64 keeps its own."""
    settings.GONGKAI_PUBLIC_SUBMISSIONS_PER_HOUR = 2
    url, data = reverse("applications:apply"), form_data(tree["dept_a"])
    for host in ("2001:db8:1:2::10", "2001:db8:1:2:ffff::1"):
        assert client.post(url, data, REMOTE_ADDR=host).status_code == 302
    assert client.post(url, data, REMOTE_ADDR="2001:db8:1:2:abcd::7").status_code == 429
    assert client.post(url, data, REMOTE_ADDR="2001:db8:1:3::10").status_code == 302
    assert Application.objects.count() == 3


def test_the_form_says_which_contact_each_way_of_delivery_needs(client, tree):
    page = client.get(reverse("applications:apply")).content.decode()
    assert 'aria-describedby="id_email_helptext"' in page and "选择通过电子邮件获取信息的，须填写" in page
    assert 'aria-describedby="id_address_helptext"' in page and "选择邮寄获取信息的，须填写" in page
    # ...and the hint a screen reader reads is the one with that id.
    assert '<p class="help" id="id_email_helptext">选择通过电子邮件获取信息的，须填写</p>' in page
    assert '<p class="help" id="id_address_helptext">选择邮寄获取信息的，须填写</p>' in page


def test_the_form_has_no_inline_script_or_style(client, tree):
    page = client.get(reverse("applications:apply")).content.decode()
    assert "<script>" not in page and " style=" not in page and "onclick" not in page
    assert "applicant-switch.js" in page and "csrfmiddlewaretoken" in page


def test_tracking_shows_state_and_dates_but_nothing_personal(client, tree):
    application = received_application(tree["dept_a"])
    services.reply(application, actor=SYSTEM, on=dt.date(2026, 3, 10), outcome="disclosed", today=TODAY)
    response = client.get(reverse("applications:track"), {"code": application.tracking_code.lower()})
    page = response.content.decode()
    assert response.status_code == 200
    for shown in ("已办结", "2026-02-10", "2026-03-10", "予以公开", "2026-03-16"):
        assert shown in page
    for personal in ("张三", ID_NUMBER, "13800138000", "财政预算"):
        assert personal not in page


def test_an_unknown_code_is_a_friendly_404(client, tree):
    response = client.get(reverse("applications:track"), {"code": "NOSUCHCODE99"})
    assert response.status_code == 404 and "未找到查询码" in response.content.decode()
    assert client.get(reverse("applications:receipt", args=["NOSUCHCODE"])).status_code == 404


def test_tracking_with_a_blank_code_says_so_next_to_the_field(client, tree):
    page = client.get(reverse("applications:track")).content.decode()
    assert "novalidate" in page and "请填写查询码" not in page  # the site answers, not the browser
    response = client.get(reverse("applications:track"), {"code": "  "})
    page = response.content.decode()
    assert response.status_code == 400 and "请填写查询码" in page
    assert 'aria-invalid="true" aria-describedby="track-code-error"' in page


@pytest.mark.parametrize("code", ["ABC", "ABCDEFGH23456789", "查询码查询码查询码查询码", "ABCD-EFGH-JKLM"])
def test_tracking_with_a_code_of_the_wrong_shape_says_what_a_code_looks_like(client, tree, code):
    response = client.get(reverse("applications:track"), {"code": code})
    assert response.status_code == 400 and "查询码为12位字母和数字" in response.content.decode()


def test_every_problem_is_shown_at_once(client, tree):
    response = client.post(
        reverse("applications:apply"), form_data(tree["dept_a"], phone="", name="", id_number="1")
    )
    errors = response.context["form"].errors
    assert set(errors) >= {"phone", "name", "id_number"}
