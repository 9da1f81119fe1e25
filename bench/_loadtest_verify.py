"""After the run: is every acknowledged submission in the database, whole?

"Whole" means: the application with its first event and its audit record (the same transaction
wrote all three), the message likewise, the published item with its 索引号; across the whole
database no application without an event or an audit record, no 索引号 used twice or skipped,
and an unbroken audit chain.
"""

from __future__ import annotations

from collections import Counter


def _chunks(values: list, size: int = 500):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def applications(acknowledged: list[dict]) -> dict:
    from gongkai.applications.models import Application, ApplicationEvent
    from gongkai.audit.models import AuditEvent

    codes = [entry["tracking_code"] for entry in acknowledged]
    found, with_event, audited = set(), set(), set()
    for chunk in _chunks(codes):
        rows = dict(Application.objects.filter(tracking_code__in=chunk).values_list("tracking_code", "id"))
        found |= set(rows)
        with_event |= set(
            ApplicationEvent.objects.filter(application__tracking_code__in=chunk).values_list(
                "application__tracking_code", flat=True
            )
        )
        by_id = {str(pk): code for code, pk in rows.items()}
        audited |= {
            by_id[object_id]
            for object_id in AuditEvent.objects.filter(
                object_type="applications.application", action="application.submit", object_id__in=list(by_id)
            ).values_list("object_id", flat=True)
        }
    every_id = set(Application.objects.values_list("id", flat=True))
    with_any_event = set(ApplicationEvent.objects.values_list("application_id", flat=True))
    with_any_audit = {
        int(object_id)
        for object_id in AuditEvent.objects.filter(object_type="applications.application").values_list(
            "object_id", flat=True
        )
    }
    return {
        "acknowledged": len(codes),
        "in_database": len(found),
        "with_first_event": len(with_event),
        "with_audit_record": len(audited),
        "lost": len(set(codes) - found),
        "without_event_anywhere": len(every_id - with_any_event),
        "without_audit_anywhere": len(every_id - with_any_audit),
    }


def messages(acknowledged: list[dict]) -> dict | None:
    from django.apps import apps

    if not acknowledged or not apps.is_installed("gongkai.interaction"):
        return None
    from gongkai.audit.models import AuditEvent

    model = apps.get_model("interaction", "Message")
    event_model = apps.get_model("interaction", "MessageEvent")
    codes = [entry["tracking_code"] for entry in acknowledged]
    found = dict(model.objects.filter(tracking_code__in=codes).values_list("tracking_code", "id"))
    with_event = set(
        event_model.objects.filter(message_id__in=found.values()).values_list("message_id", flat=True)
    )
    audited = set(
        AuditEvent.objects.filter(
            object_type=model._meta.label_lower, object_id__in=[str(pk) for pk in found.values()]
        ).values_list("object_id", flat=True)
    )
    every_id = set(model.objects.values_list("id", flat=True))
    return {
        "acknowledged": len(codes),
        "in_database": len(found),
        "with_first_event": len(with_event),
        "with_audit_record": len({pk for pk in found.values() if str(pk) in audited}),
        "lost": len(set(codes) - set(found)),
        "without_event_anywhere": len(
            every_id - set(event_model.objects.values_list("message_id", flat=True))
        ),
    }


def publications(acknowledged: list[dict]) -> dict:
    from gongkai.catalog.models import IndexCounter, Item

    numbers = dict(
        Item.objects.filter(pk__in=[entry["id"] for entry in acknowledged]).values_list("id", "index_no")
    )
    matching = sum(1 for entry in acknowledged if numbers.get(entry["id"]) == entry["index_no"])
    given = list(
        Item.objects.exclude(index_no=None).values_list("agency_id", "published_on__year", "index_no")
    )
    used_twice = sum(count - 1 for count in Counter(number for _, _, number in given).values() if count > 1)
    per_year = Counter((agency, year) for agency, year, _ in given)
    skipped = sum(
        max(0, counter.last - per_year.get((counter.agency_id, counter.year), 0))
        for counter in IndexCounter.objects.all()
    )
    return {
        "acknowledged": len(acknowledged),
        "in_database_with_that_index_no": matching,
        "index_numbers_used_twice": used_twice,
        "index_numbers_skipped": skipped,
    }


def audit_chain() -> dict:
    from gongkai.audit.verification import chain_verification

    result = chain_verification()
    return {
        "events": result.checked,
        "intact": result.intact,
        "first_broken": result.broken.reason if result.broken else None,
    }
