from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self):
        from django.db.models.signals import post_save

        from gongkai.agencies.models import Agency
        from gongkai.applications import demo, guide_signals, selfcheck_indicators
        from gongkai.applications.todos import applications_todo, corrections_todo
        from gongkai.applications.year_end_warnings import home_warnings
        from gongkai.core.demo import register
        from gongkai.workbench import registry

        register("依申请公开演示申请", demo.load, order=40)
        registry.register_menu("依申请公开", "applications_staff:index", order=30, minimum="view")
        registry.register_todo("applications.due", applications_todo)
        registry.register_todo("applications.online_corrections", corrections_todo)
        registry.register_menu("政府信息公开指南", "applications_staff:guide_settings", order=31, minimum="view")
        post_save.connect(guide_signals.agency_saved, sender=Agency, dispatch_uid="applications.guide")
        registry.register_warning("applications.unconfirmed_year", home_warnings)
        selfcheck_indicators.register()
