"""The acts on a message: every act refused in the wrong state with its code and nothing changed,
the date and once-only rules, publication with screening, limits, and the writer's e-mail."""

import datetime as dt

import pytest
from django.core import mail

from gongkai.audit.models import AuditEvent
from gongkai.core.errors import DomainError, Forbidden, InvalidInput, RuleViolation
from gongkai.core.system import SYSTEM
from gongkai.interaction import lifecycle, services
from gongkai.interaction.models import Faq, Message, MessageEvent
from gongkai.interaction.tests.factories import message, replied
from gongkai.notifications.models import OutgoingMail

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 20)


def in_state(state, tree):
    item = message(tree["dept_a"])
    if state == "accepted":
        item = services.accept(item, actor=SYSTEM, on=dt.date(2026, 3, 9), today=TODAY)
    elif state == "rejected":
        item = services.reject(
            item, actor=SYSTEM, on=dt.date(2026, 3, 9), reason_code="duplicate", today=TODAY
        )
    elif state in ("replied", "reopened"):
        item = services.reply(item, actor=SYSTEM, on=dt.date(2026, 3, 10), text="答复", today=TODAY)
        if state == "reopened":
            item = services.rate(item, rating="dissatisfied", today=dt.date(2026, 3, 11))
            item = services.reopen(item, actor=SYSTEM, on=dt.date(2026, 3, 12), today=TODAY)
    assert item.state == state
    return item


def attempt(action, item, tree):
    on = TODAY
    calls = {
        "accept": lambda: services.accept(item, actor=SYSTEM, on=on, today=TODAY),
        "reject": lambda: services.reject(item, actor=SYSTEM, on=on, reason_code="no_content", today=TODAY),
        "transfer": lambda: services.transfer(
            item, actor=SYSTEM, on=on, to_agency=tree["dept_b"], note="职责调整", today=TODAY
        ),
        "extend": lambda: services.extend(item, actor=SYSTEM, on=on, days=2, reason="需调查", today=TODAY),
        "reply": lambda: services.reply(item, actor=SYSTEM, on=on, text="答复内容", today=TODAY),
        "reopen": lambda: services.reopen(item, actor=SYSTEM, on=on, today=TODAY),
        "publish": lambda: services.publish(item, actor=SYSTEM, on=on, today=TODAY),
        "unpublish": lambda: services.unpublish(item, actor=SYSTEM, on=on, today=TODAY),
        "rate": lambda: services.rate(item, rating="satisfied", today=TODAY),
        "to_faq": lambda: services.to_faq(item, actor=SYSTEM, on=on, today=TODAY),
    }
    return calls[action]()


def snapshot(item):
    row = Message.objects.values().get(pk=item.pk)
    return (
        row,
        MessageEvent.objects.filter(message=item).count(),
        AuditEvent.objects.count(),
        Faq.objects.count(),
    )


STATES = ["received", "accepted", "reopened", "replied", "rejected"]
REFUSED = [
    (state, action)
    for state in STATES
    for action in sorted(lifecycle.ACTIONS)
    if action not in lifecycle.ALLOWED[state]
]


@pytest.mark.parametrize(("state", "action"), REFUSED)
def test_every_act_is_refused_in_the_wrong_state_and_nothing_changes(state, action, tree):
    item = in_state(state, tree)
    before = snapshot(item)
    with pytest.raises(RuleViolation) as refused:
        attempt(action, item, tree)
    assert refused.value.code == "action_not_allowed"
    assert refused.value.details["state"] == state
    assert snapshot(item) == before


@pytest.mark.parametrize(
    ("state", "action", "code"),
    [
        ("replied", "reopen", "not_dissatisfied"),
        ("replied", "unpublish", "not_published"),
    ],
)
def test_acts_allowed_by_state_still_keep_their_own_rules(state, action, code, tree):
    item = in_state(state, tree)
    before = snapshot(item)
    with pytest.raises(RuleViolation) as refused:
        attempt(action, item, tree)
    assert refused.value.code == code
    assert snapshot(item) == before


