"""One function per act on a message (domain/interaction.md).

Each act: permission check (``agencies.permissions``), the rules of ``lifecycle`` against the
status replayed from the recorded events, one appended ``MessageEvent`` dated with the act's date
``on``, the cache columns recomputed, and one audit event — in one transaction. A refused act
changes nothing. ``today`` defaults to the local date and is a parameter so tests can fix it.

    message = submit_online(agency=agency, kind="consultation", title="…", body="…", name="…",
                            phone="13800000000", publish_consent=True)
    transfer(message, actor=user, on=date(2026, 2, 9), to_agency=other, note="属贵局职责")
    reply(message, actor=other_user, on=date(2026, 2, 12), text="…")
"""

from gongkai.interaction.services.common import PUBLIC, TRACKING_ALPHABET
from gongkai.interaction.services.handling import accept, extend, rate, reject, reopen, reply, transfer
from gongkai.interaction.services.intake import clean_content, register, submit_online
from gongkai.interaction.services.publication import (
    masked,
    publish,
    save_faq,
    screen,
    set_limits,
    to_faq,
    unpublish,
)

__all__ = [
    "PUBLIC",
    "TRACKING_ALPHABET",
    "accept",
    "clean_content",
    "extend",
    "masked",
    "publish",
    "rate",
    "register",
    "reject",
    "reopen",
    "reply",
    "save_faq",
    "screen",
    "set_limits",
    "submit_online",
    "to_faq",
    "transfer",
    "unpublish",
]
