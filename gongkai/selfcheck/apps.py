from django.apps import AppConfig


class SelfcheckConfig(AppConfig):
    name = "gongkai.selfcheck"
    verbose_name = "自查与监测"

    def ready(self):
        from gongkai.audit import labels as audit_labels
        from gongkai.core.demo import register as demo_register
        from gongkai.selfcheck import calendar_indicator, demo, todos
        from gongkai.workbench import registry

        calendar_indicator.register()
        registry.register_menu("自查评估", "selfcheck:overview", order=80)
        registry.register_menu("法定时限", "clocks:index", order=81)
        registry.register_todo("selfcheck.rectification", todos.rectification_todos)
        demo_register("自查示例", demo.load, order=90)
        audit_labels.register_actions(
            {
                "selfcheck.scheme_saved": "修改自查评分方案",
                "selfcheck.task_opened": "立项整改",
                "selfcheck.task_updated": "更新整改任务",
                "selfcheck.tasks_closed": "自动完成整改任务",
                "selfcheck.snapshot": "生成自查快照",
                "selfcheck.reminders": "发送期限提醒",
            }
        )
        audit_labels.register_objects(
            {
                "selfcheck.schemeversion": audit_labels.ObjectKind(
                    "自查评分方案", lambda v: f"第{v.number}版"
                ),
                "selfcheck.rectificationtask": "整改任务",
                "selfcheck.snapshot": "自查快照",
                "selfcheck.reminder": "期限提醒",
            }
        )
