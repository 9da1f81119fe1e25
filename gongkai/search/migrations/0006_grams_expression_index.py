"""PostgreSQL (issue 19): no stored tsvector. The sections' GIN indexes are expression indexes over
``gongkai_grams(content)``, an immutable SQL function computing the bigrams of the section text
(and its last character) on the server, so only the text is stored (the tsvectors were ~10 KB per section,
the index 2.7–6.5× the text).

On an existing database this migration rewrites the section table (``CLUSTER`` by document: the
dropped column's TOASTed tsvectors are given back to the file system) and builds the new indexes
from the text already there; no ``reindex`` is needed. It holds an exclusive lock on the section
table meanwhile (search waits): at 100,000 documents a few minutes on a loaded 2-core machine
(bench/README.md). SQLite is unaffected (the column is dropped from an empty table)."""

from django.db import migrations

# Kept in step with backends/postgres.py (a migration must not import code that may change).
# The bigrams of the text and its last character (every position starts a gram: a character is
# found as the prefix of its gram, ``'x':*``). The text holds letters and digits only
# (``text.searchable``): no spaces, so splitting it into pairs at even and at odd offsets gives
# every bigram; the last piece of a split (one character, or "" after the final separator) is the
# last character or is removed.
GRAMS_FUNCTION_SQL = r"""
CREATE OR REPLACE FUNCTION gongkai_grams(content text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT array_to_tsvector(array_remove(
    string_to_array(regexp_replace(content, '(..)', '\1 ', 'g'), ' ')
    || string_to_array(regexp_replace(substr(content, 2), '(..)', '\1 ', 'g'), ' ')
    || right(content, 1),
    ''))
$$
"""
BUCKETS, MULTIPLIER, LEVELS = 1024, 40503, (52, 6)
OLD_NAMES = ("search_section_tsv_gin", *(f"search_section_sample{level}_gin" for level in LEVELS))
NEW_NAMES = ("search_section_grams_gin", *(f"search_section_sample{level}_gin" for level in LEVELS))


def _indexes(names, expression):
    main, *samples = names
    sql = [f"CREATE INDEX IF NOT EXISTS {main} ON search_searchsection USING gin ({expression})"]
    sql += [  # no parameters: "%" is the operator
        f"CREATE INDEX IF NOT EXISTS {name} ON search_searchsection USING gin ({expression}) "
        f"WHERE (document_id * {MULTIPLIER}) % {BUCKETS} < {level}"
        for name, level in zip(samples, LEVELS, strict=True)
    ]
    return sql


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(GRAMS_FUNCTION_SQL)
        cursor.execute("SELECT EXISTS (SELECT 1 FROM search_searchsection)")
        if cursor.fetchone()[0]:
            # Rewrite the table without the dropped column's values (ALTER … DROP COLUMN only hides them).
            cursor.execute("CLUSTER search_searchsection USING search_section_per_document")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for sql in _indexes(NEW_NAMES, "gongkai_grams(content)"):
            cursor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in NEW_NAMES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def restore_tsvectors(apps, schema_editor):
    """Reverse: the tsvector column is back (empty vectors): fill it from the text (the old
    tsvectors also held every character), old indexes."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_searchsection "
            "SET tsv = gongkai_grams(content) || array_to_tsvector(string_to_array(content, NULL))"
        )
        cursor.execute("DROP FUNCTION IF EXISTS gongkai_grams(text)")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for sql in _indexes(OLD_NAMES, "tsv"):
            cursor.execute(sql)


def drop_column(apps, schema_editor):
    # PostgreSQL drops the old GIN indexes with the column.
    schema_editor.execute("ALTER TABLE search_searchsection DROP COLUMN tsv")


def add_column(apps, schema_editor):
    """Reverse: the column back, holding empty vectors (RemoveField's reverse would add it without
    a default and fail on the rows there)."""
    postgresql = schema_editor.connection.vendor == "postgresql"
    kind = "tsvector" if postgresql else "text"
    schema_editor.execute(f"ALTER TABLE search_searchsection ADD COLUMN tsv {kind} NOT NULL DEFAULT ''")
    if postgresql:
        schema_editor.execute("ALTER TABLE search_searchsection ALTER COLUMN tsv DROP DEFAULT")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_title_and_sample"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_tsvectors),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_column, add_column)],
            state_operations=[migrations.RemoveField(model_name="searchsection", name="tsv")],
        ),
        migrations.RunPython(forward, backward),
    ]
