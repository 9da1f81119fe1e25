from gongkai.api.pagination import Presented
from gongkai.audit.models import AuditEvent


def test_only_the_sliced_page_is_presented(db):
    from django.db import transaction

    from gongkai.audit.services import record
    from gongkai.core.system import SYSTEM

    with transaction.atomic():
        for number in range(5):
            record(actor=SYSTEM, action="test.page", summary=f"第{number}条")
    seen = []

    def present(event):
        seen.append(event.pk)
        return event.summary

    rows = Presented(AuditEvent.objects.filter(action="test.page").order_by("id"), present)
    assert len(rows) == rows.count() == 5
    assert rows[1:3] == ["第1条", "第2条"]
    assert len(seen) == 2
