"""An e-mail backend for tests that refuses every message, as an SMTP server refusing recipients would."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused(
            {message.to[0]: (550, b"mailbox unavailable") for message in email_messages}
        )
