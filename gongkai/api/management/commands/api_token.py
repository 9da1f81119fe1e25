from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.api.services import issue_token
from gongkai.core.system import SYSTEM


class Command(BaseCommand):
    help = "为指定用户签发一个接口访问令牌，并在标准输出打印令牌（只显示这一次）。"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument("--name", default="", help="令牌用途说明")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在")
        if not user.is_active:
            raise CommandError(f"用户“{username}”已停用")
        self.stdout.write(issue_token(user, actor=SYSTEM, name=name or "命令行签发"))
