"""The workbench page of one solicitation: its text, comments (a page of the table, each row's
decision form, refused input shown again), groups, suggested groups, the feedback editor's rows and
the totals counted from the decisions (``workbench_views`` renders it after each act)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.solicitation import decisions, presenters, selectors, similarity
from gongkai.solicitation.vocabulary import DECISION_LABELS, State
from gongkai.solicitation.workbench_forms import (
    AttachmentForm,
    DecisionForm,
    ExtendForm,
    RegisterCommentForm,
)

COMMENTS_PAGE_SIZE = 30


def solicitation_url(solicitation) -> str:
    return reverse("solicitation_staff:detail", args=[solicitation.pk])


def _feedback_rows(comments, groups) -> list[dict]:
    """Rows the feedback editor starts from: one per group, one per comment outside a group."""
    rows = []
    for group in groups:
        members = [comment for comment in comments if comment.group_id == group.pk]
        if members:
            rows.append({"comments": members, "summary": group.summary, "first": members[0]})
    for comment in comments:
        if comment.group_id is None:
            rows.append({"comments": [comment], "summary": comment.text[:120], "first": comment})
    for row in rows:
        row["ids"] = ",".join(str(comment.pk) for comment in row["comments"])
        row["numbers"] = "、".join(str(comment.number) for comment in row["comments"])
        row["summary_rows"] = _text_rows(row["summary"])
        row["reason_rows"] = _text_rows(row["first"].reason)
    return rows


def _text_rows(text: str, per_line: int = 18, least: int = 3, most: int = 10) -> int:
    """Rows a feedback box needs to show its whole text (about 18 characters a line in its cell)."""
    lines = sum(len(line) // per_line + 1 for line in (text or "").splitlines() or [""])
    return max(least, min(most, lines))


def _totals(comments) -> list[tuple[str, int]]:
    """What the report will state, counted from the decisions taken so far (never typed)."""
    totals = decisions.tally(comment.decision for comment in comments if comment.decision)
    return [(DECISION_LABELS[decision], count) for decision, count in totals.by_decision.items()]


def _comments_page(request, comments, failed: FailedDecision | None):
    """The page of the comment table asked for, or the one holding a refused comment decision."""
    if failed and failed.target == "comment":
        for index, comment in enumerate(comments):
            if comment.pk == failed.pk:
                return index // COMMENTS_PAGE_SIZE + 1
    return request.GET.get("comments_page")


def comment_url(solicitation, comment) -> str:
    """The comment's row: on the page of the table that holds it."""
    before = selectors.comments_of(solicitation).filter(number__lt=comment.number).count()
    page = before // COMMENTS_PAGE_SIZE + 1
    query = f"?comments_page={page}" if page > 1 else ""
    return f"{solicitation_url(solicitation)}{query}#comment-{comment.number}"


@dataclass(frozen=True)
class FailedDecision:
    """A refused decision, shown again in its own form: what was chosen and typed, and why."""

    target: str  # "comment" or "group"
    pk: int
    decision: str
    reason: str
    error: str
    field: str  # the field the error is about: "decision" or "reason"


def _decision_forms(comments, groups, failed: FailedDecision | None) -> None:
    """Each comment's and group's decide form starts from its record, a refused one from the input."""
    for target, rows in (("comment", comments), ("group", groups)):
        for row in rows:
            row.form_decision = getattr(row, "decision", "")
            row.form_reason = getattr(row, "reason", "")
            row.form_error = row.form_error_field = ""
            if failed and failed.target == target and failed.pk == row.pk:
                row.form_decision, row.form_reason = failed.decision, failed.reason
                row.form_error, row.form_error_field = failed.error, failed.field


def detail_page(
    request,
    solicitation,
    *,
    register_form: RegisterCommentForm | None = None,
    attachment_form: AttachmentForm | None = None,
    failed_decision: FailedDecision | None = None,
    status: int = 200,
):
    """The solicitation page; a refused form is shown again next to itself with the input kept."""
    today = timezone.localdate()
    comments = list(selectors.comments_of(solicitation))
    groups = list(solicitation.groups.all())
    _decision_forms(comments, groups, failed_decision)
    asked = _comments_page(request, comments, failed_decision)
    comments_page = Paginator(comments, COMMENTS_PAGE_SIZE).get_page(asked)
    ungrouped = {comment.pk: comment.text for comment in comments if comment.group_id is None}
    by_pk = {comment.pk: comment for comment in comments}
    context = {
        "solicitation": solicitation,
        "s": presenters.staff_payload(solicitation, today),
        "comments": comments,
        "comments_page": comments_page,
        "groups": groups,
        "suggested": [[by_pk[key] for key in keys] for keys in similarity.similar_groups(ungrouped)],
        "feedback_rows": _feedback_rows(comments, groups),
        "totals": _totals(comments),
        "personal": selectors.sees_commenters(request.user, solicitation.agency_id),
        "can_edit": permissions.may(request.user, "edit", solicitation.agency_id),
        "can_review": permissions.may(request.user, "review", solicitation.agency_id),
        "decision_form": DecisionForm(),
        "extend_form": ExtendForm(),
        "attachment_form": attachment_form or AttachmentForm(),
        "register_form": register_form or RegisterCommentForm(initial={"received_on": today}),
        "today": today,
        "State": State,
    }
    return render(request, "solicitation/workbench/detail.html", context, status=status)
