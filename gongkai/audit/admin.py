from django.contrib import admin

from gongkai.audit.models import AuditEvent
from gongkai.core.readonly_admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read only: the trail has no add, change or delete path, here or anywhere."""

    list_display = ("at", "actor_label", "agency", "action", "object_type", "object_id", "summary")
    list_filter = ("action", "object_type")
    search_fields = ("summary", "object_id", "actor_label")
    date_hierarchy = "at"
