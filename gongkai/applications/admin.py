"""Read-only admin: applications change through the services (events, clock, audit), never here."""

from django.contrib import admin

from gongkai.applications.models import Application, ApplicationEvent, Review
from gongkai.core.readonly_admin import ReadOnlyAdmin, ReadOnlyInline


class EventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = ("on", "action", "actor_label", "data", "created_at")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("tracking_code", "agency", "applicant_type", "state", "received_on", "due_on", "outcome")
    list_filter = ("state", "applicant_type", "channel")
    search_fields = ("tracking_code", "description")
    date_hierarchy = "received_on"
    inlines = [EventInline]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("application", "agency", "kind", "filed_on", "decided_on", "result")
    list_filter = ("kind", "result")
