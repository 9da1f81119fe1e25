from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency
from gongkai.interaction import stored_clock
from gongkai.interaction.models import Message


class Command(BaseCommand):
    help = (
        "根据办理记录重新计算每条互动留言的缓存字段（状态、答复期限、答复日期、逾期、转办超时、评价、公开）。"
        "修改节假日安排时系统已自动重算受影响的留言；数据导入或修复后运行本命令。办理记录是唯一依据，缓存可随时重建。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", help="只重建该机构代码办理的留言")

    def handle(self, *args, agency=None, **options):
        queryset = Message.objects.all()
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
        self.stdout.write(self.style.SUCCESS(f"共 {seen} 条留言，更新 {changed} 条。"))
