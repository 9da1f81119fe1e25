from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    verbose_name = "机构与人员"

    def ready(self):
        from gongkai.agencies import checks, demo  # noqa: F401
        from gongkai.core.demo import register

        register("机构与演示账号", demo.load, order=0)
