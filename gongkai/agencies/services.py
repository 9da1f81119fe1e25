"""Acts on the agency tree and on staff roles."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError

from gongkai.agencies import permissions
from gongkai.agencies.merge import move_records
from gongkai.agencies.models import AccountSecurity, Agency, AgencyKind, Membership, Role
from gongkai.agencies.names import staff_name
from gongkai.agencies.tree import path_for, reparent
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation

EDITABLE_FIELDS = (
    "name",
    "kind",
    "index_prefix",
    "region",
    "sort_order",
    "address",
    "phone",
    "email",
    "office_hours",
)


def _validate(agency: Agency, exclude=()) -> None:
    try:
        agency.full_clean(exclude=["path", "depth", *exclude], validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        label = Agency._meta.get_field(field).verbose_name if field != "__all__" else "机构"
        raise InvalidInput(
            "invalid_agency", f"{label}：{messages[0]}", {"field": field, "errors": error.message_dict}
        ) from error


@service
def create_agency(
    *,
    actor,
    code: str,
    name: str,
    parent: Agency | None = None,
    index_prefix: str = "",
    kind: str = AgencyKind.DEPARTMENT,
    **fields,
) -> Agency:
    """Add an agency to the tree. Under a parent: the parent's disclosure office or a superuser."""
    if parent is None:
        permissions.require_superuser(actor)
    else:
        permissions.require_office(actor, parent)
        if not parent.active:
            raise RuleViolation("agency_inactive", f"上级机构“{parent.name}”已撤销，不能在其下新增机构")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput("invalid_agency", f"未知字段：{', '.join(sorted(unknown))}")
    agency = Agency(
        code=code.strip(),
        name=name.strip(),
        parent=parent,
        index_prefix=(index_prefix or code).strip(),
        kind=kind,
        **fields,
    )
    _validate(agency)
    exists = RuleViolation("agency_exists", f"机构代码“{agency.code}”已存在", {"field": "code"})
    if Agency.objects.filter(code__iexact=agency.code).exists():
        raise exists
    try:
        agency.save()
    except IntegrityError as error:  # a concurrent request took the code between check and save
        raise exists from error
    agency.path = path_for(agency)
    agency.depth = agency.path.count("/") - 2
    agency.save(update_fields=["path", "depth"])
    record(
        actor=actor,
        action="agency.create",
        obj=agency,
        agency=agency,
        summary=f"新增机构“{agency.name}”（{agency.code}）",
        data={
            "code": agency.code,
            "name": agency.name,
            "parent": parent.code if parent else None,
            "index_prefix": agency.index_prefix,
            "kind": agency.kind,
        },
    )
    return agency


@service
def update_agency(agency: Agency, *, actor, **changes) -> Agency:
    """Change an agency's descriptive fields. Its code never changes (URLs and 索引号 rely on it)."""
    permissions.require(actor, "manage", agency)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput("invalid_agency", f"不可修改的字段：{', '.join(sorted(unknown))}")
    before = {field: getattr(agency, field) for field in changes}
    for field, value in changes.items():
        setattr(agency, field, value)
    _validate(agency, exclude=["code"])
    agency.save(update_fields=list(changes))
    record(
        actor=actor,
        action="agency.update",
        obj=agency,
        agency=agency,
        summary=f"修改机构“{agency.name}”信息",
        data={"before": before, "after": changes},
    )
    return agency


@service
def move_agency(agency: Agency, *, actor, parent: Agency) -> Agency:
    """Put an agency under another parent (a superuser's act: it changes who oversees whom)."""
    permissions.require_superuser(actor)
    before = agency.parent.code if agency.parent_id else None
    reparent(agency, parent)
    record(
        actor=actor,
        action="agency.move",
        obj=agency,
        agency=agency,
        summary=f"调整“{agency.name}”的上级机构为“{parent.name}”",
        data={"before": before, "after": parent.code},
    )
    return agency


@service
def set_membership(*, actor, user, agency: Agency, role: str) -> Membership:
    """Give ``user`` a role at ``agency`` (replacing a previous role there)."""
    permissions.require(actor, "manage", agency)
    if role not in Role.values:
        raise InvalidInput("invalid_role", f"未知角色：{role}")
    if role == Role.DISCLOSURE_OFFICE:
        permissions.require_office(actor, agency)
    membership, created = Membership.objects.update_or_create(
        user=user, agency=agency, defaults={"role": role}
    )
    permissions.forget_access(user)
    record(
        actor=actor,
        action="membership.set",
        obj=membership,
        agency=agency,
        summary=f"设置{staff_name(user)}在“{agency.name}”的角色为{membership.get_role_display()}",
        data={"user": user.get_username(), "role": role, "created": created},
    )
    return membership


