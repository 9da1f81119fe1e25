from django.apps import AppConfig


class SelfcheckConfig(AppConfig):
    name = "gongkai.selfcheck"
    verbose_name = "自查与监测"

    def ready(self):
        from gongkai.core.demo import register as demo_register
        from gongkai.selfcheck import calendar_indicator, demo, todos
        from gongkai.workbench import registry

        calendar_indicator.register()
        registry.register_menu("自查评估", "selfcheck:overview", order=80)
        registry.register_menu("法定时限", "clocks:index", order=81)
        registry.register_todo("selfcheck.rectification", todos.rectification_todos)
        demo_register("自查示例", demo.load, order=90)