def test_dates_are_not_in_the_future_nor_before_the_previous_act(tree):
    item = message(tree["dept_a"], on=dt.date(2026, 3, 9))
    with pytest.raises(RuleViolation) as future:
        services.accept(item, actor=SYSTEM, on=dt.date(2026, 3, 21), today=TODAY)
    assert future.value.code == "date_in_future"
    with pytest.raises(RuleViolation) as earlier:
        services.reply(item, actor=SYSTEM, on=dt.date(2026, 3, 8), text="答复", today=TODAY)
    assert earlier.value.code == "date_before_previous_event"


def test_an_extension_is_granted_once_up_to_ten_working_days_before_the_due_date(tree):
    item = message(tree["dept_a"], on=dt.date(2026, 3, 9))  # due 2026-03-16
    with pytest.raises(RuleViolation) as too_long:
        services.extend(item, actor=SYSTEM, on=dt.date(2026, 3, 10), days=11, reason="复杂", today=TODAY)
    assert too_long.value.code == "extension_too_long"
    with pytest.raises(RuleViolation) as too_late:
        services.extend(item, actor=SYSTEM, on=dt.date(2026, 3, 17), days=5, reason="复杂", today=TODAY)
    assert too_late.value.code == "extension_too_late"
    item = services.extend(item, actor=SYSTEM, on=dt.date(2026, 3, 16), days=10, reason="复杂", today=TODAY)
    assert item.due_on == dt.date(2026, 3, 30)
    with pytest.raises(RuleViolation) as again:
        services.extend(item, actor=SYSTEM, on=dt.date(2026, 3, 17), days=1, reason="复杂", today=TODAY)
    assert again.value.code == "extension_already_granted"


def test_a_transfer_moves_the_message_and_keeps_its_due_date(tree, staff):
    item = message(tree["dept_a"], on=dt.date(2026, 3, 7))  # Saturday: due 2026-03-13
    item = services.transfer(
        item,
        actor=staff["handler_a"],
        on=dt.date(2026, 3, 10),
        to_agency=tree["dept_b"],
        note="属乙局职责",
        today=TODAY,
    )
    assert (item.agency, item.due_on, item.transfer_late) == (tree["dept_b"], dt.date(2026, 3, 13), True)
    # The 转办 is the sending agency's act: its audit log shows it.
    assert AuditEvent.objects.filter(action="message.transfer").get().agency_id == tree["dept_a"].pk
    with pytest.raises(DomainError):  # dept_a's handler no longer sees it
        services.accept(item, actor=staff["handler_a"], on=TODAY, today=TODAY)
    item = services.reply(item, actor=staff["handler_b"], on=dt.date(2026, 3, 12), text="答复", today=TODAY)
    assert (item.reply_agency, item.late) == (tree["dept_b"], False)


def test_a_transfer_to_an_agency_with_its_own_calendar_keeps_the_inherited_due_date(tree, staff):
    """domain/interaction.md: the receiving agency inherits due_on, whatever its own calendar says."""
    from gongkai.testing import confirm_synthetic_year
    from gongkai.workdays import services as workday_services

    tree["dept_b"].region = "xz"
    tree["dept_b"].save()
    confirm_synthetic_year(2026, region="xz")
    for day in (11, 12, 13):  # the region rests 2026-03-11 to 03-13
        workday_services.set_calendar_day(
            actor=staff["office"], date=dt.date(2026, 3, day), kind="holiday", name="地方假日", region="xz"
        )
    item = message(tree["dept_a"], on=dt.date(2026, 3, 7))  # national calendar: due 2026-03-13
    item = services.transfer(
        item,
        actor=staff["handler_a"],
        on=dt.date(2026, 3, 9),
        to_agency=tree["dept_b"],
        note="属乙局职责",
        today=TODAY,
    )
    assert (item.agency, item.due_on, item.transfer_late) == (tree["dept_b"], dt.date(2026, 3, 13), False)
    item.refresh_from_db()
    assert item.due_on == dt.date(2026, 3, 13)
    # Replied by dept_b on 03-16 (its next working day): late all the same, the due date was 03-13.
    item = services.reply(item, actor=staff["handler_b"], on=dt.date(2026, 3, 16), text="答复", today=TODAY)
    assert item.late is True


