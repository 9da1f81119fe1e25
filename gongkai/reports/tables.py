"""The national format of the annual report (国办公开办函〔2021〕30号) — pure Python, no Django.

Defines the rows and columns of tables 2–4 with their keys (the JSON vocabulary of the API and the
outcome codes of replies), turns raw counts into complete tables (every cell present, the 总计
column and the 总计 row computed), and runs the cross-checks the format implies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

# Table 3 columns: applicant types, then the total.
APPLICANT_COLUMNS: list[tuple[str, str]] = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
]
APPLICANT_TYPES = [key for key, _ in APPLICANT_COLUMNS]
TOTAL = "total"

# Outcome rows of table 3 (三（一）…三（六）), in the order of the format.
OUTCOME_ROWS: list[tuple[str, str, str]] = [
    # (key, section label, row label)
    ("disclosed", "（一）予以公开", ""),
    ("partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("withheld.state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("withheld.law_prohibited", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("withheld.security_stability", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("withheld.third_party", "（三）不予公开", "4.保护第三方合法权益"),
    ("withheld.internal_affairs", "（三）不予公开", "5.属于三类内部事务信息"),
    ("withheld.process_info", "（三）不予公开", "6.属于四类过程性信息"),
    ("withheld.enforcement_file", "（三）不予公开", "7.属于行政执法案卷"),
    ("withheld.query_matter", "（三）不予公开", "8.属于行政查询事项"),
    ("unable.not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unable.still_unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed.repeated", "（五）不予处理", "2.重复申请"),
    ("not_processed.publication", "（五）不予处理", "3.要求提供公开出版物"),
    ("not_processed.excessive", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("not_processed.confirm_reissue", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    (
        "other.correction_lapsed",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other.fee_lapsed",
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other.other", "（六）其他处理", "3.其他"),
]
OUTCOME_KEYS = [key for key, _, _ in OUTCOME_ROWS]

TABLE3_ROWS: list[tuple[str, str]] = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    *[
        (key, f"三、本年度办理结果 {section}{(' ' + label) if label else ''}")
        for key, section, label in OUTCOME_ROWS
    ],
    ("concluded_total", "三、本年度办理结果 （七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]
TABLE3_KEYS = [key for key, _ in TABLE3_ROWS]

# Table 2: (json group, label, Art. 20 item, columns).
TABLE2_ROWS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "rules",
        "规章",
        "第二十条第（一）项",
        [("issued", "本年制发件数"), ("abolished", "本年废止件数"), ("in_force", "现行有效件数")],
    ),
    (
        "normative_documents",
        "行政规范性文件",
        "第二十条第（一）项",
        [("issued", "本年制发件数"), ("abolished", "本年废止件数"), ("in_force", "现行有效件数")],
    ),
    ("licensing", "行政许可", "第二十条第（五）项", [("decisions", "本年处理决定数量")]),
    ("penalty", "行政处罚", "第二十条第（六）项", [("decisions", "本年处理决定数量")]),
    ("coercion", "行政强制", "第二十条第（六）项", [("decisions", "本年处理决定数量")]),
    ("fees", "行政事业性收费", "第二十条第（八）项", [("amount_wan_yuan", "本年收费金额（单位：万元）")]),
]

# Table 4.
REVIEW_GROUPS: list[tuple[str, str]] = [
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼 未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼 复议后起诉"),
]
REVIEW_COLUMNS: list[tuple[str, str]] = [
    ("maintained", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
]
REVIEW_RESULTS = ["maintained", "corrected", "other", "pending"]


def applications_table(counts: Mapping[tuple[str, str], int]) -> dict[str, dict[str, int]]:
    """Complete table 3 from raw counts keyed by (row key, applicant type).

    ``counts`` holds ``new``, ``carried_over`` and each outcome row; ``concluded_total`` is the sum of
    the outcome rows and ``carried_forward`` = new + carried_over − concluded_total, per column. The
    ``total`` column is the sum of the six applicant columns in every row.
    """
    rows: dict[str, dict[str, int]] = {}
    for key in ["new", "carried_over", *OUTCOME_KEYS]:
        rows[key] = {column: int(counts.get((key, column), 0)) for column in APPLICANT_TYPES}
    rows["concluded_total"] = {
        column: sum(rows[key][column] for key in OUTCOME_KEYS) for column in APPLICANT_TYPES
    }
    rows["carried_forward"] = {
        column: rows["new"][column] + rows["carried_over"][column] - rows["concluded_total"][column]
        for column in APPLICANT_TYPES
    }
    for row in rows.values():
        row[TOTAL] = sum(row[column] for column in APPLICANT_TYPES)
    return {key: rows[key] for key in TABLE3_KEYS}


def proactive_table(
    figures: Mapping[str, Mapping[str, int | Decimal]],
) -> dict[str, dict[str, int | Decimal]]:
    """Complete table 2 (missing figures are zero)."""
    return {
        group: {column: figures.get(group, {}).get(column, 0) for column, _ in columns}
        for group, _, _, columns in TABLE2_ROWS
    }


def review_table(counts: Mapping[tuple[str, str], int]) -> dict[str, dict[str, int]]:
    """Complete table 4 from counts keyed by (group, result) with result ∈ maintained, corrected,
    other, pending."""
    table = {}
    for group, _ in REVIEW_GROUPS:
        row = {result: int(counts.get((group, result), 0)) for result in REVIEW_RESULTS}
        row["total"] = sum(row.values())
        table[group] = row
    return table


@dataclass(frozen=True)
class Check:
    code: str
    description: str
    passed: bool
    details: dict = field(default_factory=dict)


def check_applications(
    rows: Mapping[str, Mapping[str, int]],
    *,
    open_at_year_end: Mapping[str, int] | None = None,
    previous_carried_forward: Mapping[str, int] | None = None,
) -> list[Check]:
    """The arithmetic the format implies, each as a named check with the offending cells."""
    checks = []
    bad = {
        key: row for key, row in rows.items() if row[TOTAL] != sum(row[column] for column in APPLICANT_TYPES)
    }
    checks.append(Check("row_totals", "每行“总计”等于各类申请人之和", not bad, {"rows": sorted(bad)}))
    bad_cols = [
        column
        for column in [*APPLICANT_TYPES, TOTAL]
        if rows["concluded_total"][column] != sum(rows[key][column] for key in OUTCOME_KEYS)
    ]
    checks.append(
        Check("outcome_subtotals", "“总计”行等于各项办理结果之和", not bad_cols, {"columns": bad_cols})
    )
    bad_cols = [
        column
        for column in [*APPLICANT_TYPES, TOTAL]
        if rows["new"][column] + rows["carried_over"][column]
        != rows["concluded_total"][column] + rows["carried_forward"][column]
    ]
    checks.append(
        Check("balance", "新收 + 上年结转 = 办理结果总计 + 结转下年度", not bad_cols, {"columns": bad_cols})
    )
    negative = [column for column in [*APPLICANT_TYPES, TOTAL] if rows["carried_forward"][column] < 0]
    checks.append(Check("non_negative", "结转下年度不为负数", not negative, {"columns": negative}))
    if open_at_year_end is not None:
        bad_cols = [
            column
            for column in [*APPLICANT_TYPES, TOTAL]
            if rows["carried_forward"][column] != open_at_year_end.get(column, 0)
        ]
        checks.append(
            Check(
                "open_at_year_end",
                "结转下年度等于12月31日尚未办结的申请数",
                not bad_cols,
                {"columns": bad_cols, "open": dict(open_at_year_end)},
            )
        )
    if previous_carried_forward is not None:
        bad_cols = [
            column
            for column in [*APPLICANT_TYPES, TOTAL]
            if rows["carried_over"][column] != previous_carried_forward.get(column, 0)
        ]
        checks.append(
            Check(
                "continuity",
                "上年结转等于上一年度报告的结转下年度",
                not bad_cols,
                {"columns": bad_cols, "previous": dict(previous_carried_forward)},
            )
        )
    return checks


def check_reviews(table: Mapping[str, Mapping[str, int]]) -> list[Check]:
    bad = [
        group for group, row in table.items() if row["total"] != sum(row[result] for result in REVIEW_RESULTS)
    ]
    return [Check("review_totals", "行政复议、行政诉讼各组“总计”等于各项结果之和", not bad, {"groups": bad})]


def with_open_totals(open_counts: Mapping[str, int]) -> dict[str, int]:
    counts = {column: int(open_counts.get(column, 0)) for column in APPLICANT_TYPES}
    counts[TOTAL] = sum(counts.values())
    return counts
