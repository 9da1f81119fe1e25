"""The agency tree (government → departments → towns) and staff membership."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    TOWN = "town", "乡镇（街道）"
    OTHER = "other", "其他机构"


code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$", "机构代码只能包含英文字母、数字、下划线和连字符，最长32位"
)
index_prefix_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$", "索引号前缀只能包含英文字母、数字和连字符，最长40位"
)


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def subtree_of(self, agency):
        """The agency and every agency below it (materialized path prefix)."""
        return self.filter(path__startswith=agency.path)


class Agency(models.Model):
    # Agencies that were merged away stay (their records and URLs point at them) but are
    # inactive and carry ``merged_into``.
    AGENCY_MERGE = "keep"

    code = models.CharField("机构代码", max_length=32, unique=True, validators=[code_validator])
    name = models.CharField("机构名称", max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # "/<id>/<id>/.../" from the root: subtree queries are a prefix match on an indexed column.
    path = models.CharField(max_length=700, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    kind = models.CharField(
        "机构类型", max_length=16, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT
    )
    index_prefix = models.CharField("索引号前缀", max_length=40, validators=[index_prefix_validator])
    region = models.CharField(
        "节假日地区", max_length=32, blank=True, help_text="适用地方性节假日时填写地区代码"
    )
    active = models.BooleanField("有效", default=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name="并入机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    merged_on = models.DateField("并入日期", null=True, blank=True)
    sort_order = models.IntegerField("排序", default=0)
    address = models.CharField("办公地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["path", "sort_order", "id"]

    def __str__(self):
        return self.name

    @classmethod
    def on_agency_merge(cls, old, new, field_name):
        """Children of an abolished agency move under its successor; other links stay."""
        if field_name != "parent":
            return 0
        from gongkai.agencies.tree import reparent

        children = list(old.children.all())
        for child in children:
            reparent(child, new)
        return len(children)

    def successor(self):
        """The agency that now holds this one's records (itself when not merged)."""
        agency, seen = self, set()
        while agency.merged_into_id and agency.pk not in seen:
            seen.add(agency.pk)
            agency = agency.merged_into
        return agency

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        by_id = Agency.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id and i != self.pk]


class Role(models.TextChoices):
    HANDLER = "handler", "经办人"
    REVIEWER = "reviewer", "审核人"
    AGENCY_ADMIN = "agency_admin", "机构管理员"
    # The disclosure office (政务公开办) of a government: administers its agency and sees the
    # agency's whole subtree.
    DISCLOSURE_OFFICE = "disclosure_office", "政务公开办"


class Membership(models.Model):
    """A staff user's role at one agency."""

    # Staff are not moved with an abolished agency's records: access is granted explicitly.
    AGENCY_MERGE = "keep"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "工作人员角色"
        verbose_name_plural = "工作人员角色"
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="one_role_per_agency")]

    def __str__(self):
        return f"{self.user} @ {self.agency}: {self.get_role_display()}"


class AccountSecurity(models.Model):
    """Sign-in state of a staff account that Django's user model does not hold.

    ``must_change_password`` is set when someone other than the holder chose the password (an
    administrator creating the account or resetting it), and cleared when the holder changes it.
    Accounts created from the command line (``createsuperuser``, the demo) have no row: nobody
    else knows their password.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security")
    must_change_password = models.BooleanField("首次登录须修改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    class Meta:
        verbose_name = "账号安全状态"
        verbose_name_plural = "账号安全状态"

    def __str__(self):
        return f"{self.user}：{'须修改密码' if self.must_change_password else '正常'}"
