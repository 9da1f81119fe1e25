from django.contrib import admin

from gongkai.applications.models import Application, ApplicationEvent, Review


class ReadOnly(admin.ModelAdmin):
    """Read only: applications change through the services (events, clock, audit), never here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    fields = ("on", "action", "actor_label", "data", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ("tracking_code", "agency", "applicant_type", "state", "received_on", "due_on", "outcome")
    list_filter = ("state", "applicant_type", "channel")
    search_fields = ("tracking_code", "description")
    date_hierarchy = "received_on"
    inlines = [EventInline]


@admin.register(Review)
class ReviewAdmin(ReadOnly):
    list_display = ("application", "agency", "kind", "filed_on", "decided_on", "result")
    list_filter = ("kind", "result")