@service
def remove_membership(membership: Membership, *, actor) -> None:
    """Withdraw a user's role at an agency."""
    permissions.require(actor, "manage", membership.agency)
    data = {"user": membership.user.get_username(), "role": membership.role}
    agency = membership.agency
    record(
        actor=actor,
        action="membership.remove",
        obj=membership,
        agency=agency,
        summary=f"取消{staff_name(membership.user)}在“{agency.name}”的角色",
        data=data,
    )
    permissions.forget_access(membership.user)
    membership.delete()


@service
def merge_agencies(abolished: Agency, successor: Agency, *, actor, on: dt.date) -> dict[str, int]:
    """机构改革: move all records of ``abolished`` to ``successor`` and mark it merged.

    Records keep their identity: 索引号 already given are kept as they are, and URLs under the
    old agency's code redirect to the successor (the old agency row stays, inactive, with
    ``merged_into``). The abolished agency's sub-agencies move under the successor.
    """
    permissions.require_superuser(actor)
    if abolished.pk == successor.pk:
        raise RuleViolation("merge_into_self", "不能将机构并入其自身")
    if not abolished.active:
        raise RuleViolation("agency_inactive", f"“{abolished.name}”已撤销或已并入其他机构")
    if not successor.active:
        raise RuleViolation("agency_inactive", f"“{successor.name}”已撤销，不能作为承继机构")
    if successor.path.startswith(abolished.path):
        raise RuleViolation("merge_into_descendant", "不能将机构并入其下级机构")
    moved = move_records(abolished, successor)
    abolished.active = False
    abolished.merged_into = successor
    abolished.merged_on = on
    abolished.save(update_fields=["active", "merged_into", "merged_on"])
    record(
        actor=actor,
        action="agency.merge",
        obj=abolished,
        agency=successor,
        summary=f"“{abolished.name}”于{on:%Y-%m-%d}并入“{successor.name}”",
        data={"abolished": abolished.code, "successor": successor.code, "on": on, "moved": moved},
    )
    return moved


@service
def create_user(
    *, actor, username: str, password: str, email: str = "", full_name: str = "", superuser: bool = False
):
    """Create a staff account (roles are given separately with ``set_membership``)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password

    user_model = get_user_model()
    if superuser or not permissions.access_for(actor).is_office:
        permissions.require_superuser(actor)
    if user_model.objects.filter(username__iexact=username).exists():
        raise RuleViolation("user_exists", f"用户名“{username}”已存在")
    user = user_model(
        username=username, email=email, first_name=full_name, is_superuser=superuser, is_staff=superuser
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput("weak_password", "；".join(error.messages)) from error
    user.set_password(password)
    user.save()
    forced = _password_chosen_by_another(user, actor)
    record(
        actor=actor,
        action="user.create",
        obj=user,
        summary=f"新建账号{username}",
        data={"username": username, "superuser": superuser, "must_change_password": forced},
    )
    return user


def _password_chosen_by_another(user, actor) -> bool:
    """GB/T 22239: a password an administrator chose is changed by its holder at first sign-in.
    Operations from the command line (the system actor) set no such requirement."""
    forced = getattr(actor, "pk", None) is not None and actor.pk != user.pk
    if forced:
        AccountSecurity.objects.update_or_create(user=user, defaults={"must_change_password": True})
    return forced


SECRET_FIELDS = {"password", "password1", "password2", "usable_password"}


@service
def save_account(user, *, actor, changed=()):
    """Create or change a staff account from the admin site (superuser only): who became a superuser
    or was switched off is on the record. Password values never are."""
    permissions.require_superuser(actor)
    created = user.pk is None
    user.save()
    if created and user.has_usable_password():
        _password_chosen_by_another(user, actor)
    record(
        actor=actor,
        action="user.create" if created else "user.update",
        obj=user,
        summary=f"{'新建' if created else '修改'}账号{user.get_username()}",
        data={
            "username": user.get_username(),
            "changed": sorted(set(changed) - SECRET_FIELDS),
            "superuser": user.is_superuser,
            "active": user.is_active,
        },
    )
    return user


@service
def note_password_set(user, *, actor):
    """The admin site's password form has just set ``user``'s password (same transaction); the
    holder must change it at the next sign-in unless they set it themselves."""
    permissions.require_superuser(actor)
    forced = _password_chosen_by_another(user, actor)
    record(
        actor=actor,
        action="user.set_password",
        obj=user,
        summary=f"重设账号{user.get_username()}的密码",
        data={"must_change_password": forced},
    )
