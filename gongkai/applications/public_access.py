"""The applicant's second factor on the public pages: the tracking code plus the phone number.

The tracking code alone shows progress (nothing personal). The letters, the receipt with the
description and the online correction need the phone number given in the application as well;
a browser that passed the check (or that submitted the application) keeps the code in its
session. Wrong numbers are counted in the cache per code and per client address, so a phone
number cannot be guessed::

    public_access.remember(request, code)          # after the submission
    public_access.check_phone(request, application, phone)   # raises InvalidInput / RateLimited
    public_access.verified(request, code)          # True once either happened in this session
"""

from __future__ import annotations

import secrets

from django.core.cache import cache

from gongkai.core.errors import InvalidInput, RateLimited
from gongkai.core.identifiers import phone_digits
from gongkai.core.network import client_network

SESSION_KEY = "gongkai_applications_verified"
MAX_REMEMBERED = 20
FAILURES_PER_CODE = 5  # wrong numbers for one tracking code per window
ATTEMPTS_PER_ADDRESS = 30  # checks (right or wrong) from one address per window
WINDOW = 3600


def remember(request, code: str) -> None:
    codes = [item for item in request.session.get(SESSION_KEY, []) if item != code]
    request.session[SESSION_KEY] = [*codes, code][-MAX_REMEMBERED:]


def verified(request, code: str) -> bool:
    return code in request.session.get(SESSION_KEY, [])


def _count(key: str) -> int:
    return int(cache.get(key) or 0)


def _bump(key: str) -> None:
    if not cache.add(key, 1, timeout=WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, timeout=WINDOW)


def check_phone(request, application, phone: str) -> None:
    """Remember the code in the session if ``phone`` is the application's number; otherwise raise."""
    code_key = f"gongkai:trackphone:code:{application.tracking_code}"
    address_key = f"gongkai:trackphone:addr:{client_network(request)}"
    if _count(code_key) >= FAILURES_PER_CODE or _count(address_key) >= ATTEMPTS_PER_ADDRESS:
        raise RateLimited(
            "rate_limited",
            "验证次数过多，请一小时后再试；如忘记申请时填写的联系电话，请与受理机关联系",
            {"window_seconds": WINDOW},
        )
    _bump(address_key)
    given, stored = phone_digits(phone), phone_digits(application.phone)
    if not given or not stored or not secrets.compare_digest(given, stored):
        _bump(code_key)
        raise InvalidInput("phone_mismatch", "联系电话与申请时填写的不一致", {"field": "phone"})
    remember(request, application.tracking_code)
