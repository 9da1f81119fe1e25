from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "gongkai.proposals"
    verbose_name = "建议提案办理"

    def ready(self):
        from gongkai.audit import labels as audit_labels
        from gongkai.core.demo import register as demo_register
        from gongkai.proposals import demo, selfcheck_indicators
        from gongkai.workbench import registry

        registry.register_menu("建议提案", "proposals_staff:list", order=37)
        demo_register("建议提案示例", demo.load, order=66)
        audit_labels.register_actions(
            {
                "proposals.create": "登记建议提案",
                "proposals.extend": "建议提案延期答复",
                "proposals.answer": "答复建议提案",
                "proposals.rate": "登记代表委员满意度",
                "proposals.second_answer": "再次答复建议提案",
                "proposals.publish": "公开建议提案答复",
                "proposals.co_views": "提交协办意见",
                "proposals.views_due": "设定协办意见截止日期",
                "proposals.year_report": "公开建议提案办理总体情况",
                "proposals.task_create": "分解重点工作任务",
                "proposals.task_progress": "报送重点工作进展",
            }
        )
        audit_labels.register_objects(
            {
                "proposals.proposal": "建议提案",
                "proposals.cohandler": "协办",
                "proposals.yearreport": audit_labels.ObjectKind(
                    "建议提案办理总体情况", lambda row: f"{row.agency.name}{row.year}年"
                ),
                "proposals.keytask": "重点工作任务",
            }
        )
        selfcheck_indicators.register()
