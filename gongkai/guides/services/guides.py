"""Acts on service guides: write one (API, workbench editor), withdraw or republish it, import an
office's sheet. Each is one audited ``@service``; an import with any bad row writes nothing.

Screening (Art. 17 保密审查, ``guides.prescreen``) runs whenever a guide becomes or stays public
with changed text: a blocking finding stops the act unless someone of reviewer rank gives a
substantive written reason (``override_reason``), recorded in the act's audit event."""

from __future__ import annotations

from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.catalog.services.publication import require_substantive_reason, screening_refusal
from gongkai.core.errors import Forbidden, InvalidInput, RuleViolation
from gongkai.guides import checks, layouts, prescreen, search_index, sheets, stored_checks
from gongkai.guides.models import Guide, Material
from gongkai.guides.vocabulary import MaterialForm
from gongkai.screening.screen import KIND_LABELS

HELPERS = ("clean_materials", "findings_of", "public_texts", "field_labels")

TEXT_FIELDS = (
    "code",
    "name",
    "topic",
    "implementing_body",
    "basis",
    "conditions",
    "location",
    "hours",
    "phone",
    "procedure",
    "fee_basis",
    "fee_amount",
    "consultation",
    "complaint",
    "online_url",
    "faq",
)
NUMBER_FIELDS = ("statutory_days", "promised_days", "visits")
EDITABLE = TEXT_FIELDS + NUMBER_FIELDS
MAX_LENGTHS = {"code": 64, "name": 300, "topic": 60, "implementing_body": 200, "phone": 200, "online_url": 500}
MAX_MATERIALS = 200


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput("validation_error", message, {"field": field})


