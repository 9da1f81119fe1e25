from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.accounts.services import reset_two_factor
from gongkai.core.system import SYSTEM


class Command(BaseCommand):
    help = "重置指定用户的双因素认证（手机丢失且恢复码用尽时）：删除其身份验证器和恢复码，下次登录时重新绑定。操作记入审计日志。"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在")
        removed = reset_two_factor(user, actor=SYSTEM)
        self.stdout.write(f"已重置“{username}”的双因素认证（删除 {removed} 个设备），该用户下次登录时须重新绑定。")
