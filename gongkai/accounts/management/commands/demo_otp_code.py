from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.accounts import two_factor
from gongkai.accounts.demo import DEMO_KEY


class Command(BaseCommand):
    help = (
        "演示环境专用：打印演示账号（如 admin、office）当前的动态验证码。"
        "只对使用公开演示密钥的设备有效，真实账号的验证码不会也不能显示。"
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="演示账号的用户名")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        device = two_factor.totp_device(user) if user else None
        if device is None or device.key != DEMO_KEY:
            raise CommandError(f"“{username}”没有使用演示密钥的身份验证器，无法显示验证码")
        self.stdout.write(two_factor.code_now(DEMO_KEY))
