"""Acts on service guides: write one (API, workbench editor), withdraw or republish it, import an
office's sheet. Each is one audited ``@service``; an import with any bad row writes nothing."""

from __future__ import annotations

from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.guides import checks, layouts, search_index, sheets, stored_checks
from gongkai.guides.models import Guide, Material
from gongkai.guides.vocabulary import MaterialForm

HELPERS = ("clean_materials", "findings_of")

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


@service
def create_guide(*, actor, agency, materials=None, public: bool = True, **fields) -> Guide:
    """Write a new guide. Findings do not block saving: they are what the workbench asks to fix."""
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
    guide.save()
    _save_materials(guide, rows)
    search_index.reindex(guide)
    record(
        actor=actor,
        action="guides.create",
        obj=guide,
        agency=agency,
        summary=f"新建办事指南“{guide.name}”",
        data={"materials": len(rows), "findings": _finding_codes(guide)},
    )
    return guide


@service
def update_guide(guide: Guide, *, actor, materials=None, **changes) -> Guide:
    """Change a guide's elements; ``materials`` (when given) replaces the rows."""
    permissions.require(actor, "edit", guide.agency_id)
    guide = Guide.objects.select_for_update().select_related("agency").get(pk=guide.pk)
    _apply(guide, changes)
    guide.updated_on = timezone.localdate()
    guide.save()
    if materials is not None:
        _save_materials(guide, clean_materials(materials))
    search_index.reindex(guide)
    record(
        actor=actor,
        action="guides.update",
        obj=guide,
        agency=guide.agency,
        summary=f"修改办事指南“{guide.name}”",
        data={"fields": sorted(changes) + (["materials"] if materials is not None else []),
              "findings": _finding_codes(guide)},
    )  # fmt: skip
    return guide


@service
def set_public(guide: Guide, *, actor, public: bool, reason: str = "") -> Guide:
    """Withdraw a guide from the portal (the service is no longer offered) or put it back."""
    permissions.require(actor, "review", guide.agency_id)
    reason = (reason or "").strip()
    if not public and not reason:
        raise _invalid("reason", "撤下办事指南须说明理由")
    guide.public = public
    guide.save(update_fields=["public", "updated_at"])
    search_index.reindex(guide)
    record(
        actor=actor,
        action="guides.publish" if public else "guides.withdraw",
        obj=guide,
        agency=guide.agency,
        summary=f"{'公开' if public else '撤下'}办事指南“{guide.name}”",
        data={"reason": reason},
    )
    return guide


@service
def import_guides(*, actor, agency, name: str, data: bytes) -> dict:
    """Read an office's guide sheet (layout ``layouts.GUIDE_COLUMNS``): a guide per block of rows
    with the same 事项名称, a material per row. A guide whose 事项编码 (or, without one, 事项名称)
    the agency already has is replaced; the others are added. Any problem → nothing is written and
    every problem is reported with its sheet line."""
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
    for entry in records:
        values = {key: value for key, value in entry.values.items() if key in EDITABLE}
        key = values.get("code") or f"name:{values['name']}"
        guide = existing.get(key) or Guide(agency=agency, created_by=actor if getattr(actor, "pk", None) else None)
        is_new = guide.pk is None
        try:
            _apply(guide, values)
        except InvalidInput as error:
            raise InvalidInput(
                "import_problems",
                f"第{entry.line}行：{error.message}，未导入任何内容",
                {"problems": [{"line": entry.line, "column": "", "message": error.message}]},
            ) from None
        guide.updated_on = today
        guide.save()
        _save_materials(
            guide,
            [
                {"name": m.name, "form": m.form, "copies": m.copies, "required": m.required, "sample": m.sample[:500]}
                for m in entry.materials
            ],
        )
        search_index.reindex(guide)
        existing[key] = guide
        created, updated = created + is_new, updated + (not is_new)
    record(
        actor=actor,
        action="guides.import",
        obj=agency,
        agency=agency,
        summary=f"导入办事指南表格“{name}”：新增{created}项，更新{updated}项",
        data={"file": name, "created": created, "updated": updated, "sheet": table.sheet},
    )
    return {"created": created, "updated": updated, "sheet": table.sheet}
