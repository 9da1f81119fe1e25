"""Demo solicitations of the 示范市发展和改革委员会, dated around the day the demo is loaded: one open
for comment, one closed awaiting its feedback, one with published feedback and its final policy."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.catalog import services as catalog_services
from gongkai.core.demo import DemoContext
from gongkai.core.system import SYSTEM
from gongkai.solicitation import services
from gongkai.solicitation.models import Solicitation

AGENCY = "sfs-fgw"
HOW = "可在本页面提交意见，或发送电子邮件至 fgw@sfs.gov.example，或邮寄至示范市人民路3号（信封注明“征求意见”）。"
CONTACTS = "示范市发展和改革委员会政策法规科，电话 0731-12345601"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _solicitation(agency, title, kind, opens_on, closes_on, draft) -> Solicitation | None:
    if Solicitation.objects.filter(agency=agency, title=title).exists():
        return None
    solicitation = services.create_solicitation(
        actor=SYSTEM,
        agency=agency,
        kind=kind,
        title=title,
        draft=draft,
        explanation="起草说明：为落实上级部署，结合本市实际，起草了本稿。现公开征求社会各界意见。",
        how_to_comment=HOW,
        contacts=CONTACTS,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    return services.publish_solicitation(solicitation, actor=SYSTEM, on=opens_on)


def _comments(solicitation, texts, day: dt.date) -> list:
    return [
        services.submit_comment(solicitation, text=text, name=name, contact=contact, at=_at(day, 9 + index))
        for index, (text, name, contact) in enumerate(texts)
    ]


def _open(agency, today):
    solicitation = _solicitation(
        agency,
        "示范市优化营商环境若干措施（征求意见稿）",
        "normative_document",
        today - dt.timedelta(days=3),
        today + dt.timedelta(days=25),
        "<p>第一条 为持续优化营商环境，激发市场主体活力，制定本措施。</p><p>第二条 压减企业开办时间至1个工作日以内。</p>",
    )
    if solicitation is not None:
        _comments(solicitation, [("建议明确“一网通办”的具体办理渠道。", "王某", "wang@example.com")], today)


def _closed(agency, today):
    solicitation = _solicitation(
        agency,
        "示范市公共停车场管理办法（征求意见稿）",
        "major_decision",
        today - dt.timedelta(days=60),
        today - dt.timedelta(days=10),  # the feedback is due within 20 working days: not late yet
        "<p>第一条 为规范公共停车场管理，制定本办法。</p><p>第八条 公共停车场实行政府指导价。</p>",
    )
    if solicitation is None:
        return
    first, _, third = _comments(
        solicitation,
        [
            ("建议降低公共停车场的收费标准，减轻市民负担。", "李某", "13900000001"),
            ("建议将公共停车场收费标准降低，减轻市民的负担。", "", ""),
            ("第八条应明确政府指导价的调整程序。", "某律师事务所", "0731-22223333"),
        ],
        today - dt.timedelta(days=40),
    )
    services.decide_comment(
        first, actor=SYSTEM, decision="partially_adopted", reason="收费标准将结合成本调查确定"
    )
    services.decide_comment(third, actor=SYSTEM, decision="adopted")


def _reported(agency, today):
    title = "示范市居民阶梯电价实施办法（征求意见稿）"
    opens_on, closes_on = today - dt.timedelta(days=160), today - dt.timedelta(days=110)
    solicitation = _solicitation(
        agency, title, "rule", opens_on, closes_on, "<p>第一条 为推进居民阶梯电价制度，制定本办法。</p>"
    )
    if solicitation is None:
        return
    comments = _comments(
        solicitation,
        [
            ("建议提高第一档电量基数，照顾多人口家庭。", "赵某", "13900000002"),
            ("建议对低保家庭免收第二档加价。", "", ""),
        ],
        opens_on + dt.timedelta(days=5),
    )
    services.decide_comment(comments[0], actor=SYSTEM, decision="adopted")
    services.decide_comment(
        comments[1], actor=SYSTEM, decision="not_adopted", reason="低保家庭已另有电费补贴政策"
    )
    services.publish_feedback(
        solicitation,
        actor=SYSTEM,
        on=closes_on + dt.timedelta(days=10),
        summary="征求意见期间共收到意见2条，我委逐条研究并作出如下处理。",
        rows=[
            {"comments": [comments[0].pk], "summary": "提高第一档电量基数", "decision": "adopted"},
            {
                "comments": [comments[1].pk],
                "summary": "低保家庭免收第二档加价",
                "decision": "not_adopted",
                "reason": "低保家庭已另有电费补贴政策",
            },
        ],
    )
    final = catalog_services.create_item(
        actor=SYSTEM,
        agency=agency,
        title="示范市居民阶梯电价实施办法",
        genre="normative_document",
        topic="economy",
        body="<p>第一条 为推进居民阶梯电价制度，制定本办法。</p>",
        formed_on=closes_on + dt.timedelta(days=30),
    )
    catalog_services.publish_item(final, actor=SYSTEM, on=closes_on + dt.timedelta(days=32))
    services.link_final_item(solicitation, actor=SYSTEM, item=final)


def load(context: DemoContext) -> None:
    agency = context.agencies.get(AGENCY)
    if agency is None:
        return
    today = timezone.localdate()
    _open(agency, today)
    _closed(agency, today)
    _reported(agency, today)
    context.notes.append(
        "意见征集：示范市发改委有征集中、已截止待反馈、已公布采纳情况各一项（/solicitations/）。"
    )
