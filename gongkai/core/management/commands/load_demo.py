from django.core.management.base import BaseCommand, CommandError

from gongkai.core import demo
from gongkai.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "载入演示数据（示范市人民政府及其部门、乡镇、演示账号和示例文件）。可重复执行，已有数据不会重复创建。"
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
            self.stdout.write("\n演示账号（工作台 http://127.0.0.1:8000/workbench/ ）：")
            for username, password, role in context.logins:
                self.stdout.write(f"  {username:<16} {password:<22} {role}")
        for note in context.notes:
            self.stdout.write(note)
