"""The admin shows records that change only through services, and offers no way to change them."""

import datetime as dt

import pytest

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.audit.models import AuditEvent


@pytest.fixture
def application(tree):
    application = Application.objects.create(
        agency=tree["dept_a"],
        tracking_code="T1",
        channel="online",
        applicant_type="natural_person",
        phone="13800000000",
        description="x",
    )
    ApplicationEvent.objects.create(application=application, action="submit", on=dt.date(2026, 2, 10))
    return application


@pytest.mark.django_db
def test_an_application_shows_its_events_read_only_with_no_save_or_delete(admin_client, application):
    page = admin_client.get(f"/admin/applications/application/{application.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "submit" in html
    assert 'name="_save"' not in html
    assert "events-0-action" not in html  # the inline row is text, not an input
    assert admin_client.get("/admin/applications/application/add/").status_code == 403
    assert admin_client.post(f"/admin/applications/application/{application.pk}/delete/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changelist",
    [
        "/admin/applications/application/",
        "/admin/applications/review/",
        "/admin/catalog/item/",
        "/admin/catalog/column/",
        "/admin/audit/auditevent/",
        "/admin/workdays/calendaryear/",
    ],
)
def test_read_only_changelists_list_and_offer_no_add(admin_client, application, changelist):
    page = admin_client.get(changelist)
    assert page.status_code == 200
    assert admin_client.get(changelist + "add/").status_code == 403


@pytest.mark.django_db
def test_an_audit_event_cannot_be_deleted_in_the_admin(admin_client, application):
    event = AuditEvent.objects.create(action="x.y", object_type="x", object_id="1")
    assert admin_client.post(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
