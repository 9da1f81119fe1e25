"""The indexes in the database after ``migrate`` are exactly the ones the models declare.

Every non-unique index on a table of a gongkai model must be one Django's model state knows (a
``Meta.indexes`` entry, applying ``BackendIndex`` vendors, or a field's own index), so a table
rebuild keeps it; the few Django cannot express are listed in ``RAW_SQL`` with their owner. Runs on
both backends (the suite runs on SQLite and on PostgreSQL).
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from gongkai.core.indexes import BackendIndex

pytestmark = pytest.mark.django_db

# Indexes made by raw SQL because Django cannot express them, by vendor: (table, name).
RAW_SQL = {
    # search/migrations/0006_grams_expression_index.py: GIN over gongkai_grams(content), the whole
    # table and the sample's two partial ones; 0007: the documents' title GIN.
    "postgresql": {
        ("search_searchsection", "search_section_grams_gin"),
        ("search_searchsection", "search_section_sample52_gin"),
        ("search_searchsection", "search_section_sample6_gin"),
        ("search_searchdocument", "search_document_title_gin"),
    },
    "sqlite": set(),
}

# The annual report's covering indexes (reports/aggregates.py), by vendor: name → (table, columns).
REPORT_INDEXES = {
    "sqlite": {
        "application_report_year": (
            "applications_application",
            ["applicant_type", "outcome", "concluded_on", "received_on", "agency_id"],
        ),
        "application_report_received": ("applications_application", ["received_on", "agency_id"]),
        "review_report_filed": (
            "applications_review",
            ["kind", "filed_on", "decided_on", "result", "agency_id"],
        ),
    },
    "postgresql": {
        "application_report_agency_year": (
            "applications_application",
            ["agency_id", "concluded_on", "received_on", "applicant_type", "outcome"],
        ),
        "review_report_agency_filed": (
            "applications_review",
            ["agency_id", "filed_on", "kind", "decided_on", "result"],
        ),
    },
    "both": {
        "event_report_action": ("applications_applicationevent", ["action", "on", "application_id"]),
        "item_report_genre": (
            "catalog_item",
            ["genre", "state", "published_on", "abolished_on", "agency_id"],
        ),
        "item_report_published": ("catalog_item", ["published_on", "state", "agency_id", "id"]),
    },
}


def _models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("gongkai.") or model._meta.app_config.name.startswith("gongkai.")
        if model._meta.managed and not model._meta.proxy
    ]


def _present() -> dict[str, dict]:
    """Non-unique, non-primary indexes in the database on the gongkai models' tables: name → info."""
    found = {}
    with connection.cursor() as cursor:
        for model in _models():
            table = model._meta.db_table
            for name, info in connection.introspection.get_constraints(cursor, table).items():
                if info["index"] and not info["unique"] and not info["primary_key"]:
                    found[name] = {"table": table, "columns": info["columns"]}
    return found


def _declared() -> dict[str, str]:
    """The indexes Django's model state would create on this backend: name → table."""
    editor = connection.SchemaEditorClass(connection)
    expected = {}
    for model in _models():
        for statement in editor._model_indexes_sql(model):
            if isinstance(statement, str):  # a BackendIndex of the other vendor: a comment
                continue
            name = str(statement.parts["name"]).strip('"')
            expected[name] = model._meta.db_table
    return expected


def test_indexes_after_migrate_are_the_declared_ones():
    present = {name: info["table"] for name, info in _present().items()}
    expected = _declared() | {name: table for table, name in RAW_SQL[connection.vendor]}
    missing = sorted(set(expected) - set(present))
    unknown = sorted(set(present) - set(expected))
    assert not missing, f"declared but absent after migrate: {missing}"
    assert not unknown, f"in the database but unknown to the models (raw SQL?): {unknown}"
    assert all(present[name] == table for name, table in expected.items())


def test_report_indexes_have_their_backend_shape():
    present = _present()
    wanted = REPORT_INDEXES["both"] | REPORT_INDEXES[connection.vendor]
    for name, (table, columns) in wanted.items():
        assert name in present, name
        assert present[name] == {"table": table, "columns": columns}, name
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    assert not set(REPORT_INDEXES[other]) & set(present)
    # The raw-SQL copies of reports/migrations/0002–0004 are gone.
    moved = importlib.import_module("gongkai.reports.migrations.0006_indexes_moved_to_owners")
    assert not set(moved.RAW_SQL_INDEXES) & set(present)


def test_backend_index_is_only_a_comment_on_the_other_backend():
    from gongkai.applications.models import Application

    editor = connection.SchemaEditorClass(connection)
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    skipped = BackendIndex(fields=["received_on"], name="t_skipped", vendor=other)
    assert skipped.create_sql(Application, editor) == f"-- index t_skipped: {other} only"
    assert skipped.remove_sql(Application, editor) == f"-- index t_skipped: {other} only"
    applied = BackendIndex(fields=["received_on"], name="t_applied", vendor=connection.vendor)
    assert "t_applied" in str(applied.create_sql(Application, editor))
    assert applied.deconstruct()[2]["vendor"] == connection.vendor
    assert applied.clone() == applied and applied != skipped
    with pytest.raises(ValueError):
        BackendIndex(fields=["received_on"], name="t_bad", vendor="mysql")


@pytest.mark.django_db(transaction=True)
def test_altering_a_column_keeps_the_report_indexes():
    """Any ``AlterField`` on SQLite rebuilds the table (PostgreSQL alters it in place); the raw-SQL
    indexes used to vanish there. The column is widened and narrowed back on both backends."""
    from django.db import models

    from gongkai.applications.models import Application

    old = Application._meta.get_field("name")
    name, _path, args, kwargs = old.deconstruct()
    wider = models.CharField(*args, **{**kwargs, "max_length": old.max_length + 1})
    wider.set_attributes_from_name(name)
    wider.model = Application

    def on_the_table() -> set[str]:
        return {name for name, index in _present().items() if index["table"] == "applications_application"}

    before = on_the_table()
    assert {name for name in before if name.startswith("application_report_")}, before
    try:
        with connection.schema_editor() as editor:
            editor.alter_field(Application, old, wider)
        assert on_the_table() == before
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(Application, wider, old)
