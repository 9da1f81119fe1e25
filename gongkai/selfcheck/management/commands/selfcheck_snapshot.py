"""``manage.py selfcheck_snapshot [--date YYYY-MM-DD] [--no-reminders]``: the daily self-check run
for cron (the same work as the worker's ``daily_selfcheck`` task)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.core.system import SYSTEM


class Command(BaseCommand):
    help = "生成各机构当日自查快照，自动完成已通过指标的整改任务，并发送期限提醒（供 cron 每日运行）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="日期（YYYY-MM-DD），默认今天")
        parser.add_argument("--no-reminders", action="store_true", help="只生成快照，不发送提醒")
        parser.add_argument("--enqueue", action="store_true", help="交给后台任务执行（数据库任务队列）")

    def handle(self, *args, date=None, no_reminders=False, enqueue=False, **options):
        from gongkai.selfcheck import services, tasks

        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式错误：{date}（应为 YYYY-MM-DD）") from None
        if enqueue:
            tasks.daily_selfcheck.enqueue(today.isoformat())
            self.stdout.write(f"已加入后台任务：{today.isoformat()}")
            return
        self.stdout.write(f"{today.isoformat()}：生成自查快照……")
        count = services.take_snapshots(actor=SYSTEM, today=today)
        self.stdout.write(f"已生成 {count} 个机构的快照；检查整改任务……")
        closed = services.close_rectified(actor=SYSTEM, today=today)
        self.stdout.write(f"自动完成整改任务 {closed} 项")
        if not no_reminders:
            sent = services.send_reminders(actor=SYSTEM, today=today)
            self.stdout.write(f"发送提醒 {sent} 封")
        self.stdout.write(self.style.SUCCESS("完成"))
