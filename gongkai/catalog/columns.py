"""Default columns (栏目) of every agency: Art. 20 (一)–(十五) and the working columns."""

from __future__ import annotations

from gongkai.catalog.vocabulary import DEFAULT_COLUMNS


def seed_default_columns(agency_ids, column_model) -> int:
    """Create the missing default columns of the given agencies; never touch existing ones.

    Works with real and historical (migration) models. Returns the number of columns created.
    """
    agency_ids = list(agency_ids)
    present = set(column_model.objects.filter(agency_id__in=agency_ids).values_list("agency_id", "code"))
    missing = [
        column_model(agency_id=agency_id, code=code, name=name, order=(position + 1) * 10)
        for agency_id in agency_ids
        for position, (code, name) in enumerate(DEFAULT_COLUMNS)
        if (agency_id, code) not in present
    ]
    column_model.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def seed_all() -> int:
    """Reference seeder: every agency has its default columns."""
    from gongkai.agencies.models import Agency
    from gongkai.catalog.models import Column

    return seed_default_columns(Agency.objects.values_list("id", flat=True), Column)


def on_agency_saved(sender, instance, created, raw=False, **kwargs):
    """post_save of Agency: a new agency gets its default columns in the same transaction."""
    if created and not raw:
        from gongkai.catalog.models import Column

        seed_default_columns([instance.pk], Column)
