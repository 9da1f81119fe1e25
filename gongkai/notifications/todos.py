"""The workbench 待办 of mail that could not be delivered."""

from __future__ import annotations

import datetime as dt

from gongkai.notifications import selectors

LIMIT = 20


def failed_mail_todo(*, user, agency, today: dt.date):
    from django.urls import reverse

    from gongkai.workbench.registry import TodoItem

    return [
        TodoItem(
            "邮件通知",
            f"发送失败：{mail.subject}",
            reverse("notifications_staff:index") + "?status=failed",
            note=f"{mail.recipient}，已尝试 {mail.attempts} 次：{mail.last_error[:60]}",
        )
        for mail in selectors.failed(user, agency)[:LIMIT]
    ]
