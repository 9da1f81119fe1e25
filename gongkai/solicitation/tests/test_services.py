"""Acts on solicitations against the database (domain/solicitation.md)."""

import datetime as dt

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import Item
from gongkai.core.errors import Forbidden, InvalidInput, NotFound, RuleViolation
from gongkai.solicitation import selectors, services
from gongkai.solicitation.tests.factories import at, comment, make_solicitation, on_day, open_solicitation

pytestmark = pytest.mark.django_db


def code_of(call):
    with pytest.raises((InvalidInput, RuleViolation, NotFound, Forbidden)) as caught:
        call()
    return caught.value


def test_a_new_solicitation_is_a_draft_with_its_minimum_from_the_calendar(tree, staff):
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"])
    assert selectors.state_of(solicitation, dt.date(2026, 8, 20)) == "draft"
    assert selectors.period_of(solicitation).min_closes_on == dt.date(2026, 10, 8)
    assert (
        AuditEvent.objects.filter(action="solicitation.create", object_id=str(solicitation.pk)).count() == 1
    )


def test_a_short_period_is_refused_with_the_earliest_allowed_last_day(tree, staff):
    error = code_of(
        lambda: make_solicitation(tree["dept_a"], staff["handler_a"], closes_on=dt.date(2026, 10, 7))
    )
    assert error.code == "period_too_short"
    assert error.details["min_closes_on"] == "2026-10-08"


def test_a_short_period_ending_in_an_unconfirmed_year_says_why_no_earliest_day_is_given(tree, staff):
    """2027 is not confirmed here: 2 days from 2026-12-28 are short whatever 2027's holidays are, but
    the earliest allowed last day cannot be computed — the refusal says so and names the year."""
    error = code_of(
        lambda: make_solicitation(
            tree["dept_a"],
            staff["handler_a"],
            kind="normative_document",
            opens_on=dt.date(2026, 12, 28),
            closes_on=dt.date(2026, 12, 30),
        )
    )
    assert (error.code, error.status) == ("period_too_short", 422)
    assert error.details == {"min_closes_on": None, "unknown_year": 2027}
    assert "因2027年节假日安排尚未确认，暂无法计算最早截止日期" in error.message
    assert "请政务公开办在“工作日历”中录入并确认2027年的节假日安排" in error.message


def test_a_short_period_with_a_published_reason_is_accepted(tree, staff):
    solicitation = make_solicitation(
        tree["dept_a"],
        staff["handler_a"],
        closes_on=dt.date(2026, 9, 15),
        shortened_reason="因防汛工作紧急，需尽快出台，征求意见期限缩短为14日。",
    )
    assert selectors.period_of(solicitation).short is True


def test_a_period_ending_before_it_starts_is_refused(tree, staff):
    error = code_of(
        lambda: make_solicitation(tree["dept_a"], staff["handler_a"], closes_on=dt.date(2026, 8, 1))
    )
    assert error.code == "invalid_period"


def test_the_draft_is_cleaned_like_item_bodies(tree, staff):
    solicitation = make_solicitation(
        tree["dept_a"], staff["handler_a"], draft='<p onclick="x()">第一条</p><script>alert(1)</script>'
    )
    assert solicitation.draft == "<p>第一条</p>"


def test_staff_of_another_agency_cannot_create_or_publish(tree, staff):
    assert code_of(lambda: make_solicitation(tree["dept_a"], staff["handler_b"])).code == "not_found"
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"])
    with on_day("2026-09-01"):
        assert code_of(
            lambda: services.publish_solicitation(solicitation, actor=staff["handler_a"])
        ).code == ("forbidden")


def test_publishing_after_the_opening_day_opens_the_period_that_day_and_rechecks_the_minimum(tree, staff):
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"], closes_on=dt.date(2026, 10, 20))
    with on_day("2026-09-10"):
        services.publish_solicitation(solicitation, actor=staff["reviewer_a"])
    solicitation.refresh_from_db()
    assert (solicitation.published_on, solicitation.opens_on) == (dt.date(2026, 9, 10), dt.date(2026, 9, 10))
    late = make_solicitation(tree["dept_a"], staff["handler_a"])  # closes 2026-10-08: enough from Sep 1 only
    with on_day("2026-09-10"):
        error = code_of(lambda: services.publish_solicitation(late, actor=staff["reviewer_a"]))
    # From Sep 10: Oct 10 is a make-up Saturday, a working day.
    assert (error.code, error.details["min_closes_on"]) == ("period_too_short", "2026-10-10")


def test_a_solicitation_whose_period_is_over_cannot_be_published(tree, staff):
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"])
    with on_day("2026-10-09"):
        assert code_of(
            lambda: services.publish_solicitation(solicitation, actor=staff["reviewer_a"])
        ).code == ("period_over")


