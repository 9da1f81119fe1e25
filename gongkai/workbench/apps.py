from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "gongkai.workbench"
    verbose_name = "工作台"

    def ready(self):
        from gongkai.workbench import registry

        registry.register_menu("工作台首页", "workbench:home", order=0)
        registry.register_menu("审计日志", "workbench:audit", order=90, minimum="manage")
        registry.register_menu("个人设置", "workbench:profile", order=99)
