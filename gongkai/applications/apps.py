from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.applications import demo
        from gongkai.core.demo import register

        register("依申请公开演示申请", demo.load, order=40)
