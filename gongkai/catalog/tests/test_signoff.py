"""Publication as the reviewer's sign-off: its date, the 审核人, the four-eyes setting, and
overriding a blocking screening finding (issue 11, items 4–6)."""

import datetime as dt

import pytest

from gongkai.agencies.models import Role
from gongkai.catalog import publication_rules, services
from gongkai.catalog.models import ScreeningOverride
from gongkai.core.errors import Forbidden, InvalidInput, RuleViolation
from gongkai.core.system import SYSTEM
from gongkai.testing import make_user

TODAY = dt.date(2026, 12, 5)
LEAK = "联系人张三，身份证号11010519491231002X，电话13800138000。"
REASON = "联系人张三书面同意公开其身份证号和手机号码"


@pytest.fixture
def second_reviewer(tree):
    return make_user("reviewer_a2", agency=tree["dept_a"], role=Role.REVIEWER)


@pytest.fixture
def drafted(draft, staff):
    """drafted(by=username, **fields) → a draft of dept_a created by that staff member."""

    def build(by="handler_a", **fields):
        values = {"title": "关于开展政务公开工作的通知", "genre": "notice", "formed_on": dt.date(2026, 11, 2)}
        values.update(fields)
        return services.create_item(actor=staff[by], agency=staff[by].memberships.get().agency, **values)

    return build


# --- item 4: the publication date ------------------------------------------------------------


def test_a_publication_date_after_today_is_refused(drafted, staff):
    item = drafted()
    with pytest.raises(RuleViolation) as error:
        services.publish_item(item, actor=staff["reviewer_a"], on=dt.date(2030, 1, 1), today=TODAY)
    assert error.value.code == "date_in_future"
    assert error.value.details == {"date": "2030-01-01", "today": "2026-12-05"}
    item.refresh_from_db()
    assert item.state == "draft" and item.index_no is None and item.published_on is None


def test_a_publication_date_of_today_is_accepted(drafted, staff):
    item = services.publish_item(drafted(), actor=staff["reviewer_a"], on=TODAY, today=TODAY)
    assert item.published_on == TODAY and item.index_no.endswith("/2026-00001")


def test_a_publication_date_before_the_information_was_formed_is_refused(drafted, staff):
    with pytest.raises(RuleViolation) as error:
        services.publish_item(drafted(), actor=staff["reviewer_a"], on=dt.date(2026, 11, 1), today=TODAY)
    assert error.value.code == "published_before_formed"


