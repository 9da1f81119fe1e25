"""The Catalogue endpoints of API.md."""

import pytest

from gongkai.catalog.models import Item
from gongkai.testing import TODAY, error_code

BODY = {
    "agency": "dept-a",
    "title": "关于做好2024年政务公开工作的通知",
    "doc_number": "测甲发〔2024〕12号",
    "genre": "normative_document",
    "topic": "general",
    "audience": ["citizen", "legal_person"],
    "keywords": "政务公开,通知",
    "summary": "部署年度政务公开工作。",
    "body": "各科室：\n请按要求做好政务公开工作。",
    "formed_on": "2024-09-20",
    "disclosure": "proactive",
}


def create(api, user="handler_a", **changes):
    response = api(user).post("/items", {**BODY, **changes})
    assert response.status_code == 201, response.content
    return response.json()


def test_staff_create_a_draft(api):
    body = create(api)
    assert body["state"] == "draft"
    assert isinstance(body["id"], int)
    assert body["columns"] == ["art20-01"]
    assert body["keywords"] == ["政务公开", "通知"]


def test_create_refuses_a_not_disclosed_item_without_reason(api):
    response = api("handler_a").post("/items", {**BODY, "disclosure": "not_disclosed"})
    assert response.status_code == 422
    assert error_code(response) == "not_disclosed_reason_required"


def test_keywords_may_be_a_list_or_a_string_with_usual_separators(api):
    assert create(api, keywords=["招生", "义务教育"])["keywords"] == ["招生", "义务教育"]
    assert create(api, keywords="招生；义务教育、 入学")["keywords"] == ["招生", "义务教育", "入学"]


def test_classifications_accept_the_chinese_names_of_the_classes(api):
    body = create(
        api,
        genre="规章",
        topic="科技、教育",
        audience=["公民", "other_organisation"],
        publication_modes=["政府网站", "政府公报"],
    )
    assert body["genre"] == "rule" and body["topic"] == "science_education"
    assert body["audience"] == ["citizen", "other_organisation"]
    assert body["publication_modes"] == ["website", "gazette"]
    response = api("handler_a").post("/items", {**BODY, "topic": "科技"})
    assert response.status_code == 422


def test_create_refuses_unknown_genre_with_422(api):
    response = api("handler_a").post("/items", {**BODY, "genre": "poem"})
    assert response.status_code == 422


def test_staff_of_another_agency_get_404(api):
    response = api("handler_b").post("/items", BODY)
    assert response.status_code == 404
    item = create(api)
    assert api("handler_b").get(f"/items/by-id/{item['id']}").status_code == 404
    assert api("handler_a").get(f"/items/by-id/{item['id']}").json()["state"] == "draft"


def test_anonymous_cannot_create(api):
    assert api().post("/items", BODY).status_code == 401


