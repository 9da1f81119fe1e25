"""The information-processing fee (Art. 42 and 国办函〔2020〕109号): notice, payment, lapse."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.agencies import permissions
from gongkai.applications import fees, selectors
from gongkai.applications.choices import FeeMethod
from gongkai.applications.services.common import act, check_act, required
from gongkai.audit.services import service
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.core.jsonable import jsonable


def _amount(application, method: str, pages: int | None, data: dict):
    """The fee by ``method``, noting in ``data`` what it was computed from."""
    if method == FeeMethod.PER_PAGE:
        required(pages, "pages", "按量计收须填写页数")
        if pages < 0:
            raise InvalidInput("validation_error", "页数不能为负数", {"field": "pages"})
        data["pages"] = pages
        return fees.per_page_fee(pages)
    data["nth"] = selectors.per_item_position(application)
    return fees.per_item_fee(data["nth"])


@service
def fee_notice(
    application, *, actor, on: dt.date, method: str, pages: int | None = None, delivered_on=None, today=None
):
    """Art. 42 and 国办函〔2020〕109号: a fee notice within the answer limit, by one method; the wait
    for payment is not counted. ``delivered_on`` (default ``on``) starts the 20 days to pay."""
    if method not in FeeMethod.values:
        raise InvalidInput("validation_error", "收费方式应为 per_item 或 per_page", {"field": "method"})
    permissions.require(actor, "edit", application.agency_id)
    data: dict[str, Any] = {"method": method}
    if delivered_on is not None:
        data["delivered_on"] = delivered_on
    application, _ = check_act(application, "fee_notice", on, data, today)
    amount = _amount(application, method, pages, data)
    if not amount:
        raise RuleViolation("fee_not_chargeable", "按该计收方式本申请不应收取信息处理费", jsonable(data))
    data["amount"] = str(amount)
    summary = f"发出收费通知（{amount}元）"
    return act(application, "fee_notice", summary, actor=actor, on=on, today=today, data=data)


@service
def fee_paid(application, *, actor, on: dt.date, today=None):
    """The fee was paid on ``on``: the clock runs again, the wait (notice, payment] not counted."""
    return act(application, "fee_paid", "申请人已缴费", actor=actor, on=on, today=today)


@service
def fee_lapsed(application, *, actor, on: dt.date, today=None):
    """Unpaid 20 working days after the notice → 视为放弃 (outcome other.fee_lapsed)."""
    return act(application, "fee_lapsed", "逾期未缴费，视为放弃", actor=actor, on=on, today=today)
