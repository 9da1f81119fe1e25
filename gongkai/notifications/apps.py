from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "gongkai.notifications"
    verbose_name = "邮件通知"

    def ready(self):
        from gongkai.notifications.todos import failed_mail_todo
        from gongkai.workbench import registry

        registry.register_menu("邮件通知", "notifications_staff:index", order=90, minimum="view")
        registry.register_todo("notifications.failed", failed_mail_todo)
