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
    import datetime as dt

    from gongkai.workdays.models import CalendarDay, CalendarRevision, CalendarYear
    from gongkai.workdays.seed import seed

    return seed(CalendarYear, CalendarDay, CalendarRevision, today=dt.date.today())
