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


def _split(method: str, items) -> int | None:
    """The items an application is split into (一事一申请): only by item, 1 to MAX_SPLIT_ITEMS."""
    if items is None:
        return None
    if method == FeeMethod.PER_PAGE:
        raise InvalidInput(
            "validation_error",
            "按量计收的申请不能再拆分计件：同一申请只能选择一种计收标准，不得同时按照两种标准重复计算"
            "（《政府信息公开信息处理费管理办法》第三条）",
            {"field": "items"},
        )
    if isinstance(items, bool) or not isinstance(items, int) or not 1 <= items <= fees.MAX_SPLIT_ITEMS:
        raise InvalidInput(
            "validation_error", f"拆分件数应为1至{fees.MAX_SPLIT_ITEMS}之间的整数", {"field": "items"}
        )
    return items


def _amount(application, method: str, pages: int | None, items: int | None, data: dict):
    """The fee by ``method``, noting in ``data`` what it was computed from: the pages, or the first
    position (``nth``) and the items the application counts as."""
    if method == FeeMethod.PER_PAGE:
        required(pages, "pages", "按量计收须填写页数")
        if pages < 0:
            raise InvalidInput("validation_error", "页数不能为负数", {"field": "pages"})
        data["pages"] = pages
        return fees.per_page_fee(pages)
    data["nth"] = selectors.per_item_position(application)
    data["items"] = items or 1
    return fees.per_item_split_fee(data["nth"], data["items"])


@service
def fee_notice(
    application,
    *,
    actor,
    on: dt.date,
    method: str,
    pages: int | None = None,
    items: int | None = None,
    delivered_on=None,
    today=None,
):
    """Art. 42 and 国办函〔2020〕109号: a fee notice within the answer limit, by one method; the wait
    for payment is not counted. ``delivered_on`` (default ``on``) starts the 20 days to pay.

    By item, an application covering several matters may be split into ``items`` items
    (一事一申请, Art. 4): it takes that many places in the applicant's month from its first one
    (``nth``), and each place is charged at its band's price."""
    if method not in FeeMethod.values:
        raise InvalidInput("validation_error", "收费方式应为 per_item 或 per_page", {"field": "method"})
    items = _split(method, items)
    permissions.require(actor, "edit", application.agency_id)
    data: dict[str, Any] = {"method": method}
    if delivered_on is not None:
        data["delivered_on"] = delivered_on
    application, _ = check_act(application, "fee_notice", on, data, today)
    amount = _amount(application, method, pages, items, data)
    if not amount:
        raise RuleViolation("fee_not_chargeable", "按该计收方式本申请不应收取信息处理费", jsonable(data))
    data["amount"] = str(amount)
    split = f"，拆分为{data['items']}件" if data.get("items", 1) > 1 else ""
    summary = f"发出收费通知（{amount}元{split}）"
    return act(application, "fee_notice", summary, actor=actor, on=on, today=today, data=data)


@service
def fee_paid(application, *, actor, on: dt.date, today=None):
    """The fee was paid on ``on``: the clock runs again, the wait (notice, payment] not counted."""
    return act(application, "fee_paid", "申请人已缴费", actor=actor, on=on, today=today)


@service
def fee_lapsed(application, *, actor, on: dt.date, today=None):
    """Unpaid 20 working days after the notice → 视为放弃 (outcome other.fee_lapsed)."""
    return act(application, "fee_lapsed", "逾期未缴费，视为放弃", actor=actor, on=on, today=today)
