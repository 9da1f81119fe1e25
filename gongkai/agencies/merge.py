"""Moving an abolished agency's records to its successor (机构改革).

Every model with a foreign key to ``Agency`` decides what a merge does to its rows, by one of:

- ``AGENCY_MERGE = "move"``: rows of the old agency are reassigned to the successor;
- ``AGENCY_MERGE = "keep"``: rows stay with the old agency (audit events, memberships);
- a classmethod ``on_agency_merge(old, new, field_name) -> int`` for anything subtler (e.g.
  merging per-agency columns that share a code).

A model that declares nothing fails the system check ``gongkai.E002`` at start-up, so a new app
cannot forget its records when agencies are merged.
"""

from __future__ import annotations

from django.db import models


def agency_relations():
    """(model, field name) for every foreign key that points at ``Agency``."""
    from gongkai.agencies.models import Agency

    for relation in Agency._meta.get_fields(include_hidden=True):
        if relation.one_to_many and relation.auto_created and not relation.concrete:
            yield relation.related_model, relation.field.name


def policy_of(model: type[models.Model]) -> str | None:
    if hasattr(model, "on_agency_merge"):
        return "custom"
    return getattr(model, "AGENCY_MERGE", None)


def move_records(old, new) -> dict[str, int]:
    """Apply every model's merge policy; returns moved row counts by ``app_label.model.field``."""
    moved: dict[str, int] = {}
    for model, field_name in agency_relations():
        policy = policy_of(model)
        key = f"{model._meta.label_lower}.{field_name}"
        if policy == "custom":
            count = model.on_agency_merge(old, new, field_name)
        elif policy == "move":
            count = model._base_manager.filter(**{field_name: old}).update(**{field_name: new})
        elif policy == "keep":
            continue
        else:  # caught by the system check; never reached in a configured project
            raise LookupError(f"{key} declares no AGENCY_MERGE policy")
        if count:
            moved[key] = count
    return moved
