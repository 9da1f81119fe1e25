from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "gongkai.audit"
    verbose_name = "审计日志"

    def ready(self):
        from gongkai.audit import signals  # noqa: F401  (login/logout events)
