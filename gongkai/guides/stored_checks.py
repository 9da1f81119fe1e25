"""The five guide checks on stored guides: the bridge between ``Guide`` rows and ``checks``.

The 设定依据 cites documents by their title in 《》; a cited title is resolved against published
catalogue items of that title (any agency). A citation is invalid when every such item is 已废止
(an amended or valid version with the same title keeps the citation good).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gongkai.catalog.models import Item
from gongkai.catalog.vocabulary import Validity
from gongkai.guides import checks
from gongkai.guides.models import Guide

CITED_TITLE = re.compile(r"《([^《》]{2,120})》")


def cited_titles(basis: str) -> list[str]:
    return list(dict.fromkeys(title.strip() for title in CITED_TITLE.findall(basis or "")))


def _citations(guides: list[Guide]) -> dict[str, checks.Citation]:
    titles = {title for guide in guides for title in cited_titles(guide.basis)}
    if not titles:
        return {}
    found: dict[str, list[tuple[str, str]]] = {}
    rows = (
        Item.objects.filter(title__in=titles, published_on__isnull=False)
        .values_list("title", "validity", "doc_number")
        .order_by("id")
    )
    for title, validity, doc_number in rows:
        found.setdefault(title, []).append((validity, doc_number))
    citations = {}
    for title, versions in found.items():
        abolished = all(validity == Validity.ABOLISHED for validity, _ in versions)
        reference = next((number for _, number in versions if number), "")
        citations[title] = checks.Citation(title, abolished, reference)
    return citations


def facts_of(guide: Guide, citations: dict[str, checks.Citation]) -> checks.GuideFacts:
    return checks.GuideFacts(
        key=guide.pk,
        name=guide.name,
        basis=guide.basis,
        conditions=guide.conditions,
        materials=tuple(material.name for material in guide.materials.all()),
        location=guide.location,
        hours=guide.hours,
        phone=guide.phone,
        procedure=guide.procedure,
        statutory_days=guide.statutory_days,
        promised_days=guide.promised_days,
        fee_basis=guide.fee_basis,
        fee_amount=guide.fee_amount,
        citations=tuple(citations[title] for title in cited_titles(guide.basis) if title in citations),
    )


def findings_of(guides: Iterable[Guide]) -> list[checks.Finding]:
    """Every finding of ``guides`` (materials prefetched by the caller for speed)."""
    guides = list(guides)
    citations = _citations(guides)
    return [finding for guide in guides for finding in checks.check_guide(facts_of(guide, citations))]


def check_agency(guides: Iterable[Guide]) -> tuple[checks.Deduction, list[checks.Finding]]:
    """The findings of one agency's guides and the inspection's deduction over them."""
    findings = findings_of(guides)
    return checks.deduction(findings), findings
