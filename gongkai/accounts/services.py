"""Acts on a staff member's own sign-in: the second factor, recovery codes, the password."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import two_factor
from gongkai.agencies import permissions
from gongkai.agencies.models import AccountSecurity
from gongkai.audit.services import record, service
from gongkai.core.errors import Forbidden, InvalidInput, RuleViolation

DEVICE_NAME = "身份验证器"


def _require_self(user, actor) -> None:
    if getattr(actor, "pk", None) != user.pk:
        raise Forbidden("forbidden", "只能为本人设置登录安全选项")


def _normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()[:32]


@service
def enable_two_factor(user, *, actor, key: str, code: str, name: str = DEVICE_NAME) -> list[str]:
    """Bind an authenticator app (TOTP, RFC 6238) once its first code proves it holds ``key``;
    returns the one-time recovery codes, shown to the user once."""
    _require_self(user, actor)
    if two_factor.totp_device(user) is not None:
        raise RuleViolation("two_factor_enabled", "已启用双因素认证；如需更换设备，请先停用或请系统管理员重置")
    device = TOTPDevice(user=user, name=name, key=key, confirmed=False)
    device.full_clean(exclude=["user"])
    device.save()
    if not device.verify_token(_normalised(code)):
        raise InvalidInput("invalid_code", "验证码不正确：请核对手机时间是否准确，并输入应用当前显示的6位数字")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    record(
        actor=actor,
        action="account.two_factor.enable",
        obj=user,
        summary=f"{user.get_username()}启用双因素认证",
        data={"device": name, "recovery_codes": len(codes)},
    )
    return codes


@service
def regenerate_recovery_codes(user, *, actor) -> list[str]:
    """Replace the recovery codes (the old ones stop working at once)."""
    _require_self(user, actor)
    if two_factor.totp_device(user) is None:
        raise RuleViolation("two_factor_not_enabled", "尚未启用双因素认证")
    codes = _new_recovery_codes(user)
    record(
        actor=actor,
        action="account.recovery_codes.regenerate",
        obj=user,
        summary=f"{user.get_username()}重新生成恢复码",
        data={"recovery_codes": len(codes)},
    )
    return codes


@service
def disable_two_factor(user, *, actor) -> None:
    """Remove one's own devices; refused to those whose role requires a second factor."""
    _require_self(user, actor)
    if two_factor.required_for(user):
        raise RuleViolation("two_factor_required", "您的角色必须使用双因素认证，不能停用")
    removed = _remove_devices(user)
    record(
        actor=actor,
        action="account.two_factor.disable",
        obj=user,
        summary=f"{user.get_username()}停用双因素认证",
        data={"devices": removed},
    )


@service
def reset_two_factor(user, *, actor) -> int:
    """A lost phone: a superuser (or an operator at the command line) removes the devices, and
    the holder enrols a new one at the next sign-in."""
    permissions.require_superuser(actor)
    removed = _remove_devices(user)
    record(
        actor=actor,
        action="account.two_factor.reset",
        obj=user,
        summary=f"重置{user.get_username()}的双因素认证",
        data={"devices": removed},
    )
    return removed


@service
def verify_second_factor(user, *, code: str):
    """Check a code from the authenticator app or a recovery code (used up by this check).
    Returns the device that accepted it, or ``None``. A failure is recorded and counted by
    django-otp's throttling (each failure doubles the wait), so it is not raised: raising would
    roll the count back."""
    code = _normalised(code)
    device = _accepting_device(user, code)
    if device is None:
        record(actor=user, action="auth.second_factor_failed", obj=user, summary="动态验证码错误")
        return None
    method = "recovery_code" if isinstance(device, StaticDevice) else "totp"
    data = {"method": method}
    if method == "recovery_code":
        data["recovery_codes_left"] = device.token_set.count()
    record(actor=user, action="auth.second_factor", obj=user, summary="通过双因素认证", data=data)
    return device


@service
def change_password(user, *, actor, new_password: str) -> None:
    """The holder sets a new password (checked against AUTH_PASSWORD_VALIDATORS); a change an
    administrator required is then satisfied."""
    _require_self(user, actor)
    try:
        validate_password(new_password, user)
    except ValidationError as error:
        raise InvalidInput("weak_password", "；".join(error.messages)) from error
    user.set_password(new_password)
    user.save(update_fields=["password"])
    AccountSecurity.objects.update_or_create(
        user=user, defaults={"must_change_password": False, "password_changed_at": timezone.now()}
    )
    record(actor=actor, action="user.change_password", obj=user, summary=f"{user.get_username()}修改密码")


def _accepting_device(user, code: str):
    devices = [
        *TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True),
        *StaticDevice.objects.select_for_update().filter(user=user, confirmed=True),
    ]
    for device in devices:
        if device.verify_token(code):
            return device
    return None


def _new_recovery_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "恢复码", "confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(two_factor.RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _remove_devices(user) -> int:
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        devices = model.objects.filter(user=user)
        removed += devices.count()
        devices.delete()
    return removed

