"""Read-only admin: items change through the services (screening, 索引号, audit), never here."""

from django.contrib import admin

from gongkai.catalog.models import Attachment, Column, Item
from gongkai.core.readonly_admin import ReadOnlyAdmin, ReadOnlyInline


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ("name", "size", "content_type", "created_at")


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
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
class ColumnAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "agency", "order")
    list_filter = ("code",)
    search_fields = ("name", "code", "agency__name")
