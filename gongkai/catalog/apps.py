from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = "主动公开目录"

    def ready(self):
        from django.db.models.signals import post_save

        from gongkai.agencies.models import Agency
        from gongkai.audit import labels as audit_labels
        from gongkai.catalog import columns, demo, search_index, selfcheck_demo, selfcheck_indicators, todos
        from gongkai.catalog.publication_clock import refresh_after_calendar_change
        from gongkai.core import reference
        from gongkai.core.demo import register as demo_register
        from gongkai.workbench import registry
        from gongkai.workdays.signals import calendar_changed

        calendar_changed.connect(refresh_after_calendar_change, dispatch_uid="catalog.publication_clocks")
        post_save.connect(columns.on_agency_saved, sender=Agency, dispatch_uid="catalog.default_columns")
        reference.register("catalog.default_columns", columns.seed_all)
        registry.register_menu("主动公开", "catalog_staff:list", order=20)
        registry.register_menu("批量导入", "catalog_staff:import_upload", order=30, minimum="edit")
        demo_register("主动公开目录示例", demo.load, order=30)
        demo_register("第二十条适用类别示例", selfcheck_demo.record_categories, order=84)
        demo_register("栏目情况说明示例", selfcheck_demo.load, order=85)
        registry.register_todo("catalog.due", todos.publication_todos)
        search_index.register()
        audit_labels.register_actions(
            {
                "item.create": "起草政府信息",
                "item.update": "修改草稿",
                "item.delete_draft": "删除草稿",
                "item.attach": "上传附件",
                "item.screen": "保密审查",
                "item.review": "审核通过",
                "item.publish": "发布政府信息",
                "item.abolish": "标记废止",
                "item.amend": "标记已修改",
                "item.set_internal": "设置仅内部可见或恢复公开",
                "catalog.create_column": "新建栏目",
                "catalog.update_column": "修改栏目",
                "catalog.set_index_pattern": "设置索引号格式",
                "catalog.set_four_eyes": "设置双人复核",
                "catalog.set_art20_categories": "设置适用的第二十条信息类别",
            }
        )
        audit_labels.register_objects(
            {
                "catalog.item": "政府信息",
                "catalog.attachment": "附件",
                "catalog.column": "栏目",
                "catalog.catalogsettings": audit_labels.ObjectKind("目录设置", lambda row: row.agency.name),
            }
        )
        selfcheck_indicators.register()
