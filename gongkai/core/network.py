"""The client's address behind ``PROXY_COUNT`` reverse proxies (rate limits, lockout, the audit trail).

Each proxy appends the address it received the request from to ``X-Forwarded-For`` (nginx's
``$proxy_add_x_forwarded_for``), so with N trusted proxies the client is the N-th entry from the
right; entries further left were written by the client and are not trusted. Without proxies
(``PROXY_COUNT=0``, the default) the header is ignored and ``REMOTE_ADDR`` is the client.
django-ipware counts proxies differently and, unconfigured, trusts the left-most entry, which a
client can forge; these few lines keep one rule for every caller.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The client's IP address, or ``None`` when the request carries none that is valid (the
    lockout stores it in an address column, which refuses anything else)."""
    proxies = settings.GONGKAI_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if len(entries) >= proxies and _valid(entries[-proxies]):
            return entries[-proxies]
    remote = request.META.get("REMOTE_ADDR", "")
    return remote if _valid(remote) else None


def client_network(request) -> str:
    """What a per-client limit counts: the IPv4 address, or the /64 an IPv6 address lies in (one
    household or customer is given a whole /64, so counting single IPv6 addresses would let one
    client rotate through 2^64 of them); ``"unknown"`` without a valid address. The audit trail and
    the lockout keep the exact address (``client_address``)."""
    address = client_address(request)
    if address is None:
        return "unknown"
    parsed = ipaddress.ip_address(address)
    if parsed.version == 6 and parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True
