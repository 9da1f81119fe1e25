from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "gongkai.proposals"
    verbose_name = "建议提案办理"

    def ready(self):
        from gongkai.core.demo import register as demo_register
        from gongkai.proposals import demo, selfcheck_indicators
        from gongkai.workbench import registry

        registry.register_menu("建议提案", "proposals_staff:list", order=37)
        demo_register("建议提案示例", demo.load, order=66)
        selfcheck_indicators.register()
