"""Who must sign in with a second factor, and the TOTP devices that provide it (django-otp).

GB/T 22239-2019 8.1.4.1 d) asks that administrators be identified by two or more techniques.
Here that means superusers, Django staff (the admin site), agency admins and the disclosure
office; ``GONGKAI_TWO_FACTOR_FOR_ALL_STAFF`` extends it to every staff member. Anyone who has
enrolled a device is asked for a code at every sign-in, required or not.
"""

from __future__ import annotations

import secrets
from base64 import b32encode
from binascii import hexlify
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies import permissions

RECOVERY_CODES = 10
KEY_BYTES = 20


def required_for(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    access = permissions.access_for(user)
    if access.is_superuser or user.is_staff:
        return True
    if settings.GONGKAI_TWO_FACTOR_FOR_ALL_STAFF and access.is_staff_anywhere:
        return True
    return any(rank >= permissions.Rank.ADMIN for rank in access.ranks.values())


def totp_device(user) -> TOTPDevice | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def needs_second_factor(user) -> bool:
    return required_for(user) or totp_device(user) is not None


def recovery_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def new_key() -> str:
    """A fresh TOTP secret, hex-encoded as django-otp stores it."""
    return hexlify(secrets.token_bytes(KEY_BYTES)).decode()


def base32_of(key: str) -> str:
    """The secret as authenticator apps want it typed (RFC 4648 base32, groups of four)."""
    text = b32encode(bytes.fromhex(key)).decode().rstrip("=")
    return " ".join(text[index : index + 4] for index in range(0, len(text), 4))


def provisioning_uri(user, key: str) -> str:
    """The ``otpauth://`` URI the QR code carries (Google Authenticator key-URI format)."""
    issuer = settings.OTP_TOTP_ISSUER
    label = quote(f"{issuer}:{user.get_username()}")
    secret = base32_of(key).replace(" ", "")
    query = urlencode({"secret": secret, "issuer": issuer, "digits": 6, "period": 30}, quote_via=quote)
    return f"otpauth://totp/{label}?{query}"


def qr_code_data_uri(uri: str) -> str:
    """An SVG QR code as a data: URI (allowed by the CSP's img-src; no inline markup or style)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, dark="#000", light="#fff")


def code_now(key: str) -> str:
    """The code an authenticator app holding ``key`` shows now (the demo command, tests)."""
    return f"{TOTP(bytes.fromhex(key)).token():06d}"
