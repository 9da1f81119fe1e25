from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self):
        from django.db.models.signals import post_save

        from gongkai.agencies.models import Agency
        from gongkai.applications import demo, guide_signals, selfcheck_indicators
        from gongkai.applications.stored_clock import refresh_after_calendar_change
        from gongkai.applications.todos import applications_todo, corrections_todo, pauses_todo
        from gongkai.applications.vocabulary import Action
        from gongkai.applications.year_end_warnings import home_warnings
        from gongkai.audit import labels as audit_labels
        from gongkai.core.demo import register
        from gongkai.workbench import registry
        from gongkai.workdays.signals import calendar_changed

        calendar_changed.connect(refresh_after_calendar_change, dispatch_uid="applications.clocks")
        register("依申请公开演示申请", demo.load, order=40)
        registry.register_menu("依申请公开", "applications_staff:index", order=30, minimum="view")
        registry.register_todo("applications.due", applications_todo)
        registry.register_todo("applications.online_corrections", corrections_todo)
        registry.register_todo("applications.pauses", pauses_todo)
        registry.register_menu(
            "政府信息公开指南", "applications_staff:guide_settings", order=31, minimum="view"
        )
        post_save.connect(guide_signals.agency_saved, sender=Agency, dispatch_uid="applications.guide")
        registry.register_warning("applications.unconfirmed_year", home_warnings)
        audit_labels.register_family("application.", dict(Action.choices()))
        audit_labels.register_actions(
            {
                "application.correction_submitted": "申请人网上提交补正材料",
                "application.online_correction.received": "登记收到网上补正材料",
                "application.guide_settings.update": "修改政府信息公开指南设置",
                "application.guide.publish": "发布政府信息公开指南",
                "application.extension_approval.upload": "上传延期审批文件",
                "application.settings.update": "修改依申请公开设置",
                "application.review.file": "登记行政复议或诉讼",
                "application.review.decide": "登记复议或诉讼结果",
                "application.letter_template.upload": "上传文书模板",
                "application.letter_template.reset": "恢复默认文书模板",
            }
        )
        audit_labels.register_objects(
            {
                "applications.application": audit_labels.ObjectKind(
                    "政府信息公开申请", lambda application: application.tracking_code
                ),
                "applications.review": "复议诉讼",
                "applications.applicationsettings": audit_labels.ObjectKind(
                    "依申请公开设置", lambda row: row.agency.name
                ),
                "applications.extensionapproval": audit_labels.ObjectKind(
                    "延期审批文件", lambda row: row.name
                ),
                "applications.guidesettings": audit_labels.ObjectKind(
                    "公开指南设置", lambda row: row.agency.name
                ),
                "applications.lettertemplate": audit_labels.ObjectKind("文书模板", _letter_kind),
            }
        )
        selfcheck_indicators.register()


def _letter_kind(template) -> str:
    from gongkai.applications.letters import texts

    return f"{template.agency.name}：{texts.KINDS.get(template.kind, (template.kind,))[0]}"
