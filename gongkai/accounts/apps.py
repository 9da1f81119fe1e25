from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    verbose_name = "账号与登录安全"

    def ready(self):
        from gongkai.accounts import demo
        from gongkai.core.demo import register

        # After the agencies' loader (order 0), which creates the demo accounts.
        register("演示账号的双因素认证", demo.load, order=1)
