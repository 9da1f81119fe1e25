from django.apps import AppConfig
from django.db import DatabaseError
from django.db.models.signals import post_migrate


def _drop_orphan_tokens(sender, using="default", **kwargs):
    """After a flush (tests, ``flush``) the FTS5 table, unknown to Django, may keep old rows."""
    from django.db import connections

    from gongkai.search.backends import get_backend
    from gongkai.search.models import SearchDocument

    if connections[using].vendor != "sqlite":
        return
    try:
        if not SearchDocument.objects.using(using).exists():
            get_backend(using).clear()
    except DatabaseError:  # the table may not exist yet during partial migrations
        pass


class SearchConfig(AppConfig):
    name = "gongkai.search"
    verbose_name = "全文检索"

    def ready(self):
        post_migrate.connect(_drop_orphan_tokens, sender=self)
