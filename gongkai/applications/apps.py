from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.applications import demo, selfcheck_indicators
        from gongkai.applications.todos import applications_todo, corrections_todo
        from gongkai.applications.year_end_warnings import home_warnings
        from gongkai.core.demo import register
        from gongkai.workbench import registry

        register("依申请公开演示申请", demo.load, order=40)
        registry.register_menu("依申请公开", "applications_staff:index", order=30, minimum="view")
        registry.register_todo("applications.due", applications_todo)
        registry.register_todo("applications.online_corrections", corrections_todo)
        registry.register_warning("applications.unconfirmed_year", home_warnings)
        selfcheck_indicators.register()
