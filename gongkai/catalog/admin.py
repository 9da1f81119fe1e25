"""Read-only admin: items change through the services (screening, 索引号, audit), never here."""

from django.contrib import admin

from gongkai.catalog.models import Attachment, Column, Item


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ("name", "size", "content_type", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(ReadOnly):
    list_display = (
        "title",
        "agency",
        "genre",
        "state",
        "index_no",
        "published_on",
        "late",
        "validity",
        "internal",
    )
    list_filter = ("state", "genre", "validity", "disclosure", "internal", "late")
    search_fields = ("title", "index_no", "doc_number")
    date_hierarchy = "published_on"
    inlines = [AttachmentInline]


@admin.register(Column)
class ColumnAdmin(ReadOnly):
    list_display = ("name", "code", "agency", "order")
    list_filter = ("code",)
    search_fields = ("name", "code", "agency__name")
