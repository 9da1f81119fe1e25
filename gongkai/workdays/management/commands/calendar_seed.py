from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.core.system import SYSTEM
from gongkai.workdays import seed, services


class Command(BaseCommand):
    help = (
        "从内置的 chinese-calendar 数据补充数据库中缺少的全国节假日年度（已有年度不会被覆盖）。"
        "升级 chinese-calendar 后运行，以加入新发布年度的安排。"
    )

    def handle(self, *args, **options):
        self.stdout.write(
            f"内置数据：{seed.builtin_source()}（{seed.package_version()} 收录），"
            f"年度 {seed.builtin_years()[0]}–{seed.builtin_years()[-1]}"
        )
        added = services.seed_builtin_calendar(actor=SYSTEM, on=timezone.localdate())
        if added:
            self.stdout.write(self.style.SUCCESS(f"已补充年度：{', '.join(map(str, added))}"))
        else:
            self.stdout.write("没有需要补充的年度。")
