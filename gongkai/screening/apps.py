from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "gongkai.screening"
    verbose_name = "发布前审查"
