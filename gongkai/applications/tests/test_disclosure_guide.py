"""The 政府信息公开指南 (Art. 12): generated from the agency's settings, published in column
``guide``, a new version when the settings change; the demo agencies have one."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.agencies import demo as agency_demo
from gongkai.agencies.models import Agency
from gongkai.agencies.services import update_agency
from gongkai.applications import demo, services
from gongkai.applications.models import GuideSettings
from gongkai.catalog.models import Item
from gongkai.core.demo import DemoContext
from gongkai.core.errors import Forbidden, InvalidInput, RuleViolation
from gongkai.core.system import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def agency(tree):
    update_agency(
        tree["dept_a"],
        actor=SYSTEM,
        address="测试市人民路1号",
        office_hours="工作日 9:00—12:00，14:00—17:30",
        phone="0731-88880000",
        email="gk@dept-a.gov.example",
    )
    return Agency.objects.get(pk=tree["dept_a"].pk)


SETTINGS = {
    "fax": "0731-88880001",
    "postal_address": "测试市人民路1号 政务公开科",
    "postal_code": "410000",
    "accepts_fax": True,
    "review_body": "测试市人民政府",
}


def guides(agency):
    return Item.objects.filter(agency=agency, genre="guide").order_by("id")


def test_the_guide_states_every_setting_and_is_published_in_its_column(agency, client):
    settings = services.update_guide_settings(agency, actor=SYSTEM, **SETTINGS)
    item = settings.item
    assert item.title == "测试市甲局政府信息公开指南" and item.state == "published" and item.index_no
    assert [column.code for column in item.columns.all()] == ["guide"]
    text = item.body_text
    for words in (
        "测试市人民路1号",
        "工作日 9:00—12:00",
        "0731-88880000",
        "传真号码：0731-88880001",
        "gk@dept-a.gov.example",
        "邮政编码：410000",
        "网上申请",
        "当面申请",
        "信函申请",
        "传真申请：传真至0731-88880001",
        # the letters' standards, each under its method's name as published before (the guide's text
        # is fingerprinted: a change of wording would mark every published guide outdated)
        "按件计收：同一申请人一个自然月内累计申请10件以下（含）的不收费",
        "按量计收：同一申请30页以下（含）的不收费",
        "行政复议机关为测试市人民政府",
        "60日内",
        "6个月内",
        "第五十一条",
    ):
        assert words in text, words
    page = client.get(reverse("catalog:column", args=[agency.code, "guide"])).content.decode()
    assert "测试市甲局政府信息公开指南" in page


def test_a_change_publishes_a_new_version_and_marks_the_old_one_amended(agency):
    first = services.update_guide_settings(agency, actor=SYSTEM, **SETTINGS).item
    services.update_guide_settings(agency, actor=SYSTEM, **SETTINGS)  # nothing changed
    assert list(guides(agency)) == [first]
    second = services.update_guide_settings(agency, actor=SYSTEM, accepts_fax=False).item
    first.refresh_from_db()
    assert second.pk != first.pk and "传真申请" not in second.body_text
    assert (first.validity, first.successor_id) == ("amended", second.pk)
    assert GuideSettings.objects.get(agency=agency).version == 2


def test_a_change_of_the_agency_contacts_publishes_a_new_version(agency):
    first = services.update_guide_settings(agency, actor=SYSTEM, **SETTINGS).item
    update_agency(agency, actor=SYSTEM, phone="0731-88889999")
    current = GuideSettings.objects.get(agency=agency).item
    assert current.pk != first.pk and "0731-88889999" in current.body_text
    update_agency(agency, actor=SYSTEM, name="测试市甲局")  # the same text: no new version
    assert GuideSettings.objects.get(agency=agency).item_id == current.pk


def test_an_agency_without_a_guide_gets_none_from_a_contact_change(tree):
    update_agency(tree["dept_b"], actor=SYSTEM, phone="0731-1234567")
    assert not guides(tree["dept_b"]).exists()


def test_only_an_agency_admin_changes_the_guide_and_input_is_checked(agency, staff):
    with pytest.raises(Forbidden):
        services.update_guide_settings(agency, actor=staff["reviewer_a"], fax="0731-1")
    for fields, field in (
        ({"postal_code": "41000"}, "postal_code"),
        ({"fax": "传真"}, "fax"),
        ({"accepts_fax": True}, "fax"),
    ):
        with pytest.raises(InvalidInput) as error:
            services.update_guide_settings(agency, actor=staff["admin_a"], **fields)
        assert error.value.details["field"] == field
    assert not guides(agency).exists()


def test_the_workbench_page_saves_and_publishes(agency, staff, client):
    client.force_login(staff["admin_a"])
    url = reverse("applications_staff:guide_settings")
    data = {
        **SETTINGS,
        "accepts_online": "on",
        "accepts_in_person": "on",
        "accepts_post": "on",
        "accepts_fax": "on",
    }
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "第1版" in page and GuideSettings.objects.get(agency=agency).item.index_no in page
    refused = client.post(url, {**data, "postal_code": "abc"})
    assert refused.status_code == 400 and "邮政编码应为6位数字" in refused.content.decode()


def test_a_handler_sees_the_guide_but_not_the_form(agency, staff, client):
    client.force_login(staff["handler_a"])
    url = reverse("applications_staff:guide_settings")
    page = client.get(url).content.decode()
    assert "按当前设置生成的指南" in page and "保存并发布" not in page
    assert client.post(url, SETTINGS).status_code == 403


@pytest.mark.today("2026-11-30")
def test_the_demo_agencies_have_a_guide():
    context = DemoContext(log=lambda line: None)
    agency_demo.load(context)
    demo.load(context)
    for agency in Agency.objects.filter(code__startswith="sfs", active=True):
        item = GuideSettings.objects.get(agency=agency).item
        # Published on the day the agency set up its columns, months before the demo's day.
        assert item.state == "published"
        assert item.formed_on == agency_demo.set_up_on(agency.code, dt.date(2026, 11, 30)) < dt.date(2026, 11, 30)


def test_the_automatic_override_lets_the_offices_mobile_through_and_nothing_else(agency, staff, client):
    """The guide is published over screening for the office's own contacts (Art. 12); an ID number
    typed into the postal address is no contact: the save is refused and nothing changes."""
    services.update_guide_settings(agency, actor=SYSTEM, **{**SETTINGS, "postal_address": "测试市人民路1号 13812345678"})
    first = GuideSettings.objects.get(agency=agency)
    assert "13812345678" in first.item.body_text
    with pytest.raises(RuleViolation) as refused:
        services.update_guide_settings(agency, actor=staff["admin_a"], postal_address="测试市人民路1号 11010519491231002X")
    assert refused.value.code == "screening_findings"
    assert {finding["kind"] for finding in refused.value.details["findings"]} == {"id_card"}
    assert "11010519491231002X" not in str(refused.value.details)
    settings = GuideSettings.objects.get(agency=agency)
    assert settings.postal_address == first.postal_address and settings.item_id == first.item_id
    assert guides(agency).count() == 1

    client.force_login(staff["admin_a"])
    data = {**SETTINGS, "postal_address": "测试市人民路1号 11010519491231002X", "accepts_fax": "on"}
    page = client.post(reverse("applications_staff:guide_settings"), data)
    assert page.status_code == 400
    assert "指南内容中发现可能涉及个人信息或涉密标志的内容：居民身份证号码“110105********002X”，请修改" in page.content.decode()
