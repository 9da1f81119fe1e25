from django.core.management.base import BaseCommand

from gongkai.notifications.models import MailStatus, OutgoingMail
from gongkai.notifications.outbox import enqueue
from gongkai.notifications.tasks import MAX_ATTEMPTS


class Command(BaseCommand):
    help = "重新发送发送失败（或长时间待发送）的邮件，供定时任务调用；已达最多尝试次数的邮件需加 --all。"

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="包括已达最多尝试次数的邮件")

    def handle(self, *args, **options):
        queryset = OutgoingMail.objects.exclude(status=MailStatus.SENT)
        if not options["all"]:
            queryset = queryset.filter(attempts__lt=MAX_ATTEMPTS)
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        for number, mail_id in enumerate(ids, start=1):
            enqueue(mail_id)
            if number % 100 == 0:
                self.stdout.write(f"  {number}/{len(ids)}")
        self.stdout.write(self.style.SUCCESS(f"已提交 {len(ids)} 封邮件重新发送。"))
