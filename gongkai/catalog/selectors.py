"""Read queries of the catalogue, with the public filter or the staff scope applied once here."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.catalog.models import CatalogSettings, Column, Item
from gongkai.catalog.vocabulary import ALWAYS_APPLICABLE, Disclosure, Genre, ItemState
from gongkai.core.errors import NotFound
from gongkai.core.parsing import parse_int

PUBLIC = Q(state=ItemState.PUBLISHED, disclosure=Disclosure.PROACTIVE, internal=False)


def public_items():
    return (
        Item.objects.public()
        .select_related("agency")
        .prefetch_related("columns")
        .order_by("-published_on", "-id")
    )


def resolve_agency(value: str | None) -> Agency | None:
    """An agency by code (or by numeric id); ``NotFound`` when it does not exist."""
    if not value:
        return None
    agency = Agency.objects.filter(code=value).first()
    if agency is None and parse_int(value) is not None:
        agency = Agency.objects.filter(pk=parse_int(value)).first()
    if agency is None:
        raise NotFound("agency_not_found", f"未找到机构“{value}”", {"agency": value})
    return agency


def required_agency(value: str) -> Agency:
    agency = resolve_agency(value)
    if agency is None:
        raise NotFound("agency_not_found", "未找到机构", {"agency": value})
    return agency


def filter_items(
    queryset,
    *,
    agency: Agency | None = None,
    column: str | None = None,
    genre: str | None = None,
    topic: str | None = None,
    year: int | None = None,
    validity: str | None = None,
    state: str | None = None,
):
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    if column:
        queryset = queryset.filter(columns__code=column)
    if genre:
        queryset = queryset.filter(genre=genre)
    if topic:
        queryset = queryset.filter(topic=topic)
    if year:
        queryset = queryset.filter(published_on__year=year)
    if validity:
        queryset = queryset.filter(validity=validity)
    if state:
        queryset = queryset.filter(state=state)
    return queryset.distinct() if column else queryset


def public_item(index_no: str) -> Item:
    item = (
        public_items()
        .select_related("successor", "interprets")
        .prefetch_related(
            "attachments",
            Prefetch("interpretations", queryset=Item.objects.public().order_by("published_on", "id")),
            Prefetch("predecessors", queryset=Item.objects.public().order_by("published_on", "id")),
        )
        .filter(index_no=index_no)
        .first()
    )
    if item is None:
        raise NotFound("item_not_found", "未找到该政府信息", {"index_no": index_no})
    return item


def staff_items(user, *, agency: Agency | None = None, subtree: bool = False):
    """Items the user may see, of ``agency`` (with ``subtree``: and of the agencies below it — the
    disclosure office's view)."""
    queryset = permissions.scope(user, Item.objects.select_related("agency").prefetch_related("columns"))
    if agency is not None:
        if subtree:
            queryset = permissions.scope_subtree(user, queryset, agency)
        else:
            queryset = queryset.filter(agency=agency)
    return queryset.order_by("-updated_at", "-id")


def ledger_items(user, *, agency: Agency, year: int | None = None):
    """Published items of ``agency`` for the publication ledger, oldest first (404 for an agency
    the user does not work for)."""
    permissions.require(user, "view", agency)
    queryset = (
        Item.objects.filter(agency=agency, state=ItemState.PUBLISHED)
        .select_related("agency", "published_by", "reviewed_by")
        .prefetch_related("overrides")
    )
    if year:
        queryset = queryset.filter(published_on__year=year)
    return queryset.order_by("published_on", "id")


MAX_ID = 2**63 - 1


def _check_id(item_id: int) -> None:
    if not 0 < item_id <= MAX_ID:  # beyond any database integer: cannot exist
        raise NotFound("item_not_found", "未找到该政府信息", {"id": str(item_id)})


def item_for(user, item_id: int, *, action: str = "view") -> Item:
    """An item of an agency where ``user`` may perform ``action`` (404 for other agencies)."""
    _check_id(item_id)
    return permissions.get_for(
        user,
        Item.objects.select_related(
            "agency", "successor", "interprets", "created_by", "screened_by", "reviewed_by", "published_by"
        ),
        action=action,
        pk=item_id,
    )


def visible_item(user, item_id: int) -> Item:
    """An item a user may refer to (interprets, successor): public, or of the user's agencies."""
    _check_id(item_id)
    queryset = permissions.scope_or_public(user, Item.objects.all(), PUBLIC)
    item = queryset.filter(pk=item_id).first()
    if item is None:
        raise NotFound("item_not_found", "未找到该政府信息", {"id": item_id})
    return item


def public_interpretations():
    return (
        public_items()
        .filter(genre=Genre.INTERPRETATION)
        .select_related("interprets")
        .order_by("-published_on", "-id")
    )


def agency_columns(agency: Agency):
    return Column.objects.filter(agency=agency).order_by("order", "id")


def art20_categories(agency_ids) -> dict[int, list[int] | None]:
    """The recorded Art. 20 categories of each agency (one query); None where never recorded."""
    agency_ids = list(agency_ids)
    recorded = dict(
        CatalogSettings.objects.filter(agency_id__in=agency_ids).values_list("agency_id", "art20_categories")
    )
    return {agency_id: recorded.get(agency_id) for agency_id in agency_ids}


def applicable_categories(recorded: list[int] | None) -> list[int]:
    """The categories the self-check holds the agency to: the recorded ones, or (一)(二)."""
    return sorted(set(recorded or ()) | set(ALWAYS_APPLICABLE))


def column_counts(agency: Agency) -> dict[str, int]:
    rows = Item.objects.public().filter(agency=agency).values("columns__code").annotate(n=Count("id"))
    return {row["columns__code"]: row["n"] for row in rows if row["columns__code"]}


def years_of(queryset) -> list[int]:
    """Publication years present in ``queryset``, newest first (one aggregate query)."""
    return [day.year for day in queryset.order_by().dates("published_on", "year", order="DESC")]


def items_per_year(agency: Agency | None = None) -> dict[int, int]:
    """Public items per publication year, each item counted once whatever its columns."""
    queryset = Item.objects.public()
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    rows = queryset.order_by().values("published_on__year").annotate(count=Count("id"))
    return {row["published_on__year"]: row["count"] for row in rows if row["published_on__year"]}


def statistics(agency: Agency | None = None) -> list[dict]:
    """Public items per column per year: [{column, name, year, count}] (column names as the agency's)."""
    queryset = Item.objects.public()
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    rows = (
        queryset.filter(columns__isnull=False)
        .values("columns__code", "columns__name", "published_on__year")
        .annotate(count=Count("id", distinct=True))
        .order_by("columns__code", "published_on__year")
    )
    return [
        {
            "column": row["columns__code"],
            "name": row["columns__name"],
            "year": row["published_on__year"],
            "count": row["count"],
        }
        for row in rows
    ]
