from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    verbose_name = "工作日历"

    def ready(self):
        from gongkai.core import reference
        from gongkai.workbench import registry
        from gongkai.workdays.views import calendar_todo

        registry.register_menu("工作日历", "workdays_staff:index", order=80)
        reference.register("workdays.builtin_years", _seed_builtin_years)
        registry.register_todo("workdays.next_year", calendar_todo)


def _seed_builtin_years():
    """What migration 0002 installs: the frozen built-in years, with their fixed confirmation date."""
    from gongkai.workdays.models import CalendarDay, CalendarRevision, CalendarYear
    from gongkai.workdays.seed import frozen_schedule, seed

    schedule, confirmed_on = frozen_schedule()
    return seed(CalendarYear, CalendarDay, CalendarRevision, schedule=schedule, confirmed_on=confirmed_on)
