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
