from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    verbose_name = "互动交流"

    def ready(self):
        from gongkai.core.demo import register
        from gongkai.interaction import demo, search_index, selfcheck_indicators
        from gongkai.interaction.todos import messages_todo
        from gongkai.workbench import registry

        register("互动交流演示留言", demo.load, order=45)
        registry.register_menu("互动交流", "interaction_staff:index", order=35, minimum="view")
        registry.register_todo("interaction.due", messages_todo)
        search_index.register()
        selfcheck_indicators.register()