def test_publish_returns_index_number_dates_and_lateness(api):
    item = create(api)
    response = api("reviewer_a").post(f"/items/{item['id']}/publish", {"date": "2024-09-27"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["index_no"] == "000000002/2024-00001"
    assert body["published_on"] == "2024-09-27"
    assert body["due_on"] == "2024-10-23"
    assert body["late"] is False


def test_publish_is_blocked_by_screening_findings_with_409(api):
    item = create(api, body="联系电话：13812345678")
    response = api("reviewer_a").post(f"/items/{item['id']}/publish", {"date": "2024-09-27"})
    assert response.status_code == 409
    assert error_code(response) == "screening_findings"
    finding = response.json()["error"]["details"]["findings"][0]
    assert set(finding) >= {"kind", "start", "end", "masked"}
    assert finding["kind"] == "mobile"
    assert "13812345678" not in response.content.decode()


def test_a_reviewer_overrides_findings_with_a_reason(api):
    item = create(api, body="联系电话：13812345678")
    response = api("reviewer_a").post(
        f"/items/{item['id']}/publish",
        {"date": "2024-09-27", "override_reason": "该号码是本局对外公布的咨询电话，依职责公开"},
    )
    assert response.status_code == 200
    assert response.json()["index_no"]


def test_a_handler_may_not_publish(api):
    item = create(api)
    response = api("handler_a").post(f"/items/{item['id']}/publish", {})
    assert response.status_code == 403


def test_publishing_twice_is_a_conflict(api):
    item = create(api)
    api("reviewer_a").post(f"/items/{item['id']}/publish", {"date": "2024-09-27"})
    response = api("reviewer_a").post(f"/items/{item['id']}/publish", {"date": "2024-09-28"})
    assert response.status_code == 409
    assert error_code(response) == "item_published"


def publish(api, **changes):
    item = create(api, **changes)
    response = api("reviewer_a").post(f"/items/{item['id']}/publish", {"date": "2024-09-27"})
    assert response.status_code == 200, response.content
    return {**item, **response.json()}


def test_public_detail_by_index_number_shows_the_metadata_block_and_body(api):
    item = publish(api)
    response = api().get(f"/items/{item['index_no']}")
    assert response.status_code == 200
    body = response.json()
    assert body["index_no"] == item["index_no"]
    assert body["agency"] == "dept-a"
    assert body["doc_number"] == "测甲发〔2024〕12号"
    assert body["genre_label"] == "行政规范性文件"
    assert body["topic_label"] == "综合政务"
    assert body["audience_labels"] == ["公民", "法人"]
    assert body["validity"] == "valid"
    assert body["formed_on"] == "2024-09-20" and body["published_on"] == "2024-09-27"
    assert "请按要求做好政务公开工作" in body["body"]


def test_public_list_filters_and_paginates(api):
    publish(api)
    publish(api, genre="news", title="工作动态一则")
    create(api, title="草稿不公开")
    publish(api, title="内部信息", internal=True)
    create(api, title="依申请", disclosure="on_request")
    listing = api().get("/items", agency="dept-a").json()
    assert listing["total"] == 2 and listing["page"] == 1 and listing["size"] == 20
    assert {row["title"] for row in listing["results"]} == {BODY["title"], "工作动态一则"}
    assert api().get("/items", genre="news").json()["total"] == 1
    assert api().get("/items", column="news").json()["total"] == 1
    assert api().get("/items", year=2024).json()["total"] == 2
    assert api().get("/items", year=2023).json()["total"] == 0
    assert api().get("/items", validity="abolished").json()["total"] == 0
    assert api().get("/items", size=1, page=2).json()["results"][0]["title"]
    assert api().get("/items", agency="nope").status_code == 404


def test_internal_items_are_invisible_to_the_public(api):
    item = publish(api, internal=True)
    assert api().get(f"/items/{item['index_no']}").status_code == 404
    assert api().get("/items").json()["total"] == 0


def test_abolish_and_amend_show_in_the_public_metadata(api):
    old, new = publish(api, title="旧办法"), publish(api, title="新办法")
    response = api("reviewer_a").post(
        f"/items/{old['id']}/amend", {"date": "2024-10-08", "successor": new["index_no"]}
    )
    assert response.status_code == 200, response.content
    detail = api().get(f"/items/{old['index_no']}").json()
    assert detail["validity"] == "amended" and detail["amended_on"] == "2024-10-08"
    assert detail["successor"]["index_no"] == new["index_no"]
    assert api().get(f"/items/{new['index_no']}").json()["predecessors"][0]["index_no"] == old["index_no"]
    response = api("reviewer_a").post(f"/items/{old['id']}/abolish", {"date": "2024-12-02"})
    assert response.status_code == 200
    assert api().get("/items", validity="abolished").json()["total"] == 1


def test_interpretations_are_linked_both_ways(api):
    policy = publish(api)
    interpretation = publish(api, genre="interpretation", title="图解", interprets=policy["id"])
    detail = api().get(f"/items/{policy['index_no']}").json()
    assert [link["index_no"] for link in detail["interpretations"]] == [interpretation["index_no"]]
    back = api().get(f"/items/{interpretation['index_no']}").json()
    assert back["interprets"]["index_no"] == policy["index_no"]
    assert back["interpretation_lag"] == 0


@pytest.mark.parametrize("field", ["title", "body"])
def test_xss_payloads_are_inert_in_the_api_and_on_the_page(api, client, field):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    item = publish(api, **{field: payload + "正文"})
    detail = api().get(f"/items/{item['index_no']}").json()
    assert "<script" not in detail["body"] and "onerror" not in detail["body"]
    page = client.get(f"/catalog/items/{item['index_no']}/").content.decode()
    assert "<script>alert" not in page
    assert "<img src=x onerror" not in page


def test_unpublished_drafts_can_be_edited_and_deleted_by_id(api):
    item = create(api)
    response = api("handler_a").patch(f"/items/by-id/{item['id']}", {"title": "改后的标题"})
    assert response.status_code == 200 and response.json()["title"] == "改后的标题"
    assert (
        api("handler_a")
        .client.delete(f"/api/v1/items/by-id/{item['id']}", **api("handler_a").headers)
        .status_code
        == 204
    )
    assert not Item.objects.filter(pk=item["id"]).exists()


def test_staff_list_shows_drafts_of_own_agencies_only(api):
    create(api)
    assert api("handler_a").get("/staff/items").json()["total"] == 1
    assert api("handler_b").get("/staff/items").json()["total"] == 0


def test_publish_date_defaults_to_today(api):
    item = create(api, formed_on=str(TODAY))
    body = api("reviewer_a").post(f"/items/{item['id']}/publish", {}).json()
    assert body["published_on"] == str(TODAY)


def test_columns_and_index_pattern_settings(api):
    columns = api().get("/catalog/dept-a/columns").json()
    assert (
        columns[0]["code"] == "art20-01" and len(columns) == 27
    )  # Art. 20 (15) and 12 working columns, 意见征集 included
    assert (
        api("handler_a")
        .put("/catalog/dept-a/settings", {"index_pattern": "{prefix}-{year}-{seq}"})
        .status_code
        == 403
    )
    bad = api("admin_a").put("/catalog/dept-a/settings", {"index_pattern": "{prefix}-{seq}"})
    assert bad.status_code == 422 and error_code(bad) == "invalid_index_pattern"
    ok = api("admin_a").put("/catalog/dept-a/settings", {"index_pattern": "{prefix}/{year}{month}-{seq:04d}"})
    assert ok.status_code == 200
    assert publish(api)["index_no"] == "000000002/202409-0001"


def test_references_by_index_number_or_id_and_absurd_ids_are_404(api):
    policy = publish(api)
    by_index = create(api, genre="interpretation", title="解读甲", interprets=policy["index_no"])
    assert by_index["interprets"]["index_no"] == policy["index_no"]
    new = publish(api, title="新版")
    response = api("reviewer_a").post(
        f"/items/{policy['id']}/amend", {"date": "2024-10-08", "successor": new["id"]}
    )
    assert response.status_code == 200 and response.json()["successor"]["index_no"] == new["index_no"]
    huge = 10**30
    assert api("handler_a").get(f"/items/by-id/{huge}").status_code == 404
    assert api("reviewer_a").post(f"/items/{huge}/publish", {}).status_code == 404
    assert (
        api("handler_a").post("/items", {**BODY, "genre": "interpretation", "interprets": huge}).status_code
        == 404
    )


def test_attachments_are_uploaded_as_multipart_and_listed_in_the_public_detail(api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = create(api)
    client = api("handler_a")
    pdf = SimpleUploadedFile("附件一.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.client.post(f"/api/v1/items/{item['id']}/attachments", {"file": pdf}, **client.headers)
    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == "application/pdf"
    bad = SimpleUploadedFile("evil.pdf", b"<html><script>", content_type="application/pdf")
    response = client.client.post(f"/api/v1/items/{item['id']}/attachments", {"file": bad}, **client.headers)
    assert response.status_code == 422 and error_code(response) == "attachment_type_not_allowed"
    published = api("reviewer_a").post(f"/items/{item['id']}/publish", {"date": "2024-09-27"}).json()
    detail = api().get(f"/items/{published['index_no']}").json()
    assert [attachment["name"] for attachment in detail["attachments"]] == ["附件一.pdf"]


def test_on_request_and_not_disclosed_items_never_reach_the_public_catalogue(api):
    on_request = create(api, disclosure="on_request")
    response = api("reviewer_a").post(f"/items/{on_request['id']}/publish", {"date": "2024-09-27"})
    assert response.status_code == 409 and error_code(response) == "not_proactive"
    create(api, disclosure="not_disclosed", not_disclosed_reason="涉及第三方商业秘密（条例第十五条）")
    assert api().get("/items").json()["total"] == 0


def test_keywords_given_as_a_list_or_with_chinese_separators_are_normalised(api):
    assert create(api, keywords=["招生", "义务教育"])["keywords"] == ["招生", "义务教育"]
    assert create(api, keywords="招生，义务教育、招生")["keywords"] == ["招生", "义务教育"]


def test_agency_admins_add_and_rename_columns(api):
    assert (
        api("handler_a").post("/catalog/dept-a/columns", {"code": "rural", "name": "乡村振兴"}).status_code
        == 403
    )
    assert (
        api("handler_b").post("/catalog/dept-a/columns", {"code": "rural", "name": "乡村振兴"}).status_code
        == 404
    )
    response = api("admin_a").post("/catalog/dept-a/columns", {"code": "rural", "name": "乡村振兴"})
    assert response.status_code == 201 and response.json()["order"] == 280  # after the 27 default columns
    again = api("admin_a").post("/catalog/dept-a/columns", {"code": "rural", "name": "重复"})
    assert again.status_code == 409 and error_code(again) == "column_exists"
    bad = api("admin_a").post("/catalog/dept-a/columns", {"code": "乡村", "name": "乡村"})
    assert bad.status_code == 422 and error_code(bad) == "invalid_column_code"
    renamed = api("admin_a").patch("/catalog/dept-a/columns/rural", {"name": "乡村振兴专栏", "order": 5})
    assert renamed.json() == {"code": "rural", "name": "乡村振兴专栏", "order": 5}
    assert api().get("/catalog/dept-a/columns").json()[0]["code"] == "rural"
    assert create(api, columns=["rural"])["columns"] == ["rural"]


def test_art20_categories_in_the_catalogue_settings(api):
    before = api().get("/catalog/dept-a/settings").json()
    assert before["art20_categories"] == [1, 2] and before["art20_categories_recorded"] is False
    assert api("handler_a").put("/catalog/dept-a/settings", {"art20_categories": [7]}).status_code == 403
    bad = api("admin_a").put("/catalog/dept-a/settings", {"art20_categories": [7, 16]})
    assert bad.status_code == 422 and error_code(bad) == "invalid_art20_category"
    ok = api("office").put("/catalog/dept-a/settings", {"art20_categories": [12, 7]})
    assert ok.status_code == 200
    assert ok.json()["art20_categories"] == [1, 2, 7, 12] and ok.json()["art20_categories_recorded"] is True
    assert ok.json()["index_pattern"] == "{prefix}/{year}-{seq:05d}"  # the other settings unchanged
    empty = api("admin_a").put("/catalog/dept-a/settings", {})
    assert empty.status_code == 422 and error_code(empty) == "nothing_to_change"
