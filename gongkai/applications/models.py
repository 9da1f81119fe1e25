"""Applications for government information (依申请公开), their events and review/litigation cases.

The events are the truth: an application's receipt date, deadline, pause and fee are derived from
its ``ApplicationEvent`` rows by the pure ``clock`` module. The columns ``received_on``,
``concluded_on``, ``outcome``, ``state``, ``due_on``, ``paused``, ``late`` and ``fee_amount`` are a
cache that the services rewrite after every event (``manage.py rebuild_application_clocks``
rebuilds them all), kept so that lists, dashboards and the annual report are plain indexed queries.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.applications.choices import (
    Action,
    ApplicantType,
    Channel,
    Delivery,
    Format,
    IdType,
    Outcome,
    ReviewKind,
    ReviewResult,
    SignOff,
    State,
)
from gongkai.core.append_only import AppendOnlyError, AppendOnlyModel
from gongkai.core.indexes import BackendIndex

__all__ = [
    "AppendOnlyError",
    "Application",
    "ApplicationEvent",
    "ApplicationSettings",
    "CorrectionAttachment",
    "CorrectionSubmission",
    "ExtensionApproval",
    "GuideSettings",
    "LetterCounter",
    "LetterTemplate",
    "Review",
]


class Application(models.Model):
    # An abolished agency's applications (open and concluded) pass to its successor, which must
    # answer the open ones (机构改革: 由承继其职能的机关负责).
    AGENCY_MERGE = "move"

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="受理机构", on_delete=models.PROTECT, related_name="applications"
    )
    tracking_code = models.CharField("查询码", max_length=20, unique=True)
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    name = models.CharField("申请人姓名", max_length=100, blank=True)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True, db_index=True)
    org_name = models.CharField("组织名称", max_length=200, blank=True)
    org_code = models.CharField("统一社会信用代码", max_length=40, blank=True, db_index=True)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    description = models.TextField("所需信息描述")
    purpose = models.TextField("用途", blank=True)
    format = models.CharField("获取信息方式", max_length=20, choices=Format.choices, blank=True)
    delivery = models.CharField("获取途径", max_length=20, choices=Delivery.choices, blank=True)

    # Cache of the clock (see the module docstring).
    state = models.CharField("状态", max_length=24, choices=State.choices, default=State.SUBMITTED)
    received_on = models.DateField("收到申请日期", null=True, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    outcome = models.CharField("处理结果", max_length=40, choices=Outcome.choices, blank=True)
    due_on = models.DateField("答复期限", null=True, blank=True)
    late = models.BooleanField("逾期答复", default=False)
    paused = models.BooleanField("计时暂停", default=False)
    fee_amount = models.DecimalField(
        "信息处理费（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )

    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "received_on"], name="application_agency_received"),
            models.Index(fields=["agency", "concluded_on"], name="application_agency_concluded"),
            models.Index(fields=["state", "due_on"], name="application_state_due"),
            # The self-check (applications/selfcheck_indicators.py): the running clocks, and the few
            # late answers.
            models.Index(
                fields=["agency", "state", "due_on"],
                condition=~models.Q(state="concluded") & models.Q(paused=False),
                name="application_running",
            ),
            models.Index(
                fields=["agency", "state", "concluded_on"],
                condition=models.Q(late=True),
                name="application_late",
            ),
            # The annual report's table 3 and monthly chart (reports/aggregates.py): covering
            # indexes, shaped per backend (gongkai/core/indexes.py).
            BackendIndex(
                fields=["applicant_type", "outcome", "concluded_on", "received_on", "agency"],
                name="application_report_year",
                vendor="sqlite",
            ),
            BackendIndex(
                fields=["received_on", "agency"], name="application_report_received", vendor="sqlite"
            ),
            BackendIndex(
                fields=["agency", "concluded_on", "received_on", "applicant_type", "outcome"],
                name="application_report_agency_year",
                vendor="postgresql",
            ),
        ]

    def __str__(self):
        return f"{self.tracking_code} {self.applicant_label}"

    @property
    def applicant_label(self) -> str:
        return self.org_name if self.applicant_type != ApplicantType.NATURAL_PERSON else self.name

    @property
    def applicant_key(self) -> str:
        """Who the applicant is, for counting one applicant's applications (fees per item)."""
        if self.applicant_type == ApplicantType.NATURAL_PERSON:
            return self.id_number
        return self.org_code or self.org_name


