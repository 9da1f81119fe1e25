"""Agency merge (机构改革) and the co-handlers of proposals and the co-agencies of key tasks: the
successor takes the abolished agency's part unless it already has one on the same record."""

import datetime as dt

import pytest

from gongkai.agencies import services as agencies
from gongkai.proposals import services
from gongkai.proposals.models import CoHandler, TaskCoAgency

ON = dt.date(2026, 3, 1)


def proposal(staff, tree, number, lead, co):
    return services.create_proposal(
        actor=staff["root"], agency=lead, kind="deputy_suggestion", session="十四届人大四次会议",
        number=number, title=f"关于第{number}号建议", assigned_on=dt.date(2026, 2, 2), co_agencies=co,
    )  # fmt: skip


def task(staff, lead, co):
    return services.create_task(
        actor=staff["root"], agency=lead, source="2026年政府工作报告", title="推进政务公开标准化",
        assigned_on=dt.date(2026, 2, 2), deadline=dt.date(2026, 12, 31), co_agencies=co,
    )  # fmt: skip


def co_handlers(record):
    return sorted(CoHandler.objects.filter(proposal=record).values_list("agency__code", flat=True))


def co_agencies(record):
    return sorted(TaskCoAgency.objects.filter(task=record).values_list("agency__code", flat=True))


@pytest.mark.django_db
def test_the_successor_takes_the_part_of_the_abolished_agency_once(staff, tree):
    a, b, town, city = tree["dept_a"], tree["dept_b"], tree["town"], tree["city"]
    both = proposal(staff, tree, "1", city, [a, b])  # both co-handle: one part for b after the merge
    only_a = proposal(staff, tree, "2", city, [a])  # a's part goes to b
    b_leads = proposal(staff, tree, "3", b, [a])  # b leads: it does not co-handle its own
    b_leads_sent = proposal(staff, tree, "5", b, [a, town])  # … but a's views sent stay on record
    a_leads = proposal(staff, tree, "4", a, [b, town])  # a's lead goes to b, which stops co-handling
    for record in (both, b_leads_sent):
        CoHandler.objects.filter(proposal=record, agency=a).update(views="甲局的协办意见", views_sent_on=ON)
    tasks = [
        task(staff, city, [a, b]),
        task(staff, city, [a]),
        task(staff, b, [a]),
        task(staff, a, [b, town]),
    ]

    agencies.merge_agencies(a, b, actor=staff["root"], on=ON)

    assert co_handlers(both) == ["dept-a", "dept-b"]  # a's views stay on record under its name
    assert co_handlers(only_a) == ["dept-b"]
    assert co_handlers(b_leads) == []
    assert co_handlers(b_leads_sent) == ["dept-a", "town"]
    assert CoHandler.objects.get(proposal=b_leads_sent, agency=a).views == "甲局的协办意见"
    a_leads.refresh_from_db()
    assert a_leads.agency == b and co_handlers(a_leads) == ["town"]
    assert [co_agencies(t) for t in tasks] == [["dept-b"], ["dept-b"], [], ["town"]]
    assert all(t.agency != a for t in type(tasks[0]).objects.all())