def test_personal_data_in_the_draft_stops_publication_unless_a_reviewer_gives_a_reason(tree, staff):
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"], contacts="联系人张三 13812345678")
    with on_day("2026-09-01"):
        error = code_of(lambda: services.publish_solicitation(solicitation, actor=staff["reviewer_a"]))
        assert error.code == "screening_findings"
        assert error.details["findings"][0]["field"] == "contacts"
        services.publish_solicitation(
            solicitation, actor=staff["reviewer_a"], override_reason="工作联系手机，经本人同意公开"
        )
    solicitation.refresh_from_db()
    assert solicitation.is_published


def test_an_override_needs_a_substantive_reason_and_a_second_person(tree, staff):
    solicitation = make_solicitation(tree["dept_a"], staff["reviewer_a"], contacts="联系人张三 13812345678")
    reason = "工作联系手机，经本人同意公开"
    with on_day("2026-09-01"):
        publish = services.publish_solicitation
        assert code_of(
            lambda: publish(solicitation, actor=staff["admin_a"], override_reason="同意")
        ).code == ("override_reason_insufficient")
        assert code_of(
            lambda: publish(solicitation, actor=staff["reviewer_a"], override_reason=reason)
        ).code == ("override_needs_second_person")
        publish(solicitation, actor=staff["admin_a"], override_reason=reason)
    solicitation.refresh_from_db()
    assert solicitation.is_published


