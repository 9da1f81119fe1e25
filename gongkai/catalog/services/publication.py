"""Acts that take an item to the public and keep its status: 保密审查, 审核, publication,
abolition, amendment, visibility (Arts. 17, 19–26)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.audit.services import service
from gongkai.catalog import prescreen, publication_rules
from gongkai.catalog.index_assignment import assign_index_no
from gongkai.catalog.models import CatalogSettings, Item, ScreeningOverride
from gongkai.catalog.publication_clock import apply_interpretation_lags, publication_clock
from gongkai.catalog.services.common import event_arguments, recorded, require_unpublished, user_of
from gongkai.catalog.vocabulary import Disclosure, ItemState, Validity
from gongkai.core.errors import Forbidden, InvalidInput, RuleViolation

HELPERS = ("check_publishable", "screening_refusal", "publication_event", "require_substantive_reason")


@service
def screen_item(item: Item, *, actor) -> list[dict]:
    """保密审查 (Art. 17): run the detectors; without blocking findings the item is screened."""
    permissions.require(actor, "edit", item.agency_id)
    require_unpublished(item)
    findings = prescreen.screen(item)
    blocked = prescreen.blocking(findings)
    item.state = ItemState.DRAFT if blocked else ItemState.SCREENED
    item.screened_by, item.reviewed_by = user_of(actor), None
    item.save(update_fields=["state", "screened_by", "reviewed_by", "updated_at"])
    recorded(
        item,
        "screened",
        actor=actor,
        action="item.screen",
        summary=f"审查“{item.title}”：{'发现' + str(len(blocked)) + '处需处理的内容' if blocked else '未发现阻止发布的内容'}",
        data={"findings": prescreen.public_view(findings)},
    )
    return findings


@service
def review_item(item: Item, *, actor) -> Item:
    """审核: a reviewer signs a screened item off for publication and is recorded as its 审核人."""
    permissions.require(actor, "review", item.agency_id)
    if item.state != ItemState.SCREENED:
        raise RuleViolation("not_screened", "信息须先通过保密审查才能审核")
    _require_four_eyes(item, actor)
    item.state, item.reviewed_by = ItemState.REVIEWED, user_of(actor)
    item.save(update_fields=["state", "reviewed_by", "updated_at"])
    recorded(item, "reviewed", actor=actor, action="item.review", summary=f"审核通过“{item.title}”")
    return item


def _account_id(actor) -> int | None:
    account = user_of(actor)
    return account.pk if account else None


def _require_four_eyes(item: Item, actor) -> None:
    """The agency's double sign-off (双人复核), when it has switched it on: whoever drafted an item
    does not also sign it off."""
    settings = CatalogSettings.objects.filter(agency_id=item.agency_id).first()
    if settings and settings.four_eyes and item.created_by_id and item.created_by_id == _account_id(actor):
        raise RuleViolation(
            "reviewer_is_drafter",
            "本机构要求双人复核：起草人不能审核或发布本人起草的信息，请由其他审核人办理",
        )


def require_substantive_reason(reason: str) -> None:
    """An override of a screening finding states why the text may be public (Art. 17): a reason
    of substance, refused with ``override_reason_insufficient`` otherwise. Shared by every
    publication path that allows an override (catalogue, solicitation, service guides)."""
    if not publication_rules.is_substantive_reason(reason):
        raise InvalidInput(
            "override_reason_insufficient",
            f"放行理由须具体说明为何可以公开（至少{publication_rules.OVERRIDE_REASON_MIN_CHARACTERS}个有实际意义的字，标点和重复不计）",
            {"min_characters": publication_rules.OVERRIDE_REASON_MIN_CHARACTERS},
        )


def _require_override_allowed(item: Item, actor, reason: str) -> None:
    """Art. 17 保密审查: publishing over a blocking finding needs a substantive written reason
    and a second person — someone of agency-admin rank, or a reviewer who neither drafted nor
    screened the item (the one who saw the finding does not wave it through alone)."""
    require_substantive_reason(reason)
    if permissions.may(actor, "manage", item.agency_id):
        return
    account_id = _account_id(actor)
    if account_id is not None and account_id in {item.created_by_id, item.screened_by_id}:
        raise Forbidden(
            "override_needs_second_person",
            "放行审查发现须由第二人决定：请由机构管理员，或未起草、未审查该信息的审核人办理",
        )


def _check_publication_date(item: Item, on: dt.date, today: dt.date) -> None:
    problem = publication_rules.publication_date_problem(on, item.formed_on, today)
    if problem == "date_in_future":
        raise RuleViolation(
            "date_in_future", "发布日期不能晚于今天", {"date": on.isoformat(), "today": today.isoformat()}
        )
    if problem == "published_before_formed":
        raise RuleViolation(
            "published_before_formed",
            "发布日期不能早于信息生成日期",
            {"date": on.isoformat(), "formed_on": item.formed_on.isoformat()},
        )


@service
def publish_item(
    item: Item,
    *,
    actor,
    on: dt.date | None = None,
    override_reason: str | None = None,
    today: dt.date | None = None,
) -> Item:
    """Publish: screening first (Art. 17), then the 索引号, publication date and the Art. 26 clock.

    Publishing is the reviewer's sign-off: the 审核人 is who reviewed the item, or else who
    publishes it. Blocking findings stop publication unless a second person gives a substantive
    written reason (kept as a ``ScreeningOverride``). The item's row is locked first; the 索引号
    comes from the agency's counter in this same transaction: gap-free, never reused. ``today``
    defaults to the local date.
    """
    permissions.require(actor, "review", item.agency_id)
    # The state as committed, not as the caller last saw it, and the row locked until commit: a
    # second reviewer publishing at the same moment waits here and then finds it published, so no
    # 索引号 is drawn and lost (SQLite serialises the whole transaction by BEGIN IMMEDIATE).
    item.refresh_from_db(from_queryset=Item.objects.select_for_update())
    require_unpublished(item)
    today = today or timezone.localdate()
    on = on or today
    signed_off = item.state == ItemState.REVIEWED and item.reviewed_by_id is not None
    check_publishable(item, actor=actor, on=on, today=today, four_eyes=not signed_off)
    findings = prescreen.screen(item)
    blocked = prescreen.blocking(findings)
    override_reason = (override_reason or "").strip()
    if blocked and not override_reason:
        raise screening_refusal(findings)
    if blocked:
        _require_override_allowed(item, actor, override_reason)
    item.published_on, item.published_by = on, user_of(actor)
    if not signed_off:
        item.reviewed_by = user_of(actor)
    item.due_on, item.late = publication_clock(item)
    item.index_no = assign_index_no(item)
    item.state = ItemState.PUBLISHED
    item.save()
    apply_interpretation_lags(item)
    if blocked:
        ScreeningOverride.objects.create(
            item=item,
            reason=override_reason,
            decided_by=user_of(actor),
            decided_on=on,
            findings=prescreen.public_view(blocked),
        )
    _record_publication(item, actor, findings, override_reason if blocked else "")
    return item


def check_publishable(item: Item, *, actor, on: dt.date, today: dt.date, four_eyes: bool = True) -> None:
    """What ``publish_item`` refuses before screening (the bulk import checks each row with it)."""
    if item.disclosure != Disclosure.PROACTIVE:
        raise RuleViolation("not_proactive", "只有公开属性为“主动公开”的信息可以在目录中发布")
    _check_publication_date(item, on, today)
    if four_eyes:
        _require_four_eyes(item, actor)


def screening_refusal(findings: list[dict]) -> RuleViolation:
    """The refusal of a publication over blocking findings without a reviewer's override."""
    return RuleViolation(
        "screening_findings",
        f"发布前审查发现{len(prescreen.blocking(findings))}处可能涉及个人信息或涉密标志的内容，请修改后再发布，或由审核人说明理由后发布",
        {"findings": prescreen.public_view(findings)},
    )