def test_a_transfer_to_the_same_agency_is_invalid(tree):
    item = message(tree["dept_a"])
    with pytest.raises(InvalidInput) as invalid:
        services.transfer(item, actor=SYSTEM, on=TODAY, to_agency=tree["dept_a"], note="无", today=TODAY)
    assert invalid.value.code == "transfer_to_same_agency"


def test_rating_once_within_thirty_days_and_reopening_once_after_dissatisfaction(tree):
    item = replied(tree["dept_a"], replied_on=dt.date(2026, 3, 11))
    with pytest.raises(RuleViolation) as closed:
        services.rate(item, rating="satisfied", today=dt.date(2026, 4, 11))
    assert closed.value.code == "rating_closed"
    item = services.rate(item, rating="dissatisfied", comment="没有解决", today=dt.date(2026, 4, 10))
    with pytest.raises(RuleViolation) as twice:
        services.rate(item, rating="satisfied", today=dt.date(2026, 4, 10))
    assert twice.value.code == "already_rated"
    item = services.reopen(item, actor=SYSTEM, on=dt.date(2026, 4, 10), today=dt.date(2026, 4, 10))
    # add(2026-04-10, 5): Apr 13–17.
    assert (item.state, item.due_on) == ("reopened", dt.date(2026, 4, 17))
    item = services.reply(
        item, actor=SYSTEM, on=dt.date(2026, 4, 13), text="再次答复", today=dt.date(2026, 4, 13)
    )
    item = services.rate(item, rating="dissatisfied", today=dt.date(2026, 4, 14))
    with pytest.raises(RuleViolation) as again:
        services.reopen(item, actor=SYSTEM, on=dt.date(2026, 4, 14), today=dt.date(2026, 4, 14))
    assert again.value.code == "already_reopened"


def test_a_rejection_needs_a_known_reason_and_text_for_other(tree):
    item = message(tree["dept_a"])
    with pytest.raises(InvalidInput) as unknown:
        services.reject(item, actor=SYSTEM, on=TODAY, reason_code="boring", today=TODAY)
    assert unknown.value.code == "invalid_reason_code"
    with pytest.raises(InvalidInput) as bare:
        services.reject(item, actor=SYSTEM, on=TODAY, reason_code="other", today=TODAY)
    assert bare.value.code == "note_required"
    item = services.reject(item, actor=SYSTEM, on=TODAY, reason_code="application", today=TODAY)
    assert (item.state, item.replied_on, item.reject_reason) == ("rejected", TODAY, "application")


def test_publication_needs_the_writers_consent(tree):
    item = replied(tree["dept_a"], consent=False)
    with pytest.raises(RuleViolation) as refused:
        services.publish(item, actor=SYSTEM, on=TODAY, today=TODAY)
    assert refused.value.code == "no_publish_consent"


def test_a_blocking_finding_must_be_masked_in_the_published_wording(tree):
    body = "我的身份证号是11010519491231002X，请问社保卡在哪里办理？"
    item = replied(tree["dept_a"], body=body)
    before = snapshot(item)
    with pytest.raises(RuleViolation) as refused:
        services.publish(item, actor=SYSTEM, on=TODAY, today=TODAY)
    assert refused.value.code == "screening_findings"
    assert refused.value.details["findings"][0]["field"] == "body"
    assert "11010519491231002X" not in str(refused.value.details)
    assert snapshot(item) == before
    wording = services.masked(body, today=TODAY)
    assert "11010519491231002X" not in wording and "110105" in wording
    item = services.publish(item, actor=SYSTEM, on=TODAY, body=wording, today=TODAY)
    assert (item.published, item.published_body, item.body) == (True, wording, body)  # the original is kept


def test_the_writers_own_particulars_are_never_published(tree):
    item = replied(tree["dept_a"], body="我是林留言，请回电。")
    with pytest.raises(RuleViolation) as refused:
        services.publish(item, actor=SYSTEM, on=TODAY, today=TODAY)
    assert refused.value.code == "personal_data_in_wording"
    item = services.publish(item, actor=SYSTEM, on=TODAY, body="请回电。", today=TODAY)
    assert item.published


