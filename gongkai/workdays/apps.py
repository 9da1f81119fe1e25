from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    verbose_name = "工作日历"

    def ready(self):
        from gongkai.audit import labels as audit_labels
        from gongkai.core import reference
        from gongkai.workbench import registry
        from gongkai.workdays.views import calendar_todo

        registry.register_menu("工作日历", "workdays_staff:index", order=80)
        reference.register("workdays.builtin_years", _seed_builtin_years)
        registry.register_todo("workdays.next_year", calendar_todo)
        audit_labels.register_actions(
            {
                "calendar.confirm_year": "确认年度节假日安排",
                "calendar.set_day": "设置节假日或调休上班日",
                "calendar.remove_day": "取消节假日或调休上班日",
                "calendar.seed": "补充内置年度节假日安排",
            }
        )
        audit_labels.register_objects(
            {"workdays.calendaryear": "节假日安排", "workdays.calendarday": "日历日期"}
        )


def _seed_builtin_years():
    """What migration 0002 installs: the frozen built-in years, with their fixed confirmation date."""
    from gongkai.workdays.models import CalendarDay, CalendarRevision, CalendarYear
    from gongkai.workdays.seed import frozen_schedule, seed

    schedule, confirmed_on = frozen_schedule()
    return seed(CalendarYear, CalendarDay, CalendarRevision, schedule=schedule, confirmed_on=confirmed_on)
