import os

from django.core.management.base import BaseCommand, CommandError

from gongkai.core import demo
from gongkai.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "载入演示数据（示范市人民政府及其部门、乡镇、演示账号和示例文件）。可重复执行，已有数据不会重复创建。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=os.environ.get("HOST") or "127.0.0.1",
            help="打印登录地址时使用的主机（默认取环境变量 HOST）",
        )
        parser.add_argument(
            "--port",
            default=os.environ.get("PORT") or "8000",
            help="打印登录地址时使用的端口（默认取环境变量 PORT）",
        )

    def handle(self, *args, **options):
        context = demo.DemoContext(log=lambda line: self.stdout.write(line))
        loaders = demo.loaders()
        for number, (name, loader) in enumerate(loaders, start=1):
            self.stdout.write(f"[{number}/{len(loaders)}] {name} …")
            try:
                loader(context)
            except DomainError as error:
                raise CommandError(f"载入“{name}”失败：{error.message}") from error
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
        if context.logins:
            workbench = f"http://{options['host']}:{options['port']}/workbench/"
            self.stdout.write(f"\n演示账号（工作台 {workbench} ）：")
            for username, password, role in context.logins:
                self.stdout.write(f"  {username:<16} {password:<22} {role}")
        for note in context.notes:
            self.stdout.write(note)
