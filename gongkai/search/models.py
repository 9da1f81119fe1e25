"""The search app's own copy of what is searchable.

``SearchDocument`` holds the metadata a result shows and filters on, plus the full text (for
snippets and for recomputing index tokens). The full-text structures themselves are
backend-specific: FTS5 tables on SQLite (migrations 0002, 0005), sections of text under GIN
expression indexes on PostgreSQL (migration 0006; see ``backends/``).
"""

from django.db import models


class SearchDocument(models.Model):
    """One searchable record, identified by ``key`` (``"<provider>:<id>"``, e.g. ``catalog.item:42``)."""

    key = models.CharField(max_length=120, unique=True)
    index_no = models.CharField("索引号", max_length=120, blank=True, db_index=True)
    title = models.CharField("标题", max_length=500)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="发布机构", on_delete=models.CASCADE, related_name="+"
    )
    # Agency.path at indexing time: subtree filters are a prefix match.
    agency_path = models.CharField(max_length=700, db_index=True)
    genre = models.CharField("体裁分类", max_length=24, blank=True)
    # "|code|code|": a column filter is a substring match on a short string.
    columns = models.CharField("栏目", max_length=1000, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    validity = models.CharField("有效性", max_length=12, blank=True)
    public = models.BooleanField("公开", default=False)
    url = models.CharField(max_length=300, blank=True)
    # Searchable forms (normalised, punctuation removed) for ranking and exact look-ups.
    title_key = models.CharField(max_length=500, blank=True)
    doc_number_key = models.CharField(max_length=100, blank=True, db_index=True)
    index_no_key = models.CharField(max_length=120, blank=True, db_index=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "检索文档"
        verbose_name_plural = "检索文档"
        indexes = [
            models.Index(fields=["public", "published_on"], name="search_doc_public_date"),
        ]

    def __str__(self):
        return f"{self.key} {self.title}"

    @classmethod
    def on_agency_merge(cls, old, new, field_name):
        """Documents follow their records to the successor (and into its subtree)."""
        return cls.objects.filter(agency=old).update(agency=new, agency_path=new.path)


class SearchText(models.Model):
    """The full text of a document, apart so that the metadata rows stay narrow (facets and
    ranking scan them); read for snippets and to recompute a document's tokens."""

    document = models.OneToOneField(
        SearchDocument, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    body = models.TextField("正文文本", blank=True)

    def __str__(self):
        return str(self.document_id)


class TsVectorField(models.TextField):
    """``tsvector`` on PostgreSQL; plain text elsewhere (the table then stays empty)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchSection(models.Model):
    """PostgreSQL backend: one piece of a document's token stream. Its grams are not stored: the GIN
    indexes are over ``gongkai_grams(content)``, computed by the server (migration 0006)."""

    # No index of its own: the unique (document, ordinal) constraint leads with it.
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="+", db_index=False)
    ordinal = models.PositiveSmallIntegerField()
    content = models.TextField(default="")  # the section's searchable text: indexed, and confirms long terms

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "ordinal"], name="search_section_per_document")
        ]

    def __str__(self):
        return f"{self.document_id}#{self.ordinal}"


class SearchTerm(models.Model):
    """A word seen in indexed titles: the vocabulary of "did you mean" suggestions."""

    word = models.CharField(max_length=40, unique=True)
    length = models.PositiveSmallIntegerField(db_index=True)

    def __str__(self):
        return self.word


class ReindexCheckpoint(models.Model):
    """Where ``manage.py reindex`` stopped for a provider, so a new run resumes there."""

    provider = models.CharField(max_length=60, unique=True)
    last_pk = models.BigIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.provider}@{self.last_pk}"
