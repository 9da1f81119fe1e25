from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gongkai.api"
    verbose_name = "开放接口"

    def ready(self):
        from gongkai.audit import labels as audit_labels

        audit_labels.register_actions({"api_token.issue": "签发访问令牌", "api_token.revoke": "吊销访问令牌"})
        audit_labels.register_objects(
            {"api.apitoken": audit_labels.ObjectKind("访问令牌", lambda token: f"{token.prefix}…")}
        )
