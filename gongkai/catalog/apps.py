from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = "主动公开目录"

    def ready(self):
        from django.db.models.signals import post_save

        from gongkai.agencies.models import Agency
        from gongkai.catalog import columns, demo, search_index, selfcheck_demo, selfcheck_indicators, todos
        from gongkai.core import reference
        from gongkai.core.demo import register as demo_register
        from gongkai.workbench import registry

        post_save.connect(columns.on_agency_saved, sender=Agency, dispatch_uid="catalog.default_columns")
        reference.register("catalog.default_columns", columns.seed_all)
        registry.register_menu("主动公开", "catalog_staff:list", order=20)
        registry.register_menu("批量导入", "catalog_staff:import_upload", order=30, minimum="edit")
        demo_register("主动公开目录示例", demo.load, order=30)
        demo_register("栏目情况说明示例", selfcheck_demo.load, order=85)
        registry.register_todo("catalog.due", todos.publication_todos)
        search_index.register()
        selfcheck_indicators.register()
