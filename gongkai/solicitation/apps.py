from django.apps import AppConfig


class SolicitationConfig(AppConfig):
    name = "gongkai.solicitation"
    verbose_name = "意见征集"

    def ready(self):
        from gongkai.catalog import related as catalog_related
        from gongkai.core.demo import register as demo_register
        from gongkai.solicitation import demo, related, selfcheck_indicators, todos
        from gongkai.workbench import registry

        registry.register_menu("意见征集", "solicitation_staff:list", order=35)
        registry.register_todo("solicitation.feedback", todos.feedback_todos)
        catalog_related.register("solicitation", related.links_for_item)
        demo_register("意见征集示例", demo.load, order=60)
        selfcheck_indicators.register()
