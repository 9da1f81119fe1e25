"""One function per legal act on an application (Arts. 27–45, 51 of the regulation).

Each act: permission check (``agencies.permissions``), the rules of ``lifecycle`` against the
clock replayed from the recorded events, one appended ``ApplicationEvent`` dated with the act's
legal date ``on``, the cache columns recomputed, and one audit event — in one transaction. A
refused act changes nothing. ``today`` defaults to the local date (Asia/Shanghai) and is a
parameter only so that tests and imports can fix it.

The acts live in ``submission`` (Arts. 29, 31), ``handling`` (Arts. 30–38), ``charges`` (Art. 42)
and ``remedies`` (Art. 51), the cancelling of an act recorded in error in ``voiding``, their
common course in ``common``. Callers (API, workbench pages,
letters) import this package and pass model instances and plain values:

    register(actor=user, agency=agency, channel="in_person", applicant=Applicant(...),
             description="…", received_on=date(2026, 2, 10))
    request_correction(application, actor=user, on=date(2026, 2, 12), items=["请写明文号"])
    reply(application, actor=user, on=date(2026, 3, 10), outcome="disclosed", reason="…")
"""

from gongkai.applications.services.approvals import upload_extension_approval
from gongkai.applications.services.charges import fee_lapsed, fee_notice, fee_paid
from gongkai.applications.services.common import PUBLIC, TRACKING_ALPHABET, PublicApplicant
from gongkai.applications.services.corrections import receive_online_correction, submit_correction
from gongkai.applications.services.guide import publish_guide, update_guide_settings
from gongkai.applications.services.handling import (
    confirm_receipt,
    correction_lapsed,
    end_consultation,
    extend,
    receive_correction,
    reply,
    request_correction,
    set_later_deadline,
    start_consultation,
    withdraw,
)
from gongkai.applications.services.remedies import decide_review, file_review
from gongkai.applications.services.settings import update_settings
from gongkai.applications.services.signoff import approve_reply, draft_reply, return_reply
from gongkai.applications.services.submission import register, submit_online
from gongkai.applications.services.voiding import void

__all__ = [
    "PUBLIC",
    "TRACKING_ALPHABET",
    "PublicApplicant",
    "approve_reply",
    "confirm_receipt",
    "correction_lapsed",
    "decide_review",
    "draft_reply",
    "end_consultation",
    "extend",
    "fee_lapsed",
    "fee_notice",
    "fee_paid",
    "file_review",
    "publish_guide",
    "receive_correction",
    "receive_online_correction",
    "register",
    "reply",
    "request_correction",
    "return_reply",
    "set_later_deadline",
    "start_consultation",
    "submit_correction",
    "submit_online",
    "update_guide_settings",
    "update_settings",
    "upload_extension_approval",
    "void",
    "withdraw",
]
