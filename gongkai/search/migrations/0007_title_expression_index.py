"""PostgreSQL (issue 19): the title index without a table of its own. ``SearchTitle`` stored each
document's title and 文号 grams as a tsvector under a GIN index; the same GIN index is now an
expression index on the documents, over ``gongkai_title_grams(title_key, doc_number_key)``
(computed by the server from columns the documents already have), so no tsvector is stored and
the full-text structures come under twice the text on the worst-case corpus (bench/README.md).

On an existing database the index is built from the documents' columns (no ``reindex``); the
titles table is dropped. SQLite is unaffected (its title index is the FTS5 table of 0005; the
``SearchTitle`` table there was always empty)."""

from django.db import migrations

# Kept in step with backends/postgres.py (a migration must not import code that may change).
# Every character and bigram of the title, and of the 文号 behind "#" (its own namespace). The
# keys hold letters and digits only, so splitting into pairs at even and at odd offsets gives
# every bigram (the pieces of one character are characters, the empty ones are removed).
TITLE_GRAMS_FUNCTION_SQL = r"""
CREATE OR REPLACE FUNCTION gongkai_title_grams(title text, number text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT array_to_tsvector(array_remove(array_remove(
    string_to_array(title, NULL)
    || string_to_array(regexp_replace(title, '(..)', '\1 ', 'g'), ' ')
    || string_to_array(regexp_replace(substr(title, 2), '(..)', '\1 ', 'g'), ' ')
    || ARRAY(SELECT '#' || gram FROM unnest(
        string_to_array(number, NULL)
        || string_to_array(regexp_replace(number, '(..)', '\1 ', 'g'), ' ')
        || string_to_array(regexp_replace(substr(number, 2), '(..)', '\1 ', 'g'), ' ')
    ) AS gram),
    ''), '#'))
$$
"""
INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS search_document_title_gin ON search_searchdocument "
    "USING gin (gongkai_title_grams(title_key, doc_number_key))"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(TITLE_GRAMS_FUNCTION_SQL)
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute(INDEX_SQL)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_title_gin")


def refill_titles(apps, schema_editor):
    """Reverse: the titles table is back (empty): fill it from the documents, its GIN index."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_searchtitle (document_id, tsv) "
            "SELECT id, gongkai_title_grams(title_key, doc_number_key) FROM search_searchdocument"
        )
        cursor.execute("DROP FUNCTION IF EXISTS gongkai_title_grams(text, text)")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS search_title_tsv_gin ON search_searchtitle USING gin (tsv)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_grams_expression_index"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, refill_titles),
        migrations.DeleteModel(name="SearchTitle"),
        migrations.RunPython(forward, backward),
    ]
