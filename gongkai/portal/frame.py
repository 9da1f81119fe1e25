"""The header and footer items of a Chinese government website, from settings.

政府网站发展指引 (国办发〔2017〕47号) asks every government site for its 网站标识码, ICP备案号,
公安机关备案号, the 党政机关网站 mark, the 主办/承办单位 and a 我为政府网站找错 entry, and a
human-readable 网站地图. Items not configured are left out rather than shown empty.
"""

from __future__ import annotations

import re

from django.conf import settings

ICP_REGISTER = "https://beian.miit.gov.cn/"
PSB_REGISTER = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"


def psb_url(record: str) -> str:
    """The link of a 公安备案号: the configured one, else the national register's page of its number."""
    if settings.GONGKAI_PSB_RECORD_URL:
        return settings.GONGKAI_PSB_RECORD_URL
    digits = "".join(re.findall(r"\d+", record))
    return PSB_REGISTER.format(code=digits) if digits else ""


def frame(sponsor_default: str) -> dict:
    record = settings.GONGKAI_PSB_RECORD
    return {
        "site_id_code": settings.GONGKAI_SITE_ID_CODE,
        "icp_record": settings.GONGKAI_ICP_RECORD,
        "icp_url": ICP_REGISTER,
        "psb_record": record,
        "psb_url": psb_url(record) if record else "",
        "conac_url": settings.GONGKAI_CONAC_URL,
        "sponsor": settings.GONGKAI_SPONSOR or sponsor_default,
        "organizer": settings.GONGKAI_ORGANIZER,
    }
