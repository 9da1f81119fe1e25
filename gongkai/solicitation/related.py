"""What the solicitation app adds to a catalogue item's public page: a final policy links the
consultation and its feedback (713号令 Art. 32); the feedback notice links its consultation."""

from __future__ import annotations

from gongkai.catalog.related import RelatedLink
from gongkai.solicitation.models import Feedback, Solicitation

HEADING = "意见征集"


def links_for_item(item) -> list[RelatedLink]:
    links = []
    for solicitation in Solicitation.objects.filter(
        final_item=item, published_on__isnull=False
    ).select_related("feedback__item"):
        links.append(RelatedLink(HEADING, f"征求意见：{solicitation.title}", solicitation.get_absolute_url()))
        feedback = _feedback(solicitation)
        if feedback is not None and feedback.item.is_public:
            links.append(RelatedLink(HEADING, feedback.item.title, feedback.item.get_absolute_url()))
    feedback = Feedback.objects.filter(item=item).select_related("solicitation").first()
    if feedback is not None:
        links.append(
            RelatedLink(
                HEADING,
                f"征求意见稿：{feedback.solicitation.title}",
                feedback.solicitation.get_absolute_url(),
            )
        )
    return links


def _feedback(solicitation: Solicitation) -> Feedback | None:
    try:
        return solicitation.feedback
    except Feedback.DoesNotExist:
        return None
