from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    verbose_name = "机构与人员"

    def ready(self):
        from gongkai.agencies import checks, demo  # noqa: F401
        from gongkai.audit import labels as audit_labels
        from gongkai.core.demo import register

        register("机构与演示账号", demo.load, order=0)
        audit_labels.register_actions(
            {
                "agency.create": "新增机构",
                "agency.update": "修改机构信息",
                "agency.move": "调整上级机构",
                "agency.merge": "机构合并",
                "membership.set": "设置人员角色",
                "membership.remove": "取消人员角色",
                "user.create": "新建账号",
                "user.update": "修改账号",
                "user.set_password": "重设账号密码",
            }
        )
        audit_labels.register_objects(
            {
                "agencies.agency": "机构",
                "agencies.membership": audit_labels.ObjectKind("人员角色", _membership),
                "auth.user": audit_labels.ObjectKind("账号", _account),
            }
        )


def _membership(membership) -> str:
    from gongkai.agencies.names import staff_name

    return f"{staff_name(membership.user)}在{membership.agency.name}：{membership.get_role_display()}"


def _account(user) -> str:
    from gongkai.agencies.names import staff_name

    name = staff_name(user)
    return name if name == user.get_username() else f"{name}（{user.get_username()}）"