def _record_publication(item: Item, actor, findings: list[dict], override_reason: str) -> None:
    recorded(item, "published", **publication_event(item, actor, findings, override_reason))


def publication_event(item: Item, actor, findings: list[dict], override_reason: str = "") -> dict:
    """The audit event of a publication (``record``'s arguments but the item and its agency)."""
    return event_arguments(
        actor=actor,
        action="item.publish",
        summary=f"发布“{item.title}”，索引号{item.index_no}"
        + ("（经说明理由放行审查发现）" if override_reason else ""),
        data={
            "index_no": item.index_no,
            "published_on": item.published_on,
            "due_on": item.due_on,
            "late": item.late,
            "reviewed_by": item.reviewed_by_id,
            "findings": prescreen.public_view(findings),
            "override_reason": override_reason,
        },
    )


def _require_published(item: Item) -> None:
    if item.state != ItemState.PUBLISHED:
        raise RuleViolation("not_published", "信息尚未发布")


def _check_validity_date(on: dt.date, today: dt.date | None, what: str) -> None:
    """有效性 records what has happened: the mark shows at once (“本文件已于…废止”), so a
    document abolished or amended from a later day is marked on that day, not before."""
    today = today or timezone.localdate()
    if on > today:
        raise RuleViolation(
            "date_in_future",
            f"{what}日期不能晚于今天：请在{what}生效之日再作标注，此前文件仍为现行有效",
            {"date": on.isoformat(), "today": today.isoformat()},
        )


