from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.verification import chain_verification


class Command(BaseCommand):
    help = (
        "校验审计日志的哈希链：逐条核对链序号、前一哈希和内容哈希，报告第一个断点。"
        "链完整时打印链头（序号和哈希），请将其记入运维日志，以便日后比对；链断裂时以非零状态退出。"
    )

    def handle(self, *args, **options):
        result = chain_verification(progress=lambda count: self.stdout.write(f"已核对 {count} 条…"))
        if result.intact:
            self.stdout.write(
                self.style.SUCCESS(
                    f"审计链完整：共 {result.checked} 条事件；链头 第{result.head_sequence}号 {result.head_hash}"
                )
            )
            return
        broken = result.broken
        where = f"事件#{broken.event_id}" if broken.event_id is not None else "链尾"
        raise CommandError(
            f"审计链在第{broken.sequence}号处断开（{where}）：{broken.reason}。"
            f"此前 {result.checked} 条事件完好。"
        )