def _form_codes(text: str) -> str:
    """Codes ("original,copy") pass as they are; labels ("原件、复印件") become codes."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if parts and all(part in set(MaterialForm) for part in parts):
        return ",".join(dict.fromkeys(parts))
    return layouts.material_form(text)


def clean_materials(rows) -> list[dict]:
    """Materials as given by the API or the editor → checked rows (name required; form as codes)."""
    cleaned = []
    for number, row in enumerate(rows or [], start=1):
        name = str(row.get("name") or "").strip()
        if not name:
            raise _invalid("materials", f"第{number}项材料缺少名称")
        if len(name) > 300:
            raise _invalid("materials", f"第{number}项材料名称超过300字")
        try:
            form = _form_codes(str(row.get("form") or ""))
        except ValueError as error:
            raise _invalid("materials", f"第{number}项材料：{error}") from None
        copies = row.get("copies")
        if copies is not None and (not isinstance(copies, int) or not 0 < copies <= 999):
            raise _invalid("materials", f"第{number}项材料的份数应为1至999")
        required = row.get("required")
        cleaned.append(
            {
                "name": name,
                "form": form,
                "copies": copies,
                "required": True if required is None else bool(required),
                "sample": str(row.get("sample") or "").strip()[:500],
            }
        )
    if len(cleaned) > MAX_MATERIALS:
        raise _invalid("materials", f"材料不超过{MAX_MATERIALS}项")
    return cleaned


def _apply(guide: Guide, fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidInput("validation_error", f"未知字段：{', '.join(sorted(unknown))}")
    for name, value in fields.items():
        if name in TEXT_FIELDS:
            value = str(value or "").strip()
            if name in MAX_LENGTHS and len(value) > MAX_LENGTHS[name]:
                raise _invalid(name, f"“{Guide._meta.get_field(name).verbose_name}”超过{MAX_LENGTHS[name]}字")
        elif value is not None and (not isinstance(value, int) or not 0 <= value <= 3650):
            raise _invalid(name, f"“{Guide._meta.get_field(name).verbose_name}”应为0至3650之间的整数")
        setattr(guide, name, value)
    if not guide.name:
        raise _invalid("name", "事项名称不能为空")
    if guide.online_url and not guide.online_url.startswith(("http://", "https://")):
        raise _invalid("online_url", "网上办理入口应为 http:// 或 https:// 开头的网址")


def _save_materials(guide: Guide, materials: list[dict]) -> None:
    guide.materials.all().delete()
    Material.objects.bulk_create(
        [Material(guide=guide, position=position, **row) for position, row in enumerate(materials, start=1)]
    )


def findings_of(guide: Guide) -> list[checks.Finding]:
    return stored_checks.findings_of([guide])


def _finding_codes(guide: Guide) -> list[str]:
    return sorted({f"{f.code}:{f.element}" if f.element else str(f.code) for f in findings_of(guide)})


def field_labels() -> dict[str, str]:
    return {name: str(Guide._meta.get_field(name).verbose_name) for name in TEXT_FIELDS}


def public_texts(guide: Guide, materials: list[dict] | None = None) -> list[tuple[str, str]]:
    """What the portal shows of ``guide``: its text elements and its materials (the stored ones
    unless ``materials`` rows are given)."""
    if materials is None:
        materials = [{"name": m.name, "sample": m.sample} for m in guide.materials.all()] if guide.pk else []
    return prescreen.guide_texts({name: getattr(guide, name) for name in TEXT_FIELDS}, materials, TEXT_FIELDS)


def _require_override_allowed(guide: Guide, actor, reason: str) -> None:
    """Publishing over a blocking finding: a substantive written reason, as for catalogue items,
    from someone of reviewer rank (a guide has no screening or sign-off step, so the catalogue's
    second person has nobody to be second to: the reviewer's rank is the check)."""
    require_substantive_reason(reason)
    if not permissions.may(actor, "review", guide.agency_id):
        raise Forbidden(
            "override_needs_reviewer",
            "放行审查发现须由审核人或机构管理员决定：请修改后再保存，或由审核人说明理由后保存",
        )


def _screen(guide: Guide, texts: list[tuple[str, str]], actor, override_reason: str | None) -> tuple[list, str]:
    """Screen ``texts`` of a guide about to be public: (findings, the override reason used or "")."""
    findings = prescreen.screen(texts, today=timezone.localdate())
    blocked = prescreen.blocking(findings)
    reason = (override_reason or "").strip()
    if blocked and not reason:
        raise screening_refusal(findings)
    if blocked:
        _require_override_allowed(guide, actor, reason)
    return findings, reason if blocked else ""


def _screening_data(findings: list[dict], override_reason: str) -> dict:
    """What an audit event keeps of the screening: masked findings and the override's reason."""
    if not findings:
        return {}
    return {"screening": prescreen.public_view(findings), "override_reason": override_reason}


OVERRIDDEN = "（经说明理由放行审查发现）"


@service
def create_guide(
    *, actor, agency, materials=None, public: bool = True, override_reason: str | None = None, **fields
) -> Guide:
    """Write a new guide. Findings of the element checks do not block saving: they are what the
    workbench asks to fix. A public guide is screened first (blocking findings need an override)."""
    permissions.require(actor, "edit", agency)
    if not agency.active:
        raise RuleViolation("agency_inactive", f"“{agency.name}”已撤销或并入其他机构")
    guide = Guide(
        agency=agency,
        public=public,
        updated_on=timezone.localdate(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _apply(guide, fields)
    rows = clean_materials(materials)
    screened, overridden = _screen(guide, public_texts(guide, rows), actor, override_reason) if public else ([], "")
    guide.save()
    _save_materials(guide, rows)
    search_index.reindex(guide)
    record(
        actor=actor,
        action="guides.create",
        obj=guide,
        agency=agency,
        summary=f"新建办事指南“{guide.name}”" + (OVERRIDDEN if overridden else ""),
        data={"materials": len(rows), "findings": _finding_codes(guide), **_screening_data(screened, overridden)},
    )
    return guide


@service
def update_guide(guide: Guide, *, actor, materials=None, override_reason: str | None = None, **changes) -> Guide:
    """Change a guide's elements; ``materials`` (when given) replaces the rows. The texts a change
    alters on a public guide are screened first (blocking findings need an override)."""
    permissions.require(actor, "edit", guide.agency_id)
    guide = Guide.objects.select_for_update().select_related("agency").get(pk=guide.pk)
    before = public_texts(guide)
    _apply(guide, changes)
    rows = None if materials is None else clean_materials(materials)
    screened, overridden = [], ""
    if guide.public:
        changed = prescreen.changed_texts(before, public_texts(guide, rows))
        screened, overridden = _screen(guide, changed, actor, override_reason)
    guide.updated_on = timezone.localdate()
    guide.save()
    if rows is not None:
        _save_materials(guide, rows)
    search_index.reindex(guide)
    record(
        actor=actor,
        action="guides.update",
        obj=guide,
        agency=guide.agency,
        summary=f"修改办事指南“{guide.name}”" + (OVERRIDDEN if overridden else ""),
        data={"fields": sorted(changes) + (["materials"] if materials is not None else []),
              "findings": _finding_codes(guide), **_screening_data(screened, overridden)},
    )  # fmt: skip
    return guide


@service
def set_public(
    guide: Guide, *, actor, public: bool, reason: str = "", override_reason: str | None = None
) -> Guide:
    """Withdraw a guide from the portal (the service is no longer offered) or put it back; put back,
    its whole text is screened first (blocking findings need an override)."""
    permissions.require(actor, "review", guide.agency_id)
    reason = (reason or "").strip()
    if not public and not reason:
        raise _invalid("reason", "撤下办事指南须说明理由")
    screened, overridden = [], ""
    if public and not guide.public:
        screened, overridden = _screen(guide, public_texts(guide), actor, override_reason)
    guide.public = public
    guide.save(update_fields=["public", "updated_at"])
    search_index.reindex(guide)
    record(
        actor=actor,
        action="guides.publish" if public else "guides.withdraw",
        obj=guide,
        agency=guide.agency,
        summary=f"{'公开' if public else '撤下'}办事指南“{guide.name}”" + (OVERRIDDEN if overridden else ""),
        data={"reason": reason, **_screening_data(screened, overridden)},
    )
    return guide


@service
def import_guides(*, actor, agency, name: str, data: bytes) -> dict:
    """Read an office's guide sheet (layout ``layouts.GUIDE_COLUMNS``): a guide per block of rows
    with the same 事项名称, a material per row. A guide whose 事项编码 (or, without one, 事项名称)
    the agency already has is replaced; the others are added. Any problem → nothing is written and
    every problem is reported with its sheet line. A guide that would be public with a blocking
    screening finding is left out (an existing one keeps its text) and reported under
    ``screened_out`` with its line, column and the masked findings; the other rows go on."""
    permissions.require(actor, "edit", agency)
    table = sheets.read_table(name, data, layouts.GUIDE_COLUMNS)
    records, problems = layouts.read_guides(table)
    if table.unknown_columns:
        problems.insert(0, sheets.Problem(None, f"无法识别的列：{'、'.join(table.unknown_columns)}"))
    if not records and not problems:
        problems.append(sheets.Problem(None, "表格中没有办事指南"))
    if problems:
        raise InvalidInput(
            "import_problems",
            f"表格有{len(problems)}处问题，未导入任何内容：" + "；".join(str(p) for p in problems[:5]),
            {"problems": [problem.as_dict() for problem in problems]},
        )
    today = timezone.localdate()
    existing = {}
    for guide in Guide.objects.filter(agency=agency):
        existing.setdefault(guide.code or f"name:{guide.name}", guide)
    created = updated = 0
    screened_out = []
    for entry in records:
        values = {key: value for key, value in entry.values.items() if key in EDITABLE}
        key = values.get("code") or f"name:{values['name']}"
        guide = existing.get(key) or Guide(agency=agency, created_by=actor if getattr(actor, "pk", None) else None)
        is_new = guide.pk is None
        before = public_texts(guide) if not is_new else []
        try:
            _apply(guide, values)
        except InvalidInput as error:
            raise InvalidInput(
                "import_problems",
                f"第{entry.line}行：{error.message}，未导入任何内容",
                {"problems": [{"line": entry.line, "column": "", "message": error.message}]},
            ) from None
        rows = [
            {"name": m.name, "form": m.form, "copies": m.copies, "required": m.required, "sample": m.sample[:500]}
            for m in entry.materials
        ]
        if guide.public:
            blocked = prescreen.blocking(
                prescreen.screen(prescreen.changed_texts(before, public_texts(guide, rows)), today=today)
            )
            if blocked:
                screened_out.append(_screened_out_row(guide.name, entry, blocked))
                if not is_new:
                    guide.refresh_from_db()
                continue
        guide.updated_on = today
        guide.save()
        _save_materials(guide, rows)
        search_index.reindex(guide)
        existing[key] = guide
        created, updated = created + is_new, updated + (not is_new)
    record(
        actor=actor,
        action="guides.import",
        obj=agency,
        agency=agency,
        summary=f"导入办事指南表格“{name}”：新增{created}项，更新{updated}项"
        + (f"，{len(screened_out)}项未通过发布前审查未导入" if screened_out else ""),
        data={"file": name, "created": created, "updated": updated, "sheet": table.sheet,
              **({"screened_out": screened_out} if screened_out else {})},
    )  # fmt: skip
    result = {"created": created, "updated": updated, "sheet": table.sheet}
    if screened_out:
        result["screened_out"] = screened_out
    return result


def _screened_out_row(name: str, entry: layouts.GuideRecord, blocked: list[dict]) -> dict:
    """A guide row left out of an import by screening: where (the first finding's sheet line and
    column), why in words, and the masked findings."""
    labels = field_labels()
    first = blocked[0]["field"]
    if first.startswith("materials:"):
        number = int(first.split(":")[1])
        line = entry.materials[number - 1].line
        column = layouts.GUIDE_COLUMNS["material_sample" if first.endswith(":sample") else "material_name"].labels[0]
    else:
        line, column = entry.line, layouts.GUIDE_COLUMNS[first].labels[0]
    found = "；".join(
        f"{prescreen.field_label(f['field'], labels)}：{KIND_LABELS.get(f['kind'], f['kind'])} {f['masked']}"
        for f in blocked
    )
    return {
        "line": line,
        "column": column,
        "message": f"“{name}”未导入：发布前审查发现{len(blocked)}处可能涉及个人信息或涉密标志的内容（{found}），"
        "请修改后重新导入，或在工作台由审核人说明理由后保存",
        "findings": prescreen.public_view(blocked),
    }