class ApplicationEvent(AppendOnlyModel):
    """One legal act on an application, dated with its legal date ``on``; never changed."""

    append_only_noun = "办理记录"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("动作", max_length=30, choices=Action.choices)
    on = models.DateField("日期")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField("操作人名称", max_length=150, blank=True)
    data = models.JSONField("数据", default=dict, blank=True)
    created_at = models.DateTimeField("记录时间", default=timezone.now)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["on", "id"]
        # The annual report's backdated registrations (reports/aggregates.py).
        indexes = [models.Index(fields=["action", "on", "application"], name="event_report_action")]

    def __str__(self):
        return f"{self.on} {self.action}"


def _correction_file_path(instance, filename: str) -> str:
    return f"corrections/{instance.submission.application_id}/{timezone.now():%Y%m%d%H%M%S}-{filename[-80:]}"


class CorrectionSubmission(models.Model):
    """A correction (补正) the applicant sent online from the tracking page (Art. 30).

    It changes no legal state by itself: staff record ``receive_correction`` on the day it arrived
    (``submitted_on``), which links the event here."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="online_corrections"
    )
    text = models.TextField("补正内容")
    submitted_on = models.DateField("提交日期")
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    received_event = models.OneToOneField(
        ApplicationEvent,
        verbose_name="收到补正记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="online_correction",
    )

    class Meta:
        verbose_name = "网上补正"
        verbose_name_plural = "网上补正"
        ordering = ["submitted_at", "id"]

    def __str__(self):
        return f"{self.application.tracking_code} {self.submitted_on}"


class CorrectionAttachment(models.Model):
    submission = models.ForeignKey(
        CorrectionSubmission, verbose_name="网上补正", on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField("文件", upload_to=_correction_file_path)
    name = models.CharField("文件名", max_length=200)
    kind = models.CharField("文件类型", max_length=10)
    size = models.PositiveIntegerField("大小（字节）")

    class Meta:
        verbose_name = "补正材料"
        verbose_name_plural = "补正材料"
        ordering = ["id"]

    def __str__(self):
        return self.name


class GuideSettings(models.Model):
    """What an agency's 政府信息公开指南 (Art. 12) states beyond its contacts on ``Agency`` (address,
    office hours, phone, e-mail), and the catalogue item of the guide now published."""

    # An abolished agency's guide stays with it (its successor publishes its own).
    AGENCY_MERGE = "keep"

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name="机构", on_delete=models.CASCADE, related_name="guide_settings"
    )
    fax = models.CharField("传真号码", max_length=50, blank=True)
    postal_address = models.CharField("通信地址", max_length=200, blank=True)
    postal_code = models.CharField("邮政编码", max_length=10, blank=True)
    accepts_online = models.BooleanField("接受网上申请", default=True)
    accepts_in_person = models.BooleanField("接受当面申请", default=True)
    accepts_post = models.BooleanField("接受信函申请", default=True)
    accepts_fax = models.BooleanField("接受传真申请", default=False)
    review_body = models.CharField("行政复议机关", max_length=100, blank=True)
    item = models.ForeignKey(
        "catalog.Item",
        verbose_name="现行指南",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    fingerprint = models.CharField("指南内容摘要", max_length=64, blank=True)
    version = models.PositiveIntegerField("版本", default=0)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开指南设置"
        verbose_name_plural = "政府信息公开指南设置"

    def __str__(self):
        return f"{self.agency} 公开指南"


class Review(models.Model):
    """An administrative review (行政复议) or lawsuit (行政诉讼) about an application (Art. 51)."""

    # Follows its application: the successor agency defends the case and reports it.
    AGENCY_MERGE = "move"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="reviews"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="被申请机构", on_delete=models.PROTECT, related_name="reviews"
    )
    kind = models.CharField("类型", max_length=30, choices=ReviewKind.choices)
    filed_on = models.DateField("立案/申请日期")
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=ReviewResult.choices, blank=True)
    note = models.TextField("备注", blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = "行政复议和诉讼"
        verbose_name_plural = "行政复议和诉讼"
        ordering = ["-filed_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "filed_on"], name="review_agency_filed"),
            # The annual report's table 4 (reports/aggregates.py), shaped per backend.
            BackendIndex(
                fields=["kind", "filed_on", "decided_on", "result", "agency"],
                name="review_report_filed",
                vendor="sqlite",
            ),
            BackendIndex(
                fields=["agency", "filed_on", "kind", "decided_on", "result"],
                name="review_report_agency_filed",
                vendor="postgresql",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filed_on}"


def _letter_template_path(instance, filename: str) -> str:
    return f"letter_templates/{instance.agency_id}/{instance.kind}-{timezone.now():%Y%m%d%H%M%S}.docx"


class LetterTemplate(models.Model):
    """An agency's own DOCX template for one kind of letter (replaces the built-in default).

    Departments without their own use the nearest ancestor's (a government may set one for all).
    """

    # A merged agency's templates stay with it: the successor writes its letters in its own name.
    AGENCY_MERGE = "keep"

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机构", on_delete=models.CASCADE, related_name="letter_templates"
    )
    kind = models.CharField("文书类型", max_length=30)
    file = models.FileField("模板文件", upload_to=_letter_template_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="letter_template_agency_kind")]

    def __str__(self):
        return f"{self.agency} {self.kind}"


class ApplicationSettings(models.Model):
    """An agency's settings for 依申请公开: its short name and letter-number prefixes (文号), and
    which replies need a reviewer's sign-off. Without a row every default applies."""

    # Settings belong to the agency that made them; the successor keeps its own.
    AGENCY_MERGE = "keep"

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name="机构", on_delete=models.CASCADE, related_name="application_settings"
    )
    short_name = models.CharField("机构简称", max_length=20, blank=True, help_text="留空则由机构名称推导")
    prefix_reply = models.CharField("答复告知书文号前缀", max_length=30, blank=True)
    prefix_correction = models.CharField("补正告知书文号前缀", max_length=30, blank=True)
    prefix_extension = models.CharField("延期答复告知书文号前缀", max_length=30, blank=True)
    prefix_fee = models.CharField("收费通知书文号前缀", max_length=30, blank=True)
    signoff = models.CharField(
        "审核签发", max_length=20, choices=SignOff.choices, default=SignOff.EXCEPT_DISCLOSED
    )
    updated_at = models.DateTimeField("修改时间", default=timezone.now)

    class Meta:
        verbose_name = "依申请公开设置"
        verbose_name_plural = "依申请公开设置"

    def __str__(self):
        return f"{self.agency} 依申请公开设置"


class LetterCounter(models.Model):
    """The last letter number given per agency, year and series (答复, 补正, 延期, 收费): the numbers
    are gap-free and never reused (a voided letter keeps its number)."""

    # Numbers already given stay with the agency that issued them.
    AGENCY_MERGE = "keep"

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=20)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "文号计数"
        verbose_name_plural = "文号计数"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "series"], name="letter_counter_per_series")
        ]

    def __str__(self):
        return f"{self.agency_id}/{self.year}/{self.series}: {self.last}"


def _approval_path(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"extension_approvals/{instance.application_id}/{uuid.uuid4().hex}.{suffix}"


class ExtensionApproval(models.Model):
    """The signed approval of an extension (Art. 33: 政府信息公开工作机构负责人同意) when the head is
    not a user of the system: the handler records the head's name and uploads the signed document."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="extension_approvals"
    )
    approver = models.CharField("批准人", max_length=100)
    file = models.FileField("审批文件", upload_to=_approval_path)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("类型", max_length=100)
    size = models.PositiveIntegerField("大小")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "延期审批文件"
        verbose_name_plural = "延期审批文件"

    def __str__(self):
        return f"{self.approver}：{self.name}"