def test_a_published_solicitation_cannot_be_edited(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    error = code_of(
        lambda: services.update_solicitation(solicitation, actor=staff["handler_a"], title="新标题")
    )
    assert error.code == "solicitation_published"


@pytest.mark.parametrize(
    ("when", "accepted"),
    [
        ("2026-08-31 23:59:59", False),
        ("2026-09-01 00:00:00", True),
        ("2026-10-08 23:59:00", True),
        ("2026-10-08 23:59:59", True),
        ("2026-10-09 00:00:00", False),
    ],
)
def test_comments_are_accepted_from_the_opening_day_through_23_59_59_of_the_last_day(
    tree, staff, when, accepted
):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"], publish_on="2026-08-25")
    if accepted:
        assert comment(solicitation, when=when).number == 1
    else:
        assert code_of(lambda: comment(solicitation, when=when)).code == "solicitation_not_open"


def test_the_last_day_ends_at_midnight_in_shanghai_not_in_utc(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    utc = dt.UTC
    services.submit_comment(
        solicitation, text="最后一刻的意见", at=dt.datetime(2026, 10, 8, 15, 59, 59, tzinfo=utc)
    )
    error = code_of(
        lambda: services.submit_comment(
            solicitation, text="晚了", at=dt.datetime(2026, 10, 8, 16, 0, 0, tzinfo=utc)
        )
    )
    assert error.code == "solicitation_not_open"


def test_a_comment_on_a_frozen_clock_uses_the_current_time(tree, staff):
    import time_machine

    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with time_machine.travel(at("2026-10-08 23:59:59"), tick=False):
        services.submit_comment(solicitation, text="截止日最后一分钟")
    with time_machine.travel(at("2026-10-09 00:00:01"), tick=False):
        assert (
            code_of(lambda: services.submit_comment(solicitation, text="过期")).code
            == "solicitation_not_open"
        )


def test_comments_on_a_draft_are_refused(tree, staff):
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"])
    assert code_of(lambda: comment(solicitation)).code == "solicitation_not_open"


@pytest.mark.parametrize(("text", "field"), [(" ", "text"), ("字" * 5001, "text")])
def test_a_comment_needs_text_of_at_most_5000_characters(tree, staff, text, field):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    error = code_of(lambda: comment(solicitation, text=text))
    assert (error.code, error.details["field"]) == ("validation_error", field)
    assert comment(solicitation, text="字" * 5000).number == 1


@pytest.mark.parametrize("decision", ["partially_adopted", "not_adopted"])
def test_partial_or_no_adoption_needs_a_reason(tree, staff, decision):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    first = comment(solicitation)
    error = code_of(lambda: services.decide_comment(first, actor=staff["handler_a"], decision=decision))
    assert error.code == "reason_required"
    services.decide_comment(first, actor=staff["handler_a"], decision=decision, reason="与上位法规定不一致")
    first.refresh_from_db()
    assert (first.decision, first.reason) == (decision, "与上位法规定不一致")


def test_similar_comments_are_grouped_and_decided_together(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    first, second = comment(solicitation, "建议降低收费"), comment(solicitation, "建议降低收费标准")
    group = services.group_comments(
        solicitation, actor=staff["handler_a"], comment_ids=[first.pk, second.pk], summary="建议降低收费标准"
    )
    services.decide_group(group, actor=staff["handler_a"], decision="adopted")
    assert set(solicitation.comments.values_list("decision", flat=True)) == {"adopted"}


def decide_all(solicitation, actor, decision="adopted"):
    for each in solicitation.comments.all():
        services.decide_comment(each, actor=actor, decision=decision, reason="理由")


def feedback(solicitation, actor, on="2026-10-09", rows=None):
    rows = rows if rows is not None else [
        {"comments": list(solicitation.comments.values_list("pk", flat=True)), "summary": "建议降低收费标准",
         "decision": "adopted"}
    ]  # fmt: skip
    with on_day(on):
        return services.publish_feedback(
            solicitation,
            actor=actor,
            on=dt.date.fromisoformat(on),
            summary="共收到意见，已认真研究。",
            rows=rows,
        )


def test_feedback_is_refused_while_a_comment_is_undecided(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    first, second = comment(solicitation), comment(solicitation)
    services.decide_comment(first, actor=staff["handler_a"], decision="adopted")
    error = code_of(lambda: feedback(solicitation, staff["reviewer_a"]))
    assert (error.code, error.details["comments"]) == ("comments_undecided", [second.pk])
    assert not Item.objects.filter(genre="notice").exists()


def test_feedback_is_refused_before_the_period_is_over(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    comment(solicitation)
    decide_all(solicitation, staff["handler_a"])
    assert code_of(lambda: feedback(solicitation, staff["reviewer_a"], on="2026-10-08")).code == (
        "solicitation_not_closed"
    )


def test_feedback_is_published_as_a_catalogue_notice_in_the_solicitation_column(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    comment(solicitation, name="李四", contact="13900001111")
    comment(solicitation)
    decide_all(solicitation, staff["handler_a"])
    report = feedback(solicitation, staff["reviewer_a"])
    item = report.item
    assert item.is_public and item.genre == "notice" and item.published_on == dt.date(2026, 10, 9)
    assert list(item.columns.values_list("code", flat=True)) == ["solicitation"]
    assert "共收到意见2条，其中采纳2条" in item.body and "建议降低收费标准" in item.body
    assert "李四" not in item.body and "13900001111" not in item.body
    assert solicitation.get_absolute_url() in item.body
    assert selectors.state_of(solicitation, dt.date(2026, 10, 9)) == "feedback_published"
    assert code_of(lambda: feedback(solicitation, staff["reviewer_a"])).code == "feedback_published"


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("summary", "李四等提出降低收费标准，已采纳。"),
        ("rows[1].summary", "李四建议降低收费标准"),
        ("rows[1].summary", "建议降低收费标准（联系电话139-0000-1111）"),
        ("rows[1].reason", "已电话联系 lisi@example.org 说明"),
    ],
)
def test_a_commenters_name_or_contact_is_never_published_in_the_feedback(tree, staff, where, text):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    comment(solicitation, name="李四", contact="电话 13900001111，邮箱 LiSi@example.org")
    decide_all(solicitation, staff["handler_a"], decision="partially_adopted")
    row = {"comments": list(solicitation.comments.values_list("pk", flat=True)), "summary": "建议降低收费标准",
           "decision": "partially_adopted", "reason": "收费标准由上位法规定"}  # fmt: skip
    summary = "共收到意见，已认真研究。"
    if where == "summary":
        summary = text
    else:
        row[where.split(".")[1]] = text
    with on_day("2026-10-09"):
        error = code_of(
            lambda: services.publish_feedback(
                solicitation, actor=staff["reviewer_a"], on=dt.date(2026, 10, 9), summary=summary, rows=[row]
            )
        )
    assert (error.code, error.details["fields"]) == ("personal_data_in_wording", [where])
    assert error.status == 409
    assert not Item.objects.filter(genre="notice").exists()


def test_a_solicitation_without_comments_still_gets_its_feedback(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    report = feedback(solicitation, staff["reviewer_a"], rows=[])
    assert "共收到意见0条" in report.item.body


def test_the_period_can_be_extended_while_open_but_never_shortened(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with on_day("2026-10-01"):
        error = code_of(
            lambda: services.extend_period(
                solicitation, actor=staff["reviewer_a"], closes_on=dt.date(2026, 10, 5), reason="x"
            )
        )
        assert error.code == "extension_not_later"
        services.extend_period(
            solicitation,
            actor=staff["reviewer_a"],
            closes_on=dt.date(2026, 10, 20),
            reason="应社会各界要求延长",
        )
    solicitation.refresh_from_db()
    assert solicitation.closes_on == dt.date(2026, 10, 20)
    assert comment(solicitation, when="2026-10-15 09:00:00").number == 1
    with on_day("2026-10-21"):
        error = code_of(
            lambda: services.extend_period(
                solicitation, actor=staff["reviewer_a"], closes_on=dt.date(2026, 11, 20), reason="再延长"
            )
        )
    assert error.code == "solicitation_not_open"


def test_a_back_dated_extension_cannot_reopen_a_closed_period(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])  # closes 2026-10-08
    with on_day("2026-10-12"):
        error = code_of(
            lambda: services.extend_period(
                solicitation,
                actor=staff["reviewer_a"],
                closes_on=dt.date(2026, 10, 30),
                reason="应社会各界要求延长",
                on=dt.date(2026, 10, 8),
            )
        )
    assert error.code == "solicitation_not_open"
    solicitation.refresh_from_db()
    assert solicitation.closes_on == dt.date(2026, 10, 8)


def test_the_final_policy_must_be_a_published_item(tree, staff):
    from gongkai.catalog import services as catalog_services

    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    item = catalog_services.create_item(
        actor=staff["handler_a"], agency=tree["dept_a"], title="某市公共停车场管理办法", genre="normative_document",
        body="正文", formed_on=dt.date(2026, 11, 1),
    )  # fmt: skip
    error = code_of(lambda: services.link_final_item(solicitation, actor=staff["handler_a"], item=item))
    assert error.code == "item_not_published"
    with on_day("2026-11-02"):
        catalog_services.publish_item(item, actor=staff["reviewer_a"], on=dt.date(2026, 11, 2))
    services.link_final_item(solicitation, actor=staff["handler_a"], item=item)
    assert solicitation.__class__.objects.get(pk=solicitation.pk).final_item == item


def test_staff_register_a_comment_received_by_letter_within_the_period(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])  # Sep 1 – Oct 8
    comment(solicitation)
    with on_day("2026-10-12"):
        letter = services.register_comment(
            solicitation,
            actor=staff["handler_a"],
            text="来信建议增设夜间停车优惠。",
            channel="letter",
            received_on=dt.date(2026, 10, 8),
            name="赵某",
        )
        assert (letter.number, letter.channel, letter.received_on) == (2, "letter", dt.date(2026, 10, 8))
        too_late = code_of(
            lambda: services.register_comment(
                solicitation, actor=staff["handler_a"], text="迟到的信", channel="letter",
                received_on=dt.date(2026, 10, 9),
            )
        )  # fmt: skip
        assert too_late.code == "solicitation_not_open"
        future = code_of(
            lambda: services.register_comment(
                solicitation,
                actor=staff["handler_a"],
                text="x",
                channel="email",
                received_on=dt.date(2026, 10, 13),
            )
        )
        assert future.code == "date_in_future"
        online = code_of(
            lambda: services.register_comment(
                solicitation,
                actor=staff["handler_a"],
                text="x",
                channel="online",
                received_on=dt.date(2026, 10, 1),
            )
        )
        assert online.code == "invalid_channel"
        assert (
            code_of(
                lambda: services.register_comment(
                    solicitation,
                    actor=staff["handler_b"],
                    text="x",
                    channel="email",
                    received_on=dt.date(2026, 10, 1),
                )
            ).code
            == "not_found"
        )
    assert (
        AuditEvent.objects.filter(action="solicitation.register_comment", object_id=str(letter.pk)).count()
        == 1
    )
    decide_all(solicitation, staff["handler_a"])
    report = feedback(solicitation, staff["reviewer_a"], on="2026-10-12")
    assert "共收到意见2条" in report.item.body
    with on_day("2026-10-12"):
        assert (
            code_of(
                lambda: services.register_comment(
                    solicitation,
                    actor=staff["handler_a"],
                    text="x",
                    channel="email",
                    received_on=dt.date(2026, 10, 1),
                )
            ).code
            == "feedback_published"
        )


@pytest.mark.parametrize(
    ("closes_on", "today"),
    [(dt.date(2026, 11, 6), dt.date(2026, 12, 5)), (dt.date(2026, 9, 2), dt.date(2026, 10, 3))],
    ids=["saturday", "holiday"],
)
def test_the_feedback_todo_is_overdue_on_a_day_off_after_its_due_day(tree, staff, closes_on, today):
    """Feedback due 20 working days after the close: Friday 2026-12-04, seen on the Saturday; or
    2026-09-30, seen in the National Day holiday."""
    from gongkai.solicitation.todos import feedback_todos

    open_solicitation(
        tree["dept_a"],
        staff["admin_a"],
        publish_on="2026-07-01",
        opens_on=dt.date(2026, 7, 1),
        closes_on=closes_on,
    )
    (todo,) = feedback_todos(user=staff["admin_a"], agency=tree["dept_a"], today=today)
    assert todo.due_on < today and todo.days_left == 0
    assert todo.status == "overdue" and todo.days_left_text == "已逾期不足 1 个工作日"
