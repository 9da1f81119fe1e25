from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    verbose_name = "账号与登录安全"

    def ready(self):
        from gongkai.accounts import demo
        from gongkai.audit import labels as audit_labels
        from gongkai.core.demo import register

        # After the agencies' loader (order 0), which creates the demo accounts.
        register("演示账号的双因素认证", demo.load, order=1)
        audit_labels.register_actions(
            {
                "account.two_factor.enable": "启用双因素认证",
                "account.two_factor.disable": "停用双因素认证",
                "account.two_factor.reset": "重置双因素认证",
                "account.recovery_codes.regenerate": "重新生成恢复码",
                "auth.second_factor": "通过双因素认证",
                "auth.second_factor_failed": "动态验证码错误",
                "user.change_password": "修改本人密码",
            }
        )
