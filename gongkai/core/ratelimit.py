"""Per-address limit on public submissions (applications and messages), shared by the API and the forms.

``GONGKAI_PUBLIC_SUBMISSIONS_PER_HOUR`` accepted submissions per client address and hour, and five
times as many attempts (refused ones included, so identity numbers cannot be probed), counted in
the Django cache (shared by all processes when the cache is Redis)::

    key = check_submission(request)      # raises RateLimited (429 rate_limited)
    ... submit ...
    accepted(key)                        # only after the application or message was created
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from gongkai.core.errors import RateLimited
from gongkai.core.network import client_network

ATTEMPTS_PER_SUBMISSION = 5
WINDOW = 3600


def _count(key: str) -> int:
    return int(cache.get(key) or 0)


def _bump(key: str) -> None:
    if not cache.add(key, 1, timeout=WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, timeout=WINDOW)


def check_submission(request) -> str:
    """Count this attempt, or raise ``RateLimited``; returns the key to pass to ``accepted``."""
    limit = settings.GONGKAI_PUBLIC_SUBMISSIONS_PER_HOUR
    address = client_network(request)
    ok_key, try_key = f"gongkai:submit:ok:{address}", f"gongkai:submit:try:{address}"
    if _count(ok_key) >= limit or _count(try_key) >= limit * ATTEMPTS_PER_SUBMISSION:
        raise RateLimited(
            "rate_limited",
            f"提交过于频繁：同一网络地址每小时最多提交{limit}件申请或留言，请稍后再试",
            {"limit_per_hour": limit},
        )
    _bump(try_key)
    return ok_key


def accepted(key: str) -> None:
    """Record one accepted submission under the key ``check_submission`` returned."""
    _bump(key)
