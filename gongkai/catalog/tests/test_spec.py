"""Rules of domain/catalog.md that no other test held: the vocabularies as the spec lists them, the
clock restarted by a change, 索引号 never shared or changed, the amendment's successor, validity dates
before formation, both links of an interpretation on the public pages, and an item hidden after
publication gone from every public surface."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog import services
from gongkai.catalog.models import CatalogSettings
from gongkai.catalog.vocabulary import Audience, Genre, PublicationMode, Topic, Validity
from gongkai.core.errors import RuleViolation
from gongkai.core.system import SYSTEM

TODAY = dt.date(2025, 6, 30)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_classifications_are_those_the_spec_lists_in_its_order():
    assert [label for _, label in Topic.choices] == [
        "综合政务", "国民经济管理、国有资产监管", "财政、金融、审计", "国土资源、能源", "农业、林业、水利",
        "工业、交通", "商贸、海关、旅游", "市场监管、安全生产监管", "城乡建设、环境保护", "科技、教育",
        "文化、广电、新闻出版", "卫生、体育", "人口与计划生育、妇女儿童工作", "劳动、人事、监察",
        "公安、安全、司法", "民政、扶贫、救灾", "民族、宗教", "对外事务", "港澳台侨工作", "国防", "其他",
    ]  # fmt: skip
    assert dict(Genre.choices) == {
        "rule": "规章", "normative_document": "行政规范性文件", "other_document": "其他文件",
        "interpretation": "政策解读", "plan": "规划计划", "statistics": "统计信息", "notice": "通知公告",
        "news": "工作动态", "service_guide": "办事指南", "budget": "财政预决算", "personnel": "人事信息",
        "procurement": "招标采购", "annual_report": "年度报告", "guide": "公开指南", "other": "其他",
    }  # fmt: skip
    assert [label for _, label in Audience.choices] == ["公民", "法人", "其他组织"]
    assert [label for _, label in PublicationMode.choices] == [
        "政府网站", "政府公报", "新闻发布会", "报刊广播电视", "公开栏/查阅点",
    ]  # fmt: skip
    assert [label for _, label in Validity.choices] == ["现行有效", "已修改", "已废止"]


def test_a_change_restarts_the_clock_of_the_item_published_after_it(published):
    """Art. 26: due 20 working days after the information was formed *or changed*."""
    formed_only = published(formed_on=dt.date(2024, 9, 2), on=dt.date(2024, 10, 8))
    assert (formed_only.due_on, formed_only.late) == (dt.date(2024, 9, 30), True)
    changed = published(
        formed_on=dt.date(2024, 9, 2), changed_on=dt.date(2024, 9, 20), on=dt.date(2024, 10, 8)
    )
    assert (changed.due_on, changed.late) == (dt.date(2024, 10, 23), False)


def test_two_agencies_given_one_prefix_never_share_an_index_number(tree, published):
    tree["dept_b"].index_prefix = tree["dept_a"].index_prefix
    tree["dept_b"].save(update_fields=["index_prefix"])
    first = published(on=dt.date(2024, 9, 27))
    with pytest.raises(RuleViolation) as error:
        published(agency=tree["dept_b"], on=dt.date(2024, 9, 27))
    assert error.value.code == "index_no_taken"
    assert first.index_no == "000000002/2024-00001"


def test_an_index_number_stays_as_given_through_amendment_abolition_pattern_and_visibility(tree, published):
    item, successor = published(title="旧办法"), published(title="新办法")
    given = item.index_no
    CatalogSettings.objects.create(agency=tree["dept_a"], index_pattern="{prefix}-{year}{month}-{seq}")
    services.amend_item(item, actor=SYSTEM, on=dt.date(2024, 12, 2), successor=successor, today=TODAY)
    services.set_internal(item, actor=SYSTEM, internal=True)
    services.set_internal(item, actor=SYSTEM, internal=False)
    services.abolish_item(item, actor=SYSTEM, on=dt.date(2025, 1, 2), today=TODAY)
    item.refresh_from_db()
    assert item.index_no == given


def test_the_successor_of_an_amendment_is_public_and_not_the_item_itself(published, draft):
    item = published(title="旧办法")
    for successor, code in [(item, "successor_is_self"), (draft(title="新办法草稿"), "successor_not_published"),
                            (published(title="内部新办法", internal=True), "successor_not_published")]:  # fmt: skip
        with pytest.raises(RuleViolation) as error:
            services.amend_item(item, actor=SYSTEM, on=dt.date(2024, 12, 2), successor=successor, today=TODAY)
        assert error.value.code == code
    item.refresh_from_db()
    assert (item.validity, item.successor) == ("valid", None)


@pytest.mark.parametrize(
    ("act", "code"), [("abolish", "abolished_before_formed"), ("amend", "amended_before_formed")]
)
def test_a_validity_date_before_the_document_was_formed_is_refused(published, act, code):
    item = published(formed_on=dt.date(2024, 9, 20))
    mark = services.abolish_item if act == "abolish" else services.amend_item
    with pytest.raises(RuleViolation) as error:
        mark(item, actor=SYSTEM, on=dt.date(2024, 9, 19), today=TODAY)
    assert error.value.code == code


def test_policy_and_interpretation_pages_link_to_each_other(client, published):
    policy = published(title="测试市某某管理办法", genre="normative_document")
    interpretation = published(title="《某某管理办法》解读", genre="interpretation", interprets=policy)
    policy_page = client.get(policy.get_absolute_url()).content.decode()
    assert f'href="{interpretation.get_absolute_url()}"' in policy_page
    interpretation_page = client.get(interpretation.get_absolute_url()).content.decode()
    assert "所解读文件" in interpretation_page
    assert f'href="{policy.get_absolute_url()}"' in interpretation_page


def test_an_interpretation_never_links_to_a_policy_the_public_may_not_see(client, published, draft):
    draft_policy = draft(title="尚未发布的某某办法", genre="normative_document")
    of_draft = published(title="草稿办法的解读", genre="interpretation", interprets=draft_policy)
    hidden_policy = published(title="内部某某办法", genre="normative_document", internal=True)
    of_hidden = published(title="内部办法的解读", genre="interpretation", interprets=hidden_policy)
    for interpretation, policy in [(of_draft, draft_policy), (of_hidden, hidden_policy)]:
        page = client.get(interpretation.get_absolute_url()).content.decode()
        assert policy.title not in page and "所解读文件" not in page
        assert client.get(f"/api/v1/items/{interpretation.index_no}").json()["interprets"] is None
    listing = client.get("/catalog/interpretations/").content.decode()
    assert (
        "草稿办法的解读" in listing and "尚未发布的某某办法" not in listing and "内部某某办法" not in listing
    )


def test_an_item_hidden_after_publication_leaves_every_public_surface(client, draft, published):
    item = draft(title="后来撤下的通知")
    attachment = services.upload_attachment(item, actor=SYSTEM, upload=SimpleUploadedFile("附件.pdf", PDF))
    services.publish_item(item, actor=SYSTEM, on=dt.date(2024, 9, 27), today=TODAY)
    interpretation = published(title="撤下通知的解读", genre="interpretation", interprets=item)
    urls = [
        item.get_absolute_url(),
        f"/api/v1/items/{item.index_no}",
        f"/catalog/attachments/{attachment.pk}/",
    ]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    services.set_internal(item, actor=SYSTEM, internal=True)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    for url in ["/catalog/dept-a/", "/catalog/feeds/dept-a/rss/", "/sitemap.xml", "/api/v1/items?agency=dept-a",
                "/catalog/", interpretation.get_absolute_url()]:  # fmt: skip
        assert "后来撤下的通知" not in client.get(url).content.decode(), url
        assert item.get_absolute_url() not in client.get(url).content.decode(), url


def test_the_public_api_gives_every_field_of_the_metadata_block(client, published):
    """API.md: GET /items/{index_no} → the full metadata block of domain/catalog.md, 公开范围 included."""
    item = published(
        title="测试市某某管理办法",
        genre="normative_document",
        doc_number="测甲发〔2024〕3号",
        keywords="政务公开,办法",
        topic="general",
        audience=["citizen"],
        summary="规范本局政务公开工作。",
    )
    body = client.get(f"/api/v1/items/{item.index_no}").json()
    block = {
        "索引号": body["index_no"],
        "信息分类/栏目": body["column_names"],
        "发布机构": body["agency_name"],
        "生成日期(成文日期)": body["formed_on"],
        "发布日期": body["published_on"],
        "文号": body["doc_number"],
        "信息名称": body["title"],
        "内容概述": body["summary"],
        "关键词": body["keywords"],
        "主题分类": body["topic_label"],
        "体裁分类": body["genre_label"],
        "服务对象分类": body["audience_labels"],
        "信息来源": body["source"],
        "公开方式": body["publication_mode_labels"],
        "公开范围": body.get("publication_scope"),
        "有效性": body["validity_label"],
    }
    assert [label for label, value in block.items() if not value] == []
    assert body["publication_scope"] == "面向社会"
    assert (
        '<th scope="row">公开范围</th><td>面向社会</td>'
        in client.get(item.get_absolute_url()).content.decode()
    )