def test_the_api_refuses_a_future_publication_date(api, tree, staff):
    created = api("handler_a").post(
        "/items", {"agency": "dept-a", "title": "通知", "genre": "notice", "formed_on": "2024-09-20"}
    )
    response = api("reviewer_a").post(f"/items/{created.json()['id']}/publish", {"date": "2999-01-01"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "date_in_future"


@pytest.mark.parametrize(
    ("published_on", "expected"),
    [
        (dt.date(2026, 12, 6), "date_in_future"),
        (dt.date(2026, 12, 5), None),
        (dt.date(2026, 11, 2), None),
        (dt.date(2026, 11, 1), "published_before_formed"),
    ],
)
def test_publication_date_rule(published_on, expected):
    assert publication_rules.publication_date_problem(published_on, dt.date(2026, 11, 2), TODAY) == expected


# --- item 5: overriding a blocking finding ----------------------------------------------------


@pytest.mark.parametrize(
    "reason",
    [
        "x",
        "。。。。。。。。。。。。",
        "同意同意同意同意同意同意",
        "经本人同意公开",
        "xxxxxxxxxxxxxxxx",
        "1 1 1 1 1 1 1 1 1 1 1",
    ],
)
def test_an_override_reason_without_substance_is_refused(drafted, second_reviewer, reason):
    item = drafted(body=LEAK)
    with pytest.raises(InvalidInput) as error:
        services.publish_item(item, actor=second_reviewer, on=TODAY, override_reason=reason, today=TODAY)
    assert error.value.code == "override_reason_insufficient"
    assert not ScreeningOverride.objects.exists()


@pytest.mark.parametrize(
    ("text", "count"),
    [("x", 1), ("测试测试测试测试", 2), ("办事电话，经本人同意公开", 11), ("！？。、…", 0), (REASON, 21)],
)
def test_substantive_characters_drop_punctuation_and_repetition(text, count):
    assert publication_rules.substantive_characters(text) == count


def test_the_reviewer_who_drafted_the_item_cannot_override_alone(drafted, staff):
    item = drafted(by="reviewer_a", body=LEAK)
    with pytest.raises(Forbidden) as error:
        services.publish_item(item, actor=staff["reviewer_a"], on=TODAY, override_reason=REASON, today=TODAY)
    assert error.value.code == "override_needs_second_person"
    item.refresh_from_db()
    assert item.state == "draft"


def test_the_reviewer_who_screened_the_item_cannot_override_alone(drafted, staff):
    item = drafted(body=LEAK)
    services.screen_item(item, actor=staff["reviewer_a"])
    with pytest.raises(Forbidden) as error:
        services.publish_item(item, actor=staff["reviewer_a"], on=TODAY, override_reason=REASON, today=TODAY)
    assert error.value.code == "override_needs_second_person"


def test_another_reviewer_overrides_and_the_override_is_kept(drafted, staff, second_reviewer):
    item = drafted(body=LEAK)
    services.screen_item(item, actor=staff["reviewer_a"])
    item = services.publish_item(item, actor=second_reviewer, on=TODAY, override_reason=REASON, today=TODAY)
    override = ScreeningOverride.objects.get(item=item)
    assert (override.reason, override.decided_by, override.decided_on) == (REASON, second_reviewer, TODAY)
    assert {finding["kind"] for finding in override.findings} == {"id_card", "mobile"}
    assert "13800138000" not in str(override.findings)


def test_an_agency_admin_may_override_an_item_of_their_own(drafted, staff):
    item = drafted(by="admin_a", body=LEAK)
    services.publish_item(item, actor=staff["admin_a"], on=TODAY, override_reason=REASON, today=TODAY)
    assert ScreeningOverride.objects.filter(item=item, decided_by=staff["admin_a"]).exists()


def test_a_reason_is_not_asked_for_when_nothing_blocks(drafted, staff):
    item = services.publish_item(
        drafted(), actor=staff["reviewer_a"], on=TODAY, override_reason="x", today=TODAY
    )
    assert item.state == "published" and not ScreeningOverride.objects.exists()


# --- item 6: the 审核人 -------------------------------------------------------------------------


def test_publishing_a_draft_directly_makes_the_publisher_its_reviewer(drafted, staff):
    item = services.publish_item(drafted(), actor=staff["reviewer_a"], on=TODAY, today=TODAY)
    item.refresh_from_db()
    assert (item.created_by, item.reviewed_by, item.published_by) == (
        staff["handler_a"],
        staff["reviewer_a"],
        staff["reviewer_a"],
    )


def test_the_reviewer_who_approved_stays_the_reviewer_when_another_publishes(drafted, staff, second_reviewer):
    item = drafted()
    services.screen_item(item, actor=staff["handler_a"])
    services.review_item(item, actor=second_reviewer)
    services.publish_item(item, actor=staff["reviewer_a"], on=TODAY, today=TODAY)
    item.refresh_from_db()
    assert (item.screened_by, item.reviewed_by, item.published_by) == (
        staff["handler_a"],
        second_reviewer,
        staff["reviewer_a"],
    )


def test_a_changed_text_loses_its_screening_and_its_sign_off(drafted, staff):
    item = drafted()
    services.screen_item(item, actor=staff["handler_a"])
    services.review_item(item, actor=staff["reviewer_a"])
    services.update_item(item, actor=staff["handler_a"], body="改过的正文")
    item.refresh_from_db()
    assert (item.state, item.screened_by, item.reviewed_by) == ("draft", None, None)


def test_without_four_eyes_a_reviewer_may_publish_what_they_drafted(drafted, staff):
    item = services.publish_item(drafted(by="reviewer_a"), actor=staff["reviewer_a"], on=TODAY, today=TODAY)
    assert item.reviewed_by == staff["reviewer_a"]


def test_with_four_eyes_the_drafter_neither_reviews_nor_publishes(tree, drafted, staff, second_reviewer):
    services.set_four_eyes(tree["dept_a"], actor=staff["admin_a"], required=True)
    item = drafted(by="reviewer_a")
    with pytest.raises(RuleViolation) as error:
        services.publish_item(item, actor=staff["reviewer_a"], on=TODAY, today=TODAY)
    assert error.value.code == "reviewer_is_drafter"
    services.screen_item(item, actor=staff["reviewer_a"])
    with pytest.raises(RuleViolation):
        services.review_item(item, actor=staff["reviewer_a"])
    services.review_item(item, actor=second_reviewer)
    item = services.publish_item(item, actor=staff["reviewer_a"], on=TODAY, today=TODAY)
    assert (item.reviewed_by, item.published_by) == (second_reviewer, staff["reviewer_a"])


def test_only_an_agency_admin_switches_four_eyes_on(tree, staff):
    with pytest.raises(Forbidden):
        services.set_four_eyes(tree["dept_a"], actor=staff["reviewer_a"], required=True)
    settings = services.set_four_eyes(tree["dept_a"], actor=staff["admin_a"], required=True)
    assert settings.four_eyes is True


def test_the_system_actor_publishes_without_a_named_reviewer(draft):
    item = services.publish_item(draft(), actor=SYSTEM, on=TODAY, today=TODAY)
    assert item.reviewed_by is None and item.published_by is None
