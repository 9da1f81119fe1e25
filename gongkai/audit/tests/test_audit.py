"""The audit trail is append-only and written by every service, in the service's transaction."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

import gongkai
from gongkai.agencies import services as agency_services
from gongkai.agencies.models import Agency, Role
from gongkai.audit.models import AppendOnlyError, AuditEvent
from gongkai.audit.services import AuditContractError, record, service
from gongkai.core.errors import RuleViolation
from gongkai.core.system import SYSTEM


def service_modules():
    """Every ``services`` module, and every module of a ``services`` package."""
    for module in pkgutil.walk_packages(gongkai.__path__, "gongkai."):
        if module.name.endswith(".services") or ".services." in module.name:
            yield importlib.import_module(module.name)


def test_service_modules_include_the_modules_of_services_packages():
    names = {module.__name__ for module in service_modules()}
    assert "gongkai.applications.services.handling" in names


def test_every_public_function_of_a_services_module_is_a_service():
    offenders = []
    for module in service_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if not getattr(function, "is_service", False) and name not in getattr(module, "HELPERS", ()):
                offenders.append(f"{module.__name__}.{name}")
    assert offenders == [], "public functions in services modules must be @service (or listed in HELPERS)"


def test_service_without_an_event_fails_and_rolls_back(db):
    @service
    def silent_change():
        Agency.objects.create(code="ghost", name="幽灵", index_prefix="ghost", path="/0/")

    with pytest.raises(AuditContractError):
        silent_change()
    assert not Agency.objects.filter(code="ghost").exists()


def test_service_with_two_events_of_its_own_fails(db):
    @service
    def chatty():
        record(actor=SYSTEM, action="test.one")
        record(actor=SYSTEM, action="test.two")

    with pytest.raises(AuditContractError):
        chatty()
    assert not AuditEvent.objects.filter(action__startswith="test.").exists()


def test_nested_services_count_their_own_events(db):
    @service
    def inner():
        record(actor=SYSTEM, action="test.inner")

    @service
    def outer():
        inner()
        inner()
        record(actor=SYSTEM, action="test.outer")

    outer()
    assert AuditEvent.objects.filter(action="test.inner").count() == 2
    assert AuditEvent.objects.filter(action="test.outer").count() == 1


def test_a_failing_service_leaves_no_event(tree):
    before = AuditEvent.objects.count()
    with pytest.raises(RuleViolation):
        agency_services.merge_agencies(tree["dept_a"], tree["dept_a"], actor=SYSTEM, on=None)
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("action", "call"),
    [
        (
            "agency.create",
            lambda t, u: agency_services.create_agency(actor=SYSTEM, code="n1", name="新", parent=t["city"]),
        ),
        ("agency.update", lambda t, u: agency_services.update_agency(t["dept_a"], actor=SYSTEM, phone="1")),
        (
            "agency.move",
            lambda t, u: agency_services.move_agency(t["town"], actor=SYSTEM, parent=t["dept_a"]),
        ),
        (
            "membership.set",
            lambda t, u: agency_services.set_membership(
                actor=SYSTEM, user=u, agency=t["town"], role=Role.HANDLER
            ),
        ),
        (
            "membership.remove",
            lambda t, u: agency_services.remove_membership(u.memberships.first(), actor=SYSTEM),
        ),
        (
            "agency.merge",
            lambda t, u: agency_services.merge_agencies(
                t["dept_a"], t["dept_b"], actor=SYSTEM, on=__import__("datetime").date(2026, 1, 5)
            ),
        ),
        (
            "user.create",
            lambda t, u: agency_services.create_user(
                actor=SYSTEM, username="new_user", password="A-Long-Pass-2026"
            ),
        ),
    ],
)
def test_each_agency_service_writes_exactly_one_event(staff, tree, action, call):
    before = AuditEvent.objects.count()
    call(tree, staff["handler_a"])
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert event.action == action and event.actor_label == "system" and event.summary


def test_events_refuse_update_and_delete_through_the_orm(tree):
    event = AuditEvent.objects.first()
    event.summary = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_database_refuses_update_even_in_raw_sql(tree):
    event = AuditEvent.objects.first()
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).summary != "x"


def test_database_level_delete_guard_per_vendor(tree):
    event = AuditEvent.objects.first()
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
        assert AuditEvent.objects.filter(pk=event.pk).exists()
    else:
        # SQLite keeps DELETE possible for flushing test databases; only UPDATE is trapped there.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'"
            )
            assert {row[0] for row in cursor.fetchall()} == {"audit_event_no_update"}


def test_admin_offers_no_change_path(admin_client, tree):
    event = AuditEvent.objects.first()
    assert admin_client.get("/admin/audit/auditevent/add/").status_code == 403
    response = admin_client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"summary": "x"})
    assert response.status_code == 403
    assert (
        admin_client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    event.refresh_from_db()
    assert event.summary != "x"


def test_login_is_audited(client, staff):
    from gongkai.testing import PASSWORD

    response = client.post("/workbench/login/", {"username": "handler_a", "password": PASSWORD})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="auth.login", actor_label="handler_a").exists()


def test_csv_export_has_bom_and_neutralises_formulas(api, staff, tree):
    with transaction.atomic():
        record(actor=SYSTEM, action="test.csv", agency=tree["dept_a"], summary='=HYPERLINK("http://x")')
    response = api("admin_a").get("/audit/export.csv", action="test.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff时间,操作人,机构")
    assert "'=HYPERLINK" in text


def test_audit_filters(api, tree):
    body = api("root").get("/audit", agency="dept-a", action="agency.").json()
    assert body["total"] >= 1
    assert {event["agency"] for event in body["results"]} == {"dept-a"}
    assert all(event["action"].startswith("agency.") for event in body["results"])
    assert api("root").get("/audit", since="2999-01-01").json()["total"] == 0
    response = api("root").get("/audit", since="not-a-date")
    assert response.status_code == 422


@pytest.mark.parametrize(
    "params",
    [
        {"since": "0001-01-01"},
        {"until": "9999-12-31"},
        {"since": "0001-01-01", "until": "9999-12-31"},
    ],
)
def test_audit_filters_at_the_ends_of_the_calendar_are_no_bound_not_a_500(api, tree, params):
    client = api("root")
    for path in ("/audit", "/audit/export.csv"):
        response = client.get(path, **params)
        assert response.status_code == 200, (path, response.status_code)


def test_an_events_label_gives_the_local_time():
    at = dt.datetime(2026, 3, 9, 23, 30, tzinfo=dt.UTC)
    event = AuditEvent(at=at, action="x.y", object_type="t", object_id="1")
    assert str(event) == "2026-03-10 07:30 x.y t#1"  # 23:30 UTC is 07:30 the next day in Beijing
