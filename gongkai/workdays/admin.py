"""Admin for the calendar. Saves and deletions go through the services (checked, audited)."""

from django.contrib import admin, messages

from gongkai.core.errors import DomainError
from gongkai.core.readonly_admin import ReadOnlyAdmin
from gongkai.workdays import services
from gongkai.workdays.models import CalendarDay, CalendarYear


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    """Years are confirmed with their whole schedule in the workbench (工作日历 → 录入); here they
    are listed only."""

    list_display = ("year", "region", "source", "confirmed_on")
    list_filter = ("region",)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "region", "kind", "name")
    list_filter = ("region", "kind")
    date_hierarchy = "date"
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        try:
            saved = services.set_calendar_day(
                actor=request.user, date=obj.date, kind=obj.kind, name=obj.name, region=obj.region
            )
            obj.pk = saved.pk
        except DomainError as error:
            messages.error(request, error.message)

    def delete_model(self, request, obj):
        services.remove_calendar_day(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for entry in queryset:
            services.remove_calendar_day(entry, actor=request.user)
