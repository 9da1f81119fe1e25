import datetime as dt

import pytest

from gongkai.applications.choices import Outcome
from gongkai.applications.models import AppendOnlyError, Application, ApplicationEvent
from gongkai.reports.tables import OUTCOME_KEYS


def test_outcome_codes_are_exactly_the_rows_of_table_3():
    assert list(Outcome.values) == OUTCOME_KEYS


@pytest.mark.django_db
def test_application_events_cannot_be_changed_or_deleted(tree):
    application = Application.objects.create(
        agency=tree["dept_a"],
        tracking_code="T1",
        channel="online",
        applicant_type="natural_person",
        phone="13800000000",
        description="x",
    )
    event = ApplicationEvent.objects.create(application=application, action="submit", on=dt.date(2026, 2, 10))
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ApplicationEvent.objects.filter(pk=event.pk).update(action="reply")
    with pytest.raises(AppendOnlyError):
        ApplicationEvent.objects.all().delete()
