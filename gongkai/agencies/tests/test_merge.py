"""Agency merge (机构改革): records move, old URLs redirect, the act is audited."""

import datetime as dt

import pytest

from gongkai.agencies import services
from gongkai.agencies.merge import agency_relations, policy_of
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import Forbidden, RuleViolation
from gongkai.testing import make_agency

ON = dt.date(2026, 3, 1)


def test_every_relation_to_agency_declares_a_merge_policy():
    relations = list(agency_relations())
    assert relations, "Agency has relations (at least memberships and audit events)"
    undeclared = [
        f"{model._meta.label}.{field}"
        for model, field in relations
        if policy_of(model) not in {"move", "keep", "custom"}
    ]
    assert undeclared == []


def test_merge_moves_sub_agencies_and_marks_the_old_agency(staff, tree):
    unit = make_agency("unit-a", parent=tree["dept_a"], name="甲局下属中心")
    moved = services.merge_agencies(tree["dept_a"], tree["dept_b"], actor=staff["root"], on=ON)
    unit.refresh_from_db()
    tree["dept_a"].refresh_from_db()
    assert unit.parent_id == tree["dept_b"].pk
    assert unit.path == f"{tree['dept_b'].path}{unit.pk}/"
    assert moved["agencies.agency.parent"] == 1
    assert tree["dept_a"].active is False
    assert tree["dept_a"].merged_into_id == tree["dept_b"].pk
    assert tree["dept_a"].merged_on == ON
    assert tree["dept_a"].successor() == tree["dept_b"]


def test_merge_is_audited_with_what_moved(staff, tree):
    services.merge_agencies(tree["dept_a"], tree["dept_b"], actor=staff["root"], on=ON)
    event = AuditEvent.objects.get(action="agency.merge")
    assert event.agency_id == tree["dept_b"].pk
    assert event.data["abolished"] == "dept-a" and event.data["successor"] == "dept-b"
    assert event.data["on"] == "2026-03-01"


def test_old_agency_url_redirects_to_successor_even_through_a_chain(client, staff, tree):
    services.merge_agencies(tree["dept_a"], tree["dept_b"], actor=staff["root"], on=ON)
    services.merge_agencies(tree["dept_b"], tree["town"], actor=staff["root"], on=ON + dt.timedelta(days=30))
    response = client.get("/agencies/dept-a/")
    assert response.status_code == 301
    assert response["Location"] == "/agencies/town/"
    page = client.get("/agencies/town/").content.decode()
    assert "测试市乙局于2026年3月31日并入本机构" in page


def test_merge_rules(staff, tree):
    with pytest.raises(RuleViolation) as error:
        services.merge_agencies(tree["dept_a"], tree["dept_a"], actor=staff["root"], on=ON)
    assert error.value.code == "merge_into_self"
    with pytest.raises(RuleViolation) as error:
        services.merge_agencies(tree["city"], tree["dept_a"], actor=staff["root"], on=ON)
    assert error.value.code == "merge_into_descendant"
    services.merge_agencies(tree["dept_a"], tree["dept_b"], actor=staff["root"], on=ON)
    with pytest.raises(RuleViolation) as error:
        services.merge_agencies(tree["dept_a"], tree["town"], actor=staff["root"], on=ON)
    assert error.value.code == "agency_inactive"


def test_only_superuser_merges(staff, tree):
    with pytest.raises(Forbidden):
        services.merge_agencies(tree["dept_a"], tree["dept_b"], actor=staff["office"], on=ON)
    assert Agency.objects.get(code="dept-a").active


def test_merge_through_api(api, tree):
    response = api("root").post("/agencies/dept-a/merge", {"successor": "dept-b", "date": "2026-03-01"})
    assert response.status_code == 200, response.content
    assert response.json()["successor"] == "dept-b"
    listed = {row["code"] for row in api().get("/agencies").json()}
    assert "dept-a" not in listed
    all_rows = {row["code"]: row for row in api().get("/agencies", include_inactive="true").json()}
    assert all_rows["dept-a"]["merged_into"] == "dept-b" and all_rows["dept-a"]["active"] is False


def test_audit_of_a_merged_agency_stays_readable_by_the_successor(api, staff, tree):
    from gongkai.agencies.models import Role
    from gongkai.testing import make_user

    make_user("admin_b", agency=tree["dept_b"], role=Role.AGENCY_ADMIN)
    services.merge_agencies(tree["dept_a"], tree["dept_b"], actor=staff["root"], on=ON)
    from django.contrib.auth import get_user_model

    from gongkai.testing import ApiClient

    client = ApiClient(get_user_model().objects.get(username="admin_b"))
    agencies = {event["agency"] for event in client.get("/audit", size=100).json()["results"]}
    assert "dept-a" in agencies  # the abolished agency's history
    assert client.get("/audit", agency="dept-a").status_code == 200
