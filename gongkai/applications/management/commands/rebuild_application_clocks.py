from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency
from gongkai.applications import stored_clock
from gongkai.applications.models import Application


class Command(BaseCommand):
    help = (
        "根据办理记录重新计算每件依申请公开申请的缓存字段（状态、收到日期、答复期限、暂停、逾期、办结、费用）。"
        "修改节假日安排时系统已自动重算受影响的申请；数据导入或修复后运行本命令。办理记录是唯一依据，缓存可随时重建。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", help="只重建该机构代码的申请")

    def handle(self, *args, agency=None, **options):
        queryset = Application.objects.all()
        if agency:
            found = Agency.objects.filter(code=agency).first()
            if found is None:
                raise CommandError(f"未找到机构“{agency}”")
            queryset = queryset.filter(agency=found)
        total = queryset.count()
        step = max(total // 20, 1000)

        def progress(seen):
            if seen % step == 0:
                self.stdout.write(f"已处理 {seen}/{total}")

        seen, changed = stored_clock.rebuild_all(queryset, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"共 {seen} 件申请，更新 {changed} 件。"))
