"""What people read of the audit trail: Chinese names of actions and of the objects they touch.

Events store codes (``item.publish``, ``catalog.item`` #8): stable, for filters, the API and the
hash chain. The audit page and its CSV show these names instead. Each app registers the names of
its own actions and objects in its ``AppConfig.ready`` (the registry pattern of docs/development.md);
``tests/test_words.py`` fails when an action recorded anywhere has no name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.db import models

Describe = Callable[[models.Model], str]


@dataclass(frozen=True)
class ObjectKind:
    noun: str  # 政府信息, 留言 …
    describe: Describe | None = None  # the object's name; str(obj) when not given


_ACTIONS: dict[str, str] = {
    "auth.login": "登录工作台",
    "auth.logout": "退出工作台",
}
_FAMILIES: dict[str, Mapping[str, str]] = {}  # "application." -> labels of the acts after the dot
_OBJECTS: dict[str, ObjectKind] = {}

# How the actors that are not accounts are named (``actor_label`` of their events).
ACTOR_NAMES = {"system": "系统", "public": "公众（网上提交）"}


def register_actions(labels: Mapping[str, str]) -> None:
    """Names of exact action codes: ``{"item.publish": "发布政府信息"}``."""
    _ACTIONS.update(labels)


def register_family(prefix: str, labels: Mapping[str, str], template: str = "{}") -> None:
    """Names of actions built as ``prefix + act`` (``application.reply``): each act's label, put
    into ``template`` (``"依申请公开：{}"``)."""
    _FAMILIES[prefix] = {act: template.format(label) for act, label in labels.items()}


def register_objects(kinds: Mapping[str, str | ObjectKind]) -> None:
    """Nouns (and optionally how to name one) of object types: ``{"catalog.item": "政府信息"}``."""
    for object_type, kind in kinds.items():
        _OBJECTS[object_type] = kind if isinstance(kind, ObjectKind) else ObjectKind(kind)


def has_label(action: str) -> bool:
    if action in _ACTIONS:
        return True
    return any(
        action.startswith(prefix) and action[len(prefix) :] in acts for prefix, acts in _FAMILIES.items()
    )


def family_prefixes() -> set[str]:
    return set(_FAMILIES)


def action_label(action: str) -> str:
    """The Chinese name of an action code (the code itself only if nobody named it)."""
    if action in _ACTIONS:
        return _ACTIONS[action]
    for prefix, acts in _FAMILIES.items():
        if action.startswith(prefix) and action[len(prefix) :] in acts:
            return acts[action[len(prefix) :]]
    return action


def action_choices() -> list[tuple[str, str]]:
    """Every named action as (code, name), for the audit page's filter."""
    codes = dict(_ACTIONS)
    for prefix, acts in _FAMILIES.items():
        codes.update({prefix + act: label for act, label in acts.items()})
    return sorted(codes.items(), key=lambda pair: (pair[0].split(".")[0], pair[1]))


def object_noun(object_type: str) -> str:
    kind = _OBJECTS.get(object_type)
    return kind.noun if kind else ""


def actor_name(user, label: str, public: str = "") -> str:
    """The name a person reads for the actor of an event: the staff member's name, else 系统, or
    for the public ``public`` (申请人, 留言人) or 公众."""
    if user is not None and getattr(user, "pk", None) is not None:
        full_name = (user.get_full_name() or "").strip()
        return full_name or user.get_username()
    if label == "public" and public:
        return public
    return ACTOR_NAMES.get(label, label)


def describe_objects(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(object type, object id) -> "政府信息“标题”", fetching each type's objects in one query; an
    object that no longer exists is "政府信息（已删除）"."""
    wanted: dict[str, set[str]] = {}
    for object_type, object_id in pairs:
        if object_type:
            wanted.setdefault(object_type, set()).add(object_id)
    described: dict[tuple[str, str], str] = {}
    for object_type, ids in wanted.items():
        kind = _OBJECTS.get(object_type)
        found = _fetch(object_type, ids)
        for object_id in ids:
            obj = found.get(object_id)
            noun = kind.noun if kind else "记录"
            if obj is None:
                described[(object_type, object_id)] = f"{noun}（已删除）" if object_id else noun
                continue
            name = (kind.describe if kind and kind.describe else str)(obj)
            described[(object_type, object_id)] = f"{noun}“{name}”"
    return described


def _fetch(object_type: str, ids: set[str]) -> dict[str, models.Model]:
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return {}
    # Only ids the key column can hold (a stray id must not break the page).
    keys = [v for v in ids if v.isdigit() and len(v) < 19] if _integer_key(model) else list(ids)
    return {str(obj.pk): obj for obj in model._default_manager.filter(pk__in=keys)}


def _integer_key(model) -> bool:
    return isinstance(model._meta.pk, models.AutoField | models.BigAutoField | models.IntegerField)
