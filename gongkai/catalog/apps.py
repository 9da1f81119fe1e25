from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = "主动公开目录"

    def ready(self):
        from django.db.models.signals import post_save

        from gongkai.agencies.models import Agency
        from gongkai.catalog import columns
        from gongkai.core import reference

        post_save.connect(columns.on_agency_saved, sender=Agency, dispatch_uid="catalog.default_columns")
        reference.register("catalog.default_columns", columns.seed_all)
