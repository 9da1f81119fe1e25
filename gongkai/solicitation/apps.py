from django.apps import AppConfig


class SolicitationConfig(AppConfig):
    name = "gongkai.solicitation"
    verbose_name = "意见征集"
