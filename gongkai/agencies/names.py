"""How a staff member is named to people: the name they go by, never a login code."""

from __future__ import annotations

SYSTEM_NAME = "系统"


def staff_name(user) -> str:
    """The staff member's full name (姓名), else the account name; ``None`` and the system actor of
    commands and imports are "系统"."""
    if user is None or getattr(user, "pk", None) is None:
        return SYSTEM_NAME
    full_name = (user.get_full_name() or "").strip()
    return full_name or user.get_username()
