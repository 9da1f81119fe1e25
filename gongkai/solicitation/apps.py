from django.apps import AppConfig


class SolicitationConfig(AppConfig):
    name = "gongkai.solicitation"
    verbose_name = "意见征集"

    def ready(self):
        from gongkai.audit import labels as audit_labels
        from gongkai.catalog import related as catalog_related
        from gongkai.core.demo import register as demo_register
        from gongkai.solicitation import demo, related, selfcheck_indicators, todos
        from gongkai.workbench import registry

        registry.register_menu("意见征集", "solicitation_staff:list", order=35)
        registry.register_todo("solicitation.feedback", todos.feedback_todos)
        catalog_related.register("solicitation", related.links_for_item)
        demo_register("意见征集示例", demo.load, order=60)
        audit_labels.register_actions(
            {
                "solicitation.create": "起草意见征集",
                "solicitation.update": "修改意见征集",
                "solicitation.attach": "上传征集附件",
                "solicitation.detach": "删除征集附件",
                "solicitation.publish": "发布意见征集",
                "solicitation.extend": "延长征集期限",
                "solicitation.link_final": "关联正式出台的文件",
                "solicitation.comment": "收到意见",
                "solicitation.register_comment": "登记其他渠道收到的意见",
                "solicitation.decide": "处理意见",
                "solicitation.group": "归并意见",
                "solicitation.decide_group": "处理一组意见",
                "solicitation.feedback": "公布意见采纳情况",
                "solicitation.note": "更新栏目情况说明",
                "solicitation.feedback_limit": "设置采纳情况公布时限",
            }
        )
        audit_labels.register_objects(
            {
                "solicitation.solicitation": "意见征集",
                "solicitation.attachment": "征集附件",
                "solicitation.comment": audit_labels.ObjectKind(
                    "意见", lambda comment: f"{comment.solicitation.title} 第{comment.number}条"
                ),
                "solicitation.commentgroup": "意见分组",
                "solicitation.feedback": audit_labels.ObjectKind(
                    "意见采纳情况", lambda feedback: feedback.solicitation.title
                ),
                "solicitation.agencysettings": "意见征集设置",
            }
        )
        selfcheck_indicators.register()
