from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "gongkai.guides"
    verbose_name = "办事指南"

    def ready(self):
        from gongkai.core.demo import register as demo_register
        from gongkai.guides import demo, search_index, selfcheck_indicators
        from gongkai.workbench import registry

        registry.register_menu("办事指南", "guides_staff:list", order=36)
        search_index.register()
        demo_register("办事指南示例", demo.load, order=65)
        selfcheck_indicators.register()
