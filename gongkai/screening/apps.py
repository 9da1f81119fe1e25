from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "gongkai.screening"
    verbose_name = "发布前审查"

    def ready(self):
        from gongkai.workbench import registry

        registry.register_menu("发布前审查", "screening_staff:index", order=60)
