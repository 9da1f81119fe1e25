"""Outgoing mail as staff see it: mail of the agencies where they are staff (all for a superuser)."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.agencies import permissions
from gongkai.core.errors import NotFound
from gongkai.notifications.models import MailStatus, OutgoingMail


def visible(user) -> QuerySet:
    queryset = OutgoingMail.objects.select_related("agency")
    if permissions.access_for(user).is_superuser:
        return queryset
    return permissions.scope(user, queryset.filter(agency__isnull=False))


def failed(user, agency=None) -> QuerySet:
    queryset = visible(user).filter(status=MailStatus.FAILED)
    return queryset.filter(agency=agency) if agency is not None else queryset


def mail_for(user, pk: int) -> OutgoingMail:
    """One mail the user may see; mail of no agency (system mail) is the superuser's only."""
    mail = OutgoingMail.objects.select_related("agency").filter(pk=pk).first()
    if mail is None:
        raise NotFound()
    if mail.agency_id is None:
        if not permissions.access_for(user).is_superuser:
            raise NotFound()
    else:
        permissions.require(user, "view", mail.agency_id)
    return mail
