"""The printed copy (PDF): a table's heading rows are never torn across a page break."""

import io

import pytest
from pypdf import PdfReader

from gongkai.reports import render, tables

# Lines of each heading of table 3 (申请人情况 / 法人或其他组织 / the five kinds of organisation).
HEADING_WORDS = ("申请人情况", "法人或其他组织", "法律服务机构")


def _document(overview_lines: int) -> dict:
    return {
        "agency": "dept-a",
        "agency_name": "示范市发展和改革委员会",
        "year": 2026,
        "scope": "agency",
        "status": "published",
        "live": False,
        "revision": 1,
        "published_on": "2027-01-20",
        "proactive": tables.proactive_table({}),
        "applications": {"rows": tables.applications_table({("new", "natural_person"): 3})},
        "review_litigation": tables.review_table({}),
        "narrative": {"overview": "\n".join(["总体情况正文，逐段说明本年度工作。"] * overview_lines)},
        "monthly_applications": [0] * 12,
    }


def _pages(document: dict) -> list[str]:
    reader = PdfReader(io.BytesIO(render.to_pdf(document)))
    return [page.extract_text().replace(" ", "").replace("\n", "") for page in reader.pages]


@pytest.mark.parametrize("overview_lines", range(4, 9))
def test_the_heading_rows_of_table_3_stay_together_on_every_page(overview_lines):
    """Wherever the page break falls, each page that shows part of table 3's heading shows all of
    it (the heading rows are kept together and repeated above the rows continued on a new page)."""
    for number, text in enumerate(_pages(_document(overview_lines)), start=1):
        present = [word for word in HEADING_WORDS if word in text]
        assert present in ([], list(HEADING_WORDS)), (number, present)
        if "四、结转下年度继续办理" in text or "（七）总计" in text:
            assert present == list(HEADING_WORDS), (number, "rows without their heading")

CAPTIONS = ("主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况")


@pytest.mark.parametrize("overview_lines", [0, 4, 10, 20, 36])
def test_no_page_ends_with_a_heading_or_caption_whose_table_is_on_the_next(overview_lines):
    for number, text in enumerate(_pages(_document(overview_lines)), start=1):
        assert not text.endswith(CAPTIONS), (number, text[-40:])
