"""Demo accounts whose role requires a second factor get an authenticator with a published secret.

The secret is printed by ``load_demo`` and in the README, so anyone trying the demo can add it
to an authenticator app or ask ``manage.py demo_otp_code`` for the current code. It is a demo
convenience only: that command refuses every device whose secret is not this one.
"""

from __future__ import annotations

from gongkai.accounts import services, two_factor
from gongkai.core.demo import DemoContext

DEMO_KEY = b"gongkai-demo-totp-01".hex()
DEMO_DEVICE_NAME = "演示设备（密钥公开，仅供演示）"


def load(context: DemoContext) -> None:
    enrolled = []
    for username, user in context.users.items():
        if not two_factor.required_for(user):
            continue
        if two_factor.totp_device(user) is None:
            services.enable_two_factor(
                user, actor=user, key=DEMO_KEY, code=two_factor.code_now(DEMO_KEY), name=DEMO_DEVICE_NAME
            )
        enrolled.append(username)
    if enrolled:
        context.notes.append(
            f"\n{'、'.join(enrolled)} 登录时须输入动态验证码：.venv/bin/python manage.py demo_otp_code <用户名>，"
            f"或把演示密钥 {two_factor.base32_of(DEMO_KEY)} 添加到手机的身份验证器应用。"
        )
