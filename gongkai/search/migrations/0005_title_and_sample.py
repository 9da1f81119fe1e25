"""Structures for very common terms (issue 19): a sample to estimate counts from, and a title index
to find the documents ranked above recency. Filled here for documents indexed before."""

import django.db.models.deletion
from django.db import migrations, models

import gongkai.search.models

# Kept in step with backends/ (a migration must not import code that may change).
BUCKETS, MULTIPLIER, SQLITE_LEVEL, PG_LEVELS = 1024, 40503, 52, (52, 6)
FTS5_SAMPLE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_sample USING fts5("
    "body, content='', tokenize='ascii', detail='full')"
)
FTS5_TITLE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_title USING fts5("
    "title, number, content='', tokenize='ascii', detail='full')"
)


def _bigrams(compacted):
    if not compacted:
        return ""
    return " ".join([compacted[i : i + 2] for i in range(len(compacted) - 1)] + [compacted[-1]])


def _title_literal(title_key, number_key):
    grams = set(title_key)
    grams.update(title_key[i : i + 2] for i in range(len(title_key) - 1))
    grams.update("#" + number_key[i : i + 2] for i in range(len(number_key) - 1))
    grams.update("#" + char for char in number_key)
    return " ".join(f"'{gram}'" for gram in grams)


def create(apps, schema_editor):
    from gongkai.search.text import searchable  # the tokens must be the index's own

    vendor = schema_editor.connection.vendor
    documents = apps.get_model("search", "SearchDocument").objects.order_by("pk")
    if vendor == "sqlite":
        schema_editor.execute(FTS5_SAMPLE_SQL)
        schema_editor.execute(FTS5_TITLE_SQL)
        bodies = dict(apps.get_model("search", "SearchText").objects.values_list("pk", "body"))
        with schema_editor.connection.cursor() as cursor:
            for pk, title, title_key, number_key in documents.values_list(
                "pk", "title", "title_key", "doc_number_key"
            ).iterator():
                cursor.execute(
                    "INSERT INTO search_fts_title(rowid, title, number) VALUES (%s, %s, %s)",
                    [pk, _bigrams(title_key), _bigrams(number_key)],
                )
                if (pk * MULTIPLIER) % BUCKETS < SQLITE_LEVEL:
                    stream = searchable(title) + searchable(bodies.get(pk, ""))
                    cursor.execute(
                        "INSERT INTO search_fts_sample(rowid, body) VALUES (%s, %s)", [pk, _bigrams(stream)]
                    )
    elif vendor == "postgresql":
        title_model = apps.get_model("search", "SearchTitle")
        title_model.objects.bulk_create(
            (
                title_model(document_id=pk, tsv=_title_literal(title_key, number_key))
                for pk, title_key, number_key in documents.values_list("pk", "title_key", "doc_number_key").iterator()
            ),
            batch_size=2000,
        )
        with schema_editor.connection.cursor() as cursor:  # no parameters: "%" is the operator
            cursor.execute("CREATE INDEX IF NOT EXISTS search_title_tsv_gin ON search_searchtitle USING gin (tsv)")
            for level in PG_LEVELS:
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS search_section_sample{level}_gin ON search_searchsection "
                    f"USING gin (tsv) WHERE (document_id * {MULTIPLIER}) % {BUCKETS} < {level}"
                )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_sample")
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_title")
    elif vendor == "postgresql":
        for level in PG_LEVELS:
            schema_editor.execute(f"DROP INDEX IF EXISTS search_section_sample{level}_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_section_content"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchTitle",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="search.searchdocument",
                    ),
                ),
                ("tsv", gongkai.search.models.TsVectorField()),
            ],
        ),
        migrations.RunPython(create, drop),
    ]
