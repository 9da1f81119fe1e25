from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "gongkai.notifications"
    verbose_name = "邮件通知"

    def ready(self):
        from gongkai.audit import labels as audit_labels
        from gongkai.notifications.todos import failed_mail_todo
        from gongkai.workbench import registry

        registry.register_menu("邮件通知", "notifications_staff:index", order=90, minimum="view")
        registry.register_todo("notifications.failed", failed_mail_todo)
        audit_labels.register_actions({"notifications.retry": "重新发送邮件"})
        audit_labels.register_objects(
            {"notifications.outgoingmail": audit_labels.ObjectKind("邮件", lambda mail: mail.subject)}
        )
