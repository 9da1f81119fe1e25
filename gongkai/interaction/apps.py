from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    verbose_name = "互动交流"

    def ready(self):
        from gongkai.audit import labels as audit_labels
        from gongkai.core.demo import register
        from gongkai.interaction import demo, search_index, selfcheck_indicators
        from gongkai.interaction.stored_clock import refresh_after_calendar_change
        from gongkai.interaction.todos import messages_todo
        from gongkai.interaction.vocabulary import Action
        from gongkai.workbench import registry
        from gongkai.workdays.signals import calendar_changed

        calendar_changed.connect(refresh_after_calendar_change, dispatch_uid="interaction.clocks")
        register("互动交流演示留言", demo.load, order=45)
        registry.register_menu("互动交流", "interaction_staff:index", order=35, minimum="view")
        registry.register_todo("interaction.due", messages_todo)
        search_index.register()
        audit_labels.register_family("message.", dict(Action.choices()))
        audit_labels.register_actions(
            {
                "message.limits": "设置留言答复时限",
                "faq.create": "新增常见问题",
                "faq.update": "修改常见问题",
                "message.to_faq": "转为常见问题",
            }
        )
        audit_labels.register_objects(
            {
                "interaction.message": audit_labels.ObjectKind(
                    "留言", lambda m: f"{m.title}（{m.tracking_code}）"
                ),
                "interaction.faq": "常见问题",
                "interaction.replylimits": audit_labels.ObjectKind("答复时限", lambda row: row.agency.name),
            }
        )
        selfcheck_indicators.register()
