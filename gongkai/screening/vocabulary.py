"""The vocabulary of screening (domain/screening.md) — pure Python, no Django.

Finding kinds and severities are API codes (``GET /screening`` findings); the labels are what staff
read beside a finding. ``hk_macau_permit`` is the detector's code that domain/screening.md fixes; it
is not the applicant's document type ``hk_macao_permit`` (``applications.vocabulary.IdType``), which
API.md fixes: two codes of two contracts, both kept.
"""

from __future__ import annotations

from gongkai.core.vocabulary import Labelled


class Severity(Labelled):
    BLOCK = "block", "阻止发布"
    WARN = "warn", "提示核实"


class FindingKind(Labelled):
    ID_CARD = "id_card", "居民身份证号码"
    ID_CARD_15 = "id_card_15", "15位身份证号码"
    MOBILE = "mobile", "手机号码"
    BANK_CARD = "bank_card", "银行卡号"
    PASSPORT = "passport", "护照号码"
    HK_MACAU_PERMIT = "hk_macau_permit", "港澳通行证/回乡证号码"
    LANDLINE = "landline", "固定电话"
    EMAIL = "email", "电子邮箱"
    SECRET_MARKER = "secret_marker", "密级或内部资料标志"
