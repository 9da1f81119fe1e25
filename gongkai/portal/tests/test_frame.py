"""The frame of a government website: footer records from settings, 网站地图, 我为政府网站找错."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def framed(settings):
    settings.GONGKAI_SITE_ID_CODE = "4301000001"
    settings.GONGKAI_ICP_RECORD = "湘ICP备12345678号"
    settings.GONGKAI_PSB_RECORD = "湘公网安备 43010202000123号"
    settings.GONGKAI_CONAC_URL = "https://bszs.conac.cn/sitename?method=show&id=0001"
    settings.GONGKAI_SPONSOR = "测试市人民政府办公室"
    settings.GONGKAI_ORGANIZER = "测试市大数据中心"
    return settings


def test_the_footer_carries_the_records_and_marks_from_settings(client, tree, framed):
    page = client.get(reverse("portal:home")).content.decode()
    assert 'data-frame="site-id">网站标识码：4301000001<' in page
    assert '<a href="https://beian.miit.gov.cn/"' in page and "湘ICP备12345678号" in page
    assert "https://beian.mps.gov.cn/#/query/webSearch?code=43010202000123" in page
    assert "湘公网安备 43010202000123号" in page
    assert (
        'href="https://bszs.conac.cn/sitename?method=show&amp;id=0001"' in page and "党政机关网站标识" in page
    )
    assert "主办单位：测试市人民政府办公室　承办单位：测试市大数据中心" in page


def test_a_configured_record_link_is_used_and_unset_items_are_left_out(client, tree, settings):
    page = client.get(reverse("portal:home")).content.decode()
    assert "网站标识码" not in page and "ICP备" not in page and "党政机关网站标识" not in page
    assert "主办单位：测试市人民政府" in page  # the root government by default
    settings.GONGKAI_PSB_RECORD = "湘公网安备 1号"
    settings.GONGKAI_PSB_RECORD_URL = "https://example.gov.cn/psb"
    assert 'href="https://example.gov.cn/psb"' in client.get(reverse("portal:home")).content.decode()


def test_every_page_links_the_site_map_and_the_error_report_form(client, tree):
    page = client.get(reverse("applications:guide")).content.decode()
    assert f'href="{reverse("portal:sitemap")}"' in page
    assert f'href="{reverse("interaction:write")}?kind=error_report"' in page
    form = client.get(reverse("interaction:write"), {"kind": "error_report"}).content.decode()
    assert 'value="error_report" id="id_kind_4" required checked>' in form


def test_the_site_map_lists_the_sections_and_the_agencies(client, tree):
    page = client.get(reverse("portal:sitemap")).content.decode()
    for label, name in [
        ("信息公开目录", "catalog:index"),
        ("办理进度查询", "applications:track"),
        ("意见征集", "solicitation:index"),
        ("常见问题", "interaction:faqs"),
        ("政府信息公开工作年度报告", "reports:index"),
    ]:
        assert f'<a href="{reverse(name)}">{label}</a>' in page
    for agency in tree.values():
        assert f'<a href="{reverse("portal:agency", args=[agency.code])}">{agency.name}</a>' in page
