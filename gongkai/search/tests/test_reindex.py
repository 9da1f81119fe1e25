"""manage.py reindex walks registered providers in batches, resumably."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.agencies.models import Agency
from gongkai.search import indexing, selectors
from gongkai.search.models import ReindexCheckpoint, SearchDocument


@pytest.fixture
def agencies_provider(tree):
    """Agencies as searchable records (the town is 'not public')."""

    def to_document(agency):
        if agency.code == "town":
            return None
        return indexing.Entry(key=f"test.agency:{agency.pk}", title=f"{agency.name}机构概况", agency=agency)

    provider = indexing.register_provider("test.agency", lambda: Agency.objects.all(), to_document)
    yield provider
    indexing._providers.pop("test.agency", None)


def reindex(*args):
    out = StringIO()
    call_command("reindex", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_reindex_indexes_what_the_provider_offers_and_nothing_else(agencies_provider):
    reindex("--provider", "test.agency", "--batch-size", "2")
    assert SearchDocument.objects.filter(key__startswith="test.agency:").count() == 3
    assert selectors.count(selectors.parse("机构概况")) == 3
    assert not ReindexCheckpoint.objects.exists()


def test_reindex_resumes_after_the_checkpoint(agencies_provider, tree):
    ReindexCheckpoint.objects.create(provider="test.agency", last_pk=tree["dept_a"].pk)
    reindex("--provider", "test.agency")
    titles = set(SearchDocument.objects.values_list("title", flat=True))
    assert "测试市人民政府机构概况" not in titles and "测试市乙局机构概况" in titles


def test_reindex_clear_drops_stale_documents(agencies_provider, add):
    add("过时的文档", key="test.agency:999999")
    reindex("--provider", "test.agency", "--clear")
    assert not SearchDocument.objects.filter(key="test.agency:999999").exists()
    assert selectors.count(selectors.parse("过时")) == 0


def test_unknown_provider_is_an_error(db):
    with pytest.raises(CommandError):
        reindex("--provider", "nope")


@pytest.fixture
def catalogue(tree):
    """Seven published catalogue items of dept_a and one draft, indexed as published."""
    import datetime as dt

    from gongkai.catalog import services
    from gongkai.core.system import SYSTEM

    items = []
    for n in range(8):
        item = services.create_item(
            actor=SYSTEM,
            agency=tree["dept_a"],
            title=f"关于第{n}批重建检索的通知",
            genre="notice",
            formed_on=dt.date(2026, 1, 5),
            body=f"第{n}批正文：政务公开重建检索。",
        )
        if n != 3:
            item = services.publish_item(item, actor=SYSTEM, on=dt.date(2026, 1, 9))
        items.append(item)
    return items


def search_state():
    return sorted(SearchDocument.objects.values_list("key", "title", "index_no", "columns"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("workers", [0, 2])
def test_reindex_clear_in_worker_processes_rebuilds_the_same_index(catalogue, workers):
    before = search_state()
    assert len(before) == 7
    out = reindex("--clear", "--provider", "catalog.item", "--batch-size", "2", "--workers", str(workers))
    assert search_state() == before
    assert selectors.count(selectors.parse("重建检索")) == 7
    assert "catalog.item：已处理 7 / 7 条（100%）" in out and "已索引 7 条" in out
    assert not ReindexCheckpoint.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_reindex_resumes_after_the_checkpoint(catalogue):
    before = search_state()
    indexing.clear("catalog.item")
    ReindexCheckpoint.objects.create(provider="catalog.item", last_pk=catalogue[4].pk, done=4)
    out = reindex("--provider", "catalog.item", "--batch-size", "1", "--workers", "2")
    assert "已处理 3 / 3 条" in out
    assert search_state() == [state for state in before if int(state[0].split(":")[1]) > catalogue[4].pk]
