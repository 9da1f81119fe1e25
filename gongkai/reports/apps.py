from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    verbose_name = "年度报告"

    def ready(self):
        from gongkai.core.demo import register as demo_register
        from gongkai.reports import demo, selfcheck_indicators
        from gongkai.reports.todos import report_todo
        from gongkai.workbench import registry

        demo_register("年度报告示例", demo.load, order=50)

        registry.register_menu("年度报告", "reports_staff:index", order=70, minimum="view")
        registry.register_todo("reports.annual_report", report_todo)
        selfcheck_indicators.register()
