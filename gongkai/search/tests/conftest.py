import datetime as dt

import pytest

from gongkai.search import indexing


@pytest.fixture
def add(tree):
    """Index a public document of dept_a (or as overridden) and return it."""
    counter = {"n": 0}

    def make(title, body="", **fields):
        counter["n"] += 1
        n = counter["n"]
        entry = indexing.Entry(
            key=fields.pop("key", f"test:{n}"),
            title=title,
            body=body,
            agency=fields.pop("agency", tree["dept_a"]),
            index_no=fields.pop("index_no", f"TEST/2024-{n:05d}"),
            published_on=fields.pop("published_on", dt.date(2024, 1, 1) + dt.timedelta(days=n)),
            genre=fields.pop("genre", "notice"),
            **fields,
        )
        return indexing.index_document(entry)

    return make