@pytest.mark.parametrize(
    ("phone", "body"),
    [
        ("0731-88881234", "请拨打88881234联系我，问社保卡在哪里办理。"),  # the number without its area code
        ("010-66881234", "座机６６８８１２３４，问社保卡在哪里办理。"),  # full-width digits, as typed
        ("(0731)88881234", "电话0731 8888 1234，问社保卡在哪里办理。"),
    ],
)
def test_the_writers_landline_is_never_published_however_it_is_written(tree, phone, body):
    item = replied(tree["dept_a"], phone=phone, body=body)
    with pytest.raises(RuleViolation) as refused:
        services.publish(item, actor=SYSTEM, on=TODAY, today=TODAY)
    assert (refused.value.code, refused.value.details["fields"]) == ("personal_data_in_wording", ["body"])


def test_publication_is_a_reviewers_act(tree, staff):
    item = replied(tree["dept_a"])
    with pytest.raises(Forbidden):
        services.publish(item, actor=staff["handler_a"], on=TODAY, today=TODAY)
    assert services.publish(item, actor=staff["reviewer_a"], on=TODAY, today=TODAY).published


def test_a_reply_becomes_a_faq_entry(tree):
    item = replied(tree["dept_a"])
    faq = services.to_faq(item, actor=SYSTEM, on=TODAY, today=TODAY)
    assert (faq.agency, faq.source, faq.question, faq.topic) == (tree["dept_a"], item, item.title, "咨询")
    assert MessageEvent.objects.filter(message=item, action="to_faq").count() == 1


def test_a_message_makes_one_faq_entry_only(tree):
    item = replied(tree["dept_a"])
    faq = services.to_faq(item, actor=SYSTEM, on=TODAY, today=TODAY)
    with pytest.raises(RuleViolation) as refused:
        services.to_faq(item, actor=SYSTEM, on=TODAY, today=TODAY)
    assert refused.value.status == 409 and refused.value.code == "faq_exists"
    assert "已转为常见问题" in refused.value.message and refused.value.details == {"faq": faq.pk}
    assert Faq.objects.filter(source=item).count() == 1
    assert MessageEvent.objects.filter(message=item, action="to_faq").count() == 1


def test_limits_are_per_agency_inherited_from_the_government_and_kept_by_received_messages(tree, staff):
    services.set_limits(tree["city"], actor=staff["office"], limits={"consultation": 3})
    item = message(tree["dept_a"], on=dt.date(2026, 3, 9))
    assert item.due_on == dt.date(2026, 3, 12)  # 3 working days, from the city
    services.set_limits(tree["dept_a"], actor=staff["admin_a"], limits={"consultation": 8})
    assert Message.objects.get(pk=item.pk).due_on == dt.date(2026, 3, 12)  # received with 3
    assert message(tree["dept_a"], on=dt.date(2026, 3, 9)).due_on == dt.date(2026, 3, 19)
    with pytest.raises(Forbidden):
        services.set_limits(tree["dept_a"], actor=staff["handler_a"], limits={"help": 3})
    with pytest.raises(InvalidInput):
        services.set_limits(tree["dept_a"], actor=staff["admin_a"], limits={"help": 0})