@service
def abolish_item(item: Item, *, actor, on: dt.date, today: dt.date | None = None) -> Item:
    """Mark a published document 已废止 from ``on`` (not after ``today``, default the local
    date); it stays in the catalogue with its mark."""
    permissions.require(actor, "review", item.agency_id)
    _require_published(item)
    if item.validity == Validity.ABOLISHED:
        raise RuleViolation("already_abolished", "该文件已废止")
    _check_validity_date(on, today, "废止")
    if on < item.formed_on:
        raise RuleViolation("abolished_before_formed", "废止日期不能早于文件生成日期")
    item.validity, item.abolished_on = Validity.ABOLISHED, on
    item.save(update_fields=["validity", "abolished_on", "updated_at"])
    recorded(
        item,
        "abolished",
        actor=actor,
        action="item.abolish",
        summary=f"“{item.title}”于{on:%Y-%m-%d}废止",
        data={"on": on},
    )
    return item


@service
def amend_item(
    item: Item, *, actor, on: dt.date, successor: Item | None = None, today: dt.date | None = None
) -> Item:
    """Mark a published document 已修改 from ``on`` (not after ``today``, default the local
    date), linking the amended version when there is one."""
    permissions.require(actor, "review", item.agency_id)
    _require_published(item)
    if item.validity == Validity.ABOLISHED:
        raise RuleViolation("already_abolished", "该文件已废止，不能再标记为修改")
    _check_validity_date(on, today, "修改")
    if on < item.formed_on:
        raise RuleViolation("amended_before_formed", "修改日期不能早于文件生成日期")
    if successor is not None:
        if successor.pk == item.pk:
            raise RuleViolation("successor_is_self", "修改后的文件不能是其本身")
        if not successor.is_public:
            raise RuleViolation("successor_not_published", "修改后的文件须已在目录中公开发布")
    item.validity, item.amended_on, item.successor = Validity.AMENDED, on, successor
    item.save(update_fields=["validity", "amended_on", "successor", "updated_at"])
    recorded(
        item,
        "amended",
        actor=actor,
        action="item.amend",
        summary=f"“{item.title}”于{on:%Y-%m-%d}修改",
        data={"on": on, "successor": successor.index_no if successor else None},
    )
    return item


@service
def set_internal(item: Item, *, actor, internal: bool) -> Item:
    """Show or hide an item from the public catalogue (e.g. withdrawn after a complaint)."""
    permissions.require(actor, "review", item.agency_id)
    item.internal = bool(internal)
    item.save(update_fields=["internal", "updated_at"])
    recorded(
        item,
        "internal_changed",
        actor=actor,
        action="item.set_internal",
        summary=f"“{item.title}”设为{'仅内部可见' if item.internal else '公开可见'}",
        data={"internal": item.internal},
    )
    return item
