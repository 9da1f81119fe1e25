"""Maintenance of the materialized path of the agency tree."""

from gongkai.core.errors import InvalidInput


def path_for(agency) -> str:
    parent_path = agency.parent.path if agency.parent_id else "/"
    return f"{parent_path}{agency.pk}/"


def reparent(agency, new_parent) -> None:
    """Move ``agency`` (and its subtree) under ``new_parent``; refuses cycles."""
    from gongkai.agencies.models import Agency

    if new_parent is not None and new_parent.path.startswith(agency.path):
        raise InvalidInput("agency_cycle", "不能把机构移动到其自身或下级机构之下")
    old_path = agency.path
    agency.parent = new_parent
    agency.path = path_for(agency)
    agency.depth = agency.path.count("/") - 2
    agency.save(update_fields=["parent", "path", "depth"])
    for descendant in Agency.objects.filter(path__startswith=old_path).exclude(pk=agency.pk):
        descendant.path = agency.path + descendant.path[len(old_path) :]
        descendant.depth = descendant.path.count("/") - 2
        descendant.save(update_fields=["path", "depth"])
