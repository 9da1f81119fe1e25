"""Staff sign-in and sign-out are part of the trail too."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from gongkai.audit.services import record
from gongkai.core.network import client_address


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(actor=user, action="auth.login", obj=user, summary="登录工作台", data=_client(request))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(actor=user, action="auth.logout", obj=user, summary="退出工作台", data=_client(request))


def _client(request) -> dict:
    if request is None:
        return {}
    return {"ip": client_address(request) or ""}
