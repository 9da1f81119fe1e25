from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "gongkai.guides"
    verbose_name = "办事指南"

    def ready(self):
        from gongkai.audit import labels as audit_labels
        from gongkai.core.demo import register as demo_register
        from gongkai.guides import demo, search_index, selfcheck_indicators
        from gongkai.workbench import registry

        registry.register_menu("办事指南", "guides_staff:list", order=36)
        search_index.register()
        demo_register("办事指南示例", demo.load, order=65)
        audit_labels.register_actions(
            {
                "guides.create": "新建办事指南",
                "guides.update": "修改办事指南",
                "guides.publish": "公开办事指南",
                "guides.withdraw": "撤下办事指南",
                "guides.import": "导入办事指南表格",
                "guides.standard_import": "导入基层政务公开标准目录",
                "guides.standard_link": "标准目录事项关联栏目",
                "guides.standard_unlink": "取消标准目录事项与栏目的关联",
                "guides.standard_channel": "确认标准目录事项的公开渠道",
                "guides.powers_import": "导入权责清单",
            }
        )
        audit_labels.register_objects(
            {
                "guides.guide": "办事指南",
                "guides.standardentry": "标准目录事项",
                "guides.powerlist": audit_labels.ObjectKind(
                    "权责清单", lambda row: f"{row.agency.name} 第{row.revision}版"
                ),
            }
        )
        selfcheck_indicators.register()