def test_the_writer_is_emailed_when_replied_and_a_failure_stays_visible(
    tree, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        replied(tree["dept_a"])
    assert len(mail.outbox) == 1
    assert "您的留言已答复" in mail.outbox[0].subject and "请到市民中心一楼办理" in mail.outbox[0].body
    assert OutgoingMail.objects.get().status == "sent"
    settings.EMAIL_BACKEND = "gongkai.notifications.tests.backends.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        item = replied(tree["dept_a"], email="other@example.org")
    failed = OutgoingMail.objects.get(recipient="other@example.org")
    assert (failed.status, failed.attempts) == ("failed", 1) and "SMTPRecipientsRefused" in failed.last_error
    assert Message.objects.get(pk=item.pk).state == "replied"  # the legal state does not depend on it


def test_no_email_without_an_address(tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        replied(tree["dept_a"], email="")
    assert mail.outbox == [] and not OutgoingMail.objects.exists()


def test_monthly_statistics_agree_with_the_statistics_of_each_month(tree):
    from gongkai.interaction import selectors

    replied(tree["dept_a"], on=dt.date(2026, 1, 30), replied_on=dt.date(2026, 2, 3))
    late = message(tree["dept_b"], on=dt.date(2026, 2, 2))
    services.reply(late, actor=SYSTEM, on=dt.date(2026, 3, 2), text="迟复", today=TODAY)
    rejected = message(tree["dept_a"], on=dt.date(2026, 3, 2))
    services.reject(rejected, actor=SYSTEM, on=dt.date(2026, 3, 3), reason_code="duplicate", today=TODAY)
    rows = selectors.monthly_statistics(agency=tree["city"], year=2026, until=TODAY)
    assert len(rows) == 3
    for row in rows:
        first, last = selectors.period(2026, row["month"])
        assert {
            **selectors.statistics(agency=tree["city"], first=first, last=last),
            "month": row["month"],
        } == row
    assert (
        rows[1]["replied"],
        rows[1]["replied_on_time"],
        rows[2]["replied_on_time"],
        rows[2]["rejected"],
    ) == (1, 1, 0, 1)


def test_the_years_totals_come_from_the_months_and_equal_the_statistics_of_the_year(tree):
    """The statistics page reads the year once: its totals, summed from the months (the average
    from the months' working days, a reply without a count left out as ``Avg`` leaves it), are
    ``statistics`` from 1 January to today."""
    from gongkai.interaction import selectors

    replied(tree["dept_a"], on=dt.date(2026, 1, 30), replied_on=dt.date(2026, 2, 3))
    replied(tree["dept_a"], on=dt.date(2026, 2, 9), replied_on=dt.date(2026, 2, 16))
    uncounted = replied(tree["dept_b"], on=dt.date(2026, 3, 2), replied_on=dt.date(2026, 3, 4))
    Message.objects.filter(pk=uncounted.pk).update(reply_workdays=None)  # a calendar not confirmed yet
    rated = replied(tree["dept_b"], on=dt.date(2026, 3, 9), replied_on=dt.date(2026, 3, 16))
    services.rate(rated, rating="dissatisfied", today=dt.date(2026, 3, 17))
    rejected = message(tree["dept_a"], on=dt.date(2026, 3, 2))
    services.reject(rejected, actor=SYSTEM, on=dt.date(2026, 3, 3), reason_code="duplicate", today=TODAY)
    message(tree["dept_a"], on=dt.date(2026, 3, 18))  # still open

    for agency in (tree["city"], tree["dept_a"], tree["dept_b"]):
        rows, total = selectors.year_statistics(agency=agency, year=2026, until=TODAY)
        assert rows == selectors.monthly_statistics(agency=agency, year=2026, until=TODAY)
        assert total == selectors.statistics(agency=agency, first=dt.date(2026, 1, 1), last=TODAY)
    _, total = selectors.year_statistics(agency=tree["city"], year=2026, until=TODAY)
    replies = Message.objects.filter(first_replied_on__isnull=False, reply_workdays__isnull=False)
    days = sorted(replies.values_list("reply_workdays", flat=True))
    assert (total["replied"], total["received"], total["rejected"]) == (4, 6, 1)
    assert total["avg_workdays"] == round(sum(days) / len(days), 1) and len(days) == 3
    assert total["satisfaction"]["dissatisfied"] == 1


def test_a_late_reply_after_reopening_leaves_the_first_reply_on_time_in_the_statistics(tree):
    from gongkai.interaction import selectors

    item = replied(tree["dept_a"], on=dt.date(2026, 3, 2), replied_on=dt.date(2026, 3, 5))  # due Mar 9
    item = services.rate(item, rating="dissatisfied", today=dt.date(2026, 3, 6))
    item = services.reopen(item, actor=SYSTEM, on=dt.date(2026, 3, 9), today=TODAY)  # due Mar 13
    item = services.reply(item, actor=SYSTEM, on=dt.date(2026, 3, 20), text="二次答复", today=TODAY)
    assert item.late is True  # the reply after reopening was late …
    march = selectors.statistics(agency=tree["dept_a"], first=dt.date(2026, 3, 1), last=dt.date(2026, 3, 31))
    assert (march["replied"], march["replied_on_time"]) == (1, 1)  # … the first reply was not
    row = selectors.monthly_statistics(agency=tree["dept_a"], year=2026, until=TODAY)[2]
    assert (row["replied"], row["replied_on_time"]) == (1, 1)


def _published_then_replied_again(agency, *, first=dt.date(2026, 3, 11), again=dt.date(2026, 3, 18)):
    """Replied on ``first`` and published in an edited wording, then rated dissatisfied, reopened
    and replied again on ``again`` — still published with the first reply's wording."""
    item = replied(agency, replied_on=first)
    item = services.publish(
        item, actor=SYSTEM, on=first, title="社保卡办理地点", reply="到市民中心办理。", today=first
    )
    item = services.rate(item, rating="dissatisfied", today=first)
    item = services.reopen(item, actor=SYSTEM, on=first, today=first)
    return services.reply(item, actor=SYSTEM, on=again, text="已改在各街道便民中心办理。", today=again)


def test_a_published_reply_keeps_its_own_date_after_the_message_is_replied_again(tree):
    from gongkai.interaction import presenters, selectors

    item = _published_then_replied_again(tree["dept_a"])
    assert (item.published, item.replied_on, item.published_replied_on) == (
        True,
        dt.date(2026, 3, 18),
        dt.date(2026, 3, 11),
    )
    row = presenters.public_row(selectors.published().get(pk=item.pk))
    assert (row["reply"], row["replied_on"]) == ("到市民中心办理。", dt.date(2026, 3, 11))
    staff_view = presenters.detail(item, dt.date(2026, 3, 18))["published_wording"]
    assert (staff_view["replied_on"], staff_view["outdated"]) == (dt.date(2026, 3, 11), True)


def test_publishing_again_after_a_new_reply_takes_the_new_reply_by_default(tree):
    item = _published_then_replied_again(tree["dept_a"])
    on = dt.date(2026, 3, 19)
    faq = services.to_faq(item, actor=SYSTEM, on=on, today=on)
    assert faq.answer == "已改在各街道便民中心办理。"
    item = services.unpublish(item, actor=SYSTEM, on=on, reason="答复已更新", today=on)
    item = services.publish(item, actor=SYSTEM, on=on, today=on)
    assert (item.published_title, item.published_reply, item.published_replied_on) == (
        "社保卡办理地点",  # the reviewed title stays
        "已改在各街道便民中心办理。",
        dt.date(2026, 3, 18),
    )
    assert MessageEvent.objects.filter(message=item, action="publish").count() == 2
    assert AuditEvent.objects.filter(action="message.publish").count() == 2


def test_a_new_reply_on_the_day_of_the_published_one_is_still_a_new_reply(tree):
    day = dt.date(2026, 3, 11)
    item = _published_then_replied_again(tree["dept_a"], first=day, again=day)
    item = services.unpublish(item, actor=SYSTEM, on=day, today=day)
    item = services.publish(item, actor=SYSTEM, on=day, today=day)
    assert item.published_reply == "已改在各街道便民中心办理。"


def test_a_published_wording_made_for_the_current_reply_is_kept_when_publishing_again(tree):
    item = replied(tree["dept_a"])
    on = dt.date(2026, 3, 12)
    item = services.publish(item, actor=SYSTEM, on=on, reply="到市民中心办理。", today=on)
    item = services.unpublish(item, actor=SYSTEM, on=on, today=on)
    item = services.publish(item, actor=SYSTEM, on=on, today=on)
    assert (item.published_reply, item.published_replied_on) == ("到市民中心办理。", dt.date(2026, 3, 11))


def test_the_migration_fills_the_published_reply_date_from_the_events(tree):
    import importlib

    from django.apps import apps

    backfill = importlib.import_module("gongkai.interaction.migrations.0004_published_replied_on").backfill
    again = _published_then_replied_again(tree["dept_a"])
    once = replied(tree["dept_a"], replied_on=dt.date(2026, 3, 12))
    once = services.publish(once, actor=SYSTEM, on=dt.date(2026, 3, 13), today=dt.date(2026, 3, 13))
    never = replied(tree["dept_a"])
    Message.objects.update(published_replied_on=None)
    backfill(apps, None)
    assert dict(Message.objects.values_list("pk", "published_replied_on")) == {
        again.pk: dt.date(2026, 3, 11),
        once.pk: dt.date(2026, 3, 12),
        never.pk: None,
    }
