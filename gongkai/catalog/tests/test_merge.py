import datetime as dt

from gongkai.agencies import services as agency_services
from gongkai.catalog.models import Column, Item
from gongkai.core.system import SYSTEM


def test_merging_agencies_moves_items_and_joins_columns_of_the_same_code(tree, published):
    item = published(agency=tree["dept_b"], genre="news")
    agency_services.merge_agencies(tree["dept_b"], tree["dept_a"], actor=SYSTEM, on=dt.date(2025, 1, 1))
    item = Item.objects.get(pk=item.pk)
    assert item.agency == tree["dept_a"]
    assert item.index_no == "000000003/2024-00001"  # numbers given stay as they are
    assert [column.agency_id for column in item.columns.all()] == [tree["dept_a"].pk]
    assert not Column.objects.filter(agency=tree["dept_b"]).exists()
    assert Column.objects.filter(agency=tree["dept_a"], code="news").count() == 1


def test_search_shows_merged_items_under_the_successor(tree, published):
    from gongkai.search.models import SearchDocument

    item = published(agency=tree["dept_b"])
    agency_services.merge_agencies(tree["dept_b"], tree["dept_a"], actor=SYSTEM, on=dt.date(2025, 1, 1))
    assert SearchDocument.objects.get(key=f"catalog.item:{item.pk}").agency_id == tree["dept_a"].pk
