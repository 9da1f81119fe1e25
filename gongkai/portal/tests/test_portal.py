def test_home_lists_agencies_in_chinese(client, tree):
    response = client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert '<html lang="zh-Hans">' in text
    for name in ("测试市人民政府", "测试市甲局", "测试市乙局", "测试镇人民政府"):
        assert name in text
    assert "测试市人民政府" in text.split("<title>")[1].split("</title>")[0]  # the government names the site


def test_home_without_any_agency_uses_the_configured_name(client, db, settings):
    settings.GONGKAI_SITE_NAME = "某某市人民政府"
    text = client.get("/").content.decode()
    assert "某某市人民政府" in text and "尚未设置公开主体" in text


def test_agency_page_and_unknown_agency(client, tree):
    response = client.get("/agencies/dept-a/")
    assert response.status_code == 200
    assert "测试市甲局" in response.content.decode()
    assert client.get("/agencies/nope/").status_code == 404


def test_agency_names_are_escaped(client, tree):
    from gongkai.agencies.services import update_agency
    from gongkai.core.system import SYSTEM

    update_agency(tree["dept_a"], actor=SYSTEM, name="<script>alert(1)</script>局")
    text = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in text


def test_interaction_page_lists_contacts(client, tree):
    from gongkai.agencies.services import update_agency
    from gongkai.core.system import SYSTEM

    update_agency(tree["dept_b"], actor=SYSTEM, phone="0731-7654321", email="b@example.gov.cn")
    text = client.get("/interaction/").content.decode()
    assert "0731-7654321" in text and "b@example.gov.cn" in text
