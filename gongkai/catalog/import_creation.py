"""Creating catalogue items from prepared import candidates, one transaction per item.

The acts themselves are the catalogue's services (``create_item``, ``publish_item``): this module only
maps a ``Candidate`` onto their arguments, skips what was already imported and turns domain errors into
a reason the caller reports next to the file name or sheet line.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from django.db import transaction

from gongkai.catalog import services
from gongkai.catalog.extraction import parse_number
from gongkai.catalog.import_candidates import Candidate
from gongkai.catalog.models import Column, Item
from gongkai.catalog.vocabulary import Audience, Topic, code_of
from gongkai.core.errors import DomainError

CREATED, SKIPPED, FAILED = "created", "skipped", "failed"


@dataclass
class ImportResult:
    status: str
    item: Item | None = None
    message: str = ""


def body_html(text: str) -> str:
    """Plain text as HTML paragraphs, escaped, so that ``a<b`` in a document never reads as markup."""
    return "".join(
        f"<p>{html.escape(line.strip(), quote=False)}</p>" for line in text.split("\n") if line.strip()
    )


def _columns(agency, names: list[str]) -> list[str] | None:
    """Column codes from codes or names of the agency's columns; unknown ones are left for the service to refuse."""
    if not names:
        return None
    by_name = dict(Column.objects.filter(agency=agency).values_list("name", "code"))
    return [by_name.get(name, name) for name in names]


def item_fields(candidate: Candidate) -> dict:
    """The ``create_item`` keyword arguments for a candidate (columns excepted)."""
    audience = [code for part in candidate.audience.replace("，", ",").replace("、", ",").split(",")
                if (code := code_of(Audience, part))]  # fmt: skip
    fields = {
        "title": candidate.title,
        "genre": candidate.genre,
        "body": body_html(candidate.body),
        "formed_on": candidate.formed_on,
        "doc_number": candidate.doc_number,
        "topic": code_of(Topic, candidate.topic) or "" if candidate.topic else "",
        "audience": audience,
        "keywords": candidate.keywords,
        "summary": candidate.summary,
        "disclosure": candidate.disclosure,
        "not_disclosed_reason": candidate.not_disclosed_reason,
        "internal": candidate.internal,
    }
    if candidate.source:
        fields["source"] = candidate.source[:100]
    return fields


def imported_keys(agency) -> set[tuple[str, str]]:
    """(title, 文号) of the agency's items, loaded once per batch: one query instead of one per row."""
    rows = Item.objects.filter(agency=agency).order_by().values_list("title", "doc_number")
    return {(title, _standard(number)) for title, number in rows}


def _standard(number: str) -> str:
    """A 文号 in today's standard form: imports before issue 19 kept ``什府發〔2010〕27號`` as written."""
    if "號" not in number:
        return number
    parsed = parse_number(number)
    return parsed.text if parsed is not None else number


def import_candidate(
    candidate: Candidate, *, actor, agency, publish: bool, today: dt.date, known: set | None = None
) -> ImportResult:
    """Create (and with ``publish`` also publish) one item; a refusal rolls the whole item back.

    An item of the same agency with the same title and 文号 counts as already imported and is skipped,
    so a re-run is harmless (``known`` is ``imported_keys(agency)``, kept up to date by this function).
    Publication here never carries a reviewer's override: items with screening findings are refused
    and must be published from the workbench after review (Art. 17).
    """
    if not candidate.ok:
        return ImportResult(FAILED, message="；".join(candidate.errors))
    key = (candidate.title, candidate.doc_number)
    if known is None:
        rows = Item.objects.filter(agency=agency, title=key[0]).values_list("title", "doc_number")
        known = {(title, _standard(number)) for title, number in rows}
    if key in known:
        return ImportResult(SKIPPED, None, "已导入过（同一机构、同名同文号），跳过")
    try:
        with transaction.atomic():
            item = services.create_item(
                actor=actor,
                agency=agency,
                columns=_columns(agency, candidate.columns),
                **item_fields(candidate),
            )
            if publish:
                item = services.publish_item(item, actor=actor, on=candidate.published_on or today)
    except DomainError as error:
        return ImportResult(FAILED, message=error.message)
    known.add(key)
    return ImportResult(CREATED, item)
