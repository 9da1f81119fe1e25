"""Read-only Django admin pages for records that change only through the services.

Applications, published items, the audit trail and confirmed calendar years are written by
services that check permissions and rules and record an audit event; the admin may show them but
offers no path to add, change or delete them.
"""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """A model admin that lists and shows, never adds, changes or deletes."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """A tabular inline showing its ``fields`` read only, with no row to add or delete."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False
