"""Indexes for one database backend only, declared in ``Meta.indexes`` like any other.

The annual report's covering indexes differ by backend: SQLite walks them by skip-scan through
the leading low-cardinality columns, PostgreSQL (no skip scan before 18) needs the agency first
(docs/decisions.md, "One query per table"). Declaring them in the owning model keeps them in
Django's model state, so a table rebuild on SQLite (any ``AlterField``) recreates them instead of
silently dropping them, as it did with the raw SQL they replace.

On the other backend the index's SQL is a comment: nothing is created or dropped there.
"""

from django.db import models

VENDORS = ("sqlite", "postgresql")


class BackendIndex(models.Index):
    """``models.Index`` created only on ``vendor`` (``"sqlite"`` or ``"postgresql"``)."""

    def __init__(self, *args, vendor: str, **kwargs):
        if vendor not in VENDORS:
            raise ValueError(f"BackendIndex vendor must be one of {VENDORS}, not {vendor!r}")
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def applies_to(self, connection) -> bool:
        return connection.vendor == self.vendor

    def _skipped(self) -> str:
        return f"-- index {self.name}: {self.vendor} only"

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if not self.applies_to(schema_editor.connection):
            return self._skipped()
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if not self.applies_to(schema_editor.connection):
            return self._skipped()
        return super().remove_sql(model, schema_editor, **kwargs)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs["vendor"] = self.vendor
        return path, args, kwargs
